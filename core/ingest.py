"""Bytes of a downloaded bulletin -> one clean, reflowed text.

Bulletins arrive as PDF text layers, web pages, Markdown exports or plain text in whatever
encoding the download used. Everything downstream (layout, dates, entities) wants the same
thing: Unicode text whose blocks are separated by one blank line and whose paragraphs sit on a
single line, with page furniture gone. This module is the only place that knows about formats.
"""

from __future__ import annotations

import codecs
import contextlib
import logging
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import core.stored_messages as msg
from core.discover import not_regular_reason
from core.header_lines import is_date_only, is_header_line, is_kind_or_number
from core.models import Issue
from core.visible import is_blank, without_terminal_sequences

#: Bulletins are a few KB of text. Past these limits a file is read in part (text) or refused
#: (PDF, which cannot be cut), so a 50 MB download costs bounded time and memory.
MAX_TEXT_BYTES = 2 * 1024 * 1024
MAX_PDF_BYTES = 64 * 1024 * 1024
MAX_TEXT_CHARS = 2 * 1024 * 1024

#: Private-use glyphs that PDF Symbol/Wingdings fonts emit for bullets, plus Unicode bullets.
BULLET_GLYPHS = (
    "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf0e0\uf0de"  # Symbol / Wingdings private use
    "\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u2219\u00b7\u27a2\u2713\u2714"
)
BULLET = "•"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", msg.PNG_IMAGE),
    (b"\xff\xd8\xff", msg.JPEG_IMAGE),
    (b"GIF8", msg.GIF_IMAGE),
    (b"PK\x03\x04", msg.ZIP_ARCHIVE),
    (b"\xd0\xcf\x11\xe0", msg.OFFICE_DOCUMENT),
    (b"\x1f\x8b", msg.GZIP_ARCHIVE),
    (b"\x7fELF", msg.EXECUTABLE),
)


class IngestError(Exception):
    """The file cannot become text; `code` is machine-readable, the message says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Ingested:
    """Normalized text plus the warnings met on the way (encoding guessed, NULs removed...)."""

    text: str
    issues: list[Issue] = field(default_factory=list)


def _warn(issues: list[Issue], code: str, message: str) -> None:
    issues.append(Issue(severity="warning", code=code, message=message))


# --- bytes -> str ------------------------------------------------------------------------------


def decode_bytes(data: bytes, issues: list[Issue]) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 with BOM; bytes that are not UTF-8 are read as
    CP1252, run by run, so one stray Windows byte does not garble the valid UTF-8 around it.
    Binary data is an error."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise IngestError("binary", msg.THIS_IS.format(what=what))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                reason = err.reason
                raise IngestError(
                    "decode", msg.INVALID_ENCODING.format(encoding=encoding, reason=reason)
                ) from err
    if data.count(b"\x00") > max(8, len(data) // 100):
        raise IngestError("binary", msg.NUL_BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text, lines = _decode_mixed(data)
    if text.count("\ufffd") > max(4, len(text) // 200):
        raise IngestError("binary", msg.NOT_UTF8_OR_CP1252)
    _warn(
        issues,
        "encoding",
        msg.MIXED_ENCODING.format(lines=msg.line_list(lines, _LINES_NAMED)),
    )
    return text


#: Bytes that are not UTF-8 come out of a surrogateescape decode as U+DC80..U+DCFF.
_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")
_LINES_NAMED = 5


def _decode_mixed(data: bytes) -> tuple[str, list[int]]:
    """UTF-8 where valid, CP1252 for each invalid run; also the (1-based) lines with such runs.

    One linear pass: surrogateescape marks the invalid bytes, each run is re-read as CP1252.
    """
    escaped = data.decode("utf-8", errors="surrogateescape")
    lines: list[int] = []
    line, counted = 1, 0

    def cp1252(match: re.Match[str]) -> str:
        nonlocal line, counted
        line += escaped.count("\n", counted, match.start())
        counted = match.start()
        if not lines or lines[-1] != line:
            lines.append(line)
        raw = match.group().encode("utf-8", errors="surrogateescape")
        return raw.decode("cp1252", errors="replace")

    return _ESCAPED_RUN.sub(cp1252, escaped), lines


#: Characters that do not occur in real text: C0/C1 controls, private use, replacement char.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")


def _check_textlike(text: str) -> None:
    """Reject decoded text that is mostly control characters: random bytes decode as CP1252.
    Terminal sequences do not count: coloured text is text (`normalize_text` drops them)."""
    controls = len(_NOT_TEXT.findall(without_terminal_sequences(text)))
    if controls > max(8, len(text) // 20):
        raise IngestError("binary", msg.CONTROL_CHARACTERS)


# --- formats -----------------------------------------------------------------------------------


def _page_text(page: Any) -> str:
    """Layout mode keeps vertical gaps as blank lines, which is where paragraphs end."""
    try:
        return page.extract_text(extraction_mode="layout") or ""
    except Exception:  # layout mode is stricter about odd fonts; plain text is still useful
        return page.extract_text() or ""


def _pages_until_cap(reader: Any, issues: list[Issue]) -> list[str]:
    """Page texts until MAX_TEXT_CHARS: the rest would be cut anyway, and costs 2 ms a page."""
    pages: list[str] = []
    total = 0
    for number, page in enumerate(reader.pages, start=1):
        if total > MAX_TEXT_CHARS:
            _warn(
                issues,
                "truncated",
                msg.PDF_PAGES_CUT.format(page=number - 1, pages=len(reader.pages)),
            )
            break
        pages.append(_page_text(page))
        total += len(pages[-1]) + 1
    return pages


def pdf_text(data: bytes, issues: list[Issue] | None = None) -> str:
    """Text layer of a PDF, pages separated by form feeds so page furniture can be found."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs repairs of damaged files to stderr; what matters reaches the user as an issue.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as err:  # pypdf raises several types for unsupported crypto
                raise IngestError("pdf-encrypted", msg.PDF_ENCRYPTED.format(reason=err)) from err
            if not ok:
                raise IngestError("pdf-encrypted", msg.PDF_PASSWORD)
        pages = _pages_until_cap(reader, issues if issues is not None else [])
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError) as err:
        raise IngestError("pdf-unreadable", msg.PDF_DAMAGED.format(reason=err)) from err
    except Exception as err:  # pypdf has no single base error; a bad PDF must not crash us
        reason = f"{type(err).__name__}: {err}"
        raise IngestError("pdf-unreadable", msg.PDF_UNREADABLE.format(reason=reason)) from err
    if not any(page.strip() for page in pages):
        raise IngestError("pdf-no-text", msg.PDF_NO_TEXT)
    return "\f".join(pages)


_HTML_DROP = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg"
_HTML_BLOCKS = (
    "p, div, h1, h2, h3, h4, h5, h6, li, blockquote, pre, section, article, table, tr, br, hr"
)


#: Real pages nest a few dozen elements deep. The HTML parser's cost grows with the square of
#: the depth (100k nested <div> took 259 s), so tags deeper than this are flattened first.
MAX_HTML_DEPTH = 256
#: Elements that never hold the ones after them: void, or closed by their next sibling.
_HTML_FLAT = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "rt",
        "rp",
    ]
)
_HTML_TAG = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)|<(/?)([a-zA-Z][\w:-]*)[^<>]*?(/?)>",
    re.S | re.I,
)
_HTML_BLOCK_NAMES = frozenset(_HTML_BLOCKS.split(", "))


def _nests(match: re.Match[str]) -> bool:
    """Whether a tag opens (or closes) a level of nesting."""
    name = match.group(3)
    return bool(name) and name.lower() not in _HTML_FLAT and not match.group(4)


def _bound_html_depth(html: str) -> str:
    """Drop the tags nested deeper than MAX_HTML_DEPTH (their text stays; a block tag becomes
    a paragraph break), in one linear pass. Pages within the bound are returned unchanged."""
    depth = 0
    deepest = 0
    for match in _HTML_TAG.finditer(html):
        if _nests(match):
            depth = max(0, depth - 1) if match.group(2) else depth + 1
            deepest = max(deepest, depth)
    if deepest <= MAX_HTML_DEPTH:
        return html
    depth = 0

    def flatten(match: re.Match[str]) -> str:
        nonlocal depth
        if not _nests(match):
            return match.group()
        closing = bool(match.group(2))
        depth += 0 if closing else 1
        deep = depth > MAX_HTML_DEPTH
        depth -= 1 if closing and depth > 0 else 0
        if not deep:
            return match.group()
        return "\n\n" if match.group(3).lower() in _HTML_BLOCK_NAMES else ""

    return _HTML_TAG.sub(flatten, html)


def html_text(data: bytes, issues: list[Issue]) -> str:
    """Main text of a web page: drop navigation and scripts, one block per block element."""
    from selectolax.lexbor import LexborHTMLParser

    html = decode_bytes(data, issues)
    bounded = _bound_html_depth(html)
    if bounded is not html:
        _warn(issues, "html-depth", msg.HTML_DEPTH.format(depth=MAX_HTML_DEPTH))
    html = bounded
    tree = LexborHTMLParser(html)
    for node in tree.css(_HTML_DROP):
        node.decompose()
    root = tree.css_first("main") or tree.css_first("article") or tree.body or tree.root
    if root is None:
        return ""
    for node in root.css("li"):
        node.insert_before(f"\n\n{BULLET} ")
    for node in root.css(_HTML_BLOCKS):
        node.insert_after("\n\n")
    return root.text(deep=True, separator="")


# --- text normalization ------------------------------------------------------------------------

_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
_MD_LIST = re.compile(r"^[ \t]{0,3}[-*+][ \t]+(?=\S)", re.M)
_BULLET_LINE = re.compile(rf"^[ \t]*[{re.escape(BULLET_GLYPHS)}][ \t]*", re.M)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:p[áa]g(?:ina|\.)?\s*)?\d{1,3}(?:\s*(?:de|/)\s*\d{1,3})?\s*$", re.I
)
_END_MARK = re.compile(r"^\s*[-–—_=*]*\s*o0o\s*[-–—_=*]*\s*$", re.I)
_RULE = re.compile(r"^\s*(?:[-–—_=*]\s*){3,}$")
#: Lines that are decoration, not content: page numbers, the "---o0o---" end mark, rules.
_DROPPED_LINES = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (_PAGE_NUMBER, _END_MARK, _RULE)), re.I
)  # one match per line; _RULE has no letters, so ignoring case changes nothing for it
_BLANKS = re.compile(r"[ \t\u00a0]{2,}")
_TERMINAL = '.!?:;…”"»)'


def _strip_markdown(text: str) -> str:
    text = _MD_HEADING.sub("", text)
    text = _MD_LIST.sub(f"{BULLET} ", text)
    return _strip_emphasis(text)


def _strip_emphasis(text: str) -> str:
    """**bold**, __bold__ and *italic* lose their marks (nested ones too), so the dateline
    matcher sees "Tlaxcala, Tlaxcala, 7 de abril de 2025." and not "**Tlaxcala"."""
    if "*" not in text and "__" not in text:
        return text  # no mark to strip: most paragraphs
    previous = None
    while previous != text:
        previous = text
        text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    return text


def _furniture_lines(pages: list[list[str]]) -> set[str]:
    """Short lines that repeat across pages (letterheads, footers): not part of the bulletin.

    With real page breaks a line on two or more pages is furniture; without them (Markdown or
    text exports), a short line must repeat three times or more, in runs of such lines.
    """
    paged = len(pages) > 1
    counts: Counter[str] = Counter()
    for page in pages:
        seen = {line.strip() for line in page if 0 < len(line.strip()) <= 60}
        counts.update(seen if paged else [line.strip() for line in page if line.strip()])
    threshold = 2 if paged else 3
    candidates = {
        line
        for line, n in counts.items()
        if n >= threshold and len(line) <= 60 and not line.startswith(BULLET)
    }
    if paged:
        return candidates
    # Unpaged: only repeated lines that sit together (a letterhead is a block of lines).
    lines = [line.strip() for page in pages for line in page if line.strip()]
    keep: set[str] = set()
    for i, line in enumerate(lines):
        if line in candidates and (
            (i > 0 and lines[i - 1] in candidates)
            or (i + 1 < len(lines) and lines[i + 1] in candidates)
        ):
            keep.add(line)
    return keep


def _open_aside(text: str) -> bool:
    """True when the last dash-delimited aside ("–dijo-") is still open at the end of text."""
    opening = max(text.rfind("–"), text.rfind("—"), text.rfind(" -"))
    if opening < 0:
        return False
    between = text[opening + 1 : -1]
    return "-" not in between and "–" not in between and "—" not in between and len(between) < 40


def _join_lines(lines: list[str]) -> str:
    """Reflow a hard-wrapped block: wrapped words rejoin, "IMSS-\\nPROSPERA" keeps its hyphen."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            if _open_aside(out):
                out += " " + line  # closes an aside: "–apuntó-\nva más allá"
            elif out[-2].islower() and line[0].islower():
                out = out[:-1] + line  # a word split by hyphenation: "coordi-\nnación"
            else:
                out += line  # a hyphenated compound or acronym: keep the hyphen, no space
        else:
            out += " " + line
    if "  " not in out and "\t" not in out and "\u00a0" not in out:
        return out  # no run of blanks to squash: most paragraphs
    return _BLANKS.sub(" ", out)


def _split_blocks(lines: list[str]) -> list[list[str]]:
    """Blank lines separate blocks; a bullet or an indented line after a full stop starts one."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if current:
                blocks.append(current)
                current = []
            continue
        starts_new = stripped.startswith(BULLET) or (
            current and line[:1] in (" ", "\t") and current[-1].rstrip().endswith(tuple(_TERMINAL))
        )
        if starts_new and current:
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _peel_header_lines(block: list[str]) -> list[list[str]]:
    """Header lines opening a block stand alone: web text puts "BOLETÍN DE PRENSA", the dateline
    and "No. 100/2025" on single lines, which a reflow would join into one paragraph. A dateline
    alone stays with the lines after it: "Puebla, 3 de marzo de 2025.\nEl IMSS ..." opens the
    body, as it does on one line."""
    run = 0
    while run < len(block) - 1 and is_header_line(block[run]):
        run += 1
    if run == 0 or (run == 1 and not is_kind_or_number(block[0])):
        return [block]
    return [*([line] for line in block[:run]), block[run:]]


def _continues(previous: str, following: str) -> bool:
    """A block that stops mid-sentence and a block that starts in lowercase are one paragraph."""
    if not previous or not following or previous.endswith(tuple(_TERMINAL)):
        return False
    if previous.startswith(BULLET) or following.startswith(BULLET):
        return False
    return following[0].islower() and not is_date_only(following)  # "septiembre 29, 2019"


def normalize_text(raw: str, issues: list[Issue] | None = None) -> str:
    """Raw extracted text -> blocks separated by one blank line, one paragraph per line."""
    issues = issues if issues is not None else []
    if "\x00" in raw:
        raw = raw.replace("\x00", "")
        _warn(issues, "nul-bytes", msg.NUL_REMOVED)
    cleaned = without_terminal_sequences(raw)  # "\x1b[31m" is no word: not even its "[31m"
    if len(cleaned) != len(raw):
        _warn(issues, "terminal-sequences", msg.TERMINAL_SEQUENCES_REMOVED)
    text = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _BULLET_LINE.sub(f"{BULLET} ", text)
    text = _strip_markdown(text)
    pages = [page.split("\n") for page in text.split("\f")]
    furniture = _furniture_lines(pages)
    lines: list[str] = []
    for page in pages:
        for line in page:
            stripped = line.strip()
            if stripped in furniture or _DROPPED_LINES.match(line):
                lines.append("")
            else:
                lines.append(line)
        lines.append("")
    paragraphs: list[str] = []
    for block in (part for whole in _split_blocks(lines) for part in _peel_header_lines(whole)):
        joined = _strip_emphasis(_join_lines(block))  # emphasis wrapped over a line break
        if not joined:
            continue
        if paragraphs and _continues(paragraphs[-1], joined):
            paragraphs[-1] = f"{paragraphs[-1]} {joined}"
        else:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


# --- files -------------------------------------------------------------------------------------


def _is_pdf(data: bytes, suffix: str) -> bool:
    return suffix == ".pdf" or (data.startswith(b"%PDF-") and suffix not in (".html", ".htm"))


def read_bytes(path: Path, limit: int, more: Callable[[bytes], int] | None = None) -> bytes:
    """Read at most `limit + 1` bytes of a regular file (then up to `more(data) + 1` in all, if
    given and the file is longer); OS errors become IngestErrors with the reason in words.
    Opened non-blocking and checked before reading: a FIFO never hangs us."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError as err:
        if path.is_symlink():
            target = os.readlink(path)
            raise IngestError("broken-link", msg.BROKEN_LINK.format(target=target)) from err
        raise IngestError("not-found", msg.FILE_GONE) from err
    except PermissionError as err:
        raise IngestError("permission", msg.PERMISSION_DENIED) from err
    except IsADirectoryError as err:
        raise IngestError("is-directory", msg.IS_DIRECTORY) from err
    except OSError as err:  # a socket cannot be opened at all (ENXIO): say what it is
        with contextlib.suppress(OSError):
            reason = not_regular_reason(os.stat(path).st_mode)
            if reason is not None:
                raise IngestError("not-regular", reason) from err
        raise IngestError("io", msg.CANNOT_READ.format(reason=msg.os_reason(err))) from err
    try:
        st = os.fstat(fd)
        reason = not_regular_reason(st.st_mode)
        if reason is not None:
            raise IngestError("not-regular", reason)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            # Sized to the file: a 2 MB buffer for a 5 KB bulletin costs more than the read.
            data = handle.read(min(limit, st.st_size) + 1)
            if st.st_size < len(data) <= limit:  # longer than stat said (growing, /proc)
                data += handle.read(limit + 1 - len(data))
            if more is not None and len(data) > limit:
                data += handle.read(max(0, more(data) + 1 - len(data)))
            return data
    except IsADirectoryError as err:
        raise IngestError("is-directory", msg.IS_DIRECTORY) from err
    except OSError as err:
        raise IngestError("io", msg.CANNOT_READ.format(reason=msg.os_reason(err))) from err
    finally:
        os.close(fd)


def _truncate_text_bytes(data: bytes, issues: list[Issue]) -> bytes:
    if len(data) <= MAX_TEXT_BYTES:
        return data
    cut = data.rfind(b"\n", 0, MAX_TEXT_BYTES)
    _warn(
        issues,
        "truncated",
        msg.FILE_CUT.format(size=MAX_TEXT_BYTES // (1024 * 1024)),
    )
    return data[: cut if cut > 0 else MAX_TEXT_BYTES]


def ingest_bytes(data: bytes, suffix: str) -> Ingested:
    """Decode and normalize one file's bytes according to its extension."""
    issues: list[Issue] = []
    suffix = suffix.lower()
    if _is_pdf(data, suffix):
        if len(data) > MAX_PDF_BYTES:
            limit = MAX_PDF_BYTES // (1024 * 1024)
            raise IngestError("too-large", msg.PDF_TOO_LARGE.format(size=limit))
        raw = pdf_text(data, issues)
    elif suffix in (".html", ".htm"):
        raw = html_text(_truncate_text_bytes(data, issues), issues)
    else:
        raw = decode_bytes(_truncate_text_bytes(data, issues), issues)
    if len(raw) > MAX_TEXT_CHARS:
        raw = raw[:MAX_TEXT_CHARS]
        if not any(issue.code == "truncated" for issue in issues):
            _warn(issues, "truncated", msg.TEXT_CUT)
    _check_textlike(raw)
    text = normalize_text(raw, issues)
    if not text.strip():
        raise IngestError("empty", msg.EMPTY_FILE)
    if is_blank(text):
        raise IngestError("empty", msg.INVISIBLE_TEXT)
    return Ingested(text=text, issues=issues)


def read_source(path: Path) -> bytes:
    """The bytes parsing reads from a file: at most the limit of its format, plus one byte.

    The index hashes exactly these, so /dev/zero or a 6 GB file cost what parsing costs.
    """
    suffix = path.suffix.lower()

    def pdf_limit(start: bytes) -> int:
        return MAX_PDF_BYTES if _is_pdf(start, suffix) else MAX_TEXT_BYTES

    return read_bytes(path, MAX_TEXT_BYTES, pdf_limit)  # one open, one read for most files


def ingest_file(path: Path) -> Ingested:
    """One file on disk -> normalized text; raises IngestError with the reason."""
    return ingest_bytes(read_source(path), path.suffix)
