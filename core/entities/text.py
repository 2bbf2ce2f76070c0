"""Small text helpers shared by the extractors: capitalized runs, word openings, clauses.

Everything works on the normalized bulletin text and returns character offsets into it, so
spans never drift from what the reader shows.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache

from core.textfold import fold

__all__ = ["fold"]  # the extractors' folding is core.textfold's, imported from here

UPPER = "A-ZÁÉÍÓÚÑÜ"
LOWER = "a-záéíóúñüàèìòùäëïö"

#: A capitalized word ("González", "IMSS", "Zoé"), optionally hyphenated ("Pérez-Tejada") or
#: joined by an apostrophe ("O’Horán").
CAP_WORD = rf"(?:[{UPPER}]\.|[{UPPER}][{LOWER}{UPPER}]*(?:[-‐'’][{UPPER}][{LOWER}{UPPER}]*)?)"
#: Horizontal whitespace: names never run across a line (a block) boundary.
SP = r"[^\S\n]+"
#: The same, possessive (never gives spaces back): where the next token is never a space, a
#: pattern built with these costs one pass over a run of thousands of spaces, not one per space.
SP_ONCE = r"[^\S\n]++"
SP_ONCE_OPT = r"[^\S\n]*+"
#: Lowercase particles that may sit inside a proper name ("Ecatepec de Morelos", "de la Llave").
CONNECTOR = r"(?:de[^\S\n]+la|de[^\S\n]+los|de[^\S\n]+las|del|de|la|las|los|el|y)"

_CAP_RUN = re.compile(rf"{CAP_WORD}(?:{SP}(?:{CONNECTOR}{SP})?{CAP_WORD})*")


#: A word: a run of letters. Its first (up to) four letters are its opening. (Matching whole
#: runs lets `re` skip non-letters in C, where a lookbehind was tried at every character.)
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_LEADS: dict[str, str] = {}
_LEADS_MAX = 50_000


@lru_cache(maxsize=8)
def word_leads(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, first four letters folded) of every word, computed once per text.

    Finders keep the words whose opening is one of theirs ("hos", "secr", "gob"...) and try
    their costly patterns only there; this keeps a 4 KB bulletin in a few milliseconds.
    Openings repeat across bulletins, so their folds live in a plain dict (no call per word).
    """
    leads = _LEADS
    if len(leads) > _LEADS_MAX:
        leads.clear()
    out = []
    for m in _LETTER_RUN.finditer(text):
        prefix = m.group()[:4]
        lead = leads.get(prefix)
        if lead is None:
            lead = leads[prefix] = fold(prefix)
        out.append((m.start(), lead))
    return tuple(out)


def at_word_start(text: str, pos: int) -> bool:
    return pos == 0 or not text[pos - 1].isalnum()


def cap_runs(text: str) -> Iterator[re.Match[str]]:
    """Runs of capitalized words joined by name particles: candidate proper names."""
    return _CAP_RUN.finditer(text)


def is_capitalized(word: str) -> bool:
    return bool(word) and word[0].isupper()


def is_all_caps(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


_CLAUSE_BREAK = re.compile(r"[.;:!?\n“”\"]\s|[\n“”\"]")


def sentence_start(text: str, pos: int) -> bool:
    """True when `pos` opens a sentence or a block (so capitalization says nothing)."""
    before = text[max(0, pos - 3) : pos].rstrip(" ")
    return not before or before[-1] in '.!?\n:;•“"-—–(*' or before.endswith("• ")


class SpanSet:
    """Taken character ranges, answering 'does [start, end) touch any?' in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._max_end: list[int] = []
        best = -1
        for _, end in ordered:
            best = max(best, end)
            self._max_end.append(best)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self._starts, end)
        return index > 0 and self._max_end[index - 1] > start

    def covers(self, start: int, end: int) -> bool:
        """Whether one span holds all of [start, end)."""
        index = bisect_left(self._starts, start + 1)
        return index > 0 and self._max_end[index - 1] >= end

    def end_over(self, pos: int) -> int | None:
        """The end of the furthest-reaching span that starts before `pos` and ends after it."""
        index = bisect_left(self._starts, pos)
        if index > 0 and self._max_end[index - 1] > pos:
            return self._max_end[index - 1]
        return None


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def contains(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def squash(text: str) -> str:
    """Collapse inner whitespace: canonical names never carry line breaks or double spaces."""
    return " ".join(text.split())


def literal_alternation(words: Iterable[str], space: str | None = None) -> str:
    """A regex matching any of `words`, longest first, as a prefix tree: Python's `re` tries
    the branches of a flat alternation one by one at every position, a tree's only while the
    text agrees ("Oax.|Oaxaca" -> "Oax(?:aca|\\.)"). With `space`, a space in a word matches
    that regex instead (r"\\s+": "director general" across a line break)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [
            (space if space and ch == " " else re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: the longer ones are tried first, then nothing
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
        return body

    return build(trie)
