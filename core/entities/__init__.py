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
  that says of what, else the first one.
- place: the country as "México" (also "República Mexicana"; not inside a name or a role:
  "Gobierno de México", "presidenta de México"); a state by its everyday name ("Chihuahua",
  "Estado de México", "Ciudad de México", "Coahuila"; also from "Oax.", "CDMX", "Edomex"); a
  municipality as "<INEGI municipality>, <state>", also when the text names the
  city ("Ecatepec" -> "Ecatepec de Morelos, Estado de México", "Ciudad Obregón" -> "Cajeme,
  Sonora").
- facility: "<type> No. <n>" for numbered units, whatever the spelling ("HGZ 1", "Hospital
  General de Zona número 1" -> "Hospital General de Zona No. 1"); named units as written,
  spaces squashed, type acronyms dropped and institutions by their canonical name ("Centro
  Médico del ISSEMyM de Ecatepec").
- institution: the name in `institutions.INSTITUTIONS` (the usual acronym where there is one:
  "IMSS", "ISSSTE", "Birmex"); per-state bodies as "<body> de <state>" ("Secretaría de Salud
  de Chihuahua", "Gobierno del Estado de México").

Order of the passes matters: institutions and facilities are found first, so a place inside
their names ("Gobierno de Chiapas", "Hospital Oncológico de Ecatepec") belongs to them; people
next, so a surname that is also a town ("Hidalgo", "González") is not a place; places last,
with the bulletin's own state (the first it names) to resolve "Secretaría de Salud estatal".
"""

from __future__ import annotations

import logging

from core.entities.facilities import find_facilities
from core.entities.grouping import group_mentions
from core.entities.institutions import find_institutions, resolve_state_bodies
from core.entities.officials import find_officials
from core.entities.places import context_state, find_places, scan
from core.models import BulletinEntity, EntityKind, Mention

__all__ = ["extract_entities", "extract_mentions"]

log = logging.getLogger(__name__)


def _mentions(text: str) -> list[Mention]:
    institutions = find_institutions(text)
    facilities = find_facilities(text)
    taken = [(h.start, h.end) for h in institutions] + [(h.start, h.end) for h in facilities]
    officials = find_officials(text, taken)
    candidates = scan(text)
    home = context_state(candidates)
    institutions = resolve_state_bodies(institutions, home)
    people = [(h.start, h.end) for h in officials]
    places = find_places(text, taken + people, candidates)

    def mention(
        kind: EntityKind, name: str, start: int, end: int, role: str | None = None
    ) -> Mention:
        return Mention(kind=kind, name=name, role=role, start=start, end=end, text=text[start:end])

    found = [mention(EntityKind.OFFICIAL, h.name, h.start, h.end, h.role) for h in officials]
    found += [mention(EntityKind.FACILITY, h.name, h.start, h.end) for h in facilities]
    found += [
        mention(EntityKind.INSTITUTION, h.name, h.start, h.end) for h in institutions if h.name
    ]
    found += places
    found.sort(key=lambda m: (m.start, m.end))
    return found


def extract_mentions(text: str) -> list[Mention]:
    """Every entity mention in `text`, sorted by position."""
    if not isinstance(text, str) or not text.strip():
        return []
    try:
        return _mentions(text)
    except Exception:  # never let one odd bulletin break parsing of a corpus
        log.exception("entity extraction failed; bulletin kept without entities")
        return []


def extract_entities(text: str) -> list[BulletinEntity]:
    """Mentions grouped per entity (kind + canonical name), in order of first appearance."""
    return group_mentions(extract_mentions(text))
