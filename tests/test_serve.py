"""`imss-tui serve`: the explorer in a real headless Chromium, and the server's error paths.

The browser test reads the screen from xterm.js's own buffer (benchmarks/browser.py says how).
Set IMSS_TUI_SCREENSHOT=docs/serve.png to save the README's screenshot. Needs Debian's chromium
and the playwright package (never `playwright install`); skipped, with the reason, without.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import REPO, SEEDS, loaded

from benchmarks import browser as web
from core.i18n import set_language
from tui.app import ImssApp
from tui.cli import build_parser
from tui.cli.listen import exposure_warning, public_url
from tui.cli.serve_command import visitor_command
from tui.screens.main import LIST_WIDTH_STEP
from tui.settings import state_path
from tui.web_server import self_contained

#: Generous: the machine is shared and the server indexes before it listens.
SERVER_START_S = 180.0
SCREEN_WAIT_S = 90.0
STOP_WAIT_S = 30.0
#: A page closes within this of SIGTERM (well under a second when idle; aiohttp would take 20 s+).
PROMPT_CLOSE_S = 10.0


@pytest.fixture(autouse=True)
def _language_from_the_locale() -> Iterator[None]:
    """Whatever another test chose with --lang, these read the locale they set."""
    set_language(None)
    yield
    set_language(None)


def waited(
    what: str, check: Callable[[], Any], timeout: float, detail: Callable[[], str] = str
) -> Any:
    """`web.wait_until`, failing the test (not erroring) on a timeout."""
    try:
        return web.wait_until(what, check, timeout, detail)
    except web.Timeout as err:
        pytest.fail(str(err))


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., web.Served]]:
    """Starts the server on the seeds (`lang=`: serve --lang; `options=`, `cwd=`: see
    web.Served); teardown ends it and its apps, whatever happened."""
    started: list[web.Served] = []

    def start(lang: str | None = None, **more: Any) -> web.Served:
        log = tmp_path / f"serve-{len(started)}.log"
        server = web.Served(SEEDS, tmp_path / "cache", log, repo=REPO, lang=lang, **more)
        started.append(server)
        waited("the server to answer", server.answers, SERVER_START_S, server.output)
        return server

    try:
        yield start
    finally:
        for server in started:
            server.kill(STOP_WAIT_S)


@pytest.fixture
def served(serve: Callable[..., web.Served]) -> web.Served:
    """The server on the seeds, in English."""
    return serve()


@pytest.fixture
def open_page(tmp_path: Path) -> Iterator[Callable[[], web.Visit]]:
    """Opens pages in a fresh Chromium; teardown waits until none of its processes is left."""
    if reason := web.browser_missing():
        pytest.skip(reason)
    try:
        with web.chromium(tmp_path / "browser", STOP_WAIT_S) as open_:
            yield open_
    except web.Timeout as err:
        pytest.fail(str(err))


def on_screen(visit: web.Visit, what: str, check: Callable[[str], bool]) -> str:
    try:
        return visit.wait_for(what, check, SCREEN_WAIT_S)
    except web.Timeout as err:
        pytest.fail(str(err))


def test_a_browser_lists_the_seeds_and_finds_zoe_robledo(
    open_page: Callable[[], web.Visit], served: web.Served, _isolated_cache: Path
) -> None:
    # Indexed before it listened: the first visitor opens a warm cache, fuzzy index included.
    assert (served.cache / "index.sqlite3").is_file()
    assert list(served.cache.glob("finder-*.marshal"))
    visit = open_page()
    page = visit.page
    page.goto(served.url, wait_until="domcontentloaded")
    listed = on_screen(
        visit, "the bulletin list", lambda text: "5 / 5" in text and "Supervisan IMSS" in text
    )
    assert "Bulletins" in listed and "2024-05-30" in listed
    assert "Zoé Robledo" not in listed  # the first bulletin is Chiapas, 2012-2014
    # The visitor's app opened the server's cache, not the environment's (IMSS_TUI_CACHE).
    assert not any(_isolated_cache.iterdir())
    # The page needs no other site: its font comes from the server.
    assert visit.offsite == []
    loaded = "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    assert any("Roboto Mono" in family for family in page.evaluate(loaded))

    page.focus(".xterm-helper-textarea")  # the terminal's keyboard input
    page.keyboard.press("/")
    on_screen(visit, "the finder", lambda text: "Find an official" in text)
    page.keyboard.type("zoe")
    # The input shows "zoe" before the search for it answers: wait for its count, one match.
    found = on_screen(
        visit,
        "one match for zoe",
        lambda text: bool(re.search(r"\bzoe\s+1/\d+\b", text)) and "Zoé Robledo" in text,
    )
    row = next(line for line in found.splitlines() if "Zoé Robledo" in line)
    assert re.search(r"official\s+Zoé Robledo\b.*\b2 bulletins", row), row  # accents folded
    if target := os.environ.get("IMSS_TUI_SCREENSHOT"):
        page.screenshot(path=str(REPO / target))

    page.keyboard.press("Enter")  # filter the list to his bulletins
    filtered = on_screen(visit, "the list filtered to Zoé Robledo", lambda t: "2 / 5" in t)
    assert "Find an official" not in filtered and "Zoé Robledo" in filtered

    # Ctrl+C (SIGINT) stops the server and every visitor's app, and the page says so.
    os.killpg(served.process.pid, signal.SIGINT)
    assert served.process.wait(timeout=STOP_WAIT_S) == 0, served.output()
    waited("the apps to exit", lambda: not web.group_alive(served.process.pid), STOP_WAIT_S)
    page.wait_for_selector("body.-closed", timeout=STOP_WAIT_S * 1000)


def test_serve_lang_es_gives_every_visitor_the_spanish_explorer(
    open_page: Callable[[], web.Visit], serve: Callable[..., web.Served]
) -> None:
    served = serve(lang="es")  # in a process whose locale is English
    assert "Explorador servido en" in served.output()
    visit = open_page()
    visit.page.goto(served.url, wait_until="domcontentloaded")
    listed = on_screen(visit, "the list in Spanish", lambda t: "5 / 5" in t and "Boletines" in t)
    assert "Bulletins" not in listed
    visit.page.focus(".xterm-helper-textarea")
    visit.page.keyboard.type("/zoe")  # at once: the keys after / arrive before the finder
    on_screen(visit, "the Spanish finder", lambda text: "Buscar un funcionario" in text)
    found = on_screen(
        visit,
        "Zoé Robledo in the Spanish finder",
        lambda text: bool(re.search(r"\bzoe\s+1/\d+\b", text)) and "Zoé Robledo" in text,
    )
    row = next(line for line in found.splitlines() if "Zoé Robledo" in line)
    assert re.search(r"funcionario\s+Zoé Robledo\b.*\b2 boletines", row), row


def test_a_closed_tab_ends_its_app_and_sigterm_ends_the_rest(served: web.Served) -> None:
    """A visitor who leaves takes their app along; `kill PID` (a service manager's stop)
    reaches only the server, which must tell every remaining app to quit and close each page
    promptly (aiohttp alone would wait on open pages for 20 s and more)."""
    import asyncio

    import aiohttp

    def apps() -> list[int]:
        pids = web.children(served.process.pid)
        return [pid for pid in pids if " -m tui.cli " in web.command_line(pid)]

    async def first_screen(page: aiohttp.ClientWebSocketResponse) -> None:
        message = await page.receive(SCREEN_WAIT_S)
        while message.type != aiohttp.WSMsgType.BINARY:
            assert message.type == aiohttp.WSMsgType.TEXT, message
            message = await page.receive(SCREEN_WAIT_S)

    async def visit_leave_and_stop() -> float:
        url = served.url.replace("http:", "ws:") + "ws?width=100&height=30"
        async with aiohttp.ClientSession() as session:
            staying = await session.ws_connect(url)
            leaving = await session.ws_connect(url)
            await first_screen(staying)
            await first_screen(leaving)
            assert len(apps()) == 2  # one app per page
            await leaving.close()
            await asyncio.to_thread(
                waited, "the left page's app to exit", lambda: len(apps()) == 1, STOP_WAIT_S
            )
            os.kill(served.process.pid, signal.SIGTERM)
            stopping = time.monotonic()
            async for _message in staying:
                pass  # until the server closes the page
            return time.monotonic() - stopping

    closed_after = asyncio.run(visit_leave_and_stop())
    assert closed_after < PROMPT_CLOSE_S  # measured: 0.06 s; without the server's care, 22 s
    assert served.process.wait(timeout=STOP_WAIT_S) == 0, served.output()
    waited("the app to exit", lambda: not web.group_alive(served.process.pid), STOP_WAIT_S)


def test_an_export_in_a_browser_is_a_download_never_a_file_on_the_server(
    open_page: Callable[[], web.Visit], serve: Callable[..., web.Served], tmp_path: Path
) -> None:
    workdir = tmp_path / "server-cwd"  # where the server and its apps run
    workdir.mkdir()
    served = serve(cwd=workdir)
    visit = open_page()
    page = visit.page
    page.goto(served.url, wait_until="domcontentloaded")
    on_screen(visit, "the bulletin list", lambda text: "5 / 5" in text)
    page.focus(".xterm-helper-textarea")
    page.keyboard.press("x")
    on_screen(visit, "the export prompt", lambda text: "your browser downloads it" in text)
    page.keyboard.press("Home")
    page.keyboard.press("Control+k")
    page.keyboard.type("../../../tmp/escape attempt.md")  # only a file name is kept
    with page.expect_download(timeout=SCREEN_WAIT_S * 1000) as started:
        page.keyboard.press("Enter")
    download = started.value
    on_screen(visit, "the notice", lambda text: "sent to your" in text and "escape-attempt" in text)
    assert download.suggested_filename == "escape-attempt.md"
    table = Path(download.path()).read_text("utf-8")
    assert table.count("\n| ") >= 5 and "Supervisan IMSS" in table  # the five seeds, as Markdown
    assert list(workdir.iterdir()) == []  # nothing written where the server runs
    assert not Path("/tmp/escape attempt.md").exists()
    assert visit.offsite == []


def test_max_visitors_turns_the_next_one_away_with_a_page_saying_so(
    serve: Callable[..., web.Served],
) -> None:
    import asyncio

    import aiohttp

    served = serve(options=["--max-visitors", "1"])
    assert "At most 1 visitor at once." in served.output()
    ws_url = served.url.replace("http:", "ws:") + "ws?width=100&height=30"

    async def visit() -> None:
        async with aiohttp.ClientSession() as session:
            first = await session.ws_connect(ws_url)
            await first.receive(SCREEN_WAIT_S)  # its app runs
            async with session.get(served.url) as page:
                assert page.status == 503 and page.headers["Retry-After"] == "30"
                text = await page.text()
            assert "imss-tui is full" in text and "1 visitor is reading now" in text
            assert "https://" not in text  # a page that needs no other site
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(ws_url)
            assert refused.value.status == 503
            await first.close()

            async def index_status() -> int:
                async with session.get(served.url) as page:
                    return page.status

            for _attempt in range(int(STOP_WAIT_S * 10)):  # the place is free once it left
                if await index_status() == 200:
                    break
                await asyncio.sleep(0.1)
            assert await index_status() == 200

    asyncio.run(visit())


def serve_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`imss-tui serve ARGS` in a subprocess, bounded: a bug that serves fails, not hangs."""
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "serve", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
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
        (["--max-visitors", "0"], "not a number of visitors (1 or more): '0'"),
        (["--max-visitors", "many"], "not a number of visitors (1 or more): 'many'"),
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


def test_a_visitor_changing_theme_and_list_width_writes_no_file_of_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app built from the very command serve gives each tab: a visitor's theme and list
    width hold in the session; the server user's state.json keeps what it had."""
    from tui import app as app_module
    from tui.cli import main

    state_path().parent.mkdir(parents=True, exist_ok=True)
    state_path().write_text(json.dumps({"theme": "nord", "list_width": 40}), "utf-8")
    before = state_path().read_bytes()
    built: list[ImssApp] = []
    make_app = app_module.make_app

    def built_not_run(*args: Any, **options: Any) -> ImssApp:
        app = make_app(*args, **options)
        monkeypatch.setattr(app, "run", lambda: None)  # run below, under Pilot
        built.append(app)
        return app

    monkeypatch.setattr(app_module, "make_app", built_not_run)
    argv = shlex.split(visitor_command([str(SEEDS)], tmp_path / "cache"))
    assert main(argv[4:]) == 0
    (app,) = built

    async def visit() -> tuple[str, int]:
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(app, pilot)
            assert app.theme == "nord" and app.main_screen.list_width == 40  # read, not owned
            app.theme = "gruvbox"
            await pilot.press("right_square_bracket", "right_square_bracket")
            await pilot.pause()
            return app.theme, app.main_screen.list_width

    theme, width = asyncio.run(visit())
    assert (theme, width) == ("gruvbox", 40 + 2 * LIST_WIDTH_STEP)
    assert state_path().read_bytes() == before
    assert sorted(state_path().parent.iterdir()) == [state_path()]  # no temporary file either
    assert app.state.load() == {"theme": "gruvbox", "list_width": width}  # this session's


def test_the_page_reads_its_font_from_the_server() -> None:
    import textual_serve

    template = Path(textual_serve.__file__).with_name("templates") / "app_index.html"
    page = self_contained(template.read_text("utf-8"), "http://127.0.0.1:8000/static/")
    assert "googleapis" not in page and "https://" not in page
    assert 'src: url("http://127.0.0.1:8000/static/fonts/RobotoMono-VariableFont_wght.ttf")' in page
    shipped = Path(textual_serve.__file__).with_name("static") / "fonts"
    assert (shipped / "RobotoMono-VariableFont_wght.ttf").is_file()
    assert (shipped / "RobotoMono-Italic-VariableFont_wght.ttf").is_file()
