"""The IMSS naming scheme of medical units, as data: unit types, their acronyms, named heads.

IMSS numbers its units within a type ("Hospital General de Zona No. 33" and "Unidad de
Medicina Familiar No. 33" are different units), so a type is what the number belongs to.
Types are written long ("Hospital General de Zona"), plural ("Hospitales Generales de Zona"),
lower-case ("la unidad de medicina familiar número 5"), with or without accents ("Unidad de
Médicina Familiar" occurs in real bulletins), or as acronyms ("HGZ", "HGZ/MF", "UMF con
UMAA"). Each phrase below is written once, singular, and compiled into all of those forms.

A combined unit with one number ("Hospital General Regional con Medicina Familiar No. 1",
"UMF con UMAA No. 13") is one type of its own; two numbers ("Unidad Médica Rural 12 con Unidad
de Medicina Familiar 5") are two units, one per numbering series.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from core.entities.text import fold


@dataclass(frozen=True, slots=True)
class UnitType:
    canonical: str
    #: Other long forms (singular; the canonical one is always a form).
    forms: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    #: IMSS unit types are recognized in lower case when a number follows; generic words
    #: ("clínica 80", "guardería 5") only capitalized.
    any_case: bool = True


_MF = ("con Medicina Familiar", "con Unidad de Medicina Familiar")


def _slashed(head: str, acronym: str) -> tuple[str, str]:
    """'Hospital General de Zona (HGZ)/Unidad de Medicina Familiar (UMF)': the two units' long
    names joined as their acronyms are ("HGZ/UMF")."""
    return (
        f"{head}/Unidad de Medicina Familiar",
        f"{head} ({acronym})/Unidad de Medicina Familiar (UMF)",
    )


UNIT_TYPES: tuple[UnitType, ...] = (
    UnitType(
        "Hospital General de Zona con Medicina Familiar",
        (
            *(f"Hospital General de Zona {mf}" for mf in _MF),
            *_slashed("Hospital General de Zona", "HGZ"),
        ),
        ("HGZMF", "HGZ/MF", "HGZ/UMF", "HGZ-MF", "HGZ con MF", "HGZ c/MF", "HGZ con UMF"),
    ),
    UnitType(
        "Hospital General Regional con Medicina Familiar",
        (
            *(f"Hospital General Regional {mf}" for mf in _MF),
            *_slashed("Hospital General Regional", "HGR"),
        ),
        ("HGRMF", "HGR/MF", "HGR/UMF", "HGR-MF", "HGR con MF", "HGR c/MF", "HGR con UMF"),
    ),
    UnitType(
        "Hospital General de Subzona con Medicina Familiar",
        (
            *(f"Hospital General de {sub} {mf}" for sub in ("Subzona", "Sub-Zona") for mf in _MF),
            *_slashed("Hospital General de Subzona", "HGSZ"),
        ),
        ("HGSZMF", "HGSZ/MF", "HGSZ/UMF", "HGSZ con MF", "HGS/MF", "HGSMF"),
    ),
    UnitType(
        "Hospital de Gineco-Obstetricia con Medicina Familiar",
        (
            *(f"Hospital de Gineco-Obstetricia {mf}" for mf in _MF),
            "Hospital de Gineco-Obstetricia y Medicina Familiar",
        ),
        ("HGO/MF", "HGO/UMF", "HGOMF", "HGO con MF", "HGO con UMF"),
    ),
    UnitType(
        "Unidad de Medicina Familiar con Unidad Médica de Atención Ambulatoria",
        (
            "Unidad de Medicina Familiar con Unidad Médica de Atención Ambulatoria",
            "Unidad de Medicina Familiar con UMAA",
        ),
        ("UMF/UMAA", "UMF-UMAA", "UMF con UMAA", "UMF+UMAA", "UMFUMAA"),
    ),
    UnitType("Hospital General de Zona", ("Hospital de Zona",), ("HGZ",)),
    UnitType(
        "Hospital General de Subzona",
        ("Hospital de Subzona", "Hospital General de Sub-Zona"),
        ("HGSZ", "HGS"),
    ),
    UnitType("Hospital General Regional", (), ("HGR",)),
    UnitType(
        "Hospital de Gineco-Obstetricia",
        ("Hospital de Ginecología y Obstetricia", "Hospital de Ginecobstetricia"),
        ("HGO",),
    ),
    UnitType(
        "Hospital de Gineco Pediatría",
        ("Hospital de Gineco-Pediatría", "Hospital de Ginecopediatría"),
        ("HGP",),
    ),
    UnitType("Hospital de Especialidades"),
    UnitType("Hospital de Cardiología"),
    UnitType("Hospital de Pediatría"),
    UnitType("Hospital de Oncología"),
    UnitType("Hospital de Traumatología y Ortopedia"),
    UnitType("Hospital de Infectología"),
    UnitType("Hospital de Psiquiatría"),
    UnitType("Hospital Rural", (), ("HR",)),
    UnitType(
        "Unidad de Medicina Familiar",
        ("Unidad Médica Familiar", "Unidad Médico Familiar"),
        ("UMF", "U.M.F."),
    ),
    UnitType("Unidad Médica Rural", ("Unidad de Medicina Rural",), ("UMR",)),
    UnitType("Unidad de Medicina Física y Rehabilitación", (), ("UMFR",)),
    UnitType("Unidad Médica de Alta Especialidad", (), ("UMAE",)),
    UnitType("Unidad Médica de Atención Ambulatoria", (), ("UMAA", "UMAA/MF")),
    UnitType("Centro de Seguridad Social", (), ("CSS",)),
    UnitType("Centro de Educación y Cuidado Infantil", (), ("CECI",), any_case=False),
    UnitType("Guardería", any_case=False),
    UnitType("Clínica", any_case=False),
    UnitType("Centro de Salud", any_case=False),
)

#: Heads that open a named unit: the name follows as capitalized words and/or a quoted
#: honorific ("Hospital General de Zona "XIV de Septiembre"", "CMN La Raza").
NAMED_HEADS: tuple[str, ...] = (
    "Centro Médico Nacional",
    "CMN",
    "Centro Médico",
    "Centro de Salud con Servicios Ampliados",
    "CESSA",
    "CESA",
    "Centro de Salud",
    "Centro de Oncología",
    "Centro Oncológico",
    "Centro Estatal de Cancerología",
    "Centro de Rehabilitación",
    "Centro de Seguridad Social",
    "Centro de Educación y Cuidado Infantil",
    "CECI",
    "Unidad Médica de Alta Especialidad",
    "UMAE",
    "Unidad de Diagnóstico y Tratamiento de Alta Especialidad",
    "Unidad Médica de Atención Ambulatoria",
    "UMAA",
    "Clínica Hospital",
    "Clínica-Hospital",
    "Clínica",
    "Sanatorio",
    "Guardería",
    "Unidad Médica Rural",
    "UMR",
    "Unidad de Medicina Familiar",
    "Unidad Médica Familiar",
    "UMF",
    "Unidad de Medicina Física y Rehabilitación",
    "UMFR",
    "HGZ",
    "HGR",
    "HGSZ",
    "Hospital de Salud Mental",
    "Hospital",
)

#: What follows "Clínica de" when it is a service inside a hospital ("Clínica de Mama",
#: "Clínica de Heridas"), not a unit of its own.
CLINIC_SERVICES = frozenset(
    fold(w)
    for w in [
        "Mama",
        "Heridas",
        "Displasia",
        "Displasias",
        "Obesidad",
        "Dolor",
        "Diabetes",
        "Lactancia",
        "Memoria",
        "Sueño",
        "Tabaquismo",
        "Catéteres",
        "Colposcopia",
        "Colposcopía",
        "Hemofilia",
        "Pie",
        "Cuidados",
        "Lípidos",
        "Cefalea",
        "Epilepsia",
        "Asma",
        "Marcapasos",
        "Anticoagulación",
        "VIH",
        "Mastología",
        "Climaterio",
        "Adicciones",
        "Rehabilitación",
        "Cirugía",
    ]
)

#: Heads of medical complexes: a quoted name after them is the complex's plain name
#: ("Centro Médico Nacional "La Raza"" -> "Centro Médico Nacional La Raza"), where after a
#: unit type it is a dedication kept in quotes ("Clínica "Héroes Tecámac"").
COMPLEX_HEADS: tuple[str, ...] = ("Centro Médico Nacional", "CMN", "Centro Médico")

#: Lower-case heads that still name one unit when a capitalized place follows "de": the
#: community and rural hospitals known by their town ("el hospital comunitario de Nautla").
#: "el hospital general de X" is left out: in lower case it reads as a description.
LOWER_HEADS: tuple[str, ...] = ("hospital comunitario", "hospital rural")

#: Programs under which IMSS runs rural and community units ("Hospital Rural IMSS-Bienestar
#: de Tlaxiaco", "Hospital Rural del IMSS Bienestar en Tlaxiaco"): part of the unit's name,
#: written one way in it ("IMSS-Bienestar").
PROGRAMS: tuple[str, ...] = ("Bienestar", "Prospera", "Oportunidades", "Coplamar", "Solidaridad")
PROGRAM_LABEL = (
    r"(?:del\s++|de\s++)?(?:Programa\s++)?IMSS[-‐–]?\s?(?P<program>(?i:"
    + "|".join(PROGRAMS)
    + r"))\b"
)

#: Words that describe a unit's type, not its name: a "name" made only of these is generic.
TYPE_WORDS = frozenset(
    fold(w)
    for w in [
        *(word for t in UNIT_TYPES for form in (t.canonical, *t.forms) for word in form.split()),
        *(a for t in UNIT_TYPES for a in t.acronyms),
        *(word for head in NAMED_HEADS for word in head.split()),
        "Municipal",
        "Oncológico",
        "Comunitario",
        "Integral",
        "Civil",
        "Infantil",
        "Materno",
        "Psiquiátrico",
        "Unidades",
        "Hospitales",
        "Centros",
        "Clínicas",
        "Especializado",
        "Estatal",
        "Cancerología",
        "Gineco",
        "Mujer",
        "Niñez",
        "MF",
        "UMAA",
        "Plus",
        "Universitario",
        "Primer",
        "Segundo",
        "Tercer",
        "Nivel",
        # what a hospital was turned into for a while, not its name ("Hospital Covid-19")
        "Covid",
        "COVID",
        "Covid-19",
        "COVID-19",
    ]
) - {"de", "del", "y", "con"}

_ACCENTED = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uúü]"}
_UNACCENT = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")


def _vowel(ch: str) -> str:
    found = _ACCENTED.get(ch.lower())
    if found is None:
        return re.escape(ch)
    return found.upper() if ch.isupper() else found


def loose(phrase: str, *, plural: bool = False) -> str:
    """Regex for a phrase as bulletins spell it: accents optional or misplaced ("Médicina"),
    any run of spaces, a hyphen optional ("Gineco Obstetricia", "Gineco-Obstetricia");
    with `plural`, the words before the first lower-case one may take their plural."""
    parts = []
    inflect = plural
    for word in phrase.split():
        if word[0].islower():
            inflect = False
        body = "".join(_vowel(ch) for ch in word.translate(_UNACCENT))
        body = body.replace(r"\-", r"[-‐\s]?")
        if inflect:
            body += "(?:es)?" if word[-1].isalpha() and word[-1] not in "aeiouáéíóú" else "s?"
        parts.append(body)
    return r"\s++".join(parts)


def acronym(text: str) -> str:
    """Regex for an acronym: "HGZ/MF" also as "HGZ / MF", "HGZ con MF" with any spaces."""
    return r"\s++".join(re.escape(w) for w in text.split()).replace("/", r"\s*+/\s*+")


@cache
def type_by_acronym() -> dict[str, str]:
    """'HGZ' -> 'Hospital General de Zona': expands an acronym that opens a named unit."""
    return {a: t.canonical for t in UNIT_TYPES for a in t.acronyms if " " not in a}
