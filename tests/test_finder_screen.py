"""The fuzzy finder (/ or ctrl+k) driven through Pilot, on the real seeds."""

from __future__ import annotations

import re
import threading

import pytest
from pilot_helpers import loaded, pilot_test, screen_text
from rich.style import Style
from textual import events
from textual.widgets import Input, Static

from core.corpus import Corpus, load_corpus
from core.models import Entity, EntityKind
from core.search import EntitySearch
from tui.app import ImssApp, make_app
from tui.palette import Palette
from tui.screens.finder import FinderScreen
from tui.screens.profile import ProfileScreen
from tui.widgets.entity_rows import entity_row, facility_state


@pilot_test
async def test_finder_filters_to_the_governor_and_escape_restores_all(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, FinderScreen)
        await pilot.press(*"gober chihu")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        finder = app.screen
        assert isinstance(finder, FinderScreen)
        top = finder.results.current
        assert top is not None and top.name == "César Duarte Jáquez"
        count = str(finder.query_one("#finder-count").render())
        assert count.endswith(f"/{len(app.corpus.entities)}")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FinderScreen)
        mentioning = {
            b.id for b in app.corpus.bulletins if any(e.entity_id == top.id for e in b.entities)
        }
        shown = {b.id for b in main.bulletin_list.shown}
        assert shown == mentioning
        assert 0 < len(shown) < 5
        assert main.bulletin_list.border_subtitle.startswith(f"{len(shown)} / 5")
        # the reader opened the first of them, at a mention of him
        reader = main.reader
        assert reader.bulletin is not None and reader.bulletin.id in mentioning
        start, end = reader.targets[reader.target_index]
        assert "Duarte" in reader.bulletin.text[start:end]
        assert main.filter_chip is not None and "César Duarte Jáquez" in main.filter_chip.plain
        assert "César Duarte Jáquez" in str(main.bulletin_list.border_title)
        await pilot.press("escape")
        await pilot.pause()
        assert len(main.bulletin_list.shown) == 5
        assert main.bulletin_list.border_subtitle == "5 / 5"
        assert main.filter_chip is None


class _SlowIndexCorpus(Corpus):
    """A corpus whose fuzzy index takes as long as the test wants (as 100k entities do)."""

    gate = threading.Event()

    @property
    def finder(self) -> EntitySearch:
        self.gate.wait(10)
        return super().finder


@pilot_test
async def test_the_list_is_usable_and_the_finder_says_so_while_names_are_indexed() -> None:
    corpus = load_corpus(use_cache=False)
    corpus.__class__ = _SlowIndexCorpus
    app = make_app(loader=lambda paths, **_: corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        while app.corpus is None:
            await pilot.pause(0.01)
        await pilot.pause()
        assert len(main.bulletin_list.shown) == 5 and not corpus.finder_ready
        await pilot.press("down")  # the list works before the index exists
        assert main.bulletin_list.cursor == 1
        await pilot.press("slash", *"imss")
        await pilot.pause(0.05)
        count = app.screen.query_one("#finder-count")
        assert str(count.render()) == "indexing names…"
        _SlowIndexCorpus.gate.set()
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert corpus.finder_ready
        assert re.fullmatch(r"\d+/\d+", str(count.render()))
        assert app.screen.results.current is not None


@pytest.mark.parametrize(
    ("query", "governor", "state"),
    [
        ("gober oaxaca", "Gabino Cué Monteagudo", "Oaxaca"),
        ("gober chiapas", "Manuel Velasco Coello", "Chiapas"),
    ],
)
@pilot_test
async def test_finder_finds_a_governor_the_bulletin_calls_gobernador_de_la_entidad(
    seeds_app: ImssApp, query: str, governor: str, state: str
) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash")
        await pilot.press(*query)
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        finder = app.screen
        assert isinstance(finder, FinderScreen)
        top = finder.results.current
        assert top is not None and top.name == governor
        shown = "\n".join(screen_text(finder.results))
        assert f"Gobernador de {state}" in shown, shown


@pilot_test
async def test_finder_escape_closes_without_filtering(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        await pilot.press("ctrl+k")
        assert isinstance(app.screen, FinderScreen)
        await pilot.press(*"imss", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, FinderScreen)
        assert len(main.bulletin_list.shown) == 5


async def _find(app: ImssApp, pilot, query: str) -> FinderScreen:  # type: ignore[no-untyped-def]
    await loaded(app, pilot)
    await pilot.press("slash", *query)
    await app.screen.workers.wait_for_complete()
    await pilot.pause()
    finder = app.screen
    assert isinstance(finder, FinderScreen)
    return finder


@pytest.mark.parametrize(("columns", "role_first"), [(80, False), (64, True)])
@pilot_test
async def test_a_role_match_shows_the_whole_role_first_when_the_row_is_short(
    seeds_app: ImssApp, columns: int, role_first: bool
) -> None:
    app = seeds_app
    async with app.run_test(size=(columns, 24)) as pilot:
        finder = await _find(app, pilot, "gober chihu")
        hit = finder.results.hits[0] if finder.results.hits else None
        assert hit is not None and hit.field == "role"
        assert hit.entity.name == "César Duarte Jáquez"
        row = screen_text(finder.results)[0]
        assert hit.matched in row, row  # why it matched, whole
        assert "Cés" in row and row.rstrip().endswith("1 bulletin")
        after_badge = row.split(maxsplit=1)[1]
        assert after_badge.startswith(hit.matched) == role_first, row  # no room: role first


@pilot_test
async def test_facilities_show_their_state_in_the_finder_and_the_profile(
    seeds_app: ImssApp,
) -> None:
    app = seeds_app
    async with app.run_test(size=(80, 24)) as pilot:
        finder = await _find(app, pilot, "zona no 1")
        rows = screen_text(finder.results)
        assert any("Hospital General de Zona No. 1, Oaxaca" in row for row in rows), rows
        assert finder.results.current is not None
        assert finder.results.current.name.endswith(", Oaxaca")
        await pilot.press("ctrl+o")
        await pilot.pause()
        profile = app.screen
        assert isinstance(profile, ProfileScreen)
        header = str(profile.query_one("#profile-text", Static).render())
        assert "State  Oaxaca" in header


def test_a_cut_facility_name_keeps_its_state() -> None:
    entity = Entity(
        id="f",
        kind=EntityKind.FACILITY,
        name="Unidad Médica de Alta Especialidad Hospital de Especialidades No. 25, Nuevo León",
        bulletin_ids=["b"],
    )
    palette = Palette(
        kind=dict.fromkeys(EntityKind, Style(color="red")),
        mark=Style(),
        current_mark=Style(),
        match=Style(bold=True),
    )
    row = entity_row(entity, 50, palette).plain
    assert len(row) == 50 and "…" in row
    assert row.endswith(", Nuevo León  1 bulletin"), row
    assert facility_state(entity) == "Nuevo León"


def _burst(app: ImssApp, keys: str) -> None:
    """Keys as a terminal delivers a fast burst: all queued before any is handled."""
    for key in keys.split():
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


@pytest.mark.parametrize(
    ("keys", "expected"),
    [("ctrl+u o a x a c a", "oaxaca"), ("c h i ctrl+u o a x", "oax")],
)
@pilot_test
async def test_ctrl_u_in_a_burst_of_keys_loses_none_of_them(
    seeds_app: ImssApp, keys: str, expected: str
) -> None:
    app = seeds_app
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash")
        await pilot.pause()
        _burst(app, keys)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FinderScreen)
        assert app.screen.query_one(Input).value == expected


@pilot_test
async def test_keys_typed_after_slash_while_loading_reach_the_finder() -> None:
    gate = threading.Event()
    corpus = load_corpus(use_cache=False)

    def slow_loader(paths, **_):  # type: ignore[no-untyped-def]
        gate.wait(10)
        return corpus

    app = make_app(loader=slow_loader)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.corpus is None
        await pilot.press("slash", *"oaxaca")
        await pilot.pause()
        gate.set()
        await loaded(app, pilot)
        for _ in range(100):
            if isinstance(app.screen, FinderScreen):
                break
            await pilot.pause(0.01)
        finder = app.screen
        assert isinstance(finder, FinderScreen)
        assert finder.query_one(Input).value == "oaxaca"
        await finder.workers.wait_for_complete()
        await pilot.pause()
        assert finder.results.current is not None
        assert "Oaxaca" in finder.results.current.name
