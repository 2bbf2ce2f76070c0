"""List navigation latency, measured from the key to the frame that shows it (not Pilot time).

Pilot's `press` waits for the app to go idle (20 ms sleeps), which is most of what it measures.
Here keys go straight to the driver's queue and a hook on `App._display` (called with every
composed frame, headless too; only the terminal write is skipped) records when each frame
was composed and what it showed: the list cursor and the bulletin in the reader.

Two patterns per run:
- single: one key, then idle until everything settled (a person stepping through bulletins);
  latency to the frame showing the new cursor, and to the frame showing the new bulletin.
- burst: keys at a fixed interval (held-down auto-repeat, 30/s), latency from each key's
  scheduled arrival to the frame showing its cursor, and from the last key to the reader.

    python -m benchmarks.bench_nav [PATH...] [--keys 100] [--cache DIR]

No PATH: the bundled seeds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual import events

from benchmarks.run import percentile

AUTO_REPEAT_S = 1 / 30
SETTLE_S = 0.3


class FrameLog:
    """(time, list cursor, reader bulletin id) for every frame composed on the main screen."""

    def __init__(self, app: Any) -> None:
        self.frames: list[tuple[float, int, str | None]] = []
        self.app = app
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            if renderable is not None and screen is app.main_screen:
                reader = app.main_screen.reader.bulletin
                self.frames.append(
                    (
                        time.perf_counter(),
                        app.main_screen.bulletin_list.cursor,
                        reader.id if reader else None,
                    )
                )
            original(screen, renderable)

        app._display = display

    def first(self, since: float, cursor: int | None = None, shown: str | None = None) -> float:
        for at, frame_cursor, frame_shown in self.frames:
            if at < since:
                continue
            if cursor is not None and frame_cursor != cursor:
                continue
            if shown is not None and frame_shown != shown:
                continue
            return at
        return float("nan")

    def first_reaching(self, since: float, cursor: int, down: bool) -> float:
        """First frame with the cursor at or past `cursor`: keys handled between two frames
        are drawn together (coalesced), and each counts from its own arrival."""
        for at, frame_cursor, _ in self.frames:
            if at >= since and (frame_cursor >= cursor if down else frame_cursor <= cursor):
                return at
        return float("nan")


def _send(app: Any, key: str) -> None:
    event = events.Key(key, None)
    event.set_sender(app)
    app._driver.send_message(event)


async def _settle(seconds: float = SETTLE_S) -> None:
    await asyncio.sleep(seconds)


def _finite(values: Sequence[float]) -> list[float]:
    return [v for v in values if v == v]


async def measure(app: Any, keys: int) -> dict[str, Any]:
    """Run both patterns on a loaded app whose bulletin list has focus."""
    listing = app.main_screen.bulletin_list
    log = FrameLog(app)
    last = len(listing.shown) - 1
    if last < 1:
        raise RuntimeError("need at least two bulletins to move through")
    cursor_ms: list[float] = []
    reader_ms: list[float] = []
    cpu_ms: list[float] = []
    step = 1
    for _ in range(keys):
        if not 0 <= listing.cursor + step <= last:
            step = -step
        target = listing.cursor + step
        wanted = listing.shown[target].id
        sent, cpu = time.perf_counter(), time.process_time()
        _send(app, "down" if step > 0 else "up")
        deadline = sent + 2.0
        while (
            app.main_screen.reader.bulletin is None or app.main_screen.reader.bulletin.id != wanted
        ):
            if time.perf_counter() > deadline:
                break
            await asyncio.sleep(0.001)
        await _settle(0.05)
        cpu_ms.append((time.process_time() - cpu) * 1000)
        cursor_ms.append((log.first(sent, cursor=target) - sent) * 1000)
        reader_ms.append((log.first(sent, shown=wanted) - sent) * 1000)

    burst_ms: list[float] = []
    burst_reader_ms: list[float] = []
    length = min(25, last)
    for round_no in range(max(1, keys // length)):
        down = round_no % 2 == 0
        _send(app, "home" if down else "end")
        await _settle()
        origin = listing.cursor
        scheduled: list[float] = []
        start = time.perf_counter()
        for i in range(length):
            at = start + i * AUTO_REPEAT_S
            await asyncio.sleep(max(0.0, at - time.perf_counter()))
            scheduled.append(at)
            _send(app, "down" if down else "up")
        await _settle()
        for n, at in enumerate(scheduled, start=1):
            expected = origin + n if down else origin - n
            burst_ms.append((log.first_reaching(at, expected, down) - at) * 1000)
        final = listing.current.id if listing.current else None
        burst_reader_ms.append((log.first(scheduled[-1], shown=final) - scheduled[-1]) * 1000)
    missed = sum(v != v for v in cursor_ms + reader_ms + burst_ms + burst_reader_ms)
    cursor_ms, reader_ms = _finite(cursor_ms), _finite(reader_ms)
    burst_ms, burst_reader_ms = _finite(burst_ms), _finite(burst_reader_ms)
    return {
        "nav_key_to_cursor_p50_ms": percentile(cursor_ms, 50),
        "nav_key_to_cursor_p95_ms": percentile(cursor_ms, 95),
        "nav_key_to_reader_p50_ms": percentile(reader_ms, 50),
        "nav_key_to_reader_p95_ms": percentile(reader_ms, 95),
        "nav_cpu_per_key_p50_ms": percentile(cpu_ms, 50),
        "nav_cpu_per_key_p95_ms": percentile(cpu_ms, 95),
        "nav_burst_key_to_cursor_p50_ms": percentile(burst_ms, 50),
        "nav_burst_key_to_cursor_p95_ms": percentile(burst_ms, 95),
        "nav_burst_last_key_to_reader_p50_ms": percentile(burst_reader_ms, 50),
        "nav_burst_last_key_to_reader_p95_ms": percentile(burst_reader_ms, 95),
        "nav_frames_never_shown": missed,
    }


async def run(
    paths: Sequence[str] | None, keys: int, size: tuple[int, int], **options: Any
) -> dict[str, Any]:
    from tui.app import make_app

    app = make_app(paths, **options)
    async with app.run_test(size=size) as pilot:
        while app.corpus is None:  # loading runs in a thread worker
            if app.main_screen.bulletin_list.empty_message.startswith("Could not"):
                raise RuntimeError("the corpus did not load")
            await asyncio.sleep(0.05)
        await pilot.pause()
        app.main_screen.bulletin_list.focus()
        await pilot.pause()
        result = await measure(app, keys)
        result["nav_bulletins"] = len(app.main_screen.bulletin_list.shown)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--keys", type=int, default=100)
    parser.add_argument("--cache", type=Path, help="index dir (default: no cache)")
    parser.add_argument("--size", default="160x50")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    options: dict[str, Any] = {"cache_dir": args.cache} if args.cache else {"use_cache": False}
    result = asyncio.run(run(args.paths or None, args.keys, (width, height), **options))
    for key, value in result.items():
        print(f"{key:40} {value:10.1f}" if isinstance(value, float) else f"{key:40} {value:>10}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
