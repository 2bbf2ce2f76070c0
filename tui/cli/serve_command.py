"""`imss-tui serve [PATH...] [--host H] [--port P]`: the explorer in a browser (textual-serve).

The server indexes PATHs once before it listens (bulletins, entities and the finder's fuzzy
index go to the cache); then each browser tab runs its own `imss-tui PATH...` process on that
warm cache, so a visitor waits for a launch, not for parsing. textual-serve has no
authentication, so the server binds to localhost unless told otherwise, and warns when told.
The address is tried before indexing: a port in use or an unknown host is a one-line error.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import shlex
import signal
import socket
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.cache_paths import resolve_cache_dir
from core.i18n import _, ngettext
from tui.cli.common import (
    EXIT_OK,
    UsageError,
    console,
    report_skipped,
    resolve_paths,
    text,
)
from tui.cli.index_commands import parsing_progress

if TYPE_CHECKING:
    from textual_serve.server import Server

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: Hosts that mean "every interface of this machine": no browser can reach them by that name.
_WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})


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
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help=_("files or directories (default: seeds)")
    )
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
    p.add_argument("--cache-dir", metavar="DIR", help=_("index cache directory"))
    p.set_defaults(handler=cmd_serve)


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


def listen_addresses(host: str, port: int) -> list[str]:
    """The addresses a server on `host:port` would bind, each tried now (and released), so a
    port in use or a foreign address is reported before minutes of indexing, not after.

    Binds the way asyncio's `create_server` does (SO_REUSEADDR, IPv6 sockets IPv6-only).
    Raises UsageError with the reason.
    """
    where = f"{host}:{port}"
    try:
        infos = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except (socket.gaierror, UnicodeError) as err:
        message = _("--host {host}: not a known host name or address ({reason})")
        raise UsageError(message.format(host=repr(host), reason=err)) from None
    addresses: list[str] = []
    for family, kind, proto, _name, address in infos:
        try:
            sock = socket.socket(family, kind, proto)
        except OSError:
            continue  # a family this machine lacks (IPv6 off): asyncio skips it too
        with sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                sock.bind(address)
            except OSError as err:
                raise UsageError(_bind_error(where, err)) from None
        addresses.append(str(address[0]))
    if not addresses:
        raise UsageError(_("cannot listen on {where}: no usable address").format(where=where))
    return addresses


def _bind_error(where: str, err: OSError) -> str:
    import errno

    reasons = {
        errno.EADDRINUSE: _("the port is in use (another server? try --port)"),
        errno.EADDRNOTAVAIL: _("not an address of this machine"),
        errno.EACCES: _("permission denied (ports below 1024 need privileges)"),
    }
    reason = reasons.get(err.errno or 0, err.strerror or str(err))
    return _("cannot listen on {where}: {reason}").format(where=where, reason=reason)


def exposure_warning(host: str, port: int, addresses: list[str]) -> str | None:
    """What to say when other machines can connect: anything but loopback addresses."""
    if all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        return None
    return _(
        "warning: serving on {host}:{port}, which other machines can reach. There is no "
        "authentication: anyone who reaches it reads these bulletins and runs the explorer as "
        "this user (its export writes files here)."
    ).format(host=host, port=port)


def public_url(host: str, port: int, explicit: str | None = None) -> str:
    """Where browsers find the server; the page's websocket and files are addressed from it."""
    if explicit:
        return explicit.rstrip("/")
    name = socket.gethostname() if host in _WILDCARD_HOSTS else host
    if ":" in name:  # an IPv6 literal goes in brackets in a URL
        name = f"[{name}]"
    return f"http://{name}:{port}"


def visitor_command(paths: list[str], cache_dir: Path) -> str:
    """The shell command each visitor's app runs: the explorer on the same paths and cache the
    server indexed (absolute, so they mean the same files whatever the app's directory).
    `exec` makes the app the server's direct child, so stopping it reaches the app itself."""
    argv = [sys.executable, "-m", "tui.cli", "--cache-dir", str(cache_dir), "--", *paths]
    return "exec " + shlex.join(argv)


def warm_index(paths: list[str], cache_dir: Path) -> str:
    """Index `paths` into `cache_dir` and build the finder's fuzzy index there, so the first
    visitor opens a warm cache; returns a one-line summary."""
    from core.corpus import load_corpus

    started = time.perf_counter()
    with parsing_progress() as progress:
        corpus = load_corpus(paths or None, progress=progress, cache_dir=cache_dir)
    corpus.finder  # noqa: B018 (the property builds the fuzzy index and saves it)
    err = console(stderr=True)
    for notice in corpus.notices:
        err.print(text(_("notice: {notice}").format(notice=notice), "yellow"))
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


#: textual-serve's page asks a web-font service for Roboto Mono, which the package ships too.
_WEB_FONT_LINK = re.compile(r"<link[^>]*\bhref=\"https://fonts\.googleapis\.com/[^>]*>", re.S)
_LOCAL_FONT = """<style>
@font-face {{ font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
  src: url("{static}fonts/RobotoMono-VariableFont_wght.ttf"); }}
@font-face {{ font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
  src: url("{static}fonts/RobotoMono-Italic-VariableFont_wght.ttf"); }}
</style>"""


def self_contained(page: str, static_url: str) -> str:
    """The page with its web font read from the server's own static files: a visitor's
    browser contacts no one else (a newsroom's privacy, an intranet without internet, where
    the page would wait for the font before starting the terminal)."""
    return _WEB_FONT_LINK.sub(lambda _m: _LOCAL_FONT.format(static=static_url), page)


def _server(command: str, host: str, port: int, url: str, banner: str) -> Server:
    """textual-serve's server, announcing itself in our words (its own banner prints the whole
    shell command), stopping on SIGHUP too, serving a page that needs no other site, and
    ending every visitor's app when it stops: left alone, aiohttp would wait for each open
    page up to its shutdown timeout (a minute)."""
    import asyncio

    from textual_serve.server import Server

    class ExplorerServer(Server):
        visitors: set[asyncio.Task[Any]]

        async def on_startup(self, app: Any) -> None:
            self.visitors = set()
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.request_exit)
            self.console.print(text(banner, "bold"))

        async def handle_index(self, request: Any) -> Any:
            response = await super().handle_index(request)
            response.text = self_contained(response.text, f"{self.public_url}/static/")
            return response

        async def handle_websocket(self, request: Any) -> Any:
            task = asyncio.current_task()
            assert task is not None
            self.visitors.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                self.visitors.discard(task)

        async def on_shutdown(self, app: Any) -> None:
            """Cancel each visitor's page: textual-serve then tells its app to quit, waits for
            it to exit and closes the page's connection."""
            for task in self.visitors:
                task.cancel()
            await asyncio.gather(*self.visitors, return_exceptions=True)

    return ExplorerServer(command, host=host, port=port, title="imss-tui", public_url=url)


def cmd_serve(args: argparse.Namespace) -> int:
    import asyncio

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
    server = _server(visitor_command(paths, cache_dir), args.host, args.port, url, banner)
    asyncio.set_event_loop(asyncio.new_event_loop())
    try:
        server.serve()
    except OSError as err:  # the port was taken while indexing
        raise UsageError(_bind_error(f"{args.host}:{args.port}", err)) from None
    return EXIT_OK
