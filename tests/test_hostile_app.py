"""A hostile bulletin through every screen: nothing in it reaches the terminal as control."""

from __future__ import annotations

import re
from pathlib import Path

from pilot_helpers import assert_nothing_interpreted, loaded, pilot_test, screen_text

from tui.app import make_app
from tui.safe_text import FORMAT_PLACEHOLDER
from tui.screens.finder import FinderScreen
from tui.screens.profile import ProfileScreen

HOSTILE_ISSUE = [
    "[bold red]x[/]",
    "[@click=app.quit]quit[/]",
    "[link=file:///etc/passwd]x[/link]",
    "\x1b[31m",
    "\x1b]8;;http://evil\x07x\x1b]8;;\x07",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x07",
    "\x08",
    "\u202e",
    "«\x1b»",  # a lone ESC, starting no sequence: kept, and shown as a picture
]
#: Officials the extractor finds, each with one hostile string inside the role it reads.


HOSTILE_OFFICIALS = [
    "Juan Pérez López",
    "María García Hernández",
    "Luis Ramírez Torres",
    "Ana Martínez Flores",
    "Jorge Sánchez Rivera",
    "Rosa Gómez Morales",
    "Pedro Díaz Castillo",
    "Elena Reyes Ortiz",
    "Carlos Cruz Mendoza",
    "Laura Vega Núñez",
]


def hostile_corpus(tmp_path: Path) -> Path:
    mix = " ".join(HOSTILE_ISSUE)
    people = " ".join(
        f"{name}, titular de la Oficina {raw} Especial, habló."
        for name, raw in zip(HOSTILE_OFFICIALS, HOSTILE_ISSUE, strict=True)
    )
    path = tmp_path / "hostile.txt"
    path.write_text(
        "BOLETÍN DE PRENSA\n\nCiudad de México, jueves 30 de mayo de 2024.\n\n"
        f"Firman IMSS y {mix} convenio\n\n{people}\n\nEl texto sigue: {mix} fin.\n",
        encoding="utf-8",
    )
    return path


@pilot_test
async def test_hostile_bulletin_text_is_shown_literally(tmp_path: Path) -> None:
    app = make_app([hostile_corpus(tmp_path)], use_cache=False)
    async with app.run_test(size=(160, 50)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        assert len(main.bulletin_list.shown) == 1
        # the list (title), the reader (text), the sidebar (roles)
        text = assert_nothing_interpreted(app, "[bold red]x[/]", "[@click=app.quit]quit[/]")
        assert "[link=file:///etc/passwd]x[/link]" in text
        # terminal sequences are gone whole (core.visible), lone controls are shown
        for tail in ("ZXZpbA==", "]52;", "evil", "]8;", "[31m"):
            assert tail not in text, f"{tail!r}: a terminal sequence left its tail"
        assert "«\u241b»" in text and "\u2407" in text and "\u2408" in text
        assert FORMAT_PLACEHOLDER in text
        roles = [e.role or "" for e in main.sidebar.entities()]
        assert any("[bold red]x[/]" in role for role in roles), roles
        assert any("\x1b" in role for role in roles), "the test needs a role with an ESC"

        # clicking the markup in the reader, the list row and every sidebar row acts on nothing
        await pilot.press("tab")
        await pilot.pause()
        reader_lines = screen_text(main.reader)
        row = next(i for i, line in enumerate(reader_lines) if "[@click=app.quit]" in line)
        column = reader_lines[row].index("[@click=app.quit]") + 2
        await pilot.click("#reader", offset=(column + 1, row + 1))
        await pilot.click("#bulletins", offset=(5, 2))
        for y in range(1, 12):
            await pilot.click("#sidebar", offset=(8, y))
        await pilot.pause()
        assert_nothing_interpreted(app, "[bold red]x[/]")

        # the finder: roles with hostile text, by role words and by name
        await pilot.press("slash", *"oficina especial")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FinderScreen)
        assert app.screen.results.item_count() >= 1
        shown = assert_nothing_interpreted(app, "Oficina")
        assert re.search(r"Oficina (\[|\u241b|\u2407|\u2408|\u2426)", shown), (
            "no hostile role shown"
        )
        await pilot.click("#finder-results", offset=(10, 0))
        await pilot.pause()
        assert app.is_running

        # the profile: its roles and the bulletin (hostile title) that mentions it
        if not isinstance(app.screen, FinderScreen):
            await pilot.press("slash", *"oficina especial")
            await app.screen.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert_nothing_interpreted(app, "[@click=app.quit]quit[/]", "[bold red]x[/]")

        # the full-text search results (title and snippet)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen
        await pilot.press("t", *"convenio")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert_nothing_interpreted(app, "[@click=app.quit]quit[/]")


@pilot_test
async def test_a_folder_without_bulletins_is_said_not_left_loading(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    app = make_app([tmp_path], use_cache=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        main = app.main_screen
        listed = "\n".join(screen_text(main.bulletin_list))
        assert "Loading" not in listed and "No bulletin files." in listed
        shown = "".join("".join(screen_text(main.reader)).split())  # wrapped: compare unspaced
        assert f"Nobulletinfilesin{tmp_path}" in shown
        assert "1unsupportedextension'.jpg'" in shown
        assert any("No bulletin files" in n.message for n in app._notifications)
