"""Who held which office when, and which names only existed for a while: the dating tables.

Read once per process from `core/data/office_holders.csv` and `core/data/dating_signals.csv`
(provenance in `core/data/README.md`). Months are the unit: a tenure "2012-12".."2016-02"
covers every day of both months, because sources agree on months more often than on days.
An empty bound is open: still in office, or a name with no known end (or start).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from core.textfold import fold, words

#: Offices as identifiers in the table, and how evidence names them.
OFFICE_LABELS = {
    "imss_director_general": "Director General del IMSS",
    "presidente": "Presidente de la República",
    "secretario_salud": "Secretario de Salud",
    "gobernador": "Gobernador",
}
#: How long before taking office a holder may already be called by a lone title ("el
#: presidente López Obrador" in November 2018): from the election (July or June) to the start
#: of the term for elected offices; appointed ones are announced days ahead.
TRANSITION_MONTHS = {
    "imss_director_general": 1,
    "presidente": 5,
    "secretario_salud": 1,
    "gobernador": 6,
}
#: Words a name may carry or drop without being another person's ("Fernando Flores y Pérez").
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y"})
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def parse_month(text: str) -> int | None:
    """'2012-12' -> a month number (year * 12 + month - 1); '' -> None (an open bound)."""
    if not text:
        return None
    match = _MONTH.fullmatch(text)
    if match is None:
        raise ValueError(f"not a YYYY-MM month: {text!r}")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def format_month(month: int) -> str:
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def month_of(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_start(month: int) -> dt.date:
    return dt.date(month // 12, month % 12 + 1, 1)


def month_end(month: int) -> dt.date:
    return month_start(month + 1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Tenure:
    """One person in one office for one stretch of months."""

    office: str
    jurisdiction: str  # the state, for governors; "" for federal offices
    names: tuple[str, ...]  # as written in the table: full name first, then other forms
    start: int | None
    end: int | None
    source: str

    @property
    def label(self) -> str:
        """'Gobernador de Chiapas', 'Jefe de Gobierno de la Ciudad de México', ..."""
        if self.office != "gobernador":
            return OFFICE_LABELS[self.office]
        if self.jurisdiction == "Ciudad de México":
            return "Jefe de Gobierno de la Ciudad de México"
        if self.jurisdiction == "Estado de México":
            return "Gobernador del Estado de México"
        return f"Gobernador de {self.jurisdiction}"


@dataclass(frozen=True)
class Signal:
    """A name that dates a text by itself (a programme, a ministry, a disease)."""

    pattern: str
    meaning: str
    start: int | None
    end: int | None
    source: str
    regex: re.Pattern[str]
    #: States have a body of the same name (their own "Secretaría de Bienestar"), so the name
    #: followed by a qualifier ("... de Oaxaca", "... estatal") is not the dated one.
    state_homonyms: bool = False


def name_key(name: str) -> frozenset[str]:
    """The words that identify a person, folded, particles dropped."""
    return frozenset(w for w in words(name) if w not in _PARTICLES)


def same_person(name: str, tenure: Tenure) -> bool:
    """A name as a bulletin gives it is the table's person when one form's words contain the
    other's and at least two words are shared ("Zoé Robledo" ~ "Zoé Robledo Aburto"):
    bulletins drop second given names and second surnames, never swap them."""
    return _same(name_key(name), _keys(tenure))


def _same(key: frozenset[str], forms: tuple[frozenset[str], ...]) -> bool:
    return len(key) >= 2 and any(
        len(key & other) >= 2 and (key <= other or other <= key) for other in forms
    )


@cache
def _keys(tenure: Tenure) -> tuple[frozenset[str], ...]:
    return tuple(name_key(form) for form in tenure.names)


@cache
def _by_word() -> dict[tuple[str, str], tuple[int, ...]]:
    """(office, a word of a holder's name) -> rows of `tenures()`: a name is checked against
    the few holders who share one of its words, not the whole table."""
    grouped: dict[tuple[str, str], list[int]] = {}
    for row, tenure in enumerate(tenures()):
        for word in frozenset().union(*_keys(tenure)):
            grouped.setdefault((tenure.office, word), []).append(row)
    return {key: tuple(rows) for key, rows in grouped.items()}


@cache
def tenures() -> tuple[Tenure, ...]:
    rows = _read_csv("office_holders.csv")
    return tuple(
        Tenure(
            office=row["office"],
            jurisdiction=row["jurisdiction"],
            names=tuple(n.strip() for n in row["name"].split("|")),
            start=parse_month(row["from"]),
            end=parse_month(row["to"]),
            source=row["source"],
        )
        for row in rows
    )


@cache
def signals() -> tuple[Signal, ...]:
    return tuple(
        Signal(
            pattern=row["pattern"],
            meaning=row["meaning"],
            start=parse_month(row["from"]),
            end=parse_month(row["to"]),
            source=row["source"],
            regex=signal_regex(row["pattern"]),
            state_homonyms=row["state_homonyms"] == "yes",
        )
        for row in _read_csv("dating_signals.csv")
    )


def signal_regex(pattern: str) -> re.Pattern[str]:
    """Matches the pattern in folded text as whole words, with a hyphen, a space or nothing
    between its words ("IMSS-PROSPERA", "IMSS Prospera", "IMSS‐Oportunidades")."""
    return re.compile(rf"(?<!\w){_signal_source(pattern)}(?!\w)")


@cache
def signal_leads() -> frozenset[str]:
    """The first (up to) four letters of every signal: only words opening so can start one."""
    return frozenset(words(s.pattern)[0][:4] for s in signals())


@cache
def signals_regex() -> re.Pattern[str]:
    """Every signal in one pass: group `s<i>` is `signals()[i]`."""
    alternatives = (f"(?P<s{i}>{_signal_source(s.pattern)})" for i, s in enumerate(signals()))
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")


def _signal_source(pattern: str) -> str:
    parts = [re.escape(p) for p in re.split(r"[\s\-‐]+", fold(pattern)) if p]
    return r"[\s\-‐]*".join(parts)


@cache
def _holder_words() -> frozenset[str]:
    return frozenset(word for _, word in _by_word())


def may_hold_office(name: str) -> bool:
    """False when `holders` is empty for every office: no holder shares two of its words."""
    return len(name_key(name) & _holder_words()) >= 2


def holders(office: str, name: str, jurisdiction: str | None = None) -> list[Tenure]:
    """The tenures of `office` (in `jurisdiction`, if given) held by the person `name`."""
    key = name_key(name)
    index, table = _by_word(), tenures()
    rows = sorted({row for word in key for row in index.get((office, word), ())})
    return [
        table[row]
        for row in rows
        if (jurisdiction is None or table[row].jurisdiction == jurisdiction)
        and _same(key, _keys(table[row]))
    ]


def _read_csv(name: str) -> Iterable[dict[str, str]]:
    path = resources.files("core") / "data" / name
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
