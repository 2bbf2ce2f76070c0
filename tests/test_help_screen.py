"""The key list (?) and quitting."""

from __future__ import annotations

from pilot_helpers import loaded, pilot_test, rendered

from tui.app import ImssApp
from tui.screens.help import HelpScreen


@pilot_test
async def test_help_lists_bindings_and_q_quits(seeds_app: ImssApp) -> None:
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = "\n".join(strip.text for strip in rendered(app.screen.query_one("#help-table")))
        for binding_id in ("app.finder", "app.quit", "list.down", "reader.page_down"):
            assert binding_id in table
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running
