"""The fuzzy finder (/ or ctrl+k) driven through Pilot, on the real seeds."""

from __future__ import annotations

import re
import threading

import pytest
from pilot_helpers import loaded, pilot_test, screen_text

from core.corpus import Corpus, load_corpus
from core.search import EntitySearch
from tui.app import ImssApp, make_app
from tui.screens.finder import FinderScreen


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
