"""Remapped keys and the theme survive a restart; a broken settings file never stops the app.

conftest points IMSS_TUI_CONFIG and IMSS_TUI_STATE at a fresh temp dir for every test.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from textual.geometry import Region

from core.citation import citation
from tui.app import make_app
from tui.screens.finder import FinderScreen
from tui.screens.help import HelpScreen
from tui.settings import EXAMPLE, Settings, config_path, load_settings, state_path


def _write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def _notifications(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


def test_no_config_file_means_the_defaults_and_no_complaint() -> None:
    assert not config_path().exists()
    assert load_settings() == (Settings(), [])


def test_the_documented_example_is_valid() -> None:
    settings, problems = load_settings(_write_config(EXAMPLE))
    assert problems == []
    assert settings.theme == "textual-light"
    assert settings.keys["app.finder"] == "ctrl+f,slash"


def test_broken_toml_names_the_file_and_the_reason() -> None:
    path = _write_config('theme = "unterminated\n')
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert len(problems) == 1 and str(path) in problems[0] and "not valid TOML" in problems[0]


def test_wrong_entries_are_reported_and_the_valid_ones_kept() -> None:
    path = _write_config(
        'theme = 3\ncolour = "red"\n[keys]\n"app.finder" = "ctrl+f"\n"app.quit" = 7\n'
    )
    settings, problems = load_settings(path)
    assert settings.keys == {"app.finder": "ctrl+f"}
    assert settings.theme is None
    joined = "\n".join(problems)
    assert all(str(path) in p for p in problems)
    assert "theme" in joined and "colour" in joined and "keys.app.quit" in joined


def test_remapped_finder_key_works_and_help_shows_it() -> None:
    _write_config('[keys]\n"app.finder" = "ctrl+f"\n')

    async def run() -> None:
        app = make_app(use_cache=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("slash")  # no longer bound
            assert not isinstance(app.screen, FinderScreen)
            await pilot.press("ctrl+f")
            assert isinstance(app.screen, FinderScreen)
            await pilot.press("escape", "question_mark")
            assert isinstance(app.screen, HelpScreen)
            help_table = app.screen.query_one("#help-table")
            region = Region(0, 0, help_table.size.width, help_table.size.height)
            lines = [strip.text for strip in help_table.render_lines(region)]
            finder_row = next(line for line in lines if "app.finder" in line)
            assert "^f" in finder_row and "/" not in finder_row.split("app.finder")[0]

    asyncio.run(run())


def test_unknown_binding_ids_and_themes_are_reported_not_fatal() -> None:
    path = _write_config('theme = "no-such-theme"\n[keys]\n"app.nonsense" = "x"\n')

    async def run() -> None:
        app = make_app(use_cache=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            messages = _notifications(app)
            assert any(str(path) in m and "'app.nonsense'" in m for m in messages)
            assert any("'no-such-theme'" in m for m in messages)
            assert len(app.main_screen.bulletin_list.shown) == 5  # and everything else works

    asyncio.run(run())


def test_a_wrong_config_theme_is_reported_with_the_valid_ones_even_under_a_remembered_one() -> None:
    path = _write_config('theme = "no-such-theme"\n')
    state_path().parent.mkdir(parents=True, exist_ok=True)
    state_path().write_text(json.dumps({"theme": "nord"}), "utf-8")

    async def run() -> tuple[str, list[str]]:
        app = make_app(use_cache=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return app.theme, _notifications(app)

    theme, messages = asyncio.run(run())
    assert theme == "nord"  # the remembered theme still applies
    wrong = [m for m in messages if "'no-such-theme'" in m]
    assert len(wrong) == 1 and str(path) in wrong[0]
    assert "textual-light" in wrong[0] and "nord" in wrong[0]  # the valid ones are listed


def test_the_theme_picked_is_remembered_for_the_next_launch() -> None:
    async def pick() -> None:
        app = make_app(use_cache=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.theme = "nord"
            await pilot.pause()

    async def reopen() -> str:
        app = make_app(use_cache=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            return app.theme

    asyncio.run(pick())
    assert json.loads(state_path().read_text("utf-8"))["theme"] == "nord"
    assert asyncio.run(reopen()) == "nord"


def test_a_state_dir_that_cannot_be_written_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", "utf-8")
    monkeypatch.setenv("IMSS_TUI_STATE", str(blocker / "state"))  # fails even for root

    async def pick() -> list[str]:
        app = make_app(use_cache=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.theme = "nord"
            await pilot.pause()
            return _notifications(app)

    messages = asyncio.run(pick())
    assert any("could not remember" in m and str(blocker) in m for m in messages)


def test_y_copies_a_citation_and_shift_y_the_text_without_control_characters() -> None:
    async def run() -> None:
        app = make_app(use_cache=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter")  # open the first bulletin
            await pilot.pause()
            bulletin = app.main_screen.reader.bulletin
            assert bulletin is not None
            await pilot.press("y")
            assert app.clipboard == citation(bulletin)
            assert bulletin.number is None or bulletin.number in app.clipboard
            await pilot.press("Y")
            assert app.clipboard == bulletin.text
            assert "\n" in app.clipboard

    asyncio.run(run())


def test_copied_text_never_carries_terminal_controls(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "BOLETÍN DE PRENSA\n\nCiudad de México, 1 de enero de 2024.\n\n"
        "Título \x1b]52;c;ZXZpbA==\x07 con control\n\nTexto \x1b[31mrojo\u202e.\n",
        "utf-8",
    )

    async def run() -> None:
        app = make_app([hostile], use_cache=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter", "Y")
            copied = app.clipboard
            assert "rojo" in copied
            assert not any(c in copied for c in ("\x1b", "\x07", "\u202e"))
            await pilot.press("y")
            assert "\x1b" not in app.clipboard and "\x07" not in app.clipboard

    asyncio.run(run())
