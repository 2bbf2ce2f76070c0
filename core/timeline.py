"""Bulletins per month or year: what the app's timeline strip and `imss-tui timeline` show.

Only dated bulletins are placed on the axis. An undated one is counted apart, and of those
the ones with a date estimate are counted again as `estimated`: an estimate spans months or
years ("≈2012-12…2014-09"), and drawing it in one month would present a guess as a date.
Bulletins that could not be read at all are left out (they are not bulletins).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from core.models import BulletinSummary

Period = Literal["month", "year"]


def period_key(day: dt.date, by: Period = "month") -> str:
    """ "2015-07" by month, "2015" by year."""
    return f"{day.year:04d}-{day.month:02d}" if by == "month" else f"{day.year:04d}"


def periods_between(first: dt.date, last: dt.date, by: Period = "month") -> list[str]:
    """Every period from `first`'s to `last`'s, both included, empty ones too."""
    if by == "year":
        return [f"{year:04d}" for year in range(first.year, last.year + 1)]
    keys: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


@dataclass
class Timeline:
    """Counts per period, in order, from the first dated bulletin's to the last one's."""

    by: Period
    counts: dict[str, int] = field(default_factory=dict)
    undated: int = 0
    estimated: int = 0  # of the undated, how many carry a date estimate

    @property
    def dated(self) -> int:
        return sum(self.counts.values())

    def as_json(self) -> dict[str, object]:
        return {
            "by": self.by,
            "periods": [{"period": key, "bulletins": n} for key, n in self.counts.items()],
            "dated": self.dated,
            "undated": self.undated,
            "estimated": self.estimated,
        }


def count_by(
    summaries: Iterable[BulletinSummary],
    by: Period = "month",
    span: tuple[dt.date, dt.date] | None = None,
) -> Timeline:
    """Count `summaries` per period. `span` fixes the axis (the app keeps the whole corpus's
    axis while filters change the counts); by default it runs from the first to the last
    dated bulletin."""
    counted: Counter[str] = Counter()
    dates: list[dt.date] = []
    timeline = Timeline(by)
    for summary in summaries:
        if summary.failed:
            continue
        if summary.date is None:
            timeline.undated += 1
            timeline.estimated += summary.date_estimate is not None
            continue
        counted[period_key(summary.date, by)] += 1
        dates.append(summary.date)
    if span is None and dates:
        span = (min(dates), max(dates))
    if span is not None:
        axis = periods_between(*span, by=by)
        timeline.counts = {key: counted.get(key, 0) for key in axis}
        outside = sorted(set(counted) - set(timeline.counts))
        if outside:  # outside a fixed span: still counted, never dropped
            merged = {**timeline.counts, **{key: counted[key] for key in outside}}
            timeline.counts = dict(sorted(merged.items()))
    return timeline


def dated_span(summaries: Sequence[BulletinSummary]) -> tuple[dt.date, dt.date] | None:
    """The first and last date among `summaries`; None when none is dated."""
    dates = [s.date for s in summaries if s.date is not None and not s.failed]
    return (min(dates), max(dates)) if dates else None
