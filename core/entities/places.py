"""Places: the country, states and municipalities named in a bulletin, by gazetteer plus context.

A gazetteer hit is only a candidate. Rules, in order (see `_decide`):
1. "X, <Estado>" or "X, <abbr.>" (a dateline or an address) makes X a municipality of that
   state, and never another state's namesake; a state name followed by itself ("Chihuahua,
   Chihuahua"), after "ciudad(es) de" / "municipio(s) de", or beside one of its towns in an
   enumeration ("en Zacatecas y Guadalupe") is its capital city.
2. A state name is the state, except Guerrero/Hidalgo/Morelos, which need a cue ("en", "estado
   de", "gira por", or closing a list item: "• Julio Menchaca Salazar, Hidalgo"). A state's
   short form ("Oax.", "N.L.", "CDMX") is the state; one that is also a word ("Son.", "Col.")
   only after "<Town>," (core/data/state_abbreviations.csv).
3. Names that are common words, surnames or heroes ("Reforma", "Juárez", "Benito Juárez") need
   a cue: "municipio de X", "alcaldía X", "estado de X", a dateline, or a list of places; a
   surname-town after "en" in a bulletin about its own state ("en León"), or a two-word name
   after "en"/"hacia"/"desde" ("en Ramos Arizpe") is cue enough. Followed by "de" and a
   capital, such a word opens another name ("IMSS Centro de Atención Infantil"): no place.
4. A name several states share picks the bulletin's state (the one it names most), else the
   far more populous one, else it needs a cue.
5. A name is no town when it names a region ("Istmo de Tehuantepec"; "Valle del Mezquital"
   unless the bulletin's state has a town of that name), when two towns of the bulletin's
   state answer to it ("Atotonilco"), or when it reads like a neighbourhood (a saint's or an
   article's name) of a small town in a state the text never names ("en El Cortijo y Santa
   Bárbara" of Saltillo).
A hit inside a person's name or inside a facility's or institution's name is not a place; a
capitalized word that only opens the sentence ("En Tepic", "Cancela Torreón") and is no
given name or surname is no name glued to it, nor is one across a blank line.
An outlet's slogan opening a line ("De Veracruz al mundo") names no place.
The country ("México", "República Mexicana") is the place "México" (see `_country`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import islice

from core.entities.gazetteer import (
    Entry,
    Place,
    gazetteer,
    is_person_word,
    opens_with_given_name,
    state_name,
)
from core.entities.officials import ROLE_HEADS
from core.entities.text import SpanSet, cap_runs, fold, literal_alternation, sentence_start
from core.models import EntityKind, Mention

_CUE_BEFORE = re.compile(
    r"(?:\b(?:municipios?|alcald[ií]as?|ciudad(?:es)?|localidad(?:es)?|comunidad(?:es)?|puerto|"
    r"delegaci[oó]n(?:es)?|estados?|entidad(?:es)?|capital|cabecera\s+municipal|"
    r"poblaci[oó]n|villa|colonia)\s+(?:de\s+(?:la\s+|los\s+)?|del\s+)?)$",
    re.IGNORECASE,
)
#: Cues for the city a state is named after: "la ciudad de Puebla", "municipio de Colima".
_CITY_BEFORE = re.compile(
    r"\b(?:municipios?|alcald[ií]a|ciudad(?:es)?|Cd\.?|capital|cabecera\s+municipal|localidad)"
    r"\s+(?:de\s+|del\s+)?$",
    re.IGNORECASE,
)
_CAPITAL_AFTER = re.compile(r"[^\S\n]+[Cc]apital\b")
#: "los 109 municipios de Oaxaca", "sus municipios de Veracruz": the state's municipalities.
_COUNTED_TOWNS_BEFORE = re.compile(
    r"\b(?:\d[\d,]*|sus|varios|diversos|todos\s+los)\s+municipios\s+(?:de|del)\s+$",
    re.IGNORECASE,
)
#: "• Julio Menchaca Salazar, Hidalgo" closing a list item: the state, not a surname.
_ITEM_END = re.compile(r"[^\S\n]*(?:[.;]?[^\S\n]*(?:\n|$))")
#: "la región del Soconusco", "el Valle del Mezquital": a town of the bulletin's state, or none.
_REGION_BEFORE = re.compile(
    r"\b(?:regi[oó]n|valle)\s+(?:de\s+(?:la\s+|los\s+)?|del\s+)?$", re.IGNORECASE
)
#: An outlet's slogan opening a line (reflowed into the lead, or alone): "De Veracruz al
#: mundo", "Desde Puebla para el mundo".
_SLOGAN = re.compile(
    r"[^\S\n]*(?:De|Desde)(?:[^\S\n]+[A-ZÁÉÍÓÚÑ][\w.]*){1,4}[^\S\n]+"
    r"(?:al|para[^\S\n]+el|hacia[^\S\n]+el)[^\S\n]+mundo\b"
)


#: A tour through a place: "en su gira por Guerrero", "un recorrido de trabajo por Morelos".
_TOUR_BEFORE = re.compile(
    r"\b(?:gira|recorrido|visita)(?:\s+de\s+trabajo)?\s+por\s+(?:el\s+estado\s+de\s+)?$",
    re.IGNORECASE,
)
#: A body with a branch in every state: "la delegada del IMSS Morelos".
_BRANCH_BODIES = ("IMSS", "ISSSTE", "OOAD")
_BRANCH_BEFORE = re.compile(rf"\b(?:{'|'.join(_BRANCH_BODIES)})[^\S\n]+$")
#: "de"/"del" and a capital after a common-word town: it opens a longer name instead.
_OF_A_NAME = re.compile(r"[^\S\n]+(?:de|del|de[^\S\n]+la)[^\S\n]+[A-ZÁÉÍÓÚÑ]")
#: What follows a dateline's town at the start of a block: "Mérida, ...", "MÉRIDA.-".
_DATELINE_DASH = re.compile(r"\.?[^\S\n]*[-–—]")


def _dateline_town(text: str, cand: _Candidate) -> bool:
    """A town opening a line as a dateline does: "MÉRIDA.-", or "Mérida," after a line that
    ends a block (a hard-wrapped line ending in a word goes on: "Aurelio Pacheco\nBravo,")."""
    if _DATELINE_DASH.match(text, cand.end):
        return True
    if text[cand.end : cand.end + 1] != ",":
        return False
    above = text[max(0, cand.start - 200) : cand.start].rstrip()
    return not above or not (above[-1].isalpha() or above[-1] == ",")


#: Regions named after a town: "Istmo de Tehuantepec", "Sierra de Zongolica".
_LANDFORM_BEFORE = re.compile(
    r"\b(?:Istmo|Sierra|Costa|Cuenca|Altos|Ca[ñn]ada|Meseta|Huasteca|Mixteca)"
    r"\s+(?:de\s+(?:la\s+|los\s+)?|del\s+)$"
)
#: A numbered unit and its town: "la UMF No. 83 de Matamoros", "el HGZ 33 en Monterrey".
_UNIT_BEFORE = re.compile(
    r"(?:\bNo\.?|\bN[úu]m(?:\.|ero)?|\b[A-Z]{2,}(?:/[A-Z]+)?)\s*\d+,?\s+(?:de|en)\s+$"
)
#: "HGZ No. 13 Matamoros, HGSZ No. 17 Miguel Alemán": a list of units, each with its town.
_UNIT_BARE_BEFORE = re.compile(
    r"(?:\bNo\.?|\bN[úu]m(?:\.|ero)?|\b[A-Z]{2,}(?:/[A-Z]+)?)[^\S\n]*\d+[^\S\n]+$"
)
#: "el nuevo hospital de Santiago Papasquiaro", "la clínica en San Pedro": a unit's town.
#: ("clínica de" names a service as often: "la clínica de Mama").
_UNIT_WORD_BEFORE = re.compile(r"\b(?i:hospital(?:es)?\s+(?:de|en)|cl[ií]nicas?\s+en)\s+$")
_DIGIT = re.compile(r"\d")
_EN_BEFORE = re.compile(r"\b(?:en|de|a|hacia|desde)\s+$")
#: Prepositions of movement or location, as opposed to "de", which also joins names.
_AT_BEFORE = re.compile(r"\b(?:[Ee]n|a|hacia|[Dd]esde|hasta)\s+$")
#: Capitalized only because they open a sentence: no name is glued to a place by them.
_OPENERS = frozenset(
    [
        "en",
        "el",
        "la",
        "los",
        "las",
        "de",
        "del",
        "desde",
        "hacia",
        "hasta",
        "para",
        "por",
        "con",
        "durante",
        "tras",
        "a",
        "al",
        "y",
        "e",
        "entre",
        "sobre",
        "según",
        "ante",
        "también",
        "además",
        "asimismo",
        "mientras",
    ]
)
#: The country's canonical name (a place, beside the 32 states and their municipalities).
COUNTRY = "México"
_COUNTRY = re.compile(
    r"(?:M[ée]xico|M[ÉE]XICO|Rep[úu]blica\s+[Mm]exicana|REP[ÚU]BLICA\s+MEXICANA"
    r"|Estados\s+Unidos\s+Mexicanos|ESTADOS\s+UNIDOS\s+MEXICANOS)\b"
)
_STATE_OF = re.compile(r"\b[Ee](?:stado|STADO)\s+(?:de|DE)\s+$")
_NAME_DE = re.compile(r"[A-ZÁÉÍÓÚÑ][\wáéíóúñ.]*\s+(?:de|DE|del|DEL)\s+$")
_WORD_DE = re.compile(r"(\w+)\s+(?:de|DE|del|DEL)\s+$")
_FIGURATIVE = re.compile(r"\b(?:[Uu]n|[Ee]l|otro|nuevo)\s+$")  # "un México incluyente"
#: After "México": ", D.F." or a dateline's date (the capital), " |" (a page's section), or a
#: point of the compass (the IMSS's regional offices "México Oriente", "México Poniente").
_NOT_COUNTRY_AFTER = re.compile(
    r",?[^\S\n]*(?:D\.[^\S\n]?F\.|DF\b|Distrito Federal)|,[^\S\n]*(?:a[^\S\n]+)?\d{1,2}[^\d]"
    r"|[^\S\n]*\||[^\S\n]+(?:Oriente|Poniente|Norte|Sur)\b"
)
_THE_COUNTRY = re.compile(r"(?:el|del|al)\s+(pa[ií]s)\b")
_CAP_END = re.compile(r"[A-ZÁÉÍÓÚÑ][\w.]*,[^\S\n]*$")
_CITY_WORDS = re.compile(r"[A-ZÁÉÍÓÚÑ]\w+(?:[^\S\n]+(?:del?[^\S\n]+)?[A-ZÁÉÍÓÚÑ]\w+)*")
_CITY_ABBR = re.compile(  # no leading \b: see _abbreviations; checked in the loop
    r"(?:Cd|CD)\.?[^\S\n]*(?:de[l]?[^\S\n]+)?(?=[A-ZÁÉÍÓÚÑ])"
    r"|ciudad[^\S\n]+(?:de[l]?[^\S\n]+)?(?=[A-ZÁÉÍÓÚÑ])"  # "a ciudad Obregón"
)
#: Between two items of an enumeration: "Calera, Guadalupe o Río Grande".
_LIST_GAP = re.compile(r"\s*(?:,|;|\by\b|\be\b|\bo\b|\bu\b)\s*")
_CONNECTORS = frozenset({"de", "del", "la", "las", "los", "el", "y", "de la", "de los"})
_DOMINANT = 5  # population ratio that lets the big namesake win without a cue
_FAR_TOWN = 50_000  # a saint's or article's town of another state this big needs no cue
_NEIGHBOURHOOD_LIKE = re.compile(r"(?:San|Santa|Santo|El|La|Los|Las|Villa)\s")
_ARTICLE_BEFORE = re.compile(r"\b(?:El|La|Los|Las)[^\S\n]+$")


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    entry: Entry
    chosen: Place | None = None
    pending: bool = False
    cued: bool = False


def _alternation(forms: frozenset[str] | set[str]) -> str:
    return literal_alternation(forms)


#: After a short form that is also a word ("Son.", "Col."): no letter may follow, so
#: "Hermosillo, Son., 3 de..." is Sonora and "Av. Juárez 5, Col. Centro" is no Colima.
_NO_WORD_AFTER = r"(?![\w])(?![^\S\n]*[^\W\d_])"


@cache
def _short_forms() -> tuple[str, str]:
    """Regex alternations of the state short forms: (no Spanish word, also a word)."""
    gaz = gazetteer()
    return (
        _alternation(gaz.standalone),
        _alternation(set(gaz.state_abbreviations) - gaz.standalone),
    )


@cache
def _abbreviations() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """State short forms: the unambiguous ones anywhere, the rest only as "<Town>, Son.";
    those in capitals without dots ("BC", "NL") also after "de" or "en" ("gobernador de
    BC"), where no other word reads so."""
    anywhere, after_comma = _short_forms()
    capitals = _alternation(
        {f for f in set(gazetteer().state_abbreviations) - gazetteer().standalone if f.isalpha()}
        - {f for f in gazetteer().state_abbreviations if not f.isupper()}
    )
    # Each pattern opens with what it must see first, and no lookbehind before it: re runs a
    # pattern's opening at every position of every bulletin. The character before a
    # standalone form is checked by the caller.
    return (
        re.compile(rf"(?:{anywhere})(?![\w])"),
        re.compile(rf",[^\S\n]*(?P<comma>{after_comma}){_NO_WORD_AFTER}"),
        re.compile(rf"\b(?:de|en)[^\S\n]+(?P<prep>{capitals})(?!\w|\.\w)"),
    )


@cache
def _follow_state() -> re.Pattern[str]:
    """', Oaxaca', ', Oax.', ', en el estado de Oaxaca', ' (Oaxaca)' after a town."""
    anywhere, after_comma = _short_forms()
    state = gazetteer().state_pattern
    return re.compile(
        rf"\s*(?:,\s*(?:en\s+)?|\(\s*(?=(?i:{state})\s*\)))"
        rf"(?:(?i:(?:el\s+)?estado\s+de\s+)?(?P<state>(?i:{state}))\b"
        rf"|(?P<abbr>{anywhere})(?!\w)|(?P<abbr2>{after_comma}){_NO_WORD_AFTER})"
    )


_TOKEN = re.compile(r"\S+")
_FOLDED: dict[str, str] = {}  # token -> fold(token): capitalized words repeat across bulletins


def scan(text: str) -> list[_Candidate]:
    """Every longest gazetteer hit among capitalized runs, left to right.

    Token offsets are only computed for runs that hold a hit (a few per bulletin).
    """
    gaz = gazetteer()
    prefixes, entries = gaz.prefixes, gaz.entries
    folded = _FOLDED
    if len(folded) > 50_000:
        folded.clear()
    found: list[_Candidate] = []
    for run in cap_runs(text):
        start, end = run.span()
        words: list[str] = _TOKEN.findall(text, start, end)
        keys = []
        for word in words:
            key = folded.get(word)
            if key is None:
                key = folded[word] = fold(word)
            keys.append(key)
        spans: list[tuple[int, int]] | None = None
        i = 0
        while i < len(words):
            key = keys[i]
            if key not in prefixes or words[i] in _CONNECTORS:
                i += 1
                continue
            best: tuple[int, Entry] | None = None
            j = i
            stop = min(len(words), i + gaz.max_words)
            while True:
                entry = entries.get(key)
                if entry is not None and words[j] not in _CONNECTORS:
                    best = (j, entry)
                j += 1
                if j >= stop:
                    break
                key = f"{key} {keys[j]}"
                if key not in prefixes:
                    break
            if best is None:
                i += 1
                continue
            j, entry = best
            if spans is None:
                spans = [m.span() for m in _TOKEN.finditer(text, start, end)]
            found.append(_Candidate(spans[i][0], spans[j][1], entry))
            i = j + 1
    found = _with_city_short_forms(text, found)
    taken = SpanSet([(c.start, c.end) for c in found])
    found.extend(c for c in _state_short_forms(text) if not taken.overlaps(c.start, c.end))
    found.sort(key=lambda c: c.start)
    return found


def _state_short_forms(text: str) -> list[_Candidate]:
    """States by their abbreviation: "Oax.", "CDMX", and "Son." only as in "Ures, Son."."""
    gaz = gazetteer()
    found: list[_Candidate] = []
    standalone, after_comma, after_preposition = _abbreviations()
    matches: list[tuple[re.Match[str], int | str]] = [(m, 0) for m in standalone.finditer(text)]
    matches += [(m, "comma") for m in after_comma.finditer(text)]
    matches += [(m, "prep") for m in after_preposition.finditer(text)]
    for m, group in matches:
        start, end = m.span(group)
        if not group and start and (text[start - 1].isalnum() or text[start - 1] in "._"):
            continue  # inside a word or an abbreviation: "PDF", "Pue.Oax."
        if group == "comma" and not _CAP_END.search(text, max(0, start - 40), start):
            continue
        key = gaz.state_abbreviations[m.group(group)]
        place = Place(state_name(key), key, True)
        found.append(_Candidate(start, end, Entry((place,), False)))
    return found


def _with_city_short_forms(text: str, found: list[_Candidate]) -> list[_Candidate]:
    """'Cd. Juárez', 'Cd. del Carmen' read as 'Ciudad ...', replacing the hits inside them."""
    gaz = gazetteer()
    cities: list[_Candidate] = []
    for m in _CITY_ABBR.finditer(text):
        if m.start() and text[m.start() - 1].isalnum():
            continue
        run = _CITY_WORDS.match(text, m.end())
        if run is None:
            continue
        words = run.group().split()
        head = 6 if m.group().startswith("ciudad") else 2
        middle = text[m.start() + head : m.end()].strip(". ").split()  # "del" in "Cd. del Carmen"
        for n in range(len(words), 0, -1):  # the longest name first
            entry = gaz.entries.get(fold(" ".join(["ciudad", *middle, *words[:n]])))
            if entry is not None:
                end = _token_end(text, m.end(), n)
                cities.append(_Candidate(m.start(), end, entry))
                break
    if not cities:
        return found
    spans = SpanSet([(c.start, c.end) for c in cities])
    return [c for c in found if not spans.overlaps(c.start, c.end)] + cities


def _token_end(text: str, start: int, n: int) -> int:
    """Where the n-th whitespace-separated token from `start` ends."""
    *_, last = islice(_TOKEN.finditer(text, start), n)
    return last.end()


def context_state(candidates: list[_Candidate], text: str | None = None) -> str | None:
    """The bulletin's own state: the one it names most often, the first one on a tie.

    National bulletins carry a Mexico City dateline but talk about another state, so the
    dateline alone would resolve "la Secretaría de Salud estatal" wrongly. With the text, a
    surname-town inside a name ("Alondra García Carbajal": García, Nuevo León) does not vote,
    and a state named like a surname votes where a cue says it is the state ("en Guerrero").
    """
    counts: dict[str, int] = {}
    for cand in candidates:
        entry = cand.entry
        if text is not None and _votes_differently(text, cand):
            if entry.lexical_ambiguity:
                state = entry.places[0].state
                counts[state] = counts.get(state, 0) + 1
            continue
        if entry.lexical_ambiguity:
            continue
        if entry.places[0].is_state or len({p.state for p in entry.places}) == 1:
            state = entry.places[0].state
            counts[state] = counts.get(state, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda state: counts[state])  # dicts keep first-seen order


def _votes_differently(text: str, cand: _Candidate) -> bool:
    """True for a cued state named like a surname ("en Guerrero", "estado de Morelos": it
    votes although ambiguous) and for a surname-town glued to a name (it does not vote)."""
    entry = cand.entry
    place = entry.places[0]
    word = text[cand.start : cand.end]
    if entry.lexical_ambiguity:
        before = text[max(0, cand.start - 20) : cand.start]
        return (
            place.is_state
            and bool(_AT_BEFORE.search(before) or _STATE_OF.search(before))
            and not _glued_to_name(text, cand)
        )
    return not place.is_state and is_person_word(word) and _glued_to_name(text, cand)


#: Capitalized words before a town that are no part of its name: an article the catalog
#: leaves out ("El Cardonal"), a place cue or a body with state branches ("IMSS Hidalgo").
_NOT_GLUE = frozenset(
    {"el", "la", "los", "las", "delegacion", "representacion", "estado", "municipio"}
    | {"imss", "issste", "ooad"}
)


#: A capitalized word next to a hit, in the same paragraph (a hard-wrapped name spans
#: lines: "Aurelio Pacheco\nBravo"; a byline above a dateline does not).
#: A middle initial is a word of the name too: "Francisco J. Múgica".
_WORD_BEFORE = re.compile(
    r"([A-ZÁÉÍÓÚÑ][\wáéíóúñ]+|(?<![\w.])[A-ZÁÉÍÓÚÑ]\.)[^\S\n]*+(?:\n[^\S\n]*+)?(?<=\s)$"
)
_WORD_AFTER = re.compile(r"(?=\s)[^\S\n]*+(?:\n[^\S\n]*+)?[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+")


def _glued_to_name(text: str, cand: _Candidate) -> bool:
    """'Miguel Hidalgo' / 'Hidalgo Costilla': a capitalized word in the same paragraph touches
    the hit. A word that opens a sentence ("En Tepic", "Cancela Torreón") is glued only when
    it may be a person's name ("Benito Juárez")."""
    before = text[max(0, cand.start - 30) : cand.start]
    after = text[cand.end : cand.end + 30]
    prev_word = _WORD_BEFORE.search(before)
    if prev_word is not None:
        word = prev_word.group(1)
        opens = cand.start - len(before) + prev_word.start(1)
        if fold(word) in _NOT_GLUE or (
            sentence_start(text, opens) and (word.lower() in _OPENERS or not is_person_word(word))
        ):
            prev_word = None
    next_word = _WORD_AFTER.match(after)
    return bool(prev_word or next_word)


def _decide(
    text: str, cand: _Candidate, home: str | None, named: frozenset[str] | None = None
) -> None:
    """Whether `cand` is a place and which. `named`: the states the text names; a small
    town of another state, with no cue, is taken only in a text that names its state."""
    gaz = gazetteer()
    entry = cand.entry
    states = [p for p in entry.places if p.is_state]
    towns = [p for p in entry.places if not p.is_state]
    before = text[max(0, cand.start - 60) : cand.start]
    follow = _follow_state().match(text, cand.end)
    followed_by = None
    if follow and (abbr := follow.group("abbr") or follow.group("abbr2")):
        followed_by = gaz.state_abbreviations[abbr]
    elif follow:
        found = gaz.entries.get(fold(follow.group("state")))
        if found and found.places[0].is_state:
            followed_by = found.places[0].state
    at_block_start = cand.start == 0 or text[cand.start - 1] == "\n"
    # the `$`-anchored cues are searched from every character of `before`: where a plain
    # check says one cannot match (no number, no body's acronym), it is not searched
    cue = bool(
        _CUE_BEFORE.search(before)
        or (_DIGIT.search(before) and _UNIT_BEFORE.search(before))
        # without "de"/"en", only a town of the bulletin's own state: a unit's honorific or
        # neighbourhood may follow its number too
        or (
            home is not None
            and any(t.state == home for t in towns)
            and _DIGIT.search(before) is not None
            and _UNIT_BARE_BEFORE.search(before) is not None
        )
        or (any(b in before for b in _BRANCH_BODIES) and _BRANCH_BEFORE.search(before))
        or _TOUR_BEFORE.search(before)
        or _UNIT_WORD_BEFORE.search(before)
    ) or (at_block_start and _dateline_town(text, cand))
    slogan = _SLOGAN.match(text, text.rfind("\n", 0, cand.start) + 1)
    if slogan is not None and slogan.end() >= cand.end:
        return  # "De Veracruz al mundo": an outlet's slogan opening a line, no news of a place
    if not entry.places[0].is_state and _LANDFORM_BEFORE.search(before):
        return  # "el Valle del Mezquital", "el Istmo de Tehuantepec": a region, no town
    if _REGION_BEFORE.search(before):
        # "la región del Soconusco" is named after a town of the bulletin's own state, if any,
        # never after its namesake elsewhere (Soconusco, Veracruz)
        if home and not any(p.state == home for p in entry.places):
            return
        cue = True
    cand.cued = cue
    if (
        entry.lexical_ambiguity
        and not entry.places[0].is_state
        and not followed_by
        and _OF_A_NAME.match(text, cand.end)
    ):
        return  # "IMSS Centro de Atención Infantil", "Reforma de Ley": a word of another name
    if followed_by:
        in_state = [t for t in towns if t.state == followed_by]
        if in_state and (not states or states[0].state == followed_by):
            cand.chosen = in_state[0]
            return
        if towns and not in_state and not states:
            # "Sabinas, Hidalgo": a comma inside the name "Sabinas Hidalgo"; otherwise "Tula,
            # Hidalgo" is no town of Tamaulipas but a name the gazetteer lacks
            written = follow.group("state")
            joined = (
                gaz.entries.get(" ".join(fold(f"{text[cand.start : cand.end]} {written}").split()))
                if written
                else None
            )
            whole = [p for p in joined.places if not p.is_state] if joined else []
            if whole:
                cand.chosen = next((p for p in whole if p.state == home), whole[0])
                cand.end = follow.end("state")
            return
    if states:
        state = states[0]
        namesake = next((t for t in towns if t.state == state.state), None)
        if namesake is not None and (
            (_CITY_BEFORE.search(before) and not _COUNTED_TOWNS_BEFORE.search(before))
            or _CAPITAL_AFTER.match(text, cand.end)
        ):
            cand.chosen = namesake  # "la ciudad de Puebla", "Guanajuato capital": the city
            return
        if _UNIT_BEFORE.search(before):
            # "el HGZ No. 1 de Durango", "la UMF No. 45 de Hidalgo" (in Nuevo León): a town
            local = next((t for t in towns if t.state == home), None) if home else None
            if local or namesake:
                cand.chosen = local or namesake
                return
        trusted = (
            not entry.lexical_ambiguity
            or cue
            or _EN_BEFORE.search(before)
            or (before.endswith(", ") and _ITEM_END.match(text, cand.end))
        )
        if trusted and not (entry.lexical_ambiguity and _glued_to_name(text, cand)):
            cand.chosen = state
            return
        if not _glued_to_name(text, cand):
            cand.chosen, cand.pending = state, True
        return
    if not towns:
        return
    local = [t for t in towns if t.state == home] if home else []
    if followed_by:
        local = [t for t in towns if t.state == followed_by] or local
    pick = local[0] if local else towns[0]
    head, *rest = fold(text[cand.start : cand.end]).split()
    if home and pick.state != home and head in ("ciudad", "cd.", "cd") and rest:
        # "Ciudad Juárez" in a bulletin about Nuevo León: its own Juárez, seated in a "Ciudad"
        bare = gaz.entries.get(" ".join(rest))
        pick = (
            next((p for p in bare.places if p.state == home and not p.is_state), pick)
            if bare
            else pick
        )
    if len(local) > 1 and _unsettled(text[cand.start : cand.end], local):
        return  # "Atotonilco" in Hidalgo: Atotonilco el Grande or Atotonilco de Tula
    # "en Ramos Arizpe", "hacia San Pedro": a two-word town after a preposition of place is
    # the town; one word ("en Victoria") or a hero ("en Benito Juárez") still needs a cue.
    surface = text[cand.start : cand.end]
    located = (
        _AT_BEFORE.search(before)
        and not opens_with_given_name(surface)
        and (home is None or pick.state == home)  # not a namesake far from the bulletin's state
        # one word only when it is a surname in the bulletin's own state: "en León" (Gto.)
        and (" " in surface or (entry.name_like and pick.state == home))
    )
    if entry.lexical_ambiguity and not cue and not (located and not _glued_to_name(text, cand)):
        if not _glued_to_name(text, cand):
            cand.chosen, cand.pending = pick, True
        return
    single_word = " " not in text[cand.start : cand.end]
    if single_word and not cue and not followed_by and _glued_to_name(text, cand):
        return
    several = len({t.state for t in towns}) > 1
    if several and not local and not cue:
        runner_up = next((t for t in towns[1:] if t.state != pick.state), None)
        if runner_up is None or pick.population < _DOMINANT * max(1, runner_up.population):
            cand.chosen = pick
            cand.pending = True
            return
    if (
        home is not None
        and named is not None
        and pick.state != home
        and pick.state not in named
        and not (cue or followed_by)
        and pick.population < _FAR_TOWN
        and (_NEIGHBOURHOOD_LIKE.match(text, cand.start) or _ARTICLE_BEFORE.search(before))
    ):
        # "en El Cortijo y Santa Bárbara" of Saltillo: the neighbourhoods of a city are named
        # after saints, with an article; a small namesake far away is not what is meant
        return
    if (
        home is not None
        and named is not None
        and pick.state != home
        and pick.state not in named
        and not followed_by
        and opens_with_given_name(surface)
        and _UNIT_BEFORE.search(before)
    ):
        # "la UMF No. 9, en Felipe Carrillo Puerto" in Querétaro: the unit's neighbourhood,
        # named after a hero as neighbourhoods are, not a town of a state the text never names
        return
    cand.chosen = pick


def _unsettled(surface: str, towns: list[Place]) -> bool:
    """Several municipalities of one state answer to `surface`, none by its full name and
    none far more populous than the next."""
    if any(fold(t.name.rsplit(", ", 1)[0]) == " ".join(fold(surface).split()) for t in towns):
        return False
    return towns[0].population < _DOMINANT * towns[1].population


def _confirm_lists(text: str, cands: list[_Candidate]) -> None:
    """A pending name between confirmed places in an enumeration is a place too."""
    changed = True
    while changed:
        changed = False
        for i, cand in enumerate(cands):
            if not cand.pending:
                continue
            for j in (i - 1, i + 1):
                if not 0 <= j < len(cands):
                    continue
                other = cands[j]
                if other.pending or other.chosen is None:
                    continue
                lo, hi = (other.end, cand.start) if j < i else (cand.end, other.start)
                if _LIST_GAP.fullmatch(text[lo:hi]):
                    cand.pending = False
                    # an enumeration stays in one state: "Matamoros y Allende, en Coahuila"
                    same = [
                        p
                        for p in cand.entry.places
                        if p.state == other.chosen.state and p.is_state == cand.chosen.is_state
                    ]
                    cand.chosen = same[0] if same else cand.chosen
                    changed = True
                    break


#: Between two places of one enumeration or one metropolitan area ("Zacatecas-Guadalupe").
_PAIR_GAP = re.compile(r"[^\S\n]*(?:,|;|-|\by\b|\be\b)[^\S\n]*")


def _capitals_beside_their_towns(text: str, cands: list[_Candidate]) -> None:
    """A state's name next to a town of that state, in one enumeration, is the capital named
    like it: "en Zacatecas y Guadalupe", "Chihuahua, Juárez y Delicias" name cities."""
    for i, cand in enumerate(cands):
        chosen = cand.chosen
        if chosen is None or not chosen.is_state or cand.pending:
            continue
        namesake = next(
            (p for p in cand.entry.places if not p.is_state and p.state == chosen.state), None
        )
        if namesake is None:
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(cands):
                continue
            other = cands[j]
            town = other.chosen
            if town is None or town.is_state or town.state != chosen.state:
                continue
            lo, hi = (other.end, cand.start) if j < i else (cand.end, other.start)
            gap = _PAIR_GAP.fullmatch(text, lo, hi)
            if gap is not None and not (j < i and "," in gap.group()):  # "León, Guanajuato"
                cand.chosen = namesake
                break


def find_places(
    text: str, blocked: list[tuple[int, int]], candidates: list[_Candidate] | None = None
) -> list[Mention]:
    """Place mentions outside `blocked` spans (names of people, facilities, institutions)."""
    cands = scan(text) if candidates is None else candidates
    home = context_state(cands, text)
    taken = SpanSet(blocked)
    free = [c for c in cands if not taken.overlaps(c.start, c.end)]
    named = frozenset(c.entry.places[0].state for c in cands if c.entry.places[0].is_state)
    for cand in free:
        _decide(text, cand, home, named)
    _confirm_lists(text, free)
    _capitals_beside_their_towns(text, free)
    reach = -1
    for cand in free:  # a name that took the state after its comma ("Sabinas, Hidalgo")
        if cand.start < reach:
            cand.chosen = None
        elif cand.chosen is not None:
            reach = cand.end
    found = [
        Mention(
            kind=EntityKind.PLACE,
            name=c.chosen.name,
            start=c.start,
            end=c.end,
            text=text[c.start : c.end],
        )
        for c in free
        if c.chosen is not None and not c.pending
    ]
    cands_taken = SpanSet([(c.start, c.end) for c in cands])
    found += _country(text, lambda s, e: taken.overlaps(s, e) or cands_taken.overlaps(s, e))
    found.sort(key=lambda m: m.start)
    return found


def dateline_place(surface: str) -> str:
    """A dateline's place in the place entity's canonical form ("MORELIA, Mich." -> "Morelia,
    Michoacán", "CDMX" -> "Ciudad de México"), so the bulletin's place and its place entities
    match in search and in the list. A dateline whose first word is no known place (a
    locality, or words run into it) is kept as written rather than cut to its state."""
    surface = " ".join(surface.split())
    found = find_places(surface, [])
    return found[0].name if found and found[0].start == 0 else surface


@cache
def _role_words() -> frozenset[str]:
    return frozenset(fold(head.split()[-1]) for head in ROLE_HEADS) | {"gobierno"}


def _of_a_role(before: str) -> bool:
    """'la presidenta de México', 'el gobierno de México': the country is part of the role."""
    m = _WORD_DE.search(before)
    return m is not None and fold(m.group(1)) in _role_words()


def _in_a_name(text: str, start: int) -> bool:
    """'W Radio México', 'Televisa México': a capitalized word (no sentence opener) before it."""
    prev = re.search(r"([A-ZÁÉÍÓÚÑ][\wáéíóúñ]*)[^\S\n]+$", text[max(0, start - 30) : start])
    if prev is None:
        return False
    opens = start - len(prev.group())
    return not (prev.group(1).lower() in _OPENERS and sentence_start(text, opens))


def _country(text: str, taken: Callable[[int, int], bool]) -> list[Mention]:
    """The country, "México" or "República Mexicana", where it is no part of another name.

    "estado de México" (lower case, which the gazetteer's capitalized runs miss) is the state;
    after a capitalized word and "de" it belongs to that name ("Gobierno de México", "Banco
    de México") or to the role it follows ("presidenta de México"); after an
    article it is a figure of speech ("un México incluyente"). "el país" is a further mention
    only in a bulletin that names the country.
    """
    found: list[Mention] = []
    for m in _COUNTRY.finditer(text):
        start, end = m.span()
        if (
            (start and text[start - 1].isalnum())
            or taken(start, end)
            or _NOT_COUNTRY_AFTER.match(text, end)
        ):
            continue  # "México, D.F." and an agency's "México, 7 May (Notimex)" are the capital
        before = text[max(0, start - 40) : start]
        if state_of := _STATE_OF.search(before):
            name = state_name("15")
            start -= len(state_of.group())
        elif (
            (_NAME_DE.search(before) and not m.group().lower().startswith("rep"))
            or _FIGURATIVE.search(before)
            or _of_a_role(before)
            or _in_a_name(text, start)
        ):
            continue
        else:
            name = COUNTRY
        found.append(
            Mention(kind=EntityKind.PLACE, name=name, start=start, end=end, text=text[start:end])
        )
    if any(m.name == COUNTRY for m in found):
        for m in _THE_COUNTRY.finditer(text):
            if not (m.start() and text[m.start() - 1].isalnum()) and not taken(*m.span(1)):
                found.append(
                    Mention(
                        kind=EntityKind.PLACE,
                        name=COUNTRY,
                        start=m.start(1),
                        end=m.end(1),
                        text=m.group(1),
                    )
                )
    return found
