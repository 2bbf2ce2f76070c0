"""Full-text search: accent- and case-insensitive, highlightable, and never a syntax error."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.fts import MemoryTextIndex, fts_query, fts_words
from core.index import Index
from core.models import Bulletin, TextHit
from core.parse import parse_file

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@pytest.fixture(scope="module")
def bulletins() -> list[Bulletin]:
    return [parse_file(p) for p in SEEDS]


@pytest.fixture()
def index(tmp_path: Path) -> Index:
    opened = Index.open(tmp_path / "cache")
    opened.update(SEEDS)
    return opened


def _by_id(bulletins: list[Bulletin]) -> dict[str, Bulletin]:
    return {b.id: b for b in bulletins}


def test_search_ignores_case_and_accents(index: Index, bulletins: list[Bulletin]) -> None:
    hits = index.search_text("JOSE ANTONIO GONZALEZ")
    texts = _by_id(bulletins)
    expected = {b.id for b in bulletins if "josé antonio gonzález" in b.text.casefold()}
    assert expected and {h.bulletin_id for h in hits} == expected
    for hit in hits:
        matched = [texts[hit.bulletin_id].text[s:e] for s, e in hit.spans]
        assert {_fold(m) for m in matched} == {"jose", "antonio", "gonzalez"}
        assert "José" in matched


def test_snippet_spans_mark_the_matched_words(index: Index) -> None:
    hits = index.search_text("zoe robledo")
    assert hits
    for hit in hits:
        marked = [_fold(hit.snippet[s:e]) for s, e in hit.snippet_spans]
        assert marked and set(marked) <= {"zoe", "robledo"}
        assert "\n" not in hit.snippet


def test_prefix_search_with_star(index: Index, bulletins: list[Bulletin]) -> None:
    texts = _by_id(bulletins)
    hits = index.search_text("federaliz*")
    assert hits
    for hit in hits:
        words = {_fold(texts[hit.bulletin_id].text[s:e]) for s, e in hit.spans}
        assert all(w.startswith("federaliz") for w in words)
    assert index.search_text("federaliz") == []


def test_quoted_phrase_and_hyphenated_words(index: Index, bulletins: list[Bulletin]) -> None:
    phrase = {h.bulletin_id for h in index.search_text('"seguro social"')}
    assert phrase == {b.id for b in bulletins if "seguro social" in _fold(b.text)}
    assert {h.bulletin_id for h in index.search_text("imss-bienestar")} == {
        b.id for b in bulletins if "imss-bienestar" in _fold(b.text)
    }


def test_words_are_anded(index: Index, bulletins: list[Bulletin]) -> None:
    both = {h.bulletin_id for h in index.search_text("Chihuahua Ecatepec")}
    assert both == {
        b.id for b in bulletins if "chihuahua" in _fold(b.text) and "ecatepec" in _fold(b.text)
    }


def test_limit_and_ranking(index: Index) -> None:
    hits = index.search_text("IMSS", limit=2)
    assert len(hits) == 2
    assert hits[0].score >= hits[1].score


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unclosed',
        "AND",
        "OR NOT",
        "NEAR(a b)",
        "col:term",
        "a OR",
        "*",
        "^x",
        "(",
        "-",
        "",
        "   ",
        "[bold]x[/]",
        "\x00",
        "'; DROP TABLE files; --",
    ],
)
def test_fts_syntax_in_queries_never_raises(index: Index, query: str) -> None:
    hits = index.search_text(query)
    assert isinstance(hits, list)
    # punctuation that is FTS5 syntax is dropped, the words stay
    assert _strip(index.search_text(f"({query} salud)")) == _strip(
        index.search_text(f"{' '.join(fts_words(query))} salud")
    )


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_arbitrary_queries_never_raise(query: str) -> None:
    match = fts_query(query)
    assert match is None or match.count('"') % 2 == 0
    assert isinstance(_MEMORY.search(query), list)


_MEMORY = MemoryTextIndex([parse_file(p) for p in SEEDS])


def test_memory_index_matches_the_persistent_one(index: Index) -> None:
    for query in ("salud", "Zoé", "hospital general", "instituto mexicano*"):
        assert _strip(_MEMORY.search(query)) == _strip(index.search_text(query))


def _strip(hits: list[TextHit]) -> list[tuple[str, list[tuple[int, int]]]]:
    return [(h.bulletin_id, h.spans) for h in hits]


def test_search_is_scoped_to_the_last_updated_corpus(tmp_path: Path) -> None:
    with Index.open(tmp_path / "shared") as index:
        index.update(SEEDS[:2])
        index.update(SEEDS[3:])
        ids = {parse_file(p).id for p in SEEDS[3:]}
        assert {h.bulletin_id for h in index.search_text("salud")} <= ids
        assert {h.bulletin_id for h in index.search_text("salud", everywhere=True)} - ids


def test_markers_in_bulletin_text_do_not_shift_offsets() -> None:
    text = "Antes \x02 del \x03 texto: Zoé Robledo visitó la clínica."
    memory = MemoryTextIndex([Bulletin(id="x", text=text)])
    (hit,) = memory.search("robledo")
    assert [text[s:e] for s, e in hit.spans] == ["Robledo"]


def _having(bulletins: list[Bulletin], phrase: str) -> set[str]:
    """Ids of the bulletins whose folded text has `phrase` as whole words."""
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
    return {b.id for b in bulletins if pattern.search(" ".join(_fold(b.text).split()))}


def _ids(hits: list[TextHit]) -> set[str]:
    return {h.bulletin_id for h in hits}


def test_or_finds_either_word(index: Index, bulletins: list[Bulletin]) -> None:
    chiapas, oaxaca = _having(bulletins, "chiapas"), _having(bulletins, "oaxaca")
    assert chiapas - oaxaca and oaxaca - chiapas  # the seeds can tell OR from AND
    assert _ids(index.search_text("chiapas OR oaxaca")) == chiapas | oaxaca
    assert _ids(index.search_text("chiapas oaxaca")) == chiapas & oaxaca
    both = _ids(index.search_text("convenio chiapas OR oaxaca"))
    assert both == _having(bulletins, "convenio") & (chiapas | oaxaca)


def test_minus_excludes_a_word_or_a_phrase(index: Index, bulletins: list[Bulletin]) -> None:
    salud, oaxaca = _having(bulletins, "salud"), _having(bulletins, "oaxaca")
    assert salud & oaxaca and salud - oaxaca
    assert _ids(index.search_text("salud -oaxaca")) == salud - oaxaca
    cdmx = _having(bulletins, "ciudad de mexico")
    assert _ids(index.search_text('salud -"Ciudad de México"')) == salud - cdmx
    assert index.search_text("-oaxaca") == []  # an exclusion alone finds nothing


def test_a_quoted_phrase_needs_its_words_together(index: Index, bulletins: list[Bulletin]) -> None:
    phrase = _having(bulletins, "gobierno de chiapas")
    words = _having(bulletins, "gobierno") & _having(bulletins, "chiapas")
    assert phrase and phrase <= words
    assert _ids(index.search_text('"gobierno de chiapas"')) == phrase
    assert _ids(index.search_text("gobierno chiapas")) == words


def test_excluded_words_are_not_highlighted(index: Index, bulletins: list[Bulletin]) -> None:
    texts = _by_id(bulletins)
    for hit in index.search_text("salud -oaxaca"):
        assert {_fold(texts[hit.bulletin_id].text[s:e]) for s, e in hit.spans} == {"salud"}
