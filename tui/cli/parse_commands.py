"""`imss-tui parse PATH... [--json]` and `imss-tui entities PATH... [--json] [--kind K]`.

A rich table for people, JSON Lines (`--json`) for programs, one object per file (parse) or
per entity (entities).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.models import Bulletin, BulletinEntity, EntityKind
from core.visible import visible, visible_path
from tui.cli.common import (
    EXIT_FAILED_FILES,
    EXIT_OK,
    add_cache_arguments,
    cache_options,
    console,
    report_skipped,
    resolve_paths,
    text,
    write_jsonl,
)

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


def add_parsers(sub: Any) -> None:
    """Register `parse` and `entities` on the command's subparsers."""
    p = sub.add_parser("parse", help="parse bulletin files (.txt .md .pdf .html)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: seeds)")
    p.add_argument("--json", action="store_true", help="JSON Lines, one object per file")
    p.set_defaults(handler=cmd_parse)

    e = sub.add_parser("entities", help="list the entities resolved across a corpus")
    e.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: seeds)")
    e.add_argument("--json", action="store_true", help="JSON Lines, one entity per line")
    e.add_argument("--kind", choices=[k.value for k in EntityKind], help="only this kind")
    add_cache_arguments(e)
    e.set_defaults(handler=cmd_entities)


def entity_json(entity: BulletinEntity) -> dict[str, Any]:
    """The `entities` item of `parse --json`: kind, name, role, mentions; and state for a
    numbered unit the text places ("HGZ No. 33 de Monterrey")."""
    data: dict[str, Any] = {
        "kind": entity.kind.value,
        "name": entity.name,
        "role": entity.role,
        "mentions": [m.model_dump() for m in entity.mentions],
    }
    if entity.state is not None:
        data["state"] = entity.state
    return data


def bulletin_json(bulletin: Bulletin) -> dict[str, Any]:
    """One JSON Lines record: the Bulletin fields, dates as ISO strings."""
    data = bulletin.model_dump(mode="json", exclude={"entities"})
    data["entities"] = [entity_json(e) for e in bulletin.entities]
    data["issues"] = data.pop("issues")  # last, as documented
    return data


def _issues_cell(bulletin: Bulletin) -> Text:
    from rich.text import Text

    cell = Text()
    for issue in bulletin.issues:
        style = "bold red" if issue.severity == "error" else "yellow"
        if cell:
            cell.append("\n")
        cell.append(visible(f"{issue.code}: {issue.message}"), style=style)
    return cell


def _date_cell(bulletin: Bulletin) -> Text:
    """The date; for an undated bulletin its estimate ("≈2012-12…2014-09"), never as a date."""
    if bulletin.date is not None:
        return text(bulletin.date.isoformat())
    if bulletin.date_estimate is not None:
        return text(bulletin.date_estimate.label, "italic")
    return text("undated", "dim")


def _parse_table(bulletins: list[Bulletin]) -> Table:
    from rich.table import Table

    table = Table(title="IMSS bulletins", show_lines=False, expand=True)
    table.add_column("file", overflow="fold", ratio=2)
    table.add_column("date", no_wrap=True)
    table.add_column("no.", no_wrap=True)
    table.add_column("place", overflow="fold", ratio=1)
    table.add_column("title", overflow="fold", ratio=4)
    table.add_column("issues", overflow="fold", ratio=2)
    for b in bulletins:
        table.add_row(
            text(visible_path(Path(b.source).name) if b.source else "-"),
            _date_cell(b),
            text(b.number or "-"),
            text(b.place or "-"),
            text(b.title or "-", "bold"),
            _issues_cell(b),
        )
    return table


def cmd_parse(args: argparse.Namespace) -> int:
    """Parse each file and print one table row or one JSON line per file."""
    from core.parse import parse_file

    found = resolve_paths(args.paths)
    bulletins = [parse_file(path) for path in found.files]
    if args.json:
        write_jsonl(bulletin_json(b) for b in bulletins)
    else:
        console().print(_parse_table(bulletins))
    report_skipped(found)
    return EXIT_FAILED_FILES if any(b.failed for b in bulletins) else EXIT_OK


def cmd_entities(args: argparse.Namespace) -> int:
    """The corpus' resolved entities, most mentioned first, optionally of one kind."""
    from core.corpus import load_corpus

    found = resolve_paths(args.paths)
    corpus = load_corpus(found.files, **cache_options(args))
    entities = [e for e in corpus.entities if args.kind is None or e.kind == args.kind]
    entities.sort(key=lambda e: (-len(e.bulletin_ids), -e.mention_count, e.name))
    if args.json:
        write_jsonl(e.model_dump(mode="json") for e in entities)
    else:
        from rich.table import Table

        table = Table(title=f"Entities in {len(corpus.summaries)} bulletins", expand=True)
        for column in ("kind", "name", "roles", "aliases", "bulletins", "mentions"):
            table.add_column(
                column, justify="right" if column in ("bulletins", "mentions") else "left"
            )
        for e in entities:
            table.add_row(
                text(e.kind.value),
                text(e.name, "bold"),
                text("; ".join(r.role for r in e.roles)),
                text(", ".join(e.aliases), "dim"),
                text(len(e.bulletin_ids)),
                text(e.mention_count),
            )
        console().print(table)
    report_skipped(found)
    return EXIT_FAILED_FILES if any(b.failed for b in corpus.summaries) else EXIT_OK
