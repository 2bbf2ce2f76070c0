"""Hostile queries in the app: a pasted page neither freezes a search screen nor quitting."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from textual import events
from textual.widgets import Input

from core.query_limits import MAX_QUERY_TERMS
from tui.app import make_app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_003 = next(SEEDS.glob("003_*.txt")).read_bytes()
SEED_004 = next(SEEDS.glob("004_*.txt")).read_bytes()


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


async def _open_every_bulletin(folder: Path) -> tuple[int, list[str]]:
    app = make_app([folder], use_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.corpus is not None, "Could not load the corpus"
        shown: list[str] = []
        for rank in range(len(app.corpus.summaries)):
            bulletin = app.corpus.bulletins[rank]
            shown += [text.plain for _, text in app.main_screen.reader._fields(bulletin)]
        return len(app.main_screen.bulletin_list.shown), shown


def test_file_name_that_is_not_utf8_is_listed_and_shown_with_its_byte(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / os.fsdecode(b"bad\xff.txt")).write_bytes(SEED_003)
    (folder / "ok.txt").write_bytes(SEED_004)
    listed, fields = asyncio.run(_open_every_bulletin(folder))
    assert listed == 2
    assert "bad\\xff.txt" in fields and "ok.txt" in fields


def test_quitting_during_a_slow_text_search_does_not_wait_for_it() -> None:
    from core import load_corpus

    corpus = load_corpus(use_cache=False)
    asked: list[bool] = []

    def slow_search(query: str, limit: int = 50, *, cancelled=None):  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # a search that takes a minute unless cancelled
            if cancelled is not None and cancelled():
                asked.append(True)
                return []
            time.sleep(0.01)
        return []

    corpus.search_text = slow_search  # type: ignore[method-assign]

    async def scenario() -> float:
        app = make_app(loader=lambda paths, **_: corpus)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("t", *"imss")
            await pilot.pause(0.2)
            started = time.perf_counter()
            app.exit()
        return time.perf_counter() - started

    assert asyncio.run(scenario()) < 10
    assert asked, "the running search was never told to stop"
