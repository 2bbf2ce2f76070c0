"""How facility detection scales on facility-dense text (issue 12 item 8: it was quadratic).

    .venv/bin/python -m benchmarks.bench_facilities --mb 0.5 1 2

Each size repeats a paragraph that names numbered units with their towns, a medical complex,
an elided enumeration and a honorific; prints JSON with the seconds per size and the ratio
to the first size (linear: the ratio of the sizes).
"""

from __future__ import annotations

import argparse
import json
import time

from core.entities.facilities import find_facilities

PARAGRAPH = (
    "El HGZ No. 33 de Monterrey, el Centro Médico Nacional “La Raza” y el Hospital General "
    "de Zona “XIV de Septiembre” atienden; las UMF No. 4 en Saltillo, No. 7 en Monclova y "
    "No. 50 en Torreón abrieron. "
)


def run(sizes_mb: list[float]) -> dict[str, object]:
    find_facilities(PARAGRAPH)  # compile the patterns and build the gazetteer first
    rows = []
    for mb in sizes_mb:
        text = PARAGRAPH * max(1, int(mb * 1_000_000 / len(PARAGRAPH)))
        started = time.perf_counter()
        hits = find_facilities(text)
        seconds = time.perf_counter() - started
        rows.append({"mb": round(len(text) / 1e6, 2), "hits": len(hits), "seconds": seconds})
    first = max(float(rows[0]["seconds"]), 1e-9)
    for row in rows:
        row["ratio"] = round(float(row["seconds"]) / first, 2)
        row["seconds"] = round(float(row["seconds"]), 3)
    return {"paragraph_chars": len(PARAGRAPH), "sizes": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[0.5, 1.0, 2.0])
    print(json.dumps(run(parser.parse_args().mb), indent=2))


if __name__ == "__main__":
    main()
