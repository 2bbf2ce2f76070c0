"""The full-text search (t) driven through Pilot, on the real seeds."""

from __future__ import annotations

from pilot_helpers import loaded, pilot_test

from tui.app import ImssApp


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
