"""The web server of `imss-tui serve`: textual-serve, one explorer process per browser tab.

Imported only by `serve` (aiohttp is not a cost the other commands pay).
"""

from __future__ import annotations

import asyncio
import html
import re
import signal
from typing import Any

from aiohttp import web
from rich.text import Text
from textual_serve.server import Server

from core.i18n import _, ngettext

#: Seconds a turned-away browser is told to wait before asking again (HTTP Retry-After).
RETRY_AFTER_S = 30

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


def full_page(limit: int) -> str:
    """The page a visitor gets when `limit` apps already run: what happened and what to do,
    in the server's language, needing no other site."""
    title = _("imss-tui is full")
    message = ngettext(
        "{count} visitor is reading now, as many as this server allows. Try again in a while.",
        "{count} visitors are reading now, as many as this server allows. Try again in a while.",
        limit,
    ).format(count=limit)
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="{RETRY_AFTER_S}">'
        f"<title>{html.escape(title)}</title></head>\n"
        f'<body style="font-family: sans-serif; margin: 3em;">'
        f"<h1>{html.escape(title)}</h1><p>{html.escape(message)}</p></body></html>\n"
    )


class ExplorerServer(Server):
    """textual-serve's server, announcing itself in our words (its own banner prints the whole
    shell command), stopping on SIGHUP too, serving a page that needs no other site, running
    at most `max_visitors` apps (others get a page saying so), and ending every visitor's app
    when it stops: left alone, aiohttp would wait for each open page up to its shutdown
    timeout (a minute)."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        public_url: str,
        banner: str,
        max_visitors: int,
    ) -> None:
        super().__init__(command, host=host, port=port, title="imss-tui", public_url=public_url)
        self.banner = banner
        self.max_visitors = max_visitors
        self.visitors: set[asyncio.Task[Any]] = set()

    @property
    def full(self) -> bool:
        return len(self.visitors) >= self.max_visitors

    def _turned_away(self) -> web.Response:
        return web.Response(
            status=503,
            text=full_page(self.max_visitors),
            content_type="text/html",
            headers={"Retry-After": str(RETRY_AFTER_S)},
        )

    def serve(self, debug: bool = False) -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())  # textual-serve runs the current loop
        super().serve(debug)

    async def on_startup(self, app: Any) -> None:
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.request_exit)
        self.console.print(Text(self.banner, "bold"))

    async def handle_index(self, request: Any) -> Any:
        if self.full:
            return self._turned_away()
        response = await super().handle_index(request)
        response.text = self_contained(response.text, f"{self.public_url}/static/")
        return response

    async def handle_websocket(self, request: Any) -> Any:
        if self.full:  # a page loaded just before the last place was taken
            return self._turned_away()
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
