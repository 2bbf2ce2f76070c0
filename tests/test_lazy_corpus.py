"""A cached corpus keeps summaries and an entity table in memory and reads the rest on demand.

What users see must not change: the same bulletins, entities, ids and links as a corpus
parsed from scratch; only when the full models are built does.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from core import index as index_module
from core.cache_paths import INDEX_FILENAME
from core.corpus import Corpus, load_corpus
from core.entity_table import EntityTable
from core.index import Index
from core.lazy import LazySequence
from core.models import SUMMARY_FIELDS, Bulletin

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A private copy of the seeds."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture()
def fresh(folder: Path) -> Corpus:
    return load_corpus([folder], use_cache=False)


def _count_decodes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    decode = index_module._decode

    def counting(blob: bytes) -> Bulletin:
        calls[0] += 1
        return decode(blob)

    monkeypatch.setattr(index_module, "_decode", counting)
    return calls


def test_warm_load_reads_no_full_bulletin_until_one_is_opened(
    tmp_path: Path, folder: Path, fresh: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_corpus([folder], cache_dir=tmp_path / "c")
    decodes = _count_decodes(monkeypatch)
    warm = load_corpus([folder], cache_dir=tmp_path / "c")
    assert decodes[0] == 0
    assert [s.title for s in warm.summaries] == [b.title for b in fresh.bulletins]

    first = fresh.bulletins[0]
    opened = warm.bulletin(first.id)
    assert decodes[0] == 1
    assert opened is not None and opened.model_dump() == first.model_dump()
    assert all(e.entity_id for e in opened.entities)  # linked to the corpus entities
    assert warm.bulletin(first.id) is opened and decodes[0] == 1  # kept once read


def test_summaries_agree_with_the_bulletins_they_stand_for(tmp_path: Path, folder: Path) -> None:
    warm = load_corpus([folder], cache_dir=tmp_path / "c")
    assert len(warm.summaries) == len(warm.bulletins) == 5
    for summary, bulletin in zip(warm.summaries, warm.bulletins, strict=True):
        assert summary.model_dump() == bulletin.model_dump(include=set(SUMMARY_FIELDS))
        assert warm.summary(summary.id) is summary


def test_links_between_bulletins_and_entities_survive_the_cache(
    tmp_path: Path, folder: Path, fresh: Corpus
) -> None:
    load_corpus([folder], cache_dir=tmp_path / "c")
    warm = load_corpus([folder], cache_dir=tmp_path / "c")
    director = warm.search("zoe robledo")[0].entity
    assert [b.id for b in warm.bulletins_mentioning(director.id)] == [
        b.id for b in fresh.bulletins_mentioning(director.id)
    ]
    assert [(e.id, n) for e, n in warm.cooccurring(director.id)] == [
        (e.id, n) for e, n in fresh.cooccurring(director.id)
    ]
    for bulletin in warm.bulletins:
        for seen in bulletin.entities:
            if seen.entity_id is not None:
                assert bulletin.id in warm.entity(seen.entity_id).bulletin_ids  # type: ignore[union-attr]


def test_entity_table_round_trips_through_its_blobs(fresh: Corpus) -> None:
    table = fresh.entity_table
    back = EntityTable.from_blobs(*table.to_blobs(), fresh.summaries)
    assert back is not None
    assert [back.entity(i).model_dump() for i in range(len(back))] == [
        e.model_dump() for e in fresh.entities
    ]
    assert [back.assigned(r) for r in range(5)] == [table.assigned(r) for r in range(5)]
    header, columns = table.to_blobs()
    assert EntityTable.from_blobs(header, columns[:-3], fresh.summaries) is None
    assert EntityTable.from_blobs(b"not zlib", columns, fresh.summaries) is None
    assert EntityTable.from_blobs(header, columns, fresh.summaries[:4]) is None


def test_a_damaged_entity_cache_is_resolved_again(
    tmp_path: Path, folder: Path, fresh: Corpus
) -> None:
    load_corpus([folder], cache_dir=tmp_path / "c")
    with sqlite3.connect(tmp_path / "c" / INDEX_FILENAME) as conn:
        conn.execute("UPDATE resolved SET columns = x'00ff'")
    warm = load_corpus([folder], cache_dir=tmp_path / "c")
    assert [e.model_dump() for e in warm.entities] == [e.model_dump() for e in fresh.entities]


def test_a_file_rewritten_after_loading_opens_with_its_new_text(
    tmp_path: Path, folder: Path
) -> None:
    loaded = load_corpus([folder], cache_dir=tmp_path / "c")
    loaded.entity_table  # noqa: B018 (resolved from the files as they were when listed)
    summary = loaded.summaries[0]
    assert summary.source is not None
    Path(summary.source).write_text("BOLETÍN DE PRENSA\n\nTexto nuevo del IMSS.\n", "utf-8")
    with Index.open(tmp_path / "c") as other:  # another process re-indexes meanwhile
        other.update(sorted(folder.iterdir()))
    opened = loaded.bulletin(summary.id)
    assert opened is not None and "Texto nuevo" in opened.text
    assert all(seen.entity_id is None for seen in opened.entities)  # not this corpus' links


def test_report_bulletins_stay_readable_after_the_index_is_closed(
    tmp_path: Path, folder: Path, fresh: Corpus
) -> None:
    files = sorted(folder.iterdir())
    with Index.open(tmp_path / "c") as index:
        report = index.update(files)
    assert len(report.bulletins) == 5
    assert {b.id for b in report.bulletins} == {b.id for b in fresh.bulletins}


def test_lazy_sequence_behaves_like_a_read_only_list() -> None:
    made: list[int] = []

    def make(i: int) -> int:
        made.append(i)
        return i * 10

    items = LazySequence(3, make)
    assert made == [] and len(items) == 3
    assert list(items) == [0, 10, 20]
    assert items[-1] == 20 and items[0:2] == [0, 10] and 10 in items
    for bad in (3, -4):
        with pytest.raises(IndexError):
            items[bad]


def test_a_refresh_reads_only_the_summaries_of_changed_files(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_corpus([folder], cache_dir=tmp_path / "c")
    read: list[int] = []
    column = Index._column

    def counting(self: Index, name: str, row_ids: Any) -> dict[int, Any]:
        found = column(self, name, row_ids)
        if name == "summary":
            read.append(len(found))
        return found

    monkeypatch.setattr(Index, "_column", counting)
    changed = Path(first.summaries[0].source or "")
    changed.write_text(changed.read_text("utf-8").replace("IMSS", "Seguro Social", 1), "utf-8")
    added = "Ciudad de México, a 2 de enero de 2026.\n\nNUEVO\n"
    (folder / "zz_new.txt").write_text(added, "utf-8")
    again = load_corpus([folder], cache_dir=tmp_path / "c")
    assert read == [2]  # the changed file and the new one; four summaries taken as they were
    kept = {s.id for s in first.summaries}
    assert sum(s.id in kept for s in again.summaries) == 4
    monkeypatch.undo()
    monkeypatch.setattr(index_module, "_last_summaries", index_module._LastSummaries())  # anew
    fresh = load_corpus([folder], cache_dir=tmp_path / "c")
    assert [s.model_dump() for s in again.summaries] == [s.model_dump() for s in fresh.summaries]
