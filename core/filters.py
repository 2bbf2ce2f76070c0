"""Which bulletins a set of filters keeps: entities, a date range, kinds, "undated only".

Filters combine with AND and read only summaries and the entity table, so a 10,000-bulletin
corpus filters without loading one full bulletin. A date range matches a bulletin's dateline
date; an undated bulletin's estimate is a range of months, not a date, and matches only when
asked for (`estimates=True`) and only when the whole estimate lies inside the range.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from core.i18n import _
from core.models import BulletinSummary
from core.textfold import fold

_PART = r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?"
_FORMS = "2015, 2024-04, 2015-03-02, 2015-01..2015-12, 2015.."
_RANGE_RE = re.compile(rf"^\s*(?:{_PART})?\s*(\.\.|…)?\s*(?:{_PART})?\s*$")


@dataclass(frozen=True)
class DateRange:
    """Days from `first` to `last`, both included; None is an open end."""

    first: dt.date | None = None
    last: dt.date | None = None

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):
            return False
        return (self.first is None or self.first <= day) and (self.last is None or day <= self.last)

    @property
    def label(self) -> str:
        """The shortest text that parses back to this range ("2015", "2024-04", "2015-01..")."""
        first, last = self.first, self.last
        if first is not None and last is not None:
            if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
                if first.year == last.year:
                    return str(first.year)
                return f"{first.year}..{last.year}"
            if first.day == 1 and last == month_end(last):
                if (first.year, first.month) == (last.year, last.month):
                    return first.strftime("%Y-%m")
                return f"{first:%Y-%m}..{last:%Y-%m}"
            if first == last:
                return first.isoformat()
        return f"{_end_label(first)}..{_end_label(last)}"


def _end_label(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month (December 9999 included)."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_range(first: dt.date, last: dt.date | None = None) -> DateRange:
    """The days of `first`'s month, or of the months from `first`'s to `last`'s."""
    return DateRange(first.replace(day=1), month_end(last or first))


def _bounds(year: str, month: str | None, day: str | None) -> tuple[dt.date, dt.date]:
    """The first and last day that "2015", "2015-04" or "2015-04-09" stands for; a part
    out of range raises ValueError saying which, in the interface's language."""
    y = int(year)
    if y < dt.MINYEAR:
        raise ValueError(_("there is no year {year}").format(year=year))
    if month is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if not 1 <= int(month) <= 12:
        raise ValueError(
            _("there is no month {month} (months go from 1 to 12)").format(month=month)
        )
    first = dt.date(y, int(month), 1)
    if day is None:
        return first, month_end(first)
    last = month_end(first)
    if not 1 <= int(day) <= last.day:
        message = _("{month} has no day {day} (it has {days})")
        raise ValueError(message.format(month=f"{first:%Y-%m}", day=day, days=last.day))
    exact = first.replace(day=int(day))
    return exact, exact


def parse_date_range(text: str) -> DateRange:
    """`2015`, `2024-04`, `2015-03-02`, `2015-01..2015-12`, `2015..`, `..2016-06`.

    Raises ValueError with a message meant for the user, in the interface's language.
    """
    match = _RANGE_RE.match(text)
    if match is None or (match[1] is None and match[5] is None) or (not match[4] and match[5]):
        message = _("not a date or range: {text} (try {examples})")
        raise ValueError(message.format(text=repr(text.strip()), examples=_FORMS))
    try:
        start = _bounds(match[1], match[2], match[3]) if match[1] else None
        end = _bounds(match[5], match[6], match[7]) if match[5] else None
    except ValueError as err:
        message = _("not a valid date in {text}: {reason}")
        raise ValueError(message.format(text=repr(text.strip()), reason=err)) from None
    if match[4] is None:  # one date, month or year: its whole span
        assert start is not None
        return DateRange(*start)
    first = start[0] if start else None
    last = end[1] if end else None
    if first is not None and last is not None and first > last:
        message = _("the range {text} ends before it starts")
        raise ValueError(message.format(text=repr(text.strip())))
    return DateRange(first, last)


@dataclass(frozen=True)
class BulletinFilter:
    """Filters combined with AND; an empty filter keeps every bulletin."""

    entities: tuple[str, ...] = ()  # entity ids: bulletins mentioning every one
    dates: DateRange | None = None
    kinds: tuple[str, ...] = ()  # bulletin kinds ("boletín de prensa"), accents/case ignored
    undated: bool = False  # only bulletins without a date
    estimates: bool = False  # a date range also keeps undated bulletins estimated inside it

    @property
    def empty(self) -> bool:
        return not (self.entities or self.dates or self.kinds or self.undated)

    def keeps(self, summary: BulletinSummary) -> bool:
        """Whether one bulletin passes the date, kind and undated filters (not entities,
        which need the corpus's entity table)."""
        if self.undated and summary.date is not None:
            return False
        if self.kinds and fold(summary.kind or "") not in {fold(k) for k in self.kinds}:
            return False
        if self.dates is not None:
            if summary.date is not None:
                return summary.date in self.dates
            return self.estimates and _estimate_inside(summary, self.dates)
        return True


def _estimate_inside(summary: BulletinSummary, dates: DateRange) -> bool:
    estimate = summary.date_estimate
    if estimate is None or estimate.from_ is None or estimate.to is None:
        return False
    first = dt.date.fromisoformat(f"{estimate.from_}-01")
    last = month_end(dt.date.fromisoformat(f"{estimate.to}-01"))
    return first in dates and last in dates


def filter_ranks(
    summaries: Sequence[BulletinSummary],
    postings: Iterable[Collection[int]],
    spec: BulletinFilter,
) -> list[int]:
    """The ranks of `summaries` that `spec` keeps; `postings` are the ranks mentioning each of
    `spec.entities` (intersected: every entity must be mentioned)."""
    candidates: Iterable[int] | None = None
    for ranks in postings:
        wanted = set(ranks)
        candidates = wanted if candidates is None else set(candidates) & wanted
    order = range(len(summaries)) if candidates is None else sorted(candidates)
    return [rank for rank in order if spec.keeps(summaries[rank])]
