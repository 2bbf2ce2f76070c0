"""`x` under `imss-tui serve`: the export goes to the visitor's browser, never to the
server's disk. The real download is tests/test_serve.py's browser test; here the app's side
on the seeds, with Textual's web driver stood in for by a record of what it was handed."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from pilot_helpers import loaded, pilot_test
from textual.widgets import Input, Static

from tui.app import ImssApp
from tui.export_action import download_name
from tui.screens.export_prompt import ExportScreen


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("imss-boletines-20261130-101500.csv", "imss-boletines-20261130-101500.csv"),
        ("../../../etc/escape attempt.md", "escape-attempt.md"),
        ("/srv/data/Reporte Zoé Robledo.CSV", "reporte-zoe-robledo.csv"),
        ('x"; filename=evil\r\n.gexf', "x-filename-evil.gexf"),
        ("~/red.graphml", "red.graphml"),
    ],
)
def test_download_names_keep_only_a_safe_file_name(typed: str, name: str) -> None:
    assert download_name(Path(typed)) == name


class Delivered:
    """What the app handed Textual's `deliver_binary`, as the web driver would get it."""

    def __init__(self) -> None:
        self.calls: list[tuple[bytes, dict[str, Any]]] = []

    def __call__(self, file: io.BytesIO, **options: Any) -> str:
        self.calls.append((file.getvalue(), options))
        return "key"


@pilot_test
async def test_in_a_browser_x_delivers_the_file_and_writes_nothing(
    seeds_app: ImssApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(ImssApp, "is_web", property(lambda app: True))
    delivered = Delivered()
    monkeypatch.setattr(seeds_app, "deliver_binary", delivered)
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, ExportScreen)
        hint = str(prompt.query_one("#export-hint", Static).render())
        assert "your browser downloads it" in hint
        prompt.query_one("#export-path", Input).value = "/tmp/../elsewhere/lista zoé.csv"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]
    assert len(delivered.calls) == 1
    data, options = delivered.calls[0]
    assert options == {"save_filename": "lista-zoe.csv", "mime_type": "text/csv; charset=utf-8"}
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert len(rows) == 5 and "Supervisan IMSS" in " ".join(r["title"] for r in rows)
    assert any("5 rows (bulletins) sent to your browser as lista-zoe.csv" in m for m in messages)
    assert list(tmp_path.iterdir()) == []
    assert not Path("/tmp/elsewhere").exists()


@pilot_test
async def test_in_a_terminal_x_still_writes_the_file(
    seeds_app: ImssApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    delivered = Delivered()
    monkeypatch.setattr(seeds_app, "deliver_binary", delivered)
    app = seeds_app
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = "red.graphml"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert delivered.calls == []
    assert (tmp_path / "red.graphml").read_text("utf-8").startswith("<?xml")
