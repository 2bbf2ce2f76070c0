"""What the app's collector policy costs at launch and what it keeps after refreshes.

    .venv/bin/python -m benchmarks.bench_refresh_gc CORPUS_DIR --cache-dir DIR [--refreshes 5]
        [--no-cycle]

Warm-launches the explorer on CORPUS_DIR (run it once first to fill the cache), reports the
CPU time (process_time, imports included) until the list is shown and the finder's index is
built, then refreshes the app `--refreshes` times, each after adding one bulletin to a copy
of the folder, and reports after each: the objects the cycle collector tracks (frozen ones
included), the resident memory and whether the corpus replaced was freed. Each replaced corpus
is put in a reference cycle first, as any later code could make it (`--no-cycle`: left as the
app leaves it, which before `collect_frozen` kept it too): with loads freezing what they
build (core.runtime.gc_paused), only `collect_frozen` frees it; how long each of its passes
took (CPU time) is reported too.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import shutil
import tempfile
import time
import weakref
from pathlib import Path
from typing import Any

from benchmarks.bench_finder_state import resident_mb

#: A bulletin added before each refresh: new content each time (its number).
ADDED = (
    "Ciudad de México, a 3 de enero de 2025.\n\n"
    "INAUGURA IMSS UNIDAD DE MEDICINA FAMILIAR NÚMERO {n}\n\n"
    "El director general del IMSS, Zoé Robledo, inauguró la Unidad de Medicina Familiar "
    "No. {n} en Tlaxcala.\n"
)


async def measure(folder: Path, cache: Path, refreshes: int, cycle: bool) -> dict[str, Any]:
    from tui import app as app_module

    passes: list[float] = []
    collect = app_module.collect_frozen

    def timed_collect() -> None:
        started = time.thread_time()  # its CPU: the machine may be busy
        collect()
        passes.append(round(time.thread_time() - started, 4))

    app_module.collect_frozen = timed_collect
    app = app_module.make_app([folder], cache_dir=cache)
    result: dict[str, Any] = {"collect_frozen_s": passes}
    async with app.run_test(size=(160, 50)) as pilot:
        while app.corpus is None or app.corpus._finder is None:
            await asyncio.sleep(0.005)
        result["launch_cpu_s"] = round(time.process_time(), 3)
        result["launch_rss_mb"] = round(resident_mb())
        rows = []
        for n in range(refreshes):
            await app.workers.wait_for_complete()
            corpus = app.corpus
            if cycle:
                corpus.cycle = [corpus]  # type: ignore[attr-defined]
            replaced = weakref.ref(corpus)
            del corpus
            (folder / f"added-{n}.txt").write_text(ADDED.format(n=900 + n), "utf-8")
            before = app.corpus
            app.reload()
            while app._loading or app.corpus is before or app.corpus._finder is None:
                await asyncio.sleep(0.01)
            del before
            await pilot.pause()
            await app.workers.wait_for_complete()  # the collector's pass ends the worker
            gc.collect()
            rows.append(
                {
                    "tracked_objects": len(gc.get_objects()) + gc.get_freeze_count(),
                    "rss_mb": round(resident_mb()),
                    "replaced_corpus_freed": replaced() is None,
                }
            )
        result["after_each_refresh"] = rows
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--cache-dir", type=Path, required=True)
    parser.add_argument("--refreshes", type=int, default=5)
    parser.add_argument("--no-cycle", action="store_true", help="do not make each corpus cyclic")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        shutil.copytree(args.corpus, folder)  # the refreshes add files to a copy
        result = asyncio.run(measure(folder, args.cache_dir, args.refreshes, not args.no_cycle))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
