"""The co-mention network: who and what appear in the same bulletins, for Gephi or networkx.

Nodes are entities (kind, number of bulletins); an edge joins two entities named in one
bulletin, weighted by how many bulletins do, with the first and last date they did. GraphML
and GEXF are written by networkx's own writers (maintained, read back by Gephi, yEd and
networkx) rather than hand-built XML; strings are cleaned first, because XML 1.0 cannot hold
control characters at all and a bulletin may carry any.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import IO, TYPE_CHECKING

from core.export.cells import xml_text

if TYPE_CHECKING:
    import networkx as nx

    from core.corpus import Corpus


@dataclass
class Edge:
    weight: int = 0
    first: dt.date | None = None
    last: dt.date | None = None

    def add(self, date: dt.date | None) -> None:
        self.weight += 1
        if date is not None:
            self.first = date if self.first is None else min(self.first, date)
            self.last = date if self.last is None else max(self.last, date)


def comention_edges(corpus: Corpus, ranks: Sequence[int]) -> dict[tuple[int, int], Edge]:
    """(entity index, entity index) with the lower first -> the bulletins they share."""
    table = corpus.entity_table
    found: dict[tuple[int, int], Edge] = {}
    for rank in ranks:
        date = corpus.summaries[rank].date
        for pair in combinations(sorted(table.entities_in(rank)), 2):
            edge = found.get(pair)
            if edge is None:
                edge = found[pair] = Edge()
            edge.add(date)
    return found


def comention_graph(corpus: Corpus, ranks: Sequence[int]) -> nx.Graph:
    """The network of the selected bulletins: counts and dates are within the selection."""
    import networkx as nx

    table = corpus.entity_table
    graph = nx.Graph()
    counts: dict[int, int] = {}
    for rank in ranks:
        for i in table.entities_in(rank):
            counts[i] = counts.get(i, 0) + 1
    for i in sorted(counts):
        graph.add_node(
            xml_text(table.ids[i]),
            label=xml_text(table.names[i]),
            kind=table.kinds[i].value,
            bulletins=counts[i],
        )
    for (a, b), edge in sorted(comention_edges(corpus, ranks).items()):
        dates = {}
        if edge.first is not None and edge.last is not None:
            dates = {"first_date": edge.first.isoformat(), "last_date": edge.last.isoformat()}
        graph.add_edge(xml_text(table.ids[a]), xml_text(table.ids[b]), weight=edge.weight, **dates)
    return graph


def write_graph(graph: nx.Graph, fmt: str, out: IO[bytes]) -> None:
    """GraphML or GEXF, UTF-8, to a binary stream."""
    import networkx as nx

    if fmt == "graphml":
        nx.write_graphml(graph, out, encoding="utf-8")
    else:
        nx.write_gexf(graph, out, encoding="utf-8")
