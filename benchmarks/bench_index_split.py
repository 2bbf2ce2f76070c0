"""Where a cold index spends its CPU: the parsing workers or the parent that stores.

    .venv/bin/python -m benchmarks.bench_index_split CORPUS_DIR [--files N]

Indexes the first N files of the corpus into an empty cache and reports the rate, the
parent's CPU per file (receiving results, SQLite and FTS5 writes) and the workers' (parse,
hash, encode). With W cores the rate cannot pass W / (parent + workers) files per second.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from core.discover import discover
from core.index import Index
from core.runtime import default_workers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--files", type=int, default=2000)
    args = parser.parse_args(argv)
    files = discover([args.corpus]).files[: args.files]
    with tempfile.TemporaryDirectory(prefix="index-split-") as cache:
        index = Index.open(cache)
        wall, cpu = time.perf_counter(), time.process_time()
        index.update(files)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        index.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    parent_ms = cpu / len(files) * 1000
    workers_ms = (children.ru_utime + children.ru_stime) / len(files) * 1000
    cores = default_workers()
    result = {
        "files": len(files),
        "per_s": round(len(files) / wall, 1),
        "parent_cpu_ms_per_file": round(parent_ms, 2),
        "workers_cpu_ms_per_file": round(workers_ms, 2),
        "cores": cores,
        "ceiling_per_s": round(cores * 1000 / (parent_ms + workers_ms), 1),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
