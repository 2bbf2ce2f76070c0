"""Every main screen state, as pictures: main (dark and light theme, the latter filtered to an
official), entities toggled, finder with results, profile, timeline; wide and 80×24. The main
screen, a dated bulletin, finder, help, profile and timeline in Spanish too.

Regenerate after an intended visual change with `pytest tests/test_app_snapshots.py
--snapshot-update` and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from core.i18n import set_language
from tui.app import ImssApp, make_app

SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]

RunBefore = Callable[[Pilot], Awaitable[None]]


def seeds_app() -> ImssApp:
    return make_app(use_cache=False)


async def _loaded(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _main(pilot: Pilot) -> None:
    await _loaded(pilot)


async def _light(pilot: Pilot) -> None:
    """A light theme: every colour (kinds, marks, lists) comes from it."""
    await _loaded(pilot)
    pilot.app.theme = "textual-light"
    await pilot.pause()
    await pilot.press("slash", *"gober chihu")
    await pilot.app.screen.workers.wait_for_complete()
    await pilot.press("enter")
    await pilot.pause()


async def _finder(pilot: Pilot) -> None:
    await _loaded(pilot)
    await pilot.press("slash", *"gober chihu")
    await pilot.app.screen.workers.wait_for_complete()
    await pilot.pause()


async def _entities(pilot: Pilot) -> None:
    """e: at 80 columns the entities take the list's place; wide, the sidebar hides."""
    await _loaded(pilot)
    await pilot.press("e")
    await pilot.pause()


async def _timeline(pilot: Pilot) -> None:
    """d: the timeline over the list; a month filtered (enter), the cursor on another."""
    await _loaded(pilot)
    await pilot.press("d", "home", "enter", "end", "left")
    await pilot.pause()


async def _profile(pilot: Pilot) -> None:
    await _finder(pilot)
    await pilot.press("ctrl+o")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "run_before",
    [
        pytest.param(_main, id="main"),
        pytest.param(_light, id="main-light"),
        pytest.param(_entities, id="entities"),
        pytest.param(_finder, id="finder"),
        pytest.param(_profile, id="profile"),
        pytest.param(_timeline, id="timeline"),
    ],
)
def test_screens(snap_compare, size: tuple[int, int], run_before: RunBefore) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seeds_app(), run_before=run_before, terminal_size=size)


async def _help(pilot: Pilot) -> None:
    await _loaded(pilot)
    await pilot.press("question_mark")
    await pilot.pause()


async def _reader_dated(pilot: Pilot) -> None:
    """A dated bulletin open: the reader's title and Date field read the long Spanish way."""
    await _loaded(pilot)
    await pilot.press("end")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "run_before",
    [
        pytest.param(_main, id="main"),
        pytest.param(_reader_dated, id="reader-dated"),
        pytest.param(_finder, id="finder"),
        pytest.param(_help, id="help"),
        pytest.param(_profile, id="profile"),
        pytest.param(_timeline, id="timeline"),
    ],
)
def test_screens_in_spanish(snap_compare, size: tuple[int, int], run_before: RunBefore) -> None:  # type: ignore[no-untyped-def]
    """Spanish is ~20% longer: footer, titles and narrow panes checked at 120×40 and 80×24."""
    set_language("es")  # the CLI sets it from --lang or config before making the app
    assert snap_compare(seeds_app(), run_before=run_before, terminal_size=size)
