"""What every `imss-tui` command shares: exit statuses, usage errors, paths, output helpers.

Bulletin text reaches the terminal only through `visible()` inside rich Text objects, never
as markup. No textual import here: the non-interactive commands start fast.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.discover import Discovery, discover, nothing_found, seeds_dir
from core.i18n import _
from core.stored_messages import localized
from core.visible import visible, visible_path

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

EXIT_OK = 0
EXIT_FAILED_FILES = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A mistake in how the command was called; reported in one line, exit status 2."""


class NoBulletinFiles(Exception):
    """The paths exist but hold no file to read; reported in one line, exit status 1."""


class ArgParser(argparse.ArgumentParser):
    """Raises UsageError instead of exiting, so `run` reports it and returns 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def text(value: object, style: str = "") -> Text:
    """A table cell or line showing `value` literally (no markup, controls made visible)."""
    from rich.text import Text

    return Text("" if value is None else visible(str(value)), style=style)


def resolve_paths(raw: Sequence[str]) -> Discovery:
    found = discover(raw or [seeds_dir()])
    if found.missing:
        names = ", ".join(str(p) for p in found.missing)
        raise UsageError(_("no such file or directory: {paths}").format(paths=names))
    if not found.files:
        raise NoBulletinFiles(nothing_found(raw, found.skipped))
    return found


def report_skipped(found: Discovery) -> None:
    if not found.skipped:
        return
    err = console(stderr=True)
    skipped = _("skipped {count} file(s) on purpose:").format(count=len(found.skipped))
    err.print(text(skipped, "yellow"))
    for path, reason in found.skipped:
        err.print(text(f"  {visible_path(str(path))}: {localized(reason)}", "dim"))


def print_notices(notices: list[str]) -> None:
    """The index's notices (cache rebuilt or bypassed, ...) on stderr, in the user's language."""
    err = console(stderr=True)
    for notice in notices:
        err.print(text(_("notice: {notice}").format(notice=localized(notice)), "yellow"))


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_line(record: object) -> str:
    """One JSON line, UTF-8 safe. A file name's bytes that are not UTF-8 (Python's surrogate
    escapes, PEP 383) are written as `\\udcXX` escapes: printable under any locale, and exact:
    `os.fsencode(json.loads(line)["source"])` gives back the name's bytes."""
    text = json.dumps(record, ensure_ascii=False)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_jsonl(records: Iterable[dict[str, Any]]) -> None:
    for record in records:
        sys.stdout.write(json_line(record) + "\n")
    sys.stdout.flush()


def add_paths_argument(parser: argparse.ArgumentParser) -> None:
    """PATH..., the bulletin files or folders a command reads (the seeds when none)."""
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help=_("files or directories (default: seeds)")
    )


def add_cache_arguments(parser: argparse.ArgumentParser) -> None:
    """--cache-dir / --no-cache, shared by every command that loads a corpus (the app too)."""
    parser.add_argument("--cache-dir", metavar="DIR", help=_("index cache directory"))
    parser.add_argument("--no-cache", action="store_true", help=_("do not read or write the index"))


def cache_options(args: argparse.Namespace) -> dict[str, Any]:
    """The `load_corpus` options that --cache-dir / --no-cache ask for."""
    options: dict[str, Any] = {}
    if args.no_cache:
        options["use_cache"] = False
    if args.cache_dir:
        options["cache_dir"] = Path(args.cache_dir)
    return options
