"""Build the Mexican given-name and surname lexicons shipped in core/data.

    pip download --no-deps names-dataset==3.3.1 -d /tmp/nd
    python scripts/build_name_lexicon.py /tmp/nd/names_dataset-3.3.1-py3-none-any.whl

names-dataset (Philippe Remy; PyPI metadata: MIT, wheel LICENSE file: Apache-2.0) ranks first
and last names per country. This script keeps the names ranked in Mexico (MX), folds them
(case and accents, as `core.entities.text.fold` does), keeps the best rank per folded form and
writes the top ones, one a line, best first. It is a build-time tool: the package is never a
runtime dependency, and the wheel is read in place (no install needed).

A given name must be a first name people in Mexico use as such: ranked in the first
`--given` MX first names and more common as a first name than as a surname, or very common as
a first name (rank <= `COMMON_GIVEN`) and not overwhelmingly a surname ("Guerrero", "Juárez"
and "García" appear in the first-name column of the source, but are surnames; "Cruz" and
"Reyes" are both). Three-letter entries must be common ("Ana", "Luz"): the rare ones are
nicknames and typos ("Gpe", "Ery"). Words that are not names in bulletin prose ("Salud",
"Lic", "Instituto") are dropped by core/data/names_excluded.txt, which is hand-kept.
"""

from __future__ import annotations

import argparse
import gzip
import pickle
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "core" / "data"
COMMON_GIVEN = 1000
SURNAME_RATIO = 50  # "Cruz" (1st-name rank 343, surname 12) is both; "García" (785, 2) is not
_LETTERS = re.compile(r"[^\W\d_]+")


def fold(text: str) -> str:
    """Same key as core.entities.text.fold (kept standalone: this script reads no core code)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").strip()


def _load(wheel: Path, member: str) -> dict[str, dict]:
    with zipfile.ZipFile(wheel) as zf, zf.open(member) as raw, gzip.open(raw) as fh:
        return pickle.load(fh)  # the package's own data file, as its NameDataset loads it


def mx_ranks(table: dict[str, dict]) -> dict[str, int]:
    """Best MX rank per folded single-word name."""
    best: dict[str, int] = {}
    for name, info in table.items():
        rank = info.get("rank", {}).get("MX")
        if rank is None or not _LETTERS.fullmatch(name) or len(name) < 3:
            continue
        key = fold(name)
        if rank < best.get(key, sys.maxsize):
            best[key] = rank
    return best


def read_excluded() -> set[str]:
    path = DATA / "names_excluded.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return {fold(ln) for ln in lines if ln.strip() and not ln.startswith("#")}


def build(wheel: Path, n_given: int, n_surnames: int) -> tuple[list[str], list[str]]:
    first = mx_ranks(_load(wheel, "names_dataset/v3/first_names.pkl.gz"))
    last = mx_ranks(_load(wheel, "names_dataset/v3/last_names.pkl.gz"))
    excluded = read_excluded()
    given = [
        name
        for name, rank in sorted(first.items(), key=lambda kv: kv[1])
        if rank <= n_given
        and name not in excluded
        and (len(name) > 3 or rank <= COMMON_GIVEN)  # "Ana", "Luz"; not "Ery", "Gpe"
        and (
            rank < last.get(name, sys.maxsize)
            or (rank <= COMMON_GIVEN and rank < SURNAME_RATIO * last[name])  # Cruz, Reyes
        )
    ]
    surnames = [
        name
        for name, rank in sorted(last.items(), key=lambda kv: kv[1])
        if rank <= n_surnames and name not in excluded
    ]
    return given, surnames


def write(path: Path, names: list[str], what: str, wheel: Path) -> None:
    header = [
        f"# {what}: folded (lowercase, no accents), one a line, most frequent first.",
        f"# Derived from names-dataset {wheel.name.split('-')[1]} (PyPI; Philippe Remy;",
        "# MIT per its metadata, Apache-2.0 per its LICENSE file): names ranked in Mexico (MX).",
        "# Made by scripts/build_name_lexicon.py; see core/data/README.md. Do not edit by hand:",
        "# add words that are not names to core/data/names_excluded.txt and rebuild.",
    ]
    path.write_text("\n".join([*header, *names]) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="names_dataset-*.whl (from pip download)")
    parser.add_argument("--given", type=int, default=5000, help="MX first-name rank cut-off")
    parser.add_argument("--surnames", type=int, default=6000, help="MX surname rank cut-off")
    args = parser.parse_args()
    if not args.wheel.is_file():
        parser.error(f"{args.wheel}: no such wheel file")
    given, surnames = build(args.wheel, args.given, args.surnames)
    write(DATA / "names_mx_given.txt", given, "Mexican given names", args.wheel)
    write(DATA / "names_mx_surnames.txt", surnames, "Mexican surnames", args.wheel)
    print(f"{len(given)} given names, {len(surnames)} surnames written under {DATA}")


if __name__ == "__main__":
    main()
