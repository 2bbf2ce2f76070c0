"""`imss-tui serve [PATH...] [--host H] [--port P]`: the explorer in a browser (textual-serve).

The server indexes PATHs once before it listens (bulletins, entities and the finder's fuzzy
index go to the cache); then each browser tab runs its own `imss-tui PATH...` process on that
warm cache, so a visitor waits for a launch, not for parsing. textual-serve has no
authentication, so the server binds to localhost unless told otherwise, and warns when told.
The address is tried before indexing: a port in use or an unknown host is a one-line error.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
from pathlib import Path
from typing import Any

from core.cache_paths import resolve_cache_dir
from core.i18n import _, ngettext
from tui.cli.common import (
    EXIT_OK,
    UsageError,
    add_paths_argument,
    console,
    print_notices,
    report_skipped,
    resolve_paths,
    text,
)
from tui.cli.index_commands import parsing_progress
from tui.cli.language import child_arguments
from tui.cli.listen import bind_error, exposure_warning, listen_addresses, public_url

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: Apps running at once unless --max-visitors says otherwise: each is a process holding the
#: corpus, and the machine serving may be a laptop.
DEFAULT_MAX_VISITORS = 8


def add_parsers(sub: Any) -> None:
    """Register `serve` on the command's subparsers."""
    p = sub.add_parser(
        "serve",
        help=_("serve the explorer to web browsers (textual-serve)"),
        description=_(
            "Index PATHs once, then serve the explorer over HTTP: every browser tab gets its own "
            "app on the same cached index. There is no authentication: keep the default host "
            "(localhost) unless everyone who can reach the address may read these bulletins. "
            "Ctrl+C stops the server and every visitor's app."
        ),
    )
    add_paths_argument(p)
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=_("address to listen on (default: {host}, this machine only)").format(
            host=DEFAULT_HOST
        ),
    )
    p.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=_("TCP port (default: {port})").format(port=DEFAULT_PORT),
    )
    p.add_argument(
        "--public-url",
        metavar="URL",
        help=_(
            "the address browsers use when it is not http://HOST:PORT (a proxy, --host 0.0.0.0)"
        ),
    )
    p.add_argument(
        "--max-visitors",
        metavar="N",
        type=_visitors,
        default=DEFAULT_MAX_VISITORS,
        help=_(
            "run at most N apps at once (default: {count}); more visitors get a page saying "
            "the explorer is full"
        ).format(count=DEFAULT_MAX_VISITORS),
    )
    p.add_argument("--cache-dir", metavar="DIR", help=_("index cache directory"))
    p.set_defaults(handler=cmd_serve)


def _visitors(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(
            _("not a number of visitors (1 or more): {value}").format(value=repr(value))
        )
    return count


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a port number: {value}").format(value=repr(value))
        ) from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            _("a port is between 1 and 65535, not {port}").format(port=port)
        )
    return port


def visitor_command(paths: list[str], cache_dir: Path) -> str:
    """The shell command each visitor's app runs: the explorer on the same paths and cache the
    server indexed (absolute, so they mean the same files whatever the app's directory), in
    the server's language, remembering a visitor's theme or list width for that tab only (the
    server user's state.json is not the visitors' to write). `exec` makes the app the
    server's direct child, so stopping it reaches the app itself."""
    options = [*child_arguments(), "--cache-dir", str(cache_dir), "--no-remember"]
    argv = [sys.executable, "-m", "tui.cli", *options, "--", *paths]
    return "exec " + shlex.join(argv)


def warm_index(paths: list[str], cache_dir: Path) -> str:
    """Index `paths` into `cache_dir` and build the finder's fuzzy index there, so the first
    visitor opens a warm cache; returns a one-line summary."""
    from core.corpus import load_corpus

    started = time.perf_counter()
    with parsing_progress() as progress:
        corpus = load_corpus(paths or None, progress=progress, cache_dir=cache_dir)
    corpus.finder  # noqa: B018 (the property builds the fuzzy index and saves it)
    print_notices(corpus.notices)
    bulletins, failed = len(corpus.summaries), sum(1 for b in corpus.summaries if b.failed)
    summary = ngettext(
        "{bulletins} bulletin and {entities} entities indexed in {seconds} s",
        "{bulletins} bulletins and {entities} entities indexed in {seconds} s",
        bulletins,
    ).format(
        bulletins=bulletins,
        entities=len(corpus.entities),
        seconds=f"{time.perf_counter() - started:.1f}",
    )
    if failed:
        note = ngettext(
            "{failed} file failed: the list shows why",
            "{failed} files failed: the list shows why",
            failed,
        )
        summary += f" ({note.format(failed=failed)})"
    return summary


def cmd_serve(args: argparse.Namespace) -> int:
    found = resolve_paths(args.paths)  # a missing path or no bulletin: say so, as `parse` does
    addresses = listen_addresses(args.host, args.port)
    url = public_url(args.host, args.port, args.public_url)
    out = console()
    warning = exposure_warning(args.host, args.port, addresses)
    if warning:
        console(stderr=True).print(text(warning, "bold yellow"))
    paths = [os.path.abspath(p) for p in args.paths]
    cache_dir = resolve_cache_dir(args.cache_dir).absolute()
    out.print(text(warm_index(paths, cache_dir)))
    report_skipped(found)
    banner = _("Serving the explorer at {url} (one app per browser tab; Ctrl+C stops)").format(
        url=url
    )
    banner += " " + ngettext(
        "At most {count} visitor at once.", "At most {count} visitors at once.", args.max_visitors
    ).format(count=args.max_visitors)
    from tui.web_server import ExplorerServer

    command = visitor_command(paths, cache_dir)
    server = ExplorerServer(
        command,
        host=args.host,
        port=args.port,
        public_url=url,
        banner=banner,
        max_visitors=args.max_visitors,
    )
    try:
        server.serve()
    except OSError as err:  # the port was taken while indexing
        raise UsageError(bind_error(f"{args.host}:{args.port}", err)) from None
    return EXIT_OK
