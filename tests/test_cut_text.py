"""Nothing the user needs is cut mid-word: the footer keeps whole keys (dropping the least
useful ones first), the date filter's hint fits the list, and the profile's co-mentioned
names get the pane's width, the full name on hover and under the pane when selected. Checked
at 120×40 and 80×24, in English and in Spanish (~20% longer)."""

from __future__ import annotations

import pytest
from pilot_helpers import loaded, pilot_test, screen_text
from rich.cells import cell_len
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from core.i18n import set_language
from tui.app import ImssApp, make_app
from tui.screens.profile import ProfileScreen
from tui.widgets.entity_rows import EntityResults
from tui.widgets.fitting_footer import FittingFooter

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]
LANGUAGES = ["en", "es"]


def seeds(language: str) -> ImssApp:
    set_language(language)
    return make_app(use_cache=False)


def screen_line(app: ImssApp, y: int) -> str:
    return app.screen._compositor.render_strips()[y].text


def assert_footer_whole(app: ImssApp) -> list[str]:
    """Every key on the footer drawn whole, none under the palette key; returns the keys."""
    footer = app.screen.query_one(FittingFooter)
    keys = list(footer.query(FooterKey))
    palette = [key for key in keys if key.has_class("-command-palette")]
    assert len(palette) == 1
    line = screen_line(app, footer.region.y)
    limit = palette[0].region.x
    shown = []
    for key in keys:
        if key in palette:
            continue
        assert key.region.right <= limit, f"{key.key_display} {key.description} overflows"
        label = f"{key.key_display} {key.description}"
        assert label in line, (label, line)
        shown.append(key.action)
    assert "help" in shown, line  # ? lists whatever the footer leaves out
    return shown


async def filtered_with_timeline(app: ImssApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """The longest footer: a filter on (esc clears it) and the timeline focused."""
    await loaded(app, pilot)
    await pilot.press("slash", *"gober chihu")
    await app.screen.workers.wait_for_complete()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("d")
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
@pilot_test
async def test_footer_keys_are_never_cut(language: str, size: tuple[int, int]) -> None:
    app = seeds(language)
    async with app.run_test(size=size) as pilot:
        await loaded(app, pilot)
        await pilot.pause()
        idle = assert_footer_whole(app)
        assert {"finder", "text_search", "toggle_timeline", "help"} <= set(idle)
        await filtered_with_timeline(app, pilot)
        busy = assert_footer_whole(app)
        assert {"choose", "finder", "clear", "toggle_timeline"} <= set(busy)
        if size == (120, 40):
            assert "mark" in busy  # room for the timeline's own keys
        await pilot.press("escape", "escape", "d", "p")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert {"close", "filter", "help"} <= set(assert_footer_whole(app))


@pilot_test
async def test_footer_brings_keys_back_when_the_terminal_widens() -> None:
    app = seeds("es")
    async with app.run_test(size=(80, 24)) as pilot:
        await filtered_with_timeline(app, pilot)
        narrow = assert_footer_whole(app)
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        await pilot.pause()
        wide = assert_footer_whole(app)
        assert set(narrow) < set(wide) and {"mark", "quit", "toggle_sidebar"} <= set(wide)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
@pilot_test
async def test_date_filter_hint_fits_the_list(language: str, size: tuple[int, int]) -> None:
    app = seeds(language)
    async with app.run_test(size=size) as pilot:
        await loaded(app, pilot)
        await pilot.press("D")
        await pilot.pause()
        field = app.screen.query_one("#date-input", Input)
        region = field.content_region
        shown = screen_line(app, region.y)[region.x : region.right]
        assert cell_len(field.placeholder) <= region.width
        assert field.placeholder in shown and "2015" in shown and ".." in shown
        await pilot.press("escape", "tab", "s")
        await pilot.pause()
        search = app.screen.query_one("#reader-search", Input)
        region = search.content_region
        assert search.placeholder in screen_line(app, region.y)[region.x : region.right]
        await pilot.resize_terminal(60, 24)  # the list at its narrowest share
        await pilot.press("escape", "shift+tab", "D")
        await pilot.pause()
        region = field.content_region
        assert field.placeholder in screen_line(app, region.y)[region.x : region.right]


async def profile_of_the_governor(app: ImssApp, pilot) -> EntityResults:  # type: ignore[no-untyped-def]
    await loaded(app, pilot)
    await pilot.press("slash", *"gober chihu")
    await app.screen.workers.wait_for_complete()
    await pilot.press("ctrl+o")
    await pilot.pause()
    assert isinstance(app.screen, ProfileScreen)
    return app.screen.query_one("#profile-cooccurring", EntityResults)


@pytest.mark.parametrize("language", LANGUAGES)
@pilot_test
async def test_co_mentioned_names_get_the_width(language: str) -> None:
    app = seeds(language)
    async with app.run_test(size=(120, 40)) as pilot:
        together = await profile_of_the_governor(app, pilot)
        rows = [row.rstrip() for row in screen_text(together) if row.strip()]
        names = [entity.name for entity in together.entities]
        assert len(rows) == len(names) >= 10
        for row, name in zip(rows, names, strict=True):
            assert row.endswith("×1") or row.split()[-1].startswith("×"), row
            shown = row.rsplit("×", 1)[0].strip()
            if shown.endswith("…"):  # only a name longer than the pane is cut, and late
                assert len(shown) >= 30 and name.startswith(shown[:-1].split(" · ")[0]), row
            else:
                assert shown.startswith(name), (row, name)


@pilot_test
async def test_a_cut_name_is_whole_on_hover_and_selection() -> None:
    app = seeds("en")
    async with app.run_test(size=(120, 40)) as pilot:
        together = await profile_of_the_governor(app, pilot)
        rows = screen_text(together)
        cut = next(i for i, row in enumerate(rows) if "…" in row.split("×")[0])
        entity = together.entities[cut]
        await pilot.hover(together, offset=(3, cut))
        await pilot.pause()
        assert together.tooltip is not None
        assert entity.name in together.tooltip.plain  # type: ignore[union-attr]
        together.focus()
        together.move_cursor(cut, 1)
        await pilot.pause()
        assert str(together.border_subtitle) == entity.name
        border = screen_line(app, together.region.bottom - 1)
        assert entity.name[:30] in border
