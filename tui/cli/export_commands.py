"""`imss-tui quotes PATH... [--speaker NAME] [--json]` and `imss-tui export PATH... --what W
--format F [--entity NAME] [--from DATE --to DATE] [-o FILE] [--bom]`.

Both load the corpus (the index cache unless --no-cache), so speakers and entities are the
resolved ones the app shows. Export writes to stdout unless -o names a file, and says on
stderr how many rows it wrote where.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.i18n import _
from core.stored_messages import localized, os_reason
from core.visible import visible_path
from tui.cli.common import (
    EXIT_FAILED_FILES,
    EXIT_OK,
    UsageError,
    add_cache_arguments,
    add_paths_argument,
    cache_options,
    console,
    report_skipped,
    resolve_paths,
    text,
    write_jsonl,
)

if TYPE_CHECKING:
    from core.corpus import Corpus


def add_parsers(sub: Any) -> None:
    """Register `quotes` and `export` on the command's subparsers."""
    from core.export import FORMATS, WHATS

    q = sub.add_parser("quotes", help=_("direct quotes and who said them"))
    add_paths_argument(q)
    q.add_argument("--speaker", metavar="NAME", help=_("only this official's quotes"))
    q.add_argument("--json", action="store_true", help=_("JSON Lines, one quote per line"))
    add_cache_arguments(q)
    q.set_defaults(handler=cmd_quotes)

    e = sub.add_parser("export", help=_("bulletins, entities, mentions, quotes or the network"))
    add_paths_argument(e)
    e.add_argument("--what", choices=WHATS, default="bulletins", help=_("what to export"))
    e.add_argument("--format", choices=FORMATS, default="csv", dest="fmt", help=_("file format"))
    e.add_argument("--entity", metavar="NAME", help=_("only bulletins mentioning this entity"))
    e.add_argument("--from", dest="date_from", metavar="DATE", help=_("from this date (ISO)"))
    e.add_argument("--to", dest="date_to", metavar="DATE", help=_("up to this date (ISO)"))
    e.add_argument("-o", "--output", metavar="FILE", help=_("write here (default: stdout)"))
    e.add_argument("--bom", action="store_true", help=_("CSV: start with a UTF-8 byte-order mark"))
    add_cache_arguments(e)
    e.set_defaults(handler=cmd_export)


def _load(args: argparse.Namespace) -> Corpus:
    from core.corpus import load_corpus

    found = resolve_paths(args.paths)
    report_skipped(found)
    return load_corpus(found.files, **cache_options(args))


def _status(corpus: Corpus) -> int:
    return EXIT_FAILED_FILES if any(s.failed for s in corpus.summaries) else EXIT_OK


def _entity(corpus: Corpus, name: str | None, kinds: list[str] | None = None) -> str | None:
    from core.export import ExportError, entity_named

    if name is None:
        return None
    try:
        return entity_named(corpus, name, kinds)
    except ExportError as err:
        raise UsageError(str(err)) from None


def cmd_quotes(args: argparse.Namespace) -> int:
    """Every quote of the corpus in date order; a table, or JSON Lines with --json."""
    corpus = _load(args)
    speaker = _entity(corpus, args.speaker, ["official"])
    records = [
        {
            "bulletin_id": bulletin.id,
            "source": bulletin.source,
            "date": bulletin.date.isoformat() if bulletin.date else None,
            **quote.model_dump(mode="json"),
        }
        for bulletin in corpus.bulletins
        for quote in bulletin.quotes
        if speaker is None or quote.speaker == speaker
    ]
    if args.json:
        write_jsonl(records)
        return _status(corpus)
    from rich.table import Table

    table = Table(title=_("Quotes"), expand=True)
    table.add_column(_("date"), no_wrap=True, min_width=10)
    for column, ratio in ((_("speaker"), 2), (_("quote"), 6), (_("file"), 2)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for r in records:
        table.add_row(
            text(r["date"] or _("undated")),
            text(r["speaker_name"] or _("unknown"), "" if r["speaker_name"] else "dim"),
            text(f"“{r['text']}”"),
            text(Path(r["source"]).name if r["source"] else "-"),
        )
    console().print(table)
    return _status(corpus)


def _date(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        message = _("{option} {value} is not a date like 2024-05-30")
        raise UsageError(message.format(option=flag, value=repr(value))) from None


def cmd_export(args: argparse.Namespace) -> int:
    """Write the selection in the asked format; the row count goes to stderr."""
    from core.export import GRAPH_FORMATS, ExportError, export, select

    date_from, date_to = _date(args.date_from, "--from"), _date(args.date_to, "--to")
    if date_from and date_to and date_from > date_to:
        message = _("--from {start} is after --to {end}")
        raise UsageError(message.format(start=date_from, end=date_to))
    if args.fmt in GRAPH_FORMATS and args.what != "network":
        message = _("--format {format} holds a graph: use it with --what network")
        raise UsageError(message.format(format=args.fmt))
    corpus = _load(args)
    entity = _entity(corpus, args.entity)
    ranks = select(corpus, entity, date_from, date_to)
    speaker = entity if args.what == "quotes" else None
    try:
        if args.output is None:
            count = export(
                corpus, ranks, args.what, args.fmt, sys.stdout.buffer, bom=args.bom, speaker=speaker
            )
            sys.stdout.buffer.flush()
            where = _("stdout")
        else:
            path = Path(args.output)
            with path.open("wb") as out:
                count = export(
                    corpus, ranks, args.what, args.fmt, out, bom=args.bom, speaker=speaker
                )
            where = str(path)
    except ExportError as err:
        raise UsageError(str(err)) from None
    except BrokenPipeError:
        raise  # `| head`: the reader left; `run` ends quietly
    except OSError as err:
        reason = localized(os_reason(err))
        message = _("cannot write {path}: {reason}").format(path=args.output, reason=reason)
        raise UsageError(message) from None
    if args.fmt in GRAPH_FORMATS:
        wrote = _("wrote {count} nodes and edges to {path}")
    else:
        wrote = _("wrote {count} rows to {path}")
    print(wrote.format(count=count, path=visible_path(where)), file=sys.stderr)
    return _status(corpus)
