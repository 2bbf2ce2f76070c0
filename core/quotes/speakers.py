"""Who says a quote: the subject of the nearest verb of saying, resolved to a bulletin official.

The subject is a named official next to the verb ("Gabino Cué Monteagudo dijo", "destacó
González Anaya", "afirmó el director general del IMSS, Zoé Robledo", "–apuntó– González
Anaya") or a role the bulletin gives exactly one of its officials ("El titular del IMSS
enfatizó", "La gobernadora destacó:"). A verb with no subject ("”, aseveró.") continues the
previous speaker, as Spanish leaves a known subject unsaid, but only within the same or the next
paragraph and only while no other official has become a sentence's subject; a subject that is
no known official (a patient, "un médico") stops that. Anything less clear is None.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from core.entities.institutions import find_institutions
from core.entities.lexicon import word_list
from core.entities.officials import HONORIFICS, ROLE_HEADS, SPEECH_VERBS
from core.entities.text import fold, literal_alternation
from core.models import BulletinEntity

#: Stand-in for quoted words in the masked text: verbs and names inside a quote are not cues.
MASK = "\x00"
#: Role words that head nobody's role list but name one in prose ("la mandataria estatal").
_ROLE_SYNONYMS = ("mandatario", "mandataria")
#: Heads of an institution: "el titular del IMSS" is its director general or its secretary.
_HEADS_OF = frozenset({"titular", "director", "secretari", "president", "comisionad", "jef"})
#: Words that make a "mandatario" the country's president rather than a state's governor.
_FEDERAL = frozenset({"federal", "primer", "republica", "pais", "nacional"})
#: How far from its verb a subject is looked for (a name plus a long role in commas).
PREFIX_CHARS = 250
_QUE = re.compile(r"(?<!\w)(?:que|quien|cual)(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Official:
    """One official mention in the bulletin and the entity it belongs to."""

    start: int
    end: int
    entity: BulletinEntity


@dataclass(frozen=True)
class Attribution:
    """A verb of saying and what its subject says about the speaker.

    `subject` is "official" (speaker set), "other" (someone the bulletin does not list as an
    official: speaker unknown) or "none" (no subject written: the previous speaker goes on).
    """

    start: int
    end: int
    subject: str
    speaker: BulletinEntity | None = None


@cache
def verb_pattern() -> re.Pattern[str]:
    """Every verb of saying the extractors know, as a whole word, any case."""
    verbs = {*SPEECH_VERBS, *word_list("quotes_speech_cues")}
    return re.compile(rf"(?<!\w)(?:{literal_alternation(verbs)})(?!\w)", re.IGNORECASE)


@cache
def _role_word() -> str:
    words = {w for head in ROLE_HEADS for w in head.split()[:1]}
    words |= {h.rstrip(".") for h in HONORIFICS if h[:1].isalpha()}
    return literal_alternation({*words, *_ROLE_SYNONYMS})


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    role = rf"(?:{_role_word()})(?!\w)"
    return {
        # Between a name and its verb: nothing, or a role in commas ("X, subsecretaria..., señaló").
        "gap_before": re.compile(r"\s*(?:,[^.;:!?\x00]{0,160}?)?,?\s*"),
        # Between a verb and the name after it: dashes, commas, an article and a role.
        "gap_after": re.compile(r"[\s,–—-]*(?:(?:el|la)\s+[^.;:!?\x00]{0,150}?)?[\s,]*", re.I),
        # A role as subject before the verb: "El titular del IMSS", "Por su parte, la gobernadora".
        "role_before": re.compile(
            rf"(?:^|,)\s*(?:el|la)\s+(?P<role>{role}[^,.;:!?\x00]{{0,100}}?)\s*,?\s*$", re.I
        ),
        "role_after": re.compile(
            rf"[\s,–—-]*(?:el|la)\s+(?P<role>{role}[^,.;:!?\x00–—]{{0,100}}?)\s*(?=[,.;:!?\x00–—]|$)",
            re.I,
        ),
        # Someone named right after the verb who is not a listed official: "afirmó María Pérez".
        "name_after": re.compile(
            r"[\s,–—-]*(?:(?:el|la)\s+[a-záéíóúñ ]{0,40})?[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s+[A-ZÁÉÍÓÚÑ]"
        ),
        "after_quote": re.compile(r"\x00[\s,–—-]*$"),
        "phrase_after": re.compile(r"[\s,]*(?:el|la|los|las|un|una|uno)\s+\w", re.I),
        "name_before": re.compile(r"[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+,?\s*$"),
        # A sentence opening whose subject is the official that follows ("Al hacer uso de la
        # palabra, el general ", "El Director General del IMSS, ").
        "subject_slot": re.compile(
            rf"\s*(?:[^,\x00]{{0,80}},\s*)?(?:(?:el|la)\s+)?(?:{role}[^,\x00]{{0,150}}?,?\s*)?",
            re.I,
        ),
    }


def _stem(word: str) -> str:
    """A role word without its gender ending: gobernadora/gobernador, secretaria/secretario."""
    word = fold(word)
    return word[:-1] if len(word) > 5 and word[-1] in "aoe" else word


def _gender(word: str) -> str | None:
    """ "f" for gobernadora, presidenta; "m" for gobernador, secretario; None for titular."""
    word = fold(word)
    if word.endswith("a"):
        return "f"
    if word.endswith(("o", "or")):
        return "m"
    return None


@dataclass(frozen=True)
class _RoleKey:
    heads: frozenset[str]  # head stems the phrase may stand for
    general: bool  # says "general" ("director general")
    gender: str | None


#: Words that make a bare "mandatario" a state's governor.
_STATE = frozenset({"estatal", "entidad", "estado"})


def _role_key(role: str) -> _RoleKey:
    """What a role as written says: its head, whether "general", its grammatical gender.

    A bare "el mandatario" may be the governor or the president: both heads are kept, and
    the bulletin's officials decide (one of them, or nobody).
    """
    words = fold(role).replace(",", " ").split()
    if not words:
        return _RoleKey(frozenset(), False, None)
    head = _stem(words[0])
    heads = frozenset({head})
    if head == "mandatari":
        rest = set(words[1:])
        if _FEDERAL & rest:
            heads = frozenset({"president"})
        elif _STATE & rest or len(words) > 1:  # "mandataria estatal", "mandatario mexiquense"
            heads = frozenset({"gobernador"})
        else:
            heads = frozenset({"gobernador", "president"})
    general = len(words) > 1 and words[1] == "general"
    return _RoleKey(heads, general, _gender(words[0]))


def _institutions(role: str) -> frozenset[str]:
    return frozenset(hit.name for hit in find_institutions(role) if hit.name)


def official_for_role(role: str, officials: list[BulletinEntity]) -> BulletinEntity | None:
    """The one official whose role the phrase describes, or None if none or several do.

    When the phrase names a body ("el titular del IMSS"), an official whose role names the
    same body wins; one whose role names no body ("director general del Instituto") is taken
    only when no role names it; one whose role names another body never is.
    """
    asked = _role_key(role)
    bodies = _institutions(role)
    same_body: list[BulletinEntity] = []
    no_body: list[BulletinEntity] = []
    for entity in officials:
        if not entity.role:
            continue
        theirs_key = _role_key(entity.role)
        titular = "titular" in asked.heads
        same_head = bool(asked.heads & theirs_key.heads) or (
            titular and bool(theirs_key.heads & _HEADS_OF)
        )
        if not same_head or (asked.general and not theirs_key.general and not titular):
            continue
        if asked.gender and theirs_key.gender and asked.gender != theirs_key.gender:
            continue  # "la gobernadora" is not "el Gobernador"
        theirs = _institutions(entity.role)
        if not bodies or bodies & theirs:
            same_body.append(entity)
        elif not theirs:
            no_body.append(entity)
    found = same_body or no_body
    return found[0] if len(found) == 1 else None


class Attributor:
    """Finds and resolves the subject of verbs of saying in one bulletin's masked text."""

    def __init__(self, masked: str, officials: list[Official]) -> None:
        self.masked = masked
        self.officials = sorted(
            (o for o in officials if masked[o.start] != MASK), key=lambda o: o.start
        )
        self.starts = [o.start for o in self.officials]
        self.ends = [o.end for o in self.officials]
        self.entities = list({id(o.entity): o.entity for o in officials}.values())
        self.patterns = _patterns()

    def _prefix(self, ss: int, start: int) -> str:
        """The clause before `start`: at most PREFIX_CHARS, marked when cut (no "^" match)."""
        cut = max(ss, start - PREFIX_CHARS)
        return ("\x01" if cut > ss else "") + self.masked[cut:start]

    def attribute(self, start: int, end: int, sentence: tuple[int, int]) -> Attribution:
        """The subject of the verb at text[start:end] within the sentence's bounds."""
        ss, se = sentence
        masked, p = self.masked, self.patterns
        i = bisect_right(self.ends, start) - 1
        if i >= 0 and self.officials[i].start >= ss and start - self.ends[i] <= PREFIX_CHARS:
            nearest = self.officials[i]
            gap = masked[nearest.end : start]
            if p["gap_before"].fullmatch(gap) and not _QUE.search(gap):
                return Attribution(start, end, "official", nearest.entity)
        prefix = self._prefix(ss, start)
        role = p["role_before"].search(prefix)
        if role is not None:
            return self._by_role(start, end, role.group("role"))
        i = bisect_left(self.starts, end)
        if i < len(self.officials) and self.starts[i] < min(se, end + PREFIX_CHARS):
            first = self.officials[i]
            gap = masked[end : first.start]
            if p["gap_after"].fullmatch(gap) and not _QUE.search(gap):
                return Attribution(start, end, "official", first.entity)
        role = p["role_after"].match(masked, end, se)
        if role is not None:
            found = self._by_role(start, end, role.group("role"))
            if found.speaker is not None:
                return found
        if p["name_after"].match(masked, end, se) or p["name_before"].search(prefix):
            return Attribution(start, end, "other")
        # After a quote the words after the verb are its subject: "”, afirmó un vecino".
        if p["after_quote"].search(prefix) and p["phrase_after"].match(masked, end, se):
            return Attribution(start, end, "other")
        return Attribution(start, end, "none")

    def _by_role(self, start: int, end: int, role: str) -> Attribution:
        speaker = official_for_role(role, self.entities)
        return Attribution(start, end, "official" if speaker else "other", speaker)

    def subjects(self, sentence: tuple[int, int]) -> list[Official]:
        """Officials that open the sentence as its subject ("El Gobernador X encabezó ...")."""
        ss, se = sentence
        slot = self.patterns["subject_slot"]
        inside = self.officials[bisect_left(self.starts, ss) : bisect_left(self.starts, se)]
        return [o for o in inside if slot.fullmatch(self.masked, ss, o.start)]
