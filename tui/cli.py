"""`imss-tui`: the explorer, or one of core's subcommands (parse, entities, index, search-text).

Textual is imported only when the app launches, so `imss-tui parse` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

#: Handled by core.cli, without importing textual.
CORE_COMMANDS = frozenset({"parse", "entities", "index", "search-text"})

EXIT_USAGE = 2


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("imss-tui")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="imss-tui",
        description=(
            "Explore IMSS press bulletins: list, reader, entity sidebar and fuzzy finder. "
            "Other commands: imss-tui parse|entities|index|search-text --help"
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="bulletin files or directories (default: the seeds)",
    )
    parser.add_argument("--cache-dir", metavar="DIR", help="index cache directory")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the index")
    parser.add_argument("--version", action="version", version=f"imss-tui {_version()}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point; returns the exit status."""
    args_in = list(sys.argv[1:] if argv is None else argv)
    if args_in and args_in[0] in CORE_COMMANDS:
        from core.cli import run

        return run(args_in)
    parser = build_parser()
    try:
        args = parser.parse_args(args_in)
    except SystemExit as exit_:  # --help, --version, usage errors: argparse already printed
        return int(exit_.code or 0)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        names = ", ".join(missing)
        parser.print_usage(sys.stderr)
        print(f"imss-tui: error: no such file or directory: {names}", file=sys.stderr)
        return EXIT_USAGE
    options: dict[str, object] = {}
    if args.no_cache:
        options["use_cache"] = False
    if args.cache_dir:
        options["cache_dir"] = Path(args.cache_dir)

    from tui.app import make_app

    make_app(args.paths or None, **options).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
