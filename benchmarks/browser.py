"""`imss-tui serve` driven from outside: the server in its own process group, and Debian's
chromium through Playwright (never `playwright install`), for tests/test_serve.py and
benchmarks/bench_serve.py.

textual-serve's page draws the terminal on a canvas, so no text is in the DOM: an init script
catches the page's xterm.js `Terminal` when textual-serve's script stores it as
`this.terminal`, and the screen is read from its buffer. Everything chromium writes (profile,
caches, crash database) goes under one directory, which also names its processes.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 760}
#: Catches the page's xterm.js Terminal as textual-serve's script assigns `this.terminal`.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true});
    if (value && value.buffer && !window.imssTerminal) window.imssTerminal = value;
  },
});
"""
READ_SCREEN = """() => {
  const term = window.imssTerminal;
  if (!term) return null;
  const rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = term.buffer.active.getLine(term.buffer.active.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows;
}"""
LOCAL = "http://127.0.0.1:"


class Timeout(Exception):
    """Something awaited did not happen in time; the message says what and what was seen."""


def wait_until(
    what: str, check: Callable[[], Any], timeout: float, detail: Callable[[], str] = str
) -> Any:
    """Poll `check` until it returns something true, or raise Timeout naming `what`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise Timeout(f"timed out after {timeout:.0f} s waiting for {what}\n{detail()}")


def browser_missing() -> str | None:
    """Why no browser test can run here, or None."""
    if not CHROMIUM.exists():
        return f"no browser: {CHROMIUM} is missing (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is missing (pip install -e '.[test]')"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def processes() -> list[tuple[int, str]]:
    """(pid, command line) of every live process (Linux /proc)."""
    pids = [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]
    return [(pid, args) for pid in pids if (args := command_line(pid))]


def command_line(pid: int) -> str:
    """The command line of `pid` ("" when it is gone)."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    return args.replace(b"\0", b" ").decode("utf-8", "replace")


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (Linux /proc)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            stat = entry.read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()  # after "(command name)": state, ppid, ...
        if fields[1] == str(pid) and fields[0] != "Z":
            found.append(int(entry.parent.name))
    return found


def rss_mb(pid: int) -> float:
    """Resident memory of `pid` now, in MB (0 when it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    kb = next((line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return int(kb) / 1024


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


class Served:
    """`imss-tui serve ... PATH` on a free port, in its own process group (so it and its
    apps can be ended together), its output in `log`; in English whatever the locale, unless
    `lang` says otherwise. `options`: more `serve` options; `cwd`: where the server (and so
    every visitor's app) runs, the repository unless given."""

    def __init__(
        self,
        path: Path,
        cache: Path,
        log: Path,
        *,
        repo: Path,
        lang: str | None = None,
        options: Sequence[str] = (),
        cwd: Path | None = None,
    ) -> None:
        self.port = free_port()
        self.url = f"{LOCAL}{self.port}/"
        self.cache = cache
        self.log = log
        argv = ["serve", "--port", str(self.port), "--cache-dir", str(cache), *options, str(path)]
        if lang:
            argv[1:1] = ["--lang", lang]
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tui.cli", *argv],
                cwd=cwd or repo,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, "LC_ALL": "C.UTF-8", "COLUMNS": "200"},
            )

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace")

    def answers(self) -> bool:
        """Whether the page is served; raises Timeout at once if the server exited."""
        if self.process.poll() is not None:
            raise Timeout(f"the server exited with {self.process.returncode}:\n{self.output()}")
        try:
            with urllib.request.urlopen(self.url, timeout=5) as response:
                return response.status == 200
        except OSError:
            return False

    def kill(self, timeout: float) -> None:
        """SIGKILL the whole group (the server and every app), whatever state it is in."""
        if group_alive(self.process.pid):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=timeout)


class Visit:
    """A page that reaches this machine only: any other request is recorded in `offsite`
    and aborted, so nothing is sent elsewhere."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.offsite: list[str] = []
        page.route("**/*", self._route)
        page.add_init_script(CATCH_TERMINAL)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.offsite.append(route.request.url)
            route.abort()

    def screen(self) -> str:
        """The terminal's text now, one line per row ("" before the terminal exists)."""
        return "\n".join(self.page.evaluate(READ_SCREEN) or [])

    def wait_for(self, what: str, check: Callable[[str], bool], timeout: float) -> str:
        """The screen once `check(screen)` holds."""

        def shown() -> str | None:
            text = self.screen()
            return text if check(text) else None

        return wait_until(what, shown, timeout, self.screen)


@contextmanager
def chromium(home: Path, stop_timeout: float) -> Iterator[Callable[[], Visit]]:
    """Chromium with a fresh profile in `home`, writing nowhere else; yields a function that
    opens a new page (each page is its own visitor: its own app). On exit it waits until no
    process naming `home` is left."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(home / "profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport=VIEWPORT,
            env={
                **os.environ,
                "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_CACHE_HOME": str(home / "cache"),
            },
        )
        try:
            yield lambda: Visit(context.new_page())
        finally:
            context.close()

    def left() -> list[int]:
        return [pid for pid, args in processes() if str(home) in args]

    wait_until("chromium to exit", lambda: not left(), stop_timeout, lambda: f"left: {left()}")
