"""How good are date estimates? Pretend each dated bulletin is undated and check its real date.

    python -m benchmarks.eval_estimate DIR [DIR...]

For every bulletin with a dateline date: the estimate its text would get without that date
(core.estimate), whether the real date falls inside it, how wide it is, and whether its
office-holders contradict the date (a false alarm, since these dates are real). Prints one
line per miss or false alarm and a summary; exits 1 if any estimate misses its date.
"""

from __future__ import annotations

import argparse
import statistics
import sys

from core.dating_tables import month_of
from core.discover import discover
from core.estimate import contradictions, estimate_date, office_evidence
from core.parse import parse_file
from core.resolve import leading_state


def _month(value: str) -> int:
    return int(value[:4]) * 12 + int(value[5:]) - 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    dated = estimated = inside = alarms = conflicts = 0
    widths: list[int] = []
    for path in discover(args.paths).files:
        bulletin = parse_file(path)
        if bulletin.date is None:
            continue
        dated += 1
        state = leading_state(bulletin.entities)
        holders = office_evidence(bulletin.text, bulletin.entities, state)
        for issue in contradictions(bulletin.date, holders):
            alarms += 1
            print(f"false alarm  {path.name}: {issue.message}")
        estimate, issues = estimate_date(bulletin.text, bulletin.entities, None, state)
        conflicts += bool(issues)
        if estimate is None:
            continue
        estimated += 1
        month = month_of(bulletin.date)
        low = _month(estimate.from_) if estimate.from_ else None
        high = _month(estimate.to) if estimate.to else None
        if (low is None or low <= month) and (high is None or month <= high):
            inside += 1
        else:
            print(f"miss         {path.name}: {bulletin.date} outside {estimate.label}")
        if low is not None and high is not None:
            widths.append(high - low + 1)
    print(
        f"dated bulletins: {dated}; with an estimate: {estimated}; date inside it: {inside};"
        f" conflicts: {conflicts}; false contradiction warnings: {alarms}"
    )
    if widths:
        print(
            f"closed estimates: {len(widths)}, width in months: median"
            f" {statistics.median(widths):g}, max {max(widths)}"
        )
    return 0 if inside == estimated else 1


if __name__ == "__main__":
    sys.exit(main())
