"""Keys typed right behind `/` or `t` reach the search box, however they arrive.

A browser (`imss-tui serve`) sends each key as its own message, so the app has all of
"/zoe" queued before the `/` binding runs: the "zoe" went to the focused list, came back up
after the finder opened, and was dropped. Pilot's `press` waits for the app between keys,
which hides that; these tests post the keys the way the web driver does, all at once.
"""

from __future__ import annotations

from contextlib import suppress

import pytest
from pilot_helpers import loaded, pilot_test, screen_text
from textual import events
from textual.widgets import Input
from textual.worker import WorkerCancelled

from tui.app import ImssApp
from tui.screens.finder import FinderScreen
from tui.screens.text_search import TextSearchScreen

KEY_NAMES = {"/": "slash", " ": "space", "\r": "enter"}


def typed_at_once(app: ImssApp, text: str) -> None:
    """Every key of `text` posted before the app handles the first one."""
    for character in text:
        key = KEY_NAMES.get(character, character)
        app.post_message(events.Key(key, None if key == "enter" else character))


async def settled(app: ImssApp, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await pilot.pause(0.1)
        # a newer keystroke's search cancels an older one, which makes the wait raise
        with suppress(WorkerCancelled):
            await app.screen.workers.wait_for_complete()
            await app.workers.wait_for_complete()
    await pilot.pause()


@pilot_test
async def test_keys_typed_at_once_after_slash_reach_the_finder(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        typed_at_once(app, "/zoe rob")
        await settled(app, pilot)
        finder = app.screen
        assert isinstance(finder, FinderScreen)
        assert finder.query_one("#finder-input", Input).value == "zoe rob"
        assert "Zoé Robledo" in screen_text(finder.results)[0]


@pilot_test
async def test_q_and_question_mark_typed_at_once_are_query_text_not_keys(
    seeds_app: ImssApp,
) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        typed_at_once(app, "/q?")
        await settled(app, pilot)
        assert app.is_running and isinstance(app.screen, FinderScreen)
        assert app.screen.query_one("#finder-input", Input).value == "q?"


@pytest.mark.parametrize("bursts", [["/zoe", "\r"], ["/zoe\r"]], ids=["apart", "one-burst"])
@pilot_test
async def test_slash_name_enter_at_once_filters_the_list(
    seeds_app: ImssApp, bursts: list[str]
) -> None:
    """In one burst, Enter is queued right behind the name, before the search answers: it
    waits for the answer to "zoe" and filters by its first result, not by nothing or by
    the results of "zo"."""
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        for burst in bursts:
            typed_at_once(app, burst)
            await settled(app, pilot)
        assert not isinstance(app.screen, FinderScreen)
        assert app.main_screen.chips.entity_ids == ["official:zoe-robledo"]
        assert len(app.main_screen.bulletin_list.shown) == 2


@pilot_test
async def test_keys_typed_at_once_after_t_reach_the_text_search(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        typed_at_once(app, "tsalud oaxaca")
        await settled(app, pilot)
        search = app.screen
        assert isinstance(search, TextSearchScreen)
        assert search.query_one(Input).value == "salud oaxaca"


@pilot_test
async def test_a_key_the_list_takes_is_not_typed_twice(seeds_app: ImssApp) -> None:
    """Characters the main screen handles itself stay its own when no search is open."""
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        typed_at_once(app, "jz/")
        await settled(app, pilot)
        assert app.main_screen.bulletin_list.cursor == 1  # j moved the list
        assert app.screen.query_one("#finder-input", Input).value == ""


@pilot_test
async def test_t_words_enter_in_one_burst_opens_the_first_hit(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        typed_at_once(app, "tprospera\r")
        await settled(app, pilot)
        assert not isinstance(app.screen, TextSearchScreen)
        assert app.corpus is not None
        having = {b.id for b in app.corpus.bulletins if "prospera" in b.text.casefold()}
        assert having and set(app.main_screen.text_filter or {}) == having
        assert {b.id for b in app.main_screen.bulletin_list.shown} == having
