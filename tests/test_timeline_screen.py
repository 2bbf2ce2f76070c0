"""The timeline strip and the filter chips driven through Pilot, on the real seeds."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import loaded, pilot_test, rendered, screen_text
from textual.widgets import Static

from core.filters import parse_date_range
from tui.app import ImssApp
from tui.screens.finder import FinderScreen
from tui.screens.help import HelpScreen
from tui.screens.profile import ProfileScreen
from tui.screens.text_search import TextSearchChoice
from tui.widgets.bulletin_list import BulletinList
from tui.widgets.timeline_strip import TimelineStrip


def _files(app: ImssApp) -> list[str]:
    return sorted(Path(b.source or "").name[:3] for b in app.main_screen.bulletin_list.shown)


def _bars(strip: TimelineStrip) -> list[str]:
    return strip.render().plain.split("\n")


def _entity_id(app: ImssApp, name: str) -> str:
    assert app.corpus is not None
    return next(e.id for e in app.corpus.entities if e.name == name)


@pilot_test
async def test_timeline_keys_move_a_month_cursor_and_enter_filters_to_it(
    seeds_app: ImssApp,
) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        assert not main.timeline.display, "hidden until asked for"
        await pilot.press("d")
        await pilot.pause()
        strip = main.timeline
        assert strip.display and app.focused is strip
        # 2015-07..2024-05 is 107 months: one column each at 120 columns
        assert strip.per_column == 1 and len(strip.months) == 107
        _top, bottom, ticks = _bars(strip)
        assert bottom[0] == "█" and bottom[-2:] == "██" and bottom[1:-2].strip() == ""
        assert ticks.startswith("2015  2016") and ticks.rstrip().endswith("2024")
        assert strip.border_subtitle == "2024-05: 1 · undated: 2 (2 estimated)"

        await pilot.press("left")
        assert strip.border_subtitle.startswith("2024-04: 1")
        await pilot.press("pageup")  # a year back
        assert strip.border_subtitle.startswith("2023-04: 0")
        await pilot.press("home", "enter")
        await pilot.pause()
        assert _files(app) == ["000"]
        assert main.bulletin_list.border_subtitle.startswith("1 / 5")
        assert "▸ 2015-07" in main.filter_chip.plain  # type: ignore[union-attr]
        assert app.focused is strip, "enter keeps the timeline to try the next month"
        # the timeline does not filter itself: the other months keep their bars
        assert _bars(strip)[1][-2:] == "██"

        # a range: mark at 2024-04, end at 2024-05 -> replaces the month chip
        await pilot.press("end", "left", "space")
        assert strip.border_title.startswith("Timeline · range")
        await pilot.press("right", "space")
        await pilot.pause()
        assert _files(app) == ["003", "004"]
        chip = main.filter_chip.plain  # type: ignore[union-attr]
        assert chip == "▸ 2024-04..2024-05"
        assert strip.active is not None and strip.active.label == "2024-04..2024-05"
        bar = strip.get_component_rich_style("timeline--bar", partial=True)
        shaded = bar + strip.get_component_rich_style("timeline--range", partial=True)
        top_row = strip.render().divide([len(strip.months) + 1])[0]
        styled = {span.start for span in top_row.spans if span.style == shaded}
        assert styled == {len(strip.months) - 2}, "2024-04 shaded; 2024-05 has the cursor"

        await pilot.press("backspace")
        await pilot.pause()
        assert main.filter_chip is None and main.bulletin_list.border_subtitle == "5 / 5"
        await pilot.press("d")
        await pilot.pause()
        assert not strip.display and app.focused is main.bulletin_list


@pilot_test
async def test_timeline_at_80_columns_puts_two_months_in_a_column(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        strip = main.timeline
        assert strip.per_column == 2
        ticks = _bars(strip)[2]
        years = ticks.split()
        assert years == [str(y) for y in range(2016, 2025)], ticks
        assert all(a + 1 == b for a, b in zip(map(int, years), map(int, years[1:]), strict=False))
        await pilot.press("home", "enter")
        await pilot.pause()
        assert _files(app) == ["000"]
        assert main.filter_chip is not None and main.filter_chip.plain == "▸ 2015-07..2015-08"


@pilot_test
async def test_two_entity_chips_and_a_date_range_combine(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        main.apply_filter(_entity_id(app, "Zoé Robledo"))
        await pilot.pause()
        assert _files(app) == ["003", "004"]
        main.apply_filter(_entity_id(app, "Estado de México"))
        await pilot.pause()
        assert _files(app) == ["003", "004"]
        main.apply_filter(_entity_id(app, "Delfina Gómez Álvarez"))
        await pilot.pause()
        assert _files(app) == ["004"]
        chip = main.filter_chip.plain  # type: ignore[union-attr]
        assert chip == "◆ Zoé Robledo  ◆ Estado de México  ◆ Delfina Gómez Álvarez"
        assert main.bulletin_list.border_subtitle.startswith("1 / 5")

        await pilot.press("backspace")  # drops Delfina Gómez
        await pilot.pause()
        assert _files(app) == ["003", "004"]

        # a typed range: May 2024 keeps only 003
        await pilot.press("D", *"2024-05", "enter")
        await pilot.pause()
        assert _files(app) == ["003"]
        assert main.filter_chip.plain.endswith("▸ 2024-05")  # type: ignore[union-attr]
        # the timeline (entity chips only) still counts 004 in April
        strip = main.timeline
        assert strip.counts[strip.months.index("2024-04")] == 1
        assert strip.counts[strip.months.index("2015-07")] == 0

        # a mistyped range says why and changes nothing
        await pilot.press("D", *"2024-13", "enter")
        await pilot.pause()
        assert any("there is no month 13" in str(n.message) for n in app._notifications)
        assert _files(app) == ["003"]
        await pilot.press("escape")  # closes the date box
        await pilot.pause()
        assert _files(app) == ["003"]
        await pilot.press("escape")  # clears every chip
        await pilot.pause()
        assert main.filter_chip is None and len(main.bulletin_list.shown) == 5


@pilot_test
async def test_undated_and_kind_chips(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        await pilot.press("u")
        await pilot.pause()
        assert _files(app) == ["001", "002"]
        assert main.filter_chip.plain == "undated only"  # type: ignore[union-attr]
        await pilot.press("u")  # again: off
        await pilot.pause()
        assert len(main.bulletin_list.shown) == 5 and main.filter_chip is None
        await pilot.press("G")  # 003, boletín de prensa
        await pilot.pause()
        await pilot.press("K")
        await pilot.pause()
        assert _files(app) == ["003"]
        assert main.filter_chip.plain == "▪ boletín de prensa"  # type: ignore[union-attr]
        await pilot.press("u")  # a press release with no date: none
        await pilot.pause()
        assert _files(app) == []
        assert main.bulletin_list.border_subtitle.startswith("0 / 5")


@pilot_test
async def test_help_lists_the_timeline_and_chip_keys_with_their_ids(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = "\n".join(strip.text for strip in rendered(app.screen.query_one("#help-table")))
        for binding_id in (
            "app.toggle_timeline",
            "app.remove_chip",
            "app.filter_dates",
            "app.filter_kind",
            "app.filter_undated",
            "timeline.filter",
            "timeline.mark",
            "timeline.earlier",
        ):
            assert binding_id in table, binding_id


@pilot_test
async def test_the_finder_counts_and_the_profile_list_follow_the_chips(
    seeds_app: ImssApp,
) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        main.apply_filter(_entity_id(app, "Zoé Robledo"))
        main.apply_dates(parse_date_range("2024-05"))
        await pilot.pause()
        assert _files(app) == ["003"]

        await pilot.press("slash", *"robledo")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        finder = app.screen
        assert isinstance(finder, FinderScreen)
        assert finder.results.current is not None
        assert finder.results.current.name == "Zoé Robledo"
        assert "1 of 2 bulletins" in screen_text(finder.results)[0]
        count = str(finder.query_one("#finder-count", Static).render())
        assert "counts in the 1 filtered bulletins" in count

        await pilot.press("ctrl+o")  # his profile lists the filtered bulletins only
        await pilot.pause()
        profile = app.screen
        assert isinstance(profile, ProfileScreen)
        listing = profile.query_one("#profile-bulletins", BulletinList)
        assert [Path(b.source or "").name[:3] for b in listing.shown] == ["003"]
        assert listing.border_subtitle == "1 of 2 · filtered"
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("escape")  # no chips: the whole counts again
        await pilot.pause()
        await pilot.press("slash", *"robledo")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FinderScreen)
        assert "2 bulletins" in screen_text(app.screen.results)[0]
        assert " of " not in screen_text(app.screen.results)[0]


@pilot_test
async def test_chips_show_markup_and_controls_literally(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        assert app.corpus is not None
        hit = app.corpus.search_text("IMSS", limit=5)
        query = "[bold red]IMSS[/] \x1b[31m"
        main.apply_text_filter(TextSearchChoice(query, hit[0].bulletin_id, hit))
        main.apply_filter(_entity_id(app, "Zoé Robledo"))
        await pilot.pause()
        chip = main.filter_chip
        assert chip is not None
        assert chip.plain.startswith("“[bold red]IMSS[/] \u241b[31m” in text")
        assert "\x1b" not in chip.plain
        assert chip.plain.endswith("◆ Zoé Robledo")
        assert _files(app) == ["003", "004"]


@pilot_test
async def test_chips_too_long_for_the_title_wrap_in_a_bar_above_the_list(
    seeds_app: ImssApp,
) -> None:
    app = seeds_app
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        bar = main.query_one("#chips", Static)
        main.apply_filter(_entity_id(app, "Zoé Robledo"))
        await pilot.pause()
        assert not bar.display and "Zoé Robledo" in str(main.bulletin_list.border_title)
        main.apply_filter(_entity_id(app, "Delfina Gómez Álvarez"))
        await pilot.pause()
        assert bar.display and main.bulletin_list.border_title == "2 filters"
        shown = " ".join(line.strip() for line in screen_text(bar))
        assert "◆ Zoé Robledo" in shown and "Delfina Gómez Álvarez" in shown
        await pilot.press("backspace")
        await pilot.pause()
        assert not bar.display and "Zoé Robledo" in str(main.bulletin_list.border_title)
