"""load_corpus and Corpus on the seed bulletins: order, accounting, lookups the app uses."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from core import Corpus, load_corpus, parse_text
from core.discover import seeds_dir


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return load_corpus()


def _seed(corpus: Corpus, prefix: str) -> str:
    return next(b.id for b in corpus.bulletins if Path(b.source or "").name.startswith(prefix))


def test_default_corpus_is_the_seeds_in_date_order_estimates_at_their_midpoint(
    seeds: Corpus,
) -> None:
    # 001 and 002 have no date but an estimate (2012-12..2014-09): they sort at its midpoint,
    # before 2015, and their `date` stays None.
    assert [Path(b.source or "").name[:3] for b in seeds.bulletins] == [
        "001",
        "002",
        "000",
        "004",
        "003",
    ]
    assert [b.date for b in seeds.bulletins] == [
        None,
        None,
        dt.date(2015, 7, 24),
        dt.date(2024, 4, 3),
        dt.date(2024, 5, 30),
    ]
    assert [b.date_estimate is not None for b in seeds.summaries] == [True, True] + [False] * 3
    assert seeds.skipped == [] and seeds.missing == []


def test_unsupported_and_missing_paths_are_accounted_for(tmp_path: Path) -> None:
    folder = tmp_path / "boletines"
    folder.mkdir()
    for seed in sorted(seeds_dir().glob("00[34]*.txt")):
        shutil.copy(seed, folder / seed.name)
    (folder / "notas.docx").write_bytes(b"PK\x03\x04")
    seen: list[tuple[int, int, str]] = []
    corpus = load_corpus(
        [folder, tmp_path / "no-existe"],
        progress=lambda done, total, path: seen.append((done, total, path.name)),
    )
    assert len(corpus.bulletins) == 2
    assert [(p.name, reason) for p, reason in corpus.skipped] == [
        ("notas.docx", "unsupported extension '.docx'")
    ]
    assert corpus.missing == [tmp_path / "no-existe"]
    assert [(done, total) for done, total, _ in seen] == [(1, 2), (2, 2)]
    assert {name for _, _, name in seen} == {p.name for p in folder.glob("*.txt")}


def test_a_single_path_is_one_path_not_its_characters() -> None:
    corpus = load_corpus(str(seeds_dir()))
    assert len(corpus.bulletins) == 5 and corpus.missing == []


def test_lookups_by_id(seeds: Corpus) -> None:
    zoe = seeds.entity("official:zoe-robledo")
    assert zoe is not None and zoe.name == "Zoé Robledo"
    assert seeds.entity("official:nadie") is None
    first = seeds.bulletins[0]
    assert seeds.bulletin(first.id) is first
    assert seeds.bulletin("no-such-id") is None


def test_bulletins_mentioning_an_entity_in_date_order(seeds: Corpus) -> None:
    director = "official:jose-antonio-gonzalez-anaya"
    assert [b.id for b in seeds.bulletins_mentioning(director)] == [
        _seed(seeds, "001"),  # undated, estimated 2012-12..2014-09
        _seed(seeds, "002"),
        _seed(seeds, "000"),  # 2015-07-24
    ]
    assert seeds.bulletins_mentioning("official:nadie") == []


def test_cooccurring_entities_ranked_by_bulletins_shared(seeds: Corpus) -> None:
    director = "official:jose-antonio-gonzalez-anaya"
    together = seeds.cooccurring(director, limit=5)
    assert len(together) == 5
    counts = [n for _, n in together]
    assert counts == sorted(counts, reverse=True)
    assert together[0][0].name == "IMSS" and together[0][1] == 3
    assert all(entity.id != director for entity, _ in together)
    frinne = dict((e.name, n) for e, n in seeds.cooccurring(director, limit=100))
    assert frinne["Frinné Azuara Yarzábal"] == 2
    assert seeds.cooccurring("official:nadie") == []


def test_corpus_from_bulletins_resolves_their_entities() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds_dir().glob("*.txt"))]
    corpus = Corpus.from_bulletins([parse_text(t) for t in texts])
    assert len(corpus.bulletins) == 5
    assert corpus.search("zoe robledo")[0].entity.name == "Zoé Robledo"
    assert all(be.entity_id for b in corpus.bulletins for be in b.entities)


def test_full_text_search_over_the_corpus(seeds: Corpus) -> None:
    hits = seeds.search_text("zinacantepec")
    assert [h.bulletin_id for h in hits] == [_seed(seeds, "004")]
    bulletin = seeds.bulletin(hits[0].bulletin_id)
    assert bulletin is not None
    start, end = hits[0].spans[0]
    assert bulletin.text[start:end] == "Zinacantepec"


def test_parsing_in_a_process_pool_gives_the_same_bulletins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import core.corpus

    files = sorted(seeds_dir().glob("*.txt"))
    serial = core.corpus.read_bulletins(files, workers=1)
    monkeypatch.setattr(core.corpus, "MIN_FILES_FOR_POOL", 2)
    pooled = core.corpus.read_bulletins(files, workers=2)
    assert [b.model_dump() for b in pooled] == [b.model_dump() for b in serial]
