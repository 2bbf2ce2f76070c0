"""The persistent index: parse each file once, reopen a corpus fast, search its text.

Parsed bulletins (failed ones too, with their error) are kept in SQLite in the user cache
dir, keyed by absolute path, size, mtime and content hash; files are hashed only when their
size or mtime changed, so a second launch re-parses only new or changed files. Every write is
a short WAL transaction: a crash mid-index leaves a usable cache, and two processes indexing
the same corpus both end with correct results. A cache that cannot be trusted (corrupt, from
another schema, built by another parser) is rebuilt; one that cannot be written falls back
to memory. Either way the caller gets a notice, never an exception.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
import weakref
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import AbstractContextManager, closing, contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import TypeAdapter

import core.stored_messages as msg
from core import fts, resolve_store
from core.cache_paths import INDEX_FILENAME, path_from_sql, resolve_cache_dir, sql_path
from core.entity_table import EntityTable
from core.finder_cache import FinderCache
from core.fingerprint import parser_fingerprint, resolver_fingerprint
from core.lazy import LazySequence
from core.models import SUMMARY_FIELDS, Bulletin, BulletinSummary, Issue, TextHit
from core.resolve import Built, Seen, SpellingGroups, resolve_grouped, sightings_of
from core.resolve_update import Update, update_table
from core.runtime import (
    MIN_FILES_FOR_POOL,
    Progress,
    bounded_workers,
    gc_paused,
    new_pool,
    starting_workers,
    stop_pool,
)

SCHEMA_VERSION = 3
_SUMMARIES = TypeAdapter(list[BulletinSummary])
_SUMMARY_JSON = SUMMARY_FIELDS - {"source"}  # the path is the row's; the source as given is not

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS files (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        hash TEXT NOT NULL,
        bulletin_id TEXT NOT NULL,
        failed INTEGER NOT NULL,
        summary TEXT NOT NULL,
        sightings TEXT NOT NULL,
        bulletin BLOB NOT NULL
    )""",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS resolved (
        key TEXT PRIMARY KEY,
        entities BLOB NOT NULL,
        columns BLOB NOT NULL,
        stored REAL NOT NULL
    )""",
    fts.CREATE_FTS_SQL,
    *resolve_store.CREATE_SQL,
)
_CORRUPT = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})
_BUSY_TIMEOUT_MS = 30_000
#: A write-ahead log larger than this is emptied after the write that grew it. A process that
#: ends without closing its connection leaves the log behind, and the next one to open the
#: cache reads all of it back before its first query: 0.4 s of CPU for the 330 MB a
#: 50,000-bulletin entity table leaves, at every launch.
_WAL_KEEP_BYTES = 8 * 1024 * 1024
_WRITE_RETRIES = 5
#: Above this many rows, `_column` reads the whole table once.
_SCAN_ROWS = 2000
#: Columns short enough to be read whole as one string (summaries: ~300 bytes a row; the
#: entities a resolution reads are ten times that).
_ONE_STEP = frozenset({"summary"})
#: Bulletins whose entities a full resolution reads from the cache at once.
_RESOLVE_BATCH = 2000
#: Resolved entity sets kept (one per corpus recently opened).
_RESOLVED_KEEP = 4


@dataclass
class IndexReport:
    """What one update did, with the files' bulletins in the order of the files given.

    `summaries` are in memory; `bulletins` reads each full bulletin from the cache when it is
    accessed, so a 10,000-file corpus costs megabytes, not a gigabyte.
    """

    summaries: list[BulletinSummary] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: int = 0
    notices: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    cached: bool = True
    #: Per file: its row in the cache (None if not cached) and its content hash.
    row_ids: list[int | None] = field(default_factory=list)
    hashes: list[str | None] = field(default_factory=list)
    #: Bulletins that could not be cached (unreadable files), by position.
    held: dict[int, Bulletin] = field(default_factory=dict)
    index: Index | None = None
    #: The entities of the files parsed, grouped by position as they were parsed (asked for
    #: with `update(group_entities=True)`), until a full resolution takes them.
    grouped: SpellingGroups | None = None

    @property
    def parsed(self) -> int:
        """Files actually read and parsed in this update."""
        return self.new + self.changed

    @property
    def bulletins(self) -> LazySequence[Bulletin]:
        return LazySequence(len(self.summaries), self.bulletin)

    def bulletin(self, position: int) -> Bulletin:
        """The full bulletin of file `position`: from the cache, or parsed again if the cached
        row changed meanwhile (another process re-indexed the file)."""
        summary = self.summaries[position]
        held = self.held.get(position)
        if held is not None:
            return held
        row_id = self.row_ids[position]
        bulletin = None
        if self.index is not None and row_id is not None:
            bulletin = self.index.bulletin(row_id)
        if bulletin is None or bulletin.id != summary.id:
            from core.parse import parse_file

            bulletin = parse_file(summary.source or "")
        bulletin.source = summary.source
        return bulletin


class _Row(NamedTuple):  # 10,000 of them per launch: a tuple is built 10x faster
    id: int
    size: int
    mtime_ns: int
    hash: str


@dataclass
class _Parsed:
    """One parse result from a worker, ready to store: nothing left to decode here."""

    position: int
    size: int
    mtime_ns: int
    hash: str | None  # None when the file could not be read: never cached
    bulletin_id: str
    failed: bool
    summary: str  # JSON of the summary fields
    sightings: str  # JSON of the bulletin's entities as the resolver needs them
    fts: fts.FtsFields | None
    blob: bytes


def pipeline_fingerprint() -> str:
    """The parsing code and data: cached bulletins are only as good as their parser."""
    return parser_fingerprint()


def _resolved_key(bulletin_keys: Iterable[str]) -> str:
    """Same files (content hash, source) in the same order, same resolver code: same entities."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(resolver_fingerprint().encode())
    text = "".join(f"{key}\n" for key in bulletin_keys)
    digest.update(text.encode("utf-8", "surrogateescape"))  # one call: 10k calls cost 0.1 s
    return digest.hexdigest()


def _bulletin_keys(report: IndexReport, order: Sequence[int]) -> list[str]:
    """Each bulletin as the resolved key counts it: its content and its source."""
    return [
        f"{report.hashes[p] or report.summaries[p].id}\0{report.summaries[p].source}" for p in order
    ]


def _no_summary(rank: int) -> BulletinSummary:
    raise LookupError(f"the previous corpus's bulletin {rank} is not loaded")


def _absolute(path: str, cwd: str) -> str:
    """`os.path.abspath` (`cwd` being the current directory), without its cost (~10 us per
    path of a 50,000-file folder) when joining gives a normal path, as it does for every file
    the walk of a folder finds."""
    if os.name == "posix":
        full = path if path.startswith("/") else f"{cwd}/{path}"
        if not full.endswith("/") and "/." not in full and "//" not in full:
            return full
    return os.path.abspath(path)


def _as_given(path: str | os.PathLike[str]) -> str:
    """`str(Path(path))`, the source a bulletin keeps, without making a `Path` when the string
    is spelled that way already (every file `discover` finds): 6 us for each of 50,000."""
    if (
        isinstance(path, str)
        and os.name == "posix"
        and path
        and "//" not in path
        and "/./" not in path
        and not path.startswith("./")
        and not path.endswith(("/", "/."))
    ):
        return path
    return str(Path(path))


def _not_utf8(sources: Sequence[str]) -> set[int]:
    """The positions of the sources that are not UTF-8 (a name in another encoding): one
    encoding of them all when there is none, as in nearly every corpus."""
    try:
        "".join(sources).encode("utf-8")
    except UnicodeEncodeError:
        return {p for p, source in enumerate(sources) if isinstance(sql_path(source), bytes)}
    return set()


def _hash_file(path: Path) -> str | None:
    """The hash of what parsing reads (the same bounds: /dev/zero or a 6 GB file cost what
    parsing costs); None when the file cannot be read, or is no regular file."""
    from core.ingest import IngestError, read_source

    try:
        return hashlib.blake2b(read_source(path), digest_size=16).hexdigest()
    except (IngestError, OSError):
        return None


def _encode(bulletin: Bulletin) -> bytes:
    # The row's path is the source (readers set it back); a name that is not UTF-8 cannot be
    # JSON, so the blob leaves it out.
    exclude = None if isinstance(sql_path(bulletin.source or ""), str) else {"source"}
    return zlib.compress(bulletin.model_dump_json(exclude=exclude).encode(), 1)


def _decode(blob: bytes) -> Bulletin:
    return Bulletin.model_validate_json(zlib.decompress(blob))


def _safe_parse(path: Path) -> Bulletin:
    """parse_file must not raise; if it does anyway, the file is reported, not lost."""
    from core.parse import parse_file

    try:
        return parse_file(path)
    except Exception as err:  # a parser bug must not take the whole index down
        return Bulletin(
            source=str(path),
            id=path.stem,
            issues=[Issue(severity="error", code="parser-crash", message=repr(err))],
        )


def _parse_one(position: int, path_text: str) -> _Parsed:
    path = Path(path_text)
    size = mtime_ns = -1
    digest: str | None = None
    try:
        st = os.stat(path)  # stat before reading: a write during the read forces a re-parse
        size, mtime_ns = st.st_size, st.st_mtime_ns
        digest = _hash_file(path)
    except OSError:
        digest = None
    bulletin = _safe_parse(path)
    return _Parsed(
        position,
        size,
        mtime_ns,
        digest,
        bulletin.id,
        bulletin.failed,
        bulletin.model_dump_json(include=_SUMMARY_JSON),
        json.dumps(sightings_of(bulletin), ensure_ascii=False),
        fts.fts_fields(bulletin),
        _encode(bulletin),
    )


def _parse_chunk(items: list[tuple[int, str]]) -> list[_Parsed]:
    """Worker entry point: a chunk amortizes the inter-process round trip."""
    return [_parse_one(position, path_text) for position, path_text in items]


class Index:
    """A bulletin cache plus its FTS5 table; in memory when no cache can or should be used."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, notices: list[str]) -> None:
        self._conn = conn
        self.path = path
        self.notices = notices
        self._lock = threading.RLock()
        self._scope: set[int] | None = None
        self._closed = False
        #: The report (weakly: it refers to this index), order, keys and key last asked for.
        self._last_keys: tuple[weakref.ref[IndexReport], list[int], list[str], str] | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls, cache_dir: str | os.PathLike[str] | None = None, *, use_cache: bool = True
    ) -> Index:
        """Open (creating, repairing or rebuilding as needed) the index in `cache_dir`."""
        notices: list[str] = []
        if not use_cache:
            return cls._in_memory(notices)
        directory = resolve_cache_dir(cache_dir)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            db_path = directory / INDEX_FILENAME
            conn = _open_database(db_path, notices)
        except (OSError, sqlite3.Error) as err:
            notices.append(msg.CACHE_UNAVAILABLE.format(folder=directory, reason=err))
            return cls._in_memory(notices)
        index = cls(conn, db_path, notices)
        index._trim_log()  # a log left by an older process: read once, not at every launch
        return index

    @classmethod
    def _in_memory(cls, notices: list[str]) -> Index:
        return cls(_memory_database(), None, notices)

    @property
    def persistent(self) -> bool:
        return self.path is not None

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            self._closed = True

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- updating --------------------------------------------------------------------------

    def update(
        self,
        files: Sequence[str | os.PathLike[str]],
        progress: Progress | None = None,
        *,
        roots: Iterable[str | os.PathLike[str]] | None = None,
        workers: int | None = None,
        group_entities: bool = False,
    ) -> IndexReport:
        """Bring the index up to date with `files` and return their bulletins, in order.

        Cached rows under `roots` (default: the files' directories) whose file no longer
        exists are dropped and counted as removed. With `group_entities`, the entities of
        the files parsed are grouped for `resolved` while the workers parse the others.
        """
        started = time.perf_counter()
        report = IndexReport(notices=list(self.notices), cached=self.persistent, index=self)
        self.notices.clear()
        for attempt in range(3):  # as is; after a rebuild; in memory
            try:
                with self._lock, gc_paused():
                    if group_entities:
                        report.grouped = SpellingGroups()
                    self._update(files, progress, roots, workers, report)
                break
            except sqlite3.DatabaseError as err:
                if self.path is None or attempt == 2:
                    raise
                if _unwritable(err):
                    folder = self.path.parent
                    self._without_cache(msg.CACHE_UNWRITABLE.format(folder=folder, reason=err))
                elif _error_name(err) in _CORRUPT and attempt == 0:
                    self._rebuild(msg.CACHE_DAMAGED.format(reason=err))
                else:
                    raise
                notices = [*report.notices, *self.notices]
                report = IndexReport(notices=notices, cached=self.persistent, index=self)
                self.notices.clear()
        if report.parsed or report.removed:
            self._trim_log()
        report.elapsed = time.perf_counter() - started
        return report

    def _trim_log(self) -> None:
        """Empty a large write-ahead log into the database (see `_WAL_KEEP_BYTES`). Best
        effort and never waiting: while another process reads, the log stays as it is."""
        if self.path is None:
            return
        try:
            size = os.path.getsize(f"{self.path}-wal")
        except OSError:
            return
        if size <= _WAL_KEEP_BYTES:
            return
        with self._lock, suppress(sqlite3.Error):
            if self._closed:
                return
            self._conn.execute("PRAGMA busy_timeout = 0")
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                self._conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")

    def _without_cache(self, notice: str) -> None:
        """A full disk or an unwritable cache: carry on in memory; the next run tries again."""
        with self._lock:
            with suppress(sqlite3.Error):
                self._conn.close()
            self._conn = _memory_database()
            self.path = None
            self.notices.append(notice)

    def _rebuild(self, notice: str) -> None:
        assert self.path is not None
        with self._lock:
            self._conn.close()
            _remove_database(self.path)
            self._conn = _open_database(self.path, self.notices)
            self.notices.append(notice)

    def _update(
        self,
        files: Sequence[str | os.PathLike[str]],
        progress: Progress | None,
        roots: Iterable[str | os.PathLike[str]] | None,
        workers: int | None,
        report: IndexReport,
    ) -> None:
        sources = [_as_given(f) for f in files]
        cwd = os.getcwd()
        keys = [_absolute(source, cwd) for source in sources]
        known = self._known_rows()
        to_parse: list[int] = []
        unchanged: dict[int, int] = {}  # position -> row id
        touched: list[tuple[int, int, int]] = []  # (size, mtime_ns, row id): same content

        for position, key in enumerate(keys):
            row = known.get(key)
            try:
                st = os.stat(key)
            except OSError:
                to_parse.append(position)  # the parser reports why it cannot be read
                continue
            if row is None:
                to_parse.append(position)
            elif (row.size, row.mtime_ns) == (st.st_size, st.st_mtime_ns):
                unchanged[position] = row.id
            else:
                if _hash_file(Path(key)) == row.hash:
                    unchanged[position] = row.id
                    touched.append((st.st_size, st.st_mtime_ns, row.id))
                else:
                    to_parse.append(position)

        if touched:
            self._write(
                lambda c: c.executemany(
                    "UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?", touched
                )
            )
        row_ids: list[int | None] = [None] * len(sources)
        hashes: list[str | None] = [None] * len(sources)
        for position, row_id in unchanged.items():
            row_ids[position] = row_id
            hashes[position] = known[keys[position]].hash
        report.unchanged = len(unchanged)

        total = len(to_parse)
        done = 0
        for chunk in self._parse(to_parse, keys, workers):
            stored = self._store(chunk, keys)
            for parsed in chunk:
                position = parsed.position
                row_ids[position] = stored.get(position)
                hashes[position] = parsed.hash
                if row_ids[position] is None:  # not cached: keep it here, nothing is dropped
                    report.held[position] = _decode(parsed.blob)
                elif report.grouped is not None:
                    report.grouped.add(position, json.loads(parsed.sightings))
                if keys[position] in known:
                    report.changed += 1
                else:
                    report.new += 1
            done += len(chunk)
            if progress and chunk:
                progress(done, total, Path(sources[chunk[-1].position]))

        report.row_ids, report.hashes = row_ids, hashes
        report.summaries = self._summaries(row_ids, report.held, keys, sources, hashes)
        report.failed = sum(1 for b in report.summaries if b.issues and b.failed)  # issues: rare
        report.removed = self._drop_missing(known, keys, roots)
        self._scope = {row_id for row_id in row_ids if row_id is not None}

    def _known_rows(self) -> dict[str, _Row]:
        """Every cached file's row, by path. Read in one step of SQLite (a JSON array) for
        the text paths: Python's sqlite3 lets go of the GIL at every row, and while the app's
        UI thread is busy (its first frame) each row then waits for the GIL again: 50,000
        rows took 2.4 s instead of 0.15 s beside a busy thread, 0.7 s in one step."""
        (text,) = self._conn.execute(
            "SELECT json_group_array(json_array(path, id, size, mtime_ns, hash)) FROM files"
            " WHERE typeof(path) = 'text'"
        ).fetchone()
        known = {
            path: _Row(id_, size, mtime, digest)
            for path, id_, size, mtime, digest in json.loads(text or "[]")
        }
        odd = self._conn.execute(  # names that are not UTF-8, stored as bytes: rare
            "SELECT id, path, size, mtime_ns, hash FROM files WHERE typeof(path) <> 'text'"
        )
        for id_, path, size, mtime, digest in odd:
            known[path_from_sql(path)] = _Row(id_, size, mtime, digest)
        return known

    def _column(self, column: str, row_ids: Iterable[int]) -> dict[int, Any]:
        """One column of the given rows, by row id (rows gone meanwhile are absent)."""
        ids = list(row_ids)
        out: dict[int, Any] = {}
        if len(ids) > _SCAN_ROWS:  # a whole corpus: one scan, not a query per 500 rows
            wanted = set(ids)
            rows = self._one_step(column) if column in _ONE_STEP else None
            if rows is None:
                rows = self._conn.execute(f"SELECT id, {column} FROM files")
            return {row_id: value for row_id, value in rows if row_id in wanted}
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            marks = ",".join("?" * len(batch))
            out.update(
                self._conn.execute(
                    f"SELECT id, {column} FROM files WHERE id IN ({marks})", batch
                ).fetchall()
            )
        return out

    def _one_step(self, column: str) -> Iterator[tuple[int, str]] | None:
        """(id, text) of every row, read in one step of SQLite (see `_known_rows`: the GIL
        is not let go and taken back at every row); None if a value holds a separator."""
        count, joined = self._conn.execute(
            f"SELECT count(*), group_concat(id || char(31) || {column}, char(30)) FROM files"
        ).fetchone()
        parts = joined.split("\x1e") if joined else []
        if len(parts) != count or joined.count("\x1f") != count:  # JSON escapes both
            return None
        return ((int(row_id), text) for row_id, _, text in (p.partition("\x1f") for p in parts))

    def _summaries(
        self,
        row_ids: list[int | None],
        held: dict[int, Bulletin],
        keys: list[str],
        sources: list[str],
        hashes: list[str | None],
    ) -> list[BulletinSummary]:
        """All summaries validated in one call (10,000 rows in tens of milliseconds), each
        with its source as given (the stored JSON has none: the row's key is absolute).

        A refresh in the same process takes the summaries of rows it read last time, same
        content, same source, as they are: a 50,000-file folder with one new file then reads
        and validates one summary, not 50,000 (half a second)."""
        reused = _last_summaries.reuse(self.path, row_ids, hashes, sources, held)
        texts = self._column(
            "summary", (r for p, r in enumerate(row_ids) if r is not None and p not in reused)
        )
        for position, row_id in enumerate(row_ids):
            if position in reused:
                continue
            if position not in held and (row_id is None or row_id not in texts):
                from core.parse import parse_file  # the row vanished: read the file again

                held[position] = parse_file(keys[position])
        for position, bulletin in held.items():
            bulletin.source = sources[position]
        # A source that is not UTF-8 cannot be JSON: it is set on its summary after decoding.
        odd = _not_utf8(sources)
        cached = [
            f'{{"source":{encode_basestring("" if p in odd else sources[p])},{texts[r][1:]}'
            for p, r in enumerate(row_ids)
            if p not in held and p not in reused and r is not None
        ]
        with gc_paused():
            decoded = iter(_SUMMARIES.validate_json("[" + ",".join(cached) + "]"))
        summaries = [
            held[p] if p in held else reused[p] if p in reused else next(decoded)
            for p in range(len(row_ids))
        ]
        for position in odd - held.keys() - reused.keys():
            summaries[position].source = sources[position]
        _last_summaries.keep(self.path, row_ids, hashes, summaries, held)
        return summaries

    def bulletin(self, row_id: int) -> Bulletin | None:
        """The cached bulletin of one row; None if the row is gone or unreadable, or the index
        was closed (callers then parse the file again)."""
        query = "SELECT bulletin FROM files WHERE id = ?"
        try:
            with self._lock:
                if not self._closed:
                    row = self._conn.execute(query, (row_id,)).fetchone()
                elif self.path is not None:  # a report read after its index was closed
                    with closing(_connect(self.path)) as conn:
                        row = conn.execute(query, (row_id,)).fetchone()
                else:
                    return None
            return None if row is None else _decode(row[0])
        except (sqlite3.Error, zlib.error, ValueError):
            return None

    def _parse(
        self, positions: list[int], keys: list[str], workers: int | None
    ) -> Iterator[list[_Parsed]]:
        """Parsed chunks as they complete: in a process pool when there is enough work."""
        items = [(position, keys[position]) for position in positions]
        workers = bounded_workers(workers)
        if workers <= 1 or len(items) < MIN_FILES_FOR_POOL:
            for item in items:  # one at a time: progress per file, cheap WAL commits
                yield _parse_chunk([item])
            return
        size = max(4, min(64, len(items) // (workers * 8) or 1))
        chunks = [items[start : start + size] for start in range(0, len(items), size)]
        remaining = dict(enumerate(chunks))  # until yielded: nothing is lost on a failure
        pool: ProcessPoolExecutor | None = None
        finished = False
        try:
            with starting_workers():  # the pool's helpers and workers start here
                pool = new_pool(workers)
                futures = {pool.submit(_parse_chunk, c): n for n, c in remaining.items()}
            for future in as_completed(futures):
                number = futures.pop(future)  # its result (parsed blobs) is freed once used
                try:
                    result = future.result()
                except Exception:  # a dead worker: parse that chunk here instead
                    result = _parse_chunk(remaining[number])
                del remaining[number]
                yield result
            finished = True
        except (OSError, ValueError):  # processes not allowed or not startable: in-process
            if pool is not None:
                stop_pool(pool)
                pool = None
            for chunk in list(remaining.values()):
                yield _parse_chunk(chunk)
        finally:  # also on Ctrl-C, SIGTERM, or the caller abandoning the generator
            if pool is not None:
                if finished:
                    pool.shutdown(wait=True)
                else:
                    stop_pool(pool)

    def _store(self, chunk: list[_Parsed], keys: list[str]) -> dict[int, int]:
        """Cache a chunk in one transaction; returns position -> row id of what was stored."""

        def write(conn: sqlite3.Connection) -> dict[int, int]:
            stored: dict[int, int] = {}
            for parsed in chunk:
                key = sql_path(keys[parsed.position])
                old = conn.execute("SELECT id FROM files WHERE path = ?", (key,)).fetchone()
                if old:
                    conn.execute(f"DELETE FROM {fts.FTS_TABLE} WHERE rowid = ?", (old[0],))
                if parsed.hash is None:  # unreadable now: forget it, report it, retry next time
                    conn.execute("DELETE FROM files WHERE path = ?", (key,))
                    continue
                (row_id,) = conn.execute(
                    "INSERT INTO files (path, size, mtime_ns, hash, bulletin_id, failed, summary,"
                    " sightings, bulletin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT(path) DO UPDATE SET"
                    " size = excluded.size, mtime_ns = excluded.mtime_ns, hash = excluded.hash,"
                    " bulletin_id = excluded.bulletin_id, failed = excluded.failed,"
                    " summary = excluded.summary, sightings = excluded.sightings,"
                    " bulletin = excluded.bulletin RETURNING id",
                    (
                        key,
                        parsed.size,
                        parsed.mtime_ns,
                        parsed.hash,
                        parsed.bulletin_id,
                        int(parsed.failed),
                        parsed.summary,
                        parsed.sightings,
                        parsed.blob,
                    ),
                ).fetchone()
                fts.insert_rows(conn, [(row_id, parsed.fts, keys[parsed.position])])
                stored[parsed.position] = row_id
            return stored

        return self._write(write)

    def _drop_missing(
        self,
        known: dict[str, _Row],
        keys: list[str],
        roots: Iterable[str | os.PathLike[str]] | None,
    ) -> int:
        """Forget the rows under `roots` (default: the directories of the files, `keys` being
        their absolute paths) whose file is gone."""
        present = set(keys)
        base = (
            {os.path.abspath(r) for r in roots}
            if roots is not None
            else {os.path.dirname(key) for key in keys}
        )
        prefixes = tuple(b.rstrip(os.sep) + os.sep for b in base)
        gone = [
            row.id
            for key, row in known.items()
            if key not in present and key.startswith(prefixes) and not os.path.exists(key)
        ]
        if gone:

            def write(conn: sqlite3.Connection) -> None:
                for start in range(0, len(gone), 500):
                    batch = gone[start : start + 500]
                    marks = ",".join("?" * len(batch))
                    conn.execute(f"DELETE FROM files WHERE id IN ({marks})", batch)
                    conn.execute(f"DELETE FROM {fts.FTS_TABLE} WHERE rowid IN ({marks})", batch)

            self._write(write)
        return len(gone)

    def _write(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        """Run `work` in one immediate transaction, retrying if another process holds the lock."""
        for attempt in range(_WRITE_RETRIES):
            try:
                with _transaction(self._conn):
                    return work(self._conn)
            except sqlite3.OperationalError as err:
                if _error_name(err) not in {"SQLITE_BUSY", "SQLITE_LOCKED"}:
                    raise
                if attempt == _WRITE_RETRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    # -- resolved entities -----------------------------------------------------------------

    def resolved(self, report: IndexReport, order: Sequence[int]) -> EntityTable:
        """The entities of the report's files taken in `order` (corpus order): restored from
        the cache when these exact files were resolved before; else, when the last corpus
        resolved differs by a few bulletins, updated from it (core/resolve_update.py);
        else resolved in full. Either way cached, with what the next update needs.

        Resolving 10k bulletins takes seconds; restoring the table, tens of milliseconds;
        updating it for one new bulletin, a fraction of a second. A stored table that cannot
        be read is resolved again, with a notice added to the report's.
        """
        # One at a time per cache: a refresh while the launch's table is still restoring
        # waits for it and updates it, rather than decode a second copy as its base.
        with _resolving.lock(self.path):
            return self._resolved(report, order)

    def _resolved(self, report: IndexReport, order: Sequence[int]) -> EntityTable:
        ordered = [report.summaries[p] for p in order]
        grouped, report.grouped = report.grouped, None  # only a full resolution needs them
        keys, key = self._keys(report, order)
        _last_write.wait(self.path)  # this process's previous resolution is stored first
        same = _last_table.get(self.path, key)  # a refresh that found no change
        if same is not None:
            table = same.over(ordered)
            _last_table.put(self.path, key, table)
            return table
        stored = self._has_stored_table(key)
        # A stored table is a whole second copy of every name beside the table in memory;
        # updating that one (a refresh after a file was deleted) shares its strings.
        update, base_key = None, None
        if not stored or _last_table.holds(self.path):
            update, base_key = self._update_from_last(
                report, order, ordered, keys, key, in_memory=stored
            )
        kept = update is not None and stored  # the stored table, unread, stays as it is
        if update is None and stored:
            table = self._stored_table(key, ordered)
            if table is not None:
                _last_table.put(self.path, key, table)
                return table
            report.notices.append(msg.ENTITIES_DAMAGED)
            update, base_key = self._update_from_last(report, order, ordered, keys, key)
        if update is not None:
            table = update.table
        else:
            table, built = self._resolve_all(report, order, ordered, grouped)
            grouped = None
            state = resolve_store.State(key, keys, list(range(len(keys))), len(keys))
            update, base_key = Update(table, state, set(), unstored=built), None
        _last_table.put(self.path, key, table)
        self._store_resolved(base_key, update, table_stored=kept)
        return table

    def _resolve_all(
        self,
        report: IndexReport,
        order: Sequence[int],
        ordered: Sequence[BulletinSummary],
        grouped: SpellingGroups | None,
    ) -> tuple[EntityTable, list[Built]]:
        """Every bulletin resolved: those `grouped` as they were parsed, and the others
        grouped from the cache a batch at a time (never the whole corpus's entities at once).
        A file read again after it was grouped (its row vanished: `held`) voids `grouped`."""
        if grouped is None or not report.held.keys().isdisjoint(grouped.sizes):
            grouped = SpellingGroups()
        missing = [position for position in order if position not in grouped]
        for start in range(0, len(missing), _RESOLVE_BATCH):
            batch = missing[start : start + _RESOLVE_BATCH]
            for position, seen in zip(batch, self._sightings(report, batch), strict=True):
                grouped.add(position, seen)
        ranks = [-1] * len(report.summaries)
        for rank, position in enumerate(order):
            ranks[position] = rank
        return resolve_grouped(ordered, grouped, ranks)

    def _stored_table(self, key: str, ordered: Sequence[BulletinSummary]) -> EntityTable | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT entities, columns FROM resolved WHERE key = ?", (key,)
            ).fetchone()
        if row is None:
            return None
        with gc_paused():
            return EntityTable.from_blobs(row[0], row[1], ordered)

    def _has_stored_table(self, key: str) -> bool:
        with self._lock, suppress(sqlite3.Error):
            found = self._conn.execute("SELECT 1 FROM resolved WHERE key = ?", (key,))
            return found.fetchone() is not None
        return False

    def _update_from_last(
        self,
        report: IndexReport,
        order: Sequence[int],
        ordered: Sequence[BulletinSummary],
        keys: list[str],
        key: str,
        in_memory: bool = False,
    ) -> tuple[Update | None, str | None]:
        """The last resolved corpus updated to this one, if its groups are stored and few
        bulletins differ; and that corpus's key. `in_memory`: only from a table this process
        holds, never one decoded from the store. (None, None) when the store cannot be
        read: resolving in full rewrites it."""

        def read_seen(ranks: Collection[int]) -> dict[int, list[Seen]]:
            wanted = list(ranks)
            found = self._sightings(report, [order[r] for r in wanted])
            return dict(zip(wanted, found, strict=True))

        try:  # one read transaction: another process's write never shows halfway
            with self._lock, _transaction(self._conn, "BEGIN"):
                state = resolve_store.read_state(self._conn)
                # The app's refresh: the last table still in memory.
                base = None if state is None else _last_table.get(self.path, state.key)
                if base is None and state is not None and not in_memory:
                    unread = LazySequence(len(state.bulletins), _no_summary)
                    base = self._stored_table(state.key, unread)
                if state is None or base is None:
                    return None, None
                update = update_table(self._conn, base, state, ordered, key, keys, read_seen)
                return update, state.key
        except sqlite3.Error:
            return None, None

    def finder_cache(self, report: IndexReport, order: Sequence[int]) -> FinderCache | None:
        """Where the fuzzy index of `resolved(report, order)` is kept (None without a cache)."""
        if self.path is None:
            return None
        return FinderCache(self.path.parent, self._keys(report, order)[1])

    def _keys(self, report: IndexReport, order: Sequence[int]) -> tuple[list[str], str]:
        """The bulletins' keys and the resolved table's key (kept: asked for twice a load)."""
        last = self._last_keys
        if last is not None and last[0]() is report and last[1] == order:
            return last[2], last[3]
        keys = _bulletin_keys(report, order)
        key = _resolved_key(keys)
        self._last_keys = (weakref.ref(report), list(order), keys, key)
        return keys, key

    def _sightings(self, report: IndexReport, order: Sequence[int]) -> list[list[Seen]]:
        """The resolver's input for the files at these positions (an update reads a few)."""
        rows = (row for p in order if (row := report.row_ids[p]) is not None)
        with self._lock:
            texts = self._column("sightings", rows)
        out: list[list[Seen]] = []
        for position in order:
            held = report.held.get(position)
            text = texts.get(report.row_ids[position] or -1)
            if held is None and text is None:
                held = report.bulletin(position)
            out.append(sightings_of(held) if held is not None else json.loads(text or "[]"))
        return out

    def _store_resolved(
        self, base_key: str | None, update: Update, *, table_stored: bool = False
    ) -> None:
        """Remember a resolution and, in the same transaction, its groups: in full
        (`base_key` None), or as changes to the groups of `base_key` when they are still the
        stored ones (another process may have resolved meanwhile: then the groups are left
        as they are, and the next update starts from that process's corpus). Best effort
        (a full disk is no error).

        Encoding a 100k-entity table and its groups takes seconds, so a cache on disk is
        written in a thread: the caller has its entities at once, and the next resolution
        in this process waits for the write. `table_stored`: the table is already stored
        under its key (only the groups change), unless another process dropped it since."""
        if self.path is None:
            self._write_resolved(base_key, update, table_stored)
            return
        writer = threading.Thread(
            target=self._write_resolved,
            args=(base_key, update, table_stored),
            name="imss-store-resolved",
        )
        _last_write.started(self.path, writer)

    def _write_resolved(self, base_key: str | None, update: Update, table_stored: bool) -> None:
        blobs: list[tuple[bytes, bytes]] = []  # encoded once (seconds at 50k), when needed

        def write(conn: sqlite3.Connection) -> None:
            key, now = update.state.key, time.time()
            sql = "UPDATE resolved SET stored = ? WHERE key = ?"
            if not (table_stored and conn.execute(sql, (now, key)).rowcount):
                if not blobs:
                    blobs.append(update.table.to_blobs())
                conn.execute(
                    "INSERT OR REPLACE INTO resolved (key, entities, columns, stored)"
                    " VALUES (?, ?, ?, ?)",
                    (key, *blobs[0], now),
                )
            conn.execute(
                "DELETE FROM resolved WHERE key NOT IN"
                " (SELECT key FROM resolved ORDER BY stored DESC LIMIT ?)",
                (_RESOLVED_KEEP,),
            )
            if base_key is None:
                resolve_store.replace_all(conn, update.state, update.stored_groups())
                return
            state = resolve_store.read_state(conn)
            if state is not None and state.key == base_key:
                groups = list(update.stored_groups())
                resolve_store.apply(conn, update.state, update.gone, groups)

        with self._lock, suppress(sqlite3.Error):
            if not self._closed:
                self._write(write)
        self._trim_log()  # the table and its groups: hundreds of megabytes at 50k

    # -- searching -------------------------------------------------------------------------

    def search(
        self, query: str, limit: int = 50, *, cancelled: fts.Cancelled | None = None
    ) -> list[TextHit]:
        """The `TextSearcher` protocol of core.corpus: search the last updated corpus."""
        return self.search_text(query, limit, cancelled=cancelled)

    def search_text(
        self,
        query: str,
        limit: int = 50,
        *,
        everywhere: bool = False,
        cancelled: fts.Cancelled | None = None,
    ) -> list[TextHit]:
        """Full-text search over the bulletins of the last update (or the whole index)."""
        with self._lock:
            scope: Collection[int] | None = None if everywhere else self._scope
            return fts.search(self._conn, query, limit, scope, cancelled=cancelled)


class _LastTable:
    """The last entity table resolved or restored per cache file in this process: the base
    of the next update (the app refreshing), so it is not decoded from the cache again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tables: dict[Path, tuple[str, EntityTable]] = {}

    def put(self, path: Path | None, key: str, table: EntityTable) -> None:
        if path is not None:
            with self._lock:
                self._tables[path] = (key, table)

    def holds(self, path: Path | None) -> bool:
        with self._lock:
            return path in self._tables

    def get(self, path: Path | None, key: str) -> EntityTable | None:
        with self._lock:
            found = self._tables.get(path) if path is not None else None
        return found[1] if found is not None and found[0] == key else None


class _PathLocks:
    """A lock per cache file (None: an index in memory, never shared)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._locks: dict[Path, threading.Lock] = {}

    def lock(self, path: Path | None) -> AbstractContextManager[object]:
        if path is None:
            return nullcontext()
        with self._lock:
            return self._locks.setdefault(path, threading.Lock())


class _LastSummaries:
    """The summaries of the last update per cache file in this process, by (row, content
    hash, source): what a refresh of the same folders reads again unchanged.

    Kept as the update's own lists (never changed afterwards), looked up only when a refresh
    asks: a launch does not pay for a table (50 ms at 50,000 bulletins) only a refresh uses."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[Path, _Kept] = {}

    def reuse(
        self,
        path: Path | None,
        row_ids: Sequence[int | None],
        hashes: Sequence[str | None],
        sources: Sequence[str],
        held: Collection[int],
    ) -> dict[int, BulletinSummary]:
        """By position, the kept summaries of these rows, still of the same content."""
        with self._lock:
            last = self._kept.get(path) if path is not None else None
        if last is None:
            return {}
        kept = {
            (row_id, digest, summary.source): summary
            for position, (row_id, digest, summary) in enumerate(
                zip(last.row_ids, last.hashes, last.summaries, strict=True)
            )
            if row_id is not None and digest is not None and position not in last.held
        }
        found: dict[int, BulletinSummary] = {}
        for position, (row_id, digest) in enumerate(zip(row_ids, hashes, strict=True)):
            if row_id is not None and digest is not None and position not in held:
                summary = kept.get((row_id, digest, sources[position]))
                if summary is not None:
                    found[position] = summary
        return found

    def keep(
        self,
        path: Path | None,
        row_ids: Sequence[int | None],
        hashes: Sequence[str | None],
        summaries: Sequence[BulletinSummary],
        held: Collection[int],
    ) -> None:
        if path is None:
            return
        with self._lock:
            self._kept[path] = _Kept(row_ids, hashes, summaries, frozenset(held))


class _Kept(NamedTuple):
    row_ids: Sequence[int | None]
    hashes: Sequence[str | None]
    summaries: Sequence[BulletinSummary]
    held: frozenset[int]


class _LastWrite:
    """The thread storing a resolution, per cache file."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._threads: dict[Path, threading.Thread] = {}

    def started(self, path: Path, thread: threading.Thread) -> None:
        self.wait(path)  # one at a time, in order
        with self._lock:  # started before anyone can see it: a join must find it running
            thread.start()
            self._threads[path] = thread

    def wait(self, path: Path | None) -> None:
        with self._lock:
            thread = self._threads.pop(path, None) if path is not None else None
        if thread is not None:
            thread.join()


_last_table = _LastTable()
_resolving = _PathLocks()
_last_summaries = _LastSummaries()
_last_write = _LastWrite()


# -- database plumbing ---------------------------------------------------------------------


def _error_name(err: sqlite3.Error) -> str:
    return getattr(err, "sqlite_errorname", "") or ""


#: Errors of a cache that cannot take writes now (disk full, file size limit, read-only...).
_UNWRITABLE = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")


def _unwritable(err: sqlite3.Error) -> bool:
    return _error_name(err).startswith(_UNWRITABLE)


@contextmanager
def _transaction(conn: sqlite3.Connection, begin: str = "BEGIN IMMEDIATE") -> Iterator[None]:
    conn.execute(begin)
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # SQLite already rolled back after SQLITE_FULL / IOERR
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, timeout=_BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
    )
    conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
    conn.execute(f"PRAGMA journal_size_limit = {_WAL_KEEP_BYTES}")  # on each restart of the log
    return conn


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")


def _open_database(path: Path, notices: list[str]) -> sqlite3.Connection:
    """Connect, switch to WAL and check the schema; a corrupt file is replaced once."""
    for attempt in range(2):
        conn = _connect(path)
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = NORMAL")
            _check_schema(conn, notices)
            return conn
        except sqlite3.DatabaseError as err:
            conn.close()
            if _error_name(err) not in _CORRUPT or attempt:
                raise
            _remove_database(path)
            notices.append(msg.CACHE_CORRUPT.format(path=path, reason=err))
    raise AssertionError("unreachable")


def _memory_database() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    _create_schema(conn)
    return conn


def _create_schema(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA:
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _drop_everything(conn: sqlite3.Connection) -> None:
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    virtual = [name for name, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL")]
    for name in virtual:
        conn.execute(f'DROP TABLE IF EXISTS "{name}"')
    for name, _ in tables:
        conn.execute(f'DROP TABLE IF EXISTS "{name}"')


def _check_schema(conn: sqlite3.Connection, notices: list[str]) -> None:
    """Create, migrate-by-rebuilding, or invalidate stale bulletins, in one transaction."""
    fingerprint = pipeline_fingerprint()
    with _transaction(conn):
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        has_tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()[0]
        if version != SCHEMA_VERSION and (version or has_tables):
            _drop_everything(conn)
            notices.append(msg.CACHE_SCHEMA.format(old=version, new=SCHEMA_VERSION))
        _create_schema(conn)
        row = conn.execute("SELECT value FROM meta WHERE key = 'parser'").fetchone()
        if row is not None and row[0] != fingerprint:
            (stale,) = conn.execute("SELECT count(*) FROM files").fetchone()
            conn.execute("DELETE FROM files")
            conn.execute(f"DELETE FROM {fts.FTS_TABLE}")
            if stale:
                notices.append(msg.PARSER_CHANGED.format(count=stale))
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('parser', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (fingerprint,),
        )
