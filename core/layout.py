"""Normalized text -> the parts of a bulletin: header, title, highlights, body.

IMSS bulletins open with a short header in no fixed order (kind, dateline, number), then the
title (sometimes in capitals over several lines), then summary bullets, then the body. We
classify the first blocks rather than assume an order, so a bulletin that puts the number
before the dateline, or has no header at all, still parses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.dates import DATE_RE, DateFound, normalize_match
from core.ingest import BULLET
from core.models import BlockRole

#: How far into the document the header may reach, in blocks.
HEADER_BLOCKS = 8
#: Longer blocks are body text, never a header line or a title.
MAX_HEADER_CHARS = 200
MAX_TITLE_CHARS = 400

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
_EMBEDDED_DATELINE_END = re.compile(r"\s*\.?\s*[-–—]")
_TERMINAL = (".", "!", "?", "”", '"', "»", ":")


@dataclass
class Layout:
    """A bulletin's parts, plus its blocks in reading order for the normalized text."""

    kind: str | None = None
    number: str | None = None
    place: str | None = None
    date: DateFound | None = None
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
    place = block[:start].strip().rstrip(",;.-–— ").strip()
    place = re.sub(r",?\s*\ba$", "", place).strip(" ,")
    return place or None


def _dateline(block: str) -> tuple[str | None, DateFound] | None:
    match = DATE_RE.search(block)
    if not match:
        return None
    return _place_before(block, match.start()), normalize_match(match)


def _embedded_dateline(paragraph: str) -> tuple[str | None, DateFound] | None:
    """'Ciudad de México, 5 de enero de 2023.- El IMSS...': a dateline opening the body."""
    match = DATE_RE.search(paragraph[:160])
    if not match or not _EMBEDDED_DATELINE_END.match(paragraph, match.end()):
        return None
    return _place_before(paragraph, match.start()), normalize_match(match)


def split_layout(text: str) -> Layout:
    """Classify the blocks of a normalized text into header, title, highlights and body."""
    blocks = [b for b in text.split("\n\n") if b.strip()]
    out = Layout()
    roles: list[BlockRole] = ["body"] * len(blocks)
    body_start = len(blocks)
    for i, block in enumerate(blocks[:HEADER_BLOCKS]):
        if _is_body(block) and not block.startswith(BULLET):
            body_start = i
            break
        if out.kind is None and (m := KIND_RE.match(block)):
            out.kind = _canonical_kind(m.group("kind"))
            if m.group("number"):
                out.number = _clean_number(m.group("number"))
            roles[i] = "header"
        elif out.number is None and (m := NUMBER_RE.match(block)):
            out.number = _clean_number(m.group("number"))
            roles[i] = "header"
        elif out.date is None and not block.startswith(BULLET) and (found := _dateline(block)):
            out.place, out.date = found
            roles[i] = "header"
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
    if out.date is None and out.paragraphs and (found := _embedded_dateline(out.paragraphs[0])):
        out.place, out.date = found
    return out
