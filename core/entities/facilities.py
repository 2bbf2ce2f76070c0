"""Facilities: hospitals, family-medicine units, rural units, clinics... as one canonical name each.

Two shapes exist in bulletins, and only these are facilities (the types, acronyms and heads
are data, in `facility_types`):
- numbered units of a known type, long form or acronym: "Hospital General de Zona número 1",
  "HGZ No. 1", "HGZ 1", "la unidad de medicina familiar número 1" -> "Hospital General de Zona
  No. 1"; a honorific name in quotes after the number belongs to the unit's span but not to its
  canonical name (the number identifies it); enumerations expand, also elided ones ("las UMF
  No. 4 en Saltillo, No. 7 en Monclova y No. 50 en Torreón" -> three UMF, one span each);
- named units: a facility head followed by a proper name and/or a quoted honorific
  ("Hospital Municipal de Zinacantepec", "Centro Médico Nacional "La Raza"", "HGZ "XIV de
  Septiembre"", "el hospital comunitario de Nautla"); a number after the name is kept ("Hospital
  de Gineco Pediatría No. 48" -> "... No. 48"); the owner after a name is not part of it
  ("Hospital de Tuxtla Gutiérrez del IMSS").
A type without number or name ("557 Unidades Médicas Rurales", "hospitales equipados", "con
Unidad Médica de Atención Ambulatoria", "Clínica de Mama") is a kind of unit, not a facility.
What Spanish leaves out is filled in from the same text: "la No. 7" after "las UMF No. 3 y 5"
is UMF No. 7; "los de subzona, como el No. 10" are Hospitales Generales de Subzona; "el
Hospital de Tlapa y el de Ayutla" are two hospitals; "los Hospitales Rurales del Programa
IMSS-Bienestar de Huajuapan, Tlaxiaco y Huautla" are three, each known by its town; "la UMAE
No. 34" is the hospital introduced as "UMAE Hospital de Cardiología No. 34".
One unit may have two names in a text: "la UMF de Mixquiahuala" is the "UMF No. 26" the text
places in Mixquiahuala, and "la Clínica 2" its only other unit No. 2.

A numbered unit followed by its town ("HGZ No. 33 de Monterrey", "No. 7 en Monclova") carries
that town's state (`FacilityHit.state`, see `unit_towns`), and so do the bulletin's other
mentions of the same unit: numbered units repeat across states, and the bulletin's dominant
state is only the resolver's fallback.

Cost is linear in the text: each word that opens a facility is tried once, overlaps are
answered by bisection over the spans already taken, and spaces in the patterns are possessive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from core.entities.facility_types import (
    CLINIC_SERVICES,
    COMPLEX_HEADS,
    LOWER_HEADS,
    NAMED_HEADS,
    PROGRAM_LABEL,
    PROGRAMS,
    TYPE_WORDS,
    UNIT_TYPES,
    acronym,
    loose,
    type_by_acronym,
)
from core.entities.gazetteer import gazetteer
from core.entities.lexicon import given_names
from core.entities.text import CAP_WORD, SP_ONCE, SP_ONCE_OPT, SpanSet, fold, squash, word_leads
from core.entities.unit_towns import OWNER, locate

_NUMBER_MARK = (
    r"(?:No\.?|no\.|NO\.|N\.?\s?[°º]\.?|N\.(?=\s?\d)|N[úu]m\.?|n[úu]m\.?"
    r"|[Nn][úu]meros?|NÚMERO|Nos\.?|#)"
)
#: Spaces that are never given back (see `text.SP_ONCE`).
_S, _S0 = SP_ONCE, SP_ONCE_OPT
_MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
_COUNTED = (
    "mil|millones|camas|años|consultorios|pesos|metros|horas|días|meses|semanas|por\\s++ciento|"
    "derechohabientes|pacientes|personas|trabajadores|médicos|enfermeras|especialidades|"
    "quirófanos|unidades|hospitales|consultas|niñas|niños|ambulancias|plazas|casos|cirugías|"
    "trasplantes|nacimientos|bebés|equipos|vacunas|dosis|kilómetros|minutos|más|menos|"
    "obras|ampliaciones|remodelaciones|acciones|proyectos|sesiones|reuniones|visitas"
)
#: "27 en el HGZ No. 49; y 16 en el Hospital ...", "y 38 en la nueva Unidad ...": a count of
#: something done in another unit.
_IN_ANOTHER_UNIT = (
    r"en\s++(?:(?:el|la|los|las)\s++)?(?:(?:nuev|antigu|mism|propi|citad|actual)[a-z]*\s++)?"
    r"(?:Hospital|Unidad|Cl[ií]nica|Centro|H[GM]|UM)"
)
#: "la número 22 de las 40 que construye": a rank among units, not a unit's number.
_RANK = r"de\s++l[ao]s\s++\d"
#: "una UMF 2+1 consultorios": a unit's size, not its number.
_NOT_A_COUNT = rf"(?!\s*+(?:%|\+|(?:{_COUNTED})\b|de\s++(?:{_MONTHS})|{_RANK}|{_IN_ANOTHER_UNIT}))"
_UNIT_NUMBER = rf"(?P<unit>\d{{1,3}}(?:-?[A-D]\b)?)\b{_NOT_A_COUNT}"
#: Numbers of units the text places: "25 de Monterrey", "13 de San Quintín; 25 de ...", "51 y
#: 46 del IMSS" (not a date: "20 de Noviembre").
_PLACED_NUMBERS = (
    rf"\s*+\d{{1,3}}(?:\s*+(?:,|y)\s*+\d{{1,3}})*+\s++"
    rf"(?:(?:de|en)\s++(?!(?i:{_MONTHS})\b)[A-ZÁÉÍÓÚÑ]|del\s++(?:IMSS|Seguro|Instituto)\b)"
)
_HEAD_WORDS = r"(?:Hospital|Unidad|Cl[ií]nica|Centro|Guarder[ií]a|UMF|HGZ|HGR|UMR|UMAE|CECI|CMN)"
#: A quoted name right after a unit: straight, curly or angle quotes.
_HONORIFIC = re.compile(
    rf"{_S0}(?:(?:{OWNER}|{PROGRAM_LABEL}){_S0})?,?{_S0}"
    r"[\"“«‘'](?P<name>(?:[^\"“”«»‘’'\n]|(?<=\w)[’'](?=\w)){2,60}?)[\"”»’'](?!\w)"
)
_TITLE = (
    r"(?:(?:Dr|Dra|Lic|Gral|Ing|Prof|Profa|Mtro|Mtra)\.|Doctora?|Licenciad[oa]|Profesora?"
    r"|Maestr[oa]|Ingenier[oa])"
)
_TITLED = re.compile(
    rf"{_S}(?:(?:{OWNER}|{PROGRAM_LABEL}){_S})?"
    rf"(?P<name>{_TITLE}{_S}{CAP_WORD}"
    rf"(?:{_S}(?:(?:de|del|de{_S}la|y){_S})?(?!{_HEAD_WORDS}\b|IMSS\b|Instituto\b)"
    rf"{CAP_WORD}){{1,5}})"
)
#: A dedication's words: capitalized, a name particle, or the month of a date written in lower
#: case ("“14 de septiembre”").
_HONORIFIC_WORD = re.compile(rf"(?:[A-ZÁÉÍÓÚÑ0-9][\w.\-’']*|de|del|la|las|los|y|e|el|{_MONTHS})")
_MAX_HONORIFIC_WORDS = 7
#: "UMF: la No. 84", "y la No. 80": an article or a colon before a number word.
_LEAD_IN = rf"(?::\s*+)?(?:(?:la|el)\s++(?={_NUMBER_MARK}))?"
_SEPARATOR = r"\s*+(?:[,;](?:\s*+[ye]\b)?|\by\b|\be\b)\s*+"
#: "No. 13 (Chuburná), No. 20": the neighbourhood a unit serves, in brackets.
_BRACKETED = r"(?:,?\s*+\([^()\n]{1,40}\))?"
#: "la No. 65 ubicada en San Nicolás y la 17 en San Pedro": inside a run, the article alone.
_ARTICLE_ONLY = r"(?:(?:la|el)\s++(?=\d))?"
_NEXT_ITEM = re.compile(
    rf"{_BRACKETED}(?:{_SEPARATOR}{_LEAD_IN}{_ARTICLE_ONLY}(?:{_NUMBER_MARK}\s*+)?"
    rf"|{_S}{_NUMBER_MARK}\s*+){_UNIT_NUMBER}"
)
#: Where another unit begins: an elided item's gap never runs over one.
_ANOTHER_UNIT = r"(?:Hospital|Unidad|Cl[ií]nica|Centro|Guarder[ií]a|HG|UM|CMN|CSS)"
#: An elided item after a place that is not a town: "No. 71 de la CFE, No. 75 en Camelinas".
_NEXT_AFTER_GAP = re.compile(
    rf"(?:,?{_S}(?:en|de|del){_S}|{_S}(?=[A-ZÁÉÍÓÚÑ]))"
    rf"(?:(?!{_ANOTHER_UNIT})[^,;\n]){{1,40}}?(?:{_SEPARATOR}|{_S})"
    rf"{_LEAD_IN}{_NUMBER_MARK}\s*+"
    rf"{_UNIT_NUMBER}"
)

#: Openings of every facility form (Hospital, Unidad, Centro, HGZ, UMF...).
_TRIGGERS = frozenset(
    {"hos", "uni", "cen", "cli", "gua", "hgz", "hgr", "hgs", "hgo", "hgp", "umf", "umr", "uma"}
    | {"css", "cmn", "cec", "ces", "san"}
)

_MAX_NAME_WORDS = 14  # longer "names" are runaway capitalized text, not a unit's name


@dataclass(frozen=True, slots=True)
class FacilityHit:
    start: int
    end: int
    name: str
    #: The state the text places the unit in ("HGZ No. 33 de Monterrey" -> "Nuevo León").
    state: str | None = None


@cache
def _type_heads() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One pattern for every written form of every unit type, longest first; group k of it
    matched means type `types[k]`."""
    forms: list[tuple[int, str, str]] = []  # (length, regex, canonical type)
    for unit in UNIT_TYPES:
        for form in dict.fromkeys((unit.canonical, *unit.forms)):
            regex = loose(form, plural=True)
            # a generic word ("clínica") in lower case only before "No."/"Núm.", or before
            # numbers the text places ("la clínica 25 de Monterrey", "las clínicas 51 y 46 del
            # IMSS"): "la clínica 80" or "número 12" may be a count or a phone
            written = (
                f"(?i:{regex})"
                if unit.any_case
                else rf"(?:{regex}|(?i:{regex})(?=\s*+(?:No|N[úu]m)\.\s*+\d|{_PLACED_NUMBERS}))"
            )
            forms.append((len(form), written, unit.canonical))
        for short in unit.acronyms:
            forms.append((len(short), acronym(short) + r"(?:s\b)?\.?", unit.canonical))
    forms.sort(key=lambda f: -f[0])
    alternatives = "|".join(f"(?P<t{k}>{regex})" for k, (_, regex, _) in enumerate(forms))
    # a digit may follow: pages glue the number to an acronym ("la HGZ71 en Veracruz")
    return re.compile(rf"(?:{alternatives})(?![^\W\d_])"), tuple(t for _, _, t in forms)


@cache
def _after_type() -> re.Pattern[str]:
    """What joins a type to its number: "(HGZ)", a program label, a number word."""
    acronyms = sorted({a for unit in UNIT_TYPES for a in unit.acronyms}, key=len, reverse=True)
    acr = "|".join(acronym(a) for a in acronyms)
    return re.compile(
        rf"\s*+(?:\((?:{acr})\)\s*+)?(?:{PROGRAM_LABEL}\s*+)?{_LEAD_IN}(?:{_NUMBER_MARK}\s*+)?"
        rf"{_UNIT_NUMBER}"
    )


#: Who a unit serves, after "y la"/"y el" inside its name.
_SERVED = r"(?:Niñez|Mujer|Madre|Niñ[oa]s?|Familia|Adolescencia)"
#: A type word in lower case after a capitalized head: "el Hospital general de Perote".
_LOWER_TYPE = r"(?:general|regional|civil|integral|b[áa]sico|comunitario|rural)"
_LOWER_TYPE_AFTER_HEAD = re.compile(rf"^(Hospital|Clínica|Centro) ({_LOWER_TYPE})\b")

#: Capitalized words that open a sentence or a clause, never a town's name.
_FUNCTION_WORD = r"(?:El|La|Los|Las|En|Con|Por|Para|Del|Al|De|Y|A|Este|Esta|Que|Se|Su|Sus)"


@cache
def _named() -> re.Pattern[str]:
    heads = "|".join(loose(head) for head in sorted(NAMED_HEADS, key=len, reverse=True))
    program_word = "|".join(PROGRAMS)
    item = (
        rf"(?:(?!(?:No|Nos|N[úu]m|N[úu]mero)\b|{_TITLE}{_S}"
        rf"|IMSS(?:[-‐–]|{_S})?(?i:{program_word})\b)"
        rf"(?:Cd\.(?=\s)|{CAP_WORD})|\([A-Za-z/]{{2,10}}\)|\d{{1,2}}(?=\s++de\s++[A-Z]))"
    )
    # A name ends where another unit's head follows: "Hospital de Pediatría del Centro
    # Médico Nacional Siglo XXI" is a hospital (no name of its own) in a complex (named).
    # "Hospital de la Mujer y la Niñez Oaxaqueña": "y la" only before whom a unit serves
    joint = (
        rf"(?:{_S}(?:de{_S}las?|de{_S}los|del|de|y)(?!{_S}{_HEAD_WORDS}\b){_S}"
        rf"|{_S}y{_S}(?:la|el){_S}(?={_SERVED}\b)|{_S}(?!{_HEAD_WORDS}\b))"
    )
    number = rf"(?:,?{_S0}{_NUMBER_MARK}{_S0}(?P<number>\d{{1,3}})\b{_NOT_A_COUNT})"
    lower = "|".join(loose(head) for head in LOWER_HEADS)
    # a headline reflowed onto its byline ends the town: "... IMSS-Bienestar en Tepic Por ..."
    joined = rf"(?:{_S}(?:de|del|de{_S}la){_S}|{_S})(?!{_FUNCTION_WORD}\b)"
    place = rf"{CAP_WORD}(?:{joined}{CAP_WORD}){{0,4}}"
    # "Hospital Rural IMSS-Bienestar de Tlaxiaco", also without "de": "... IMSS-Bienestar Vícam"
    program = (
        rf"{_S}{PROGRAM_LABEL}(?:{_S}(?:(?P<prep>de|en){_S}|(?!{_FUNCTION_WORD}\b))"
        rf"(?P<place>{place}))?"
    )
    return re.compile(
        rf"(?P<name>(?:{heads})(?!\w)(?:{_S}{_LOWER_TYPE}(?={_S}de{_S}[A-ZÁÉÍÓÚÑ]))?"
        rf"(?:{joint}{item}){{0,{_MAX_NAME_WORDS}}}"
        rf"|(?P<lower>{lower}){_S}de{_S}(?:la{_S}|los{_S})?{place})"
        rf"(?P<label>{program})?{number}?"
    )


def _unit_number(raw: str) -> str:
    """'01' -> '1', '3-A' / '3A' -> '3A': one spelling per unit."""
    digits = raw.rstrip("ABCD-")
    return str(int(digits)) + raw[len(digits) :].replace("-", "")


#: "la directora del" before a unit: a titled name after the unit is that person.
_HEADED_BY = re.compile(
    r"(?i:(?:sub)?director|(?:sub)?directora|titular|jefe|jefa|encargad[oa]|administrador"
    r"|administradora)(?:\s++\w+)?\s++(?:del|de\s++la|de)\s*+$"
)


#: "... Dr. Ernesto Ramos Bours de Hermosillo, Sonora": the unit's town after its dedication.
_TOWN_AFTER = re.compile(rf"{_S}(?:de|en){_S}(?P<town>{CAP_WORD}(?:{_S}{CAP_WORD}){{0,3}})$")


@cache
def _state_after() -> re.Pattern[str]:
    return re.compile(rf",{_S}(?i:{gazetteer().state_pattern})\b")


def _titled(text: str, pos: int) -> re.Match[str] | None:
    """An unquoted titled name after a unit, without the town and state that may follow it
    ("HGZ No. 15 Dr. Ernesto Ramos Bours de Hermosillo, Sonora")."""
    match = _TITLED.match(text, pos)
    if match is None or not _state_after().match(text, match.end()):
        return match
    town = _TOWN_AFTER.search(match["name"])
    if town is None or fold(town["town"]) not in gazetteer().entries:
        return match
    # a name of two words at least must be left: "Dr. Juan de León, Guanajuato" stays whole
    return _TITLED.match(text, pos, match.start("name") + town.start()) or match


def _honorific(text: str, pos: int, unit_start: int) -> re.Match[str] | None:
    """A quoted proper name at `pos` ("XIV de Septiembre", "Dr. Bernardo Sepúlveda"), not
    a quoted sentence: every word capitalized or a name particle, a few words at most. Or a
    titled name right after the unit, unquoted ("Hospital de Especialidades Dr. Bernardo
    Sepúlveda"), unless it is a person: after a comma ("del HGZ No. 1, Dr. Juan Pérez, dijo")
    or after the unit's head ("la directora del HGZ No. 1 Dra. María López")."""
    match = _HONORIFIC.match(text, pos)
    if match is None:
        if _HEADED_BY.search(text, max(0, unit_start - 40), unit_start):
            return None
        return _titled(text, pos)
    found = match["name"].split()
    # a name or a date: "Dr. Bernardo Sepúlveda", "14 de Septiembre"
    opening = found[0][0] if found else ""
    if len(found) > _MAX_HONORIFIC_WORDS or not (opening.isupper() or opening.isdigit()):
        return None
    if not all(_HONORIFIC_WORD.fullmatch(w.strip(",")) for w in found):
        return None
    return match


def _numbered_at(
    text: str, pos: int, home: str | None
) -> tuple[int, list[FacilityHit]] | tuple[int, str] | None:
    """The numbered unit(s) that open at `pos` and where the whole run ends; or, for a type
    with no number ("las Unidades de Medicina Familiar"), where it ends and which it is."""
    heads, types = _type_heads()
    head = heads.match(text, pos)
    if head is None:
        return None
    canonical = types[int(str(head.lastgroup)[1:])]
    rest = _after_type().match(text, head.end())
    if rest is None:
        return head.end(), canonical
    return _unit_run(text, pos, canonical, rest, home)


def _unit_run(
    text: str, pos: int, canonical: str, rest: re.Match[str], home: str | None
) -> tuple[int, list[FacilityHit]]:
    """The unit whose number `rest` matched, the ones its enumeration adds, and their end."""
    end = rest.end("unit")
    honorific = _honorific(text, end, pos)
    span_end = honorific.end() if honorific else end
    state, cursor = locate(text, span_end, home)
    hits = [FacilityHit(pos, span_end, f"{canonical} No. {_unit_number(rest['unit'])}", state)]
    cursor = max(cursor, span_end)
    while item := _NEXT_ITEM.match(text, cursor) or _NEXT_AFTER_GAP.match(text, cursor):
        start, end = item.span("unit")
        state, cursor = locate(text, end, home)
        hits.append(FacilityHit(start, end, f"{canonical} No. {_unit_number(item['unit'])}", state))
        cursor = max(cursor, end)
    last = hits[-1].state
    if last is not None and all(hit.state is None for hit in hits[:-1]):
        # "las Unidades Médicas Rurales 12, 13 y 14 de Chiapas": the town closes the list.
        hits = [replace(hit, state=last) for hit in hits]
    return max(span_end, hits[-1].end), hits


#: "la No. 7", "la no. 45", "el núm. 12": a unit named by its number alone, its type said
#: before.
#: Only the abbreviations: "el número 800" is a telephone as often as a unit.
_BACK_REFERENCE = re.compile(
    rf"(?:(?<!\w)(?P<article>[Ll]as?|[Ee]l|[Ll]os){_S}|:{_S0})"
    rf"(?=(?:No\.?|no\.|[Nn][úu]m\.?){_S0}\d|N[°º])(?P<rest>{_NUMBER_MARK}\s*+{_UNIT_NUMBER})"
)
#: "los Hospitales Generales de Zona ...; así como los de subzona, como el No. 10": the type
#: said by the word that tells it from the one before.
_ELIDED_TYPE = re.compile(r"\b(?:[Ll]os|[Aa]quellos)\s++de\s++((?i:sub-?zona|zona))\b")
_ELIDED_TYPES = {
    "subzona": "Hospital General de Subzona",
    "sub-zona": "Hospital General de Subzona",
    "zona": "Hospital General de Zona",
}
_FEMININE_TYPES = ("Unidad", "Clínica", "Guardería")
_BACK_REFERENCE_REACH = 400  # characters, within one paragraph


def _back_references(
    text: str,
    hits: list[FacilityHit],
    spans: list[tuple[int, int]],
    types_said: list[tuple[int, str]],
    home: str | None,
) -> tuple[list[FacilityHit], list[tuple[int, int]]]:
    """Units named by number after their type ("las UMF No. 3 y 5 de Monterrey, en San Pedro
    la No. 7; la No. 13 de Terán", "las Unidades de Medicina Familiar que recibirán apoyo
    son: No. 16 Actopan, No. 15 Apan"): each takes the type said just before it in the
    paragraph, when its article, if any, agrees with that type's gender."""
    found = list(_BACK_REFERENCE.finditer(text))
    if not found or not (hits or types_said):
        return hits, spans
    taken = SpanSet(spans)
    events: list[tuple[int, int, str, re.Match[str] | None]] = sorted(
        [(h.end, 0, h.name.rpartition(" No. ")[0], None) for h in hits if " No. " in h.name]
        + [(end, 0, canonical, None) for end, canonical in types_said]
        + [(m.start(), 1, "", m) for m in found],
        key=lambda event: event[:2],
    )
    out, new_spans = list(hits), list(spans)
    last: tuple[int, str] | None = None  # (where, canonical type)
    run_end = -1
    for start, _, canonical, item in events:
        if item is None:
            last = (start, canonical)
            continue
        if last is None or start < run_end or taken.overlaps(start, item.end()):
            continue
        where, canonical = last
        article = item["article"]
        if (
            start - where > _BACK_REFERENCE_REACH
            or "\n\n" in text[where:start]
            or (
                article
                and canonical.startswith(_FEMININE_TYPES) != article.lower().startswith("la")
            )
        ):
            continue
        rest = _after_type().match(text, item.start("rest"))
        if rest is None:
            continue
        run_end, units = _unit_run(text, item.start("rest"), canonical, rest, home)
        out.extend(units)
        new_spans.append((item.start("rest"), run_end))
        last = (run_end, canonical)
    return out, new_spans


#: "... del Estado de México": hospitals and medical centres are named after a state
#: ("Hospital General del Estado de Sonora"); clinics, daycares and family units are not.
_STATE_WIDE = re.compile(r" del [Ee]stado de ")
_STATE_NAMED = ("Hospital", "Centro Médico", "Centro Estatal")
_UMAE_LABEL = re.compile(
    r"^(?:UMAE|Unidad M[ée]dica de Alta Especialidad(?: \(UMAE\))?),? (?=Hospital|Centro)"
)
_ARTICLES = frozenset({"el", "la", "los", "las"})
# Both start only where a run of spaces starts: linear even on a name padded with spaces.
_TRAILING_PARTICLES = re.compile(r"(?:(?<!\s)\s++(?:de|del|de la|de los|y))+$")
_OWNER_CUT = re.compile(r"(?<!\s)\s++del?\s")


_SUBZONA = re.compile(r"\b[Ss]ub(?:-|\s++)?[Zz]ona\b")


@lru_cache(maxsize=4096)
def _normalize(surface: str) -> tuple[str, bool]:
    """A named unit as one spelling, and whether it names one unit (a proper name beyond type
    words, institutions and articles: "Hospital General de Zona (HGZ)", "Hospital del IMSS"
    and "Hospital de Especialidades El IMSS" do not)."""
    from core.entities.institutions import find_institutions

    name = squash(surface)
    name = _UMAE_LABEL.sub("", name)  # the UMAE is the hospital: "UMAE Hospital de ..."
    first, _, rest = name.partition(" ")
    expanded = type_by_acronym().get(first)
    if expanded is not None:
        name = f"{expanded} {rest}".strip()
    if name[:1].islower():  # "hospital comunitario de Nautla"
        head, _, place = name.partition(" de ")
        name = f"{head.title()} de {place}" if place else head.title()
    name = _LOWER_TYPE_AFTER_HEAD.sub(lambda m: f"{m[1]} {m[2].capitalize()}", name)
    name = re.sub(r"^CMN\b", "Centro Médico Nacional", name)
    name = _SUBZONA.sub("Subzona", name)  # "Hospital General de Sub-Zona de Tenosique"
    name = re.sub(r"^Cl[ií]nica", "Clínica", name)
    found = [hit for hit in find_institutions(name) if hit.name]
    for hit in reversed(found):
        name = name[: hit.start] + str(hit.name) + name[hit.end :]
    name = re.sub(r"(\S+)\s++\(\1\)", r"\1", name)
    name = re.sub(r"\s*+\(([A-Za-z/]{2,8})\)", lambda m: _drop_acronym(m, name), name)
    name = _TRAILING_PARTICLES.sub("", name)
    bodies = {fold(word) for hit in found for word in str(hit.name).split()}
    for body in dict.fromkeys(str(hit.name) for hit in found):
        # The owner after a named unit is not its name: "Hospital de Tuxtla Gutiérrez del
        # IMSS", "Centro Médico Nacional de Occidente del IMSS Jalisco"; it is where the unit
        # has no other ("Centro Médico del ISSEMyM de Ecatepec").
        owner = re.search(rf" del? {re.escape(body)}(?!\w)", name)
        if owner and not _generic(name[: owner.start()], bodies):
            name = name[: owner.start()]
    service = re.match(r"Clínica del? (\S+)", name)
    if service and fold(service[1]) in CLINIC_SERVICES:
        return name, False  # "Clínica de Mama": a service inside a hospital
    state_wide = _STATE_WIDE.search(name)
    if (
        state_wide
        and not name.startswith(_STATE_NAMED)
        and _generic(name[: state_wide.start()], bodies)
    ):
        return name, False  # "el primer CECI del Estado de México": a kind of unit in a state
    return name, not _generic(name, bodies)


def _generic(name: str, bodies: set[str]) -> bool:
    """Only type words, institutions and articles: no unit's own name."""
    words = re.findall(rf"{CAP_WORD}", re.sub(r"\([^()]*\)", " ", name))
    return all(
        fold(w.rstrip(".")) in TYPE_WORDS or fold(w) in bodies or fold(w) in _ARTICLES
        for w in words
    )


def _only_type_words(quoted: str) -> bool:
    """ "Plus", "Integral": words that say a unit's kind, not its name."""
    words = [fold(w) for w in quoted.split() if fold(w) not in _ARTICLES | {"de", "del", "y"}]
    return bool(words) and all(w in TYPE_WORDS for w in words)


def _drop_acronym(match: re.Match[str], name: str) -> str:
    """ "(HGZ)" after its type and "(CMNB)" after the words it abbreviates say nothing more."""
    acr = match[1]
    if fold(acr) in TYPE_WORDS:
        return ""
    initials = "".join(w[0] for w in re.findall(CAP_WORD, name[: match.start()]))
    return "" if initials.endswith(acr.upper()) else match[0]


#: "Hospital General Regional Zaragoza (IMSS)": a bracketed acronym closing a name.
_CLOSING_GLOSS = re.compile(r"\s*+\((?P<acronym>[A-Za-z/]{2,10})\)$")


def _without_owner_gloss(surface: str) -> str:
    """The name without a closing "(IMSS)", "(ISSSTE)": the owner glossed after a unit, as
    in a list of works, is not part of its name (and stays a mention of the body)."""
    from core.entities.institutions import find_institutions

    gloss = _CLOSING_GLOSS.search(surface)
    if gloss is None:
        return surface
    bodies = find_institutions(gloss["acronym"])
    if not bodies or bodies[0].name is None:
        return surface
    return _TRAILING_PARTICLES.sub("", surface[: gloss.start()])


def _named_at(text: str, pos: int) -> FacilityHit | None:
    match = _named().match(text, pos)
    if match is None:
        return None
    surface = _without_owner_gloss(_TRAILING_PARTICLES.sub("", match["name"]))
    name, proper = _normalize(surface)
    surface = _shortest_surface(surface, name)
    end = pos + len(surface)
    if match["label"]:  # "Hospital Rural del IMSS Bienestar en Tlaxiaco"
        end = match.end("label")
        program = f"IMSS-{match['program'].capitalize()}"
        if match["place"]:  # the program tells it from the town's other hospitals
            # a person it is dedicated to takes no "de": "... IMSS-Bienestar María del Socorro"
            place = match["place"]
            dedicated = (
                not match["prep"]
                and fold(place.split()[0]) in given_names()
                and fold(place) not in gazetteer().entries
            )
            joint = " " if dedicated else " de "
            name, proper = _normalize(f"{name} {program}{joint}{place}")
            if match["prep"] == "en":  # "... en Tlaxiaco, Oaxaca": the town is also a place
                end = match.end("program")
        elif not match["label"].lstrip().startswith("de"):
            # 'Hospital General IMSS-Bienestar "Dr. Agustín O'Horán"': part of its name;
            # after "del" the program is the owner, as "del IMSS" is
            name = f"{name} {program}"
    if match["number"]:
        if not proper and not _is_type(name):
            return None
        return FacilityHit(pos, match.end(), f"{name} No. {int(match['number'])}")
    honorific = _honorific(text, end, pos)
    if honorific is not None:
        end = honorific.end()
        # the quoted name is the unit's only one: "Clínica "Héroes Tecámac""; a kind of unit
        # in quotes is none ("la Unidad de Medicina Familiar “Plus”" that will be built)
        if not proper and not _only_type_words(honorific["name"]):
            complex_head = any(re.match(loose(h), surface) for h in COMPLEX_HEADS)
            quoted = honorific["name"] if complex_head else f"“{honorific['name']}”"
            name, proper = f"{name} {quoted}", True
    return FacilityHit(pos, end, name) if proper else None


def _shortest_surface(surface: str, name: str) -> str:
    """The words that give `name`: an owner cut from the name ("... del IMSS Jalisco") is
    left out of the span too, so a place in it is still a place."""
    for cut in _OWNER_CUT.finditer(surface):
        if _normalize(surface[: cut.start()])[0] == name:
            return surface[: cut.start()]
    return surface


def _is_type(name: str) -> bool:
    """A type written out before a number ("Hospital de Gineco Pediatría" No. 48, "Hospital
    Regional" No. 17): kept as written when it is not one of IMSS's own."""
    return len(name.split()) >= 2 and name.split()[0] in ("Hospital", "Unidad", "Centro", "Clínica")


_PLURAL_TOWNS = re.compile(
    rf"(?P<head>(?i:hospitales){_S}(?P<kind>(?i:rurales|comunitarios)))"
    rf"(?P<label>{_S}{PROGRAM_LABEL})?{_S}(?:de|en){_S}"
    rf"(?P<towns>{CAP_WORD}(?:{_S}(?:de{_S}|del{_S})?{CAP_WORD}){{0,3}}"
    rf"(?:(?:,{_S}|,?{_S}[ye]{_S}){CAP_WORD}(?:{_S}(?:de{_S}|del{_S})?{CAP_WORD}){{0,3}})+)"
)
_TOWN_ITEM = re.compile(rf"{CAP_WORD}(?:{_S}(?:de{_S}|del{_S})?{CAP_WORD}){{0,3}}")


def _plural_towns(text: str) -> tuple[list[FacilityHit], list[tuple[int, int]]]:
    """ "los Hospitales Rurales del Programa IMSS-Bienestar de Huajuapan, Miahuatlán y
    Tlaxiaco": one rural or community hospital per town, each known by its town; and the
    spans of the whole phrases."""
    hits: list[FacilityHit] = []
    spans: list[tuple[int, int]] = []
    for match in _PLURAL_TOWNS.finditer(text):
        kind = "Rural" if match["kind"].lower().startswith("r") else "Comunitario"
        program = f" IMSS-{match['program'].capitalize()}" if match["label"] else ""
        towns = list(_TOWN_ITEM.finditer(text, match.start("towns"), match.end("towns")))
        # Each unit is its town's words: the program after "del" is still the body's mention.
        hits += [FacilityHit(*t.span(), f"Hospital {kind}{program} de {t[0]}") for t in towns]
        spans.append(match.span())
    return hits, spans


_ELIDED_TOWN = re.compile(
    # "y el de Ayutla", "o al de Ciudad Valles" (after "acuden al Hospital de Soledad")
    rf"(?:{_SEPARATOR}|,?{_S}[ou]{_S})(?:el|la|al|a{_S}la){_S}de{_S}"
    rf"(?P<town>{CAP_WORD}(?:{_S}(?:de{_S}|del{_S})?{CAP_WORD}){{0,3}})"
)


#: "el HGR de Culiacán contará con 216 camas; el de Saltillo tendrá 260": after the clause
#: that speaks of the first unit, within its sentence.
_ELIDED_TOWN_LATER = re.compile(
    rf"[^.;\n]{{0,160}}?;{_S}(?:y{_S})?(?:el|la){_S}de{_S}"
    rf"(?P<town>{CAP_WORD}(?:{_S}(?:de{_S}|del{_S})?{CAP_WORD}){{0,3}})"
)


def _elided_town(text: str, hit: FacilityHit) -> FacilityHit | None:
    """ "el Hospital de Tlapa y el de Ayutla": the same head, in another town."""
    head, sep, town = hit.name.rpartition(" de ")
    # a town, or the first words of one ("Hospital de Soledad", of Soledad de Graciano Sánchez)
    if not sep or fold(town) not in gazetteer().prefixes:
        return None
    match = _ELIDED_TOWN.match(text, hit.end) or _ELIDED_TOWN_LATER.match(text, hit.end)
    if match is None or fold(match["town"]) not in gazetteer().entries:
        return None
    return FacilityHit(match.start("town"), match.end(), f"{head} de {match['town']}")


def find_facilities(text: str, home: str | None = None) -> list[FacilityHit]:
    """Numbered units first (they nest inside names), then named units that do not overlap.

    `home` is the bulletin's own state (a state key, `places.context_state`): a town
    several states share is taken in it when it has one."""
    starts = [pos for pos, lead in word_leads(text) if lead[:3] in _TRIGGERS or lead == "hr"]
    hits: list[FacilityHit] = []
    numbered_spans: list[tuple[int, int]] = []
    types_said: list[tuple[int, str]] = []  # a type without number: (its end, canonical)
    run_end = -1
    for pos in starts:
        if pos < run_end:
            continue
        found = _numbered_at(text, pos, home)
        if found is None:
            continue
        end, units = found
        if isinstance(units, str):
            types_said.append((end, units))
            continue
        run_end = end
        numbered_spans.append((pos, run_end))
        hits.extend(units)
    types_said += [(m.end(), _ELIDED_TYPES[fold(m[1])]) for m in _ELIDED_TYPE.finditer(text)]
    types_said.sort()
    hits, numbered_spans = _back_references(text, hits, numbered_spans, types_said, home)
    plural, phrases = _plural_towns(text)
    if plural and not SpanSet(numbered_spans).overlaps(phrases[0][0], phrases[-1][1]):
        hits += plural
        numbered_spans += phrases
    numbered = SpanSet(numbered_spans)
    named_end = -1
    for pos in starts:
        if pos < named_end or numbered.overlaps(pos, pos + 1):
            continue
        hit = _named_at(text, pos) or _hospital_being_built(text, pos)
        if hit is None or numbered.overlaps(hit.start, hit.end):
            continue
        named_end = hit.end
        hits.append(hit)
        elided = _elided_town(text, hit)
        if elided is not None:
            named_end = elided.end
            hits.append(elided)
    hits.sort(key=lambda h: h.start)
    hits = _honorific_aliases(text, _umae_aliases(text, _short_forms(hits)))
    return _share_states(_town_aliases(text, hits))


#: Works on a hospital named by its town in lower case: "la apertura del hospital de San
#: Alejandro", "la construcción del nuevo hospital de Tapachula" (alone, "hospital de X" is
#: too often a description: "el hospital de la zona", "un hospital de Pediatría").
_WORKS_BEFORE = re.compile(
    r"\b(?:apertura|inauguraci[óo]n|construcci[óo]n|ampliaci[óo]n|edificaci[óo]n|remodelaci[óo]n"
    r"|reconstrucci[óo]n|sustituci[óo]n)\s++del\s++(?:nuevo\s++)?$"
)
_LOWER_HOSPITAL = re.compile(
    rf"hospital{_S}de{_S}(?P<town>{CAP_WORD}(?:(?:{_S}(?:de|del|de{_S}la){_S}|{_S}){CAP_WORD}){{0,3}})"
)


def _hospital_being_built(text: str, pos: int) -> FacilityHit | None:
    match = _LOWER_HOSPITAL.match(text, pos)
    if match is None or not _WORKS_BEFORE.search(text, max(0, pos - 40), pos):
        return None
    name, proper = _normalize(f"Hospital de {match['town']}")
    return FacilityHit(pos, match.end(), name) if proper else None


_PROGRAM_IN_NAME = re.compile(r"IMSS-\w+ de .+$")
#: The last words of a unit named by its town: " de Monterrey".
_TOWN_TAIL = re.compile(r" de [A-ZÁÉÍÓÚÑ]\S*(?: [A-ZÁÉÍÓÚÑ]\S*)*$")


def _short_forms(hits: list[FacilityHit]) -> list[FacilityHit]:
    """ "Hospital IMSS-Bienestar de Maruata" is the "Hospital Comunitario IMSS-Bienestar de
    Maruata" the same text names, "Hospital de Traumatología de Monterrey" (a headline) its
    "Hospital de Traumatología y Ortopedia de Monterrey": a named unit's shorter name, with
    the same head and town, joins its one longer name."""
    by_tail: dict[str, set[str]] = {}
    for hit in hits:
        tail = _PROGRAM_IN_NAME.search(hit.name) or _TOWN_TAIL.search(hit.name)
        if tail is not None and " No. " not in hit.name:
            by_tail.setdefault(f"{hit.name.split()[0]} {tail[0]}", set()).add(hit.name)
    longer: dict[str, str] = {}
    for names in by_tail.values():
        for name in names:
            words = set(name.split())
            wider = [other for other in names if other != name and words < set(other.split())]
            if len(wider) == 1:
                longer[name] = wider[0]
    if not longer:
        return hits
    return [replace(hit, name=longer[hit.name]) if hit.name in longer else hit for hit in hits]


_QUOTED = re.compile(r"[\"“«‘'](?P<name>[^\"“”«»‘’'\n]{2,60})[\"”»’']")


def _honorific_aliases(text: str, hits: list[FacilityHit]) -> list[FacilityHit]:
    """ "el Hospital “14 de Septiembre”" is the "HGZ No. 13 “14 de Septiembre”" the same text
    names: a unit known only by its dedication joins the one numbered unit that bears it."""
    numbered: dict[str, set[str]] = {}
    for hit in hits:
        if " No. " in hit.name and (quoted := list(_QUOTED.finditer(text, hit.start, hit.end))):
            numbered.setdefault(fold(quoted[-1]["name"]), set()).add(hit.name)
    if not numbered:
        return hits
    out = []
    for hit in hits:
        dedication = re.search(r"“([^”]+)”$", hit.name)
        units = numbered.get(fold(dedication[1]), set()) if dedication else set()
        out.append(replace(hit, name=next(iter(units))) if len(units) == 1 else hit)
    return out


_UMAE_BEFORE = re.compile(r"(?:UMAE|\(UMAE\)|Alta\s++Especialidad)\s*+,?\s*+$")
_UMAE = "Unidad Médica de Alta Especialidad No. "


def _umae_aliases(text: str, hits: list[FacilityHit]) -> list[FacilityHit]:
    """ "la UMAE No. 1" is the hospital the text introduced as "UMAE Hospital de
    Especialidades No. 1": a UMAE is a hospital, numbered as the hospital is."""
    hospitals: dict[str, str] = {}
    for hit in hits:
        number = hit.name.rpartition(" No. ")[2]
        if hit.name.startswith("Hospital") and _UMAE_BEFORE.search(
            text, max(0, hit.start - 40), hit.start
        ):
            hospitals.setdefault(number, hit.name)
    if not hospitals:
        return hits
    return [
        replace(hit, name=hospitals.get(hit.name.removeprefix(_UMAE), hit.name))
        if hit.name.startswith(_UMAE)
        else hit
        for hit in hits
    ]


_SENTENCE_END = re.compile(r"[.;]\s|\n")
_AROUND = 90  # characters either side of a numbered unit where its town is named


def _sentence_around(text: str, start: int, end: int) -> str:
    """The words either side of a unit, within its sentence."""
    before = text[max(0, start - _AROUND) : start]
    after = text[end : end + _AROUND]
    cuts = list(_SENTENCE_END.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    cut = _SENTENCE_END.search(after)
    return " ".join(fold(before + " " + (after[: cut.start()] if cut else after)).split())


def _town_aliases(text: str, hits: list[FacilityHit]) -> list[FacilityHit]:
    """One unit, two names: "la UMF No. 26 en el municipio de Mixquiahuala" is "la UMF de
    Mixquiahuala" of the same text; and "la Clínica 2" is the text's only other unit No. 2
    (IMSS staff call every unit a clinic)."""
    numbered = [(h, *h.name.rpartition(" No. ")[::2]) for h in hits if " No. " in h.name]
    if not numbered:
        return hits
    by_number: dict[str, set[str]] = {}
    for hit, kind, number in numbered:
        if kind != "Clínica":
            by_number.setdefault(number, set()).add(hit.name)
    windows: dict[int, str] = {}  # each unit's sentence, folded once
    renamed: dict[str, str] = {}
    for name in dict.fromkeys(h.name for h in hits):
        if name.startswith("Clínica No. "):
            same = set(by_number.get(name.removeprefix("Clínica No. "), ()))
        elif " No. " in name:
            continue
        else:
            same = set()
            for k, (unit, kind, _) in enumerate(numbered):
                if not name.startswith(f"{kind} de "):
                    continue
                if k not in windows:
                    windows[k] = _sentence_around(text, unit.start, unit.end)
                if fold(name.removeprefix(f"{kind} de ")) in windows[k]:
                    same.add(unit.name)
        if len(same) == 1:
            renamed[name] = same.pop()
    if not renamed:
        return hits
    return [replace(hit, name=renamed.get(hit.name, hit.name)) for hit in hits]


def _share_states(hits: list[FacilityHit]) -> list[FacilityHit]:
    """A unit the text places once ("HGZ No. 33 de Monterrey") is there in every mention,
    unless the text places units of that name in two states."""
    states: dict[str, set[str]] = {}
    for hit in hits:
        if hit.state is not None:
            states.setdefault(hit.name, set()).add(hit.state)
    if not states:
        return hits
    out = []
    for hit in hits:
        placed = states.get(hit.name, set())
        if hit.state is None and len(placed) == 1:
            hit = replace(hit, state=next(iter(placed)))
        out.append(hit)
    return out
