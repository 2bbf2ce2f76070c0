"""Colours follow the theme: every built-in theme readable, and a switch repaints at once."""

from __future__ import annotations

import pytest
from pilot_helpers import loaded, pilot_test
from textual.app import App
from textual.color import Color

from tui.app import ImssApp
from tui.palette import MARK_CONTRAST, TEXT_CONTRAST, contrast, theme_colors

THEMES = sorted(name for name in App().available_themes if not name.startswith("ansi"))


@pytest.mark.parametrize("theme", THEMES)
def test_every_builtin_theme_gets_readable_kind_colours_and_visible_marks(theme: str) -> None:
    app = App()
    app.theme = theme
    variables = app.get_css_variables()
    surface = Color.parse(variables["surface"])
    colors = {name: Color.parse(value) for name, value in theme_colors(variables).items()}
    for kind in ("official", "place", "facility", "institution"):
        assert contrast(colors[f"kind-{kind}"], surface) >= TEXT_CONTRAST, kind
    assert contrast(colors["search-match"], surface) >= TEXT_CONTRAST
    for mark in ("search-mark", "search-current"):
        assert contrast(colors[mark], surface) >= MARK_CONTRAST, "a mark must stand out"
        assert contrast(colors[f"{mark}-text"], colors[mark]) >= TEXT_CONTRAST
    kinds = [colors[f"kind-{kind}"] for kind in ("official", "place", "facility", "institution")]
    assert len(set(kinds)) == 4, "four kinds, four colours"


def test_ansi_themes_leave_the_colours_to_the_terminal() -> None:
    app = App()
    app.theme = "ansi-dark"
    assert theme_colors(app.get_css_variables())["kind-official"] == "ansi_yellow"


def _background(strip: object) -> set[str]:
    return {seg.style.bgcolor.name for seg in strip if seg.style and seg.style.bgcolor}  # type: ignore[attr-defined]


@pilot_test
async def test_switching_theme_repaints_the_list_and_the_mentions(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        listing, reader = main.bulletin_list, main.reader
        dark_row = listing.render_line(listing.size.height - 1)  # below the rows: background
        dark_mention = reader.palette.mention("official")
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        surface = app.get_css_variables()["surface"].lower()
        light_row = listing.render_line(listing.size.height - 1)
        assert _background(light_row) != _background(dark_row)
        assert any(surface in bg.lower() for bg in _background(light_row)), "old background kept"
        assert reader.palette.mention("official") != dark_mention
        mention_colors = {
            seg.style.color.name
            for y in range(reader.size.height)
            for seg in reader.render_line(y)
            if seg.style and seg.style.underline and seg.style.color
        }
        expected = {reader.palette.mention(k).color.name for k in reader.palette.kind}  # type: ignore[union-attr]
        assert mention_colors and mention_colors <= expected, "mentions drawn in the old colours"


@pilot_test
async def test_the_filter_chip_takes_the_new_theme_colour(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        governor = next(e for e in app.corpus.entities if e.name == "César Duarte Jáquez")
        main.apply_filter(governor.id)
        await pilot.pause()
        before = main.filter_chip
        assert before is not None
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        after = main.filter_chip
        assert after is not None and after.plain == before.plain
        expected = main.bulletin_list.palette.kind[governor.kind].color
        # chips combine, so each carries its colour in its own span
        old_style, new_style = before.spans[0].style, after.spans[0].style
        assert new_style != old_style and new_style.color == expected  # type: ignore[union-attr]
