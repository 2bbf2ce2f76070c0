"""Quotes in the app: the profile's "Quotes" pane and the reader's quote marks (Pilot)."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.geometry import Region
from textual.widgets import Input

from core.corpus import load_corpus
from core.models import Bulletin
from tui.app import ImssApp, make_app
from tui.commands import EXPLORER_COMMANDS
from tui.screens.export_prompt import ExportScreen
from tui.screens.finder import FinderChoice, FinderScreen, quotes_query
from tui.screens.help import HelpScreen
from tui.screens.profile import ProfileChoice, ProfileScreen
from tui.widgets.quote_list import QuoteList
from tui.widgets.reader import quote_speakers


def explorer(app: ImssApp) -> Any:
    """Whatever holds the list, reader and filters: the main screen, or the app itself."""
    screen = getattr(app, "main_screen", None)
    return screen if hasattr(screen, "bulletin_list") else app


def seeds_app() -> ImssApp:
    return make_app(loader=lambda paths, **_: load_corpus(use_cache=False))


async def pushed(app: ImssApp, pilot: Any, screen: Any) -> list[Any]:
    """Push `screen` over the loaded explorer; the list receives what it is dismissed with."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    results: list[Any] = []
    app.push_screen(screen, results.append)
    await pilot.pause()
    return results


def profile_of(app: ImssApp, entity_id: str) -> ProfileScreen:
    corpus = explorer(app).corpus
    return ProfileScreen(corpus, corpus.entity(entity_id))


def test_profile_lists_a_persons_quotes_and_enter_opens_the_bulletin_at_one() -> None:
    async def run() -> None:
        app = seeds_app()
        async with app.run_test(size=(140, 40)) as pilot:
            await app.workers.wait_for_complete()
            choices = await pushed(
                app, pilot, profile_of(app, "official:jose-antonio-gonzalez-anaya")
            )
            quotes = app.screen.query_one("#profile-quotes", QuoteList)
            assert quotes.display and quotes.item_count() == 5  # one in 001, four in 002
            first_line = quotes.render_item_line(0, 1, 80).plain
            assert first_line.startswith("  “son el futuro hacia donde")
            quotes.focus()
            await pilot.press("down", "enter")
            await pilot.pause()
            choice = choices[0]
            assert isinstance(choice, ProfileChoice) and choice.start is not None
            bulletin = explorer(app).corpus.bulletin(choice.bulletin_id)
        assert isinstance(bulletin, Bulletin)
        said = [q for q in bulletin.quotes if q.start == choice.start]
        assert said and said[0].text.startswith("Este primer convenio")

    asyncio.run(run())


def test_profile_of_someone_never_quoted_hides_the_pane() -> None:
    async def run() -> None:
        app = seeds_app()
        async with app.run_test(size=(140, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pushed(app, pilot, profile_of(app, "official:enrique-pena-nieto"))
            assert not app.screen.query_one("#profile-quotes", QuoteList).display

    asyncio.run(run())


def test_reader_quote_field_counts_speakers_and_unknowns() -> None:
    corpus = load_corpus(use_cache=False)
    oaxaca = next(b for b in corpus.bulletins if b.source and "002_" in b.source)
    assert quote_speakers(oaxaca).plain == (
        "7 in italics: José Antonio González Anaya ×4 · Gabino Cué Monteagudo ×3"
    )


def test_finder_quotes_of_a_name_opens_that_officials_profile() -> None:
    async def run() -> None:
        app = seeds_app()
        async with app.run_test(size=(120, 30)) as pilot:
            await app.workers.wait_for_complete()
            choices = await pushed(app, pilot, FinderScreen(explorer(app).corpus))
            await pilot.press(*"quotes of cue mont")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert choices == [FinderChoice("official:gabino-cue-monteagudo", "profile")]

    asyncio.run(run())


def test_quotes_query_reads_the_name_after_the_prefix() -> None:
    assert quotes_query("Quotes of Zoé") == "Zoé"
    assert quotes_query("citas de robledo") == "robledo"
    assert quotes_query("zoe robledo") is None


def test_export_key_writes_the_filtered_list_and_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    async def run() -> None:
        app = seeds_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            explorer(app).apply_filter("official:jose-antonio-gonzalez-anaya", None)
            await pilot.pause()
            shown = {b.id for b in explorer(app).bulletin_list.shown}
            assert len(shown) == 3
            await pilot.press("x")
            await pilot.pause()
            prompt = app.screen
            assert isinstance(prompt, ExportScreen)
            path = prompt.query_one("#export-path", Input)
            assert path.value.startswith("imss-bulletins-") and path.value.endswith(".csv")
            path.value = "anaya.csv"
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            messages = [n.message for n in app._notifications]
        written = tmp_path / "anaya.csv"
        rows = list(csv.DictReader(written.open(encoding="utf-8", newline="")))
        assert {r["id"] for r in rows} == shown
        assert any(f"3 rows (bulletins) written to {written}" in m for m in messages), messages

    asyncio.run(run())


def test_export_is_in_help_and_the_palette() -> None:
    holders: list[Any] = [ImssApp]
    try:
        from tui.screens.main import MainScreen  # where the explorer's keys live, if split

        holders.append(MainScreen)
    except ImportError:
        pass
    keys = {b.id: b for h in holders for b in h.BINDINGS if isinstance(b, Binding)}
    assert keys["app.export"].key == "x"
    assert "Export list" in [title for title, _, _ in EXPLORER_COMMANDS]


def test_a_quote_picked_in_the_profile_opens_the_bulletin_marked_at_it() -> None:
    async def run() -> None:
        app = seeds_app()
        async with app.run_test(size=(140, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            explorer(app).open_profile("official:gabino-cue-monteagudo")
            await pilot.pause()
            quotes = app.screen.query_one("#profile-quotes", QuoteList)
            quotes.focus()
            await pilot.press("end", "enter")  # his last quote: "Los oaxaqueños que habitan…"
            for _ in range(100):
                await pilot.pause()
                if explorer(app).reader.targets:
                    break
            bulletin = explorer(app).reader.bulletin
            assert bulletin is not None
            start, end = explorer(app).reader.targets[explorer(app).reader.target_index]
            assert bulletin.text[start:end].startswith("Los oaxaqueños que habitan")

    asyncio.run(run())


def test_help_lists_the_export_key() -> None:
    async def run() -> None:
        app = seeds_app()
        async with app.run_test(size=(120, 60)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            table = app.screen.query_one("#help-table")
            lines = table.render_lines(Region(0, 0, table.size.width, table.virtual_size.height))
            text = "\n".join(strip.text for strip in lines)
            assert "app.export" in text and "Export" in text

    asyncio.run(run())
