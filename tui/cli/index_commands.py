"""`imss-tui index PATH...` and `imss-tui search-text QUERY [PATH...]`.

Progress and notices go to stderr, results to stdout (a table, or JSON Lines with --json);
bulletin text reaches the terminal only as rich Text made `visible()`, never as markup.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from core.corpus import distinct_bulletins
from core.i18n import N_, _
from core.index import Index, IndexReport
from core.models import BulletinSummary, TextHit
from core.query_limits import bound_query
from core.runtime import Progress, bounded_workers
from core.stored_messages import localized
from core.visible import visible_path
from tui.cli import common
from tui.cli.common import UsageError, console, json_line, text

if TYPE_CHECKING:
    from rich.text import Text


def add_parsers(sub: Any) -> None:
    """Register `index` and `search-text` on the command's subparsers."""
    p = sub.add_parser("index", help=_("build or update the index cache for bulletin files"))
    common.add_paths_argument(p)
    p.add_argument("--json", action="store_true", help=_("print the summary as one JSON object"))
    p.add_argument("--workers", type=int, default=None, help=_("parser processes (default: cores)"))
    common.add_cache_arguments(p)
    p.set_defaults(handler=cmd_index)

    s = sub.add_parser("search-text", help=_("full-text search over bulletin text (FTS5)"))
    s.add_argument(
        "query",
        help=_('words (ANDed), a OR b, -word, "a phrase", prefix*; accents and case ignored'),
    )
    common.add_paths_argument(s)
    s.add_argument("--limit", type=int, default=20, help=_("most hits to show (default: 20)"))
    s.add_argument("--json", action="store_true", help=_("JSON Lines, one hit per line"))
    common.add_cache_arguments(s)
    s.set_defaults(handler=cmd_search_text)


def _open_index(args: argparse.Namespace) -> Index:
    return Index.open(args.cache_dir, use_cache=not args.no_cache)


#: The rows of the `index` summary table: JSON key -> label (translated where shown).
SUMMARY_ROWS = {
    "files": N_("files"),
    "duplicates": N_("duplicates"),
    "new": N_("new"),
    "changed": N_("changed"),
    "unchanged": N_("unchanged"),
    "removed": N_("removed"),
    "failed": N_("failed"),
    "skipped": N_("skipped"),
}


def _update_with_progress(
    index: Index, files: list[Any], workers: int | None = None, *, quiet: bool = False
) -> IndexReport:
    """Run the update under a rich progress bar (files/s, ETA) on stderr."""
    if quiet:
        return index.update(files, workers=workers)
    with parsing_progress() as report:
        return index.update(files, report, workers=workers)


@contextmanager
def parsing_progress() -> Iterator[Progress]:
    """A rich progress bar on stderr (files/s, ETA) for the parsing callback it yields;
    it disappears when done."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import (
        Progress as RichProgress,
    )
    from rich.text import Text

    class FilesPerSecond(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            rate = "--" if speed is None else f"{speed:,.0f}"
            return Text(_("{rate} files/s").format(rate=rate), "cyan")

    columns = (
        TextColumn(_("parsing")),
        BarColumn(),
        MofNCompleteColumn(),
        FilesPerSecond(),
        TimeElapsedColumn(),
        TextColumn(_("ETA")),
        TimeRemainingColumn(),
    )
    with RichProgress(*columns, console=console(stderr=True), transient=True) as bar:
        task = bar.add_task("parsing", total=None)

        def report(done: int, total: int, path: Any) -> None:
            bar.update(task, completed=done, total=total)

        yield report


def _summary(report: IndexReport, skipped: int, index: Index) -> dict[str, Any]:
    rate = report.parsed / report.elapsed if report.parsed and report.elapsed else None
    _, copies = distinct_bulletins(report.summaries)
    return {
        "files": len(report.summaries),
        "duplicates": sum(map(len, copies.values())),  # files whose content another file has
        "new": report.new,
        "changed": report.changed,
        "unchanged": report.unchanged,
        "removed": report.removed,
        "failed": report.failed,
        "skipped": skipped,
        "seconds": round(report.elapsed, 3),
        "files_per_second": None if rate is None else round(rate, 1),
        "cache": str(index.path) if index.path else None,
        "notices": report.notices,
    }


def _workers(requested: int | None) -> int | None:
    """--workers, at least 1 and at most the cores available (more only slow parsing down)."""
    if requested is None:
        return None
    if requested < 1:
        message = _("--workers must be at least 1, not {requested}")
        raise UsageError(message.format(requested=requested))
    workers = bounded_workers(requested)
    if workers < requested:
        notice = _("--workers {requested}: only {workers} core(s) here; using {workers}")
        common.print_notices([notice.format(requested=requested, workers=workers)])
    return workers


def cmd_index(args: argparse.Namespace) -> int:
    found = common.resolve_paths(args.paths)
    workers = _workers(args.workers)
    with _open_index(args) as index:
        report = _update_with_progress(index, found.files, workers, quiet=args.json)
        summary = _summary(report, len(found.skipped), index)
    common.print_notices(report.notices)
    if args.json:
        print(json_line(summary))
    else:
        from rich.table import Table

        table = Table(title=_("index"), show_header=False)
        table.add_column(_("what"))
        table.add_column(_("count"), justify="right")
        for name, label in SUMMARY_ROWS.items():
            table.add_row(_(label), text(summary[name]))
        rate = summary["files_per_second"]
        table.add_row(_("files/s"), text("-" if rate is None else f"{rate:,.1f}"))
        table.add_row(_("seconds"), text(summary["seconds"]))
        table.add_row(_("cache"), text(summary["cache"] or _("(no cache)"), "dim"))
        out = console()
        out.print(table)
        for bulletin in report.summaries:
            if bulletin.failed:
                errors = [i for i in bulletin.issues if i.severity == "error"]
                reasons = "; ".join(localized(i.message) for i in errors)
                name = visible_path(bulletin.source or bulletin.id)
                failed = _("failed: {file}: {reasons}").format(file=name, reasons=reasons)
                out.print(text(failed, "red"))
    common.report_skipped(found)
    return common.EXIT_FAILED_FILES if report.failed else common.EXIT_OK


def hit_json(hit: TextHit, bulletin: BulletinSummary | None = None) -> dict[str, Any]:
    """One `search-text --json` line; `date` is the bulletin's ISO date, or null."""
    date = bulletin.date if bulletin is not None else None
    return {
        "bulletin_id": hit.bulletin_id,
        "source": hit.source,
        "date": None if date is None else date.isoformat(),
        "title": hit.title,
        "score": round(hit.score, 4),
        "snippet": hit.snippet,
        "snippet_spans": [list(span) for span in hit.snippet_spans],
        "spans": [list(span) for span in hit.spans],
    }


def _highlighted(hit: TextHit) -> Text:
    snippet = text(hit.snippet)
    for start, end in hit.snippet_spans:
        snippet.stylize("bold reverse", start, end)
    return snippet


def cmd_search_text(args: argparse.Namespace) -> int:
    found = common.resolve_paths(args.paths)
    with _open_index(args) as index:
        report = index.update(found.files)
        hits = index.search_text(args.query, limit=max(0, args.limit))
    summaries = {summary.id: summary for summary in report.summaries}
    bounded = bound_query(args.query)
    common.print_notices([*report.notices, *([bounded.notice] if bounded.notice else [])])
    if args.json:
        common.write_jsonl(hit_json(hit, summaries.get(hit.bulletin_id)) for hit in hits)
    else:
        from rich.table import Table

        title = _("{count} hit(s)").format(count=len(hits))
        table = Table(title=title, show_lines=True)
        table.add_column("#", justify="right")
        table.add_column(_("bulletin"))
        table.add_column(_("snippet"), ratio=1)
        for rank, hit in enumerate(hits, 1):
            bulletin = summaries.get(hit.bulletin_id)
            date = bulletin.date if bulletin is not None else None
            estimate = bulletin.date_estimate if bulletin is not None else None
            undated = estimate.label if estimate is not None else _("undated")
            where = text(date.isoformat() if date else undated, "cyan")
            where.append("\n")
            where.append(text(hit.title or hit.bulletin_id, "bold"))
            where.append("\n")
            where.append(text(visible_path(hit.source or ""), "dim"))
            table.add_row(text(rank), where, _highlighted(hit))
        console().print(table)
    common.report_skipped(found)
    return common.EXIT_FAILED_FILES if report.failed else common.EXIT_OK
