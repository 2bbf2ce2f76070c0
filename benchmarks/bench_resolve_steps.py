"""CPU time of each step of a full resolution, on a corpus already in a cache: which step
grows faster than the corpus (issue 16).

    .venv/bin/python -m benchmarks.bench_resolve_steps --corpus DIR --cache DIR [--profile N]

The cache must hold the corpus already (e.g. after `benchmarks.run --phase cold_index`); it
is only read. Grouping (rule 1) runs while files parse in a cold load, so it is timed apart
from the steps left after the last file is stored: turning groups into ranked groups,
sorting, rules 2, 3 and 4, building the entities and packing the table. Prints JSON with
each step's CPU seconds (time.process_time, steady on a shared machine where wall time is
not) and a digest of the table's stored bytes and of the stored groups, so two versions of
the code can be checked to give the same entities. `--profile N` prints the N costliest
functions of the steps after grouping (cProfile, cumulative).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import pstats
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from core import resolve
from core.corpus import distinct_bulletins
from core.discover import discover
from core.index import Index
from core.resolve import SpellingGroups, corpus_order_key
from core.resolve_store import stored
from core.runtime import gc_paused

T = TypeVar("T")


def _timed(times: dict[str, float], step: str, work: Callable[[], T]) -> T:
    started = time.process_time()
    result = work()
    times[step] = round(time.process_time() - started, 3)
    return result


def _cluster(groups: list[resolve.Group], times: dict[str, float]) -> list[list[resolve.Group]]:
    """`resolve.cluster_groups`, step by step."""
    _timed(times, "sort", lambda: groups.sort(key=resolve.group_order))
    uf = resolve._UnionFind(len(groups))
    kind = resolve.EntityKind.OFFICIAL
    members = [i for i, g in enumerate(groups) if g.kind is kind]
    variants = _timed(times, "rule2_variants", lambda: resolve._merge_variants(groups, members, uf))
    _timed(
        times,
        "rule3_short_forms",
        lambda: resolve._merge_short_forms(groups, members, uf, variants),
    )
    _timed(times, "rule4_units", lambda: resolve._merge_stateless_units(groups, uf))

    def clusters() -> list[list[resolve.Group]]:
        found: dict[int, list[resolve.Group]] = defaultdict(list)
        for i, group in enumerate(groups):
            found[uf.find(i)].append(group)
        return [found[root] for root in sorted(found)]

    return _timed(times, "clusters", clusters)


def measure(corpus: Path, cache: Path) -> tuple[dict[str, Any], Callable[[], Any]]:
    """Loads the corpus from the cache and groups it; returns what was measured and the
    steps after grouping (to run once, timed, or under cProfile)."""
    index = Index.open(cache)
    report = index.update(discover([corpus]).files, roots=[corpus])
    kept, _ = distinct_bulletins(report.summaries)
    order = sorted(kept, key=lambda p: corpus_order_key(report.summaries[p]))
    ordered = [report.summaries[p] for p in order]
    seen = index._sightings(report, order)
    times: dict[str, float] = {}
    grouped = SpellingGroups()

    def group() -> None:
        for position, entities in zip(order, seen, strict=True):
            grouped.add(position, entities)

    with gc_paused():
        _timed(times, "group_while_parsing", group)
    ranks = [-1] * len(report.summaries)
    for rank, position in enumerate(order):
        ranks[position] = rank
    sizes = [grouped.sizes[p] for p in order]
    result: dict[str, Any] = {"bulletins": len(order)}

    def after_parse() -> None:
        with gc_paused():
            started = time.process_time()
            groups = _timed(times, "ranked_groups", lambda: grouped.groups(ranks))
            clusters = _cluster(groups, times)
            built = _timed(times, "build_entities", lambda: resolve.build_entities(clusters))
            table = _timed(times, "pack_table", lambda: resolve._table(built, ordered, sizes))
            times["after_parse_total"] = round(time.process_time() - started, 3)
        header, columns = table.to_blobs()
        digest = hashlib.sha256()
        for entity in built:
            for g in entity.groups:
                digest.update(repr(stored(g, entity.id, None)).encode())
        result.update(
            groups=len(groups),
            officials=sum(1 for g in groups if g.kind is resolve.EntityKind.OFFICIAL),
            entities=len(table),
            table_sha256=hashlib.sha256(header + columns).hexdigest()[:16],
            groups_sha256=digest.hexdigest()[:16],
        )

    result["cpu_s"] = times
    return result, after_parse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest calls")
    parser.add_argument("--profile-out", type=Path, help="save the profile (pstats) here")
    args = parser.parse_args(argv)
    result, after_parse = measure(args.corpus, args.cache)
    if args.profile or args.profile_out:
        profiler = cProfile.Profile()
        profiler.runcall(after_parse)
        if args.profile_out:
            profiler.dump_stats(args.profile_out)
        if args.profile:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    else:
        after_parse()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
