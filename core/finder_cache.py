"""The fuzzy entity index kept on disk beside the entity table it was built from.

Building `EntitySearch` walks every entity name, alias and role in Python: seconds at 10,000
bulletins, at every launch. Its state (`EntitySearch.write_state` / `restored`) restores with
marshal several times faster, so the finder answers soon after launch. A file is named after
the resolved table's key (files, order, resolver code) and the search code's fingerprint
(core/fingerprint.py, lexicons included), so a changed corpus or search code never reads a
stale index; the few newest files are kept. Best effort: an unreadable or unwritable file
means building, never an error.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from core import search as search_module
from core.entity_table import EntityTable
from core.fingerprint import code_fingerprint
from core.search import EntitySearch

_PREFIX = "finder-"
_SUFFIX = ".marshal"
#: Files kept: the corpus just opened and a few others opened from the same cache.
_KEEP = 3


@lru_cache(maxsize=1)
def _code_key() -> str:
    """The search code and everything it imports (lexicons included): the state's layout and
    the strings it indexes may change with any of them."""
    return code_fingerprint(search_module.__name__)


class FinderCache:
    """Where one resolved table's fuzzy index is saved and restored."""

    def __init__(self, directory: Path, table_key: str) -> None:
        digest = hashlib.blake2b(f"{table_key}\0{_code_key()}".encode(), digest_size=12)
        self.directory = directory
        self.path = directory / f"{_PREFIX}{digest.hexdigest()}{_SUFFIX}"

    def load(self, table: EntityTable) -> EntitySearch | None:
        """The saved index of `table`, or None (none saved, unreadable, or not this table's)."""
        # Mapped, not read: the arrays are copied out of the page cache once, and a 150 MB
        # file at 50,000 bulletins never sits in memory beside the index made from it.
        try:
            with (
                self.path.open("rb") as file,
                mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped,
            ):
                return EntitySearch.restored(table, mapped)
        except (OSError, ValueError, BufferError):  # missing, empty, or unmappable
            return None

    def save(self, search: EntitySearch) -> None:
        """Write atomically (a reader never sees half a file), then drop old files."""
        try:
            handle, temporary = tempfile.mkstemp(prefix=_PREFIX, suffix=".tmp", dir=self.directory)
            try:
                with os.fdopen(handle, "wb") as out:
                    search.write_state(out)
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            self._prune()
        except OSError:
            return

    def _prune(self) -> None:
        saved = sorted(
            self.directory.glob(f"{_PREFIX}*{_SUFFIX}"),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in saved[_KEEP:]:
            old.unlink(missing_ok=True)
