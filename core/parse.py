"""One bulletin, from a file or a string, into a validated `Bulletin`. Never raises for bad input.

A file that cannot be read still yields a Bulletin: empty, with an error issue that names the
reason, so callers (CLI, index, app) account for every file they were given.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import core.stored_messages as msg
from core.ingest import Ingested, IngestError, ingest_file, normalize_text
from core.layout import split_layout
from core.models import Bulletin, BulletinEntity, DateEstimate, Issue
from core.quotes import extract_quotes
from core.visible import is_blank


def _content_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _entities(text: str, issues: list[Issue]) -> list[BulletinEntity]:
    try:
        from core.entities import extract_entities
    except ImportError:  # the extractor is optional while the package is being assembled
        return []
    try:
        return extract_entities(text)
    except Exception as err:  # one bad sentence must not lose the whole bulletin
        issues.append(
            Issue(
                severity="warning",
                code="entities-failed",
                message=msg.ENTITIES_FAILED.format(reason=err),
            )
        )
        return []


def _place(surface: str | None) -> str | None:
    if surface is None:
        return None
    try:
        from core.entities.places import dateline_place
    except ImportError:  # the extractor is optional while the package is being assembled
        return surface
    try:
        return dateline_place(surface)
    except Exception:  # an odd dateline keeps its words rather than losing the bulletin
        return surface


def _estimate(
    text: str, entities: list[BulletinEntity], date: dt.date | None
) -> tuple[DateEstimate | None, list[Issue]]:
    from core.estimate import estimate_date  # with the extractors: not on `import core`

    try:
        return estimate_date(text, entities, date)
    except Exception as err:  # a dating bug must not lose the bulletin
        message = msg.ESTIMATE_FAILED.format(reason=err)
        return None, [Issue(severity="warning", code="estimate-failed", message=message)]


def build_bulletin(ingested: Ingested, source: str | None = None) -> Bulletin:
    """Layout, dates and entities over already-normalized text."""
    layout = split_layout(ingested.text)
    text = "\n\n".join(layout.blocks)
    issues = list(ingested.issues)
    date = None
    date_text = None
    date_source = None
    if layout.date is not None:
        date, date_text = layout.date.date, layout.date.text
        date_source = layout.date_source if date is not None else None
        issues.extend(layout.date.issues)
    else:
        issues.append(Issue(severity="warning", code="no-date", message=msg.NO_DATELINE))
    if not layout.title:
        issues.append(Issue(severity="warning", code="no-title", message=msg.NO_TITLE))
    entities = _entities(text, issues)
    estimate, dating_issues = _estimate(text, entities, date)
    issues.extend(dating_issues)
    return Bulletin(
        source=source,
        id=_content_id(text),
        kind=layout.kind,
        number=layout.number,
        place=_place(layout.place),
        date=date,
        date_text=date_text,
        date_source=date_source,
        date_estimate=estimate,
        title=layout.title,
        highlights=layout.highlights,
        paragraphs=layout.paragraphs,
        block_roles=layout.roles,
        text=text,
        entities=entities,
        quotes=extract_quotes(text, entities),
        issues=issues,
    )


def failed_bulletin(source: str, code: str, message: str) -> Bulletin:
    """The placeholder for a file that produced no text: it keeps the file in every listing."""
    return Bulletin(
        source=source,
        id=_content_id(f"failed:{source}"),
        issues=[Issue(severity="error", code=code, message=message)],
    )


def parse_text(text: str, source: str | None = None) -> Bulletin:
    """Parse bulletin text that is already a Python string (any line endings, Markdown ok)."""
    issues: list[Issue] = []
    normalized = normalize_text(text, issues)
    if is_blank(normalized):
        issues.append(Issue(severity="error", code="empty", message=msg.EMPTY_TEXT))
        return Bulletin(source=source, id=_content_id(""), issues=issues)
    return build_bulletin(Ingested(text=normalized, issues=issues), source)


def parse_file(path: str | os.PathLike[str]) -> Bulletin:
    """Read and parse one .txt/.md/.pdf/.html file; problems become issues, never exceptions."""
    path = Path(path)
    source = str(path)
    try:
        ingested = ingest_file(path)
    except IngestError as err:
        return failed_bulletin(source, err.code, err.message)
    except (RecursionError, MemoryError, ValueError, UnicodeError, OSError) as err:
        reason = f"{type(err).__name__}: {err}"
        return failed_bulletin(source, "unreadable", msg.CANNOT_READ.format(reason=reason))
    return build_bulletin(ingested, source)
