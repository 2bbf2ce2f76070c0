"""How good are date estimates? Pretend each dated bulletin is undated and check its real date.

    python -m benchmarks.eval_estimate DIR_OR_FILE... [--expected MONTHS.tsv]

For every bulletin with a dateline date: the estimate its text would get without that date
(core.estimate), whether the real date falls inside it, how wide it is, and whether its
office-holders contradict the date (a false alarm, since these dates are real). Undated
bulletins are checked against `--expected`, lines "file name<TAB>YYYY-MM" known from elsewhere
(a publication date). Prints one line per miss or false alarm and a summary; exits 1 if any
estimate misses its date.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from core.dating_tables import format_month, month_of, parse_month
from core.discover import discover
from core.estimate import bulletin_state, contradictions, estimate_date, office_evidence
from core.parse import parse_file


def _month(value: str) -> int:
    month = parse_month(value)
    assert month is not None, "an empty month"
    return month


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--expected", type=Path, help="TSV: file name, YYYY-MM")
    args = parser.parse_args(argv)
    expected = _expected(args.expected) if args.expected else {}
    dated = estimated = inside = alarms = conflicts = 0
    undated = [0, 0, 0]  # undated bulletins; with an estimate; with conflicting evidence
    checked = [0, 0]  # undated bulletins with an expected month and an estimate; inside it
    widths: list[int] = []
    for path in discover(args.paths).files:
        bulletin = parse_file(path)
        if bulletin.date is None:
            undated[0] += 1
            undated[1] += bulletin.date_estimate is not None
            undated[2] += any(i.code == "date-estimate-conflict" for i in bulletin.issues)
            known, guess = expected.get(path.name), bulletin.date_estimate
            if known is not None and guess is not None:
                checked[0] += 1
                if _inside(known, guess.from_, guess.to):
                    checked[1] += 1
                else:
                    print(f"miss         {path.name}: {format_month(known)} outside {guess.label}")
            continue
        dated += 1
        state = bulletin_state(bulletin.entities)
        holders = office_evidence(bulletin.text, bulletin.entities, state)
        for issue in contradictions(bulletin.date, holders):
            alarms += 1
            print(f"false alarm  {path.name}: {issue.message}")
        estimate, issues = estimate_date(bulletin.text, bulletin.entities, None)
        conflicts += bool(issues)
        if estimate is None:
            continue
        estimated += 1
        if _inside(month_of(bulletin.date), estimate.from_, estimate.to):
            inside += 1
        else:
            print(f"miss         {path.name}: {bulletin.date} outside {estimate.label}")
        if estimate.from_ and estimate.to:
            widths.append(_month(estimate.to) - _month(estimate.from_) + 1)
    print(
        f"dated bulletins: {dated}; with an estimate: {estimated}; date inside it: {inside};"
        f" conflicts: {conflicts}; false contradiction warnings: {alarms}"
    )
    total, with_estimate, conflicting = undated
    print(f"undated: {total}; with an estimate: {with_estimate}; conflicts: {conflicting}")
    if widths:
        print(
            f"closed estimates: {len(widths)}, width in months: median"
            f" {statistics.median(widths):g}, max {max(widths)}"
        )
    if expected:
        print(f"undated with an expected month and an estimate: {checked[0]}; inside: {checked[1]}")
    return 0 if inside == estimated and checked[0] == checked[1] else 1


def _inside(month: int, low: str | None, high: str | None) -> bool:
    return (low is None or _month(low) <= month) and (high is None or month <= _month(high))


def _expected(path: Path) -> dict[str, int]:
    """File name -> month, from "name<TAB>YYYY-MM" lines."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, _, month = line.partition("\t")
        if month.strip():
            out[name.strip()] = _month(month.strip())
    return out


if __name__ == "__main__":
    sys.exit(main())
