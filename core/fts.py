"""Full-text search over bulletin text with SQLite FTS5.

The tokenizer folds case and accents ("jose" finds "José"), user queries are rebuilt from
their words so FTS5 syntax in them never raises, and matches come back as offsets into
`Bulletin.text` so the reader can highlight them. The same table lives in the persistent
index (core/index.py) and, for uncached corpora, in an in-memory database built on demand.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable

from core.cache_paths import path_from_sql, sql_path
from core.models import Bulletin, TextHit
from core.query_limits import bound_query
from core.textfold import WORD

FTS_TABLE = "text_fts"
CREATE_FTS_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "bulletin_id UNINDEXED, source UNINDEXED, title UNINDEXED, text, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
_TEXT_COLUMN = 3
# Match markers: control characters that normalized bulletin text never needs; any that do
# occur are blanked (same length) before indexing so offsets stay exact.
_OPEN, _CLOSE = "\x02", "\x03"
_SNIPPET_TOKENS = 24
_TOKEN = re.compile(r'-?"[^"]*"?|[^\s"]+')
_SPACE = re.compile(r"\s+")


def fts_words(user_query: str) -> list[str]:
    """The searchable words of a query, as the tokenizer will see them."""
    return WORD.findall(user_query)


def fts_query(user_query: str) -> str | None:
    """Rebuild a user query as quoted FTS5 phrases; None when it has no word to find.

    Words are ANDed; `"a phrase"` stays a phrase; `chiapas OR oaxaca` (OR in capitals, between
    two terms) finds either; `-term` or `-"a phrase"` excludes; a trailing `*` makes a prefix
    search; punctuation-joined words ("IMSS-Bienestar") become a phrase, as the tokenizer
    splits them. Exclusions alone find nothing (FTS5 has no "everything but"). The query is
    bounded (core.query_limits) and a repeated term is searched once.
    """
    groups: list[list[str]] = []  # ANDed groups of ORed phrases
    excluded: list[str] = []
    seen: set[str] = set()
    pending_or = False
    for token in _TOKEN.findall(bound_query(user_query).text):
        if token == "OR" and groups:
            pending_or = True
            continue
        negated = token.startswith("-")
        phrase = _phrase(token[1:] if negated else token)
        if phrase is None:
            continue
        key = ("-" if negated else "") + phrase
        if key in seen:
            pending_or = False
            continue
        seen.add(key)
        if negated:
            excluded.append(phrase)
        elif pending_or:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        pending_or = False
    if not groups:
        return None
    query = " AND ".join(g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups)
    if excluded:
        query = f"({query})" + "".join(f" NOT {phrase}" for phrase in excluded)
    return query


def _phrase(token: str) -> str | None:
    """One query token as a quoted FTS5 phrase (a prefix search with a trailing `*`)."""
    words = WORD.findall(token)
    if not words:
        return None
    prefix = token.endswith("*") and not token.startswith('"')
    return '"' + " ".join(words) + '"' + (" *" if prefix else "")


def indexable_text(text: str) -> str:
    """The text as stored for FTS: marker characters blanked, length unchanged."""
    if _OPEN in text or _CLOSE in text:
        return text.replace(_OPEN, " ").replace(_CLOSE, " ")
    return text


def _strip_markers(
    marked: str, *, collapse_space: bool = False
) -> tuple[str, list[tuple[int, int]]]:
    """Remove match markers, returning the plain text and the marked spans in it."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = -1
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if piece == _OPEN:
            start = length
        elif piece == _CLOSE:
            if start >= 0:
                spans.append((start, length))
            start = -1
        elif piece:
            if collapse_space:
                piece = _SPACE.sub(" ", piece)
            out.append(piece)
            length += len(piece)
    return "".join(out), spans


#: What the FTS table keeps of a bulletin: (bulletin id, title, indexable text).
FtsFields = tuple[str, str | None, str]


def fts_fields(bulletin: Bulletin) -> FtsFields | None:
    """None for a failed bulletin: it has no text to search."""
    if bulletin.failed:
        return None
    return (bulletin.id, bulletin.title, indexable_text(bulletin.text))


def insert_rows(
    conn: sqlite3.Connection, rows: Iterable[tuple[int, FtsFields | None, str | None]]
) -> None:
    """Index (rowid, fields, source) rows; callers delete stale rowids first."""
    conn.executemany(
        f"INSERT INTO {FTS_TABLE}(rowid, bulletin_id, source, title, text) VALUES (?, ?, ?, ?, ?)",
        (
            (rowid, fields[0], None if source is None else sql_path(source), fields[1], fields[2])
            for rowid, fields, source in rows
            if fields is not None
        ),
    )


#: SQLite virtual machine steps between two checks of `cancelled`.
_CANCEL_CHECK_STEPS = 1_000
Cancelled = Callable[[], bool]
"""Asked while a search runs; True abandons it (a newer keystroke, the app quitting)."""


def search(
    conn: sqlite3.Connection,
    query: str,
    limit: int = 50,
    rowids: Collection[int] | None = None,
    *,
    cancelled: Cancelled | None = None,
) -> list[TextHit]:
    """Best matches first (bm25); `rowids` restricts results to one corpus in a shared index.

    A search that `cancelled` abandons returns no hits.
    """
    match = fts_query(query)
    if match is None or limit <= 0 or (cancelled is not None and cancelled()):
        return []
    if cancelled is not None:
        conn.set_progress_handler(lambda: int(cancelled()), _CANCEL_CHECK_STEPS)
    try:
        return _search(conn, match, limit, rowids)
    finally:
        if cancelled is not None:
            conn.set_progress_handler(None, 0)


def _search(
    conn: sqlite3.Connection, match: str, limit: int, rowids: Collection[int] | None
) -> list[TextHit]:
    try:
        ranked = conn.execute(
            f"SELECT rowid, bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
            "ORDER BY rank",
            (match,),
        )
        chosen: list[tuple[int, float]] = []
        for rowid, score in ranked:
            if rowids is None or rowid in rowids:
                chosen.append((rowid, score))
                if len(chosen) >= limit:
                    break
        ranked.close()
        if not chosen:
            return []
        marks = ",".join("?" * len(chosen))
        details = {
            row[0]: row[1:]
            for row in conn.execute(
                f"SELECT rowid, bulletin_id, source, title, "
                f"snippet({FTS_TABLE}, {_TEXT_COLUMN}, ?, ?, '…', {_SNIPPET_TOKENS}), "
                f"highlight({FTS_TABLE}, {_TEXT_COLUMN}, ?, ?) "
                f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? AND rowid IN ({marks})",
                (_OPEN, _CLOSE, _OPEN, _CLOSE, match, *(rowid for rowid, _ in chosen)),
            )
        }
    except sqlite3.OperationalError:
        # A query the sanitizer let through but FTS5 still rejects, or a cancelled search, is
        # "no results", not a crash.
        return []
    hits: list[TextHit] = []
    for rowid, score in chosen:
        if rowid not in details:
            continue
        bulletin_id, source, title, snippet_marked, full_marked = details[rowid]
        snippet, snippet_spans = _strip_markers(snippet_marked, collapse_space=True)
        _, spans = _strip_markers(full_marked)
        hits.append(
            TextHit(
                bulletin_id=bulletin_id,
                source=None if source is None else path_from_sql(source),
                title=title,
                score=-float(score),
                snippet=snippet.strip(),
                snippet_spans=_shift_for_strip(snippet, snippet_spans),
                spans=spans,
            )
        )
    return hits


def _shift_for_strip(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans re-based after `text.strip()` removed leading whitespace."""
    lead = len(text) - len(text.lstrip())
    return [(start - lead, end - lead) for start, end in spans]


class MemoryTextIndex:
    """FTS5 over a list of bulletins in an in-memory database, for corpora without a cache."""

    def __init__(self, bulletins: Iterable[Bulletin]) -> None:
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(":memory:", check_same_thread=False)
        self._conn.execute(CREATE_FTS_SQL)
        with self._conn:
            rows = ((i, fts_fields(b), b.source) for i, b in enumerate(bulletins))
            insert_rows(self._conn, rows)

    def search(
        self, query: str, limit: int = 50, *, cancelled: Cancelled | None = None
    ) -> list[TextHit]:
        """See `search`; safe to call from worker threads."""
        with self._lock:
            return search(self._conn, query, limit, cancelled=cancelled)

    def close(self) -> None:
        self._conn.close()
