"""Make bulletin text safe to print: control characters become visible pictures.

Bulletin text is data. Printed raw, an ESC sequence, an OSC 52 clipboard write, a BEL or a
bidi override would act on the terminal or reorder what the reader sees. Each such character
is replaced by one visible character, so lengths and mention spans stay valid.

Whole terminal sequences ("\x1b[31m", an OSC 8 link) are no bulletin's words: ingest removes
them before anything is parsed (`without_terminal_sequences`), so the reader, the exports and
the index all see the same text, and none keeps a sequence's printable tail ("[31m").
"""

from __future__ import annotations

import re

#: An ECMA-48 sequence as a terminal reads it, with its 8-bit (C1) forms: a CSI (ESC [) with
#: its parameters, intermediates and final byte; an OSC, DCS, SOS, PM or APC string up to
#: its BEL or ST terminator (an unterminated one loses only its introducer: the rest of the
#: paragraph is kept); any other escape (ESC ( B, ESC 7), intermediates and final byte.
TERMINAL_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)

#: Shown for C1 controls and invisible formatting characters that have no control picture.
FORMAT_PLACEHOLDER = "\u2426"  # ␦

_BIDI_AND_FORMAT = (
    *range(0x202A, 0x202F),  # LRE RLE PDF LRO RLO
    *range(0x2066, 0x206A),  # LRI RLI FSI PDI
    0x200E,  # LRM
    0x200F,  # RLM
    0x061C,  # ALM
    0x2028,  # LINE SEPARATOR: would break a rendered line
    0x2029,  # PARAGRAPH SEPARATOR
    0xFEFF,  # BOM / zero-width no-break space
    0x200B,  # ZERO WIDTH SPACE
    0x200C,  # ZERO WIDTH NON-JOINER
    0x200D,  # ZERO WIDTH JOINER
    *range(0x2060, 0x2065),  # WORD JOINER, invisible operators
    0x180E,  # MONGOLIAN VOWEL SEPARATOR (a zero-width space in older Unicode)
    0xFFF9,
    0xFFFA,
    0xFFFB,  # interlinear annotation controls
)


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀..␟
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):
        table[code] = FORMAT_PLACEHOLDER
    for code in _BIDI_AND_FORMAT:
        table[code] = FORMAT_PLACEHOLDER
    # Lone surrogates (a file name's undecodable bytes, os.fsdecode) cannot be printed at all.
    for code in range(0xD800, 0xE000):
        table[code] = "\ufffd"
    return table


_TABLE = _build_table()
_TABLE_KEEP_NEWLINES = {k: v for k, v in _TABLE.items() if k != 0x0A}


def without_terminal_sequences(text: str) -> str:
    """`text` without its terminal sequences, whole; a lone ESC or BEL stays (`visible`
    shows it, the exports drop it)."""
    if "\x1b" not in text and not _C1_INTRODUCER.search(text):
        return text  # nearly every bulletin: no regex scan
    return TERMINAL_SEQUENCE.sub("", text)


_C1_INTRODUCER = re.compile(r"[\x90\x98\x9b\x9d\x9e\x9f]")


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """Every control and bidi-override character made visible; the length is unchanged."""
    return text.translate(_TABLE_KEEP_NEWLINES if keep_newlines else _TABLE)


#: Characters that draw nothing: a text made only of these and whitespace is empty.
_INVISIBLE = dict.fromkeys([*_BIDI_AND_FORMAT, 0x00AD, 0x034F, 0x115F, 0x1160, 0x3164], None)


def is_blank(text: str) -> bool:
    """True when nothing in `text` would be seen: whitespace and zero-width characters only."""
    stripped = text.strip()
    if stripped and ord(stripped[0]) not in _INVISIBLE:
        return False  # the common case, without translating the whole text
    return not stripped.translate(_INVISIBLE).strip()


def visible_path(name: str) -> str:
    """A file name for display: bytes that are not UTF-8 (kept by Python as surrogate escapes)
    shown as `\\xff`, controls as pictures. Display only: it is not the name on disk."""
    if any("\udc80" <= ch <= "\udcff" for ch in name):
        try:
            raw = name.encode("utf-8", errors="surrogateescape")
        except UnicodeEncodeError:  # other lone surrogates: not from a file name
            return visible(name)
        name = raw.decode("utf-8", errors="backslashreplace")
    return visible(name)
