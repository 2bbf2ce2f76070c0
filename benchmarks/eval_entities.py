"""Entity extractor: quality on the seeds' gold and the dev gold, and speed per bulletin.

    .venv/bin/python -m benchmarks.eval_entities [--misses] [--gold-dir DIR ...] [--repeat 200]

Prints the per-kind precision/recall table (benchmarks/gold.py's scoring) for the seeds'
gold, the held-out dev gold (tests/gold/dev) and any other gold folder given (a private folder
of real texts used for error analysis: never committed), then the extraction time per bulletin
on the seeds' normalized text (parsing excluded, the gazetteer built before timing; it is built
once per process, ~30 ms). --misses lists every miss, false hit and date error.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.gold import DEV_GOLD, SEEDS_GOLD, evaluate, gold_files, misses, table  # noqa: E402
from core.entities import extract_entities  # noqa: E402
from core.parse import parse_file  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="timed passes over the seeds")
    parser.add_argument(
        "--gold-dir", type=Path, action="append", default=[], help="another gold folder to score"
    )
    parser.add_argument("--misses", action="store_true", help="list every miss and false hit")
    args = parser.parse_args()

    started = time.perf_counter()
    extract_entities("Hospital General de Zona No. 1 en Oaxaca")
    print(f"first call (builds gazetteer, compiles): {time.perf_counter() - started:.3f} s")

    for label, folder in [
        ("seeds", SEEDS_GOLD),
        ("dev", DEV_GOLD),
        *[(str(d), d) for d in args.gold_dir],
    ]:
        if not gold_files(folder):
            print(f"\n{label}: no gold files in {folder}")
            continue
        result = evaluate(folder)
        print(f"\n{label} ({result.bulletins} bulletins)")
        print(table(result))
        if args.misses:
            for line in misses(result):
                print("  " + line)
    print()

    texts = [parse_file(p).text for p in sorted((REPO / "seeds").glob("*.txt"))]
    per_call: list[float] = []
    cpu_started = time.process_time()
    for _ in range(args.repeat):
        for text in texts:
            t0 = time.perf_counter()
            extract_entities(text)
            per_call.append((time.perf_counter() - t0) * 1000)
    cpu_ms = (time.process_time() - cpu_started) * 1000 / len(per_call)
    size = sum(len(t) for t in texts) / len(texts)
    print(
        f"extract_entities: mean {statistics.fmean(per_call):.2f} ms, "
        f"median {statistics.median(per_call):.2f} ms, "
        f"p95 {sorted(per_call)[int(len(per_call) * 0.95)]:.2f} ms "
        f"per bulletin (avg {size:.0f} chars, {len(per_call)} calls); CPU {cpu_ms:.2f} ms/call"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.2f} (wall times grow with it)")


if __name__ == "__main__":
    main()
