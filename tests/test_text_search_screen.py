"""The full-text search (t) driven through Pilot, on the real seeds."""

from __future__ import annotations

from pilot_helpers import loaded, pilot_test, screen_text
from textual.widgets import Static

from tui.app import ImssApp
from tui.screens.text_search import NOTHING_FOUND, ONLY_EXCLUDED, TYPE_HINT, TextSearchScreen


@pilot_test
async def test_text_search_lists_matching_bulletins_and_marks_the_words(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await loaded(app, pilot)
        await pilot.press("t", *"convenio")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.results.hits
        assert hits, "the seeds talk about convenios"
        await pilot.press("enter")
        await pilot.pause()
        assert {b.id for b in main.bulletin_list.shown} == {h.bulletin_id for h in hits}
        reader = main.reader
        assert reader.bulletin is not None and reader.bulletin.id == hits[0].bulletin_id
        assert reader.marks
        assert all(
            reader.bulletin.text[a:b].lower().startswith("convenio") for a, b in reader.marks
        )
        await pilot.press("escape")
        await pilot.pause()
        assert len(main.bulletin_list.shown) == 5 and not reader.marks


@pilot_test
async def test_empty_box_hints_and_syntax_is_shown(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TextSearchScreen)
        assert screen_text(screen.results)[0].startswith(TYPE_HINT)
        hint = str(screen.query_one("#text-hint", Static).render())
        assert "OR" in hint and "-oaxaca" in hint
        await pilot.press(*"zzzqqq")
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert screen_text(screen.results)[0].startswith(NOTHING_FOUND)
        await pilot.press(*(["backspace"] * 6), *"-oaxaca")
        await screen.workers.wait_for_complete()
        await pilot.pause()
        assert screen_text(screen.results)[0].startswith(ONLY_EXCLUDED)


@pilot_test
async def test_or_finds_both_bulletins_in_the_app(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("t", *"chiapas OR oaxaca")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        titles = " ".join(h.title or "" for h in app.screen.results.hits)
        assert "CHIAPAS" in titles and "OAXACA" in titles


@pilot_test
async def test_snippets_show_the_match_on_the_selected_row_at_80_columns(
    seeds_app: ImssApp,
) -> None:
    app = seeds_app
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("t", *"oportunidades")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.results
        assert results.hits and results.cursor == 0
        mark = results.palette.mark
        for index in range(len(results.hits)):
            strip = results.render_line(2 * index + 1 - results.scroll_offset.y)
            assert "oportunidades" in strip.text.casefold(), strip.text  # on screen
            marked = "".join(s.text for s in strip if s.style and s.style.bgcolor == mark.bgcolor)
            assert marked.casefold().startswith("oportunidades")  # and marked, selected or not
