"""Take a corpus elsewhere: a spreadsheet (CSV), a script (JSON Lines), notes (Markdown) or
Gephi (GraphML, GEXF).

`select` turns the filters the CLI and the app share (an entity, a date range) into bulletin
ranks; `export` writes one table of those bulletins in one format and returns the row count
(nodes + edges for a graph). CSV is UTF-8 with one header row and ISO dates, optionally with
a byte-order mark for spreadsheets that need one to read UTF-8; formula starts are neutralized.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import IO

from core.citation import citation
from core.corpus import Corpus
from core.export.cells import csv_cell, markdown_cell
from core.export.network import comention_graph, write_graph
from core.export.tables import TABLES, Table
from core.i18n import N_, _
from core.stored_messages import localized, os_reason
from core.textfold import fold

__all__ = [
    "FORMATS",
    "GRAPH_FORMATS",
    "WHATS",
    "ExportError",
    "entity_named",
    "export",
    "export_file",
    "format_for",
    "ranks_of",
    "select",
]

WHATS = tuple(TABLES)
GRAPH_FORMATS = ("graphml", "gexf")
FORMATS = ("csv", "jsonl", "md", *GRAPH_FORMATS)
BOM = "\ufeff"


class ExportError(ValueError):
    """A request that cannot be exported (message says why): a usage error, not a crash."""


#: A fuzzy hit this good names the entity ("zoe robledo" for "Zoé Robledo Aburto").
_SURE_SCORE = 90.0


def entity_named(corpus: Corpus, name: str, kinds: Collection[str] | None = None) -> str:
    """The id of the entity a user means by `name`: an entity id, a name or alias (accents
    and case ignored), or a clear best fuzzy match; else ExportError with suggestions."""
    if corpus.entity_table.index(name) is not None:
        return name
    hits = corpus.search(name, kinds=kinds, limit=5)
    key = fold(name)
    for hit in hits:
        if key in {fold(n) for n in (hit.entity.name, *hit.entity.aliases)}:
            return hit.entity.id
    if hits and hits[0].score >= _SURE_SCORE:
        return hits[0].entity.id
    if hits:
        closest = "; ".join(h.entity.name for h in hits[:3])
        message = _("no entity named {name} (closest: {names})").format(
            name=repr(name), names=closest
        )
    else:
        message = _("no entity named {name}").format(name=repr(name))
    raise ExportError(message)


def select(
    corpus: Corpus,
    entity_id: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[int]:
    """Ranks of the bulletins mentioning the entity and dated within [from, to] (inclusive).

    With a date bound, undated bulletins are left out: nothing says they fall inside it.
    """
    if entity_id is not None:
        index = corpus.entity_table.index(entity_id)
        if index is None:
            raise ExportError(_("no entity with id {id}").format(id=repr(entity_id)))
        ranks: Sequence[int] = corpus.entity_table.ranks(index)
    else:
        ranks = range(len(corpus.summaries))
    if date_from is None and date_to is None:
        return list(ranks)
    low, high = date_from or dt.date.min, date_to or dt.date.max
    return [r for r in ranks if (d := corpus.summaries[r].date) is not None and low <= d <= high]


def export(
    corpus: Corpus,
    ranks: Sequence[int],
    what: str,
    fmt: str,
    out: IO[bytes],
    *,
    speaker: str | None = None,
    bom: bool = False,
) -> int:
    """Write `what` of the bulletins at `ranks` as `fmt` to a binary stream; the row count."""
    if what not in TABLES:
        raise _cannot_export(what)
    if fmt not in FORMATS:
        message = _("unknown format {format}: choose one of {formats}")
        raise ExportError(message.format(format=repr(fmt), formats=", ".join(FORMATS)))
    if fmt in GRAPH_FORMATS:
        if what != "network":
            message = _("{format} holds a graph: use it with --what network")
            raise ExportError(message.format(format=fmt))
        graph = comention_graph(corpus, ranks)
        write_graph(graph, fmt, out)
        return graph.number_of_nodes() + graph.number_of_edges()
    table = TABLES[what](corpus, ranks, speaker)
    # A file name that is not UTF-8 (surrogate escapes) is written as \udcXX, not an error.
    text = io.TextIOWrapper(
        out, encoding="utf-8", errors="backslashreplace", newline="", write_through=True
    )
    try:
        if fmt == "csv":
            if bom:
                text.write(BOM)
            return _csv(table, text)
        if fmt == "jsonl":
            return _jsonl(table, text)
        return _markdown(table, text, corpus, what)
    finally:
        text.flush()
        text.detach()


def ranks_of(corpus: Corpus, bulletin_ids: Sequence[str]) -> list[int]:
    """The ranks of bulletins given by id (a list's current rows), in corpus order."""
    wanted = set(bulletin_ids)
    return [rank for rank, s in enumerate(corpus.summaries) if s.id in wanted]


#: File suffix -> format, for a path typed in the app.
_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".json": "jsonl", ".md": "md"}
_SUFFIXES |= {f".{fmt}": fmt for fmt in GRAPH_FORMATS}


def format_for(path: Path) -> str:
    """The format a file name asks for ("list.md" -> "md"); ExportError for others."""
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        names = ", ".join(sorted(_SUFFIXES))
        message = _("{file}: unknown file type; name it {suffixes}")
        raise ExportError(message.format(file=path.name, suffixes=names))
    return fmt


def export_file(
    corpus: Corpus, ranks: Sequence[int], what: str, path: Path, *, bom: bool = False
) -> int:
    """Export to `path` in the format its suffix names (a graph format exports the network);
    the row count. Write errors come back as ExportError naming the file and the reason."""
    fmt = format_for(path)
    if fmt in GRAPH_FORMATS:
        what = "network"
    if what not in TABLES:
        raise _cannot_export(what)
    try:
        with path.open("wb") as out:
            return export(corpus, ranks, what, fmt, out, bom=bom)
    except OSError as err:
        message = _("cannot write {path}: {reason}")
        raise ExportError(message.format(path=path, reason=localized(os_reason(err)))) from None


def _cannot_export(what: str) -> ExportError:
    message = _("cannot export {what}: choose one of {whats}")
    return ExportError(message.format(what=repr(what), whats=", ".join(WHATS)))


def _csv(table: Table, out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    count = 0
    for row in table.rows:
        writer.writerow([csv_cell(row[c]) for c in table.columns])
        count += 1
    return count


def _jsonl(table: Table, out: IO[str]) -> int:
    count = 0
    for row in table.rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


#: Columns a reader skips in a Markdown table: offsets and the long citation (given below).
_MD_SKIP = frozenset({"start", "end", "citation", "file", "id", "bulletin_id", "speaker_id"})
#: The Markdown header, for people: the column names in the interface's language (CSV and
#: JSON Lines keep the names as they are, for programs).
_MD_HEADERS = frozenset(
    (
        N_("date"),
        N_("number"),
        N_("kind"),
        N_("place"),
        N_("title"),
        N_("name"),
        N_("aliases"),
        N_("roles"),
        N_("bulletins"),
        N_("first_date"),
        N_("last_date"),
        N_("entity_id"),
        N_("text"),
        N_("speaker"),
        N_("quote"),
        N_("source"),
        N_("target"),
        N_("source_name"),
        N_("target_name"),
        N_("weight"),
    )
)


def _markdown(table: Table, out: IO[str], corpus: Corpus, what: str) -> int:
    """A readable table; rows about bulletins get a numbered citation listed under it."""
    columns = [c for c in table.columns if c not in _MD_SKIP]
    cites = "bulletin_id" in table.columns or what == "bulletins"
    header = [*columns, "source"] if cites else columns
    out.write("| " + " | ".join(_(c) if c in _MD_HEADERS else c for c in header) + " |\n")
    out.write("|" + "|".join(" --- " for _ in header) + "|\n")
    notes: dict[str, int] = {}
    count = 0
    for row in table.rows:
        cells = [markdown_cell(row[c]) for c in columns]
        if cites:
            bulletin_id = str(row.get("bulletin_id") or row.get("id"))
            number = notes.setdefault(bulletin_id, len(notes) + 1)
            cells.append(f"[{number}]")
        out.write("| " + " | ".join(cells) + " |\n")
        count += 1
    if notes:
        out.write("\n")
        for bulletin_id, number in notes.items():
            summary = corpus.summary(bulletin_id)
            if summary is not None:
                out.write(f"{number}. {markdown_cell(citation(summary))}\n")
    return count
