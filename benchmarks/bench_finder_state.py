"""What the fuzzy index costs to build, save and restore, in time and resident memory.

    .venv/bin/python -m benchmarks.bench_finder_state CORPUS_DIR --cache-dir DIR

Loads the corpus (warm if the cache has it), builds the index, saves it as
core/finder_cache.py does and restores it from the mapped file. Memory is the process's
resident size before and after each step (Linux /proc), the built index still held while
the restored one is made, so each delta is that step's own memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from core.corpus import load_corpus
from core.finder_cache import FinderCache
from core.search import EntitySearch


def resident_mb() -> float:
    """Resident memory now (not the peak); 0.0 where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--cache-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    corpus = load_corpus([args.corpus], cache_dir=args.cache_dir)
    result: dict[str, float | int] = {
        "load_corpus_s": round(time.perf_counter() - started, 3),
        "entities": len(corpus.entity_table),
        "rss_after_load_mb": round(resident_mb()),
    }
    before = resident_mb()
    started = time.perf_counter()
    built = EntitySearch(corpus.entity_table)
    result["build_s"] = round(time.perf_counter() - started, 3)
    result["build_rss_delta_mb"] = round(resident_mb() - before)
    with tempfile.TemporaryDirectory(prefix="finder-state-") as tmp:
        cache = FinderCache(Path(tmp), "bench")
        started = time.perf_counter()
        cache.save(built)
        result["save_s"] = round(time.perf_counter() - started, 3)
        result["file_bytes"] = cache.path.stat().st_size
        before = resident_mb()
        started = time.perf_counter()
        restored = cache.load(corpus.entity_table)
        result["restore_s"] = round(time.perf_counter() - started, 3)
        result["restore_rss_delta_mb"] = round(resident_mb() - before)
        result["restored"] = restored is not None
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
