"""Refresh key and watch mode: files added while the app runs join the list, the cursor stays."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from pilot_helpers import SEEDS, caught_up, loaded, pilot_test

from core.folder_state import folder_state
from tui.app import ImssApp, make_app
from tui.cli import main

#: Dated before every seed: it sorts first, above the cursor.
EARLY = (
    "Ciudad de México, a 3 de enero de 2011.\n\n"
    "INAUGURA IMSS CLÍNICA EN TLAXCALA\n\n"
    "El gobernador de Tlaxcala, Mariano González Zarur, inauguró la Unidad de Medicina "
    "Familiar No. 8 del IMSS en Tlaxcala.\n"
)

#: Names Chiapas and no IMSS.
CHIAPAS_ONLY = (
    "Tuxtla Gutiérrez, Chiapas, a 3 de enero de 2011.\n\n"
    "INAUGURAN ESCUELA EN CHIAPAS\n\n"
    "El gobernador de Chiapas, Juan Sabines Guerrero, inauguró una escuela primaria.\n"
)


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "bulletins"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    return folder


async def _settle(app: ImssApp, pilot, until) -> None:  # type: ignore[no-untyped-def]
    # Polled: waiting on the workers would raise when a newer exclusive one cancels one.
    for _ in range(1200):
        await pilot.pause(0.05)
        if until() and not app._loading:
            return
    raise AssertionError("the app never picked up the new file")


@pilot_test
async def test_refresh_key_adds_a_new_file_and_keeps_the_cursor(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    app = make_app([folder], open_delay=0)
    async with app.run_test(size=(120, 12)) as pilot:  # short: the list scrolls
        await loaded(app, pilot)
        main_screen = app.main_screen
        listing = main_screen.bulletin_list
        await pilot.press("G", "k", "k")  # scrolled down, the cursor on the view's top row
        await caught_up(app, pilot)
        before = listing.current
        assert before is not None and listing.cursor == 2
        opened = main_screen.reader.bulletin
        row = listing._starts[listing.cursor] - listing.scroll_offset.y
        assert listing.scroll_offset.y > 0
        (folder / "000_early.txt").write_text(EARLY, encoding="utf-8")
        await pilot.press("r")
        await _settle(app, pilot, lambda: listing.total == 6)
        assert listing.current is not None and listing.current.id == before.id
        assert listing.cursor == 3  # the new bulletin sorts above it
        assert listing._starts[listing.cursor] - listing.scroll_offset.y == row
        assert main_screen.reader.bulletin is opened  # not re-opened, not scrolled
        assert listing.shown[0].title.startswith("INAUGURA IMSS")
        assert listing.border_subtitle == "6 / 6"
        assert app.corpus is not None and app.corpus.search("Mariano González Zarur")


@pilot_test
async def test_refresh_keeps_an_entity_filter_and_adds_matching_bulletins(
    tmp_path: Path,
) -> None:
    folder = _corpus(tmp_path)
    app = make_app([folder], open_delay=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        corpus = app.corpus
        assert corpus is not None
        (imss,) = [e for e in corpus.entities if e.name == "IMSS"]
        app.main_screen.apply_filter(imss.id)
        await pilot.pause()
        listing = app.main_screen.bulletin_list
        shown = len(listing.shown)
        (folder / "000_early.txt").write_text(EARLY, encoding="utf-8")
        await pilot.press("r")
        await _settle(app, pilot, lambda: len(listing.shown) == shown + 1)
        assert app.main_screen.filter_entity_id == imss.id
        assert listing.total == 6


@pilot_test
async def test_refresh_keeps_every_chip_not_only_the_last_entity(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    app = make_app([folder], open_delay=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        corpus = app.corpus
        assert corpus is not None
        (imss,) = [e for e in corpus.entities if e.name == "IMSS"]
        (chiapas,) = [e for e in corpus.entities if e.name == "Chiapas"]
        app.main_screen.apply_filter(imss.id)
        app.main_screen.apply_filter(chiapas.id)
        await pilot.pause()
        listing = app.main_screen.bulletin_list
        both = {b.id for b in listing.shown}
        assert both and len(both) < listing.total
        # names Chiapas (the last chip) but not the IMSS (the first): it must stay out
        (folder / "000_early.txt").write_text(CHIAPAS_ONLY, encoding="utf-8")
        await pilot.press("r")
        await _settle(app, pilot, lambda: listing.total == 6)
        assert {b.id for b in listing.shown} == both
        assert listing.border_subtitle.startswith(f"{len(both)} / 6")


@pilot_test
async def test_watch_mode_picks_up_an_added_file_without_a_key(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    app = make_app([folder], open_delay=0, watch_interval=0.1)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        listing = app.main_screen.bulletin_list
        await pilot.press("G")
        await caught_up(app, pilot)
        last = listing.current
        (folder / "000_early.txt").write_text(EARLY, encoding="utf-8")
        (folder / ".hidden.txt").write_text(EARLY, encoding="utf-8")  # skipped, as at launch
        await _settle(app, pilot, lambda: listing.total == 6)
        assert listing.current == last
        assert listing.cursor == 5


def test_refresh_is_listed_in_help_with_its_id() -> None:
    app = make_app(use_cache=False)
    ids = {getattr(binding, "id", None) for _, items in app.help_sections() for binding in items}
    assert "app.refresh" in ids


def test_folder_state_sees_added_changed_removed_but_not_skipped(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    first = folder_state([folder])
    assert len(first) == 5
    (folder / "notes.docx").write_bytes(b"x")
    assert folder_state([folder]) == first
    added = folder / "000_early.txt"
    added.write_text(EARLY, encoding="utf-8")
    second = folder_state([folder])
    assert len(second) == 6
    added.write_text(EARLY + "Más texto.\n", encoding="utf-8")
    assert folder_state([folder]) != second
    added.unlink()
    assert folder_state([folder]) == first


def test_watch_of_a_missing_folder_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--watch", "no/such/dir"]) == 2
    err = capsys.readouterr().err
    assert "no/such/dir" in err and "Traceback" not in err


@pilot_test
async def test_refreshes_asked_for_during_a_load_run_one_at_a_time(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    running, most = [0], [0]

    def loader(paths, **options):  # type: ignore[no-untyped-def]
        from core.corpus import load_corpus

        running[0] += 1
        most[0] = max(most[0], running[0])
        try:
            time.sleep(0.2)  # a load long enough for the keys below to arrive during it
            return load_corpus(paths, **options)
        finally:
            running[0] -= 1

    app = make_app([folder], open_delay=0, loader=loader)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        (folder / "000_early.txt").write_text(EARLY, encoding="utf-8")
        await pilot.press("r")
        (folder / "000_earlier.txt").write_text(EARLY.replace("2011", "2010"), encoding="utf-8")
        await pilot.press("r", "r")
        listing = app.main_screen.bulletin_list
        await _settle(app, pilot, lambda: listing.total == 7)
        assert most[0] == 1
