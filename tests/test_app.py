"""The explorer driven as a user would, through Textual's Pilot, on the real seeds."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import re
import subprocess
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer

from core.corpus import Corpus, load_corpus
from core.models import Bulletin, BulletinEntity, Entity, EntityKind, Hit, RoleSeen, Span
from core.search import EntitySearch
from tui.app import ImssApp, make_app
from tui.cli import main
from tui.safe_text import FORMAT_PLACEHOLDER, safe_text, visible
from tui.screens.finder import FinderScreen
from tui.screens.help import HelpScreen
from tui.screens.profile import ProfileScreen, profile_header
from tui.widgets.bulletin_list import BulletinList
from tui.widgets.entity_rows import entity_row

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

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


def pilot_test(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async Pilot test on a fresh event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def screen_text(widget: Widget) -> list[str]:
    """What the widget shows right now, line by line (its own line API)."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def rendered(widget: Widget) -> list[Strip]:
    """Every line of a (non line-API) widget as drawn at its current size."""
    return widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))


async def loaded(app: ImssApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.corpus is not None, "the corpus did not load"


async def caught_up(app: ImssApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the reader shows the bulletin under the list cursor (opens are deferred
    while keys arrive in a burst)."""
    for _ in range(500):
        if not app.open_pending:
            break
        await pilot.pause(0.01)
    await pilot.pause()
    assert not app.open_pending, "the reader never caught up with the list cursor"


def seeds_app() -> ImssApp:
    return make_app(use_cache=False)


# -- text safety -----------------------------------------------------------------------------


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
    for text in (entity_row(entity, 80, hit), profile_header(entity)):
        plain = text.plain
        assert "[@click=app.quit]Dr." in plain
        assert "\x1b" not in plain and "\x07" not in plain and "\u202e" not in plain
        assert "\u241b" in plain


# -- the seeds, as a user sees them -------------------------------------------------------------


@pilot_test
async def test_list_shows_five_bulletins_in_date_order_estimates_at_their_midpoint() -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        listing = app.bulletin_list
        dates = [b.date for b in listing.shown]
        assert len(dates) == 5
        dated = [d for d in dates if d is not None]
        assert dated == sorted(dated)
        # 001 and 002 are undated but estimated 2012-12..2014-09: before the 2015 bulletin
        assert dates[:2] == [None, None]
        assert all(b.date_estimate is not None for b in listing.shown[:2])
        assert listing.border_subtitle == "5 / 5"
        lines = screen_text(listing)
        assert sum("undated" in line for line in lines) == 2
        first_dated = next(i for i, line in enumerate(lines) if line.startswith("2015-07-24"))
        assert not any("undated" in line for line in lines[first_dated:])


@pilot_test
async def test_chihuahua_bulletin_lists_the_governor_under_officials() -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        listing = app.bulletin_list
        target = next(i for i, b in enumerate(listing.shown) if b.date == dt.date(2015, 7, 24))
        for _ in range(target):
            await pilot.press("j")
        await caught_up(app, pilot)
        assert app.reader.bulletin is listing.shown[target]
        lines = screen_text(app.sidebar)
        officials = next(i for i, line in enumerate(lines) if line.startswith("Officials"))
        ends = [i for i, line in enumerate(lines) if i > officials and line[:1].isalpha()]
        section = lines[officials : ends[0] if ends else None]
        assert any("César Duarte Jáquez" in line for line in section), lines


@pilot_test
async def test_finder_filters_to_the_governor_and_escape_restores_all() -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
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
        shown = {b.id for b in app.bulletin_list.shown}
        assert shown == mentioning
        assert 0 < len(shown) < 5
        assert app.bulletin_list.border_subtitle.startswith(f"{len(shown)} / 5")
        # the reader opened the first of them, at a mention of him
        reader = app.reader
        assert reader.bulletin is not None and reader.bulletin.id in mentioning
        start, end = reader.targets[reader.target_index]
        assert "Duarte" in reader.bulletin.text[start:end]
        assert app.filter_chip is not None and "César Duarte Jáquez" in app.filter_chip.plain
        assert "César Duarte Jáquez" in str(app.bulletin_list.border_title)
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.bulletin_list.shown) == 5
        assert app.bulletin_list.border_subtitle == "5 / 5"
        assert app.filter_chip is None


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
        while app.corpus is None:
            await pilot.pause(0.01)
        await pilot.pause()
        assert len(app.bulletin_list.shown) == 5 and not corpus.finder_ready
        await pilot.press("down")  # the list works before the index exists
        assert app.bulletin_list.cursor == 1
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
    query: str, governor: str, state: str
) -> None:
    app = seeds_app()
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
async def test_finder_escape_closes_without_filtering() -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("ctrl+k")
        assert isinstance(app.screen, FinderScreen)
        await pilot.press(*"imss", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, FinderScreen)
        assert len(app.bulletin_list.shown) == 5


@pilot_test
async def test_sidebar_selection_jumps_and_n_cycles_mentions() -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        bulletin = app.reader.bulletin
        assert bulletin is not None
        app.sidebar.focus()
        await pilot.pause()
        entity = app.sidebar.current
        assert entity is not None
        await pilot.press("enter")
        await pilot.pause()
        reader = app.reader
        spans = sorted((m.start, m.end) for m in entity.mentions)
        assert reader.targets == spans and reader.target_index == 0
        if len(spans) > 1:
            await pilot.press("n")
            assert reader.target_index == 1
            await pilot.press("N")
            assert reader.target_index == 0
        await pilot.press("N")
        assert reader.target_index == len(spans) - 1, "N wraps to the last mention"


@pilot_test
async def test_f_filters_to_the_selected_entity_and_p_opens_its_profile() -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        app.sidebar.focus()
        await pilot.pause()
        entity = app.sidebar.current
        assert entity is not None and entity.entity_id
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        profile = app.screen
        assert profile.entity.id == entity.entity_id
        listing = profile.query_one("#profile-bulletins", BulletinList)
        dates = [b.date for b in listing.shown if b.date]
        assert dates == sorted(dates)
        assert {b.id for b in listing.shown} == set(profile.entity.bulletin_ids)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ProfileScreen)
        assert app.filter_entity_id == entity.entity_id
        assert {b.id for b in app.bulletin_list.shown} == set(profile.entity.bulletin_ids)


@pilot_test
async def test_reader_search_marks_matches_and_escape_closes_it() -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("s", *"imss")
        await pilot.pause()
        reader = app.reader
        assert reader.bulletin is not None
        text = reader.bulletin.text
        assert reader.marks and all(text[a:b].lower() == "imss" for a, b in reader.marks)
        assert reader.border_subtitle == f"match 1/{len(reader.marks)}"
        await pilot.press("escape")
        await pilot.pause()
        assert not reader.marks


@pilot_test
async def test_help_lists_bindings_and_q_quits() -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = "\n".join(strip.text for strip in rendered(app.screen.query_one("#help-table")))
        for binding_id in ("app.finder", "app.quit", "list.down", "reader.page_down"):
            assert binding_id in table
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


@pilot_test
async def test_tab_cycles_panes_and_g_G_jump() -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert app.focused is app.bulletin_list
        await pilot.press("G")
        assert app.bulletin_list.cursor == 4
        await pilot.press("g")
        assert app.bulletin_list.cursor == 0
        await pilot.press("tab")
        assert app.focused is app.reader
        await pilot.press("tab")
        assert app.focused is app.sidebar
        await pilot.press("shift+tab")
        assert app.focused is app.reader


@pilot_test
async def test_held_key_moves_the_cursor_and_opens_only_where_it_stops() -> None:
    app = make_app(use_cache=False, open_delay=3600)  # every move after the first is a burst
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        listing = app.bulletin_list
        await pilot.press("j", "j", "j")
        assert listing.cursor == 3
        assert app.open_pending
        assert app.reader.bulletin is not listing.shown[3], "the burst opened every bulletin"
        assert app.sidebar.bulletin is app.reader.bulletin, "sidebar and reader disagree"
        await pilot.press("tab")  # reaching the reader shows where the cursor stopped
        await pilot.pause()
        assert app.focused is app.reader
        assert not app.open_pending
        assert app.reader.bulletin is listing.shown[3]
        assert app.sidebar.bulletin is listing.shown[3]


@pilot_test
async def test_a_single_step_opens_the_bulletin_without_waiting() -> None:
    app = make_app(use_cache=False, open_delay=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("j")
        await pilot.pause()
        assert app.reader.bulletin is app.bulletin_list.shown[1]


@pilot_test
async def test_clicking_a_row_opens_that_bulletin() -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        # rows are two lines tall inside a border: the third bulletin starts on line 1 + 4
        await pilot.click("#bulletins", offset=(5, 5))
        await pilot.pause()
        assert app.bulletin_list.cursor == 2
        assert app.reader.bulletin is app.bulletin_list.shown[2]


@pilot_test
async def test_narrow_terminal_hides_the_sidebar_until_asked() -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        assert not app.sidebar.display
        await pilot.press("e")
        await pilot.pause()
        assert app.sidebar.display and app.focused is app.sidebar
        assert not app.query_one("#list-pane").display, "narrow: the entities replace the list"
        assert app.reader.size.width >= 40, "the reader keeps a readable width"
        await pilot.press("e")
        await pilot.pause()
        assert not app.sidebar.display and app.query_one("#list-pane").display
        assert app.focused is app.bulletin_list


@pilot_test
async def test_command_palette_offers_the_explorer_actions() -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"find entity")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, FinderScreen)


# -- hostile and failed files -------------------------------------------------------------------


#: Issue 6's list, as written there (the OSC 8 link closed by BEL, not ST).
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
]
CSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


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


def terminal_output(app: ImssApp) -> str:
    """What the terminal would receive for a full repaint of the current screen."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert update is not None
    return update.render_segments(app.console)


def assert_nothing_interpreted(app: ImssApp, *literals: str) -> str:
    """Only colour/cursor CSI reach the terminal; no OSC, BEL, BS, bidi override, link or
    click action; the given markup-looking strings are drawn as they are."""
    assert app.is_running, "bulletin text quit the app"
    output = terminal_output(app)
    for raw in ("\x1b]", "\x07", "\x08", "\u202e", "/etc/passwd\x1b"):
        assert raw not in output, f"{raw!r} reached the terminal"
    text = CSI.sub("", output)
    assert "\x1b" not in text, "an ESC outside colour/cursor sequences reached the terminal"
    for widget in app.screen.walk_children(with_self=False):
        if isinstance(widget, Footer) or any(isinstance(a, Footer) for a in widget.ancestors):
            continue  # the footer's own keys are the only clickable things
        if not widget.display or not widget.size:
            continue
        for strip in rendered(widget):
            assert "\x1b" not in strip.text and "\x07" not in strip.text
            for segment in strip:
                style = segment.style
                if style is not None:
                    assert not style.link, f"a link in {widget!r}: {style.link}"
                    assert "@click" not in (style.meta or {}), f"a click action in {widget!r}"
    for literal in literals:
        assert literal in text, f"{literal!r} is not shown literally"
    return text


@pilot_test
async def test_hostile_bulletin_text_is_shown_literally(tmp_path: Path) -> None:
    app = make_app([hostile_corpus(tmp_path)], use_cache=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(app, pilot)
        assert len(app.bulletin_list.shown) == 1
        # the list (title), the reader (text), the sidebar (roles)
        text = assert_nothing_interpreted(app, "[bold red]x[/]", "[@click=app.quit]quit[/]")
        assert "[link=file:///etc/passwd]x[/link]" in text
        assert "\u241b]52;c;ZXZpbA==\u2407" in text, "OSC 52 shown with visible controls"
        assert "\u241b]8;;http://evil\u2407x" in text, "OSC 8 shown with visible controls"
        assert "\u2408" in text and FORMAT_PLACEHOLDER in text
        roles = [e.role or "" for e in app.sidebar.entities()]
        assert any("[bold red]x[/]" in role for role in roles), roles
        assert any("\x1b" in role for role in roles), "the test needs a role with an ESC"

        # clicking the markup in the reader, the list row and every sidebar row acts on nothing
        await pilot.press("tab")
        await pilot.pause()
        reader_lines = screen_text(app.reader)
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
async def test_failed_file_is_listed_with_its_reason(tmp_path: Path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    app = make_app([png, SEEDS / "000_f30207a0e62f3e58.txt"], use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        listing = app.bulletin_list
        assert len(listing.shown) == 2
        failed = next(i for i, b in enumerate(listing.shown) if b.failed)
        lines = screen_text(listing)
        assert any("✗ failed" in line and "photo.txt" in line for line in lines)
        listing.cursor = failed
        await pilot.pause()
        reader_lines = "\n".join(screen_text(app.reader))
        assert "could not be read" in reader_lines
        reason = next(i.message for i in listing.shown[failed].issues if i.severity == "error")
        assert reason[:30] in reader_lines.replace("\n", " ")


# -- scale: the list draws what is on screen, whatever the size of the corpus ---------------------


def _synthetic(n: int) -> list[Bulletin]:
    start = dt.date(2012, 1, 1)
    return [
        Bulletin(
            id=f"b{i}",
            date=start + dt.timedelta(days=i % 5000),
            number=f"{i}/2024",
            title=f"Boletín número {i}",
            text=f"Boletín número {i}\n\nEl IMSS informa.",
            entities=[
                BulletinEntity(
                    kind=EntityKind.INSTITUTION,
                    name="IMSS",
                    mentions=[Span(start=24, end=28, text="IMSS")],
                )
            ],
        )
        for i in range(n)
    ]


@pilot_test
async def test_ten_thousand_bulletins_render_only_visible_rows() -> None:
    bulletins = _synthetic(10_000)
    app = make_app(loader=lambda paths, **_: _FixedCorpus(bulletins))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        listing = app.bulletin_list
        assert listing.border_subtitle == "10000 / 10000"
        await pilot.press("G")
        await caught_up(app, pilot)
        assert listing.cursor == 9_999
        assert app.reader.bulletin is bulletins[-1]
        assert "Boletín número 9999" in "\n".join(screen_text(listing))
        assert len(listing._cache) <= 4 * listing.size.height


class _FixedCorpus:
    """A corpus of ready-made bulletins, for the scale test only."""

    def __init__(self, bulletins: list[Bulletin]) -> None:
        self.bulletins = self.summaries = bulletins
        self.entities: list[Entity] = []


# -- command line ---------------------------------------------------------------------------


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no/such/file.txt"]) == 2
    err = capsys.readouterr().err
    assert "no/such/file.txt" in err and "Traceback" not in err


def test_help_and_version_exit_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "--no-cache" in capsys.readouterr().out
    assert main(["--version"]) == 0
    assert "imss-tui" in capsys.readouterr().out


def test_parse_subcommand_runs_without_importing_textual() -> None:
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"status = main(['parse', '--json', {str(SEEDS / '003_6e06f150067975fc.txt')!r}])\n"
        "assert 'textual' not in sys.modules, 'textual imported by a non-UI command'\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert '"257/2024"' in done.stdout


def test_text_helpers_never_parse_markup() -> None:
    assert isinstance(safe_text("[b]x[/b]"), Text)
    assert safe_text("[b]x[/b]").plain == "[b]x[/b]"


@pilot_test
async def test_wrapped_reader_lines_map_back_to_the_bulletin_text() -> None:
    """Jumps and highlights rely on it: each wrapped line knows where its text starts."""
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        reader = app.reader
        for width in (120, 84, 60):
            await pilot.resize_terminal(width, 40)
            await pilot.pause()
            for bulletin in app.corpus.bulletins:
                reader.show(bulletin)
                text = visible(bulletin.text)
                body = [line for line in reader._lines if line.origin is not None]
                assert body
                for line in body:
                    plain = line.text.plain
                    assert text[line.origin : line.origin + len(plain)] == plain


@pilot_test
async def test_the_current_mention_is_painted_exactly_on_its_text() -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash", *"gober chihu")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        reader = app.reader
        start, end = reader.targets[reader.target_index]
        painted = ""
        for y in range(reader.size.height):
            for segment in reader.render_line(y):
                if segment.style and segment.style.bgcolor == reader.target_style.bgcolor:
                    painted += segment.text
        assert painted.replace(" ", "") == reader.bulletin.text[start:end].replace(" ", "")


@pilot_test
async def test_text_search_lists_matching_bulletins_and_marks_the_words() -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("t", *"convenio")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.results.hits
        assert hits, "the seeds talk about convenios"
        await pilot.press("enter")
        await pilot.pause()
        assert {b.id for b in app.bulletin_list.shown} == {h.bulletin_id for h in hits}
        reader = app.reader
        assert reader.bulletin is not None and reader.bulletin.id == hits[0].bulletin_id
        assert reader.marks
        assert all(
            reader.bulletin.text[a:b].lower().startswith("convenio") for a, b in reader.marks
        )
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.bulletin_list.shown) == 5 and not reader.marks
