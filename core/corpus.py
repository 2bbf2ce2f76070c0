"""A corpus: the bulletins of some paths, their resolved entities and the searches over them.

`load_corpus` is discover -> read bulletins -> resolve. Reading is one replaceable step
(`read_bulletins`): plain parsing here, the SQLite cache (core/index.py) where one is used.
`Corpus.from_bulletins` builds a corpus from bulletins obtained any other way.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from core.discover import discover, seeds_dir
from core.entity_table import EntityTable
from core.filters import BulletinFilter, DateRange, filter_ranks
from core.finder_cache import FinderCache
from core.lazy import Background, LazySequence
from core.models import Bulletin, BulletinSummary, Entity, EntityKind, Hit, TextHit
from core.parse import parse_file
from core.quotes import link_speakers
from core.resolve import corpus_order_key, resolve_table, sightings_of
from core.runtime import MIN_FILES_FOR_POOL, Progress, bounded_workers, new_pool, starting_workers
from core.search import EntitySearch, SearchResult

if TYPE_CHECKING:
    from core.index import Index, IndexReport

#: Full bulletins kept after being read (the reader and sidebar re-read the open one).
RECENT_BULLETINS = 64


class TextSearcher(Protocol):
    """Full-text search over bulletin text: the persistent index or an in-memory FTS5 table."""

    def search(
        self, query: str, limit: int = 50, *, cancelled: Callable[[], bool] | None = None
    ) -> list[TextHit]: ...


def read_bulletins(
    files: Sequence[Path], progress: Progress | None = None, *, workers: int | None = None
) -> list[Bulletin]:
    """Parse every file (never raises: failures are bulletins with an error issue)."""
    total = len(files)
    workers = bounded_workers(workers)
    if total < MIN_FILES_FOR_POOL or workers <= 1:
        results: Iterable[Bulletin] = map(parse_file, files)
        return _with_progress(results, files, progress)
    try:
        chunk = max(1, min(64, total // (workers * 8)))
        with starting_workers():
            pool = new_pool(workers)
            results = pool.map(parse_file, files, chunksize=chunk)  # submits every chunk
        with pool:
            return _with_progress(results, files, progress)
    except (OSError, BrokenProcessPool):  # no subprocesses allowed, or a worker died: here
        return _with_progress(map(parse_file, files), files, progress)


def _with_progress(
    results: Iterable[Bulletin], files: Sequence[Path], progress: Progress | None
) -> list[Bulletin]:
    bulletins: list[Bulletin] = []
    for done, (path, bulletin) in enumerate(zip(files, results, strict=True), start=1):
        bulletins.append(bulletin)
        if progress is not None:
            progress(done, len(files), path)
    return bulletins


def load_corpus(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str] | None = None,
    *,
    progress: Progress | None = None,
    **options: Any,
) -> Corpus:
    """The corpus of `paths` (files or directories; default: the bundled seed bulletins).

    Options: `workers` (parsing processes); `cache_dir` (default: IMSS_TUI_CACHE or the user
    cache dir) and `use_cache` (default True) for the persistent index (core/index.py).
    With the index, the entity table is restored (or resolved) in a thread, started at once
    or, with `defer_entities=True`, when first needed or asked for (`load_entities`).
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not an iterable of characters
    roots = [seeds_dir()] if paths is None else list(paths)
    found = discover(roots)
    if options.get("use_cache", True):
        from core.index import Index

        index = Index.open(options.get("cache_dir"))
        report = index.update(
            found.paths,
            progress,
            roots=_dirs(roots),
            workers=options.get("workers"),
            group_entities=True,
        )
        kept, duplicates = distinct_bulletins(report.summaries)
        order = sorted(kept, key=lambda p: corpus_order_key(report.summaries[p]))
        return Corpus(
            [report.summaries[p] for p in order],
            _entities_later(index, report, order, start=not options.get("defer_entities")),
            lambda rank: report.bulletin(order[rank]),
            skipped=found.skipped,
            missing=found.missing,
            notices=report.notices,
            text_searcher=index,
            duplicates=duplicates,
            finder_cache=lambda: index.finder_cache(report, order),  # keys hashed later
        )
    bulletins = read_bulletins(found.files, progress, workers=options.get("workers"))
    kept, duplicates = distinct_bulletins(bulletins)
    return Corpus.from_bulletins(
        [bulletins[p] for p in kept],
        skipped=found.skipped,
        missing=found.missing,
        duplicates=duplicates,
    )


def _entities_later(
    index: Index, report: IndexReport, order: list[int], *, start: bool
) -> Background[EntityTable]:
    """The entity table, restored (or resolved) in a thread: the bulletins can be listed
    meanwhile (restoring 50,000 bulletins' entities takes a second)."""
    return Background(lambda: index.resolved(report, order), name="imss-entities", start=start)


def distinct_bulletins(
    summaries: Sequence[BulletinSummary],
) -> tuple[list[int], dict[str, list[str]]]:
    """The positions of the first file of each content (a bulletin's id is its content's
    hash) and, per kept bulletin id, the paths of the other files with the same content.

    Twenty copies of one bulletin are one bulletin, so every count agrees; files that failed
    are each kept, with their own error.
    """
    kept: list[int] = []
    first: set[str] = set()
    duplicates: dict[str, list[str]] = {}
    for position, summary in enumerate(summaries):
        if (summary.issues and summary.failed) or summary.id not in first:  # issues: rare
            kept.append(position)
            first.add(summary.id)
        else:
            duplicates.setdefault(summary.id, []).append(summary.source or "")
    return kept, duplicates


def _dirs(roots: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The directories given: cached files under them that are gone count as removed."""
    return [Path(r) for r in roots if Path(r).is_dir()]


class Corpus:
    """Bulletins in date order (undated last), their entities, and lookups the app needs.

    Only summaries and the entity table live in memory; `bulletins[i]`, `bulletin(id)` and
    `entities[i]` build the full models when read (a few recent ones are kept), so a cached
    10,000-bulletin corpus opens in well under a second. The entity table may still be
    loading in a thread (`entities_ready`): what needs it waits for it, and
    `bulletin(id, wait=False)` does not (the app's reader).
    """

    def __init__(
        self,
        summaries: Sequence[BulletinSummary],
        table: EntityTable | Background[EntityTable],
        load: Callable[[int], Bulletin],
        *,
        skipped: Iterable[tuple[Path, str]] = (),
        missing: Iterable[Path] = (),
        notices: Iterable[str] = (),
        text_searcher: TextSearcher | None = None,
        duplicates: Mapping[str, list[str]] | None = None,
        finder_cache: FinderCache | Callable[[], FinderCache | None] | None = None,
    ) -> None:
        """`summaries` in corpus order; `table`: their entities, or a thread making them;
        `load(rank)` gives the full bulletin of one of them; `duplicates`: per bulletin id,
        the other files with the same content; `finder_cache`: where the fuzzy index is
        saved, or how to find out when it is first needed."""
        self.summaries: Sequence[BulletinSummary] = summaries
        self._tables = table if isinstance(table, Background) else Background.done(table)
        self._loaded = _Loaded(load, self._tables)
        self.bulletins: Sequence[Bulletin] = LazySequence(len(summaries), self._loaded)
        self.skipped: list[tuple[Path, str]] = list(skipped)
        self.missing: list[Path] = list(missing)
        #: The list given is kept, not copied: the entity table, loading later, may add to it.
        self.notices: list[str] = notices if isinstance(notices, list) else list(notices)
        self.duplicates: dict[str, list[str]] = dict(duplicates or {})
        # The first rank of each id wins: filled from the last rank back.
        count = len(summaries)
        self._rank_by_id: dict[str, int] = {
            summaries[rank].id: rank for rank in range(count - 1, -1, -1)
        }
        self._text_searcher = text_searcher
        self._finder: EntitySearch | None = None
        self._finder_cache = finder_cache
        self._lock = threading.Lock()
        self._tables.when_ready(self._loaded.table_in)

    @classmethod
    def from_bulletins(cls, bulletins: Iterable[Bulletin], **kwargs: Any) -> Corpus:
        """Resolve bulletins already in memory (setting their `entity_id`) into a corpus."""
        ordered = sorted(bulletins, key=corpus_order_key)
        table = resolve_table(ordered, [sightings_of(b) for b in ordered])
        for rank, bulletin in enumerate(ordered):
            _assign(bulletin, table, rank)
        return cls(ordered, table, ordered.__getitem__, **kwargs)

    @property
    def entity_table(self) -> EntityTable:
        """The entities as columns: names, kinds, bulletin ranks, without building models."""
        return self._table

    @property
    def _table(self) -> EntityTable:
        """The entity table, once loaded (waits for it; raises what stopped it loading)."""
        return self._tables.result()

    @property
    def entities(self) -> Sequence[Entity]:
        """Every resolved entity, each model built when read."""
        table = self._table
        return LazySequence(len(table), table.entity)

    def load_entities(self) -> None:
        """Start loading the entity table if nothing has yet (`defer_entities`)."""
        self._tables.start()

    @property
    def entities_ready(self) -> bool:
        """Whether the entity table is in (or failed): lookups by entity answer at once."""
        return self._tables.ready

    @property
    def entities_error(self) -> BaseException | None:
        """Why the entity table could not be loaded, if it could not (never waits)."""
        return self._tables.error

    def when_entities_ready(self, callback: Callable[[BaseException | None], None]) -> None:
        """Call `callback(error or None)` once the entity table is in: from the thread that
        loaded it, or at once if it already is."""
        self._tables.when_ready(callback)

    def __repr__(self) -> str:
        table = self._tables.peek()
        entities = "entities loading" if table is None else f"{len(table)} entities"
        return f"<Corpus {len(self.summaries)} bulletins, {entities}>"

    # -- lookups ----------------------------------------------------------------------------

    def bulletin(self, bulletin_id: str, *, wait: bool = True) -> Bulletin | None:
        """The full bulletin (text, paragraphs, entities with their `entity_id`).

        `wait=False`: at once, even while the entity table loads; its entities then get
        their `entity_id` (on this same object) when the table is in."""
        rank = self._rank_by_id.get(bulletin_id)
        return None if rank is None else self._loaded(rank, wait)

    def summary(self, bulletin_id: str) -> BulletinSummary | None:
        rank = self._rank_by_id.get(bulletin_id)
        return None if rank is None else self.summaries[rank]

    def entity(self, entity_id: str) -> Entity | None:
        i = self._table.index(entity_id)
        return None if i is None else self._table.entity(i)

    def bulletins_mentioning(self, entity_id: str) -> list[BulletinSummary]:
        """In corpus (date) order."""
        i = self._table.index(entity_id)
        if i is None:
            return []
        return [self.summaries[rank] for rank in self._table.ranks(i)]

    def filter(
        self,
        entities: Iterable[str] = (),
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        kinds: Iterable[str] = (),
        undated: bool = False,
        *,
        estimates: bool = False,
    ) -> list[BulletinSummary]:
        """The bulletins (summaries, corpus order) every given filter keeps: mentioning all of
        `entities` (ids), dated within `date_from`..`date_to` (both included; with `estimates`
        an undated bulletin whose whole estimate lies inside counts too), of one of `kinds`,
        only undated ones. No full bulletin is loaded. An unknown entity id keeps nothing."""
        dates = None if date_from is None and date_to is None else DateRange(date_from, date_to)
        spec = BulletinFilter(tuple(entities), dates, tuple(kinds), undated, estimates)
        return [self.summaries[rank] for rank in self.filter_ranks(spec)]

    def filter_ranks(self, spec: BulletinFilter) -> list[int]:
        """`filter` as corpus ranks, for a `BulletinFilter` built once (the app's chips)."""
        postings: list[Collection[int]] = []
        for entity_id in spec.entities:
            i = self._table.index(entity_id)
            postings.append(() if i is None else self._table.ranks(i))
        return filter_ranks(self.summaries, postings, spec)

    def cooccurring(self, entity_id: str, limit: int = 10) -> list[tuple[Entity, int]]:
        """Entities sharing the most bulletins with this one: (entity, bulletins shared)."""
        i = self._table.index(entity_id)
        if i is None:
            return []
        counts: Counter[int] = Counter()
        for rank in self._table.ranks(i):
            counts.update(self._table.entities_in(rank) - {i})
        ranked = sorted(counts.items(), key=lambda item: (-item[1], self._table.ids[item[0]]))
        return [(self._table.entity(other), n) for other, n in ranked[:limit]]

    # -- searching --------------------------------------------------------------------------

    @property
    def finder(self) -> EntitySearch:
        """The fuzzy entity index, built on first use (a worker can warm it up front), or
        restored from the cache when this corpus's index was saved before."""
        table = self._table  # before the lock: a text search need not wait for the table
        with self._lock:
            if self._finder is not None:
                return self._finder
            cache = self._finder_cache
            if callable(cache):
                cache = self._finder_cache = cache()
            finder = cache.load(table) if cache is not None else None
            built = finder is None
            if finder is None:
                finder = EntitySearch(table)
            self._finder = finder
        if built and cache is not None:
            cache.save(finder)  # after the lock: searches need not wait for the disk
        return finder

    @property
    def finder_ready(self) -> bool:
        """Whether `finder` is built (a search now answers at once)."""
        return self._finder is not None

    def search(
        self, query: str, kinds: Collection[EntityKind | str] | None = None, limit: int = 20
    ) -> list[Hit]:
        """Fuzzy entity search, fzf syntax (see core.search); best hits first."""
        return self.finder.search(query, kinds, limit)

    def search_result(
        self, query: str, kinds: Collection[EntityKind | str] | None = None, limit: int = 20
    ) -> SearchResult:
        """`search` plus the number of matching entities (for an `N/M` count)."""
        return self.finder.query(query, kinds, limit)

    def search_text(
        self, query: str, limit: int = 50, *, cancelled: Callable[[], bool] | None = None
    ) -> list[TextHit]:
        """Full-text search over bulletin text (FTS5; in memory unless an index was given).

        The query is bounded (core.query_limits); `cancelled()` returning True abandons it.
        """
        with self._lock:
            if self._text_searcher is None:
                from core.fts import MemoryTextIndex

                self._text_searcher = MemoryTextIndex(self.bulletins)
            searcher = self._text_searcher
        hits = searcher.search(query, limit + self._extra_copies(limit), cancelled=cancelled)
        seen: set[str] = set()
        distinct = [h for h in hits if h.bulletin_id not in seen and not seen.add(h.bulletin_id)]
        return distinct[:limit]  # a file's copies are one bulletin here too

    def _extra_copies(self, limit: int) -> int:
        """How many more hits to ask the index for, so copies do not crowd out `limit`."""
        return min(sum(map(len, self.duplicates.values())), 10 * max(limit, 1))


class _Loaded:
    """Full bulletins from `load(rank)`, linked to their entities; the last few kept.

    Apart from `Corpus`, so that `corpus.bulletins` does not refer back to the corpus: a
    corpus in a reference cycle is freed only by the cyclic collector, which a load pauses
    and then freezes everything for (core.runtime.gc_paused), so each corpus dropped before
    the next load (the app's refresh) stayed in memory for good."""

    def __init__(self, load: Callable[[int], Bulletin], tables: Background[EntityTable]) -> None:
        self.load, self._tables = load, tables
        self._recent: OrderedDict[int, Bulletin] = OrderedDict()
        #: Ranks of kept bulletins read before the entity table was in: linked once it is.
        self._unlinked: set[int] = set()
        self._lock = threading.Lock()

    def __call__(self, rank: int, wait: bool = True) -> Bulletin:
        """The full bulletin at `rank`; linked to its entities unless `wait` is False and
        the table is still loading (then it is linked, in place, once the table is in)."""
        table = self._tables.result() if wait else self._tables.peek()
        with self._lock:
            if table is not None and self._unlinked:
                self._link(table)
            bulletin = self._recent.get(rank)
            if bulletin is not None:
                self._recent.move_to_end(rank)
                return bulletin
        bulletin = self.load(rank)
        with self._lock:
            table = self._tables.peek()  # under the lock: `table_in` links what is left
            if table is not None:
                _assign(bulletin, table, rank)
            else:
                self._unlinked.add(rank)
            self._recent[rank] = bulletin
            if len(self._recent) > RECENT_BULLETINS:
                dropped, _bulletin = self._recent.popitem(last=False)
                self._unlinked.discard(dropped)
        return bulletin

    def table_in(self, error: BaseException | None) -> None:
        if error is None:
            with self._lock:
                self._link(self._tables.result())

    def _link(self, table: EntityTable) -> None:
        """Link the kept bulletins read before the table was in (the caller holds the lock)."""
        for rank in self._unlinked:
            _assign(self._recent[rank], table, rank)
        self._unlinked.clear()


def _assign(bulletin: Bulletin, table: EntityTable, rank: int) -> Bulletin:
    """Set the `entity_id` of the bulletin's entities to what they resolved to."""
    assigned = table.assigned(rank)
    if len(assigned) == len(bulletin.entities):  # else the file changed since: leave unset
        for seen, entity_id in zip(bulletin.entities, assigned, strict=True):
            seen.entity_id = entity_id
        link_speakers(bulletin)
    return bulletin
