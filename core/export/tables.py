"""What can be exported, as rows: bulletins, entities, mentions, quotes, co-mention edges.

Every table is built from a corpus and the ranks (corpus order) of the bulletins selected, so
the CLI's filters and the app's current list export the same way. Dates are ISO strings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from core.citation import citation
from core.corpus import Corpus
from core.export.network import comention_edges

Row = dict[str, object]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: Iterator[Row]


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


def bulletins(corpus: Corpus, ranks: Sequence[int], speaker: str | None = None) -> Table:
    def rows() -> Iterator[Row]:
        for rank in ranks:
            s = corpus.summaries[rank]
            yield {
                "id": s.id,
                "date": _iso(s.date),
                "number": s.number,
                "kind": s.kind,
                "place": s.place,
                "title": " ".join((s.title or "").split()) or None,
                "file": s.source,
                "citation": citation(s),
            }

    columns = ("id", "date", "number", "kind", "place", "title", "file", "citation")
    return Table(columns, rows())


def entities(corpus: Corpus, ranks: Sequence[int], speaker: str | None = None) -> Table:
    """The entities of the selected bulletins; counts and dates are within the selection."""

    def rows() -> Iterator[Row]:
        table = corpus.entity_table
        selected = set(ranks)
        for i in sorted({i for rank in ranks for i in table.entities_in(rank)}):
            row = table.row(i)
            mine = [r for r in table.ranks(i) if r in selected]
            dates = [d for r in mine if (d := corpus.summaries[r].date) is not None]
            yield {
                "id": row.id,
                "kind": row.kind.value,
                "name": row.name,
                "aliases": "; ".join(row.aliases),
                "roles": "; ".join(row.roles),
                "bulletins": len(mine),
                "first_date": _iso(min(dates)) if dates else None,
                "last_date": _iso(max(dates)) if dates else None,
            }

    columns = ("id", "kind", "name", "aliases", "roles", "bulletins", "first_date", "last_date")
    return Table(columns, rows())


def mentions(corpus: Corpus, ranks: Sequence[int], speaker: str | None = None) -> Table:
    def rows() -> Iterator[Row]:
        for rank in ranks:
            bulletin = corpus.bulletins[rank]
            for entity in bulletin.entities:
                for span in entity.mentions:
                    yield {
                        "bulletin_id": bulletin.id,
                        "date": _iso(bulletin.date),
                        "entity_id": entity.entity_id,
                        "kind": entity.kind.value,
                        "name": entity.name,
                        "text": span.text,
                        "start": span.start,
                        "end": span.end,
                        "file": bulletin.source,
                    }

    columns = ("bulletin_id", "date", "entity_id", "kind", "name", "text", "start", "end", "file")
    return Table(columns, rows())


def quotes(corpus: Corpus, ranks: Sequence[int], speaker: str | None = None) -> Table:
    """Quotes of the selected bulletins; only `speaker`'s when one is given."""

    def rows() -> Iterator[Row]:
        for rank in ranks:
            bulletin = corpus.bulletins[rank]
            for quote in bulletin.quotes:
                if speaker is not None and quote.speaker != speaker:
                    continue
                yield {
                    "bulletin_id": bulletin.id,
                    "date": _iso(bulletin.date),
                    "speaker_id": quote.speaker,
                    "speaker": quote.speaker_name,
                    "quote": quote.text,
                    "start": quote.start,
                    "end": quote.end,
                    "citation": citation(bulletin),
                }

    columns = (
        "bulletin_id",
        "date",
        "speaker_id",
        "speaker",
        "quote",
        "start",
        "end",
        "citation",
    )
    return Table(columns, rows())


def edges(corpus: Corpus, ranks: Sequence[int], speaker: str | None = None) -> Table:
    """The co-mention network as an edge list (for formats that are tables)."""

    def rows() -> Iterator[Row]:
        names = corpus.entity_table
        for (a, b), edge in sorted(comention_edges(corpus, ranks).items()):
            yield {
                "source": names.ids[a],
                "target": names.ids[b],
                "source_name": names.names[a],
                "target_name": names.names[b],
                "weight": edge.weight,
                "first_date": _iso(edge.first),
                "last_date": _iso(edge.last),
            }

    columns = (
        "source",
        "target",
        "source_name",
        "target_name",
        "weight",
        "first_date",
        "last_date",
    )
    return Table(columns, rows())


#: `--what` -> its table builder.
TABLES: dict[str, Callable[[Corpus, Sequence[int], str | None], Table]] = {
    "bulletins": bulletins,
    "entities": entities,
    "mentions": mentions,
    "quotes": quotes,
    "network": edges,
}
