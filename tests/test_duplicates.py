"""The same content under many names is one bulletin, with its other paths listed, and every
count (list, finder, filter, profile, text search, index summary) agrees."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pilot_helpers import SEEDS, loaded, pilot_test, screen_text

from core import load_corpus
from tui.app import make_app
from tui.cli import run

CHIAPAS = SEEDS / "001_c0813492a43ee07f.txt"
CDMX = SEEDS / "003_6e06f150067975fc.txt"
COPIES = 20


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    for i in range(COPIES):
        shutil.copy(CHIAPAS, tmp_path / f"chiapas_{i:02d}.txt")
    shutil.copy(CDMX, tmp_path / CDMX.name)
    return tmp_path


@pytest.mark.parametrize("use_cache", [False, True])
def test_copies_are_one_bulletin_with_their_other_paths(folder: Path, use_cache: bool) -> None:
    single = load_corpus([CHIAPAS], use_cache=False)
    corpus = load_corpus([folder], use_cache=use_cache)
    assert len(corpus.summaries) == 2
    (copied,) = [s for s in corpus.summaries if s.id == single.summaries[0].id]
    assert copied.source is not None and copied.source.endswith("chiapas_00.txt")
    others = corpus.duplicates[copied.id]
    assert sorted(Path(p).name for p in others) == [f"chiapas_{i:02d}.txt" for i in range(1, 20)]
    governor = next(e for e in corpus.entities if e.name == "Manuel Velasco Coello")
    alone = next(e for e in single.entities if e.name == "Manuel Velasco Coello")
    assert governor.bulletin_ids == [copied.id]
    assert governor.mention_count == alone.mention_count
    assert [b.id for b in corpus.bulletins_mentioning(governor.id)] == [copied.id]
    assert [h.bulletin_id for h in corpus.search_text("chiapas")] == [copied.id]


def test_failed_files_are_not_merged_as_copies(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(b"")
    corpus = load_corpus([tmp_path], use_cache=False)
    assert len(corpus.summaries) == 2 and all(s.failed for s in corpus.summaries)
    assert corpus.duplicates == {}


def test_index_summary_counts_the_duplicates(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["index", str(folder), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["files"], summary["duplicates"]) == (COPIES + 1, COPIES - 1)


@pilot_test
async def test_the_app_counts_copies_once_everywhere(folder: Path) -> None:
    app = make_app([folder], use_cache=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        main = app.main_screen
        assert main.bulletin_list.border_subtitle == "2 / 2"
        main.bulletin_list.select_id(next(s.id for s in main.bulletin_list.shown if not s.date))
        await pilot.pause()
        header = " ".join(" ".join(screen_text(main.reader)).split())  # unwrapped
        assert "chiapas_01.txt, chiapas_02.txt, chiapas_03.txt and 16 more" in header
        await pilot.press("slash", *"velasco coello")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert "1 bulletin" in screen_text(app.screen.results)[0]
        await pilot.press("enter")
        await pilot.pause()
        assert main.bulletin_list.border_subtitle.startswith("1 / 2")
