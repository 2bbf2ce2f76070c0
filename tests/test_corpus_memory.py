"""A corpus the caller drops is freed at once, by reference counting alone.

Loading pauses the cyclic collector and then freezes every object alive
(core.runtime.gc_paused), so an object in a reference cycle that is garbage when the next load
ends is never freed: a corpus refreshed in the app (or reloaded in a script) stayed in memory
for good, every summary and table of it (the add-one benchmark held four corpora at once).
"""

from __future__ import annotations

import gc
import shutil
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from core import index as index_module
from core.cache_paths import INDEX_FILENAME
from core.corpus import load_corpus
from core.discover import seeds_dir


@pytest.fixture()
def no_cycle_collector() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def test_a_dropped_corpus_and_its_index_are_freed_without_the_cycle_collector(
    tmp_path: Path, no_cycle_collector: None
) -> None:
    folder = tmp_path / "bulletins"
    shutil.copytree(seeds_dir(), folder)
    for cached in (False, True):  # the first load fills the cache, the second reads it
        corpus = load_corpus([folder], cache_dir=tmp_path / "cache", workers=1)
        assert corpus.bulletins[0].entities  # a full bulletin built and kept (recent)
        assert corpus.search_text("IMSS")
        dropped, index = weakref.ref(corpus), weakref.ref(corpus._text_searcher)
        del corpus
        index_module._last_write.wait(tmp_path / "cache" / INDEX_FILENAME)  # it holds the index
        assert dropped() is None, f"corpus kept alive by a cycle (cached: {cached})"
        assert index() is None, f"index kept alive by a cycle (cached: {cached})"
