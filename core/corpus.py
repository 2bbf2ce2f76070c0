"""A corpus: the bulletins of some paths, their resolved entities and the searches over them.

`load_corpus` is discover -> read bulletins -> resolve. Reading is one replaceable step
(`read_bulletins`): plain parsing here, the SQLite cache (core/index.py) where one is used.
`Corpus.from_bulletins` builds a corpus from bulletins obtained any other way.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from core.discover import discover, seeds_dir
from core.models import Bulletin, Entity, EntityKind, Hit, TextHit
from core.parse import parse_file
from core.resolve import corpus_order_key, resolve
from core.search import EntitySearch, SearchResult

#: Called after each file: (files done, files in all, the file just read).
ProgressCallback = Callable[[int, int, Path], None]

#: Below this many files a process pool costs more than it saves.
MIN_FILES_FOR_POOL = 64


class TextSearcher(Protocol):
    """Full-text search over bulletin text: the persistent index or an in-memory FTS5 table."""

    def search(self, query: str, limit: int = 50) -> list[TextHit]: ...


def read_bulletins(
    files: Sequence[Path], progress: ProgressCallback | None = None, *, workers: int | None = None
) -> list[Bulletin]:
    """Parse every file (never raises: failures are bulletins with an error issue)."""
    total = len(files)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if total < MIN_FILES_FOR_POOL or workers <= 1:
        results: Iterable[Bulletin] = map(parse_file, files)
        return _with_progress(results, files, progress)
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, min(64, total // (workers * 8)))
            return _with_progress(pool.map(parse_file, files, chunksize=chunk), files, progress)
    except OSError:  # no subprocesses allowed (sandbox): parse here
        return _with_progress(map(parse_file, files), files, progress)


def _with_progress(
    results: Iterable[Bulletin], files: Sequence[Path], progress: ProgressCallback | None
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
    progress: ProgressCallback | None = None,
    **options: Any,
) -> Corpus:
    """The corpus of `paths` (files or directories; default: the bundled seed bulletins).

    Options: `workers` (parsing processes); `cache_dir` (default: IMSS_TUI_CACHE or the user
    cache dir) and `use_cache` (default True) for the persistent index (core/index.py).
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # one path, not an iterable of characters
    roots = [seeds_dir()] if paths is None else list(paths)
    found = discover(roots)
    if options.get("use_cache", True):
        from core.index import Index

        index = Index.open(options.get("cache_dir"))
        report = index.update(
            found.files, progress, roots=_dirs(roots), workers=options.get("workers")
        )
        entities = index.load_resolved(report.bulletins)
        if entities is None:
            entities = resolve(report.bulletins)
            index.store_resolved(report.bulletins, entities)
        return Corpus(
            report.bulletins,
            entities,
            skipped=found.skipped,
            missing=found.missing,
            notices=report.notices,
            text_searcher=index,
        )
    bulletins = read_bulletins(found.files, progress, workers=options.get("workers"))
    return Corpus.from_bulletins(bulletins, skipped=found.skipped, missing=found.missing)


def _dirs(roots: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The directories given: cached files under them that are gone count as removed."""
    return [Path(r) for r in roots if Path(r).is_dir()]


class Corpus:
    """Bulletins in date order (undated last), their entities, and lookups the app needs."""

    def __init__(
        self,
        bulletins: Iterable[Bulletin],
        entities: Iterable[Entity],
        *,
        skipped: Iterable[tuple[Path, str]] = (),
        missing: Iterable[Path] = (),
        notices: Iterable[str] = (),
        text_searcher: TextSearcher | None = None,
    ) -> None:
        self.bulletins: list[Bulletin] = sorted(bulletins, key=corpus_order_key)
        self.entities: list[Entity] = list(entities)
        self.skipped: list[tuple[Path, str]] = list(skipped)
        self.missing: list[Path] = list(missing)
        self.notices: list[str] = list(notices)
        self._bulletins_by_id: dict[str, Bulletin] = {}
        for bulletin in self.bulletins:
            self._bulletins_by_id.setdefault(bulletin.id, bulletin)
        self._entities_by_id = {entity.id: entity for entity in self.entities}
        self._text_searcher = text_searcher
        self._finder: EntitySearch | None = None
        self._together: dict[str, list[str]] | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_bulletins(cls, bulletins: Iterable[Bulletin], **kwargs: Any) -> Corpus:
        """Resolve the bulletins' entities (setting their `entity_id`) into a corpus."""
        bulletins = list(bulletins)
        return cls(bulletins, resolve(bulletins), **kwargs)

    def __repr__(self) -> str:
        return f"<Corpus {len(self.bulletins)} bulletins, {len(self.entities)} entities>"

    # -- lookups ----------------------------------------------------------------------------

    def bulletin(self, bulletin_id: str) -> Bulletin | None:
        return self._bulletins_by_id.get(bulletin_id)

    def entity(self, entity_id: str) -> Entity | None:
        return self._entities_by_id.get(entity_id)

    def bulletins_mentioning(self, entity_id: str) -> list[Bulletin]:
        """In corpus (date) order, as `Entity.bulletin_ids` already is."""
        entity = self.entity(entity_id)
        if entity is None:
            return []
        found = (self._bulletins_by_id.get(b) for b in entity.bulletin_ids)
        return [b for b in found if b is not None]

    def cooccurring(self, entity_id: str, limit: int = 10) -> list[tuple[Entity, int]]:
        """Entities sharing the most bulletins with this one: (entity, bulletins shared)."""
        entity = self.entity(entity_id)
        if entity is None:
            return []
        together = self._entities_of_bulletins()
        counts: Counter[str] = Counter()
        for bulletin_id in entity.bulletin_ids:
            counts.update(other for other in together.get(bulletin_id, ()) if other != entity_id)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [(self._entities_by_id[other], n) for other, n in ranked[:limit]]

    def _entities_of_bulletins(self) -> dict[str, list[str]]:
        with self._lock:
            if self._together is None:
                together: dict[str, list[str]] = {}
                for entity in self.entities:
                    for bulletin_id in entity.bulletin_ids:
                        together.setdefault(bulletin_id, []).append(entity.id)
                self._together = together
            return self._together

    # -- searching --------------------------------------------------------------------------

    @property
    def finder(self) -> EntitySearch:
        """The fuzzy entity index, built on first use (a worker can warm it up front)."""
        with self._lock:
            if self._finder is None:
                self._finder = EntitySearch(self.entities)
            return self._finder

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

    def search_text(self, query: str, limit: int = 50) -> list[TextHit]:
        """Full-text search over bulletin text (FTS5; in memory unless an index was given)."""
        with self._lock:
            if self._text_searcher is None:
                from core.fts import MemoryTextIndex

                self._text_searcher = MemoryTextIndex(self.bulletins)
            searcher = self._text_searcher
        return searcher.search(query, limit)
