"""`imss-tui parse PATH... [--json]` and `imss-tui entities PATH... [--json] [--kind K]`.

A rich table for people, JSON Lines (`--json`) for programs, one object per file (parse) or
per entity (entities).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.i18n import N_, _
from core.models import Bulletin, BulletinEntity, EntityKind
from core.stored_messages import localized
from core.visible import visible, visible_path
from tui.cli.common import (
    EXIT_FAILED_FILES,
    EXIT_OK,
    add_cache_arguments,
    add_paths_argument,
    cache_options,
    console,
    report_skipped,
    resolve_paths,
    text,
    write_jsonl,
)
from tui.kinds import KIND_BADGE

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


def add_parsers(sub: Any) -> None:
    """Register `parse` and `entities` on the command's subparsers."""
    p = sub.add_parser("parse", help=_("parse bulletin files (.txt .md .pdf .html)"))
    add_paths_argument(p)
    p.add_argument("--json", action="store_true", help=_("JSON Lines, one object per file"))
    p.set_defaults(handler=cmd_parse)

    e = sub.add_parser("entities", help=_("list the entities resolved across a corpus"))
    add_paths_argument(e)
    e.add_argument("--json", action="store_true", help=_("JSON Lines, one entity per line"))
    e.add_argument("--kind", choices=[k.value for k in EntityKind], help=_("only this kind"))
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


def _issues_cell(bulletin: Bulletin, *, codes_only: bool) -> Text:
    from rich.text import Text

    cell = Text()
    for issue in bulletin.issues:
        style = "bold red" if issue.severity == "error" else "yellow"
        if cell:
            cell.append("\n")
        shown = issue.code if codes_only else f"{issue.code}: {localized(issue.message)}"
        cell.append(visible(shown), style=style)
    return cell


def _date_cell(bulletin: Bulletin) -> Text:
    """The date; for an undated bulletin its estimate ("≈2012-12…2014-09"), never as a date."""
    if bulletin.date is not None:
        return text(bulletin.date.isoformat())
    if bulletin.date_estimate is not None:
        return text(bulletin.date_estimate.label, "italic")
    return text(_("undated"), "dim")


def middle_ellipsis(name: str, width: int) -> str:
    """`name` in `width` characters, cut in the middle: a file's distinctive prefix and its
    extension both stay ("000_f3…e58.txt")."""
    if len(name) <= width:
        return name
    tail = (width - 1) // 2
    return name[: width - 1 - tail] + "…" + name[len(name) - tail :]


#: The `entities` table's columns (translated where shown).
ENTITY_COLUMNS = (
    N_("kind"),
    N_("name"),
    N_("roles"),
    N_("aliases"),
    N_("bulletins"),
    N_("mentions"),
)

#: Below this console width the issues column shows codes only (`--json` has the messages).
WIDE_TABLE = 120
#: Below this console width the number goes under the date, in one column.
NARROW_TABLE = 100


def _parse_table(bulletins: list[Bulletin], width: int) -> Table:
    """Date and number never wrap; file names are cut in the middle to a fifth of the width;
    place, title and issues wrap at word boundaries (a word longer than its column ends in
    an ellipsis instead of breaking)."""
    from rich.table import Table

    narrow = width < NARROW_TABLE
    names = [visible_path(Path(b.source).name) if b.source else "-" for b in bulletins]
    file_width = min(max((len(n) for n in names), default=4), max(12, width // 5))
    number_width = 0 if narrow else max((len(b.number or "-") for b in bulletins), default=3)
    columns = 5 if narrow else 6
    dates = [_date_cell(b) for b in bulletins]
    date_width = max((d.cell_len for d in dates), default=10)
    rest = width - (columns + 1) - 2 * columns - file_width - date_width - number_width
    place_width = min(max(rest // 4, 10), 26)  # "Ecatepec," fits; a long place wraps
    issues_width = min(max(rest // 5, 14), 40) if width >= WIDE_TABLE else 7  # "no-date"
    table = Table(title=_("IMSS bulletins"), show_lines=False, expand=True)
    table.add_column(_("file"), no_wrap=True, width=file_width)
    table.add_column(_("date / no.") if narrow else _("date"), no_wrap=True, min_width=10)
    if not narrow:
        table.add_column(_("no."), no_wrap=True)
    table.add_column(_("place"), width=place_width)
    table.add_column(_("title"), ratio=1)
    table.add_column(_("issues"), width=issues_width)
    for name, b, date in zip(names, bulletins, dates, strict=True):
        number = text(b.number or "-")
        when = [date.append("\n").append_text(number)] if narrow else [date, number]
        table.add_row(
            text(middle_ellipsis(name, file_width)),
            *when,
            text(b.place or "-"),
            text(b.title or "-", "bold"),
            _issues_cell(b, codes_only=width < WIDE_TABLE),
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
        out = console()
        out.print(_parse_table(bulletins, out.width))
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

        count = len(corpus.summaries)
        title = _("Entities in {count} bulletins").format(count=count)
        table = Table(title=title, expand=True)
        for column in ENTITY_COLUMNS:
            table.add_column(
                _(column), justify="right" if column in ("bulletins", "mentions") else "left"
            )
        for e in entities:
            table.add_row(
                text(_(KIND_BADGE[e.kind])),  # the id in JSON and --kind
                text(e.name, "bold"),
                text("; ".join(r.role for r in e.roles)),
                text(", ".join(e.aliases), "dim"),
                text(len(e.bulletin_ids)),
                text(e.mention_count),
            )
        console().print(table)
    report_skipped(found)
    return EXIT_FAILED_FILES if any(b.failed for b in corpus.summaries) else EXIT_OK
