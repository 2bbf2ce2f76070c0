"""Public bodies the fixed table does not list, read from the grammar of their names.

Mexican public bodies are named by a head noun and a proper complement: "Secretaría de
Agricultura y Desarrollo Rural", "Comisión Nacional para el Desarrollo de los Pueblos
Indígenas", "Instituto Nacional para el Federalismo y el Desarrollo Municipal", "Sindicato
Nacional de Trabajadores de la Educación", "Universidad Autónoma de Nuevo León", "Ayuntamiento
de Apodaca". `HEADS` lists the head nouns; the name runs over capitalized words and the
particles officialese puts between them (de, del, de la, para el, contra, y...; not "a", "en",
"con": "la Federación de Chiapas a México" is an event), ends on a capitalized word, and stops
before "y" that opens another body or a person's role ("la Secretaría de Economía y el
Gobernador"). Line breaks end a name.

A commission or committee with neither scope ("Nacional", "Estatal", "para ...") nor an owner
in its name ("la Comisión de Vigilancia", "la Comisión Revisora") is internal to some body the
phrase leaves unsaid: no body (`internal_committee`).

Governing bodies belong to an institution: "H. Consejo Técnico del Instituto Mexicano del
Seguro Social" is "Consejo Técnico del IMSS"; written bare ("el Consejo Técnico") in a bulletin
that names the IMSS, it is the IMSS's own.

A name followed by "(ACRONYM)" teaches the acronym: its later mentions ("el INAFED") are the
same body (`acronym_after`); the acronym also closes a name listed with commas ("Secretaría de
Agricultura, Ganadería, Desarrollo Rural, Pesca y Alimentación (Sagarpa)"), which a comma
otherwise ends. Legislatures are state bodies ("Congreso del Estado", in
`institutions.STATE_BODIES`), not heads here: "Congreso Nacional de Medicina" is an event.
"""

from __future__ import annotations

import re
from functools import cache

from core.entities.officials import ROLE_HEADS
from core.entities.text import fold, squash

#: Head nouns of public bodies (capitalized, accents as written: "la secretaría" in running
#: text is a noun, "la Secretaria de Gobernación" a person) and what must follow the head:
#: "de" (a complement: "Secretaría de Energía", not the internal "Secretaría General"),
#: "name" (an adjective or a complement, never "en"/"a": "el Instituto en Michoacán" is the
#: IMSS), or a regex of adjectives ("Comité Nacional de ...", not a hospital's citizen
#: committee).
HEADS: tuple[tuple[str, str], ...] = (
    ("Secretaría", "de"),
    ("Subsecretaría", "de"),
    ("Procuraduría", "name"),
    ("Comisión", "name"),
    ("Instituto", "name"),
    ("Sindicato", "name"),
    ("Confederación", "name"),
    ("Cámara", "name"),
    ("Universidad", "name"),
    ("Consejo", "name"),
    ("Fiscalía", "name"),
    ("Tribunal", "name"),
    ("Juzgado", "name"),
    # not a unit ("Centro de Salud", "Centro Médico"): a research or teaching centre
    ("Centro", r"(?:Nacional|de\s+(?:Posgrados?|Investigaci[óo]n|Ense[ñn]anza))\b"),
    ("Suprema Corte", "de"),
    ("Junta", r"(?:Federal|Local|Especial|Nacional|Estatal)\b"),
    ("Movimiento", r"Nacional(?=[^\S\n]+(?:de|del|para|en[^\S\n]+Defensa)\b)"),
    ("Ayuntamiento", r"(?:(?:Municipal|Constitucional)[^\S\n]+)?de\b"),
    ("Colegio", "name"),
    ("Fundación", "name"),
    ("Servicio", r"Nacional\b"),
    ("Comité", r"(?:Nacional|Estatal|Federal|Interinstitucional|Ejecutivo|Mexicano)\b"),
)
#: Governing bodies of an institution (they take its name: "Consejo Técnico del IMSS").
GOVERNING_BODIES: tuple[str, ...] = (
    "Consejo Técnico",
    "Consejo Consultivo",
    "Consejo de Administración",
    "Junta Directiva",
    "Junta de Gobierno",
    "Asamblea General",
    "Comité Técnico",
    "Comité Ejecutivo Nacional",
)
#: Governing bodies that, written bare in an IMSS bulletin, are the IMSS's own.
IMSS_BODIES = frozenset({"Consejo Técnico", "Asamblea General"})

_UPPER = "A-ZÁÉÍÓÚÑ"
_LOWER = "a-záéíóúñü"
_SP = r"[^\S\n]+"
#: Particles inside a body's name.
_PARTICLE = (
    r"(?:de(?:[^\S\n]+(?:la|los|las))?|del|para(?:[^\S\n]+(?:el|la|los|las))?|contra|sobre"
    r"|y(?:[^\S\n]+(?:el|la|los|las))?|e|en(?=[^\S\n]+(?:Defensa|Materias?)\b))"
)


def _accent_tolerant(word: str) -> str:
    plain = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"}
    return "".join(f"[{ch}{plain[ch]}]" if ch in plain else re.escape(ch) for ch in word)


@cache
def _stop_words() -> str:
    """Capitalized words that open something else: another body, a role ("y el Gobernador")."""
    roles = {head.split()[0] for head in ROLE_HEADS}
    heads = {head for head, _ in HEADS}
    stops = sorted({*heads, *(r[:1].upper() + r[1:] for r in roles)}, key=len, reverse=True)
    return "|".join(_accent_tolerant(w) for w in stops)


#: Capitalized function words (a sentence or a title goes on after the name).
_FUNCTION_WORDS = (
    "El|La|Los|Las|Lo|Un|Una|En|Con|Por|Para|Del|Al|De|Y|A|Este|Esta|Estos|Estas|Ese|Esa"
    "|Durante|Tras|Ante|Según|Asimismo|Además|También|Sin|Que|Se"
)


@cache
def _name_pattern() -> re.Pattern[str]:
    word = (
        rf"(?!(?:{_FUNCTION_WORDS})\b)(?:[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
        rf"|[{_UPPER}]{{2,}})(?![\w-])"
    )
    # not another body or a role after "y": "... Pueblos Indígenas y el IMSS", "y el Gobernador"
    after_y = rf"(?!(?:{_stop_words()})\b|[{_UPPER}]{{2,}}\b)"
    # a place's own article after "de": "Ayuntamiento de Los Cabos", "Universidad La Salle"
    article = rf"(?:(?:La|Las|Los|El){_SP})?"
    step = (
        rf"(?:{_SP}(?:(?:y|e)(?:{_SP}(?:el|la|los|las))?{_SP}{after_y}"
        rf"|(?!(?:y|e){_SP}){_PARTICLE}{_SP}{article}|{article})(?:{word}))"
    )
    first = {
        "de": rf"{_SP}(?:de(?:{_SP}(?:la|los|las))?|del){_SP}{article}{word}",
        "name": rf"{_SP}(?:(?:de(?:{_SP}(?:la|los|las))?|del|para(?:{_SP}(?:el|la|los|las))?)"
        rf"{_SP})?{article}{word}",
    }
    heads = "|".join(rf"{re.escape(head)}(?={first.get(rule, _SP + rule)})" for head, rule in HEADS)
    # "Instituto de Seguridad Social del estado de Tabasco": "estado" in lower case, then its name
    state = rf"{_SP}del{_SP}estado{_SP}de{_SP}{word}"
    return re.compile(rf"(?P<head>{heads})(?P<tail>(?:{step}|{state})+)")


@cache
def _listed_name_pattern() -> re.Pattern[str]:
    """A name whose words are listed with commas ("Secretaría de Agricultura, Ganadería,
    Desarrollo Rural, Pesca y Alimentación"): taken only when an acronym in parentheses
    closes it, which says where the name ends."""
    item = rf",{_SP}(?:(?:y|e){_SP})?[{_UPPER}][{_LOWER}]+"
    return re.compile(
        rf"(?:{item}(?:{_SP}(?:(?:y|e|de|del){_SP})?[{_UPPER}][{_LOWER}]+)*)+(?=\s*\()"
    )


@cache
def _governing_pattern() -> re.Pattern[str]:
    bodies = "|".join(
        _SP.join(_accent_tolerant(w) for w in b.split())
        for b in sorted(GOVERNING_BODIES, key=len, reverse=True)
    )
    return re.compile(rf"(?i:(?P<body>{bodies}))\b(?:{_SP}(?P<of>del|de{_SP}la|de){_SP})?")


#: A commission or committee of a whole country, state or sector ("Comisión Nacional de ...",
#: "Comisión para el Desarrollo de los Pueblos Indígenas", "Comité Estatal de ...").
_SCOPED = re.compile(
    r"(?:Comisión|Comité)[^\S\n]+(?:para\b|(?:Nacional|Federal|Estatal|Municipal|Interamericana"
    r"|Internacional|Mexicana|Mexicano|Intersecretarial|Interinstitucional|Reguladora"
    r"|Coordinadora|Ejecutiva)\b)"
)
#: An owner named inside the complement: "... de Seguridad Social del Senado de la República".
_OWNED = re.compile(r"[^\S\n]+(?:del|de[^\S\n]+la|de)[^\S\n]+(?:H\.[^\S\n]*)?[A-ZÁÉÍÓÚÑ]")


def internal_committee(name: str) -> bool:
    """A commission or committee inside some body, with neither scope nor owner named: "la
    Comisión de Vigilancia", "la Comisión Revisora", "Comisión de Legislación y Puntos
    Constitucionales" (of a congress the phrase leaves unsaid). Not a body people search."""
    head, _, rest = name.partition(" ")
    if head not in ("Comisión", "Comité") or _SCOPED.match(name):
        return False
    complement = re.sub(r"^(?:de(?:[^\S\n]+(?:la|los|las))?|del)[^\S\n]+", "", rest)
    return _OWNED.search(complement) is None


_ORDINAL = (
    r"(?:[Pp]rimer|[Ss]egund|[Tt]ercer|[Cc]uart|[Qq]uint|[Ss]ext|[Ss][ée]ptim|[Oo]ctav|[Nn]oven"
    r"|[Dd][ée]cim)[oa]?"
)
#: A court's circuit or region written in lower case: "... Auxiliar de la octava región".
_COURT_TAIL = re.compile(rf"{_SP}(?:de{_SP}la|del){_SP}{_ORDINAL}{_SP}(?:regi[óo]n|circuito)\b")
#: The ordinal that opens a court's name: "Segundo Tribunal Colegiado", "Juzgado ..." after it.
COURT_ORDINAL = re.compile(
    rf"\b(?:D[ée]cimo{_SP})?(?:Primer|Segundo|Tercer|Cuarto|Quinto|Sexto|S[ée]ptimo|Octavo"
    rf"|Noveno|D[ée]cimo){_SP}$"
)


def body_at(text: str, pos: int) -> tuple[int, str] | None:
    """A body named from `pos` by the grammar: (end, name as written, spaces squashed); an
    internal committee with no owner (`internal_committee`) is none."""
    match = _name_pattern().match(text, pos)
    if match is None or internal_committee(squash(match.group())):
        return None
    end = match.end()
    if match["head"] in ("Tribunal", "Juzgado") and (tail := _COURT_TAIL.match(text, end)):
        end = tail.end()
    listed = _listed_name_pattern().match(text, end)
    if listed is not None and acronym_after(text, listed.end(), text[pos : listed.end()]):
        end = listed.end()
    return end, squash(text[pos:end])


def governing_words_at(text: str, pos: int) -> bool:
    """Whether a governing body's words start at `pos` ("Consejo Técnico", "junta directiva")."""
    return _governing_pattern().match(text, pos) is not None


_SESSION_AFTER = re.compile(rf"{_SP}(?:[{_UPPER}]|(?:anual|ordinaria|extraordinaria)\b)")


def governing_body_at(text: str, pos: int) -> tuple[str, str | None, int] | None:
    """A governing body's words at `pos`: (canonical body, its preposition, where its
    institution's name would start). Not a session: "Asamblea General Ordinaria"."""
    match = _governing_pattern().match(text, pos)
    if match is None:
        return None
    written = squash(match.group("body"))
    canonical = next(b for b in GOVERNING_BODIES if fold(b) == fold(written))
    of = squash(match.group("of")) if match.group("of") else None
    if of is None and _SESSION_AFTER.match(text, match.end("body")):
        return None  # "la Asamblea General Ordinaria", "la Asamblea General anual del IMSS"
    return canonical, of, match.end() if of else match.end("body")


_GLOSS = re.compile(rf"\s*\(\s*(?P<acronym>[{_UPPER}][{_UPPER}{_LOWER}]{{1,11}})\s*\)")


def acronym_after(text: str, end: int, name: str) -> tuple[int, int, str] | None:
    """The acronym glossed right after a body's name ("... Municipal (INAFED)"), if it looks
    like one of that name: all capitals, or one capitalized word, opening with an initial of
    the name's words."""
    match = _GLOSS.match(text, end)
    if match is None:
        return None
    acronym = match.group("acronym")
    capitals = sum(ch.isupper() for ch in acronym)
    initials = {w[0] for w in fold(name).split() if len(w) > 3}
    if fold(acronym[0]) not in initials or (capitals < 2 and len(acronym) < 4):
        return None
    return match.start("acronym"), match.end("acronym"), acronym


def is_municipal(name: str | None) -> bool:
    """A municipality's council ("Ayuntamiento de Apodaca"): the municipality is named too."""
    return bool(name) and _MUNICIPAL.match(fold(str(name))) is not None


_MUNICIPAL = re.compile(r"ayuntamiento (?:(?:municipal|constitucional) )?de ")
