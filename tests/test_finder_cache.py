"""The fuzzy index saved beside the entity table answers exactly like a freshly built one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.synth import write_corpus
from core import load_corpus
from core.discover import seeds_dir
from core.finder_cache import FinderCache
from core.search import EntitySearch

QUERIES = [
    "gober chihu",
    "zoe robledo",
    "gonzales anaya",
    "hgz 1",
    "umf",
    "imss bienestar",
    "'Salud ^sec",
    "director !general",
    "oaxaca$",
    "j",
    "de",
    "",
    "xyzzy",
]


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("finder-corpus")
    write_corpus(out, 40, seed=11)
    for seed in seeds_dir().iterdir():
        if seed.is_file():
            shutil.copy(seed, out / seed.name)
    return out


def _answers(search: EntitySearch) -> list[list[tuple[str, float, str, str, list]]]:
    out = []
    for query in QUERIES:
        for kinds in (None, ["official"], ["facility", "place"]):
            result = search.query(query, kinds, limit=25)
            out.append([(h.entity.id, h.score, h.matched, h.field, h.spans) for h in result.hits])
            out.append([("total", result.total, str(result.exact_total), "", [])])
    return out


def _saved_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("finder-*.marshal"))


def test_restored_index_answers_like_a_built_one(corpus_dir: Path, tmp_path: Path) -> None:
    corpus = load_corpus(corpus_dir, cache_dir=tmp_path)
    built = EntitySearch(corpus.entity_table)
    saved = tmp_path / "state.bin"
    with saved.open("wb") as out:
        built.write_state(out)
    restored = EntitySearch.restored(corpus.entity_table, saved.read_bytes())
    assert restored is not None
    assert len(restored) == len(built) > 100
    assert _answers(restored) == _answers(built)
    assert any(hits for hits in _answers(built)[:-2:2])  # the queries do find things


def test_second_load_restores_instead_of_building(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_corpus(corpus_dir, cache_dir=tmp_path)
    expected = _answers(first.finder)
    assert len(_saved_files(tmp_path)) == 1

    def no_build(self: EntitySearch, table: object) -> None:
        raise AssertionError("the saved index should have been restored")

    monkeypatch.setattr(EntitySearch, "_build", no_build)
    second = load_corpus(corpus_dir, cache_dir=tmp_path)
    assert _answers(second.finder) == expected


def test_a_changed_corpus_never_reads_the_old_index(corpus_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(corpus_dir, folder)
    cache = tmp_path / "cache"
    before = load_corpus(folder, cache_dir=cache)
    assert not before.search("'Quetzalcóatl Xicoténcatl")
    (folder / "new.txt").write_text(
        "Ciudad de México, a 2 de enero de 2025.\n\n"
        "El gobernador de Tlaxcala, Quetzalcóatl Xicoténcatl Huerta, visitó el Hospital "
        "General de Zona No. 1.\n",
        encoding="utf-8",
    )
    after = load_corpus(folder, cache_dir=cache)
    names = [hit.entity.name for hit in after.search("'Quetzalcóatl Xicoténcatl")]
    assert names == ["Quetzalcóatl Xicoténcatl Huerta"]
    assert len(_saved_files(cache)) == 2


def _flip(data: bytes, at: float) -> bytes:
    """One byte changed at a fraction of the file: inside the arrays or the strings."""
    i = int(len(data) * at)
    return data[:i] + bytes([data[i] ^ 0x5A]) + data[i + 1 :]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "flip-early", "flip-late"])
def test_a_damaged_file_is_rebuilt_silently(corpus_dir: Path, tmp_path: Path, damage: str) -> None:
    expected = _answers(load_corpus(corpus_dir, cache_dir=tmp_path).finder)
    (saved,) = _saved_files(tmp_path)
    data = saved.read_bytes()
    saved.write_bytes(
        {
            "truncate": data[: len(data) // 2],
            "garbage": b"\x00\xff" * 500,
            "empty": b"",
            "flip-early": _flip(data, 0.3),
            "flip-late": _flip(data, 0.9),
        }[damage]
    )
    corpus = load_corpus(corpus_dir, cache_dir=tmp_path)
    assert _answers(corpus.finder) == expected
    assert saved.read_bytes() == data  # written again


def test_another_tables_index_is_refused(corpus_dir: Path, tmp_path: Path) -> None:
    big = load_corpus(corpus_dir, cache_dir=tmp_path / "a")
    small = load_corpus(use_cache=False)
    saved = tmp_path / "state.bin"
    with saved.open("wb") as out:
        big.finder.write_state(out)
    assert EntitySearch.restored(small.entity_table, saved.read_bytes()) is None


def test_an_unwritable_cache_still_gives_a_finder(corpus_dir: Path, tmp_path: Path) -> None:
    corpus = load_corpus(corpus_dir, cache_dir=tmp_path)
    missing = FinderCache(tmp_path / "gone", "key")  # its directory does not exist
    assert missing.load(corpus.entity_table) is None
    search = EntitySearch(corpus.entity_table)
    missing.save(search)  # no error
    assert not (tmp_path / "gone").exists()


@pytest.mark.parametrize("vocabulary", [3_000, 70_000])
def test_row_words_take_two_bytes_while_the_vocabulary_fits(vocabulary: int) -> None:
    from array import array

    from core.search import _renumbered

    words = array("I", [i % vocabulary for i in range(0, 4_000_000, 7)])  # three slices
    renumber = list(range(vocabulary - 1, -1, -1))  # reversed: every id changes
    expected = [renumber[w] for w in words]
    result = _renumbered(words, renumber)
    assert result.typecode == ("H" if vocabulary <= 1 << 16 else "I")
    assert result.tolist() == expected
