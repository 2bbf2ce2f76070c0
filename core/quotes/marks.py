"""Where a bulletin quotes someone: text between quotation marks, and what follows "dijo:".

Works block by block (a quote never runs across paragraphs in normalized text) and returns
offsets into the whole text. Quotation marks also wrap names ("Hospital “Dr. Silvestre Frenk
Freund”", “La Clínica es Nuestra”) and single words used with irony (“chatarra”); those are
not speech, so quoted text needs a few words and must not read like a title.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

#: Opening mark -> closing mark. Straight quotes pair up in order within a block.
_PAIRS = {"“": "”", "«": "»", '"': '"'}
_OPEN = re.compile(r"[“«\"]")
#: Fewest words in a quotation that counts as speech.
MIN_WORDS = 3
#: Longest quotation looked for; beyond it an unmatched mark is a typo, not a quote.
MAX_CHARS = 4000
#: A paragraph quotes a handful of times; past this many pairs it is no prose (a data dump).
MAX_PER_BLOCK = 200
_WORD = re.compile(r"[^\W\d_]+")
#: Words of four letters or more that are lowercase in titles too ("para", "entre").
_TITLE_LOWER = frozenset({"para", "entre", "como", "sobre", "contra", "desde", "hacia", "ante"})


@dataclass(frozen=True)
class Marked:
    """A quotation: `start`/`end` bound the words, `outer_*` include the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int


def blocks(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph block of normalized text (blocks are "\\n\\n"-separated)."""
    pos = 0
    for part in text.split("\n\n"):
        yield pos, pos + len(part)
        pos += len(part) + 2


def quoted(text: str, start: int, end: int) -> list[Marked]:
    """Every quotation-mark pair inside text[start:end], speech or not, in order.

    Each opening mark pairs with the next closing mark of its kind within MAX_CHARS; closing
    marks are looked up by bisection, so a text full of unmatched marks stays linear.
    """
    if _OPEN.search(text, start, end) is None:
        return []  # most blocks quote nobody: no closing marks to index
    closes = {
        close: [m.start() for m in re.finditer(re.escape(close), text[start:end])]
        for close in set(_PAIRS.values())
    }
    found: list[Marked] = []
    pos = start
    while len(found) < MAX_PER_BLOCK:
        m = _OPEN.search(text, pos, end)
        if m is None:
            return found
        positions = closes[_PAIRS[m.group()]]
        i = bisect_right(positions, m.end() - 1 - start)
        close = positions[i] + start if i < len(positions) else -1
        if close < 0 or close - m.end() > MAX_CHARS:
            pos = m.end()
            continue
        found.append(Marked(m.end(), close, m.start(), close + 1))
        pos = close + 1
    return found


def is_speech(words_text: str) -> bool:
    """Quoted text that reads as something said: a few words, not a name or a title."""
    words = _WORD.findall(words_text)
    if len(words) < MIN_WORDS:
        return False
    long_words = [w for w in words if len(w) >= 4 and w.lower() not in _TITLE_LOWER]
    capitalized = sum(1 for w in long_words if w[0].isupper())
    return not long_words or capitalized * 2 <= len(long_words)


def is_short_speech(words_text: str) -> bool:
    """Fewer than MIN_WORDS words that still read as said, when a verb of saying is right
    beside them ("dijo: “Cumplimos”", "\"Vamos bien\", afirmó"): a capital only on the first
    word, so a name ("Justo Sierra") is not one."""
    words = _WORD.findall(words_text)
    return 0 < len(words) < MIN_WORDS and not any(w[0].isupper() for w in words[1:])


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding spaces and a trailing comma or colon."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:"):
        end -= 1
    return start, end
