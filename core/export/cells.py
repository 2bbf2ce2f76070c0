"""Bulletin text made safe for the formats it is exported to.

Bulletin text is data: a cell starting with "=" must not run as a spreadsheet formula, a
control character must not make XML invalid, a "|" must not break a Markdown table. A
terminal sequence goes whole (`core.visible`), not leaving its printable tail ("[31m") behind:
bulletin text has none left after ingest, but names and paths given to the exports may.
"""

from __future__ import annotations

import re

from core.visible import without_terminal_sequences

#: What spreadsheets read as the start of a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: C0 controls other than tab, newline and carriage return; DEL; C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Characters XML 1.0 cannot hold at all, even escaped (controls, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARKDOWN_ACTIVE = re.compile(r"([\\|`*_\[\]<>#])")


def _controls_dropped(text: str) -> str:
    return _CONTROLS.sub("", without_terminal_sequences(text))


def csv_cell(value: object) -> str:
    """A CSV cell: control characters dropped, a formula start neutralized with a quote."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    text = _controls_dropped(str(value))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def xml_text(value: object) -> str:
    """Text XML 1.0 can carry (the writer escapes <, & and quotes)."""
    return _NOT_XML.sub("", without_terminal_sequences(str(value)))


def markdown_cell(value: object) -> str:
    """One table cell on one line, with Markdown's and HTML's active characters escaped."""
    if value is None:
        return ""
    text = " ".join(_controls_dropped(str(value)).split())
    return _MARKDOWN_ACTIVE.sub(r"\\\1", text)
