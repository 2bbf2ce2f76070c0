"""When was an undated bulletin written? Who held which office, and which names were in use.

Evidence comes from two places (tables in core/dating_tables.py):
- an official the text ties to an office by a role phrase next to one of their mentions
  ("el Director General del IMSS, José Antonio González Anaya", "Zoé Robledo, director general
  del IMSS", "el Gobernador de la entidad, Manuel Velasco Coello" -> the state the bulletin is
  about) whose tenure the table knows; a bare name is never evidence (people change office),
  nor is a role marked as past ("el ex director general", "el entonces gobernador");
- a name that existed only for a while ("IMSS-Oportunidades" until 2014-09, "COVID-19" since
  2020-02), unless the text marks it as a former name ("antes IMSS-PROSPERA").

A lone title before a name ("el presidente López Obrador") is also given to the holder-elect,
so such evidence starts `TRANSITION_MONTHS` earlier than the tenure; a full role phrase
("Presidente de la República") does not.

The evidence intervals are intersected. If they do not overlap the evidence conflicts: no
estimate, a warning saying which. A dated bulletin gets no estimate, but an office-holder whose
tenure excludes its date is a warning (the date or the text is wrong).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import core.stored_messages as msg
from core.dating_tables import (
    OFFICE_LABELS,
    TRANSITION_MONTHS,
    Tenure,
    format_month,
    holders,
    may_hold_office,
    month_of,
    parse_month,
    signal_leads,
    signals,
    signals_regex,
)
from core.entities.gazetteer import STATES, leading_state
from core.entities.text import word_leads
from core.models import BulletinEntity, DateEstimate, DateEvidence, EntityKind, Issue, Span
from core.textfold import fold

#: How far before or after a mention a role phrase may start or end.
_WINDOW = 160
#: Words before a role that say its holder is not in office: "el ex director", "el entonces
#: gobernador", "la candidata a gobernadora".
_NOT_IN_OFFICE = re.compile(
    r"(?:\bex\b[\s\-‐]*|\b(?:entonces|otrora|antiguo|antigua|anterior|virtual)\s+"
    r"|\b(?:pre)?candidat[oa]s?\s+a(?:\s+la)?\s+|\baspirantes?\s+a(?:\s+la)?\s+)$"
)
#: Words before a name that make it a former name: "IMSS-Bienestar (antes IMSS-PROSPERA)".
_FORMER_BEFORE = re.compile(
    r"\b(?:antes|anteriormente|otrora|entonces|extint[oa]|desaparecid[oa]|antigu[oa]|ex)"
    r"\b[\s\-‐:,(«“\"]*(?:(?:el|la|del|programa|llamad[oa]|denominad[oa])\s+)*$"
)
#: Words after a name that make it a former name: "IMSS-Oportunidades, hoy IMSS-PROSPERA".
_FORMER_AFTER = re.compile(r"[\s,(]*(?:hoy|ahora|actualmente|que\s+se\s+convirtio)\b")
#: After a name that states share ("Secretaría de Bienestar"), these make it a state's.
_STATE_BODY = re.compile(r"\s+(?:de|del|estatal|local|municipal|social)\b")
#: After a role phrase, these mean another office or not yet in it ("secretario de Salud de
#: Oaxaca", "titular del IMSS en Oaxaca", "gobernador electo").
_QUALIFIED = re.compile(
    r"\s+(?:de|del|en|estatal|local|municipal|delegacional|regional|adjunt[oa]|elect[oa]"
    r"|designad[oa]|nombrad[oa])\b"
)


#: Between a role phrase and the name after it: "..., ", "... (IMSS), ".
_GAP_BEFORE = re.compile(r"(?:\s*\([^()\n]{1,15}\))?[\s,]*$")
#: Between a name and the role phrase after it: ", ", ", la actual ", ", en su calidad de ".
_GAP_AFTER = re.compile(r"[\s,]*(?:(?:el|la|actual|en\s+su\s+calidad\s+de|quien\s+es)\s+)*")


@dataclass(frozen=True)
class _Office:
    office: str
    jurisdiction: str | None  # a state; "@here" for "de la entidad"; None: any
    bare: bool = False  # a title that names no body ("el presidente"): right before the name
    #: A title without its body ("el gobernador X", "el presidente X") is also given to the
    #: elected or designated holder before they take office.
    informal: bool = False

    def __post_init__(self) -> None:
        if self.bare:
            object.__setattr__(self, "informal", True)


@cache
def _state_alternation() -> tuple[str, dict[str, str]]:
    """Regex alternation of folded state names and aliases, longest first, and their owner."""
    names: dict[str, str] = {}
    for _, name, aliases in STATES:
        for form in (name, *aliases):
            names[fold(form)] = name
    names["edomex"] = "Estado de México"
    names["cdmx"] = "Ciudad de México"
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return alternation, names


@cache
def _role_regex() -> re.Pattern[str]:
    """Role phrases in folded text; the named group says which office."""
    states, _ = _state_alternation()
    place = (
        rf"(?P<state>{states})|(?:estado|entidad)\s+de\s+(?P<state2>{states})"
        r"|(?P<here>entidad|estado)"
    )
    return re.compile(
        r"(?<!\w)(?:"
        r"(?P<imss>(?:director[a]?\s+general|director[a]?|titular)\s+del\s+"
        r"(?:imss|instituto\s+mexicano\s+del\s+seguro\s+social|seguro\s+social|instituto)"
        r"(?![\w\-‐]))"
        r"|(?P<pres>president[ea]\s+(?:constitucional\s+)?de\s+"
        r"(?:la\s+republica|mexico|los\s+estados\s+unidos\s+mexicanos)"
        r"|(?:titular|jef[ea])\s+del\s+(?:poder\s+)?ejecutivo\s+federal)"
        r"|(?P<salud>(?:secretari[oa]|titular\s+de\s+la\s+secretaria)\s+de\s+salud"
        r"(?:\s+(?:federal|del\s+gobierno\s+de\s+(?:la\s+republica|mexico)))?)"
        r"|(?P<jefe>jef[ea]\s+de\s+gobierno(?:\s+de\s+la\s+(?:ciudad\s+de\s+mexico|cdmx)"
        r"|\s+del\s+distrito\s+federal|\s+capitalin[oa])?)"
        r"|(?P<gob>(?:gobernador[a]?(?:\s+constitucional)?|mandatari[oa]\s+estatal"
        r"|titular\s+del\s+(?:poder\s+)?ejecutivo\s+(?:estatal|del\s+estado))"
        rf"(?:\s+(?:de|del)\s+(?:la\s+|el\s+)?(?:{place}))?)"
        r"|(?P<bare_pres>president[ea])"
        r"|(?P<bare_imss>director[a]?\s+general)"
        r")"
    )


def _office_of(match: re.Match[str]) -> _Office:
    group = match.lastgroup
    if group == "imss" or group == "bare_imss":
        return _Office("imss_director_general", None, bare=group == "bare_imss")
    if group == "pres" or group == "bare_pres":
        return _Office("presidente", None, bare=group == "bare_pres")
    if group == "salud":
        return _Office("secretario_salud", None)
    if group == "jefe":
        return _Office("gobernador", "Ciudad de México")
    _, owners = _state_alternation()
    state = match.group("state") or match.group("state2")
    if state:
        return _Office("gobernador", owners[state])
    if match.group("here"):
        return _Office("gobernador", "@here")
    return _Office("gobernador", None, informal=True)


def _role_before(folded: str, start: int) -> tuple[_Office, int] | None:
    """A role phrase ending right before a mention ("el Gobernador de la entidad, ")."""
    window_start = max(0, start - _WINDOW)
    head = folded[window_start:start]
    gap = _GAP_BEFORE.search(head)
    end = len(head) - len(gap.group()) if gap else len(head)
    best = None
    for match in _role_regex().finditer(head, 0, end):
        if match.end() == end:
            best = match
    if best is None:
        return None
    office = _office_of(best)
    if office.bare and "," in head[end:]:
        return None  # "el presidente, X" may preside anything: a lone title only right before
    role_start = window_start + best.start()
    if _NOT_IN_OFFICE.search(folded, max(0, role_start - 24), role_start):
        return None
    return office, role_start


def _role_after(folded: str, end: int) -> tuple[_Office, int] | None:
    """A role phrase right after a mention ("Zoé Robledo, director general del IMSS")."""
    lead = _GAP_AFTER.match(folded, end)
    offset = lead.end() if lead else end
    match = _role_regex().match(folded, offset, min(len(folded), offset + _WINDOW))
    if match is None or _office_of(match).bare:
        return None
    if _QUALIFIED.match(folded, match.end()):
        return None
    return _office_of(match), match.start()


def _tenures_for(official: BulletinEntity, office: _Office, state: str | None) -> list[Tenure]:
    jurisdiction = office.jurisdiction
    if jurisdiction == "@here":
        jurisdiction = state  # "de la entidad" in a bulletin whose state is unclear: any
    return holders(office.office, official.name, jurisdiction)


def _interval(tenures: Sequence[Tenure]) -> tuple[int | None, int | None]:
    """The span of one person's stints in one office (open if any end is open)."""
    starts = [t.start for t in tenures]
    ends = [t.end for t in tenures]
    start = None if None in starts else min(s for s in starts if s is not None)
    end = None if None in ends else max(e for e in ends if e is not None)
    return start, end


def _evidence(first: int | None, last: int | None, **fields: object) -> DateEvidence:
    """Evidence whose interval is the months `first`..`last` (None: open)."""
    bounds = {
        "from": None if first is None else format_month(first),
        "to": None if last is None else format_month(last),
    }
    return DateEvidence.model_validate(bounds | fields)


def office_evidence(
    text: str, entities: Sequence[BulletinEntity], state: str | None, folded: str | None = None
) -> list[DateEvidence]:
    """Officials tied to an office by a role phrase at one of their mentions."""
    folded = fold(text) if folded is None else folded
    found: list[DateEvidence] = []
    for entity in entities:
        if entity.kind != EntityKind.OFFICIAL or not entity.role:
            continue
        if not may_hold_office(entity.name):
            continue  # no table knows the person: no role phrase of theirs can date the text
        tied: list[tuple[_Office, Span, list[Tenure]]] = []
        for span in entity.mentions:
            role = _role_before(folded, span.start) or _role_after(folded, span.end)
            tenures = _tenures_for(entity, role[0], state) if role else []
            if role and tenures:
                tied.append((role[0], span, tenures))
        if not tied:
            continue
        # one piece of evidence per official: the first full role phrase, else a lone title
        office, span, tenures = min(tied, key=lambda t: t[0].informal)
        start, end = _interval(tenures)
        label = tenures[0].label
        if office.office == "gobernador" and len({t.jurisdiction for t in tenures}) > 1:
            label = OFFICE_LABELS["gobernador"]
        if office.informal and start is not None:
            start -= TRANSITION_MONTHS[office.office]
            elected = office.office in ("presidente", "gobernador")
            label += " (or elect)" if elected else " (or designate)"
        found.append(
            _evidence(
                start,
                end,
                office=label,
                source=tenures[0].source,
                mention=text[span.start : span.end],
                holder=tenures[0].names[0],
                start=span.start,
                end=span.end,
            )
        )
    return found


def name_evidence(text: str, folded: str | None = None) -> list[DateEvidence]:
    """Names in use only for a while, each counted once, unless marked as former."""
    folded = fold(text) if folded is None else folded
    table = signals()
    found: dict[int, DateEvidence] = {}
    leads, regex = signal_leads(), signals_regex()
    for position, lead in word_leads(text):
        if lead not in leads or (match := regex.match(folded, position)) is None:
            continue
        index = int((match.lastgroup or "s0")[1:])
        if index in found:
            continue
        before = folded[max(0, match.start() - 40) : match.start()]
        if _FORMER_BEFORE.search(before) or _FORMER_AFTER.match(folded, match.end()):
            continue
        signal = table[index]
        if signal.state_homonyms and _STATE_BODY.match(folded, match.end()):
            continue
        found[index] = _evidence(
            signal.start,
            signal.end,
            office=signal.meaning,
            source=signal.source,
            mention=text[match.start() : match.end()],
            start=match.start(),
            end=match.end(),
        )
    return [found[i] for i in sorted(found)]


def _month(value: str | None) -> int | None:
    return parse_month(value or "")


def combine(evidence: Sequence[DateEvidence]) -> tuple[DateEstimate | None, Issue | None]:
    """Intersect the evidence: an estimate, or the conflict that prevents one."""
    starts = [(m, e) for e in evidence if (m := _month(e.from_)) is not None]
    ends = [(m, e) for e in evidence if (m := _month(e.to)) is not None]
    if not starts and not ends:
        return None, None
    latest_start = max(starts, key=lambda p: p[0]) if starts else None
    earliest_end = min(ends, key=lambda p: p[0]) if ends else None
    if latest_start and earliest_end and latest_start[0] > earliest_end[0]:
        late, early = latest_start[1], earliest_end[1]
        return None, Issue(
            severity="warning",
            code="date-estimate-conflict",
            message=msg.ESTIMATE_CONFLICT.format(since=_since(late), until=_until(early)),
        )
    start = latest_start[0] if latest_start else None
    end = earliest_end[0] if earliest_end else None
    marked = [e.model_copy(update={"bound": _bound(e, start, end)}) for e in evidence]
    estimate = DateEstimate.model_validate(
        {
            "from": None if start is None else format_month(start),
            "to": None if end is None else format_month(end),
            "evidence": marked,
        }
    )
    return estimate, None


def _bound(e: DateEvidence, start: int | None, end: int | None) -> str | None:
    sets_from = start is not None and _month(e.from_) == start
    sets_to = end is not None and _month(e.to) == end
    return "both" if sets_from and sets_to else "from" if sets_from else "to" if sets_to else None


def _since(e: DateEvidence) -> str:
    template = msg.HELD_FROM if e.holder else msg.NAME_USED_FROM
    return template.format(mention=e.mention, office=e.office, start=e.from_)


def _until(e: DateEvidence) -> str:
    template = msg.HELD_UNTIL if e.holder else msg.NAME_USED_UNTIL
    return template.format(mention=e.mention, office=e.office, end=e.to)


def contradictions(date: dt.date, evidence: Sequence[DateEvidence]) -> list[Issue]:
    """Office-holders whose tenure excludes a bulletin's date (names alone are not enough:
    bulletins recall old programme names more often than they misdate themselves)."""
    month = month_of(date)
    issues = []
    for e in evidence:
        if e.holder is None:
            continue
        start, end = _month(e.from_), _month(e.to)
        if end is not None and month > end:
            reason = _until(e)
        elif start is not None and month < start:
            reason = _since(e)
        else:
            continue
        issues.append(
            Issue(
                severity="warning",
                code="date-contradiction",
                message=msg.CONTRADICTION.format(reason=reason, day=date.isoformat()),
            )
        )
    return issues


def bulletin_state(entities: Sequence[BulletinEntity]) -> str | None:
    """The state a bulletin's places are about: whose governor "de la entidad" is."""
    places = ((e.name, len(e.mentions)) for e in entities if e.kind == EntityKind.PLACE)
    return leading_state(places)[0]


def estimate_date(
    text: str, entities: Sequence[BulletinEntity], date: dt.date | None
) -> tuple[DateEstimate | None, list[Issue]]:
    """The estimate for an undated bulletin (None for a dated one) and the issues found:
    a conflict between pieces of evidence, or a date its office-holders contradict."""
    folded = fold(text)
    holders_seen = office_evidence(text, entities, bulletin_state(entities), folded)
    if date is not None:
        return None, contradictions(date, holders_seen)
    estimate, conflict = combine(holders_seen + name_evidence(text, folded))
    return estimate, [conflict] if conflict else []
