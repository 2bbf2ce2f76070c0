"""Officials: people's names, with the role or title written beside them, and later mentions.

A run of capitalized words is a person with a cue:
- a role before it, with or without comma ("el Director General del IMSS, José Antonio
  González Anaya", "el presidente Andrés Manuel López Obrador", "la titular del programa
  IMSS-Oportunidades Frinne Azuara Yarzabal");
- a role after it, after a comma or "como" ("Bertha Alcalde Luján, directora general del
  Issste", "Germán Martínez como director general"), also past "actual", "en ese momento" or
  "quien ..., fue nombrada";
- a title before it ("el general Jens Pedro Lohmann Iturburu", "la maestra ...", "Dr. ...");
- a speech verb after it ("Gabino Cué Monteagudo dijo");
- or it repeats a name already found ("González Anaya dijo", "El Gobernador Velasco Coello").
A run with no cue is a person when it has the shape of a Mexican name and the name lexicons
back it (`person_names`: lists, councils, people beside a known one, a name closing an office,
"X, quien estuvo al frente de ...").
Real pages are reflowed and misspelled: a headline's verb ("Asiste X a ...", "Tiene X
reunión"), a byline written twice, a dateline or a capitalized role glued to a name are cut
off; names written in capitals after a title ("EL MTRO. JUAN ANTONIO FERRER AGUILAR, TITULAR DE
...") are people in title case; a mention that misspells a found person by a letter or two, or
spells the same sounds otherwise ("Christian"/"Cristian"), is that person; surnames keep their
particles however written ("de la O", "Del Valle", "Cabeza De Vaca"). Not people: a state's
name, a run cued only by "como" + role that no lexicon backs, a private person (a courtesy
title, no role: "la Sra. X, mamá beneficiaria de ..."), a reporter's byline (a name alone on
its line after nothing or "Por:", or running into a slash, a bar, the story's dateline, the
filing date or the lead's first words).
Titles are not part of the name. The role is kept as written, without its leading article,
from the role word to the comma ("Gobernador del estado de Chihuahua", "subsecretaria de la
Secretaría de la Función Pública (SFP)"); a bare title before the name gives a bare role
("Presidente"). A role with no name ("el titular del IMSS") is not a person.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz.distance import Levenshtein

from core.entities.gazetteer import gazetteer
from core.entities.lexicon import folded_set, given_names, surnames, word_list
from core.entities.person_names import (
    Support,
    after_place_cue,
    introduced,
    is_list_item,
    is_quoted_name,
    names_something_else,
    shape_support,
)
from core.entities.text import (
    SP,
    SpanSet,
    fold,
    literal_alternation,
    sentence_start,
    squash,
    word_leads,
)
from core.textfold import is_subsequence

#: A name word: "González", "Pérez-Tejada", "O’Farrill" (an apostrophe after an initial), not
#: inside a word. The capital comes first and the lookbehind after it, so `re` can skip to
#: capitals in C instead of trying a lookbehind at every character.
_NW = (
    r"[A-ZÁÉÍÓÚÑ](?<![\w\-‐'’][A-ZÁÉÍÓÚÑ])(?:['’][A-ZÁÉÍÓÚÑ])?[a-záéíóúñü]+"
    r"(?:[-‐][A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"
)
_INITIAL = r"[A-ZÁÉÍÓÚÑ]\."
#: The one-letter surname "de la O" ("Manuel de la O Cavazos").
_LA_O = r"(?<=\bla )O(?![\w.’'])"
NAME_RUN = re.compile(
    rf"{_NW}(?:{SP}(?:(?:de{SP}la|de{SP}los|de{SP}las|del|de){SP})?"
    rf"(?:{_NW}|{_INITIAL}(?={SP}[A-Z])|{_LA_O}))*"
)

#: Role words (accent-sensitive: "secretaria" is a person, "Secretaría" a body).
ROLE_HEADS = word_list("officials_role_heads")
#: Titles that precede a name and are not part of it.
HONORIFICS = word_list("officials_honorifics")
SPEECH_VERBS = word_list("officials_speech_verbs")
#: Capitalized words that never belong to a person's name in bulletins.
NON_NAME = folded_set("officials_non_name")
#: Leading words stripped from a run before the name starts (articles, roles, titles, openers).
_STRIP = (
    folded_set("officials_leading")
    | frozenset(fold(w) for head in ROLE_HEADS for w in head.split() if len(w) > 3)
    | frozenset(fold(h.rstrip(".")) for h in HONORIFICS)
)


def _alternation(words: tuple[str, ...], any_case: bool = False) -> str:
    """`words` as a prefix tree, a space matching any whitespace; with `any_case` (for use
    inside "(?i:...)") words differing only in case are one branch, so the longest still
    wins."""
    return literal_alternation({w.lower() for w in words} if any_case else words, space=r"\s+")


_ROLE_HEAD_RE = re.compile(rf"(?<![\w])(?i:{_alternation(ROLE_HEADS, any_case=True)})(?![\w])")
#: "No. 21", "Núm. 3", "H. Consejo": the dots a role's complement may hold ("director del HGZ
#: No. 21", "representante ante el H. Consejo Técnico").
_NUMBER_ABBREVIATION = r"(?<=\s)(?:(?:No|N[úu]m|Nro)\.(?=\s*\d)|H\.(?=\s+[A-ZÁÉÍÓÚÑ]))"
#: Irregular preterites ("dijo", "propuso", "hizo", "tuvo", "condujo", "dio"), which do not
#: end in -ó or -ron.
_IRREGULAR_PRETERITE = (
    r"(?:[a-záéíóúñ]{0,4}(?:puso|dujo|tuvo|hizo)|dijo|trajo|quiso|pudo|supo|vino|fue|dio|vio"
    r"|hubo)"
)
#: A preterite ("asistieron", "señaló", "dijo", "propuso"), a date, "cuando", "por parte de",
#: "en representación de" (someone else's name and role follow) or a letter's "Presente" end a
#: role's clause: "el delegado del IMSS en el estado asistieron el director ...", "director
#: general del IMSS el 5 de junio de 2009 cuando ..." run on only because a comma is missing.
_VERB_AHEAD = (
    rf"(?!\s(?:[a-záéíóúñ]{{2,}}(?:aron|ieron|ó)|{_IRREGULAR_PRETERITE}|por\s+parte\s+de|cuando"
    r"|en\s+representaci[óo]n"
    r"|Presente|(?:el\s+|a\s+)?\d{1,2}\s+de\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    r"|septiembre|setiembre|octubre|noviembre|diciembre))(?![\w]))"
)
#: The complement of a role: up to the comma, across parenthesized acronyms, not across "y el".
_COMPLEMENT = (
    r"(?:(?!\s(?:y|e|o)\s+(?:el|la|los|las|al|sus?)\s+[a-záéíóúñ])(?!\s(?:quien|que|quienes)\s)"
    rf"{_VERB_AHEAD}"
    r"[^,;.:\n“”\"()]"
    rf"|{_NUMBER_ABBREVIATION}"
    r"|\([^()\n]{1,80}\))*?"
)
#: A body's acronym set off by commas inside a role ("director general del Instituto Mexicano
#: del Seguro Social, IMSS, Zoé Robledo").
_ACRONYM_APPOSITION = r",\s*[A-ZÁÉÍÓÚÑ]{2,}(?:-[A-ZÁÉÍÓÚÑ][\w]*)?(?=\s*,)"
#: A body's name listed with commas inside a role, closed by "y" ("secretario de
#: Infraestructura, Comunicaciones y Transportes, Jesús Esteva").
_CAP_WORDS = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:\s[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)?"
_LISTED_BODY = rf"(?:,\s*{_CAP_WORDS})*,\s*{_CAP_WORDS}\s(?:y|e)\s[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+"
#: Spanish puts no bare article before a person's name ("en el Primer Nivel", "la Salud"),
#: and "en" introduces a place ("Desconcentrada en San Luis Potosí").
_NOT_BEFORE_A_NAME = frozenset(("el", "la", "los", "las", "del", "al", "un", "una", "en"))
#: Role then name: after a comma, or directly ("el presidente Andrés..."), but never right
#: after a particle or article ("secretario de Educación Pública" names an office).
_ROLE_TO_NAME = re.compile(
    rf"(?:(?P<c1>{_COMPLEMENT}(?:{_ACRONYM_APPOSITION}|{_LISTED_BODY})?)\s*[,;]"
    r"(?:\s*se\s+trata\s+de)?"
    rf"(?:\s*(?:el|la)\s+(?=(?i:{_alternation(HONORIFICS, any_case=True)})))?"
    rf"(?:\s*(?i:{_alternation(HONORIFICS + ROLE_HEADS, any_case=True)})(?:\s+(?:y|e)(?=\s))?)*"
    rf"|(?P<c3>{_COMPLEMENT})(?<=\S)\s*\("  # "el alcalde de Xalapa (Hipólito Rodríguez)"
    rf"|(?:(?P<c2>{_COMPLEMENT})(?<=\S)"
    + "".join(rf"(?<!\s{word})" for word in sorted(_NOT_BEFORE_A_NAME | {"de", "y", "e"}))
    + r")?)\s*$"
)
#: A role's complement after the name: up to the comma, not across "y" + a capital (a
#: second person), except inside a body's name (see `_right_role`).
_RIGHT_COMPLEMENT = (
    rf"(?:{_NUMBER_ABBREVIATION}|(?!\s(?:y|e)\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ])(?!\s(?i:y|e)\s+(?i:por)\s)"
    rf"{_VERB_AHEAD}[^,;.:\n“”\"()]"
    rf"|\([^()\n]{{1,80}}\))*"
)
#: When the role was or is held, set off before it: "A, actual secretario de ...", "A, en ese
#: momento secretario del Trabajo", "A, entonces director ...".
_WHEN = r"(?:(?:actual|entonces|en\s+ese\s+(?:momento|entonces)|hoy|aún|ahora)\s+)?"
#: "A, directora de ...", "A, el secretario de ...", and "A como nuevo director de ...", "A
#: era el director general ..." (a role said of the name with "como" or a copula).
_RIGHT_ROLE = re.compile(
    r"(?:\s*\([^()\n]{1,40}\))?"  # "(morena)", "(rúbrica)"
    r"(?:\s*;\s*(?=\w)(?!(?:el|la|los|las)\s)"  # "A; Director General del IMSS"
    r"|\.[-–]\s*(?=[A-ZÁÉÍÓÚÑ])"  # a copy list: "Lic. Felipe Solís Acero.-Subsecretario de ..."
    r"|\s*\.?,\s*(?:(?i:en\s+su\s+car[áa]cter\s+de)\s+|como\s+)?(?:(?:el|la|los|las)\s+)?"
    rf"{_WHEN}(?:nuev[oa]\s+)?"
    r"|\s+(?:como|es|era|fue|será)\s+(?:(?:el|la)\s+)?(?:nuev[oa]\s+)?"
    # "A quien es el supervisor médico", "A, quien funge como titular"
    r"|\s*,?\s+quien\s+(?:es|era|funge\s+como|fung[ií]a\s+como)\s+(?:(?:el|la)\s+)?"
    # "A, tomó protesta como nuevo director", "A, quien durante su gestión como dirigente",
    # "A, quien tras un proceso de selección, fue nombrada titular de ..."
    r"|\s*,?\s+(?:(?:tomó|rindió)\s+(?:la\s+)?protesta\s+como|asumió\s+como"
    r"|(?:quien\s+[^;.:\n]{0,60}?)?fue\s+(?:nombrad|designad|ratificad)[oa](?:\s+como)?"
    r"|quien\s+[^,;.:\n]{0,40}?\bcomo)"
    r"\s+(?:(?:el|la)\s+)?(?:nuev[oa]\s+)?"
    r"|(?<=\(rúbrica\))\s+"
    # a role right after a name, its comma left out ("Jorge Gaviño secretario general del
    # IMSS, dio inicio") or its line reflowed onto the name's (see _before_glued_role)
    r"|[^\S\n]+)"
    rf"(?P<role>(?i:{_alternation(ROLE_HEADS, any_case=True)})(?![\w])"
    rf"{_RIGHT_COMPLEMENT})"
)
_RIGHT_TAIL = re.compile(_RIGHT_COMPLEMENT)
#: Capitalized words after "y" up to a delimiter, which may continue an office's name.
_ROLE_CONTINUES = re.compile(
    r"\s+(?:y|e)\s+(?:[A-ZÁÉÍÓÚÑ][\w-]*(?:\s+(?:de|del|la|las|los|en|el)(?=\s))?\s*)+(?=[,;:.)]|$)"
)
_ROLE_LEADS = frozenset(fold(head[:3]) for head in ROLE_HEADS)
#: A speech verb after a name, not followed by its speaker: "..., Ixtepec y Chiautla de Tapia,
#: informó el coordinador ..." is said by the coordinator.
_SPEECH_AFTER = re.compile(
    rf"\s*(?:(?:{_alternation(SPEECH_VERBS)})\b"
    rf"|,\s*(?:{_alternation(SPEECH_VERBS)})\b(?![^\S\n]+(?:el|la)[^\S\n]+[a-záéíóúñ]))"
)
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
    prefix_start: int = -1  # where those words start
    office: bool = False  # an office's words ("Gobierno de ..."): a name may only close it
    after_office: bool = False  # the name that closes such a run


_TOKEN = re.compile(r"\S+")
_PARTICLES = frozenset(("de", "del", "la", "los", "las"))
#: Particles some surnames write capitalized ("Salazar Del Valle", "Cabeza De Vaca").
_CAPITAL_PARTICLES = frozenset(("De", "Del", "La", "Las", "Los"))
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


#: An initial opening a name ("J. Fernando Franco González Salas"), found before a run.
_INITIAL_BEFORE = re.compile(rf"(?<![\w.]){_INITIAL}{SP}$")
#: "Fernando Flores y Pérez": "y" then one last surname, and the sentence goes on.
_Y_SURNAME = re.compile(rf"{SP}y{SP}({_NW})(?=[,.;:)]|{SP}[a-z(]|\s*$)")


def _y_surname(text: str, end: int) -> re.Match[str] | None:
    """The " y <surname>" that ends a name at `end`, when that word is only ever a surname
    ("Flores y Pérez"); a given name after "y" opens a second person ("Marrufo y Selene Cruz")."""
    if "y" not in text[end : end + 4]:
        return None  # most runs: no "y" next, no regex
    match = _Y_SURNAME.match(text, end)
    if match is None:
        return None
    word = fold(match.group(1))
    return match if word in surnames() and word not in given_names() else None


def _verb_opening(text: str, toks: list[tuple[int, int, str]]) -> bool:
    """A headline's present tense before a given name ("Recorren Héctor Astudillo y ...",
    "Inauguran Zoé Robledo y ...", "Tiene Héctor Gutiérrez reunión"): ends in -an/-en/-a/-e,
    no name ("Juan", "Carmen", "Rosa" are in the lexicon), and opens a sentence or a line.
    A headline also names a person by two surnames alone before what they say ("Asegura Vallejo
    Barragán que ...")."""
    first = fold(toks[0][2])
    if not first.endswith(("a", "e", "an", "en")):
        return False  # no present tense: most runs, decided before the lexicon lookups
    family = surnames()
    second = fold(toks[1][2])
    if second in given_names():
        if first.endswith(("a", "e")) and not _headline_opening(text, toks[0][0]):
            return False
    elif not (
        len(toks) == 3
        and second in family
        and fold(toks[2][2]) in family
        and text.startswith(" que ", toks[2][1])
        and _headline_opening(text, toks[0][0], bullet=True)
    ):
        return False
    return first not in given_names() and first not in family and sentence_start(text, toks[0][0])


_BULLET = re.compile(r"[•·▪◦*\-–—]?[^\S\n]*")


def _headline_opening(text: str, start: int, bullet: bool = False) -> bool:
    """`start` opens a line (after a bullet, if `bullet`) that ends without a period: a
    headline."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start != start and (not bullet or _BULLET.fullmatch(text, line_start, start) is None):
        return False
    end = text.find("\n", start)
    return not text[start : end if end >= 0 else len(text)].rstrip().endswith(".")


def _runs(text: str) -> list[_Run]:
    runs: list[_Run] = []
    skip_to = -1
    for match in NAME_RUN.finditer(text):
        if match.start() < skip_to:
            continue
        start = match.start()
        if start > 2 and text[start - 2] == "." and text[start - 1] in " \t":
            initial = _INITIAL_BEFORE.search(text, start - 4, start)
            start = initial.start() if initial is not None else start
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, match.end())]
        i = 0
        while i < len(toks) and _leading(toks[i][2]):
            i += 1
        if i == 0 and len(toks) > 2 and _verb_opening(text, toks):
            i = 1
        # a role followed by its complement ("Director General del IMSS") is not a name
        if 0 < i < len(toks) and toks[i - 1][2] in _PARTICLES:
            runs.append(_Run(toks[0][0], toks[-1][1], toks, office=True))
            continue
        rest = toks[i:]
        while rest and (
            rest[-1][2] in _PARTICLES or (len(rest) > 1 and rest[-1][2] in _CAPITAL_PARTICLES)
        ):
            rest.pop()
        if not rest:
            continue
        prefix = " ".join(t[2] for t in toks[:i])
        rest = _unglued(text, _before_glued_role(text, rest))
        last = _y_surname(text, rest[-1][1]) if len(rest) >= 2 else None
        if last is not None:
            y_at = text.index("y", last.start(), last.start(1))
            rest += [(y_at, y_at + 1, "y"), (*last.span(1), last.group(1))]
            skip_to = last.end(1)
        runs.append(_Run(rest[0][0], rest[-1][1], rest, prefix, toks[0][0] if i else -1))
    return runs


def _before_glued_role(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The name before a capitalized role a reflowed line glued to it ("Dip. Juan de Dios
    Castro Lozano Presidente de la Cámara de Diputados"); a surname that is also a role word
    ("Alcalde") stays, and the name must end in a known surname where it is cut."""
    family = surnames()
    names = 0
    for j, (start, _, word) in enumerate(words):
        if word in _PARTICLES:
            continue
        if (
            names >= 2
            and fold(word[:3]) in _ROLE_LEADS
            and fold(word) not in family
            and _ROLE_HEAD_RE.match(text, start)
        ):
            kept = words[:j]
            while kept[-1][2] in _PARTICLES:
                kept.pop()
            return kept if fold(kept[-1][2]) in family else words
        names += 1
    return words


#: What follows a dateline's place: ", Puebla, 10 de diciembre", ".-", ", a 24 de marzo".
_DATELINE_REST = re.compile(
    r"(?:\s*,\s*[A-ZÁÉÍÓÚÑ][\w.]*(?:\s+[A-ZÁÉÍÓÚÑ][\w.]*)*)?\s*(?:\.\s*[-–—]|,\s*(?:a\s+)?\d{1,2}\s+de\s)"
)


def _unglued(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name as written once, when a reflowed page glued something to it: its byline written
    twice ("Andrea Gutierrez Andrea Gutierrez"), or the dateline that opens the next line
    ("... presidida por Claudia Sheinbaum Puebla, Puebla, 10 de diciembre")."""
    n = len(words)
    if n >= 4 and n % 2 == 0:
        half = [w for *_, w in words[: n // 2]]
        if half == [w for *_, w in words[n // 2 :]]:
            return words[: n // 2]
    last = words[-1]
    if n >= 3 and fold(last[2]) in gazetteer().entries and _DATELINE_REST.match(text, last[1]):
        return words[:-1]
    return words


def _name_words(run: _Run) -> list[str]:
    return [
        w
        for i, (_, _, w) in enumerate(run.words)
        if w not in ("de", "del", "la", "los", "las", "y") and not (i and w in _CAPITAL_PARTICLES)
    ]


def _outside(run: _Run, taken: SpanSet) -> _Run | None:
    """The run, or the name that follows a taken span inside it ("la titular de la Secretaría
    de Gobernación Luisa Alcalde"); None when nothing of it is free."""
    if not taken.overlaps(run.start, run.end):
        return run
    words = run.words
    inside = [i for i, (start, end, _) in enumerate(words) if taken.overlaps(start, end)]
    if not inside:
        return run
    tail = words[inside[-1] + 1 :]
    while tail and tail[0][2] in _PARTICLES:
        tail = tail[1:]
    return _Run(tail[0][0], tail[-1][1], tail) if len(tail) >= 2 else None


def _name_after_office(run: _Run) -> _Run | None:
    """The name that closes a run of an office's words ("Gobierno de Andrés Manuel López
    Obrador", "Secretario de Salud Jorge Alcocer Varela"): the words after the last non-name
    word, two or more after a particle, three or more without one."""
    words = run.words
    for i in range(len(words) - 1, -1, -1):
        word = words[i][2]
        if word in _PARTICLES:
            continue
        if (fold(word) in NON_NAME and not _between_names(words, i)) or (
            run.office and _leading(word)
        ):
            tail = words[i + 1 :]
            if tail and tail[0][2] in _PARTICLES:  # "Gobierno de A B"
                while tail and tail[0][2] in _PARTICLES:
                    tail = tail[1:]
                if len(tail) < 2:
                    return None
                after = _Run(tail[0][0], tail[-1][1], tail, after_office=True)
                # "El Gobernador de San Luis Potosí Ricardo Gallardo Cardona": the place the
                # office is of, then the name
                return _name_after_place(after) or after
            # no particle: "Baja California Sur Víctor Manuel Castro Cosío reveló", and two
            # words only after a word that is never a name's ("Share Zoé Robledo, director")
            # (a cue of its own then, not the office's: "Hilda Sevilla Por Hilda Sevilla")
            if len(tail) == 2 and not run.office and fold(tail[0][2]) in given_names():
                return _Run(tail[0][0], tail[-1][1], tail)
            return (
                _Run(tail[0][0], tail[-1][1], tail, after_office=True) if len(tail) >= 3 else None
            )
    return None


def _name_after_place(run: _Run) -> _Run | None:
    """The name after the place that closes a role with no comma ("el alcalde de Apodaca César
    Garza", "gobernador de Nuevo León Samuel García"): a given name must open it."""
    words = run.words
    entries = gazetteer().entries
    for cut in range(min(3, len(words) - 2), 0, -1):
        tail = words[cut:]
        if (
            fold(" ".join(w for *_, w in words[:cut])) in entries
            and fold(tail[0][2]) in given_names()
            and shape_support(_name_words(_Run(0, 0, tail))) is not Support.NONE
        ):
            return _Run(tail[0][0], tail[-1][1], tail, after_office=True)
    return None


def _plausible(run: _Run) -> bool:
    names = _name_words(run)
    return 2 <= len(names) <= 6 and not any(
        fold(w) in NON_NAME
        and not _particle_surname(run, w)
        and not _between_names(run.words, [x for *_, x in run.words].index(w))
        for w in names
    )


def _between_names(words: list[tuple[int, int, str]], at: int) -> bool:
    """A word that is never a name's elsewhere, as a surname between a given name and a
    surname: "Misael Ley Mejía" ("la Ley Federal del Trabajo" is no person)."""
    return (
        0 < at < len(words) - 1
        and fold(words[at - 1][2]) in given_names()
        and fold(words[at + 1][2]) in surnames()
        and fold(words[at + 1][2]) not in NON_NAME
    )


def _particle_surname(run: _Run, word: str) -> bool:
    """A surname after a particle, in a run opened by a given name: "Salazar del Valle",
    "Padilla Del Toro" ("Valle" alone is an office's word: "Valle de México")."""
    words = [w for _, _, w in run.words]
    at = words.index(word)
    return (
        at >= 2
        and fold(words[at - 1]) in ("de", "del")
        and fold(word) in surnames()
        and fold(words[0]) in given_names()
    )


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
_ACRONYM_APPOSITION_RE = re.compile(_ACRONYM_APPOSITION)
_LISTED_BODY_RE = re.compile(_LISTED_BODY)
_ACRONYM_TAIL = re.compile(r",\s*[A-ZÁÉÍÓÚÑ]{2,}(?:-[A-ZÁÉÍÓÚÑ]\w*)?\s*$")


def _cannot_reach(gap: str) -> bool:
    """True when `_ROLE_TO_NAME` surely fails on `gap` (role word to name), without running it.

    Most role words before a name belong to an earlier sentence; the full pattern costs ~10 µs
    each, this check a fraction. It only decides gaps without parentheses, where a role's
    complement holds no break, at most one comma, and a dot or a line break only after it.
    """
    if "(" in gap:
        return False
    gap = gap.replace(";", ",")  # the pattern takes ";" for the comma ("de la CDI; Nuvia")
    gap = _LISTED_BODY_RE.sub("", _ACRONYM_APPOSITION_RE.sub("", gap))
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
        # ";" for a comma only after a role that opens with its article ("el presidente de la
        # CNDH; Raúl ..."), not after one that ends a list item ("..., como X; B")
        if (
            tail
            and tail.group("c1") is not None
            and ";" in text[tail.end("c1") : start]
            and not _article_before(text, head_start)
        ):
            continue
        if tail:
            written = tail.group("c1") or tail.group("c2") or tail.group("c3") or ""
            complement = _ACRONYM_TAIL.sub("", written)
            first = _first_of_two_roles(text, heads, head_start)
            if first is not None:
                return first
            if not complement.strip() and (wider := _role_before_a_title(text, head_start)):
                return wider
            return squash(text[head_start:head_end] + complement).rstrip(" ,") or None
    title = _TITLE_BEFORE.search(text, max(0, start - 24), start)
    if title is not None and title.start() < start:  # "Gobernador del Estado Dr. Rubén ..."
        return _left_role(text, title.start())
    return None


_AND_BEFORE = re.compile(r"(?<=\S)\s+(?:y|e)\s+$")
_COMMA_BEFORE = re.compile(r",\s*$")


def _role_before_a_title(text: str, head_start: int) -> str | None:
    """A bare title after a role that says of what ("el próximo titular del IMSS, senador
    Germán Martínez"): that role, which the title only follows."""
    comma = _COMMA_BEFORE.search(text, max(0, head_start - 3), head_start)
    if comma is None:
        return None
    role = _left_role(text, comma.start() + 1)
    return role if role is not None and " " in role else None


def _first_of_two_roles(text: str, heads: list[tuple[int, int]], head_start: int) -> str | None:
    """Two roles joined by "y" before a name ("la delegada del IMSS en Sinaloa y presidenta del
    Consejo Consultivo, Tania ..."): the first, which is the office the person holds."""
    joined = _AND_BEFORE.search(text, max(0, head_start - 6), head_start)
    if joined is None:
        return None
    at = bisect_left(heads, (head_start, 0))
    if at == 0:
        return None
    start, end = heads[at - 1]
    if joined.start() - end > 120:
        return None
    clause = text[end : joined.start()]
    if any(ch in clause for ch in ",;.:\n()") and _COMPLEMENT_ONLY.fullmatch(clause) is None:
        return None
    return squash(text[start : joined.start()]) or None


_COMPLEMENT_ONLY = re.compile(_COMPLEMENT)
_TITLE_BEFORE = re.compile(rf"(?<![\w.])(?i:{_alternation(HONORIFICS, any_case=True)})\s+$")


def _article_before(text: str, start: int) -> bool:
    before = text[max(0, start - 8) : start].split()
    return bool(before) and before[-1].lower() in _NOT_BEFORE_A_NAME


_ON_BEHALF = re.compile(r"representaci[óo]n\s+del?\s+(?:(?:Lic|Dr|Dra|Mtro|Mtra|Ing)\.\s*)?$")


def _in_role_complement(text: str, run: _Run, previous: _Run | None) -> bool:
    """Capitalized words that complete a role are not a person, even before "señaló":
    "presidenta municipal de Mixquiahuala de Juárez", "coordinador de Información y Análisis
    Estratégico" (after "y" only when the words before it are no name themselves)."""
    if _ON_BEHALF.search(text, max(0, run.start - 24), run.start):
        return False  # "... Social en representación de José Francisco Olvera Ruiz": a person
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


_COURTESY = frozenset(("sr", "sra", "srita", "senor", "senora", "don", "dona"))
_LOWER_APPOSITIVE = re.compile(r"\s*,\s*(?:(?:el|la|un|una)\s+)?[a-záéíóúñ]{3,}")


_AS_WHAT = re.compile(r"\s+como\s")


def _only_as_what(text: str, run: _Run) -> bool:
    """A run whose one cue is "como" + a role, and that no lexicon backs: a thing done "as"
    something ("rindió Protesta Constitucional como gobernadora"), not a person."""
    if _AS_WHAT.match(text, run.end) is None or _left_role(text, run.start) is not None:
        return False
    given, family = given_names(), surnames()
    return not any(fold(w) in given or fold(w) in family for w in _name_words(run))


def _private_person(text: str, run: _Run, inline: str) -> bool:
    """Only a courtesy title, and a description that is no role after the comma: a private
    person ("el señor Juan Pérez, derechohabiente de la UMF"), not an official."""
    words = inline.split() or text[max(0, run.start - 12) : run.start].split()[-1:]
    return (
        bool(words)
        and fold(words[-1].rstrip(".")) in _COURTESY
        and _LOWER_APPOSITIVE.match(text, run.end) is not None
    )


_ARTICLE_ROLE = re.compile(r"\s*,\s*(?:el|la)\s")


_NAME_AFTER_COMMA = re.compile(r"\s*,\s*(?:[A-ZÁÉÍÓÚÑ]\.\s*)?[A-ZÁÉÍÓÚÑ][a-záéíóúñü]")


def _next_names(text: str, end: int) -> bool:
    """The role with an article after `end` is followed by a comma and a name: it is that
    name's role ("Héctor Astudillo, el secretario de Salud, Jorge Alcocer y ...")."""
    match = _RIGHT_ROLE.match(text, end)
    return match is not None and _NAME_AFTER_COMMA.match(text, match.end("role")) is not None


def _role_of_previous(text: str, previous: OfficialHit, run: _Run, role: str) -> bool:
    """The role between two names, set off by commas, describes the first one; a role that
    holds the first name ("director del IMSS por parte de A, B, titular de ...") is not B's."""
    gap = text[previous.end : run.start]
    if squash(gap).strip(" ,;") == role and (
        gap.lstrip().startswith(",") or previous.role == role  # glued: "A Delegada del IMSS, B"
    ):
        return True
    return previous.name in role  # "... por parte de A, B"


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


def find_officials(text: str, blocked: list[tuple[int, int]]) -> list[OfficialHit]:
    """People with a cue, then every later mention of a name found, linked to its full form."""
    taken = SpanSet(blocked)
    runs = [free for r in _runs(text) if (free := _outside(r, taken)) is not None]
    hits: list[OfficialHit] = []
    rest: list[_Run] = []
    uncued: list[_Run] = []  # name-like runs with no cue: people if their name's shape says so
    previous: _Run | None = None
    queue = list(runs)
    for i, run in enumerate(queue):  # a name closing an office joins the queue after it
        before, previous = previous, run
        if run.office or not _plausible(run):
            tail = _name_after_office(run)
            if tail is not None and shape_support(_name_words(tail)) is not Support.NONE:
                queue.insert(i + 1, tail)
            if not run.office:
                rest.append(run)
            continue
        if not run.after_office and (
            (not run.prefix and _article_before(text, run.start))
            or (run.prefix and run.prefix.split()[-1].lower() in _NOT_BEFORE_A_NAME)
            or _in_role_complement(text, run, before)
        ):
            tail = _name_after_place(run)
            if tail is not None:  # "el alcalde de Apodaca César Garza"
                queue.insert(i + 1, tail)
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
        inline_role = inline if inline and fold(inline.split()[0]) in _role_words() else None
        role = None
        if not inline:
            role = _left_role(text, run.start)
        elif inline_role is None and run.prefix_start >= 0:  # "directora, Doctora Claudia ..."
            role = _left_role(text, run.prefix_start)
        if role is not None and hits and _role_of_previous(text, hits[-1], run, role):
            role = None  # "A, Secretario de Salud, B, Secretario de Educación": A's role
        bare = role is not None and fold(role) in _bare_roles()
        if (role is None or bare) and not (
            _ARTICLE_ROLE.match(text, run.end)
            and (inline_role or bare or _next_names(text, run.end))
        ):  # not "A, el Secretario de Salud, B": B's role
            # "el diputado A (morena), presidente de la Junta ...": the role that says of what
            role = _right_role(text, run.end, taken) or role
        if role is None and inline_role and _name_like(run):
            role = inline_role
        honorific = _honorific_before(text, run.start)
        honorific = honorific or bool(inline and fold(inline.split()[-1]) in _honorific_words())
        speech = bool(_SPEECH_AFTER.match(text, run.end))
        name = squash(text[run.start : run.end])
        if role is None and _private_person(text, run, inline):
            rest.append(run)  # "la Sra. María Delgado, mamá beneficiaria de la guardería"
            continue
        if not (inline or honorific or speech) and _only_as_what(text, run):
            rest.append(run)  # "rendir Protesta Constitucional como Gobernadora"
            continue
        if not (role or honorific or speech):
            uncued.append(run)
        elif not _names_a_place_or_building(text, run, role, taken):
            hits.append(OfficialHit(run.start, run.end, name, role))
    found = _people_without_cue(text, uncued, hits)
    hits += _all_caps_people(text, taken)
    rest += [run for run in uncued if run not in found]
    _link_known(text, hits, rest)
    _canonicalize(hits)
    hits.sort(key=lambda h: h.start)
    return hits


_CAPS_WORD = r"[A-ZÁÉÍÓÚÑÜ]{2,}(?:-[A-ZÁÉÍÓÚÑÜ]{2,})?"
#: A dotted title then a name in capitals, as agreements and signatory lists write them: "POR
#: CONDUCTO DE SU DIRECTOR GENERAL, EL MTRO. JUAN ANTONIO FERRER AGUILAR, ASISTIDO POR ...".
_ALL_CAPS_NAME = re.compile(
    rf"(?<![\w.]){_CAPS_WORD}(?:{SP}(?:(?:DE{SP}LA|DE{SP}LOS|DEL|DE|Y){SP})?{_CAPS_WORD}){{1,6}}"
    r"(?![\w.])"
)
_DOT_THEN_CAPS = re.compile(rf"\.[^\S\n]*(?={_CAPS_WORD}{SP})")
_TITLE_THEN_CAPS = re.compile(
    r"(?<![\w.])(?:(?:EL|LA)\s+)?"
    rf"(?i:{_alternation(tuple(h for h in HONORIFICS if h.endswith('.')), any_case=True)})\s*$"
)
_CAPS_PARTICLES = frozenset(("de", "del", "la", "los", "y"))


def _all_caps_people(text: str, taken: SpanSet) -> list[OfficialHit]:
    """People written in capitals after a title, named in title case ("Juan Antonio Ferrer
    Aguilar"), with a role beside them or a name the lexicons back."""
    if "." not in text or not any(c.isupper() for c in text):
        return []
    found = []
    for dot in _DOT_THEN_CAPS.finditer(text):  # titles are dotted: look there only
        match = _ALL_CAPS_NAME.match(text, dot.end())
        title = _TITLE_THEN_CAPS.search(text, max(0, dot.end() - 12), dot.end())
        if match is None or title is None:
            continue
        # a left role may run on from the previous signatory's ("... DE PERSONAL Y POR LA C.P.")
        role = _right_role(text, match.end(), taken) or _left_role(text, title.start())
        hit = _caps_hit(match, role, taken, backed=role is not None)
        if hit is not None:
            found.append(hit)
    for head_start, _ in _role_heads(text):  # a signature: "ANA PERAL VIVAR Diputada local"
        if not text[head_start : head_start + 2].istitle():
            continue
        match = _CAPS_BEFORE.search(text, max(0, head_start - 80), head_start)
        if match is not None and not any(h.start == match.start() for h in found):
            hit = _caps_hit(match, _right_role(text, match.end(), taken), taken, backed=False)
            if hit is not None:
                found.append(hit)
    return found


_CAPS_BEFORE = re.compile(rf"{_ALL_CAPS_NAME.pattern}(?=[^\S\n]+$)")


def _caps_hit(
    match: re.Match[str], role: str | None, taken: SpanSet, backed: bool
) -> OfficialHit | None:
    """The person a capital run names, unless it overlaps a found span, holds a word that is
    never a name's, or (without `backed`, a title and a role) has no lexicon support."""
    start, end = match.span()
    words = match.group().split()
    titled = [w.lower() if w.lower() in _CAPS_PARTICLES else w.capitalize() for w in words]
    names = [w for w in titled if w not in _CAPS_PARTICLES]
    if taken.overlaps(start, end) or any(fold(w) in NON_NAME for w in names):
        return None
    if not backed and shape_support(names) is Support.NONE:
        return None
    return OfficialHit(start, end, " ".join(titled).replace("- ", "-"), role)


_COORDINATION = re.compile(r"\s*(?:,\s*(?:(?:y|e)\s+)?|(?:y|e)\s+)")


_TITLE_ONLY = re.compile(r"(?:(?:Dr|Dra|Lic|Gral|Ing|Mtro|Mtra)\.|Doctor|Doctora|General)\s+$")


def _names_a_place_or_building(text: str, run: _Run, role: str | None, taken: SpanSet) -> bool:
    """A cue does not make a person of a building's honorific name ("Hospital de Especialidades
    'Dr. Bernardo Sepúlveda'", "Hospital General de Zona No. 15 del IMSS Dr. Ernesto Ramos
    Bours") or of a place ("en el municipio de San Juan Chamula, sostuvo")."""
    if is_quoted_name(text, run.start, run.end) or after_place_cue(text, run.start):
        return True
    entry = gazetteer().entries.get(fold(text[run.start : run.end]))
    if entry is not None and any(place.is_state for place in entry.places):
        return True  # "en Tijuana, Baja California, el secretario general ... señaló"
    if role:
        return False  # "el director del HGZ No. 1 Dr. Juan Pérez": the title is the person's
    title = _TITLE_ONLY.search(text, max(0, run.start - 12), run.start)
    if title is None:
        return False
    before = title.start()
    while before > 0 and text[before - 1].isspace():
        before -= 1
    return before > 0 and taken.overlaps(before - 1, before)


def _name_like(run: _Run) -> bool:
    """Not an office's name after a role word ("Directora Estratégica de Información"): words
    joined by a particle are a name only with a given name or a surname among them."""
    if not any(w in _PARTICLES for _, _, w in run.words):
        return True  # "Senadora Sylvana Beltrones"
    given, family = given_names(), surnames()
    return any(fold(w) in given or fold(w) in family for w in _name_words(run))


def _people_without_cue(text: str, runs: list[_Run], hits: list[OfficialHit]) -> list[_Run]:
    """Runs shaped like a name that the lexicons back (see `person_names`), added to `hits`.

    A run backed only with context needs a list item, a word that introduces people, or a
    person right beside it ("X y Y", "X, Y"); people found here count as neighbours too, so a
    list is taken whole once one of its names is (sweeps until nothing changes).
    """
    pending: list[_Run] = []
    found: list[_Run] = []
    for run in runs:
        level = shape_support(_name_words(run))
        if (
            level is Support.NONE
            or names_something_else(text, run.start, run.end)
            or _byline(text, run)
        ):
            continue
        if (
            level is Support.STANDALONE
            or run.after_office  # "el informe de Gobierno de Pablo Lemus"
            or is_list_item(text, run.start)
            or introduced(text, run.start)
            or _WHO_AFTER.match(text, run.end)
        ):
            _accept(text, run, hits)
            found.append(run)
        else:
            pending.append(run)
    spans = sorted((h.start, h.end) for h in hits)
    changed = True
    while pending and changed:
        changed = False
        for run in list(pending):
            if _beside_a_person(text, run, spans):
                _accept(text, run, hits)
                insort(spans, (run.start, run.end))
                found.append(run)
                pending.remove(run)
                changed = True
    return found


#: A byline's opening on its line: nothing, "Por:", "AVC/Por".
#: (A page's layout may turn the byline into a highlight: "• Por Mario Herrera García/Tepic".)
_BYLINE_LEAD = re.compile(
    r"[^\S\n]*(?:[•·▪][^\S\n]*)?(?:(?:[A-Z]{2,}[^\S\n]*/[^\S\n]*)?(?i:por)[^\S\n]*:?[^\S\n]*)?"
)
#: What ends a byline that opens its line: a slash or bar before the outlet ("Javier Laertes/",
#: "Fernando Reyes | El Heraldo"), or a dateline ("Orizaba, Ver.-", "MÉRIDA.-"), on the same
#: line (a reflowed page glues them) or the next.
_BYLINE_END = re.compile(
    r"[^\S\n]*(?:[/|]"
    # the date the reporter filed it, ending the line: "Maythe Morales, 29 de agosto de 2023"
    r"|,[^\S\n]*\d{1,2}[^\S\n]+de[^\S\n]+[a-záéíóú]+[^\S\n]+(?:de|del)[^\S\n]+\d{4}\.?[^\S\n]*(?:\n|$)"
    # the lead's first words, reflowed onto the byline's line: "Julio César Morales Los trabajos"
    r"|[^\S\n](?:El|La|Los|Las|En|Con|Para|Un|Una|Al|A)[^\S\n]+[a-záéíóúñ]"
    r"|\n?[^\S\n]*[A-ZÁÉÍÓÚÑ][\w.]*(?:[^\S\n]+(?:de[^\S\n]+)?[A-ZÁÉÍÓÚÑ][\w.]*){0,3}"
    r"(?:,[^\S\n]*[A-ZÁÉÍÓÚÑ][\w.]*(?:[^\S\n]+[A-ZÁÉÍÓÚÑ][\w.]*){0,2})?[^\S\n]*\.?[^\S\n]*[-–—])"
)
_BYLINE_CLOSE = re.compile(r"[^\S\n]*\.?[^\S\n]*(?:\n|$)")
#: A reporter named in brackets between the dateline and its dash: "Xalapa, Ver. (Ana ...).-".
_DATELINE_THEN_BRACKET = re.compile(
    r"[^\S\n]*[A-ZÁÉÍÓÚÑ][\w.]*(?:[^\S\n]+(?:de[^\S\n]+)?[A-ZÁÉÍÓÚÑ][\w.]*){0,3}"
    r",[^\S\n]*[A-ZÁÉÍÓÚÑ][\w.]*(?:[^\S\n]+[A-ZÁÉÍÓÚÑ][\w.]*){0,2}[^\S\n]*\("
)
_BRACKET_THEN_DASH = re.compile(r"\)[^\S\n]*\.?[^\S\n]*[-–—]")


def _byline(text: str, run: _Run) -> bool:
    """A reporter's signature, not an official: a name with no cue that opens its line after
    nothing or "Por:" and ends it ("Por: Luis Arturo Pérez."), or runs into a slash, a bar or
    the dateline that opens the story ("Manuela V. Carmona\nOrizaba, Ver.- En ...")."""
    line_start = text.rfind("\n", 0, run.start) + 1
    if _DATELINE_THEN_BRACKET.fullmatch(text, line_start, run.start) and _BRACKET_THEN_DASH.match(
        text, run.end
    ):
        return True  # "Xalapa, Ver. (Ana Lilia Velázquez).- El delegado ..."
    lead = _BYLINE_LEAD.fullmatch(text, line_start, run.start)
    if lead is None:
        return False
    if lead.group().strip() and _BYLINE_CLOSE.match(text, run.end):
        return True
    return _BYLINE_END.match(text, run.end) is not None


#: "Marcos Bucio, quien estuvo al frente de ...": "quien" and a verb of holding an office (a
#: patient "quien acudió" holds none).
_WHO_AFTER = re.compile(
    r"\s*,\s*quien(?:es)?\s+(?:ha\s+sido|hasta\s+ahora|se\s+desempeñ\w+|estuvo|estaba|fue|era|es"
    r"|fungió|funge|fungía|ocupa|ocupaba|ocupó|encabeza|encabezaba|encabezó|dirige|dirigía"
    r"|dirigió|preside|presidía|presidió|asumió|asume|rindió|tomó|ostenta)\s"
)


def _accept(text: str, run: _Run, hits: list[OfficialHit]) -> None:
    name = squash(text[run.start : run.end])
    hits.append(OfficialHit(run.start, run.end, name, None, cued=False))


def _beside_a_person(text: str, run: _Run, spans: list[tuple[int, int]]) -> bool:
    """The nearest person before or after `run` is its neighbour in an enumeration ("X, Y y
    Z"): only a comma and/or "y" between them."""
    i = bisect_left(spans, (run.start, 0))
    if i > 0 and _COORDINATION.fullmatch(text, spans[i - 1][1], run.start) is not None:
        return True
    return i < len(spans) and _COORDINATION.fullmatch(text, run.end, spans[i][0]) is not None


@cache
def _bare_roles() -> frozenset[str]:
    """Role words that say of what nothing ("diputado", "gobernadora"), folded."""
    return frozenset(fold(h) for h in ROLE_HEADS)


@cache
def _role_words() -> frozenset[str]:
    return frozenset(fold(h.split()[0]) for h in ROLE_HEADS)


@cache
def _honorific_words() -> frozenset[str]:
    return frozenset(fold(h.rstrip(".")) for h in HONORIFICS)


#: A surname in brackets after a given name, as a transcript writes whom a speaker means:
#: "grabamos un mensaje con Rocío (Nahle)".
_BRACKETED_SURNAME = re.compile(r"[^\S\n]*\(([A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)\)")


def _link_known(text: str, hits: list[OfficialHit], rest: list[_Run]) -> None:
    """Later mentions of a found name: full, surnames only, or first name + first surname."""
    known = [(fold(name).split(), name) for name in dict.fromkeys(h.name for h in hits)]
    if not known:
        return
    # surnames (every word but the first) per name: the cheap test runs first
    tests = [(parts, full, frozenset(parts[1:])) for parts, full in known]
    bracketed_end = -1
    for run in sorted(rest, key=lambda r: r.start):
        if run.start < bracketed_end:
            continue  # the surname in "Cuitláhuac (García)", linked with the given name
        words = [fold(w) for w in _name_words(run)]
        if not words or any(w in NON_NAME for w in words):
            continue
        end = run.end
        surname = _BRACKETED_SURNAME.match(text, run.end) if len(words) == 1 else None
        if surname is not None:  # "con Rocío (Nahle) y Cuitláhuac (García)": a speaker's aside
            words, end = [*words, fold(surname[1])], surname.end()
        elif len(words) == 1 and words[0] in gazetteer().entries:
            continue  # "Puebla" is the state even when an official is named "... Puebla ..."
        if after_place_cue(text, run.start):
            continue  # "la alcaldía Miguel Hidalgo" after "Miguel Hidalgo y Costilla"
        last = words[-1]
        matches = {
            full
            for parts, full, surnames in tests
            if last in surnames
            and (len(words) >= 2 or words[0] in parts[-2:])
            and is_subsequence(words, parts)
        }
        if len(matches) != 1:
            continue
        full = matches.pop()
        inline = run.prefix
        if inline[:3].lower() in ("el ", "la "):
            inline = inline[3:]
        role = squash(inline) if inline and fold(inline.split()[0]) in _role_words() else None
        if role is None and not inline:
            # "La gobernadora Lezama expresó": a role in lower case right before the surname
            role = _left_role(text, run.start)
            before = [h for h in hits if h.end <= run.start]
            if role is not None and before:
                previous = max(before, key=lambda h: h.end)
                if _role_of_previous(text, previous, run, role):
                    role = None
        hits.append(OfficialHit(run.start, end, full, role, cued=False))
        if surname is not None:
            bracketed_end = end


def _join_misspelled(hits: list[OfficialHit]) -> None:
    """A mention that misspells a person found in the bulletin is that person: a given name
    that is no given name, one letter away ("Zoo Robledo detalló" after "Zoé Robledo"), or a
    surname that is no surname, two letters away, with the same role ("Zoe Robeldo, director
    general del IMSS")."""
    given, family = given_names(), surnames()
    roles: dict[str, str] = {}
    for h in hits:
        if h.role:
            roles.setdefault(h.name, fold(h.role).split()[0])
    keys = [(fold(name).split(), name) for name in dict.fromkeys(h.name for h in hits)]
    for hit in hits:
        mine = fold(hit.name).split()
        if len(mine) < 2 or (mine[0] in given and all(w in family for w in mine[1:])):
            continue  # a name the lexicons know is no misspelling
        role = fold(hit.role).split()[0] if hit.role else None
        owners = {
            name
            for parts, name in keys
            if parts != mine
            and (
                _misspelled_given(mine, parts, given)
                or (role and roles.get(name) == role and _misspelled_surname(mine, parts, family))
            )
        }
        if len(owners) == 1:
            hit.name = owners.pop()


def _misspelled_given(mine: list[str], parts: list[str], given: frozenset[str]) -> bool:
    return (
        mine[0] not in given
        and parts[0] in given
        and Levenshtein.distance(mine[0], parts[0]) == 1
        and is_subsequence(mine[1:], parts[1:])
    )


def _misspelled_surname(mine: list[str], parts: list[str], family: frozenset[str]) -> bool:
    if mine[0] != parts[0] or len(mine) > len(parts):
        return False
    pairs = list(zip(mine[1:], parts[1:], strict=False))
    wrong = [(a, b) for a, b in pairs if a != b]
    return len(wrong) == 1 and all(
        a not in family and len(a) >= 5 and Levenshtein.distance(a, b) <= 2 for a, b in wrong
    )


#: Letters Spanish does not sound apart, as `str.replace` pairs (faster than a `translate`
#: table that lacks most characters).
_SPELLING = (("h", ""), ("y", "i"), ("z", "s"), ("k", "c"), ("w", "u"))
_DOUBLED = re.compile(r"(\w)\1")


def _one_letter(match: re.Match[str]) -> str:
    return match.group(1)  # a function, not r"\1": `sub` expands a template in Python per call


@lru_cache(maxsize=8192)
def _spelling_key(name: str) -> str:
    """A name as Spanish hears it: no silent h, y as i, z as s, no doubled letters
    ("Christian" and "Cristian", "Ivonne" and "Ivone", "Luiz" and "Luis" agree)."""
    key = fold(name)
    for written, heard in _SPELLING:
        key = key.replace(written, heard)
    return _DOUBLED.sub(_one_letter, key)


def _join_spelling_variants(hits: list[OfficialHit]) -> None:
    """Two spellings of one name in a bulletin are one person, named as first written:
    "Christian Rodallegas" ... "el delegado estatal Cristian Rodallegas"."""
    names = dict.fromkeys(h.name for h in sorted(hits, key=lambda h: h.start) if " " in h.name)
    first: dict[str, str] = {}
    for name in names:
        first.setdefault(_spelling_key(name), name)
    if len(first) == len(names):
        return  # no two spellings of one name: the common case
    for hit in hits:
        if " " in hit.name:
            hit.name = first[_spelling_key(hit.name)]


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
            if len(parts) > len(mine) and is_subsequence(mine, parts) and mine[-1] in parts[1:]:
                hit.name = candidate
                break
    _join_misspelled(hits)
    _join_spelling_variants(hits)
    full = [(fold(name).split(), name) for name in dict.fromkeys(h.name for h in hits if h.role)]
    for hit in hits:
        if hit.role:
            continue
        mine = fold(hit.name).split()
        owners = {name for parts, name in full if len(mine) == 2 and mine[0] == parts[-1]}
        if len(owners) == 1:
            hit.name = owners.pop()
