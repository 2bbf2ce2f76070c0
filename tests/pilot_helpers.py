"""Driving the app as a user would: Pilot on a fresh event loop, and what a widget shows."""

from __future__ import annotations

import asyncio
import functools
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer

from tui.app import ImssApp

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def pilot_test(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async Pilot test on a fresh event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def screen_text(widget: Widget) -> list[str]:
    """What the widget shows right now, line by line (its own line API)."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def rendered(widget: Widget) -> list[Strip]:
    """Every line of a (non line-API) widget as drawn at its current size."""
    return widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))


async def loaded(app: ImssApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.corpus is not None, "the corpus did not load"


async def caught_up(app: ImssApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the reader shows the bulletin under the list cursor (opens are deferred
    while keys arrive in a burst)."""
    for _ in range(500):
        if not app.main_screen.open_pending:
            break
        await pilot.pause(0.01)
    await pilot.pause()
    assert not app.main_screen.open_pending, "the reader never caught up with the list cursor"


CSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def terminal_output(app: ImssApp) -> str:
    """What the terminal would receive for a full repaint of the current screen."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert update is not None
    return update.render_segments(app.console)


def assert_nothing_interpreted(app: ImssApp, *literals: str) -> str:
    """Only colour/cursor CSI reach the terminal; no OSC, BEL, BS, bidi override, link or
    click action; the given markup-looking strings are drawn as they are."""
    assert app.is_running, "bulletin text quit the app"
    output = terminal_output(app)
    for raw in ("\x1b]", "\x07", "\x08", "\u202e", "/etc/passwd\x1b"):
        assert raw not in output, f"{raw!r} reached the terminal"
    text = CSI.sub("", output)
    assert "\x1b" not in text, "an ESC outside colour/cursor sequences reached the terminal"
    for widget in app.screen.walk_children(with_self=False):
        if isinstance(widget, Footer) or any(isinstance(a, Footer) for a in widget.ancestors):
            continue  # the footer's own keys are the only clickable things
        if not widget.display or not widget.size:
            continue
        for strip in rendered(widget):
            assert "\x1b" not in strip.text and "\x07" not in strip.text
            for segment in strip:
                style = segment.style
                if style is not None:
                    assert not style.link, f"a link in {widget!r}: {style.link}"
                    assert "@click" not in (style.meta or {}), f"a click action in {widget!r}"
    for literal in literals:
        assert literal in text, f"{literal!r} is not shown literally"
    return text
