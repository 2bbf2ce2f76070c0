"""Normalized text -> the parts of a bulletin: header, title, highlights, body.

IMSS bulletins open with a short header in no fixed order (kind, dateline, number), then the
title (sometimes in capitals over several lines), then summary bullets, then the body. We
classify the first blocks rather than assume an order, so a bulletin that puts the number
before the dateline, or has no header at all, still parses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from core.dates import ISO_DATE_RE, NUMERIC_DATE_RE, DateFound, normalize_match, search_date
from core.header_lines import KIND_RE, KINDS, NUMBER_RE
from core.header_lines import PROSE as _PROSE
from core.ingest import BULLET
from core.models import BlockRole

#: How far into the document the header may reach, in blocks.
HEADER_BLOCKS = 8
#: Longer blocks are body text, never a header line or a title.
MAX_HEADER_CHARS = 200
MAX_TITLE_CHARS = 400

_EMBEDDED_DATELINE_END = re.compile(r"\s*(?:\([^()\n]{1,40}\))?\)?\s*\.?\s*[-–—]")
#: A dateline closed by a full stop alone ("Puebla, Puebla, 10 de diciembre de 2025. El ..."):
#: only after a place run ending in a comma, since a sentence may end with a date too.
_DOT_DATELINE_END = re.compile(r"\.\s+(?=[A-ZÁÉÍÓÚÑ¿¡\"“«])")
#: A dateline that lost its ".-" on the page: the text goes on with a capital.
_LOST_DATELINE_END = re.compile(r"[^\S\n]+(?=[A-ZÁÉÍÓÚÑ¿¡\"“«])")
_COMMA_BEFORE_DATE = re.compile(r",[^\S\n]*(?:a[^\S\n]+)?$")
#: How far into the first paragraph a dateline may start (after a byline or page furniture).
_DATELINE_REACH = 600
#: The capitalized words (and commas, "de") right before a dateline's date.
_PLACE_RUN = re.compile(
    r"(?:[A-ZÁÉÍÓÚÑ][\w.]*,?[^\S\n]+(?:(?:de|del|la|los)[^\S\n]+)*)+(?:\(|a[^\S\n]+)?$"
)
#: A publication stamp's label: "Publicado: 2025-07-19", "Fecha de publicación: 19 de julio".
_STAMP_LABEL = re.compile(
    r"^(?:(?:publicad[oa](?:\s+el)?|fecha\s+de\s+publicaci[oó]n)\s*:?|fecha\s*:)\s*",
    re.IGNORECASE,
)
#: An update stamp dates an edit of the page, not the bulletin: "Actualizado: 3 de marzo".
_UPDATE_LABEL = re.compile(r"\b(?:actualizad[oa]|[uú]ltima\s+actualizaci[oó]n)\b", re.IGNORECASE)
#: A masthead ending in its issue's date: "Gaceta Parlamentaria, número 1474-I, martes 13 de
#: abril de 2004." (the date closes the block after a comma).
_MASTHEAD_END = re.compile(r"\s*\.?\s*$")
#: A clock time beside a date: a web page's header or a publication stamp, never a dateline.
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\bhrs?\b\.?", re.IGNORECASE)
#: A newspaper's page after its issue date: "Lunes 3 de junio de 2019, p. 32".
#: A byline right after a date: "Sábado 04 de Diciembre de 2021 Por: La Jornada".
_BYLINE_AFTER = re.compile(r"[^\S\n]*[.,]?[^\S\n]*(?:Por|POR|Redacci[óo]n|REDACCI[ÓO]N)[^\S\n]*:")
_PAGE_REF = re.compile(
    r"[^\S\n]*,?[^\S\n]*(?:pp?|p[áa]gs?|p[áa]gina)\.?[^\S\n]*\d+\b", re.IGNORECASE
)
#: A web page's stamp widget: "12/10/2023 16:32 / Uniradio Informa / Salud".
_NUMERIC_CLOCK = re.compile(r"[^\S\n]*\d{1,2}:\d{2}\b[^\S\n]*(?:hrs?\.?)?[^\S\n]*(?:[/|]|$)")
#: Words that tie a date in the lead to the event told: "abrió este martes 14 de marzo de 2023".
_EVENT_CUE = re.compile(
    r"\b(?:este|esta|hoy|ayer|el\s+pasado|este\s+pasado|el\s+d[ií]a\s+de\s+hoy"
    r"|(?:en\s+)?la\s+(?:mañana|tarde|noche)\s+del)\s*,?\s+$",
    re.IGNORECASE,
)
_TERMINAL = (".", "!", "?", "”", '"', "»", ":")


@dataclass
class Layout:
    """A bulletin's parts, plus its blocks in reading order for the normalized text."""

    kind: str | None = None
    number: str | None = None
    place: str | None = None
    date: DateFound | None = None
    date_source: Literal["dateline", "lead", "stamp"] | None = None
    title: str | None = None
    highlights: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)
    #: What each of `blocks` is, so readers need not guess (a dateline is a header line).
    roles: list[BlockRole] = field(default_factory=list)


def _canonical_kind(raw: str) -> str:
    folded = raw.lower()
    for pattern, name in KINDS:
        if re.fullmatch(pattern, folded):
            return name
    return folded


def _is_caps(block: str) -> bool:
    letters = [ch for ch in block if ch.isalpha()]
    return len(letters) >= 3 and all(not ch.islower() for ch in letters)


def _is_body(block: str) -> bool:
    return len(block) > MAX_HEADER_CHARS or (
        block.endswith(_TERMINAL) and len(block) > 120 and not _is_caps(block)
    )


def _clean_number(raw: str) -> str:
    return re.sub(r"\s+", "", raw)


def _place_before(block: str, start: int) -> str | None:
    place = block[:start].strip().rstrip(",;-–—( ").strip()
    place = re.sub(r",?\s*\ba$", "", place).strip(" ,")
    if place.endswith(".") and not re.search(r"\b[A-ZÁÉÍÓÚ][a-záéíóú]{0,4}\.$", place):
        place = place.rstrip(".")  # keep the dot of "Oax." / "N.L."; drop a full stop
    return place or None


def _dateline(block: str) -> tuple[str | None, DateFound] | None:
    match = search_date(block)
    if not match:
        return None
    place = _place_before(block, match.start())
    if place is not None and _PROSE.search(place):
        return None  # "El hospital abrió este martes 14 de marzo de 2023": a sentence
    return place, normalize_match(match)


def _stamp(block: str) -> DateFound | None:
    """A publication stamp: a labeled date ("Publicado: 2025-07-19"), or a block that is only
    a date and maybe a time ("29 Jun, 2025 00:20")."""
    block = block.removeprefix(BULLET).strip()
    label = _STAMP_LABEL.match(block)
    rest = block[label.end() :] if label else block
    match = (ISO_DATE_RE.match(rest) or NUMERIC_DATE_RE.match(rest)) if label else None
    if match is None and not label:  # "12/10/2023 16:32 / Uniradio Informa / Salud"
        numeric = NUMERIC_DATE_RE.match(rest)
        match = numeric if numeric and _NUMERIC_CLOCK.match(rest, numeric.end()) else None
        iso = ISO_DATE_RE.match(rest)  # "2014-10-21" alone on its line: a web page's stamp
        if match is None and iso and not _CLOCK.sub("", rest[iso.end() :]).strip(" |,.-–—"):
            match = iso
    match = match or search_date(rest)
    if match is None or (match.start() > 0 and not label):
        return None
    after = rest[match.end() :]
    if (
        not label
        and not _NUMERIC_CLOCK.match(after)
        and _CLOCK.sub("", _PAGE_REF.sub("", after)).strip(" |,.-–—")
    ):
        return None  # more than a date, a time and a page: some other line
    found = normalize_match(match)
    offset = len(block) - len(rest)
    found.start, found.end = found.start + offset, found.end + offset
    return found


def _furniture(block: str) -> bool:
    """A page's date that is not the bulletin's: an update stamp ("Actualizado: 3 de marzo de
    2021"), or a date among navigation words ("Buscar 24 de Noviembre del 2024 Salud")."""
    match = search_date(block)
    if match is None:
        return False
    if _UPDATE_LABEL.search(block):
        return True
    after = block[match.end() :]
    if not after.strip() or _EMBEDDED_DATELINE_END.match(after) or after.lstrip()[0] in ".,;|":
        return False  # the date closes its line: a dateline or a stamp
    before = block[: match.start()]
    if "," in before or len(before.split()) > 3 or len(after.split()) > 3:
        return False  # "Ciudad de México 5 de mayo de 2024 Coordinación de Comunicación ..."
    return not _PROSE.search(before) and not _PROSE.search(after)


def _masthead(block: str) -> DateFound | None:
    """The issue date closing a publication's masthead line ("Gaceta Parlamentaria, número
    1474-I, martes 13 de abril de 2004."): a stamp."""
    match = search_date(block)
    if (
        match is None
        or match.start() == 0
        or not _MASTHEAD_END.match(block, match.end())
        or not _COMMA_BEFORE_DATE.search(block, 0, match.start())
    ):
        return None
    found = normalize_match(match)
    return found if found.date is not None else None


def _split_stamp(blocks: list[str], i: int) -> DateFound | None:
    """A date a page's widget split into list items ("• 10", "• Octubre 2025")."""
    if i + 1 >= len(blocks) or not re.fullmatch(r"\d{1,2}", blocks[i].removeprefix(BULLET).strip()):
        return None
    joined = (
        blocks[i].removeprefix(BULLET).strip() + " " + blocks[i + 1].removeprefix(BULLET).strip()
    )
    found = _stamp(joined)
    return found if found is not None and found.date is not None else None


def _known_place_tail(place: str) -> str:
    """The run before a dateline may start with the words before it ("... presidida por
    Claudia Sheinbaum Puebla, Puebla"): keep the longest tail of its first part that the
    gazetteer knows, else the run as it is."""
    from core.entities.gazetteer import gazetteer  # the catalogue loads on first use only
    from core.entities.text import fold

    head, sep, rest = place.partition(",")
    words = head.split()
    entries = gazetteer().entries
    for i in range(len(words)):
        if fold(" ".join(words[i:])) in entries:
            return " ".join(words[i:]) + sep + rest
    return place


def _dateline_ends(paragraph: str, match: re.Match[str]) -> bool:
    """Whether the text after a date closes a dateline: ".-" (maybe after the outlet's name
    in brackets); a full stop or nothing at all only after a place, since a sentence may end
    with a date too."""
    if _UPDATE_LABEL.search(paragraph, max(0, match.start() - 30), match.start()):
        return False  # "Actualizado: 3 de marzo de 2021.-": when the page was edited
    if _EVENT_CUE.search(paragraph, max(0, match.start() - 30), match.start()):
        return False  # "Hoy, 8 de junio de 2018. El IMSS ...": the lead's date, no place
    if _EMBEDDED_DATELINE_END.match(paragraph, match.end()):
        return True
    place = _place_before(paragraph, match.start())
    opens = (
        place is not None
        and len(place.split()) <= 8
        and ":" not in place
        and not _STAMP_LABEL.match(place)  # "Publicado el 2 de marzo de 2021 El ...": a stamp
        and not _PROSE.search(place)
    )
    if opens and _LOST_DATELINE_END.match(paragraph, match.end()):
        return True  # "Tlaxcala, Tlax., 5 de mayo de 2019 El Instituto ..."
    return _DOT_DATELINE_END.match(paragraph, match.end()) is not None and (
        opens
        or (
            _COMMA_BEFORE_DATE.search(paragraph, 0, match.start()) is not None
            and _PLACE_RUN.search(paragraph, max(0, match.start() - 80), match.start()) is not None
        )
    )


def _embedded_dateline(paragraph: str) -> tuple[str | None, DateFound] | None:
    """'Ciudad de México, 5 de enero de 2023.- El IMSS...': a dateline opening the body, or
    following a byline or a photo caption that the page's text ran into it."""
    pos = 0
    while (match := search_date(paragraph, pos, _DATELINE_REACH)) is not None:
        pos = match.end()
        if not _dateline_ends(paragraph, match):
            continue  # "... se inauguró el 10 de diciembre de 2025. El ...": a sentence
        if _CLOCK.search(paragraph, match.end(), match.end() + 12):
            continue  # "4 de agosto de 2009 - 16:00 hs": an agency's stamp, not a dateline
        place = _place_before(paragraph, match.start())
        if place is None or not _PROSE.search(place):
            return place, normalize_match(match)
        run = _PLACE_RUN.search(paragraph, max(0, match.start() - 80), match.start())
        place = _place_before(run.group(), len(run.group())) if run else None
        if place and (caps := re.search(r"\b[A-ZÁÉÍÓÚÑ]{3,}\b.*$", place)):
            place = caps.group()  # "... Seguro Social OAXACA, Oax." -> "OAXACA, Oax."
        elif place:
            place = _known_place_tail(place)
        return place, normalize_match(match)
    return None


def _inline_stamp(paragraph: str) -> DateFound | None:
    """A page's stamp run into the text: a date opening it ("FEB 082013 El Instituto...",
    "Publicado el 2 de marzo de 2021 El ..."), a date with a clock time ("Por: NTX 4 de
    agosto de 2009 - 16:00 hs") or over a byline, after the summary that the page's lines ran
    into the lead ("... a Morelia. Sábado 04 de Diciembre de 2021 Por: La Jornada CDMX.-")."""
    label = _STAMP_LABEL.match(paragraph)
    opening = label.end() if label else 0
    pos = 0
    while (match := search_date(paragraph, pos, _DATELINE_REACH)) is not None:
        pos = match.end()
        if _UPDATE_LABEL.search(paragraph, max(0, match.start() - 30), match.start()):
            continue  # "Actualizado el 3 de marzo de 2021 10:20": when the page was edited
        if (
            match.start() == opening
            or _CLOCK.search(paragraph, match.end(), match.end() + 12)
            or _PAGE_REF.match(paragraph, match.end())  # "Lunes 3 de junio de 2019, p. 32"
            or _BYLINE_AFTER.match(paragraph, match.end())  # the stamp over the byline
        ):
            found = normalize_match(match)
            return found if found.date is not None else None
    return None


def _glued_stamp(paragraph: str) -> DateFound | None:
    """A page widget that lost its spaces: a date glued to words on both sides ("Guanajuato
    Capital02 de febrero de 2025Leticia Aguayo Soto"); prose never glues a date so."""
    match = search_date(paragraph, 0, MAX_HEADER_CHARS)
    if (
        match is None
        or len(paragraph) > MAX_HEADER_CHARS
        or match.start() == 0
        or match.end() >= len(paragraph)
        or not paragraph[match.start() - 1].isalpha()
        or not paragraph[match.end()].isalpha()
    ):
        return None
    found = normalize_match(match)
    return found if found.date is not None else None


def _lead_date(paragraph: str) -> DateFound | None:
    """The date the lead gives the event ("abrió sus puertas este martes 14 de marzo de
    2023"); a date without such a cue may be a deadline or an anniversary, never the date."""
    pos = 0
    while (match := search_date(paragraph, pos, _DATELINE_REACH)) is not None:
        pos = match.end()
        if _EVENT_CUE.search(paragraph, max(0, match.start() - 30), match.start()):
            found = normalize_match(match)
            if found.date is not None:
                return found
    return None


def split_layout(text: str) -> Layout:
    """Classify the blocks of a normalized text into header, title, highlights and body."""
    blocks = [b for b in text.split("\n\n") if b.strip()]
    out = Layout()
    roles: list[BlockRole] = ["body"] * len(blocks)
    body_start = len(blocks)
    stamp: DateFound | None = None
    early_stamp: DateFound | None = None
    past_title = False  # a block above was text (the title): a bare date now is a stamp
    for i, block in enumerate(blocks[:HEADER_BLOCKS]):
        if _is_body(block) and not block.startswith(BULLET):
            body_start = i
            break
        if roles[i] == "header":
            continue  # the second half of a split date
        if _furniture(block) and not _stamp(block):
            roles[i] = "header"  # the page's date, an update stamp: no date at all
        elif (
            out.date is None
            and (found_stamp := _stamp(block) or _split_stamp(blocks, i)) is not None
        ):
            roles[i] = "header"
            if _stamp(block) is None:  # split over two list items: the second is header too
                roles[i + 1] = "header"
            labeled = _STAMP_LABEL.match(block.removeprefix(BULLET).strip()) is not None
            if labeled or past_title:
                stamp = stamp or found_stamp
            elif _CLOCK.search(block):
                pass  # a web page's header with today's date and time, above the title
            elif out.kind or out.number:
                out.date, out.date_source = found_stamp, "dateline"  # a header's bare date
            else:  # a newspaper's date above the title: a stamp, unless one follows the title
                early_stamp = early_stamp or found_stamp
        elif out.kind is None and (m := KIND_RE.match(block)):
            out.kind = _canonical_kind(m.group("kind"))
            if m.group("number"):
                out.number = _clean_number(m.group("number"))
            roles[i] = "header"
        elif out.number is None and (m := NUMBER_RE.match(block)):
            out.number = _clean_number(m.group("number"))
            roles[i] = "header"
        elif out.date is None and not block.startswith(BULLET) and (found := _dateline(block)):
            out.place, out.date = found
            out.date_source = "dateline"
            roles[i] = "header"
        elif stamp is None and (found_masthead := _masthead(block)) is not None:
            stamp = found_masthead
            roles[i] = "header"
        elif not block.startswith(BULLET):
            past_title = True
    else:
        body_start = min(body_start, HEADER_BLOCKS, len(blocks))

    # Title: the first non-header, non-bullet blocks; capitals over several blocks join up.
    title_parts: list[int] = []
    for i in range(body_start):
        if roles[i] == "header":
            continue
        block = blocks[i]
        if block.startswith(BULLET) or len(block) > MAX_TITLE_CHARS:
            break
        if title_parts and not (_is_caps(blocks[title_parts[-1]]) and _is_caps(block)):
            break
        title_parts.append(i)
        roles[i] = "title"
    # Highlights: bullets (and unbulleted subtitles) between the title and the body.
    for i in range(body_start):
        if roles[i] != "body":
            continue
        block = blocks[i]
        if block.startswith(BULLET) or (title_parts and not block.endswith(_TERMINAL)):
            roles[i] = "highlight"

    if title_parts:
        out.title = " ".join(blocks[i] for i in title_parts)
    for i, block in enumerate(blocks):
        role = roles[i]
        if role == "title":
            if i == title_parts[0]:
                out.blocks.append(out.title or block)
                out.roles.append(role)
            continue
        if role == "highlight":
            item = block.removeprefix(BULLET).strip()
            out.highlights.append(item)
            out.blocks.append(f"{BULLET} {item}")
            out.roles.append(role)
            continue
        if role == "body":
            out.paragraphs.append(block)
        out.blocks.append(block)
        out.roles.append(role)
    if out.date is None and out.paragraphs:
        # the lead: the first paragraph of body length (a short one may be a caption or a
        # summary line in capitals that the dateline follows)
        opening = out.paragraphs[:3]
        lead = next((p for p in opening if _is_body(p)), opening[0])
        opening = opening[: opening.index(lead) + 1]
        if found := next(filter(None, map(_embedded_dateline, opening)), None):
            (out.place, out.date), out.date_source = found, "dateline"
        elif found_lead := _lead_date(lead):
            out.date, out.date_source = found_lead, "lead"
        elif stamp is None:
            stamp = _inline_stamp(lead) or next(
                filter(None, map(_glued_stamp, out.paragraphs[:3])), None
            )
    # a page that bulleted its summary line glued the story's first lines to it: "- “Con la
    # federalización ...», señaló. Oaxaca de Juárez, Oax. 26 de agosto de 2024.— El ..."
    if (
        out.date is None
        and stamp is None
        and early_stamp is None
        and (found := next(filter(None, map(_embedded_dateline, out.highlights)), None))
    ):
        (out.place, out.date), out.date_source = found, "dateline"
    if out.date is None and (stamp or early_stamp) is not None:
        out.date, out.date_source = stamp or early_stamp, "stamp"
    return out
