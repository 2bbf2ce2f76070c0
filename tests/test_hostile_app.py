"""Hostile queries in the app: a pasted page neither freezes a search screen nor quitting."""

from __future__ import annotations

import asyncio
import time

from textual import events
from textual.widgets import Input

from core.query_limits import MAX_QUERY_TERMS
from tui.app import make_app


def _notices(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def _paste_and_search(key: str) -> tuple[float, list[str], int]:
    app = make_app(use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        started = time.perf_counter()
        app.screen.query_one(Input).post_message(events.Paste("IMSS " * 20_000))  # 100 KB
        await pilot.pause()
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        elapsed = time.perf_counter() - started
        found = len(app.screen.results.hits)  # type: ignore[attr-defined]
        notices = _notices(app)
        await pilot.press("escape", "q")
    return elapsed, notices, found


def test_pasted_page_in_the_text_search_is_bounded_with_a_notice() -> None:
    elapsed, notices, found = asyncio.run(_paste_and_search("t"))
    assert found and elapsed < 20
    assert notices == [f"query too long: only its first {MAX_QUERY_TERMS} words are searched"]


def test_pasted_page_in_the_finder_is_bounded_with_a_notice() -> None:
    elapsed, notices, found = asyncio.run(_paste_and_search("slash"))
    assert found and elapsed < 20
    assert notices == [f"query too long: only its first {MAX_QUERY_TERMS} words are searched"]
