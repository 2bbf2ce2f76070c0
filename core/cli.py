"""The non-interactive commands: `imss-tui parse|entities ...`. No textual import here.

Output contract: a rich table for people, JSON Lines (`--json`) for programs. Exit status 0
when every file parsed, 1 when some file had an error (its line is still printed), 2 for usage
errors such as a path that does not exist. Bulletin text reaches the terminal only through
`visible()` inside rich Text objects, never as markup.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from core.discover import Discovery, discover, seeds_dir
from core.models import Bulletin, BulletinEntity, EntityKind
from core.visible import visible, visible_path

EXIT_OK = 0
EXIT_FAILED_FILES = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A mistake in how the command was called; reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _console(stderr: bool = False):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _text(value: object, style: str = "") -> Any:
    from rich.text import Text

    return Text("" if value is None else visible(str(value)), style=style)


def _resolve_paths(raw: Sequence[str]) -> Discovery:
    found = discover(raw or [seeds_dir()])
    if found.missing:
        names = ", ".join(str(p) for p in found.missing)
        raise UsageError(f"no such file or directory: {names}")
    return found


def _report_skipped(found: Discovery) -> None:
    if not found.skipped:
        return
    console = _console(stderr=True)
    console.print(_text(f"skipped {len(found.skipped)} file(s) on purpose:", "yellow"))
    for path, reason in found.skipped:
        console.print(_text(f"  {visible_path(str(path))}: {reason}", "dim"))


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


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_line(record: object) -> str:
    """One JSON line, UTF-8 safe. A file name's bytes that are not UTF-8 (Python's surrogate
    escapes, PEP 383) are written as `\\udcXX` escapes: printable under any locale, and exact:
    `os.fsencode(json.loads(line)["source"])` gives back the name's bytes."""
    text = json.dumps(record, ensure_ascii=False)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _write_jsonl(records: Iterable[dict[str, Any]]) -> None:
    for record in records:
        sys.stdout.write(json_line(record) + "\n")
    sys.stdout.flush()


def _issues_cell(bulletin: Bulletin) -> Any:
    from rich.text import Text

    cell = Text()
    for issue in bulletin.issues:
        style = "bold red" if issue.severity == "error" else "yellow"
        if cell:
            cell.append("\n")
        cell.append(visible(f"{issue.code}: {issue.message}"), style=style)
    return cell


def _date_cell(bulletin: Bulletin) -> Any:
    """The date; for an undated bulletin its estimate ("≈2012-12…2014-09"), never as a date."""
    if bulletin.date is not None:
        return _text(bulletin.date.isoformat())
    if bulletin.date_estimate is not None:
        return _text(bulletin.date_estimate.label, "italic")
    return _text("undated", "dim")


def _parse_table(bulletins: list[Bulletin]) -> Any:
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
            _text(visible_path(Path(b.source).name) if b.source else "-"),
            _date_cell(b),
            _text(b.number or "-"),
            _text(b.place or "-"),
            _text(b.title or "-", "bold"),
            _issues_cell(b),
        )
    return table


def cmd_parse(args: argparse.Namespace) -> int:
    """Parse each file and print one table row or one JSON line per file."""
    from core.parse import parse_file

    found = _resolve_paths(args.paths)
    bulletins = [parse_file(path) for path in found.files]
    if args.json:
        _write_jsonl(bulletin_json(b) for b in bulletins)
    else:
        _console().print(_parse_table(bulletins))
    _report_skipped(found)
    return EXIT_FAILED_FILES if any(b.failed for b in bulletins) else EXIT_OK


def cmd_entities(args: argparse.Namespace) -> int:
    """The corpus' resolved entities, most mentioned first, optionally of one kind."""
    from core.corpus import load_corpus

    found = _resolve_paths(args.paths)
    corpus = load_corpus(found.files, **_cache_options(args))
    entities = [e for e in corpus.entities if args.kind is None or e.kind == args.kind]
    entities.sort(key=lambda e: (-len(e.bulletin_ids), -e.mention_count, e.name))
    if args.json:
        _write_jsonl(e.model_dump(mode="json") for e in entities)
    else:
        from rich.table import Table

        table = Table(title=f"Entities in {len(corpus.summaries)} bulletins", expand=True)
        for column in ("kind", "name", "roles", "aliases", "bulletins", "mentions"):
            table.add_column(
                column, justify="right" if column in ("bulletins", "mentions") else "left"
            )
        for e in entities:
            table.add_row(
                _text(e.kind.value),
                _text(e.name, "bold"),
                _text("; ".join(r.role for r in e.roles)),
                _text(", ".join(e.aliases), "dim"),
                _text(len(e.bulletin_ids)),
                _text(e.mention_count),
            )
        _console().print(table)
    _report_skipped(found)
    return EXIT_FAILED_FILES if any(b.failed for b in corpus.summaries) else EXIT_OK


def _cache_options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if getattr(args, "no_cache", False):
        options["use_cache"] = False
    if getattr(args, "cache_dir", None):
        options["cache_dir"] = Path(args.cache_dir)
    return options


def add_cache_arguments(parser: argparse.ArgumentParser) -> None:
    """--cache-dir / --no-cache, shared by every command that loads a corpus."""
    parser.add_argument("--cache-dir", metavar="DIR", help="index cache directory")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the index")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for the non-UI subcommands."""
    parser = _Parser(prog="imss-tui", description="Parse and search IMSS press bulletins.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

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

    _add_extra_commands(sub)
    return parser


def _add_extra_commands(sub: Any) -> None:
    """Commands that live in their own modules (index, search-text) hook in here."""
    try:
        from core import cli_index
    except ImportError:
        return
    cli_index.add_index_parsers(sub)


COMMANDS = ("parse", "entities", "index", "search-text")


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP (a closed terminal): shut down like Ctrl-C, workers included."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    raise Terminated(signum)


@contextmanager
def _signals_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP raise `Terminated` in the main thread while a command runs."""
    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        try:
            previous[signum] = signal.signal(signum, _terminate)
        except ValueError:  # not the main thread: leave signals alone
            break
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _usage_hint(message: str, argv: Sequence[str]) -> str:
    """argparse reads `-IMSS` as an unknown option; say how to search for it."""
    dashed = [a for a in argv[1:] if a[:1] == "-" and a[:2] != "--" and a not in ("-", "-h")]
    if argv[:1] == ["search-text"] and "--" not in argv and dashed:
        return f'{message} (a query starting with "-" needs "--" first: search-text -- {dashed[0]})'
    return message


def run(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; returns the exit status instead of exiting (tests call this)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        handler: Handler = args.handler
        with _signals_as_interrupt():
            return handler(args)
    except UsageError as err:
        message = _usage_hint(str(err), argv)
        _console(stderr=True).print(_text(f"imss-tui: error: {message}", "bold red"))
        return EXIT_USAGE
    except BrokenPipeError:
        sys.stderr.close()  # `imss-tui parse --json | head`: the reader left; not an error
        return EXIT_OK
    except KeyboardInterrupt as err:
        return 128 + getattr(err, "signum", signal.SIGINT)


def main() -> None:
    """Entry point for `python -m core.cli`."""
    raise SystemExit(run())


if __name__ == "__main__":
    # Run through the package module, not __main__, so exception classes are the same objects
    # that core.cli_index raises.
    from core.cli import main as package_main

    package_main()
