"""`imss-tui timeline PATH... [--by month|year] [--entity NAME] [--dates RANGE] [--json]`.

The counts the app's timeline strip draws (core/timeline.py), as a table or one JSON object.
`--entity` takes an entity id or a name the fuzzy finder ranks first; given twice, a bulletin
must mention both.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from core.filters import BulletinFilter, parse_date_range
from core.i18n import _
from core.models import Entity
from core.timeline import Timeline, count_by
from tui.cli.common import (
    EXIT_FAILED_FILES,
    EXIT_OK,
    UsageError,
    add_cache_arguments,
    add_paths_argument,
    cache_options,
    console,
    json_line,
    report_skipped,
    resolve_paths,
    text,
)

if TYPE_CHECKING:
    from core.corpus import Corpus

#: Width of the longest bar in the table.
BAR_WIDTH = 40


def add_parsers(sub: Any) -> None:
    """Register `timeline` on the command's subparsers."""
    p = sub.add_parser("timeline", help=_("bulletins per month or year"))
    add_paths_argument(p)
    p.add_argument("--by", choices=("month", "year"), default="month", help=_("period (month)"))
    p.add_argument(
        "--entity",
        action="append",
        default=[],
        metavar="NAME",
        help=_("only bulletins mentioning this entity (id or name; repeat: all of them)"),
    )
    p.add_argument("--dates", metavar="RANGE", help="2015, 2024-04, 2015-01..2015-12, 2015..")
    p.add_argument("--json", action="store_true", help=_("print the counts as one JSON object"))
    add_cache_arguments(p)
    p.set_defaults(handler=cmd_timeline)


def find_entity(corpus: Corpus, wanted: str) -> Entity:
    """The entity with id `wanted`, else the finder's best hit for it."""
    exact = corpus.entity(wanted)
    if exact is not None:
        return exact
    hits = corpus.search(wanted, limit=1) if wanted.strip() else []
    if not hits:
        raise UsageError(_("--entity {name}: no entity matches").format(name=repr(wanted)))
    return hits[0].entity


def cmd_timeline(args: argparse.Namespace) -> int:
    from core.corpus import load_corpus

    try:
        dates = parse_date_range(args.dates) if args.dates is not None else None
    except ValueError as err:
        raise UsageError(f"--dates: {err}") from None
    found = resolve_paths(args.paths)
    corpus = load_corpus(found.files, **cache_options(args))
    entities = [find_entity(corpus, name) for name in args.entity]
    spec = BulletinFilter(entities=tuple(e.id for e in entities), dates=dates)
    shown = [corpus.summaries[rank] for rank in corpus.filter_ranks(spec)]
    timeline = count_by(shown, by=args.by)
    if args.json:
        record = timeline.as_json()
        record["entities"] = [{"id": e.id, "name": e.name, "kind": e.kind.value} for e in entities]
        record["dates"] = dates.label if dates is not None else None
        sys.stdout.write(json_line(record) + "\n")
    else:
        console().print(_table(timeline, entities))
    report_skipped(found)
    return EXIT_FAILED_FILES if any(b.failed for b in corpus.summaries) else EXIT_OK


def _table(timeline: Timeline, entities: list[Entity]) -> Any:
    from rich.table import Table

    by_month = timeline.by == "month"
    if entities:
        names = _(" and ").join(e.name for e in entities)
        title = (
            _("Bulletins per month mentioning {names}")
            if by_month
            else _("Bulletins per year mentioning {names}")
        ).format(names=names)
    else:
        title = _("Bulletins per month") if by_month else _("Bulletins per year")
    table = Table(title=text(title), title_justify="left")
    table.add_column(_("month") if by_month else _("year"))
    table.add_column(_("bulletins"), justify="right")
    table.add_column("", no_wrap=True)
    most = max(timeline.counts.values(), default=0)
    for first, last, n in _runs(timeline.counts):
        period = first if first == last else f"{first}…{last}"
        bar = "█" * round(BAR_WIDTH * n / most) if most else ""
        table.add_row(text(period), text(n), text(bar or ("·" if n else ""), "cyan"))
    estimated = ""
    if timeline.estimated:
        estimated = " " + _("({count} with a date estimate)").format(count=timeline.estimated)
    table.add_row(text(_("undated"), "italic"), text(timeline.undated), text(estimated, "dim"))
    return table


def _runs(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """(first, last, count) rows: a run of three or more empty periods is one row."""
    rows: list[tuple[str, str, int]] = []
    periods = list(counts.items())
    i = 0
    while i < len(periods):
        j = i
        while j + 1 < len(periods) and periods[i][1] == 0 and periods[j + 1][1] == 0:
            j += 1
        if j - i >= 2:
            rows.append((periods[i][0], periods[j][0], 0))
            i = j + 1
        else:
            rows.append((periods[i][0], periods[i][0], periods[i][1]))
            i += 1
    return rows
