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
