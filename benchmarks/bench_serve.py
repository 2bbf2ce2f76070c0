"""`imss-tui serve` timed from a browser: how long until it listens (it indexes first), how
long each browser tab waits for the bulletin list, how much memory each tab's app holds, and
how long Ctrl+C takes. Needs Debian's chromium and playwright (benchmarks/browser.py).

    python -m benchmarks.bench_serve --n 500 [--visitors 2] [--out FILE]

--n 0 serves the seeds; otherwise N synthetic bulletins (benchmarks/synth.py) in a temp dir.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import browser as web
from benchmarks.synth import REPO
from benchmarks.synth import main as synth_main

START_S = 1800.0
SCREEN_S = 300.0
STOP_S = 60.0


def measure(corpus: Path, expected: int, visitors: int, work: Path) -> dict[str, Any]:
    started = time.perf_counter()
    served = web.Served(corpus, work / "cache", work / "serve.log", repo=REPO)
    try:
        web.wait_until("the server to answer", served.answers, START_S, served.output)
        result: dict[str, Any] = {"bulletins": expected, "visitors": visitors}
        result["listening_s"] = round(time.perf_counter() - started, 2)
        count = f"{expected} / {expected}"
        waits = []
        with web.chromium(work / "browser", STOP_S) as open_page:
            for _ in range(visitors):  # one after the other; each keeps its app running
                visit = open_page()
                opened = time.perf_counter()
                visit.page.goto(served.url, wait_until="domcontentloaded")
                visit.wait_for("the bulletin list", lambda text: count in text, SCREEN_S)
                waits.append(round(time.perf_counter() - opened, 2))
            apps = [
                pid
                for pid in web.children(served.process.pid)
                if " -m tui.cli " in web.command_line(pid)  # not the parsing pool's helpers
            ]
            result["list_drawn_s"] = waits
            result["server_rss_mb"] = round(web.rss_mb(served.process.pid))
            result["app_rss_mb"] = sorted(round(web.rss_mb(pid)) for pid in apps)
            stopping = time.perf_counter()
            os.killpg(served.process.pid, signal.SIGINT)
            result["exit_status"] = served.process.wait(timeout=STOP_S)
            gone = lambda: not web.group_alive(served.process.pid)  # noqa: E731
            web.wait_until("the apps to exit", gone, STOP_S)
            result["stop_s"] = round(time.perf_counter() - stopping, 2)
        return result
    finally:
        served.kill(STOP_S)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="synthetic bulletins (0: the seeds)")
    parser.add_argument("--visitors", type=int, default=2, help="browser tabs, one after another")
    parser.add_argument("--out", type=Path, help="also write the result as JSON here")
    args = parser.parse_args(argv)
    if reason := web.browser_missing():
        print(reason, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="imss-serve-bench-") as tmp:
        work = Path(tmp)
        if args.n:
            corpus = work / "corpus"
            synth_main([str(corpus), "--n", str(args.n)])
        else:
            corpus = REPO / "seeds"
        expected = args.n or len(list(corpus.iterdir()))
        result = measure(corpus, expected, args.visitors, work)
    result["load_average"] = [round(x, 1) for x in os.getloadavg()]
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
