"""Inputs whose cost grew with the square of their size: each is now bounded or linear.

Timing tests compare 1x and 4x inputs with a generous budget: linear work takes about 4x as
long, quadratic work 16x; the budget (8x, plus a floor for timer noise) fails only the latter.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from core import ingest, parse_file
from core.fts import MemoryTextIndex, fts_query
from core.ingest import decode_bytes, html_text
from core.models import Issue
from core.parse import parse_text
from core.query_limits import MAX_QUERY_CHARS, MAX_QUERY_TERMS, bound_query
from tui.cli import run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_003 = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")


def seconds(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def assert_linear(make: Callable[[int], Callable[[], object]], size: int) -> None:
    small, large = make(size), make(4 * size)
    small()  # warm up imports and caches
    once, four = seconds(small), seconds(large)
    assert four < 8 * once + 0.5, f"1x {once:.2f}s, 4x {four:.2f}s: grows faster than linear"


def nested_divs(depth: int, closed: bool = True) -> bytes:
    lead = "<p>Ciudad de México, 3 de abril de 2024. Firman IMSS y gobierno.</p>"
    inner = (
        "<div>" * depth
        + "<p>Texto profundo del boletín.</p>"
        + ("</div>" * depth if closed else "")
    )
    return f"<html><body><main>{lead}{inner}</main></body></html>".encode()


def test_deeply_nested_html_is_linear_and_keeps_its_text() -> None:
    issues: list[Issue] = []
    text = html_text(nested_divs(100_000), issues)  # 1.1 MB: took 259 s
    assert "Firman IMSS y gobierno." in text and "Texto profundo del boletín." in text
    assert [i.code for i in issues] == ["html-depth"]
    assert_linear(lambda n: lambda: html_text(nested_divs(n), []), 25_000)
    assert_linear(lambda n: lambda: html_text(nested_divs(n, closed=False), []), 25_000)


def test_tags_that_never_close_are_linear() -> None:
    for piece in ("<a x", "<div class='", "<!-- x", "<script x"):
        page = lambda n, piece=piece: f"<html><body>{piece * n}".encode()  # noqa: E731
        assert_linear(lambda n, page=page: lambda: html_text(page(n), []), 10_000)


def test_ordinary_html_is_not_flattened() -> None:
    issues: list[Issue] = []
    text = html_text(nested_divs(50), issues)
    assert issues == [] and "Texto profundo del boletín." in text


def test_pdf_pages_stop_at_the_character_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    for number in range(40):
        pdf.add_page()
        pdf.multi_cell(0, 5, f"Pagina {number}. " + "El IMSS informa a la poblacion. " * 30)
    data = bytes(pdf.output())
    read: list[int] = []
    real_page_text = ingest._page_text

    def counting(page: object) -> str:
        read.append(1)
        return real_page_text(page)

    monkeypatch.setattr(ingest, "_page_text", counting)
    monkeypatch.setattr(ingest, "MAX_TEXT_CHARS", 5_000)  # a few pages' worth
    result = ingest.ingest_bytes(data, ".pdf")
    assert 3 <= len(read) < 10, f"{len(read)} of 40 pages extracted"
    truncated = [i for i in result.issues if i.code == "truncated"]
    assert len(truncated) == 1 and "of 40" in truncated[0].message


def test_one_cp1252_byte_keeps_the_utf8_around_it() -> None:
    data = "Título: reunión\nsegunda línea\n".encode() + b"comillas \x93IMSS\x94 aqu\xed\n"
    issues: list[Issue] = []
    text = decode_bytes(data, issues)
    assert text == "Título: reunión\nsegunda línea\ncomillas “IMSS” aquí\n"
    assert [(i.code, i.message) for i in issues] == [
        ("encoding", "not valid UTF-8 on line 3; those bytes decoded as Windows-1252 (CP1252)")
    ]


def test_seed_with_stray_cp1252_bytes_keeps_its_entities(tmp_path: Path) -> None:
    data = SEED_003.encode().replace("señaló".encode(), b"se\xf1al\xf3 \x96", 1) + b"\nFin \x85\n"
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    bulletin = parse_file(path)
    clean = parse_text(SEED_003)
    assert "Zoé Robledo" in bulletin.text and "señaló –" in bulletin.text  # – from 0x96
    assert {e.name for e in clean.entities} <= {e.name for e in bulletin.entities}
    (warning,) = [i for i in bulletin.issues if i.code == "encoding"]
    assert "lines" in warning.message


def test_many_cp1252_bytes_decode_in_linear_time() -> None:
    line = "Informó el director de la institución en la reunión".encode("cp1252") + b"\n"
    assert_linear(lambda n: lambda: decode_bytes(line * n, []), 5_000)
    issues: list[Issue] = []
    decode_bytes(line * 20, issues)
    assert issues[0].message.startswith("not valid UTF-8 on lines 1, 2, 3, 4, 5 and 15 more")


def test_query_is_bounded_in_words_and_characters() -> None:
    words = " ".join(f"palabra{n}" for n in range(1_600))
    bounded = bound_query(words)
    assert bounded.text.split() == [f"palabra{n}" for n in range(MAX_QUERY_TERMS)]
    assert bounded.notice is not None and str(MAX_QUERY_TERMS) in bounded.notice
    long_word = bound_query("x" * 100_000)
    assert len(long_word.text) == MAX_QUERY_CHARS and long_word.notice is not None
    assert bound_query("gobernador chihuahua") == bound_query("gobernador chihuahua")
    assert bound_query("gobernador chihuahua").notice is None
    assert fts_query("IMSS " * 20_000) == '"IMSS"'  # a repeated term is searched once


def test_long_text_queries_cost_what_a_short_one_does() -> None:
    index = MemoryTextIndex(parse_text(SEED_003.replace("No. 257", f"No. {n}")) for n in range(60))
    assert index.search("IMSS " * 20_000)  # 100 KB: did not finish in 11 minutes
    common = "IMSS salud de la en el director general programa"
    assert_linear(lambda n: lambda: index.search(" ".join([common] * n)), 40)


def test_cancelled_text_search_stops_with_no_hits() -> None:
    index = MemoryTextIndex(parse_text(SEED_003.replace("No. 257", f"No. {n}")) for n in range(60))
    assert index.search("IMSS salud")
    assert index.search("IMSS salud", cancelled=lambda: True) == []  # never started
    asked: list[int] = []

    def cancelled_once_running() -> bool:
        asked.append(1)
        return len(asked) > 1  # not before the search starts: while it runs

    assert index.search("IMSS salud", cancelled=cancelled_once_running) == []
    assert len(asked) == 2
    assert index.search("IMSS salud")  # the handler is removed afterwards


def test_search_text_says_the_query_was_cut(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["search-text", "IMSS " * 20_000, str(SEEDS), "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip()
    assert f"only its first {MAX_QUERY_TERMS} words are searched" in captured.err


def test_finder_query_is_bounded() -> None:
    from core import load_corpus

    corpus = load_corpus()
    assert corpus.search("IMSS " * 20_000) == corpus.search(" ".join(["IMSS"] * MAX_QUERY_TERMS))
    assert_linear(lambda n: lambda: corpus.search("gobernador chihuahua " * n), 200)


def test_unclosed_paragraphs_and_items_do_not_count_as_nesting() -> None:
    issues: list[Issue] = []
    page = "<html><body><main>" + "<p>Párrafo del boletín" * 2_000 + "<li>punto" * 500
    text = html_text(f"{page}</main></body></html>".encode(), issues)
    assert issues == [] and text.count("Párrafo del boletín") == 2_000
