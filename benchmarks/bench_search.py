"""Fuzzy entity search per keystroke vs. the naive rapidfuzz scan, on the same names.

    .venv/bin/python -m benchmarks.bench_search --names 100000 --queries 40

Standalone it makes officials with roles and numbered units from benchmarks/synth.py's word
lists (no parsing needed); benchmarks/run.py calls `run(corpus, queries=N)` on a real
synthetic corpus instead. A query is what a user types letter by letter: every prefix of a
name (folded, as people type on a phone or a US keyboard), plus the full name with one typo.
"Recall" is how often the name typed is in the top 20 once at least 6 letters are typed,
judged on the queries both searches ran.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz, process

from core.models import Entity, EntityKind, RoleSeen
from core.search import EntitySearch
from core.textfold import fold

LIMIT = 20
#: Prefixes shorter than this are not expected to find the name yet.
RECALL_MIN_LEN = 6
#: Queries the naive scan is timed on (it takes ~0.1-0.4 s each over 100,000 names).
NAIVE_RUNS = 150


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def keystroke_queries(names: Sequence[str], count: int, seed: int = 7) -> list[tuple[str, str]]:
    """(query, the name being typed): every prefix of `count` names, plus one-typo names."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for name in rng.sample(list(names), min(count, len(names))):
        typed = " ".join(fold(name).split())
        out.extend((typed[:end], name) for end in range(1, len(typed) + 1))
        words = typed.split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        if len(word) >= 5:
            i = rng.randrange(1, len(word) - 1)
            words[longest] = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            out.append((" ".join(words), name))
    return out


def synthetic_entities(count: int, seed: int = 2024, recurring: int = 400) -> list[Entity]:
    """Distinct official names with a role each, plus numbered units, like the archive's;
    `recurring` officials appear in many bulletins with dozens of roles over the years."""
    from benchmarks.synth import GIVEN_F, GIVEN_M, ROLES, SURNAMES, UNITS

    rng = random.Random(seed)
    names: set[str] = set()
    entities: list[Entity] = []
    units = [u.format(n=n) for u in UNITS for n in range(1, 261)]
    for unit in units[: count // 10]:
        entities.append(Entity(id=f"facility:{len(entities)}", kind=EntityKind.FACILITY, name=unit))
    states = ["Chihuahua", "Oaxaca", "Chiapas", "Jalisco", "Sonora", "Puebla", "Yucatán"]
    while len(entities) < count:
        feminine = rng.random() < 0.45
        given = " ".join(rng.sample(GIVEN_F if feminine else GIVEN_M, rng.choice((1, 1, 2))))
        name = f"{given} {' '.join(rng.sample(SURNAMES, 2))}"
        if name in names:
            continue
        names.add(name)
        many = len(names) <= recurring
        roles = {
            rng.choice(ROLES)[int(feminine)].format(
                s=rng.choice(states), m=rng.choice(states), u=f"del {rng.choice(units)}"
            )
            for _ in range(rng.randint(30, 60) if many else 1)
        }
        appearances = rng.randint(30, 80) if many else rng.choice((1, 1, 1, 2, 5))
        entities.append(
            Entity(
                id=f"official:{len(entities)}",
                kind=EntityKind.OFFICIAL,
                name=name,
                roles=[RoleSeen(role=role) for role in sorted(roles)],
                bulletin_ids=[str(i) for i in range(appearances)],
            )
        )
    return entities


def run(
    names: Any,
    queries: Sequence[str] | int = 40,
    *,
    limit: int = LIMIT,
    naive_runs: int = NAIVE_RUNS,
) -> dict[str, Any]:
    """Time our search and the naive scan on the same names and queries.

    `names`: entity names (a search index is built over them), or a Corpus (its own index is
    used, names are its entities' names). `queries`: strings, or how many names to type.
    The naive scan costs the same whatever the query (it scores every name), so it runs on
    an evenly spread `naive_runs` of the queries; ours runs on all of them.
    """
    if hasattr(type(names), "finder"):  # a Corpus (hasattr on it would build the index)
        started = time.perf_counter()
        finder = names.finder
        build_s = time.perf_counter() - started
        table = getattr(names, "entity_table", None)  # a Corpus: names without building models
        name_list = list(table.names) if table is not None else [e.name for e in names.entities]
    else:
        name_list = list(names)
        entities = [
            Entity(id=f"official:{i}", kind=EntityKind.OFFICIAL, name=n)
            for i, n in enumerate(name_list)
        ]
        started = time.perf_counter()
        finder = EntitySearch(entities)
        build_s = time.perf_counter() - started
    if isinstance(queries, int):
        typed = keystroke_queries(name_list, queries)
    else:
        typed = [(q, "") for q in queries]
    finder.search("warm up", limit=limit)
    ours: list[float] = []
    naive: list[float] = []
    found_ours = found_naive = judged = 0
    step = max(1, len(typed) // max(1, naive_runs))
    for position, (query, target) in enumerate(typed):
        t0 = time.perf_counter()
        hits = finder.search(query, limit=limit)
        ours.append((time.perf_counter() - t0) * 1000)
        if position % step:
            continue
        t0 = time.perf_counter()
        baseline = process.extract(query, name_list, scorer=fuzz.WRatio, limit=limit)
        naive.append((time.perf_counter() - t0) * 1000)
        if target and len(query) >= RECALL_MIN_LEN:
            judged += 1
            found_ours += any(h.entity.name == target for h in hits)
            found_naive += any(choice == target for choice, _, _ in baseline)
    p95, naive_p95 = percentile(ours, 95), percentile(naive, 95)
    return {
        "fuzzy_names": len(name_list),
        "fuzzy_queries": len(typed),
        "naive_queries": len(naive),
        "fuzzy_index_build_s": round(build_s, 3),
        "fuzzy_p50_ms": round(percentile(ours, 50), 3),
        "fuzzy_p95_ms": round(p95, 3),
        "fuzzy_max_ms": round(max(ours, default=0.0), 3),
        "naive_p50_ms": round(percentile(naive, 50), 3),
        "naive_p95_ms": round(naive_p95, 3),
        "fuzzy_speedup_p95": round(naive_p95 / max(p95, 1e-9), 1),
        "fuzzy_speedup_mean": round(
            statistics.fmean(naive or [0]) / max(statistics.fmean(ours or [0]), 1e-9), 1
        ),
        "fuzzy_recall_at_20": round(found_ours / judged, 3) if judged else None,
        "naive_recall_at_20": round(found_naive / judged, 3) if judged else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=100_000, help="synthetic entities")
    parser.add_argument("--queries", type=int, default=40, help="names typed letter by letter")
    args = parser.parse_args(argv)
    entities = synthetic_entities(args.names)

    class _Corpus:  # the two attributes `run` reads from a Corpus
        def __init__(self) -> None:
            self.entities = entities
            self.finder = EntitySearch(entities)

    started = time.perf_counter()
    corpus = _Corpus()
    build_s = time.perf_counter() - started
    result = run(corpus, args.queries)
    result["fuzzy_index_build_s"] = round(build_s, 3)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
