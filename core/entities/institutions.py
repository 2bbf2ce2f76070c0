"""Institutions: public bodies and programs, one canonical name for long form and acronym.

`INSTITUTIONS` is the table to extend: (canonical name, patterns). Patterns are regexes; long
forms are wrapped case-insensitively, acronyms stay case-sensitive (so "sep" or "ciss" in a
word never match). Order matters where forms nest: "IMSS-Bienestar" before "IMSS".

Bodies the table lacks are read from the grammar of their names (`public_bodies`): "Comisión
Nacional para el Desarrollo de los Pueblos Indígenas", governing bodies as "Consejo Técnico del
IMSS", acronyms glossed after any body ("Servicios de Salud de Oaxaca (SSO)") joining it.

Bodies that exist once per state ("Secretaría de Salud estatal", "Gobierno del Estado",
"Instituto de Salud de la entidad", "Congreso del Estado") are `STATE_BODIES`: the state comes
from the text ("de Oaxaca", "mexiquense", "del Gobierno de Oaxaca") or, when the text says only
"del estado"/"estatal"/"de la entidad", from the bulletin's own state (the first state it
names); failing both, "<body> estatal".

Convention: Seguro Popular (a public insurance program) and IMSS-Oportunidades / IMSS-PROSPERA
/ IMSS-Bienestar (programs run by IMSS) count as institutions: people search for them as such.
The OPD IMSS-Bienestar and the IMSS-Bienestar model are one entity, "IMSS-Bienestar".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from core.entities import public_bodies
from core.entities.gazetteer import gazetteer, state_name, state_of_gentilic
from core.entities.text import at_word_start, fold, literal_alternation, squash, word_leads

_H = r"[-‐–]\s?"  # hyphen in "IMSS-Bienestar", tolerant of reflow leftovers


def _i(pattern: str) -> str:
    """Case-insensitive long form, whitespace-tolerant."""
    return "(?i:" + pattern.replace(" ", r"\s+") + ")"


#: (canonical name, patterns). Long forms via _i(); bare strings are case-sensitive acronyms.
INSTITUTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "IMSS-Bienestar",
        (
            _i(
                r"Servicios de Salud del (?:Instituto Mexicano del Seguro Social|IMSS) para el "
                r"Bienestar"
            )
            + r"(?:\s*\(IMSS"
            + _H
            + r"Bienestar\))?",
            # without "para el Bienestar" when the gloss says which
            _i(r"Servicios de Salud del (?:Instituto Mexicano del Seguro Social|IMSS)")
            + r"\s*\(IMSS"
            + _H
            + r"Bienestar\)",
            _i(r"(?:Órgano|Organo) Público Descentralizado")
            + r"\s*(?:\((?:OPD|OPS)\)\s*)?IMSS"
            + _H
            + _i("Bienestar"),
            r"\bOPD\s+IMSS" + _H + _i("Bienestar"),
            # the gloss inside the program's name: "IMSS (Instituto Mexicano del Seguro Social)
            # - Bienestar", "Instituto Mexicano del Seguro Social (IMSS)-Bienestar"
            r"\bIMSS\s*\("
            + _i("Instituto Mexicano del Seguro Social")
            + r"\)\s*"
            + _H
            + _i("Bienestar"),
            _i("Instituto Mexicano del Seguro Social") + r"\s*\(IMSS\)\s*" + _H + _i("Bienestar"),
            r"\bIMSS(?:\s?" + _H + r"|\s)" + _i("Bienestar") + r"\b",  # "IMSS – Bienestar"
            r"\bImss(?:\s?" + _H + r"|\s)" + _i("Bienestar") + r"\b",  # a page's title case
        ),
    ),
    ("IMSS-Oportunidades", (r"\bIMSS(?:" + _H + r"|\s)" + _i("Oportunidades") + r"\b",)),
    ("IMSS-PROSPERA", (r"\bIMSS(?:" + _H + r"|\s)" + _i("Prospera") + r"\b",)),
    ("IMSS-Solidaridad", (r"\bIMSS(?:" + _H + r"|\s)" + _i("Solidaridad") + r"\b",)),
    ("IMSS-Coplamar", (r"\bIMSS(?:" + _H + r"|\s)" + _i("Coplamar") + r"\b",)),
    ("Fundación IMSS", (_i("Fundación IMSS"),)),
    (
        "SNTSS",
        (
            _i("Sindicato Nacional de Trabajadores del Seguro Social"),
            # what people call it: "el Sindicato del IMSS", "Sindicato Nacional del IMSS"
            _i("Sindicato (?:Nacional )?del (?:Seguro Social|IMSS)"),
            r"\bSNTSS\b",
        ),
    ),
    (
        "IMSS",
        (
            _i("Instituto Mexicano del? Seguro Social"),
            r"\bIMSS\b(?!" + _H + r"\w)",
            r"\bImss\b(?!" + _H + r"\w)",  # a page's title case: "el Imss Yucatán"
            r"(?<!Ley del )(?<!Ley del\n)\bSeguro Social\b",
        ),
    ),
    (
        "ISSSTE",
        (
            _i(r"Instituto de Seguridad y Servicios Sociales de los Trabajadores del Estado"),
            r"\bISSSTE\b",
            r"\bIssste\b",
        ),
    ),
    (
        "Fovissste",
        (
            r"\bFOVISSSTE\b",
            r"\bFovissste\b",
        ),
    ),
    (
        "ISSEMyM",
        (
            _i("Instituto de Seguridad Social del Estado de México y Municipios"),
            r"\bISSEMyM\b",
            r"\bISSEMYM\b",
            r"\bIssemym\b",
        ),
    ),
    (
        "ISSFAM",
        (_i("Instituto de Seguridad Social para las Fuerzas Armadas Mexicanas"), r"\bISSFAM\b"),
    ),
    ("Pemex", (_i("Petróleos Mexicanos"), r"\bPEMEX\b", r"\bPemex\b")),
    (
        "INSABI",
        (_i("Instituto (?:Nacional )?de Salud para el Bienestar"), r"\bINSABI\b", r"\bInsabi\b"),
    ),
    (
        "Birmex",
        (_i("Laboratorios de Biológicos y Reactivos de México"), r"\bBIRMEX\b", r"\bBirmex\b"),
    ),
    (
        "Cofepris",
        (
            _i("Comisión Federal para la Protección contra Riesgos Sanitarios"),
            r"\bCOFEPRIS\b",
            r"\bCofepris\b",
        ),
    ),
    (
        "DIF",
        (
            _i(
                r"Sistema (?:Nacional |Estatal |Municipal )?(?:para el )?Desarrollo Integral de la "
                r"Familia"
            ),
            _i("Desarrollo Integral de la Familia"),
            r"\bDIF\b",
            r"\bSNDIF\b",
        ),
    ),
    ("CISS", (_i("Conferencia Interamericana de Seguridad Social"), r"\bCISS\b")),
    ("SFP", (_i("Secretaría de la Función Pública"), r"\bSFP\b")),
    (
        "Secretaría Anticorrupción y Buen Gobierno",
        (_i("Secretaría (?:de )?Anticorrupción y Buen Gobierno"),),
    ),
    (
        "SHCP",
        (_i(r"Secretaría de Hacienda(?: y Crédito Público)?"), r"\bSHCP\b"),
    ),
    ("Secretaría de Bienestar", (_i(r"Secretaría del? Bienestar"),)),
    ("SEP", (_i("Secretaría de Educación Pública"), r"\bSEP\b")),
    ("STPS", (_i("Secretaría del Trabajo y Previsión Social"), r"\bSTPS\b")),
    ("Segob", (_i("Secretaría de Gobernación"), r"\bSEGOB\b", r"\bSegob\b")),
    ("Sedena", (_i("Secretaría de la Defensa Nacional"), r"\bSEDENA\b", r"\bSedena\b")),
    ("Semar", (_i("Secretaría de Marina"), r"\bSEMAR\b", r"\bSemar\b")),
    # the federal Secretaría de Salud by its acronym (written long, it is a state body's stem)
    ("Secretaría de Salud", (r"\bSSA\b", r"\bSsa\b")),
    (
        "Secihti",
        (
            _i(r"Secretaría de Ciencia, Humanidades, Tecnología e Innovación"),
            r"\bSECIHTI\b",
            r"\bSecihti\b",
        ),
    ),
    ("Sedesol", (_i("Secretaría de Desarrollo Social"), r"\bSEDESOL\b", r"\bSedesol\b")),
    ("Secretaría de Economía", (_i("Secretaría de Economía"),)),
    ("Seguro Popular", (_i("Seguro Popular"),)),
    ("CNPSS", (_i("Comisión Nacional de Protección Social en Salud"), r"\bCNPSS\b")),
    (
        "Régimen Estatal de Protección Social en Salud",
        (_i(r"Régimen Estatal de Protección (?:Social )?en Salud"), r"\bREPSS\b"),
    ),
    ("Conamed", (_i("Comisión Nacional de Arbitraje Médico"), r"\bCONAMED\b", r"\bConamed\b")),
    (
        "CCINSHAE",
        (
            _i(
                "Comisión Coordinadora de Institutos Nacionales de Salud y Hospitales de Alta "
                "Especialidad"
            ),
            r"\bCCINSHAE\b",
        ),
    ),
    ("Consejo de Salubridad General", (_i("Consejo de Salubridad General"),)),
    (
        "Censida",
        (
            _i("Centro Nacional para la Prevención y el Control del VIH y el sida"),
            r"\bCENSIDA\b",
            r"\bCensida\b",
        ),
    ),
    ("INEGI", (_i("Instituto Nacional de Estadística y Geografía"), r"\bINEGI\b", r"\bInegi\b")),
    (
        "Infonavit",
        (
            _i("Instituto del Fondo Nacional de la Vivienda para los Trabajadores"),
            r"\bINFONAVIT\b",
            # not a neighbourhood named after it: "la colonia Infonavit Humaya"
            r"\bInfonavit\b(?![^\S\n]+[A-ZÁÉÍÓÚÑ][a-záéíóúñ])",
        ),
    ),
    (
        "Consar",
        (
            _i("Comisión Nacional del Sistema de Ahorro para el Retiro"),
            r"\bCONSAR\b",
            r"\bConsar\b",
        ),
    ),
    ("OMS", (_i("Organización Mundial de la Salud"), r"\bOMS\b")),
    ("OPS", (_i("Organización Panamericana de la Salud"), r"\bOPS\b")),
    ("OIT", (_i("Organización Internacional del Trabajo"), r"\bOIT\b")),
    (
        "UNICEF",
        (_i("Fondo de las Naciones Unidas para la Infancia"), r"\bUNICEF\b", r"\bUnicef\b"),
    ),
    ("CFE", (_i("Comisión Federal de Electricidad"), r"\bCFE\b")),
    ("SAT", (_i("Servicio de Administración Tributaria"), r"\bSAT\b")),
    ("FGR", (_i("Fiscalía General de la República"), r"\bFGR\b")),
    ("PGR", (_i("Procuraduría General de la República"), r"\bPGR\b")),
    (
        "Conacyt",
        (_i("Consejo Nacional de Ciencia y Tecnología"), r"\bCONACYT\b", r"\bConacyt\b"),
    ),
    (
        "Conahcyt",
        (
            _i("Consejo Nacional de Humanidades, Ciencias y Tecnologías"),
            r"\bCONAHCYT\b",
            r"\bConahcyt\b",
        ),
    ),
    ("CNDH", (_i("Comisión Nacional de(?: los)? Derechos Humanos"), r"\bCNDH\b")),
    ("Congreso de la Unión", (_i("Congreso de la Unión"),)),
    # The worker and employer sectors of the IMSS's tripartite bodies.
    (
        "FSTSE",
        (_i("Federación de Sindicatos de Trabajadores al Servicio del Estado"), r"\bFSTSE\b"),
    ),
    ("CTM", (_i("Confederación de Trabajadores de México"), r"\bCTM\b")),
    ("CROC", (_i("Confederación Revolucionaria de Obreros y Campesinos"), r"\bCROC\b")),
    ("CROM", (_i("Confederación Regional Obrera Mexicana"), r"\bCROM\b")),
    (
        "Coparmex",
        (_i("Confederación Patronal de la República Mexicana"), r"\bCOPARMEX\b", r"\bCoparmex\b"),
    ),
    ("CCE", (_i("Consejo Coordinador Empresarial"), r"\bCCE\b")),
    (
        "Concamin",
        (
            _i("Confederación de Cámaras Industriales(?: de los Estados Unidos Mexicanos)?"),
            r"\bCONCAMIN\b",
            r"\bConcamin\b",
        ),
    ),
    ("UNAM", (_i("Universidad Nacional Autónoma de México"), r"\bUNAM\b")),
    ("IPN", (_i("Instituto Politécnico Nacional"), r"\bIPN\b")),
    ("Cruz Roja Mexicana", (_i("Cruz Roja(?: Mexicana)?"),)),
    ("Cámara de Diputados", (_i("Cámara de Diputados"),)),
    ("Senado de la República", (_i("Senado de la República"), _i("Cámara de Senadores"))),
    ("Gobierno Federal", (_i(r"Gobierno (?:Federal|de la República)"),)),
    ("Poder Judicial de la Federación", (_i("Poder Judicial de la Federación"),)),
    ("Guardia Nacional", (_i("Guardia Nacional"),)),
    ("Banco del Bienestar", (_i("Banco del Bienestar"),)),
    ("SNTE", (_i("Sindicato Nacional de Trabajadores de la Educación"), r"\bSNTE\b")),
    (
        "Concanaco",
        (
            _i("Confederación de Cámaras Nacionales de Comercio, Servicios y Turismo"),
            r"\bCONCANACO\b",
            r"\bConcanaco\b",
        ),
    ),
    ("OCDE", (_i("Organización para la Cooperación y el Desarrollo Económicos?"), r"\bOCDE\b")),
    ("ITAM", (_i("Instituto Tecnológico Autónomo de México"), r"\bITAM\b")),
    ("Transparencia Mexicana", (_i("Transparencia Mexicana"),)),
)

#: The long name of each institution the table calls by its acronym: people search for it
#: by either ("seguro social" finds the IMSS). Each is read back as its canonical name (test).
LONG_NAMES: dict[str, str] = {
    "IMSS-Bienestar": (
        "Servicios de Salud del Instituto Mexicano del Seguro Social para el Bienestar"
    ),
    "SNTSS": "Sindicato Nacional de Trabajadores del Seguro Social",
    "IMSS": "Instituto Mexicano del Seguro Social",
    "ISSSTE": "Instituto de Seguridad y Servicios Sociales de los Trabajadores del Estado",
    "ISSEMyM": "Instituto de Seguridad Social del Estado de México y Municipios",
    "ISSFAM": "Instituto de Seguridad Social para las Fuerzas Armadas Mexicanas",
    "Pemex": "Petróleos Mexicanos",
    "INSABI": "Instituto de Salud para el Bienestar",
    "Birmex": "Laboratorios de Biológicos y Reactivos de México",
    "Cofepris": "Comisión Federal para la Protección contra Riesgos Sanitarios",
    "DIF": "Sistema Nacional para el Desarrollo Integral de la Familia",
    "CISS": "Conferencia Interamericana de Seguridad Social",
    "SFP": "Secretaría de la Función Pública",
    "SHCP": "Secretaría de Hacienda y Crédito Público",
    "SEP": "Secretaría de Educación Pública",
    "STPS": "Secretaría del Trabajo y Previsión Social",
    "Segob": "Secretaría de Gobernación",
    "Sedena": "Secretaría de la Defensa Nacional",
    "Semar": "Secretaría de Marina",
    "Secihti": "Secretaría de Ciencia, Humanidades, Tecnología e Innovación",
    "Sedesol": "Secretaría de Desarrollo Social",
    "CNPSS": "Comisión Nacional de Protección Social en Salud",
    "Conamed": "Comisión Nacional de Arbitraje Médico",
    "CCINSHAE": (
        "Comisión Coordinadora de Institutos Nacionales de Salud y Hospitales de Alta Especialidad"
    ),
    "Censida": "Centro Nacional para la Prevención y el Control del VIH y el sida",
    "INEGI": "Instituto Nacional de Estadística y Geografía",
    "Infonavit": "Instituto del Fondo Nacional de la Vivienda para los Trabajadores",
    "Consar": "Comisión Nacional del Sistema de Ahorro para el Retiro",
    "OMS": "Organización Mundial de la Salud",
    "OPS": "Organización Panamericana de la Salud",
    "OIT": "Organización Internacional del Trabajo",
    "UNICEF": "Fondo de las Naciones Unidas para la Infancia",
    "CFE": "Comisión Federal de Electricidad",
    "CTM": "Confederación de Trabajadores de México",
    "CROC": "Confederación Revolucionaria de Obreros y Campesinos",
    "CROM": "Confederación Regional Obrera Mexicana",
    "Coparmex": "Confederación Patronal de la República Mexicana",
    "CCE": "Consejo Coordinador Empresarial",
    "Concamin": "Confederación de Cámaras Industriales de los Estados Unidos Mexicanos",
    "FSTSE": "Federación de Sindicatos de Trabajadores al Servicio del Estado",
    "SAT": "Servicio de Administración Tributaria",
    "FGR": "Fiscalía General de la República",
    "PGR": "Procuraduría General de la República",
    "Conacyt": "Consejo Nacional de Ciencia y Tecnología",
    "Conahcyt": "Consejo Nacional de Humanidades, Ciencias y Tecnologías",
    "CNDH": "Comisión Nacional de los Derechos Humanos",
    "UNAM": "Universidad Nacional Autónoma de México",
    "IPN": "Instituto Politécnico Nacional",
    "SNTE": "Sindicato Nacional de Trabajadores de la Educación",
    "Concanaco": "Confederación de Cámaras Nacionales de Comercio, Servicios y Turismo",
    "OCDE": "Organización para la Cooperación y el Desarrollo Económicos",
    "ITAM": "Instituto Tecnológico Autónomo de México",
}


#: Bodies with one instance per state: (canonical stem, pattern, counts-without-qualifier).
STATE_BODIES: tuple[tuple[str, str, bool], ...] = (
    ("Gobierno", r"(?<!Palacio de )\b(?:[Gg]obierno|GOBIERNO)", False),  # not the building
    ("Secretaría de Salud", r"\b(?:SECRETAR[ÍI]A|[Ss]ecretaría)\s+(?i:de\s+salud)", True),
    ("Instituto de Salud", r"\b(?:Instituto\s+de\s+Salud|INSTITUTO\s+DE\s+SALUD)", False),
    ("Servicios de Salud", r"\b(?:Servicios\s+de\s+Salud|SERVICIOS\s+DE\s+SALUD)", False),
    ("Congreso", r"\b(?:Congreso|CONGRESO)", False),  # "Congreso del Estado", "de Jalisco"
)

_GENTILIC_WORD = r"[a-záéíóúñ]{4,}"


@dataclass(frozen=True, slots=True)
class InstitutionHit:
    start: int
    end: int
    name: str | None  # None: a state body whose state the text does not name
    stem: str | None = None


@cache
def _table() -> dict[tuple[bool, str], re.Pattern[str]]:
    """One small alternation per opening (lead), so a word only tries the forms it can open."""
    grouped: dict[tuple[bool, str], list[str]] = {}
    for index, (_canonical, patterns) in enumerate(INSTITUTIONS):
        for n, pattern in enumerate(patterns):
            lead = lead_letters(pattern)
            if lead is None:
                raise ValueError(f"institution pattern without a literal opening: {pattern}")
            text, loose = lead
            grouped.setdefault((loose, text), []).append(f"(?P<i{index}_{n}>{pattern})")
    return {key: re.compile("|".join(parts)) for key, parts in grouped.items()}


_SYNTAX = re.compile(r"^(?:\(\?i:|\\b|\(\?:|\(\?<!(?:[^()]|\\\(|\\\))*?\))+")


def lead_letters(pattern: str) -> tuple[str, bool] | None:
    """How every match of `pattern` starts: ('IMSS', exact) or ('secr', folded, for (?i:...))."""
    loose = pattern.startswith("(?i:")
    body = _SYNTAX.sub("", pattern)
    letters = re.match(r"[^\W\d_]+", body)
    if letters is None:
        return None
    word = letters.group()
    if body[len(word) : len(word) + 1] in ("?", "*", "{"):
        word = word[:-1]
    if loose:
        return (fold(word[:4]), True) if len(word) >= 4 else None
    return (word[:4], False) if len(word) >= 3 else None


_BODY_LEADS = frozenset({"gobi", "secr", "inst", "serv", "cong"})  # STATE_BODIES openings
#: Openings of the bodies the grammar reads (core.entities.public_bodies).
_GRAMMAR_LEADS = frozenset(fold(head[:4]) for head, _ in public_bodies.HEADS) | frozenset(
    fold(body[:4]) for body in public_bodies.GOVERNING_BODIES
)


@cache
def _triggers() -> tuple[re.Pattern[str], frozenset[str]]:
    """Openings: acronyms as a literal regex (case matters), long forms as folded 4-letter leads."""
    exact = {lead for loose, lead in _table() if not loose}
    loose = frozenset(lead for loose, lead in _table() if loose) | _BODY_LEADS | _GRAMMAR_LEADS
    return re.compile(literal_alternation(exact)), loose


@cache
def _state_bodies() -> tuple[re.Pattern[str], ...]:
    states = "(?i:" + gazetteer().state_pattern + "|M[ÉE]XICO)"
    qualifier = (
        r"(?:\s+(?P<this>(?i:del\s+estado|de\s+la\s+entidad|en\s+la\s+entidad))(?:\s+de\s+(?P<named>"
        + states
        + r"))?\b"
        + r"|\s+(?i:de)\s+(?:(?i:la)\s+)?(?P<state>"
        + states
        + r")\b"
        # "Secretaría de Salud del Gobierno de Oaxaca"
        + r"|\s+(?i:del\s+gobierno\s+(?:del\s+estado\s+)?de)\s+(?P<government>"
        + states
        + r")\b"
        # "Servicios de Salud Jalisco": the state's name, capitalized, without "de"
        + r"|\s+(?=[A-ZÁÉÍÓÚÑ])(?P<bare>"
        + states
        + r")\b"
        + r"|\s+(?P<rel>estatal)\b"
        + r"|\s+(?P<gent>"
        + _GENTILIC_WORD
        + r")\b)?"
    )
    return tuple(re.compile(pattern + qualifier) for _, pattern, _ in STATE_BODIES)


def state_key(surface: str) -> str | None:
    entry = gazetteer().entries.get(fold(surface))
    if entry and entry.places[0].is_state:
        return entry.places[0].state
    return None


def qualified_name(stem: str, state: str) -> str:
    name = state_name(state)
    if name.startswith("Estado de"):
        return f"{stem} del {name}"
    if name.startswith("Ciudad de"):
        return f"{stem} de la {name}"
    return f"{stem} de {name}"


def _body_hit(stem: str, bare_counts: bool, m: re.Match[str]) -> InstitutionHit | None:
    named, state, this, rel, gent = m.group("named", "state", "this", "rel", "gent")
    surface = (
        named
        or state
        or (m.group("government") if stem != "Gobierno" else None)
        or (m.group("bare") if stem != "Gobierno" else None)
    )
    if surface is not None:
        key = state_key(surface)
        if key is None and named:
            key = "15"  # "Gobierno del Estado de México"
        if key is not None:
            return InstitutionHit(m.start(), m.end(), qualified_name(stem, key), stem)
        if stem == "Gobierno":  # "Gobierno de México": the federal government
            return InstitutionHit(m.start(), m.end(), "Gobierno Federal", stem)
    if gent is not None and (key := state_of_gentilic(gent)) is not None:
        return InstitutionHit(m.start(), m.end(), qualified_name(stem, key), stem)
    if this is not None or rel is not None:
        return InstitutionHit(m.start(), m.end(), None, stem)
    if bare_counts:
        return InstitutionHit(
            m.start(), m.start() + len(m.group().split(" ")[0]) + len(" de Salud"), stem, stem
        )
    return None


def _table_match(text: str, pos: int) -> re.Match[str] | None:
    """The longest form of the table that matches at `pos`."""
    table = _table()
    loose = fold(text[pos : pos + 4])
    best = None
    for key in ((False, text[pos : pos + 3]), (False, text[pos : pos + 4]), (True, loose)):
        pattern = table.get(key)
        m = pattern.match(text, pos) if pattern is not None else None
        if m is not None and (best is None or m.end() > best.end()):
            best = m
    return best


def _canonical(match: re.Match[str]) -> str:
    return INSTITUTIONS[int((match.lastgroup or "i0_0")[1:].split("_")[0])][0]


_INSTITUTE = re.compile(r"[Ii]nstituto\b(?!\s+[A-ZÁÉÍÓÚÑ])")
_IMSS_NAMED = re.compile(r"\bIMSS\b|(?i:Seguro\s+Social)")


#: A governing body's owner followed by a state: the owner's body there, not its own.
_IN_A_STATE = re.compile(r"[^\S\n]+en[^\S\n]+(?:el[^\S\n]+estado[^\S\n]+de[^\S\n]+)?[A-ZÁÉÍÓÚÑ]")


def _governing_hit(text: str, pos: int) -> InstitutionHit | None:
    """'Consejo Técnico del Instituto Mexicano del Seguro Social' -> 'Consejo Técnico del IMSS'."""
    found = public_bodies.governing_body_at(text, pos)
    if found is None:
        return None
    body, of, after = found
    if of is not None:
        owner = _table_match(text, after)
        if owner is not None and _IN_A_STATE.match(text, owner.end()):
            return InstitutionHit(pos, pos, None)  # "Consejo Consultivo del IMSS en Nuevo León"
        if owner is not None:
            return InstitutionHit(pos, owner.end(), f"{body} {of} {_canonical(owner)}")
        named = public_bodies.body_at(text, after)
        if named is not None:
            return InstitutionHit(pos, named[0], f"{body} {of} {named[1]}")
    # Bare, or "del Instituto" (the IMSS); written in lower case only with its owner ("el
    # consejo técnico del instituto"). "Asamblea General de Asociados" is another's.
    the_institute = of == "del" and bool(_INSTITUTE.match(text, after))
    if (of is not None and not the_institute) or (text[pos].islower() and not the_institute):
        return InstitutionHit(pos, pos, None)
    if body in public_bodies.IMSS_BODIES and _IMSS_NAMED.search(text):
        end = pos + len(squash(body))  # the body's words, written on one line
        if fold(text[pos:end]) == fold(body):
            return InstitutionHit(pos, end, f"{body} del IMSS")
    return InstitutionHit(pos, pos, None)  # a body of no institution known: nothing


#: "la pasada 116 Asamblea General", "el XXVIII Consejo Seccional Ordinario", "la Décimo
#: Séptima Asamblea": a numbered meeting of a body, not the body. Courts keep their ordinal
#: ("Segundo Tribunal Colegiado"): it is part of their name.
_NUMBERED_MEETING = re.compile(
    r"(?:\b\d{1,3}(?:[ªº°a]|va|ma|ra|er|o)?\.?|\b[IVXLC]{1,8}|\b(?:[Pp]rimer|[Ss]egund|[Tt]ercer"
    r"|[Cc]uart|[Qq]uint|[Ss]ext|[Ss][ée]ptim|[Oo]ctav|[Nn]oven|[Dd][ée]cim|[Vv]ig[ée]sim"
    r"|[Tt]rig[ée]sim|[Cc]uadrag[ée]sim|[Qq]uincuag[ée]sim|[Cc]ent[ée]sim)[oa]?"
    r"(?:[^\S\n]+[A-Za-zé]+[oa])?)[^\S\n]+$"
)
_MEETING_HEADS = re.compile(r"(?:Asamblea|Consejo|Congreso|Convención)\b")


def _generic_hit(text: str, pos: int) -> InstitutionHit | None:
    """A governing body, else a body the grammar reads; a governing body of no institution
    ("Consejo Consultivo Delegacional") is neither, nor is a numbered meeting of a body."""
    if _MEETING_HEADS.match(text, pos) and _NUMBERED_MEETING.search(text, max(0, pos - 30), pos):
        return None
    if public_bodies.governing_words_at(text, pos):
        governing = _governing_hit(text, pos)
        return governing if governing is not None and governing.name is not None else None
    if not text[pos].isupper():
        return None
    found = public_bodies.body_at(text, pos)
    if found is None:
        return None
    end, name = found
    if _OF_THE_STATE.match(name):  # "Secretaría de Infraestructura ... del Estado": whose?
        return InstitutionHit(pos, end, None, name.removesuffix(" del Estado"))
    if name.startswith(("Tribunal", "Juzgado")) and (
        ordinal := public_bodies.COURT_ORDINAL.search(text, max(0, pos - 20), pos)
    ):
        return InstitutionHit(ordinal.start(), end, f"{squash(ordinal.group())} {name}")
    return _by_gloss(text, InstitutionHit(pos, end, name))


#: A state's own secretariat or prosecutor named with "del Estado": the bulletin's state.
_OF_THE_STATE = re.compile(r"(?:(?:Sub)?Secretaría|Fiscalía|Procuraduría)\b.* del Estado$")


def _known(text: str, gloss: tuple[int, int, str]) -> re.Match[str] | None:
    """The table institution an acronym in parentheses is, if it is one."""
    known = _table_match(text, gloss[0])
    return known if known is not None and known.end() == gloss[1] else None


def _by_gloss(text: str, hit: InstitutionHit) -> InstitutionHit:
    """A body glossed with a known acronym is that institution, however its long form is
    written: "Instituto Mexicano Social (IMSS)"."""
    gloss = public_bodies.acronym_after(text, hit.end, hit.name or "")
    known = _known(text, gloss) if gloss is not None else None
    return hit if known is None else InstitutionHit(hit.start, hit.end, _canonical(known))


def _acronym_hits(text: str, hits: list[InstitutionHit]) -> list[InstitutionHit]:
    """Acronyms glossed after a body's name ("Secretaría de Agricultura y Desarrollo Rural
    (Sader)", "Servicios de Salud de Oaxaca (SSO)") and their later mentions: that body. A
    state body whose state is not yet known teaches its stem; the state comes later."""
    taught: dict[str, InstitutionHit] = {}
    out: list[InstitutionHit] = []
    for hit in hits:
        gloss = public_bodies.acronym_after(text, hit.end, hit.name or hit.stem or "")
        if gloss is None or gloss[2] in taught or _known(text, gloss):
            continue  # "Consejo Técnico del Instituto ... (IMSS)": the IMSS is its own
        taught[gloss[2]] = hit
    for acronym, body in taught.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            out.append(InstitutionHit(m.start(), m.end(), body.name, body.stem))
    return out


def find_institutions(text: str, owners: bool = False) -> list[InstitutionHit]:
    """Institution mentions, longest first where they nest; unnamed state bodies get name=None.

    With `owners`, the institution a body read by the grammar belongs to is a mention too,
    inside it: "Consejo Consultivo de la CNDH" also names the CNDH, "Comisión de Seguridad
    Social del Senado de la República" the Senado (the hits then overlap)."""
    hits: list[InstitutionHit] = []
    generic: list[InstitutionHit] = []
    nested: list[InstitutionHit] = []  # "Secretaría de Salud del Gobierno de Oaxaca": its owner
    bodies = list(zip(STATE_BODIES, _state_bodies(), strict=True))
    exact_trigger, loose_leads = _triggers()
    starts = sorted(
        {m.start() for m in exact_trigger.finditer(text) if at_word_start(text, m.start())}
        | {pos for pos, lead in word_leads(text) if lead in loose_leads}
    )
    last_end = 0
    for pos in starts:
        if pos < last_end:
            continue
        best = _table_match(text, pos)
        if best is not None:
            hits.append(InstitutionHit(best.start(), best.end(), _canonical(best)))
            last_end = best.end()
        loose = fold(text[pos : pos + 4])
        state_body = False
        if loose in _BODY_LEADS:
            for (stem, _, bare_counts), pattern in bodies:
                m = pattern.match(text, pos)
                hit = _body_hit(stem, bare_counts, m) if m else None
                # a bare "Instituto de Salud" is no body of the grammar either; a bare
                # "Congreso" may open one ("Congreso Nacional de ...")
                state_body = state_body or hit is not None or bool(m and " " in m.group())
                if hit is not None:
                    hits.append(hit)
                    if owners and m is not None and (government := _government_in(stem, m)):
                        nested.append(government)
                    break
        if best is None and not state_body and loose in _GRAMMAR_LEADS:
            found = _generic_hit(text, pos)
            if found is not None:
                generic.append(found)
                last_end = found.end
    hits += generic
    hits += _acronym_hits(text, hits)
    if "Secretarías" in text:
        hits += _elided_hits(text)
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[InstitutionHit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    if owners:
        kept += [owner for hit in kept if hit in generic for owner in _owners(text, hit, starts)]
        kept += nested
        kept.sort(key=lambda h: (h.start, -(h.end - h.start)))
    return kept


_PLURAL = re.compile(r"\bSecretarías(?=\s+de\s)")
#: One member of "Secretarías de Marina y de la Defensa Nacional": "de" up to ", de" / "y de".
_MEMBER = re.compile(
    r"\s*(?:,\s*|\s+(?:y|e)\s+)?(de\s+[^,;.:\n()]+?)(?=\s*,\s*de\s|\s+(?:y|e)\s+de\s|[,;.:\n()]|$)"
)


def _elided_hits(text: str) -> list[InstitutionHit]:
    """Bodies named in one plural, their head written once: "las Secretarías de Marina y de la
    Defensa Nacional" are the Semar and the Sedena (each a table institution, else nothing)."""
    out: list[InstitutionHit] = []
    for plural in _PLURAL.finditer(text):
        pos = plural.end()
        first = True
        while (member := _MEMBER.match(text, pos)) is not None:
            written = "Secretaría " + squash(member.group(1))
            known = _table_match(written, 0)
            if known is not None and known.end() == len(written):
                start = plural.start() if first else member.start(1)
                out.append(InstitutionHit(start, member.end(1), _canonical(known)))
            first, pos = False, member.end()
    return out


def _government_in(stem: str, m: re.Match[str]) -> InstitutionHit | None:
    """The state government a state body's name says it belongs to: "Secretaría de Salud del
    Gobierno de Oaxaca" also names the Gobierno de Oaxaca."""
    surface = m.group("government")
    key = state_key(surface) if surface and stem != "Gobierno" else None
    if key is None:
        return None
    start = m.start() + fold(m.group()).find("gobierno")
    return InstitutionHit(start, m.end(), qualified_name("Gobierno", key), "Gobierno")


_OF = re.compile(r"(?:\bdel|\bde\s+la|\bde)\s+$")


def _owners(text: str, hit: InstitutionHit, starts: list[int]) -> list[InstitutionHit]:
    """Table institutions named after "de"/"del" inside a body's name."""
    out: list[InstitutionHit] = []
    first = bisect_left(starts, hit.start + 1)
    for pos in starts[first:]:
        if pos >= hit.end:
            break
        if out and pos < out[-1].end:
            continue
        if _OF.search(text[max(hit.start, pos - 7) : pos]) is None:
            continue
        owner = _table_match(text, pos)
        if owner is not None and owner.end() <= hit.end:
            out.append(InstitutionHit(owner.start(), owner.end(), _canonical(owner)))
    return out


def resolve_state_bodies(hits: list[InstitutionHit], home: str | None) -> list[InstitutionHit]:
    """Give 'Secretaría de Salud estatal' the bulletin's state, or call it '<body> estatal'."""
    out: list[InstitutionHit] = []
    for hit in hits:
        if hit.name is not None:
            out.append(hit)
            continue
        stem = hit.stem or "Gobierno"
        name = qualified_name(stem, home) if home else f"{stem} estatal"
        out.append(InstitutionHit(hit.start, hit.end, name, stem))
    return out
