"""`imss-tui`: the explorer, or one of the non-interactive commands.

`imss-tui [PATH...]` opens the app; `imss-tui parse|entities|index|search-text|timeline ...` print
tables or JSON Lines; `imss-tui serve` serves the explorer to browsers. Textual is imported
only when the app launches, so the commands start fast. The language is chosen first
(tui/cli/language.py), so every parser, message and the app speak it; JSON keys and values are
the same in every language. Exit status: 0 when every file parsed, 1 when some file had an
error (its row or line is still printed) or no file was found, 2 for usage errors such as a
path that does not exist (or, for `serve`, a port in use).
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from core.i18n import _, set_language
from tui.cli import (
    export_commands,
    index_commands,
    parse_commands,
    serve_command,
    timeline_command,
)
from tui.cli.common import (
    EXIT_FAILED_FILES,
    EXIT_OK,
    EXIT_USAGE,
    ArgParser,
    NoBulletinFiles,
    UsageError,
    add_cache_arguments,
    cache_options,
    console,
    text,
)
from tui.cli.language import (
    add_language_argument,
    choose_language,
    command_name,
    route_argparse_messages,
)

Handler = Callable[[argparse.Namespace], int]

#: The non-interactive commands; anything else is the explorer's arguments.
COMMANDS = frozenset(
    {"parse", "entities", "index", "search-text", "quotes", "export", "timeline", "serve"}
)
#: How often `--watch` looks at the folders (one stat per file, in a worker thread).
WATCH_INTERVAL_S = 2.0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("imss-tui")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The explorer's arguments: paths, the cache options and the language."""
    route_argparse_messages()
    parser = argparse.ArgumentParser(
        prog="imss-tui",
        description=_(
            "Explore IMSS press bulletins: list, reader, entity sidebar and fuzzy finder. "
            "Other commands: imss-tui {commands} --help"
        ).format(commands="parse|entities|index|search-text|quotes|export|timeline|serve"),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=_("bulletin files or directories (default: the seeds)"),
    )
    parser.add_argument(
        "--watch",
        metavar="DIR",
        action="append",
        default=[],
        help=_("open DIR too and add its new or changed files while the app runs (repeatable)"),
    )
    add_cache_arguments(parser)
    parser.add_argument(
        "--no-remember",
        action="store_true",
        help=_(
            "keep theme and list width changes for this session only, never writing state.json "
            "(what `imss-tui serve` gives each visitor)"
        ),
    )
    add_language_argument(parser)
    parser.add_argument(
        "--version",
        action="version",
        version=f"imss-tui {_version()}",
        help=_("show program's version number and exit"),
    )
    return parser


def build_command_parser() -> ArgParser:
    """The parser of the non-interactive commands."""
    route_argparse_messages()
    parser = ArgParser(prog="imss-tui", description=_("Parse and search IMSS press bulletins."))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=ArgParser)
    parse_commands.add_parsers(sub)
    index_commands.add_parsers(sub)
    export_commands.add_parsers(sub)
    timeline_command.add_parsers(sub)
    serve_command.add_parsers(sub)
    add_language_argument(parser)
    for command in sub.choices.values():
        add_language_argument(command, top=False)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP (a closed terminal): shut down like Ctrl-C, workers included."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP raise `Terminated` in the main thread while a command runs.

    Python drops an exception raised where it cannot propagate (a finalizer, an at-fork
    hook): a signal handled there is remembered and raised when the command returns, so a
    stopped command never ends with exit 0.
    """
    received: list[int] = []

    def terminate(signum: int, frame: object) -> None:
        received.append(signum)
        raise Terminated(signum)

    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        try:
            previous[signum] = signal.signal(signum, terminate)
        except ValueError:  # not the main thread: leave signals alone
            break
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if received:  # reached only when the command returned: its Terminated was dropped
        raise Terminated(received[0])


def _usage_hint(message: str, argv: Sequence[str]) -> str:
    """argparse reads `-IMSS` as an unknown option; say how to search for it."""
    dashed = [a for a in argv[1:] if a[:1] == "-" and a[:2] != "--" and a not in ("-", "-h")]
    if argv[:1] == ["search-text"] and "--" not in argv and dashed:
        hint = _('a query starting with "-" needs "--" first: {example}')
        return f"{message} ({hint.format(example='search-text -- ' + dashed[0])})"
    return message


def error_line(message: str) -> str:
    """ "imss-tui: error: MESSAGE", in argparse's words (so in the same language)."""
    return _("%(prog)s: error: %(message)s\n") % {"prog": "imss-tui", "message": message}


def run(argv: Sequence[str]) -> int:
    """Run one non-interactive command; returns the exit status (tests call this)."""
    argv = list(argv)
    try:
        args = build_command_parser().parse_args(argv)
        handler: Handler = args.handler
        with _signals_as_interrupt():
            return handler(args)
    except UsageError as err:
        message = _usage_hint(str(err), argv)
        console(stderr=True).print(text(error_line(message).rstrip("\n"), "bold red"))
        return EXIT_USAGE
    except NoBulletinFiles as err:
        console(stderr=True).print(text(f"imss-tui: {err}", "bold red"))
        return EXIT_FAILED_FILES
    except BrokenPipeError:
        sys.stderr.close()  # `imss-tui parse --json | head`: the reader left; not an error
        return EXIT_OK
    except KeyboardInterrupt as err:
        return 128 + getattr(err, "signum", signal.SIGINT)


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point; returns the exit status. The language chosen here holds
    until the end; then the locale's is back (tests call main in one process)."""
    args_in, problems = choose_language(sys.argv[1:] if argv is None else argv)
    try:
        if command_name(args_in) in COMMANDS:
            for problem in problems:  # the app shows config problems itself
                console(stderr=True).print(text(problem, "yellow"))
            return run(args_in)
        return _explore(args_in)
    finally:
        set_language(None)


def _explore(args_in: list[str]) -> int:
    """Open the explorer on the paths in `args_in` (after the usage checks)."""
    parser = build_parser()
    try:
        args = parser.parse_args(args_in)
    except SystemExit as exit_:  # --help, --version, usage errors: argparse already printed
        return int(exit_.code or 0)
    missing = [p for p in [*args.paths, *args.watch] if not Path(p).exists()]
    if missing:
        names = ", ".join(missing)
        parser.print_usage(sys.stderr)
        message = _("no such file or directory: {paths}").format(paths=names)
        print(error_line(message), end="", file=sys.stderr)
        return EXIT_USAGE

    from tui.app import make_app

    paths = [*args.paths, *args.watch] or None
    watch = {"watch_interval": WATCH_INTERVAL_S} if args.watch else {}
    remember = {"remember": False} if args.no_remember else {}
    make_app(paths, **watch, **remember, **cache_options(args)).run()
    return EXIT_OK
