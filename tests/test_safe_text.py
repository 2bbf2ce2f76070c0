"""Bulletin text drawn by the app: markup stays literal, control characters visible."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.style import Style
from rich.text import Text

from core.models import Entity, EntityKind, Hit, RoleSeen
from core.visible import without_terminal_sequences
from tui.palette import Palette
from tui.safe_text import FORMAT_PLACEHOLDER, safe_text, visible
from tui.screens.profile import profile_header
from tui.widgets.entity_rows import entity_row

HOSTILE = [
    "[bold red]x[/]",
    "[@click=app.quit]quit[/]",
    "[link=file:///etc/passwd]x[/link]",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x1b]52;c;ZXZpbA==\x07",
    "bell\x07 back\x08space",
    "abc\u202edcba",
]


@pytest.mark.parametrize("raw", HOSTILE)
def test_safe_text_keeps_markup_literal_and_controls_visible(raw: str) -> None:
    text = safe_text(raw)
    assert len(text.plain) == len(raw), "one character for one, so spans stay valid"
    assert not text.spans, "nothing in the data became a style"
    for char in text.plain:
        assert ord(char) >= 0x20 and not 0x7F <= ord(char) < 0xA0
        assert char not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    if raw.startswith("["):
        assert text.plain == raw


def test_visible_uses_control_pictures() -> None:
    assert visible("\x1b[31m") == "\u241b[31m"
    assert visible("a\x07b\x08") == "a\u2407b\u2408"
    assert visible("x\u202ey") == f"x{FORMAT_PLACEHOLDER}y"


def test_finder_and_profile_rows_show_hostile_names_literally() -> None:
    name = "[@click=app.quit]Dr. \x1b]52;c;eA==\x07 Evil\u202e[/]"
    entity = Entity(
        id="e1",
        kind=EntityKind.OFFICIAL,
        name=name,
        aliases=["[b]alias\x1b[2J"],
        roles=[RoleSeen(role="[red]Director\x08", dates=[dt.date(2024, 1, 2)])],
        bulletin_ids=["b1"],
    )
    hit = Hit(entity=entity, score=90, matched=name, spans=[(0, 3)])
    palette = Palette(
        kind={kind: Style(bold=True) for kind in EntityKind},
        mark=Style(reverse=True),
        current_mark=Style(reverse=True),
        match=Style(underline=True),
    )
    for text in (entity_row(entity, 80, palette, hit), profile_header(entity, palette)):
        plain = text.plain
        assert "[@click=app.quit]Dr." in plain
        assert "\x1b" not in plain and "\x07" not in plain and "\u202e" not in plain
        assert "\u241b" in plain


def test_text_helpers_never_parse_markup() -> None:
    assert isinstance(safe_text("[b]x[/b]"), Text)
    assert safe_text("[b]x[/b]").plain == "[b]x[/b]"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x1b[31mrojo\x1b[0m b", "arojo b"),
        ("x\x1b[1;38;5;200;?Hy", "xy"),
        ("\x1b]0;título\x07texto", "texto"),
        ("\x1b]8;;http://evil.example\x1b\\enlace\x1b]8;;\x1b\\", "enlace"),
        ("\x1bP1$r0m\x1b\\dcs", "dcs"),
        ("\x9b1mC1\x9d0;t\x9c", "C1"),
        ("\x1b(B\x1b7ok", "ok"),
        ("\x1b]sin terminar: el texto sigue", "sin terminar: el texto sigue"),
        ("«\x1b» y campana\x07", "«\x1b» y campana\x07"),  # no sequence: left to `visible`
    ],
)
def test_terminal_sequences_go_whole(raw: str, clean: str) -> None:
    assert without_terminal_sequences(raw) == clean
