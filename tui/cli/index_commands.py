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
from core.index import Index, IndexReport
from core.models import BulletinSummary, TextHit
from core.query_limits import bound_query
from core.runtime import Progress, bounded_workers
from core.visible import visible_path
from tui.cli import common
from tui.cli.common import UsageError, console, json_line, text

if TYPE_CHECKING:
    from rich.text import Text


def add_parsers(sub: Any) -> None:
    """Register `index` and `search-text` on the command's subparsers."""
    p = sub.add_parser("index", help="build or update the index cache for bulletin files")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: seeds)")
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    p.add_argument("--workers", type=int, default=None, help="parser processes (default: cores)")
    common.add_cache_arguments(p)
    p.set_defaults(handler=cmd_index)

    s = sub.add_parser("search-text", help="full-text search over bulletin text (FTS5)")
    s.add_argument(
        "query",
        help='words (ANDed), a OR b, -word, "a phrase", prefix*; accents and case ignored',
    )
    s.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: seeds)")
    s.add_argument("--limit", type=int, default=20, help="most hits to show (default: 20)")
    s.add_argument("--json", action="store_true", help="JSON Lines, one hit per line")
    common.add_cache_arguments(s)
    s.set_defaults(handler=cmd_search_text)


def _open_index(args: argparse.Namespace) -> Index:
    return Index.open(args.cache_dir, use_cache=not args.no_cache)


def _print_notices(notices: list[str]) -> None:
    err = console(stderr=True)
    for notice in notices:
        err.print(text(f"notice: {notice}", "yellow"))


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
            return Text("-- files/s" if speed is None else f"{speed:,.0f} files/s", "cyan")

    columns = (
        TextColumn("parsing"),
        BarColumn(),
        MofNCompleteColumn(),
        FilesPerSecond(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
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
        raise UsageError(f"--workers must be at least 1, not {requested}")
    workers = bounded_workers(requested)
    if workers < requested:
        _print_notices([f"--workers {requested}: only {workers} core(s) here; using {workers}"])
    return workers


def cmd_index(args: argparse.Namespace) -> int:
    found = common.resolve_paths(args.paths)
    workers = _workers(args.workers)
    with _open_index(args) as index:
        report = _update_with_progress(index, found.files, workers, quiet=args.json)
        summary = _summary(report, len(found.skipped), index)
    _print_notices(report.notices)
    if args.json:
        print(json_line(summary))
    else:
        from rich.table import Table

        table = Table(title="index", show_header=False)
        table.add_column("what")
        table.add_column("count", justify="right")
        for name in (
            "files",
            "duplicates",
            "new",
            "changed",
            "unchanged",
            "removed",
            "failed",
            "skipped",
        ):
            table.add_row(name, text(summary[name]))
        rate = summary["files_per_second"]
        table.add_row("files/s", text("-" if rate is None else f"{rate:,.1f}"))
        table.add_row("seconds", text(summary["seconds"]))
        table.add_row("cache", text(summary["cache"] or "(no cache)", "dim"))
        out = console()
        out.print(table)
        for bulletin in report.summaries:
            if bulletin.failed:
                reasons = "; ".join(i.message for i in bulletin.issues if i.severity == "error")
                name = visible_path(bulletin.source or bulletin.id)
                out.print(text(f"failed: {name}: {reasons}", "red"))
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
    _print_notices([*report.notices, *([bounded.notice] if bounded.notice else [])])
    if args.json:
        common.write_jsonl(hit_json(hit, summaries.get(hit.bulletin_id)) for hit in hits)
    else:
        from rich.table import Table

        table = Table(title=f"{len(hits)} hit(s)", show_lines=True)
        table.add_column("#", justify="right")
        table.add_column("bulletin")
        table.add_column("snippet", ratio=1)
        for rank, hit in enumerate(hits, 1):
            bulletin = summaries.get(hit.bulletin_id)
            date = bulletin.date if bulletin is not None else None
            estimate = bulletin.date_estimate if bulletin is not None else None
            undated = estimate.label if estimate is not None else "undated"
            where = text(date.isoformat() if date else undated, "cyan")
            where.append("\n")
            where.append(text(hit.title or hit.bulletin_id, "bold"))
            where.append("\n")
            where.append(text(visible_path(hit.source or ""), "dim"))
            table.add_row(text(rank), where, _highlighted(hit))
        console().print(table)
    common.report_skipped(found)
    return common.EXIT_FAILED_FILES if report.failed else common.EXIT_OK
