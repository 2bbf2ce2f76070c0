"""Facilities: hospitals, family-medicine units, rural units, clinics... as one canonical name each.

Two shapes exist in bulletins, and only these are facilities:
- numbered units of a known type, long form or acronym: "Hospital General de Zona número 1",
  "HGZ No. 1", "HGZ 1" -> "Hospital General de Zona No. 1"; enumerations expand ("las Unidades
  de Medicina Familiar 1, 38 y 65" -> UMF No. 1, No. 38, No. 65, one span each);
- named units: a facility head followed by a proper name ("Hospital Municipal de Zinacantepec",
  "Centro Médico Nacional Siglo XXI", "Centro de Oncología de Ecatepec de Morelos").
A type without number or name ("557 Unidades Médicas Rurales", "hospitales equipados", "con
Unidad Médica de Atención Ambulatoria") is a kind of unit, not a facility.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from core.entities.text import CAP_WORD, SP, fold, squash, word_leads

#: (canonical type, long-form regex incl. plural, acronyms). Nested types come first.
FACILITY_TYPES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Hospital General de Zona con Medicina Familiar",
        r"Hospital(?:es)? General(?:es)? de Zona con (?:Unidad de )?Medicina Familiar",
        ("HGZMF", "HGZ/MF", "HGZ/UMF", "HGZ-MF"),
    ),
    ("Hospital General de Zona", r"Hospital(?:es)? General(?:es)? de Zona", ("HGZ",)),
    ("Hospital General de Subzona", r"Hospital(?:es)? General(?:es)? de Subzona", ("HGSZ", "HGS")),
    ("Hospital General Regional", r"Hospital(?:es)? General(?:es)? Regional(?:es)?", ("HGR",)),
    (
        "Hospital de Gineco-Obstetricia",
        r"Hospital(?:es)? de Gineco[- ]?[Oo]bstetricia",
        ("HGO",),
    ),
    ("Hospital de Especialidades", r"Hospital(?:es)? de Especialidades", ()),
    ("Hospital Rural", r"Hospital(?:es)? Rural(?:es)?", ("HR",)),
    (
        "Unidad de Medicina Familiar",
        r"Unidad(?:es)? de Medicina Familiar",
        ("UMF",),
    ),
    ("Unidad Médica Rural", r"Unidad(?:es)? M[ée]dicas? Rural(?:es)?", ("UMR",)),
    (
        "Unidad Médica de Alta Especialidad",
        r"Unidad(?:es)? M[ée]dicas? de Alta Especialidad",
        ("UMAE",),
    ),
    (
        "Unidad Médica de Atención Ambulatoria",
        r"Unidad(?:es)? M[ée]dicas? de Atenci[óo]n Ambulatoria",
        ("UMAA",),
    ),
    ("Centro de Seguridad Social", r"Centros? de Seguridad Social", ("CSS",)),
    (
        "Centro de Educación y Cuidado Infantil",
        r"Centros? de Educaci[óo]n y Cuidado Infantil",
        ("CECI",),
    ),
    ("Guardería", r"Guarder[ií]as?", ()),
    ("Clínica", r"Cl[ií]nicas?", ()),
    ("Centro de Salud", r"Centros? de Salud", ()),
)

#: Heads that open a named facility (the name follows as capitalized words).
NAMED_HEADS = (
    r"Centro\s+M[ée]dico\s+Nacional",
    r"CMN",
    r"Centro\s+M[ée]dico",
    r"Centro\s+de\s+Salud",
    r"Centro\s+de\s+Oncolog[ií]a",
    r"Centro\s+Oncol[óo]gico",
    r"Centro\s+Estatal\s+de\s+Cancerolog[ií]a",
    r"Centro\s+de\s+Rehabilitaci[óo]n",
    r"Centro\s+de\s+Educaci[óo]n\s+y\s+Cuidado\s+Infantil",
    r"CECI",
    r"Unidad\s+M[ée]dica\s+de\s+Alta\s+Especialidad",
    r"UMAE",
    r"Unidad\s+M[ée]dica\s+de\s+Atenci[óo]n\s+Ambulatoria",
    r"UMAA",
    r"Cl[ií]nica(?:\s+Hospital)?",
    r"Unidad\s+M[ée]dica\s+Rural",
    r"UMR",
    r"Unidad\s+de\s+Medicina\s+Familiar",
    r"UMF",
    r"Hospital",
)

#: Words that describe a unit's type, not its name: a "name" made only of these is generic.
TYPE_WORDS = frozenset(
    fold(w)
    for w in [
        "Hospital",
        "General",
        "Zona",
        "Regional",
        "Rural",
        "Municipal",
        "Unidad",
        "Médica",
        "Medicina",
        "Familiar",
        "Especialidades",
        "Alta",
        "Especialidad",
        "Atención",
        "Ambulatoria",
        "Centro",
        "Médico",
        "Nacional",
        "Salud",
        "Oncológico",
        "Oncología",
        "Comunitario",
        "Integral",
        "Subzona",
        "Civil",
        "Infantil",
        "Pediatría",
        "Clínica",
        "Materno",
        "Psiquiátrico",
        "Rehabilitación",
        "Educación",
        "Cuidado",
        "Seguridad",
        "Social",
        "Unidades",
        "Hospitales",
        "Centros",
        "Clínicas",
        "CECI",
        "UMAE",
        "UMAA",
        "CMN",
        "Especializado",
        "Estatal",
        "Cancerología",
        "Gineco",
        "Obstetricia",
        "Gineco-Obstetricia",
        "Mujer",
        "Niñez",
        "Traumatología",
        "Ortopedia",
        "Cardiología",
        "HGZ",
        "HGR",
        "UMF",
        "UMR",
        "HGZMF",
        "HGS",
        "HGO",
        "HR",
        "CSS",
    ]
)

_NUMBER = r"(?:No\.?|N\.?\s?[°º]\.?|Núm\.?|núm\.?|[Nn]úmeros?|[Nn]umeros?|Nos\.|#)?\s*"
_MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
_NOT_A_COUNT = (
    r"(?!\s*(?:%|mil\b|millones|camas|años|consultorios|pesos|metros|de\s+(?:" + _MONTHS + r")))"
)
_LIST_ITEM = r"\s*(?:,|\by\b|\be\b)\s*(?:(?:No\.?|N[°º]\.?|número)\s*)?(\d{1,3})\b" + _NOT_A_COUNT
_HEAD_WORDS = r"(?:Hospital|Unidad|Cl[ií]nica|Centro|Guarder[ií]a|UMF|HGZ|HGR|UMR|UMAE|CECI|CMN)"


#: Openings of every facility form (Hospital, Unidad, Centro, HGZ, UMF...).
_TRIGGERS = frozenset(
    {
        "hos",
        "uni",
        "cen",
        "cli",
        "gua",
        "hgz",
        "hgr",
        "hgs",
        "hgo",
        "umf",
        "umr",
        "uma",
        "css",
        "cmn",
        "cec",
    }
)


_MAX_NAME_WORDS = 14  # longer "names" are runaway capitalized text, not a unit's name


@dataclass(frozen=True, slots=True)
class FacilityHit:
    start: int
    end: int
    name: str


@cache
def _numbered() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for canonical, long_form, acronyms in FACILITY_TYPES:
        forms = [long_form.replace(" ", r"\s+")]
        forms += [re.escape(a) for a in acronyms]
        acr = "|".join(re.escape(a) for a in acronyms) or "(?!)"
        head = "(?:" + "|".join(forms) + ")"
        pattern = (
            rf"{head}\s*(?:\((?:{acr})\)\s*)?{_NUMBER}(\d{{1,3}}(?:-?[A-D]\b)?)\b{_NOT_A_COUNT}"
            rf"((?:{_LIST_ITEM})*)"
        )
        out.append((canonical, re.compile(pattern)))
    return out


@cache
def _named() -> re.Pattern[str]:
    heads = "|".join(NAMED_HEADS)
    item = rf"(?:{CAP_WORD}|\([A-Za-z]{{2,10}}\)|\d{{1,2}}(?=\s+de\s+[A-Z]))"
    joint = rf"(?:{SP}(?:de{SP}las?|de{SP}los|del|de|y(?!{SP}{_HEAD_WORDS}\b)){SP}|{SP})"
    return re.compile(rf"(?:{heads})(?:{joint}{item}){{1,{_MAX_NAME_WORDS}}}")


def _unit_number(raw: str) -> str:
    """'01' -> '1', '3-A' / '3A' -> '3A': one spelling per unit."""
    digits = raw.rstrip("ABCD-")
    return str(int(digits)) + raw[len(digits) :].replace("-", "")


def _expand(canonical: str, match: re.Match[str]) -> list[FacilityHit]:
    first = FacilityHit(match.start(), match.end(1), f"{canonical} No. {_unit_number(match[1])}")
    hits = [first]
    tail_start = match.start(2)
    for item in re.finditer(_LIST_ITEM, match.group(2)):
        number = item.group(1)
        start = tail_start + item.start(1)
        hits.append(FacilityHit(start, start + len(number), f"{canonical} No. {int(number)}"))
    return hits


@lru_cache(maxsize=4096)
def _canonical_named(surface: str) -> str | None:
    """Normalized name, or None when the 'name' is only type words ("Hospital General")."""
    from core.entities.institutions import find_institutions

    name = squash(surface)
    name = re.sub(r"^CMN\b", "Centro Médico Nacional", name)
    name = re.sub(r"^Cl[ií]nica", "Clínica", name)
    found = [hit for hit in find_institutions(name) if hit.name]
    for hit in reversed(found):
        name = name[: hit.start] + str(hit.name) + name[hit.end :]
    name = re.sub(r"(\S+)\s+\(\1\)", r"\1", name)
    name = re.sub(
        r"\s*\(([A-Za-z/]{2,8})\)", lambda m: "" if fold(m[1]) in TYPE_WORDS else m[0], name
    )
    name = re.sub(r"\s+(?:de|del|de la|y)$", "", name)
    bodies = {fold(word) for hit in found for word in str(hit.name).split()}
    words = re.findall(rf"{CAP_WORD}", re.sub(r"\([^()]*\)", " ", name))
    if all(fold(w.rstrip(".")) in TYPE_WORDS or fold(w) in bodies for w in words):
        return None  # "Hospital General de Zona (HGZ)", "Hospital del IMSS"
    return name


def find_facilities(text: str) -> list[FacilityHit]:
    """Numbered units first (they nest inside names), then named units that do not overlap."""
    hits: list[FacilityHit] = []
    taken: list[tuple[int, int]] = []
    starts = [pos for pos, lead in word_leads(text) if lead[:3] in _TRIGGERS or lead == "hr"]
    numbered = _numbered()
    for pos in starts:
        if taken and pos < taken[-1][1]:
            continue
        for canonical, pattern in numbered:
            match = pattern.match(text, pos)
            if match is not None:
                taken.append((match.start(), match.end()))
                hits.extend(_expand(canonical, match))
                break
    named = _named()
    for pos in starts:
        if any(s <= pos < e for s, e in taken):
            continue
        match = named.match(text, pos)
        if match is None:
            continue
        span = (match.start(), match.end())
        if any(s < span[1] and span[0] < e for s, e in taken):
            continue
        surface = re.sub(r"(?:\s+(?:de|del|de la|de los|y))+$", "", match.group())
        name = _canonical_named(surface)
        if name is None:
            continue
        taken.append(span)
        hits.append(FacilityHit(match.start(), match.start() + len(surface), name))
    hits.sort(key=lambda h: h.start)
    return hits
