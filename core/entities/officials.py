"""Officials: people's names, with the role or title written beside them, and later mentions.

A run of capitalized words is a person with a cue:
- a role before it, with or without comma ("el Director General del IMSS, José Antonio
  González Anaya", "el presidente Andrés Manuel López Obrador", "la titular del programa
  IMSS-Oportunidades Frinne Azuara Yarzabal");
- a role after it, after a comma or "como" ("Bertha Alcalde Luján, directora general del
  Issste", "Germán Martínez como director general");
- a title before it ("el general Jens Pedro Lohmann Iturburu", "la maestra ...", "Dr. ...");
- a speech verb after it ("Gabino Cué Monteagudo dijo");
- or it repeats a name already found ("González Anaya dijo", "El Gobernador Velasco Coello").
A run with no cue is a person when it has the shape of a Mexican name and the name lexicons
back it (`person_names`: lists, councils, people beside a known one).
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
from core.entities.text import SP, SpanSet, fold, sentence_start, squash, word_leads
from core.textfold import is_subsequence

_NW = r"(?<![\w\-‐])[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:[-‐][A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"
_INITIAL = r"[A-ZÁÉÍÓÚÑ]\."
NAME_RUN = re.compile(
    rf"{_NW}(?:{SP}(?:(?:de{SP}la|de{SP}los|de{SP}las|del|de){SP})?(?:{_NW}|{_INITIAL}(?={SP}[A-Z])))*"
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
#: "A, directora de ...", "A, el secretario de ...", and "A como nuevo director de ...", "A
#: era el director general ..." (a role said of the name with "como" or a copula).
_RIGHT_ROLE = re.compile(
    r"(?:\s*,\s*(?:(?:el|la|los|las)\s+)?"
    r"|\s+(?:como|es|era|fue|será)\s+(?:(?:el|la)\s+)?(?:nuev[oa]\s+)?)"
    rf"(?P<role>(?i:{_alternation(ROLE_HEADS)})(?![\w])"
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
    office: bool = False  # an office's words ("Gobierno de ..."): a name may only close it
    after_office: bool = False  # the name that closes such a run


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


def _plural_verb_opening(text: str, toks: list[tuple[int, int, str]]) -> bool:
    """A headline's present plural before a given name ("Recorren Héctor Astudillo y ...",
    "Inauguran Zoé Robledo y ..."): ends in -an/-en, no name ("Juan", "Carmen" are in the
    lexicon), and opens a sentence or a line."""
    first = fold(toks[0][2])
    return (
        first.endswith(("an", "en"))
        and first not in given_names()
        and first not in surnames()
        and fold(toks[1][2]) in given_names()
        and sentence_start(text, toks[0][0])
    )


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
        if i == 0 and len(toks) > 2 and _plural_verb_opening(text, toks):
            i = 1
        # a role followed by its complement ("Director General del IMSS") is not a name
        if 0 < i < len(toks) and toks[i - 1][2] in _PARTICLES:
            runs.append(_Run(toks[0][0], toks[-1][1], toks, office=True))
            continue
        rest = toks[i:]
        while rest and rest[-1][2] in _PARTICLES:
            rest.pop()
        if not rest:
            continue
        prefix = " ".join(t[2] for t in toks[:i])
        last = _y_surname(text, rest[-1][1]) if len(rest) >= 2 else None
        if last is not None:
            y_at = text.index("y", last.start(), last.start(1))
            rest += [(y_at, y_at + 1, "y"), (*last.span(1), last.group(1))]
            skip_to = last.end(1)
        runs.append(_Run(rest[0][0], rest[-1][1], rest, prefix))
    return runs


def _name_words(run: _Run) -> list[str]:
    return [w for _, _, w in run.words if w not in ("de", "del", "la", "los", "las", "y")]


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
        if fold(word) in NON_NAME or (run.office and _leading(word)):
            tail = words[i + 1 :]
            if tail and tail[0][2] in _PARTICLES:  # "Gobierno de A B"
                while tail and tail[0][2] in _PARTICLES:
                    tail = tail[1:]
                return (
                    _Run(tail[0][0], tail[-1][1], tail, after_office=True)
                    if len(tail) >= 2
                    else None
                )
            # no particle: "Baja California Sur Víctor Manuel Castro Cosío reveló"
            return (
                _Run(tail[0][0], tail[-1][1], tail, after_office=True) if len(tail) >= 3 else None
            )
    return None


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
    if gap.lstrip().startswith(",") and squash(gap).strip(" ,") == role:
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
        role = _left_role(text, run.start) if not inline else None
        if role is not None and hits and _role_of_previous(text, hits[-1], run, role):
            role = None  # "A, Secretario de Salud, B, Secretario de Educación": A's role
        if role is None and not (
            _ARTICLE_ROLE.match(text, run.end) and (inline_role or _next_names(text, run.end))
        ):
            role = _right_role(text, run.end, taken)  # not "A, el Secretario de Salud, B": B's role
        if role is None and inline_role and _name_like(run):
            role = inline_role
        honorific = _honorific_before(text, run.start)
        honorific = honorific or bool(inline and fold(inline.split()[-1]) in _honorific_words())
        speech = bool(_SPEECH_AFTER.match(text, run.end))
        name = squash(text[run.start : run.end])
        if not (role or honorific or speech):
            uncued.append(run)
        elif not _names_a_place_or_building(text, run, role, taken):
            hits.append(OfficialHit(run.start, run.end, name, role))
    found = _people_without_cue(text, uncued, hits)
    rest += [run for run in uncued if run not in found]
    _link_known(text, hits, rest)
    _canonicalize(hits)
    hits.sort(key=lambda h: h.start)
    return hits


_COORDINATION = re.compile(r"\s*(?:,\s*(?:(?:y|e)\s+)?|(?:y|e)\s+)")


_TITLE_ONLY = re.compile(r"(?:(?:Dr|Dra|Lic|Gral|Ing|Mtro|Mtra)\.|Doctor|Doctora|General)\s+$")


def _names_a_place_or_building(text: str, run: _Run, role: str | None, taken: SpanSet) -> bool:
    """A cue does not make a person of a building's honorific name ("Hospital de Especialidades
    'Dr. Bernardo Sepúlveda'", "Hospital General de Zona No. 15 del IMSS Dr. Ernesto Ramos
    Bours") or of a place ("en el municipio de San Juan Chamula, sostuvo")."""
    if is_quoted_name(text, run.start, run.end) or after_place_cue(text, run.start):
        return True
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
        if level is Support.NONE or names_something_else(text, run.start, run.end):
            continue
        if (
            level is Support.STANDALONE
            or is_list_item(text, run.start)
            or introduced(text, run.start)
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
            if len(parts) > len(mine) and is_subsequence(mine, parts) and mine[-1] in parts[1:]:
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
