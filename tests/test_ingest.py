"""Ingest variants built from seed text, and bad input that must become a clear issue."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from core import parse_file, parse_text
from core.discover import discover

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_003 = next(SEEDS.glob("003_*.txt"))
SEED_000 = next(SEEDS.glob("000_*.txt"))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def reference() -> object:
    return parse_file(SEED_003)


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("cp1252.txt", lambda t: t.encode("cp1252")),
        ("bom8.txt", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
        ("bom16.txt", lambda t: t.encode("utf-16")),  # Python writes the BOM
        ("bom16be.txt", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
        ("crlf.txt", lambda t: t.replace("\n", "\r\n").encode("utf-8")),
        ("cr.txt", lambda t: t.replace("\n", "\r").encode("utf-8")),
        ("seed.md", lambda t: t.encode("utf-8")),
    ],
)
def test_encoding_and_line_ending_variants_parse_identically(
    tmp_path: Path, reference: object, name: str, encode: object
) -> None:
    text = SEED_003.read_text(encoding="utf-8").replace("’", "'")
    b = parse_file(write(tmp_path, name, encode(text)))  # type: ignore[operator]
    assert not b.failed
    assert b.text == reference.text.replace("’", "'")  # type: ignore[attr-defined]
    assert (b.number, b.date, b.title) == (
        reference.number,  # type: ignore[attr-defined]
        reference.date,  # type: ignore[attr-defined]
        reference.title,  # type: ignore[attr-defined]
    )


def test_cp1252_is_flagged_as_a_guess(tmp_path: Path) -> None:
    b = parse_file(write(tmp_path, "x.txt", "BOLETÍN DE PRENSA\n\nMéxico".encode("cp1252")))
    assert "encoding" in [i.code for i in b.issues if i.severity == "warning"]


def _pdf_from_seed(tmp_path: Path, letterhead: str | None = None) -> Path:
    from fpdf import FPDF

    lines = SEED_000.read_text(encoding="utf-8").replace("\uf0b7", "-").splitlines()
    pdf = FPDF()
    pdf.set_auto_page_break(auto=False)
    pdf.core_fonts_encoding = "windows-1252"  # curly quotes and accents, no TTF needed
    pdf.set_font("helvetica", size=10)
    per_page = 45
    for start in range(0, len(lines), per_page):
        pdf.add_page()
        if letterhead:
            pdf.cell(0, 5, letterhead, new_x="LMARGIN", new_y="NEXT")
        for line in lines[start : start + per_page]:
            pdf.cell(0, 5, line.strip(), new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "seed000.pdf"
    pdf.output(str(path))
    return path


def test_pdf_made_from_seed_000(tmp_path: Path) -> None:
    b = parse_file(_pdf_from_seed(tmp_path, letterhead="INSTITUTO MEXICANO DEL SEGURO SOCIAL"))
    assert not b.failed, b.issues
    assert b.kind == "comunicado conjunto"
    assert b.place == "Chihuahua, Chihuahua"
    assert str(b.date) == "2015-07-24"
    assert b.title and b.title.startswith("FIRMAN IMSS Y EL GOBIERNO DE CHIHUAHUA")
    assert "INSTITUTO MEXICANO DEL SEGURO SOCIAL" not in b.text  # letterhead on every page
    assert "José Antonio González Anaya" in b.text
    assert "IMSS-PROSPERA" in b.text


def test_html_main_text(tmp_path: Path) -> None:
    html = """<!doctype html><html><head><meta charset="utf-8"><title>IMSS</title>
    <script>var x = "no";</script><style>p{}</style></head><body>
    <nav><a href="/">Inicio</a> | <a href="/prensa">Prensa</a></nav>
    <main><p>BOLETÍN DE PRENSA</p><p>Ciudad de México, jueves 30 de mayo de 2024.</p>
    <p>No. 257/2024.</p><h1>Avanza trabajo conjunto entre Sector Salud y estados</h1>
    <ul><li><strong>Se desarrollaron los trabajos del segundo día.</strong></li></ul>
    <p>En la Conferencia Interamericana de Seguridad Social (CISS), el director general del
    IMSS, <b>Zoé Robledo</b>, señaló que de junio a agosto se llevarán a cabo reuniones.</p>
    </main><footer>Todos los derechos reservados</footer></body></html>"""
    b = parse_file(write(tmp_path, "b.html", html.encode("utf-8")))
    assert not b.failed, b.issues
    assert (b.kind, b.number, str(b.date)) == ("boletín de prensa", "257/2024", "2024-05-30")
    assert b.title == "Avanza trabajo conjunto entre Sector Salud y estados"
    assert b.highlights == ["Se desarrollaron los trabajos del segundo día."]
    assert b.paragraphs[0].startswith("En la Conferencia Interamericana")
    assert "director general del IMSS, Zoé Robledo, señaló" in b.paragraphs[0]
    for junk in ("Inicio", "var x", "derechos reservados"):
        assert junk not in b.text


def test_markdown_emphasis_and_headings_are_stripped() -> None:
    b = parse_text(
        "## BOLETÍN CONJUNTO\n\n### **Un título**\n\n- **Un punto.**\n\nTexto *con* énfasis."
    )
    assert b.kind == "boletín conjunto"
    assert b.title == "Un título"
    assert b.highlights == ["Un punto."]
    assert b.paragraphs == ["Texto con énfasis."]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n \r\n", "empty"),
        ("garbage.txt", bytes(range(256)) * 40, "binary"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "pdf-unreadable"),
    ],
)
def test_bad_files_become_error_issues(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    b = parse_file(write(tmp_path, name, data))
    assert b.failed
    assert b.issues[0].code == code
    assert b.issues[0].message
    assert b.source and b.source.endswith(name)


def test_missing_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    b = parse_file(tmp_path / "gone.txt")
    assert b.failed and b.issues[0].code == "not-found"


def test_directory_with_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    for path in SEEDS.glob("*.txt"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "nested").mkdir()
    write(tmp_path / "nested", "bad.txt", b"\x00\x01\x02" * 500)
    write(tmp_path, "notes.docx", b"PK\x03\x04")
    write(tmp_path, ".hidden.txt", b"x")
    found = discover([tmp_path])
    assert len(found.files) == 6
    assert sorted(p.name for p, _ in found.skipped) == [".hidden.txt", "notes.docx"]
    results = [parse_file(p) for p in found.files]
    assert sum(b.failed for b in results) == 1
    assert sum(not b.failed for b in results) == 5
