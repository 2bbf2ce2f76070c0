"""Accent- and case-folding that keeps every character where it was.

Search needs "jose" to equal "José", and highlighting needs offsets into the original
string. Folding one character into exactly one character gives both: a position in the folded
string is the same position in the original, so spans found in folded text highlight the
accented text directly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

#: Word characters of folded text: letters and digits (underscore is punctuation here).
WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    lowered = char.lower()
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(c)
    )
    if len(stripped) == 1:
        return stripped
    if len(lowered) == 1:
        return lowered
    return char


#: Latin letters up to Latin Extended-B fold through one C-level `str.translate` call. The
#: table maps every code of the range, unchanged ones too: `translate` pays for a failed
#: lookup (a KeyError raised and cleared) on every character the table lacks.
_FAST_RANGE = 0x250
_TABLE = {code: _fold_char(chr(code)) for code in range(_FAST_RANGE)}


#: Characters `_TABLE` does not cover (curly quotes, dashes, other scripts).
_BEYOND_FAST = re.compile(f"[^\\x00-\\u{_FAST_RANGE - 1:04x}]")


def _fold_match(match: re.Match[str]) -> str:
    return _fold_char(match.group())


def fold(text: str) -> str:
    """Lowercase without diacritics, same length as `text`: "Zoé Robledo" -> "zoe robledo"."""
    if text.isascii():
        return text.lower()
    folded = text.translate(_TABLE)
    if folded.isascii():
        return folded
    return _BEYOND_FAST.sub(_fold_match, folded)  # only the rare characters, one by one


def words(text: str) -> list[str]:
    """The folded words of `text`, punctuation dropped: "HGZ No. 1" -> ["hgz", "no", "1"]."""
    return WORD.findall(fold(text))


def word_spans(folded: str) -> list[tuple[str, int, int]]:
    """Words of already-folded text with their offsets (valid in the original string too)."""
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(folded)]


def is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    """`short`'s words appear in `long` in the same order, maybe with others between:
    ("josé", "gonzález") in ("josé", "antonio", "gonzález", "anaya")."""
    it = iter(long)
    return all(word in it for word in short)


def nfc(text: str) -> str:
    """Composed form, so one visible letter is one character before folding."""
    return unicodedata.normalize("NFC", text)


def count_diacritics(text: str) -> int:
    """How many letters carry an accent or tilde: prefers "Frinné" over a stripped "Frinne"."""
    return sum(1 for c in text if not c.isascii() and _fold_char(c) != c.lower())


def slug(text: str) -> str:
    """ASCII identifier part: "Zoé Robledo" -> "zoe-robledo"."""
    return "-".join(words(text)) or "x"
