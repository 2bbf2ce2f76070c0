"""Entity mentions in a bulletin: officials (with roles), places, facilities, institutions.

`extract_mentions(text)` returns every mention with offsets into `text`
(`text[m.start:m.end] == m.text`); `extract_entities(text)` groups them per entity in order of
first appearance, which is what `Bulletin.entities` holds. Both accept any string and never
raise: an internal failure is logged and yields no entities rather than no bulletin.

Canonical names (what `name` holds; the same entity always gets the same one):
- official: the person's longest written form in the bulletin, titles stripped ("el general
  Jens Pedro Lohmann Iturburu" -> "Jens Pedro Lohmann Iturburu"); short mentions ("González
  Anaya dijo", "El Gobernador César Duarte") carry the full name. `role` is the role as
  written, article stripped, case kept, from the role word up to the comma ("Gobernador del
  estado de Chihuahua", "subsecretaria de la Secretaría de la Función Pública (SFP)"); a bare
  title before the name gives a bare role ("Presidente"). The entity's role is the first one
  that says of what, else the first one. `office` is that role normalized
  (`roles.office`) with the bulletin's state and institution (the one it names most):
  "Gobernador de la entidad" in a bulletin about Oaxaca is "Gobernador de Oaxaca", "director
  general del Instituto" in one about the IMSS "Director General del IMSS".
- place: the country as "México" (also "República Mexicana"; not inside a name or a role:
  "Gobierno de México", "presidenta de México"); a state by its everyday name ("Chihuahua",
  "Estado de México", "Ciudad de México", "Coahuila"; also from "Oax.", "CDMX", "Edomex"); a
  municipality as "<INEGI municipality>, <state>", also when the text names the
  city ("Ecatepec" -> "Ecatepec de Morelos, Estado de México", "Ciudad Obregón" -> "Cajeme,
  Sonora").
- facility: "<type> No. <n>" for numbered units, whatever the spelling ("HGZ 1", "Hospital
  General de Zona número 1" -> "Hospital General de Zona No. 1"; a honorific and a "UMAE"
  label dropped), with the state of the town the text gives it in `state`; named units as
  written, spaces squashed, type acronyms dropped and institutions by their canonical name
  ("Centro Médico del ISSEMyM de Ecatepec"), a honorific in curly quotes when it is the only
  name ("Clínica “Héroes Tecámac”"), the program as "IMSS-Bienestar" ("Hospital Rural
  IMSS-Bienestar de Tlaxiaco").
- institution: the name in `institutions.INSTITUTIONS` (the usual acronym where there is one:
  "IMSS", "ISSSTE", "Birmex"); per-state bodies as "<body> de <state>" ("Secretaría de Salud
  de Chihuahua", "Gobierno del Estado de México"); bodies read by `public_bodies`' grammar by
  their long form as written, spaces squashed ("Secretaría de Agricultura y Desarrollo Rural");
  governing bodies as "<body> del <institution>" ("Consejo Técnico del IMSS").

Order of the passes matters: institutions and facilities are found first, so a place inside
their names ("Gobierno de Chiapas", "Hospital Oncológico de Ecatepec") belongs to them; people
next, so a surname that is also a town ("Hidalgo", "González") is not a place; places last,
with the bulletin's own state (the first it names) to resolve "Secretaría de Salud estatal".
"""

from __future__ import annotations

import logging
import re
from collections import Counter

from core.entities.facilities import find_facilities
from core.entities.grouping import group_mentions
from core.entities.institutions import find_institutions, resolve_state_bodies
from core.entities.officials import find_officials
from core.entities.places import context_state, find_places, scan
from core.entities.public_bodies import is_municipal
from core.entities.roles import office
from core.entities.text import SpanSet
from core.models import BulletinEntity, EntityKind, Mention

__all__ = ["extract_entities", "extract_mentions"]

log = logging.getLogger(__name__)
_OWNER = re.compile(r"\b(?:del|de\s+la|de)\s+\Z")


def _mentions(text: str) -> tuple[list[Mention], str | None]:
    institutions = find_institutions(text, owners=True)
    candidates = scan(text)
    home = context_state(candidates, text)
    facilities = find_facilities(text, home)
    # "Hospital Rural IMSS-Bienestar de Ocosingo": a body naming a unit's kind is part of its
    # name; one that owns it ("Centro Médico del ISSEMyM de Ecatepec") is still mentioned.
    units = SpanSet([(h.start, h.end) for h in facilities])
    institutions = [
        h
        for h in institutions
        if not units.covers(h.start, h.end) or _OWNER.search(text[max(0, h.start - 8) : h.start])
    ]
    taken = [(h.start, h.end) for h in institutions] + [(h.start, h.end) for h in facilities]
    officials = find_officials(text, taken)
    institutions = resolve_state_bodies(institutions, home)
    people = [(h.start, h.end) for h in officials]
    # "Ayuntamiento de Apodaca" names the municipality too: its place stays findable
    councils = {(h.start, h.end) for h in institutions if is_municipal(h.name)}
    places = find_places(text, [s for s in taken if s not in councils] + people, candidates)

    def mention(
        kind: EntityKind,
        name: str,
        start: int,
        end: int,
        role: str | None = None,
        state: str | None = None,
    ) -> Mention:
        return Mention(
            kind=kind, name=name, role=role, start=start, end=end, text=text[start:end], state=state
        )

    found = [mention(EntityKind.OFFICIAL, h.name, h.start, h.end, h.role) for h in officials]
    found += [
        mention(EntityKind.FACILITY, h.name, h.start, h.end, state=h.state) for h in facilities
    ]
    found += [
        mention(EntityKind.INSTITUTION, h.name, h.start, h.end) for h in institutions if h.name
    ]
    found += places
    found.sort(key=lambda m: (m.start, m.end))
    return found, home


def _extract(text: str) -> tuple[list[Mention], str | None]:
    if not isinstance(text, str) or not text.strip():
        return [], None
    try:
        return _mentions(text)
    except Exception:  # never let one odd bulletin break parsing of a corpus
        log.exception("entity extraction failed; bulletin kept without entities")
        return [], None


def extract_mentions(text: str) -> list[Mention]:
    """Every entity mention in `text`, sorted by position."""
    return _extract(text)[0]


def extract_entities(text: str) -> list[BulletinEntity]:
    """Mentions grouped per entity (kind + canonical name), in order of first appearance;
    an official's role also as an office with the bulletin's state (`office`)."""
    mentions, home = _extract(text)
    entities = group_mentions(mentions)
    bodies = [e for e in entities if e.kind is EntityKind.INSTITUTION]
    body = max(bodies, key=lambda e: len(e.mentions)).name if bodies else None  # first on ties
    officials = [e for e in entities if e.role]
    for entity in officials:
        entity.office = office(entity.role or "", home, body).name
    # An office the bulletin's context completes ("el gobernador" -> of Oaxaca) is one
    # person's: two people given it say the bulletin is about more than one state.
    contextual = Counter(
        e.office for e in officials if e.office != office(e.role or "", None, body).name
    )
    for entity in officials:
        if contextual[entity.office] > 1:
            entity.office = office(entity.role or "", None, body).name
    return entities
