"""Exports read back by real readers: csv, json, networkx (GraphML, GEXF), ElementTree.

Bulletin text is data: formula starts, control characters and Markdown pipes in it must come
out inert, and the XML valid.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from core import load_corpus, parse_text
from core.corpus import Corpus
from core.export import ExportError, export, select
from core.models import Bulletin, BulletinEntity, EntityKind, Span


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return load_corpus(use_cache=False)


def _export(corpus: Corpus, what: str, fmt: str, ranks: list[int] | None = None, **kw) -> bytes:
    out = io.BytesIO()
    export(corpus, select(corpus) if ranks is None else ranks, what, fmt, out, **kw)
    return out.getvalue()


@pytest.mark.parametrize("what", ["bulletins", "entities", "mentions", "quotes", "network"])
def test_csv_reads_back_with_one_header_and_iso_dates(seeds: Corpus, what: str) -> None:
    out = io.BytesIO()
    count = export(seeds, select(seeds), what, "csv", out)
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    assert len(body) == count > 0
    assert all(len(row) == len(header) for row in body)
    for column in (c for c in header if c.endswith("date")):
        for row in body:
            value = row[header.index(column)]
            assert value == "" or dt.date.fromisoformat(value)


def test_csv_bom_is_optional_and_utf8(seeds: Corpus) -> None:
    plain = _export(seeds, "quotes", "csv")
    marked = _export(seeds, "quotes", "csv", bom=True)
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert marked == b"\xef\xbb\xbf" + plain
    assert "González Anaya" in marked.decode("utf-8-sig")


def test_quotes_export_has_speakers_and_citations(seeds: Corpus) -> None:
    lines = _export(seeds, "quotes", "jsonl").decode().splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == sum(len(b.quotes) for b in seeds.bulletins)
    duarte = [r for r in rows if r["speaker_id"] == "official:cesar-duarte-jaquez"]
    assert len(duarte) == 2 and all("2015-07-24" in r["citation"] for r in duarte)


def _hostile() -> Corpus:
    text = (
        '=HYPERLINK("http://x.test","clic")|título\n\n'
        "Ciudad de México, lunes 3 de marzo de 2025.\n\n"
        "El director general del IMSS, Zoé Robledo, dijo: “+1 para la salud de todos "
        "los trabajadores”.\n\n"
        "“@SUMA(A1:A9) no es una fórmula sino texto dicho”, afirmó Zoé Robledo.\n\n"
        "-- comentario con \x01control\x0b y \x1b[31m escape --"
    )
    bulletin = parse_text(text, source="hostil.txt")
    person = BulletinEntity(
        kind=EntityKind.OFFICIAL,
        name="Zoé\x01 Robledo\x0b <&>",
        mentions=[Span(start=0, end=1, text="=")],
    )
    place = BulletinEntity(
        kind=EntityKind.PLACE,
        name="=Ciudad\x00 de México",
        mentions=[Span(start=1, end=2, text="H")],
    )
    other = Bulletin(id="b2", date=dt.date(2025, 3, 4), entities=[person.model_copy(), place])
    bulletin.entities += [person, place.model_copy()]
    return Corpus.from_bulletins([bulletin, other])


def test_csv_neutralizes_formulas_and_drops_control_characters() -> None:
    corpus = _hostile()
    for what in ("bulletins", "entities", "mentions", "quotes", "network"):
        text = _export(corpus, what, "csv").decode("utf-8")
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (what, cell)
                assert not any(ord(c) < 32 and c not in "\t\n\r" for c in cell), (what, cell)
    quotes = _export(corpus, "quotes", "csv").decode()
    assert "'+1 para la salud" in quotes and "'@SUMA(A1:A9)" in quotes


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphs_parse_with_networkx_whatever_the_text(fmt: str) -> None:
    corpus = _hostile()
    data = _export(corpus, "network", fmt)
    ET.fromstring(data)  # well-formed XML
    graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(data))
    labels = {graph.nodes[n].get("label") for n in graph.nodes}
    assert "Zoé Robledo <&>" in labels
    weights = [d["weight"] for _, _, d in graph.edges(data=True)]
    assert max(int(w) for w in weights) == 2  # the two hand-made entities share both bulletins


def test_network_counts_bulletins_and_dates(seeds: Corpus) -> None:
    graph = nx.read_graphml(io.BytesIO(_export(seeds, "network", "graphml")))
    anaya, imss = "official:jose-antonio-gonzalez-anaya", "institution:imss"
    assert graph.nodes[anaya]["kind"] == "official"
    assert int(graph.nodes[anaya]["bulletins"]) == 3
    edge = graph.edges[anaya, imss]
    assert int(edge["weight"]) == 3
    assert edge["first_date"] == edge["last_date"] == "2015-07-24"  # two of three undated


def test_markdown_is_a_table_with_citations_and_escaped_text() -> None:
    corpus = _hostile()
    lines = _export(corpus, "bulletins", "md").decode().splitlines()
    assert lines[0].startswith("| date |") and lines[1].startswith("| --- |")
    title_row = next(line for line in lines if "HYPERLINK" in line)
    assert "\\|título" in title_row and title_row.endswith("[1] |")
    assert any(line.startswith("1. IMSS.") for line in lines)


def test_select_by_entity_and_dates(seeds: Corpus) -> None:
    anaya = "official:jose-antonio-gonzalez-anaya"
    assert len(select(seeds, anaya)) == 3
    assert len(select(seeds, anaya, date_from=dt.date(2015, 1, 1))) == 1
    in_2024 = select(seeds, date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31))
    assert [seeds.summaries[r].date.year for r in in_2024] == [2024, 2024]
    with pytest.raises(ExportError):
        select(seeds, "official:nobody")


def test_graph_formats_only_hold_the_network(seeds: Corpus) -> None:
    with pytest.raises(ExportError, match="--what network"):
        _export(seeds, "quotes", "gexf")


#: Terminal sequences of every shape, each hiding a word that must not come out.
_SEQUENCES = {
    "csi": "\x1b[31m",
    "csi-params": "\x1b[1;38;5;200mSECRETO\x1b[0m",  # SECRETO is the text it colours: kept
    "osc-title": "\x1b]0;VENTANA\x07",
    "osc-st": "\x1b]2;VENTANA\x1b\\",
    "osc8": "\x1b]8;;http://evil.example\x07enlace\x1b]8;;\x07",
    "osc52": "\x1b]52;c;ZXZpbA==\x07",
    "c1-csi": "\x9b7m",
    "charset": "\x1b(B",
}
_TAILS = ("[31m", "[0m", "38;5", "VENTANA", "evil", "ZXZpbA", "]8;", "]52", "7m", "(B")


@pytest.mark.parametrize("what", ["bulletins", "entities", "mentions", "quotes", "network"])
def test_exports_drop_terminal_sequences_whole(tmp_path, what: str) -> None:
    """Bulletin text with terminal sequences in its title, a role, a quote and the body:
    no format keeps any part of one (the ESC alone used to go, leaving "[31m")."""
    mix = " ".join(_SEQUENCES.values())
    text = (
        f"Firman IMSS {_SEQUENCES['csi']}y Oaxaca{_SEQUENCES['osc-title']} convenio\n\n"
        "Oaxaca de Juárez, Oaxaca, lunes 3 de marzo de 2025.\n\n"
        f"El director general del IMSS{_SEQUENCES['osc8']}, Zoé Robledo, y el gobernador de "
        f"Oaxaca, Salomón Jara Cruz, firmaron el convenio. {mix}\n\n"
        f"“La salud {_SEQUENCES['osc52']}es primero{_SEQUENCES['c1-csi']}”, dijo Zoé Robledo.\n"
    )
    (tmp_path / "hostil.txt").write_text(text, "utf-8")
    corpus = load_corpus(tmp_path, use_cache=False)
    bulletin = corpus.bulletins[0]
    assert "terminal-sequences" in [issue.code for issue in bulletin.issues]
    for fmt in ["csv", "jsonl", "md", *(["graphml", "gexf"] if what == "network" else [])]:
        data = _export(corpus, what, fmt).decode("utf-8")
        assert data.strip(), (what, fmt)
        for tail in ("\x1b", "\x9b", "\\u001b", "\\u009b", *_TAILS):
            assert tail not in data, (what, fmt, tail)
    bulletins = _export(corpus, "bulletins", "jsonl").splitlines()
    assert [json.loads(line)["title"] for line in bulletins] == ["Firman IMSS y Oaxaca convenio"]
    quotes = [json.loads(line)["quote"] for line in _export(corpus, "quotes", "jsonl").splitlines()]
    assert quotes == ["La salud es primero"]
    assert "SECRETO" in bulletin.text and "IMSSenlace, Zoé Robledo" in bulletin.text


def test_export_cells_drop_sequences_in_names_that_did_not_come_through_ingest() -> None:
    person = BulletinEntity(
        kind=EntityKind.OFFICIAL,
        name="Zoé \x1b[1mRobledo\x1b[0m\x1b]8;;http://evil.example\x07",
        mentions=[Span(start=0, end=3, text="Zoé")],
    )
    place = BulletinEntity(
        kind=EntityKind.PLACE, name="Oaxaca", mentions=[Span(start=0, end=1, text="Z")]
    )
    corpus = Corpus.from_bulletins([Bulletin(id="b1", text="Zoé", entities=[person, place])])
    rows = csv.DictReader(io.StringIO(_export(corpus, "entities", "csv").decode(), newline=""))
    assert sorted(row["name"] for row in rows) == ["Oaxaca", "Zoé Robledo"]
    markdown = _export(corpus, "entities", "md").decode()
    assert "| Zoé Robledo |" in markdown and "[1m" not in markdown
    graph = nx.read_graphml(io.BytesIO(_export(corpus, "network", "graphml")))
    assert sorted(graph.nodes[n]["label"] for n in graph.nodes) == ["Oaxaca", "Zoé Robledo"]
