"""How long entity resolution takes for an archive-sized corpus (no parsing involved).

    .venv/bin/python -m benchmarks.bench_resolve --bulletins 10000

Bulletins carry what the extractor would give them: ~11 officials each (fresh names from
benchmarks/synth.py's word lists plus a few hundred recurring ones, some written without
accents or with one misspelled surname), places and numbered units. Prints JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from typing import Any

from core.models import Bulletin, BulletinEntity, EntityKind, Span
from core.resolve import resolve
from core.textfold import fold


def synthetic_bulletins(count: int, seed: int = 2024) -> list[Bulletin]:
    from benchmarks.synth import GIVEN_F, GIVEN_M, SURNAMES, UNITS

    rng = random.Random(seed)

    def person() -> str:
        given = " ".join(rng.sample(rng.choice((GIVEN_F, GIVEN_M)), rng.choice((1, 1, 2))))
        return f"{given} {' '.join(rng.sample(SURNAMES, 2))}"

    def variant(name: str) -> str:
        if rng.random() < 0.5:
            return fold(name).title()  # accents lost, as in many PDFs
        words = name.split()
        last = words[-1]
        if len(last) >= 6:
            words[-1] = last[:-1] + ("s" if last[-1] == "z" else "z")
        return " ".join(words)

    recurring = [person() for _ in range(400)]
    places = ["Chihuahua", "Oaxaca", "Chiapas", "Estado de México", "Ciudad de México"]
    bulletins: list[Bulletin] = []
    for number in range(count):
        names = [person() for _ in range(rng.randint(8, 12))]
        names += [variant(n) if rng.random() < 0.2 else n for n in rng.sample(recurring, 2)]
        seen = [(EntityKind.OFFICIAL, n, "director general del IMSS") for n in names]
        seen += [(EntityKind.PLACE, rng.choice(places), None)]
        seen += [
            (EntityKind.FACILITY, rng.choice(UNITS).format(n=rng.randint(1, 260)), None)
            for _ in range(2)
        ]
        date = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randint(0, 5400))
        entities = [
            BulletinEntity(kind=k, name=n, role=r, mentions=[Span(start=0, end=len(n), text=n)])
            for k, n, r in seen
        ]
        bulletins.append(Bulletin(id=f"b{number:05d}", date=date, entities=entities))
    return bulletins


def run(count: int) -> dict[str, Any]:
    bulletins = synthetic_bulletins(count)
    names = {(be.kind, be.name) for b in bulletins for be in b.entities}
    started, cpu = time.perf_counter(), time.process_time()
    entities = resolve(bulletins)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "resolve_bulletins": count,
        "resolve_distinct_names": len(names),
        "resolve_entities": len(entities),
        "resolve_s": round(elapsed, 3),
        "resolve_cpu_s": round(cpu, 3),  # differs from resolve_s when the machine is busy
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulletins", type=int, default=10_000)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.bulletins), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
