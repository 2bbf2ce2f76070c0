"""Spanish dates -> datetime.date, with the checks a careful reader would make.

Only explicit calendar dates count ("24 de julio de 2015", "jueves 30 de mayo de 2024",
"1º de mayo de 2024", and the forms of web pages: "08 noviembre 2018", "20JUNIO2024", "Abril 20
del 2020", "29 Jun, 2025"): relative words ("hoy", "mañana") and a month alone never date a
bulletin. dateparser does the month-name work, restricted to Spanish; we handle what it cannot
(ordinals such as "1o." or "primero", abbreviated and glued forms) and cross-check the weekday.
Where in a bulletin a date may be read is `core.layout`'s business.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

import core.stored_messages as msg
from core.models import Issue

MONTHS = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
}
WEEKDAYS = {
    "lunes": 0,
    "martes": 1,
    "miercoles": 2,
    "miércoles": 2,
    "jueves": 3,
    "viernes": 4,
    "sabado": 5,
    "sábado": 5,
    "domingo": 6,
}

#: Three-letter and dotted month forms of page stamps and glued datelines ("29 Jun, 2025",
#: "FEB 082013", "20JUNIO2024").
MONTH_ABBREVIATIONS = {
    "ene": 1,
    "feb": 2,
    "mar": 3,
    "abr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "ago": 8,
    "sep": 9,
    "sept": 9,
    "set": 9,
    "oct": 10,
    "nov": 11,
    "dic": 12,
}

# Day and year take any run of digits so that "30 de mayo de 99999" or a 20-digit day is
# read as an impossible date (a warning) rather than as no date and a header line lost.
_DAY = r"(?P<day>\d+|primero|1\s?(?:º|°|ª|o\.?|ro\.?|er\.?))"
_MONTH = "(?P<month>" + "|".join(MONTHS) + ")"
_ANY_MONTH = (
    "(?P<month>"
    + "|".join(sorted([*MONTHS, *MONTH_ABBREVIATIONS], key=len, reverse=True))
    + r")(?![^\W\d_])\.?"
)
_WEEKDAY = "(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_YEAR = r"(?P<year>-?\d+)(?!\d)"
#: "[jueves,] [a] 30 de mayo [de|del] 2024"
DATE_RE = re.compile(
    rf"(?:\b{_WEEKDAY},?\s+)?(?:\ba\s+)?(?<![\d-]){_DAY}\s+de\s+{_MONTH}\s*,?\s+(?:de|del)?\s*"
    + _YEAR,
    re.IGNORECASE,
)
#: "08 noviembre 2018", "20JUNIO2024", "29 Jun, 2025", "01/AGO/2017": no "de", months maybe
#: abbreviated, maybe between slashes or hyphens.
_DAY_MONTH_RE = re.compile(
    rf"(?:\b{_WEEKDAY},?\s+)?(?<![\d-])(?P<day>\d{{1,2}})\s*[/-]?\s*{_ANY_MONTH}\s*[,/-]?\s*"
    rf"(?:del?\s+)?(?P<year>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
#: "Abril 20 del 2020", "FEB 082013", "marzo 15, 2020": the month first.
_MONTH_DAY_RE = re.compile(
    rf"(?:\b{_WEEKDAY},?\s+)?(?<![^\W\d_]){_ANY_MONTH}\s*(?P<day>\d{{1,2}})\s*,?\s*"
    rf"(?:del?\s+)?(?P<year>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
#: "2025-07-19": only where a label says it is a date ("Publicado: 2025-07-19").
ISO_DATE_RE = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")
#: "3/03/2021", "03.03.2021": day first as in Mexico, and again only where a label says so.
NUMERIC_DATE_RE = re.compile(
    r"(?<![\d/.])(?P<day>\d{1,2})(?P<sep>[/.])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)"
)
_FORMS = (DATE_RE, _DAY_MONTH_RE, _MONTH_DAY_RE)
#: What every form holds: a month name (its first three letters, after no letter) and, past
#: the rest of its letters, a dot, a comma, slash or hyphen, "de"/"del" and spaces, a digit
#: (the day or the year). Most paragraphs hold none: one scan spares the forms' searches.
_MONTH_THEN_NUMBER = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(sorted({m[:3] for m in [*MONTHS, *MONTH_ABBREVIATIONS]}))
    + r")[^\W\d_]*\.?\s*[,/-]?\s*(?:del?\s*)?-?\d",
    re.IGNORECASE,
)


def search_date(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The first date in `text[start:end]` written in any of the Spanish forms, else None."""
    end = len(text) if end is None else end
    if _MONTH_THEN_NUMBER.search(text, start, end) is None:
        return None
    best: re.Match[str] | None = None
    for form in _FORMS:
        m = form.search(text, start, end)
        if m and (
            best is None
            or m.start() < best.start()
            or (m.start() == best.start() and m.end() > best.end())
        ):
            best = m
    return best


@dataclass
class DateFound:
    """A calendar date found in text, where it was, and the warnings it raised."""

    text: str
    start: int
    end: int
    date: dt.date | None
    issues: list[Issue] = field(default_factory=list)


@lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["es"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )


@lru_cache(maxsize=64)
def month_number(name: str) -> int | None:
    """The month a Spanish month name means, as dateparser reads it (one call per name).

    Asking dateparser once per distinct month word, instead of once per dateline, keeps its
    Spanish knowledge while making a 10,000-bulletin index ~10 ms per bulletin faster.
    """
    result = _parser().get_date_data(f"15 de {name} de 2000")
    return result.date_obj.month if result and result.date_obj else None


def _day_number(raw: str) -> int:
    raw = raw.lower()
    if raw.isdigit():
        return int(raw) if len(raw) <= 4 else 10**4  # a 20-digit day is merely impossible
    return 1  # "primero", "1º", "1o.", "1er."


def _month_of(raw: str) -> tuple[int, int | None]:
    """(month, as dateparser reads the full name or None when it disagrees)."""
    name = raw.lower().rstrip(".")
    if name in MONTHS:
        return MONTHS[name], month_number(name)
    if name.isdigit():
        return int(name), int(name)
    month = MONTH_ABBREVIATIONS[name]
    return month, month


def normalize_match(match: re.Match[str]) -> DateFound:
    """Turn a date match into a date; impossible dates and wrong weekdays are warnings."""
    text = match.group(0)
    found = DateFound(text=text, start=match.start(), end=match.end(), date=None)
    day = _day_number(match.group("day"))
    month, month_seen = _month_of(match.group("month"))
    raw_year = match.group("year")
    year = int(raw_year) if len(raw_year.lstrip("-")) <= 6 else 10**6
    if (
        not 1900 <= year <= 2100
        or not 1 <= month <= 12
        or not 1 <= day <= calendar.monthrange(year, month)[1]
    ):
        found.issues.append(
            Issue(
                severity="warning",
                code="impossible-date",
                message=msg.IMPOSSIBLE_DATE.format(text=repr(text)),
            )
        )
        return found
    found.date = dt.date(year, month_seen, day) if month_seen == month else None
    if found.date is None:
        found.issues.append(
            Issue(
                severity="warning",
                code="unparsed-date",
                message=msg.UNREAD_DATE.format(text=repr(text)),
            )
        )
        return found
    weekday = match.groupdict().get("weekday")
    if weekday and WEEKDAYS[weekday.lower()] != found.date.weekday():
        actual = [name for name, n in WEEKDAYS.items() if n == found.date.weekday()][-1]
        found.issues.append(
            Issue(
                severity="warning",
                code="weekday-mismatch",
                message=msg.WRONG_WEEKDAY.format(
                    text=repr(text), date=found.date, actual=actual, weekday=weekday.lower()
                ),
            )
        )
    return found


def find_date(text: str) -> DateFound | None:
    """The first explicit calendar date in `text`, normalized, or None."""
    match = search_date(text)
    return normalize_match(match) if match else None


def parse_spanish_date(text: str) -> dt.date | None:
    """Convenience: the date of the first explicit Spanish date in `text`, or None."""
    found = find_date(text)
    return found.date if found else None
