"""Make bulletin text safe to print: control characters become visible pictures.

Bulletin text is data. Printed raw, an ESC sequence, an OSC 52 clipboard write, a BEL or a
bidi override would act on the terminal or reorder what the reader sees. Each such character
is replaced by one visible character, so lengths and mention spans stay valid.
"""

from __future__ import annotations

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
    return table


_TABLE = _build_table()
_TABLE_KEEP_NEWLINES = {k: v for k, v in _TABLE.items() if k != 0x0A}


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """Every control and bidi-override character made visible; the length is unchanged."""
    return text.translate(_TABLE_KEEP_NEWLINES if keep_newlines else _TABLE)
