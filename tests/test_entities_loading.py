"""A cached corpus is listed before its entity table is in: the table loads in a thread.

A script reading entities waits for them and gets every one; the app lists and opens
bulletins at once, and a key that needs the entities (f, p, /, an export of entities) waits
for them without blocking the screen or failing.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select

import core.stored_messages as msg
from core import index as index_module
from core.cache_paths import INDEX_FILENAME
from core.corpus import Corpus, load_corpus
from core.index import Index
from tests.pilot_helpers import SEEDS, pilot_test
from tui.app import make_app
from tui.screens.export_prompt import ExportScreen
from tui.screens.finder import FinderScreen
from tui.screens.profile import ProfileScreen

WAIT_S = 10


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture()
def cache(tmp_path: Path, folder: Path) -> Path:
    """A cache holding the seeds, their entity table resolved and stored."""
    directory = tmp_path / "cache"
    load_corpus([folder], cache_dir=directory).entity_table  # noqa: B018 (resolved)
    index_module._last_write.wait(directory / INDEX_FILENAME)  # stored: written in a thread
    return directory


@pytest.fixture()
def fresh(folder: Path) -> Corpus:
    return load_corpus([folder], use_cache=False)


@pytest.fixture()
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Entity tables load only once the gate opens (as 50,000 bulletins' take a second)."""
    opened = threading.Event()
    restore = Index.resolved

    def slow(self: Index, *args: Any) -> Any:
        opened.wait(WAIT_S)
        return restore(self, *args)

    monkeypatch.setattr(Index, "resolved", slow)
    yield opened
    opened.set()  # no thread is left waiting after the test


def _ids(corpus: Corpus) -> list[list[str | None]]:
    return [[e.entity_id for e in b.entities] for b in corpus.bulletins]


def test_a_script_reading_entities_waits_for_all_of_them(
    folder: Path, cache: Path, fresh: Corpus, gate: threading.Event
) -> None:
    warm = load_corpus([folder], cache_dir=cache)
    assert not warm.entities_ready and "entities loading" in repr(warm)
    assert [s.id for s in warm.summaries] == [b.id for b in fresh.bulletins]  # listed already
    first = fresh.bulletins[0]
    early = warm.bulletin(first.id, wait=False)
    assert early is not None and early.text == first.text
    assert early.entities and all(e.entity_id is None for e in early.entities)

    threading.Timer(0.2, gate.set).start()
    assert [e.model_dump() for e in warm.entities] == [e.model_dump() for e in fresh.entities]
    assert warm.entities_ready and f"{len(fresh.entities)} entities" in repr(warm)
    # the bulletin handed out early is linked now, in place, like every other one
    assert [e.entity_id for e in early.entities] == [e.entity_id for e in first.entities]
    assert warm.bulletin(first.id) is early
    assert _ids(warm) == _ids(fresh)


def test_a_bulletin_read_without_waiting_is_linked_when_the_table_is_in(
    folder: Path, cache: Path, fresh: Corpus, gate: threading.Event
) -> None:
    warm = load_corpus([folder], cache_dir=cache)
    early = [warm.bulletin(s.id, wait=False) for s in warm.summaries]
    told: list[BaseException | None] = []
    linked = threading.Event()
    warm.when_entities_ready(lambda error: (told.append(error), linked.set()))
    gate.set()
    assert linked.wait(WAIT_S) and told == [None]
    assert [[e.entity_id for e in b.entities] for b in early if b] == _ids(fresh)


def test_an_entity_table_that_fails_raises_where_entities_are_read(
    folder: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Index, *args: Any) -> Any:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Index, "resolved", broken)
    warm = load_corpus([folder], cache_dir=cache)
    told: list[BaseException | None] = []
    warm.when_entities_ready(told.append)
    assert len(warm.summaries) == 5 and warm.bulletin(warm.summaries[0].id, wait=False)
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        warm.entities  # noqa: B018
    with pytest.raises(sqlite3.OperationalError):
        warm.entity("official:anyone")
    assert len(told) == 1 and isinstance(told[0], sqlite3.OperationalError)


def test_a_damaged_entity_table_is_resolved_again_and_said_so(
    folder: Path, cache: Path, fresh: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    with sqlite3.connect(cache / INDEX_FILENAME) as conn:
        conn.execute("UPDATE resolved SET entities = x'78da00'")
    # As the next launch: this process holds the table in memory and would not read it.
    monkeypatch.setattr(index_module, "_last_table", index_module._LastTable())
    warm = load_corpus([folder], cache_dir=cache)
    assert [e.model_dump() for e in warm.entities] == [e.model_dump() for e in fresh.entities]
    assert msg.ENTITIES_DAMAGED in warm.notices
    again = load_corpus([folder], cache_dir=cache)  # stored again, whole
    assert len(again.entities) == len(fresh.entities)
    assert msg.ENTITIES_DAMAGED not in again.notices


def test_a_missing_entity_table_is_resolved_again_quietly(
    folder: Path, cache: Path, fresh: Corpus
) -> None:
    with sqlite3.connect(cache / INDEX_FILENAME) as conn:
        conn.execute("DELETE FROM resolved")
    warm = load_corpus([folder], cache_dir=cache)
    assert _ids(warm) == _ids(fresh)
    assert msg.ENTITIES_DAMAGED not in warm.notices  # nothing was damaged: just not there yet


async def _listed(app: Any, pilot: Any) -> None:
    """The list is on screen; the entity table is still loading."""
    for _ in range(WAIT_S * 100):
        if app.corpus is not None:
            break
        await pilot.pause(0.01)
    await pilot.pause()
    assert app.corpus is not None and not app.corpus.entities_ready
    assert len(app.main_screen.bulletin_list.shown) == 5


async def _entities_in(app: Any, pilot: Any, gate: threading.Event) -> None:
    gate.set()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
    assert app.corpus.entities_ready


def _notes(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pilot_test
async def test_f_in_the_sidebar_while_entities_load_filters_once_they_are_in(
    folder: Path, cache: Path, gate: threading.Event
) -> None:
    app = make_app([folder], cache_dir=cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await _listed(app, pilot)
        main = app.main_screen
        assert main.reader.bulletin is not None  # opened without waiting
        main.sidebar.focus()
        await pilot.pause()
        entity = main.sidebar.current
        assert entity is not None and entity.entity_id is None  # not linked yet
        await pilot.press("f")
        assert not main.chips
        assert any("Still reading the entities" in note for note in _notes(app))
        await _entities_in(app, pilot, gate)
        assert entity.entity_id is not None  # the same row, linked now
        assert main.chips.entity_ids == [entity.entity_id]
        assert 0 < len(main.bulletin_list.shown) <= 5


@pilot_test
async def test_p_while_entities_load_opens_the_profile_once_they_are_in(
    folder: Path, cache: Path, gate: threading.Event
) -> None:
    app = make_app([folder], cache_dir=cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await _listed(app, pilot)
        app.main_screen.sidebar.focus()
        await pilot.pause()
        await pilot.press("p")
        assert app.screen is app.main_screen
        await _entities_in(app, pilot, gate)
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.entity.id == app.main_screen.sidebar.current.entity_id


@pilot_test
async def test_the_finder_takes_typing_while_entities_load(
    folder: Path, cache: Path, gate: threading.Event
) -> None:
    app = make_app([folder], cache_dir=cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await _listed(app, pilot)
        await pilot.press("slash", *"duarte")
        await pilot.pause(0.05)
        finder = app.screen
        assert isinstance(finder, FinderScreen)
        assert finder.query_one(Input).value == "duarte"
        count = finder.query_one("#finder-count")
        assert str(count.render()) == "indexing names…"
        await _entities_in(app, pilot, gate)
        assert re.fullmatch(rf"\d+/{len(app.corpus.entities)}", str(count.render()))
        top = finder.results.current
        assert top is not None and "Duarte" in top.name


@pilot_test
async def test_timeline_and_export_work_while_entities_load(
    folder: Path, cache: Path, gate: threading.Event, tmp_path: Path
) -> None:
    app = make_app([folder], cache_dir=cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await _listed(app, pilot)
        main = app.main_screen
        await pilot.press("d")
        assert main.timeline.display and main.timeline.months
        assert sum(main.timeline.counts) == 3 and main.timeline.undated == 2
        await pilot.press("d")
        await pilot.press("x")
        prompt = app.screen
        assert isinstance(prompt, ExportScreen)
        prompt.query_one("#export-what", Select).value = "entities"
        out = tmp_path / "entities.csv"
        prompt.query_one("#export-path", Input).value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is main  # the export waits for the entities in its thread
        await _entities_in(app, pilot, gate)
        rows = out.read_text("utf-8").splitlines()
        assert len(rows) == len(app.corpus.entities) + 1  # a header, then each entity


@pilot_test
async def test_entities_that_cannot_be_read_are_said_and_nothing_crashes(
    folder: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(self: Index, *args: Any) -> Any:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Index, "resolved", broken)
    app = make_app([folder], cache_dir=cache)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(WAIT_S * 100):
            if app.corpus is not None and app.corpus.entities_error is not None:
                break
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause()
        main = app.main_screen
        assert len(main.bulletin_list.shown) == 5 and main.reader.bulletin is not None
        assert any("disk I/O error" in note for note in _notes(app))
        main.sidebar.focus()
        await pilot.press("p")
        assert app.screen is main
        await pilot.press("slash", *"duarte")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        count = str(app.screen.query_one("#finder-count").render())
        assert count == "Could not read the entities: disk I/O error"
        await pilot.press("escape", "x")
        prompt = app.screen
        assert isinstance(prompt, ExportScreen)
        prompt.query_one("#export-what", Select).value = "entities"
        prompt.query_one("#export-path", Input).value = str(tmp_path / "entities.csv")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is main and app.is_running
        assert sum("disk I/O error" in note for note in _notes(app)) >= 3  # load, p, export


@pilot_test
async def test_a_relaunch_draws_the_list_before_restoring_entities_and_finder(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restoring the entity table and the saved fuzzy index is heavy Python: in the app's
    process it would hold the GIL while the first frame is made, so both start after it."""
    from core.finder_cache import FinderCache

    cache = tmp_path / "relaunch-cache"
    first = load_corpus([folder], cache_dir=cache)
    first.finder  # noqa: B018 (built and saved, as the first launch does)
    index_module._last_write.wait(cache / INDEX_FILENAME)
    events: list[str] = []

    def noted(name: str, real: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            events.append(name)
            result = real(*args, **kwargs)
            events.append(f"{name} done" if result is not None else f"{name} found nothing")
            return result

        return call

    monkeypatch.setattr(Index, "resolved", noted("entities", Index.resolved))
    monkeypatch.setattr(FinderCache, "load", noted("finder", FinderCache.load))
    app = make_app([folder], cache_dir=cache)
    display = app._display

    def record(screen: Any, renderable: Any) -> None:
        if app.corpus is not None and app.main_screen.bulletin_list.shown and renderable:
            events.append("listed")
        display(screen, renderable)

    app._display = record  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(WAIT_S * 100):
            if app.corpus is not None and app.corpus.finder_ready:
                break
            await pilot.pause(0.01)
        assert app.corpus is not None and app.corpus.finder_ready
    assert events.index("listed") < events.index("entities") < events.index("entities done")
    assert events.index("entities done") < events.index("finder") < events.index("finder done")
