"""Officials: people's names tied to a role or a title, and their later short mentions.

A run of capitalized words is a person only with a cue:
- a role before it, with or without comma ("el Director General del IMSS, José Antonio
  González Anaya", "el presidente Andrés Manuel López Obrador", "la titular del programa
  IMSS-Oportunidades Frinne Azuara Yarzabal");
- a role after it, after a comma ("Bertha Alcalde Luján, directora general del Issste");
- a title before it ("el general Jens Pedro Lohmann Iturburu", "la maestra ...", "Dr. ...");
- a speech verb after it ("Gabino Cué Monteagudo dijo");
- or it repeats a name already found ("González Anaya dijo", "El Gobernador Velasco Coello").
Titles are not part of the name. The role is kept as written, without its leading article,
from the role word to the comma ("Gobernador del estado de Chihuahua", "subsecretaria de la
Secretaría de la Función Pública (SFP)"); a bare title before the name gives a bare role
("Presidente"). A role with no name ("el titular del IMSS") is not a person.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache, lru_cache

from core.entities.gazetteer import gazetteer
from core.entities.text import SP, SpanSet, fold, squash, word_leads

_NW = r"(?<![\w\-‐])[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:[-‐][A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"
_INITIAL = r"[A-ZÁÉÍÓÚÑ]\."
NAME_RUN = re.compile(
    rf"{_NW}(?:{SP}(?:(?:de{SP}la|de{SP}los|de{SP}las|del|de){SP})?(?:{_NW}|{_INITIAL}(?={SP}[A-Z])))*"
)

#: Role words, longest first (accent-sensitive: "secretaria" is a person, "Secretaría" a body).
ROLE_HEADS = (
    "director general adjunto",
    "directora general adjunta",
    "director general",
    "directora general",
    "directores generales",
    "subdirector general",
    "subdirectora general",
    "secretario general",
    "secretaria general",
    "secretario técnico",
    "secretaria técnica",
    "secretario ejecutivo",
    "secretaria ejecutiva",
    "presidente municipal",
    "presidenta municipal",
    "presidente de la república",
    "presidenta de la república",
    "jefe de gobierno",
    "jefa de gobierno",
    "oficial mayor",
    "encargado de despacho",
    "encargada de despacho",
    "titular",
    "director",
    "directora",
    "subdirector",
    "subdirectora",
    "gobernador",
    "gobernadora",
    "presidente",
    "presidenta",
    "vicepresidente",
    "vicepresidenta",
    "secretario",
    "secretaria",
    "subsecretario",
    "subsecretaria",
    "delegado",
    "delegada",
    "coordinador",
    "coordinadora",
    "comisionado",
    "comisionada",
    "representante",
    "jefe",
    "jefa",
    "senador",
    "senadora",
    "diputado",
    "diputada",
    "alcalde",
    "alcaldesa",
    "presidente del consejo",
    "rector",
    "rectora",
    "embajador",
    "embajadora",
    "consejero",
    "consejera",
    "procurador",
    "procuradora",
    "fiscal",
    "administrador",
    "administradora",
    "gerente",
    "vocal",
    "tesorero",
    "tesorera",
    "contralor",
    "contralora",
    "líder",
    "dirigente",
    "mandatario",
    "mandataria",
    "edil",
    "canciller",
    "ministro",
    "ministra",
    "magistrado",
    "magistrada",
    "supervisor",
    "supervisora",
    "jefe de servicio",
)

#: Titles that precede a name and are not part of it.
HONORIFICS = (
    "general",
    "maestro",
    "maestra",
    "mtro.",
    "mtra.",
    "doctor",
    "doctora",
    "dr.",
    "dra.",
    "licenciado",
    "licenciada",
    "lic.",
    "ingeniero",
    "ingeniera",
    "ing.",
    "contador",
    "contadora",
    "c.p.",
    "arquitecto",
    "arquitecta",
    "arq.",
    "almirante",
    "coronel",
    "capitán",
    "capitana",
    "teniente",
    "profesor",
    "profesora",
    "prof.",
    "profa.",
    "químico",
    "química",
    "enfermera",
    "enfermero",
    "señor",
    "señora",
    "sr.",
    "sra.",
    "don",
    "doña",
    "abogado",
    "abogada",
    "actuario",
    "actuaria",
    "economista",
    "sociólogo",
    "socióloga",
    "antropólogo",
    "antropóloga",
    "psicólogo",
    "psicóloga",
    "biólogo",
    "bióloga",
    "médico",
    "médica",
    "gral.",
    "almte.",
    "secretaria",
    "secretario",
)

SPEECH_VERBS = (
    "dijo",
    "señaló",
    "afirmó",
    "explicó",
    "destacó",
    "indicó",
    "informó",
    "aseguró",
    "subrayó",
    "enfatizó",
    "agregó",
    "comentó",
    "expresó",
    "mencionó",
    "precisó",
    "refirió",
    "resaltó",
    "manifestó",
    "sostuvo",
    "declaró",
    "reconoció",
    "apuntó",
    "advirtió",
    "detalló",
    "añadió",
    "puntualizó",
    "sostuvo",
    "aseveró",
    "anunció",
    "reiteró",
    "recordó",
    "externó",
    "planteó",
    "consideró",
    "celebró",
    "agradeció",
    "expuso",
    "abundó",
)

#: Capitalized words that never belong to a person's name in bulletins.
NON_NAME = frozenset(
    fold(w)
    for w in [
        "Instituto",
        "Mexicano",
        "Seguro",
        "Social",
        "Secretaría",
        "Salud",
        "Gobierno",
        "Estado",
        "República",
        "Nacional",
        "Federal",
        "Programa",
        "Hospital",
        "Unidad",
        "Unidades",
        "Centro",
        "Médico",
        "Médica",
        "Convenio",
        "Convenios",
        "Específico",
        "Casa",
        "Popular",
        "Sistema",
        "Consejo",
        "Comisión",
        "Dirección",
        "Coordinación",
        "Delegación",
        "Municipio",
        "Ciudad",
        "Junta",
        "Sindicato",
        "Bienestar",
        "Servicios",
        "Régimen",
        "Estatal",
        "Protección",
        "Palacio",
        "Salón",
        "Reunión",
        "Conferencia",
        "Foro",
        "Premio",
        "Plan",
        "Ley",
        "Reforma",
        "Cámara",
        "Senado",
        "Congreso",
        "Universidad",
        "Escuela",
        "Facultad",
        "Asociación",
        "Fundación",
        "Organización",
        "Oficina",
        "Diario",
        "Oficial",
        "Federación",
        "Interinstitucional",
        "Coordinación",
        "Colaboración",
        "Acuerdo",
        "Intercambio",
        "Prestación",
        "Firma",
        "Modelo",
        "Atención",
        "Régimen",
        "Ordinario",
        "Obligatorio",
        "Técnico",
        "Asamblea",
        "General",
        "Informe",
        "Jornada",
        "Jornadas",
        "Campaña",
        "Semana",
        "Día",
        "Mes",
        "Año",
        "Lunes",
        "Martes",
        "Miércoles",
        "Jueves",
        "Viernes",
        "Sábado",
        "Domingo",
        "Enero",
        "Febrero",
        "Marzo",
        "Abril",
        "Mayo",
        "Junio",
        "Julio",
        "Agosto",
        "Septiembre",
        "Octubre",
        "Noviembre",
        "Diciembre",
        "Norte",
        "Sur",
        "Oriente",
        "Poniente",
        "Centro",
        "Occidente",
        "Noreste",
        "Noroeste",
        "Sureste",
        "Suroeste",
        "Valle",
        "Sierra",
        "Golfo",
        "Pacífico",
        "Mundial",
        "Internacional",
        "Interamericana",
        "Panamericana",
        "Laboratorios",
        "Biológicos",
        "Reactivos",
        "Órgano",
        "Público",
        "Descentralizado",
        "Secretarías",
        "Institutos",
        "Hospitales",
        "Clínica",
        "Clínicas",
        "Comité",
        "Subsecretaría",
        "Administración",
        "Finanzas",
        "Prestaciones",
        "Económicas",
        "Sociales",
        "Servicio",
        "Hemodinamia",
        "Hemodiálisis",
        "Radioterapia",
        "Urgencias",
        "Consulta",
        "Externa",
        "Sector",
        "Abasto",
        "Distribución",
        "Infraestructura",
        "Federalización",
        "Gracias",
        "Mediante",
        "Durante",
        "Estos",
        "Estas",
        "Este",
        "Esta",
        "Ese",
        "Esa",
        "Con",
        "Por",
        "Para",
        "Los",
        "Las",
        "Del",
        "Al",
        "En",
        "El",
        "La",
        "Como",
        "Entre",
        "Tras",
        "Ante",
        "Según",
        "Además",
        "Asimismo",
        "También",
        "Finalmente",
        "Posteriormente",
        "Igualmente",
        "Dos",
        "Tres",
        "Cuatro",
        "Boletín",
        "Comunicado",
        "Prensa",
        "Conjunto",
        "Link",
        "Fotos",
        "Presidente",
        "Gobernador",
        "Director",
        "Directora",
        "Gobernadora",
        "Titular",
        "Delegado",
        "Delegada",
        "Secretario",
        "Secretaria",
        "Subsecretaria",
        "Subsecretario",
        "Coordinador",
        "Coordinadora",
        "Jefe",
        "Jefa",
        "Doctor",
        "Doctora",
        "Licenciado",
        "Licenciada",
        "Maestro",
        "Maestra",
        "Ingeniero",
        "Ingeniera",
        "Mexicanos",
        "Mexicanas",
        "Derechohabientes",
        "Gobiernos",
        "Naciones",
        "Unidas",
        "Unidos",
        "Banco",
        "Partido",
        "Movimiento",
        "Alianza",
        "Frente",
        "Grupo",
        "Coalición",
        "Iniciativa",
        "Cruz",
        "Roja",
        "Fiscalía",
        "Tribunal",
        "Suprema",
        "Corte",
        "Guardia",
        "Ejército",
        "Armada",
        "Educación",
        "Pública",
        "Prestaciones",
        "Médicas",
        "Jurídico",
        "Jurídica",
        "Innovación",
        "Planeación",
        "Vinculación",
        "Comunicación",
        "Operación",
        "Desarrollo",
        "Integral",
        "Familia",
        "Trabajo",
        "Previsión",
        "Economía",
        "Hacienda",
        "Crédito",
        "Defensa",
        "Marina",
        "Gobernación",
        "Energía",
        "Turismo",
        "Cultura",
        "Ambiente",
        "Agricultura",
        "Ciudadana",
        "Derechos",
        "Humanos",
        "Mujeres",
        "Juventud",
        "Evaluación",
        "Calidad",
        "Personal",
        "Recursos",
        "Materiales",
        "Adquisiciones",
        "Obras",
        "Proyectos",
        "Especiales",
        "Incorporación",
        "Recaudación",
        "Afiliación",
        "Pensiones",
        "Guarderías",
        "Enfermería",
        "Investigación",
        "Epidemiología",
        "Vigilancia",
        "Control",
        "Riesgos",
        "Sanitarios",
        "Sur",
        "Oportunidades",
        "Prospera",
        "Covid",
        "Influenza",
        "Virus",
        "Cáncer",
        "Diabetes",
        "Hepatitis",
    ]
)

#: Leading words stripped from a run before the name starts (articles, roles, titles, openers).
_STRIP = (
    frozenset(
        fold(w)
        for w in [
            "El",
            "La",
            "Los",
            "Las",
            "Al",
            "Del",
            "Ante",
            "Con",
            "Por",
            "Para",
            "En",
            "Según",
            "Tras",
            "Durante",
            "Como",
            "Además",
            "Asimismo",
            "También",
            "Señor",
            "Señora",
            "Don",
            "Doña",
            "Adjunto",
            "Adjunta",
            "General",
            "Municipal",
            "Constitucional",
        ]
    )
    | frozenset(fold(w) for head in ROLE_HEADS for w in head.split() if len(w) > 3)
    | frozenset(fold(h.rstrip(".")) for h in HONORIFICS)
)


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_ROLE_HEAD_RE = re.compile(rf"(?<![\w])(?i:{_alternation(ROLE_HEADS)})(?![\w])")
#: "No. 21", "Núm. 3": the one dot a role's complement may hold ("director del HGZ No. 21").
_NUMBER_ABBREVIATION = r"(?<=\s)(?:No|N[úu]m|Nro)\.(?=\s*\d)"
#: The complement of a role: up to the comma, across parenthesized acronyms, not across "y el".
_COMPLEMENT = (
    r"(?:(?!\s(?:y|e|o)\s+(?:el|la|los|las|al|sus?)\s+[a-záéíóúñ])(?!\s(?:quien|que|quienes)\s)"
    r"[^,;.:\n“”\"()]"
    rf"|{_NUMBER_ABBREVIATION}"
    r"|\([^()\n]{1,80}\))*?"
)
#: Spanish puts no bare article before a person's name ("en el Primer Nivel", "la Salud"),
#: and "en" introduces a place ("Desconcentrada en San Luis Potosí").
_NOT_BEFORE_A_NAME = frozenset(("el", "la", "los", "las", "del", "al", "un", "una", "en"))
#: Role then name: after a comma, or directly ("el presidente Andrés..."), but never right
#: after a particle or article ("secretario de Educación Pública" names an office).
_ROLE_TO_NAME = re.compile(
    rf"(?:(?P<c1>{_COMPLEMENT})\s*,(?:\s*(?i:{_alternation(HONORIFICS)}))?"
    rf"|(?:(?P<c2>{_COMPLEMENT})(?<=\S)"
    + "".join(rf"(?<!\s{word})" for word in sorted(_NOT_BEFORE_A_NAME | {"de", "y", "e"}))
    + r")?)\s*$"
)
#: A role's complement after the name: up to the comma, not across "y" + a capital (a
#: second person), except inside a body's name (see `_right_role`).
_RIGHT_COMPLEMENT = (
    rf"(?:{_NUMBER_ABBREVIATION}|(?!\s(?:y|e)\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ])[^,;.:\n“”\"()]"
    rf"|\([^()\n]{{1,80}}\))*"
)
_RIGHT_ROLE = re.compile(
    rf"\s*,\s*(?:(?:el|la|los|las)\s+)?(?P<role>(?i:{_alternation(ROLE_HEADS)})(?![\w])"
    rf"{_RIGHT_COMPLEMENT})"
)
_RIGHT_TAIL = re.compile(_RIGHT_COMPLEMENT)
#: Capitalized words after "y" up to a delimiter, which may continue an office's name.
_ROLE_CONTINUES = re.compile(
    r"\s+(?:y|e)\s+(?:[A-ZÁÉÍÓÚÑ][\w-]*(?:\s+(?:de|del|la|las|los|en|el)(?=\s))?\s*)+(?=[,;:.)]|$)"
)
_ROLE_LEADS = frozenset(fold(head[:3]) for head in ROLE_HEADS)
_SPEECH_AFTER = re.compile(rf"\s*,?\s*(?:{_alternation(SPEECH_VERBS)})\b")
_ROLE_WINDOW = 240


@dataclass(slots=True)
class OfficialHit:
    start: int
    end: int
    name: str
    role: str | None = None
    cued: bool = True


@dataclass(slots=True)
class _Run:
    start: int
    end: int
    words: list[tuple[int, int, str]] = field(default_factory=list)
    prefix: str = ""  # stripped leading role/title words, as written


_TOKEN = re.compile(r"\S+")
_PARTICLES = frozenset(("de", "del", "la", "los", "las"))
_LEADING: dict[str, bool] = {}  # token -> stripped before a name? (tokens repeat a lot)


def _leading(token: str) -> bool:
    hit = _LEADING.get(token)
    if hit is None:
        if len(_LEADING) > 50_000:
            _LEADING.clear()
        hit = _LEADING[token] = (
            fold(token.rstrip(".")) in _STRIP or token in _PARTICLES or _is_preterite(token)
        )
    return hit


def _is_preterite(token: str) -> bool:
    """A sentence opening with a verb ("Asistieron Macarena Molina", "Inauguró Zoé Robledo"):
    Spanish preterites end in -ron or -ó, given names and surnames (Aarón, Calderón) do not."""
    word = token.rstrip(".,;:")
    return len(word) > 4 and (word.endswith("ron") or word.endswith("ó"))


def _runs(text: str) -> list[_Run]:
    runs: list[_Run] = []
    for match in NAME_RUN.finditer(text):
        toks = [
            (m.start(), m.end(), m.group())
            for m in _TOKEN.finditer(text, match.start(), match.end())
        ]
        i = 0
        while i < len(toks) and _leading(toks[i][2]):
            i += 1
        # a role followed by its complement ("Director General del IMSS") is not a name
        if 0 < i < len(toks) and toks[i - 1][2] in _PARTICLES:
            continue
        rest = toks[i:]
        while rest and rest[-1][2] in _PARTICLES:
            rest.pop()
        if not rest:
            continue
        prefix = " ".join(t[2] for t in toks[:i])
        runs.append(_Run(rest[0][0], rest[-1][1], rest, prefix))
    return runs


def _name_words(run: _Run) -> list[str]:
    return [w for _, _, w in run.words if w not in ("de", "del", "la", "los", "las")]


def _plausible(run: _Run) -> bool:
    names = _name_words(run)
    return 2 <= len(names) <= 6 and not any(fold(w) in NON_NAME for w in names)


@lru_cache(maxsize=4)
def _role_heads(text: str) -> tuple[tuple[int, int], ...]:
    """Every role word in the text ("director general", "gobernadora"...), found once."""
    found = []
    for pos, lead in word_leads(text):
        if lead[:3] not in _ROLE_LEADS:
            continue
        match = _ROLE_HEAD_RE.match(text, pos)
        if match is not None:
            found.append((match.start(), match.end()))
    return tuple(found)


_BARE_BREAKS = (";", ":", "“", "”", '"')
_NUMBER_DOTS = re.compile(_NUMBER_ABBREVIATION)


def _cannot_reach(gap: str) -> bool:
    """True when `_ROLE_TO_NAME` surely fails on `gap` (role word to name), without running it.

    Most role words before a name belong to an earlier sentence; the full pattern costs ~10 µs
    each, this check a fraction. It only decides gaps without parentheses, where a role's
    complement holds no break, at most one comma, and a dot or a line break only after it.
    """
    if "(" in gap:
        return False
    if gap.count(",") > 1 or any(ch in gap for ch in _BARE_BREAKS):
        return True
    before_comma = gap.partition(",")[0]
    if "." in before_comma and "." in _NUMBER_DOTS.sub("", before_comma):
        return True
    newline = before_comma.find("\n")
    return newline >= 0 and not before_comma[newline:].isspace()


def _left_role(text: str, start: int) -> str | None:
    """The role written right before a name ("el Gobernador de la entidad, ")."""
    lo = max(0, start - _ROLE_WINDOW)
    heads = _role_heads(text)
    first = bisect_left(heads, (lo, 0))
    last = bisect_left(heads, (start, 0))
    for head_start, head_end in reversed(heads[first:last]):
        if head_end > start or _cannot_reach(text[head_end:start]):
            continue
        tail = _ROLE_TO_NAME.fullmatch(text, head_end, start)
        if tail:
            complement = tail.group("c1") or tail.group("c2") or ""
            return squash(text[head_start:head_end] + complement).rstrip(" ,") or None
    return None


def _article_before(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start].split()
    return bool(before) and before[-1].lower() in _NOT_BEFORE_A_NAME


def _in_role_complement(text: str, run: _Run, previous: _Run | None) -> bool:
    """Capitalized words that complete a role are not a person, even before "señaló":
    "presidenta municipal de Mixquiahuala de Juárez", "coordinador de Información y Análisis
    Estratégico" (after "y" only when the words before it are no name themselves)."""
    before = text[max(0, run.start - 5) : run.start].split()
    joiner = before[-1].lower() if before else ""
    if joiner in ("y", "e"):
        if previous is None or _plausible(previous) or _RIGHT_ROLE.match(text, run.end):
            return False  # "director de Finanzas y Zoé Robledo, directora de ...": a person
        if text[previous.end : run.start].strip() != joiner:
            return False
    elif joiner not in ("de", "del"):
        return False
    heads = _role_heads(text)
    last = bisect_left(heads, (run.start, 0))
    if last == 0:
        return False
    _, head_end = heads[last - 1]
    gap = _NUMBER_DOTS.sub("", text[head_end : run.start])
    return run.start - head_end < _ROLE_WINDOW and not any(c in gap for c in ",;.:\n()")


def _honorific_before(text: str, start: int) -> bool:
    """'el general Jens...', 'la maestra Thalía...', 'Dr. Víctor...'."""
    before = text[max(0, start - 24) : start].split()
    return bool(before) and fold(before[-1].rstrip(".")) in _honorific_words()


def _right_role(text: str, end: int, bodies: SpanSet | None = None) -> str | None:
    match = _RIGHT_ROLE.match(text, end)
    if match is None:
        return None
    role_end = match.end("role")
    # "directora general del Instituto de Seguridad y Servicios Sociales de los Trabajadores
    # del Estado (ISSSTE)": a "y" inside an institution's or unit's name does not end the role.
    while bodies is not None and (body_end := bodies.end_over(role_end)) is not None:
        role_end = _RIGHT_TAIL.match(text, body_end).end()
    more = _ROLE_CONTINUES.match(text, role_end)
    # "coordinador de Información y Análisis Estratégico, subrayó": the office goes on after
    # "y"; "director de Finanzas y Zoé Robledo, directora de ...": a second person begins.
    if more is not None and not _RIGHT_ROLE.match(text, more.end()):
        role_end = more.end()
    return squash(text[match.start("role") : role_end]).rstrip(" ,")


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def find_officials(text: str, blocked: list[tuple[int, int]]) -> list[OfficialHit]:
    """People with a cue, then every later mention of a name found, linked to its full form."""
    taken = SpanSet(blocked)
    runs = [r for r in _runs(text) if not taken.overlaps(r.start, r.end)]
    hits: list[OfficialHit] = []
    rest: list[_Run] = []
    previous: _Run | None = None
    for run in runs:
        before, previous = previous, run
        if (
            not _plausible(run)
            or (not run.prefix and _article_before(text, run.start))
            or _in_role_complement(text, run, before)
        ):
            rest.append(run)
            continue
        inline = (
            squash(
                run.prefix.split(" ", 1)[1]
                if run.prefix[:3].lower() in ("el ", "la ")
                else run.prefix
            )
            if run.prefix
            else ""
        )
        role = _left_role(text, run.start) if not inline else None
        if role is None:
            role = _right_role(text, run.end, taken)
        if role is None and inline and fold(inline.split()[0]) in _role_words():
            role = inline
        honorific = _honorific_before(text, run.start)
        honorific = honorific or bool(inline and fold(inline.split()[-1]) in _honorific_words())
        speech = bool(_SPEECH_AFTER.match(text, run.end))
        name = squash(text[run.start : run.end])
        if role or honorific or speech:
            hits.append(OfficialHit(run.start, run.end, name, role))
        else:
            rest.append(run)
    _link_known(text, hits, rest)
    _canonicalize(hits)
    hits.sort(key=lambda h: h.start)
    return hits


@cache
def _role_words() -> frozenset[str]:
    return frozenset(fold(h.split()[0]) for h in ROLE_HEADS)


@cache
def _honorific_words() -> frozenset[str]:
    return frozenset(fold(h.rstrip(".")) for h in HONORIFICS)


def _link_known(text: str, hits: list[OfficialHit], rest: list[_Run]) -> None:
    """Later mentions of a found name: full, surnames only, or first name + first surname."""
    known = [(fold(name).split(), name) for name in dict.fromkeys(h.name for h in hits)]
    if not known:
        return
    # surnames (every word but the first) per name: the cheap test runs first
    tests = [(parts, full, frozenset(parts[1:])) for parts, full in known]
    for run in rest:
        words = [fold(w) for w in _name_words(run)]
        if not words or any(w in NON_NAME for w in words):
            continue
        if len(words) == 1 and words[0] in gazetteer().entries:
            continue  # "Puebla" is the state even when an official is named "... Puebla ..."
        last = words[-1]
        matches = {
            full
            for parts, full, surnames in tests
            if last in surnames
            and (len(words) >= 2 or words[0] in parts[-2:])
            and _is_subsequence(words, parts)
        }
        if len(matches) != 1:
            continue
        full = matches.pop()
        inline = run.prefix
        if inline[:3].lower() in ("el ", "la "):
            inline = inline[3:]
        role = squash(inline) if inline and fold(inline.split()[0]) in _role_words() else None
        hits.append(OfficialHit(run.start, run.end, full, role, cued=False))


def _canonicalize(hits: list[OfficialHit]) -> None:
    """Give every mention the longest name it is a part of ("Zoé Robledo" -> "... Aburto").

    A surnames-only name with no role that starts with a known person's last surname is that
    person too ("Zoé Robledo" ... "Robledo Aburto señaló").
    """
    names = sorted({h.name for h in hits}, key=lambda n: (-len(n.split()), n))  # stable ties
    folded = [(fold(candidate).split(), candidate) for candidate in names]
    for hit in hits:
        mine = fold(hit.name).split()
        for parts, candidate in folded:
            if len(parts) > len(mine) and _is_subsequence(mine, parts) and mine[-1] in parts[1:]:
                hit.name = candidate
                break
    full = [(fold(name).split(), name) for name in dict.fromkeys(h.name for h in hits if h.role)]
    for hit in hits:
        if hit.role:
            continue
        mine = fold(hit.name).split()
        owners = {name for parts, name in full if len(mine) == 2 and mine[0] == parts[-1]}
        if len(owners) == 1:
            hit.name = owners.pop()
