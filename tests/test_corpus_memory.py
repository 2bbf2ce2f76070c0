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
from pilot_helpers import loaded, pilot_test

from core import index as index_module
from core.cache_paths import INDEX_FILENAME
from core.corpus import load_corpus
from core.discover import seeds_dir
from tui.app import make_app


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


def _tracked_objects() -> int:
    """Every object the cycle collector knows, frozen ones included."""
    gc.collect()
    return len(gc.get_objects()) + gc.get_freeze_count()


@pytest.mark.parametrize("cyclic", [False, True])
@pilot_test
async def test_refreshes_free_what_they_replace(tmp_path: Path, cyclic: bool) -> None:
    """Loads freeze what they build (core.runtime.gc_paused): a frozen object in a cycle is
    never collected, so each refresh of a long-running app kept the corpus it replaced, as
    the app's own references left it or made cyclic on purpose here. Five refreshes: every
    replaced corpus is freed, and the objects alive do not grow."""
    folder = tmp_path / "bulletins"
    shutil.copytree(seeds_dir(), folder)
    app = make_app([folder], cache_dir=tmp_path / "cache")
    replaced: list[weakref.ref[object]] = []
    alive: list[int] = []
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        for refresh in range(5):
            await app.workers.wait_for_complete()  # the entities and the finder's index
            corpus = app.corpus
            assert corpus is not None
            if cyclic:
                corpus.cycle = [corpus]  # type: ignore[attr-defined]
            replaced.append(weakref.ref(corpus))
            del corpus
            (folder / f"nuevo{refresh}.txt").write_text(
                f"Copia {refresh}.\n\n" + (folder / "003_6e06f150067975fc.txt").read_text("utf-8")
            )
            app.reload()
            for _ in range(1200):  # the refresh in, then its finder, after which it collects
                await pilot.pause(0.05)
                shown = len(app.main_screen.bulletin_list.shown)
                if not app._loading and shown == 6 + refresh and app.corpus._finder is not None:
                    break
            await app.workers.wait_for_complete()
            await pilot.pause()
            alive.append(_tracked_objects())
    assert [ref() is None for ref in replaced] == [True] * 5
    assert alive[-1] <= alive[0] * 1.05, alive
