"""The lines of a bulletin's header: its kind ("BOLETÍN DE PRENSA"), its number ("No.
100/2025") and its dateline ("Ciudad de México, 3 de marzo de 2025").

Both the reflow (core.ingest) and the layout (core.layout) must know them: text pasted from the
web puts them on single lines of one block, and the reflow must not join them into a paragraph.
"""

from __future__ import annotations

import re

from core.dates import search_date

#: Kinds of bulletin as IMSS names them, most specific first: (pattern, canonical name).
KINDS: tuple[tuple[str, str], ...] = (
    (r"bolet[ií]n de prensa conjunto", "boletín de prensa conjunto"),
    (r"bolet[ií]n de prensa", "boletín de prensa"),
    (r"bolet[ií]n conjunto", "boletín conjunto"),
    (r"bolet[ií]n informativo", "boletín informativo"),
    (r"comunicado conjunto", "comunicado conjunto"),
    (r"comunicado de prensa", "comunicado de prensa"),
    (r"nota informativa", "nota informativa"),
    (r"tarjeta informativa", "tarjeta informativa"),
    (r"aviso de prensa", "aviso de prensa"),
    (r"posicionamiento", "posicionamiento"),
    (r"bolet[ií]n", "boletín"),
    (r"comunicado", "comunicado"),
)
_NUMBER = r"(?:No|N[úu]m|N[úu]mero|Nro)\.?\s*(?P<number>\d{1,5}(?:\s*/\s*\d{2,4})?)"
NUMBER_RE = re.compile(rf"^{_NUMBER}\s*\.?$", re.IGNORECASE)
KIND_RE = re.compile(
    r"^(?P<kind>" + "|".join(p for p, _ in KINDS) + rf")\s*[.:]?(?:\s*{_NUMBER})?\s*\.?$",
    re.IGNORECASE,
)
#: A lower-case word that is no connector: prose, not a place name.
PROSE = re.compile(r"(?<![\w.])(?!(?:de|del|la|las|los|el|y|a)\b)[a-záéíóúñ]+\b")
#: Longest place run a dateline line may have, in words ("Ciudad de México", "Tlaxcala, Tlax.").
_MAX_PLACE_WORDS = 8


def _is_dateline(line: str) -> bool:
    """A line that is a place and a date and nothing more: "Ciudad de México, 3 de marzo de
    2025". Its place must hold no prose word, so a wrapped sentence ending in a date is not."""
    match = search_date(line)
    if match is None or line[match.end() :].strip(" .") or match.start() == 0:
        return False
    place = line[: match.start()].strip().rstrip(",").strip()
    return bool(place) and len(place.split()) <= _MAX_PLACE_WORDS and not PROSE.search(place)


_CLOCK_REST = re.compile(r"[\s.,|\-–—]*(?:\d{1,2}:\d{2}\s*(?:hrs?\.?|h\.?)?)?[\s.,|\-–—]*")


def is_date_only(line: str) -> bool:
    """A line that is a date and maybe a time, nothing else: a page's stamp ("septiembre 29,
    2019", "29 Jun, 2025 00:20"), never the rest of a sentence a reflow should join."""
    line = line.strip()
    match = search_date(line)
    return bool(
        match is not None and match.start() == 0 and _CLOCK_REST.fullmatch(line, match.end())
    )


def is_kind_or_number(line: str) -> bool:
    """Whether a line is a bulletin's kind or its number, and nothing else."""
    line = line.strip()
    return bool(KIND_RE.match(line) or NUMBER_RE.match(line))


def is_header_line(line: str) -> bool:
    """Whether a line of text is a whole header line: a kind, a number or a dateline."""
    return is_kind_or_number(line) or _is_dateline(line.strip())
