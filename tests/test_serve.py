"""`imss-tui serve`: the explorer in a real headless Chromium, and the server's error paths.

The browser test reads the screen from xterm.js's own buffer (the page draws on a canvas, so
there is no text in the DOM): an init script catches the page's `Terminal` object when
textual-serve's script stores it. Set IMSS_TUI_SCREENSHOT=docs/serve.png to save the README's
screenshot. Needs Debian's chromium and the playwright package (never `playwright install`).
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import REPO, SEEDS

from tui.cli import build_parser
from tui.cli.listen import exposure_warning, public_url
from tui.cli.serve_command import visitor_command
from tui.web_server import self_contained

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
#: Generous: the machine is shared and the server indexes before it listens.
SERVER_START_S = 180.0
SCREEN_WAIT_S = 90.0
STOP_WAIT_S = 30.0
#: A page closes within this of SIGTERM (well under a second when idle; aiohttp would take 20 s+).
PROMPT_CLOSE_S = 10.0


def english_env() -> dict[str, str]:
    """This environment in English whatever the machine's locale (the tests read messages)."""
    return {**os.environ, "LC_ALL": "C.UTF-8"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def processes() -> list[tuple[int, str]]:
    """(pid, command line) of every live process (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                args = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue  # gone meanwhile
            found.append((int(entry.name), args.decode("utf-8", "replace")))
    return found


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


def wait_until(
    what: str, check: Callable[[], Any], timeout: float, detail: Callable[[], str]
) -> Any:
    """Poll `check` until it returns something true; fail naming `what` and `detail()`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}\n{detail()}")


class Served:
    """`imss-tui serve` in its own process group, so teardown can end it and its apps."""

    def __init__(self, tmp_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.cache = tmp_path / "cache"
        self.log = tmp_path / "serve.log"
        argv = ["serve", "--port", str(self.port), "--cache-dir", str(self.cache), str(SEEDS)]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tui.cli", *argv],
                cwd=REPO,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**english_env(), "COLUMNS": "200"},
            )

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace")

    def answers(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"the server exited with {self.process.returncode}:\n{self.output()}")
        try:
            with urllib.request.urlopen(self.url, timeout=5) as response:
                return response.status == 200
        except OSError:
            return False

    def kill(self) -> None:
        if group_alive(self.process.pid):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=STOP_WAIT_S)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served(tmp_path)
    try:
        wait_until("the server to answer", server.answers, SERVER_START_S, server.output)
        yield server
    finally:
        server.kill()


class Browser:
    """A page in a fresh Chromium profile that reaches this machine only: any other request
    is recorded in `offsite` and aborted, so the test sends no traffic elsewhere."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.offsite: list[str] = []
        page.route("**/*", self._route)
        page.add_init_script(CATCH_TERMINAL)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            self.offsite.append(route.request.url)
            route.abort()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    """Chromium with everything it writes under one temp dir (profile, and through
    XDG_CONFIG_HOME and XDG_CACHE_HOME its crash database and caches), which also tells its
    processes apart: teardown waits until none is left."""
    if not CHROMIUM.exists():
        pytest.skip(f"no browser: {CHROMIUM} is missing (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is missing (pip install -e '.[test]')"
    )
    home = tmp_path / "browser"
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(home / "profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 760},
            env={
                **os.environ,
                "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_CACHE_HOME": str(home / "cache"),
            },
        )
        try:
            yield Browser(context.new_page())
        finally:
            context.close()
    left = lambda: [pid for pid, args in processes() if str(home) in args]  # noqa: E731
    wait_until("chromium to exit", lambda: not left(), STOP_WAIT_S, lambda: f"left: {left()}")


def screen(page: Any) -> list[str]:
    return page.evaluate(READ_SCREEN) or []


def wait_for_screen(page: Any, what: str, check: Callable[[str], bool]) -> str:
    def shown() -> str | None:
        text = "\n".join(screen(page))
        return text if check(text) else None

    return wait_until(what, shown, SCREEN_WAIT_S, lambda: "\n".join(screen(page)))


def test_a_browser_lists_the_seeds_and_finds_zoe_robledo(
    browser: Browser, served: Served, _isolated_cache: Path
) -> None:
    # Indexed before it listened: the first visitor opens a warm cache, fuzzy index included.
    assert (served.cache / "index.sqlite3").is_file()
    assert list(served.cache.glob("finder-*.marshal"))
    page = browser.page
    page.goto(served.url, wait_until="domcontentloaded")
    listed = wait_for_screen(
        page,
        "the bulletin list",
        lambda text: "5 / 5" in text and "Supervisan IMSS" in text,
    )
    assert "Bulletins" in listed and "2024-05-30" in listed
    assert "Zoé Robledo" not in listed  # the first bulletin is Chiapas, 2012-2014
    # The visitor's app opened the server's cache, not the environment's (IMSS_TUI_CACHE).
    assert not any(_isolated_cache.iterdir())
    # The page needs no other site: its font comes from the server.
    assert browser.offsite == []
    loaded = "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    assert any("Roboto Mono" in family for family in page.evaluate(loaded))

    page.focus(".xterm-helper-textarea")  # the terminal's keyboard input
    page.keyboard.press("/")
    wait_for_screen(page, "the finder", lambda text: "Find an official" in text)
    page.keyboard.type("zoe")
    # The input shows "zoe" before the search for it answers: wait for its count, one match.
    found = wait_for_screen(
        page,
        "one match for zoe",
        lambda text: bool(re.search(r"\bzoe\s+1/\d+\b", text)) and "Zoé Robledo" in text,
    )
    row = next(line for line in found.splitlines() if "Zoé Robledo" in line)
    assert re.search(r"official\s+Zoé Robledo\b.*\b2 bulletins", row), row  # accents folded
    if target := os.environ.get("IMSS_TUI_SCREENSHOT"):
        page.screenshot(path=str(REPO / target))

    page.keyboard.press("Enter")  # filter the list to his bulletins
    filtered = wait_for_screen(page, "the list filtered to Zoé Robledo", lambda t: "2 / 5" in t)
    assert "Find an official" not in filtered and "Zoé Robledo" in filtered

    # Ctrl+C (SIGINT) stops the server and every visitor's app, and the page says so.
    os.killpg(served.process.pid, signal.SIGINT)
    assert served.process.wait(timeout=STOP_WAIT_S) == 0, served.output()
    wait_until("the apps to exit", lambda: not group_alive(served.process.pid), STOP_WAIT_S, str)
    page.wait_for_selector("body.-closed", timeout=STOP_WAIT_S * 1000)


def test_sigterm_to_the_server_alone_ends_every_visitors_app(served: Served) -> None:
    """`kill PID` (a service manager's stop) reaches only the server, not its apps: it must
    tell each app to quit and close each page, promptly (aiohttp alone would wait a minute)."""
    import asyncio

    import aiohttp

    async def visit_then_stop() -> float:
        async with aiohttp.ClientSession() as session:
            url = served.url.replace("http:", "ws:") + "ws?width=100&height=30"
            async with session.ws_connect(url) as page:
                message = await page.receive(SCREEN_WAIT_S)
                while message.type != aiohttp.WSMsgType.BINARY:  # the app's first screen
                    assert message.type == aiohttp.WSMsgType.TEXT, message
                    message = await page.receive(SCREEN_WAIT_S)
                assert len(children(served.process.pid)) == 1  # this page's app
                os.kill(served.process.pid, signal.SIGTERM)
                stopping = time.monotonic()
                async for _message in page:
                    pass  # until the server closes the page
                return time.monotonic() - stopping

    closed_after = asyncio.run(visit_then_stop())
    assert closed_after < PROMPT_CLOSE_S  # measured: 0.06 s; without the server's care, 22 s
    assert served.process.wait(timeout=STOP_WAIT_S) == 0, served.output()
    wait_until("the app to exit", lambda: not group_alive(served.process.pid), STOP_WAIT_S, str)


def serve_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`imss-tui serve ARGS` in a subprocess, bounded: a bug that serves fails, not hangs."""
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "serve", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env=english_env(),
    )


def test_a_port_in_use_is_one_line_and_exit_2_before_indexing(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = serve_cli("--port", str(port), "--cache-dir", str(tmp_path / "cache"))
    assert done.returncode == 2
    assert f"127.0.0.1:{port}" in done.stderr and "in use" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not (tmp_path / "cache").exists()  # nothing was indexed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "no-such-host.invalid"], "not a known host"),
        (["--host", "192.0.2.1"], "not an address of this machine"),  # TEST-NET-1
        (["--port", "0"], "between 1 and 65535"),
        (["--port", "http"], "not a port number"),
        (["no/such/folder"], "no such file or directory"),
    ],
)
def test_bad_addresses_and_paths_are_usage_errors(args: list[str], message: str) -> None:
    done = serve_cli(*args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr


def test_only_loopback_addresses_go_without_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # the message in English
    assert exposure_warning("127.0.0.1", 8000, ["127.0.0.1"]) is None
    assert exposure_warning("localhost", 8000, ["127.0.0.1", "::1"]) is None
    for host, addresses in [("0.0.0.0", ["0.0.0.0"]), ("::", ["::"]), ("lan", ["192.0.2.7"])]:
        warning = exposure_warning(host, 8000, addresses)
        assert warning is not None and "no authentication" in warning and host in warning


def test_public_url_is_one_a_browser_can_open() -> None:
    assert public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert public_url("::1", 8001) == "http://[::1]:8001"
    assert public_url("0.0.0.0", 80) == f"http://{socket.gethostname()}:80"
    assert public_url("0.0.0.0", 80, "https://imss.example/explorer/") == (
        "https://imss.example/explorer"
    )


def test_each_visitor_opens_the_same_paths_and_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    odd = [str(tmp_path / "boletines 2024"), str(tmp_path / "-dash.txt")]
    command = visitor_command(odd, tmp_path / "my cache")
    argv = shlex.split(command)
    assert argv[:4] == ["exec", sys.executable, "-m", "tui.cli"]
    args = build_parser().parse_args(argv[4:])
    assert args.paths == odd and args.cache_dir == str(tmp_path / "my cache")
    assert args.lang == "en"  # the server's language, whatever the visitor's process would pick


def test_visitors_speak_the_servers_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "es_MX.UTF-8")
    args = build_parser().parse_args(shlex.split(visitor_command([], Path("/c")))[4:])
    assert args.lang == "es" and args.paths == []


def test_the_page_reads_its_font_from_the_server() -> None:
    import textual_serve

    template = Path(textual_serve.__file__).with_name("templates") / "app_index.html"
    page = self_contained(template.read_text("utf-8"), "http://127.0.0.1:8000/static/")
    assert "googleapis" not in page and "https://" not in page
    assert 'src: url("http://127.0.0.1:8000/static/fonts/RobotoMono-VariableFont_wght.ttf")' in page
    shipped = Path(textual_serve.__file__).with_name("static") / "fonts"
    assert (shipped / "RobotoMono-VariableFont_wght.ttf").is_file()
    assert (shipped / "RobotoMono-Italic-VariableFont_wght.ttf").is_file()
