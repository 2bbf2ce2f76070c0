"""Bulletin text reaching the terminal through the CLI is shown, never obeyed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HOSTILE = (
    "BOLETÍN DE PRENSA\n\n"
    "Ciudad de México, jueves 30 de mayo de 2024.\n\n"
    "Título [bold red]x[/] [@click=app.quit]quit[/] [link=file:///etc/passwd]x[/link]\n\n"
    "El director general del IMSS, Zoé Robledo, señaló \x1b[31mrojo\x1b[0m y "
    "\x1b]8;;http://evil.example\x07enlace\x1b]8;;\x07 y \x1b]52;c;ZXZpbA==\x07 portapapeles, "
    "campana\x07, retroceso\x08 y \u202eodatse\u202c en Oaxaca."
)


def run_cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "250", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], capture_output=True, env=env, timeout=120
    )


def test_parse_table_shows_markup_literally_and_controls_visibly(tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    proc = run_cli("parse", str(path))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    text = out.decode("utf-8")
    assert "[bold red]x[/]" in text
    assert "[@click=app.quit]quit[/]" in text
    assert "[link=file:///etc/passwd]x[/link]" in text
    # Rich may style its own table (FORCE_COLOR), but no byte sequence from the data survives:
    for raw in (b"\x1b[31mrojo", b"\x1b]8;;http", b"\x1b]52;", b"\x07", b"\x08", "\u202e".encode()):
        assert raw not in out, raw
    assert b"]8;" not in out.replace("␛]8;;http".encode(), b"")  # no hyperlink escape from rich


def test_entities_table_is_safe_too(tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE.replace("Zoé Robledo", "Zoé\x1b]52;c;eA==\x07 Robledo"), "utf-8")
    proc = run_cli("entities", "--no-cache", str(path))
    assert proc.returncode == 0, proc.stderr
    assert b"\x1b]52" not in proc.stdout and b"\x07" not in proc.stdout


def test_json_lines_keep_the_data_exactly_and_escaped(tmp_path: Path) -> None:
    """Terminal sequences are no bulletin's words: ingest drops them whole, with a warning;
    every other character is kept as it was, JSON-escaped."""
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    proc = run_cli("parse", "--json", str(path))
    assert b"\x1b" not in proc.stdout and b"\x07" not in proc.stdout  # JSON escapes controls
    record = json.loads(proc.stdout)
    assert "señaló rojo y enlace y portapapeles, campana\x07, retroceso\x08" in record["text"]
    assert "\u202eodatse\u202c" in record["text"]
    assert "terminal-sequences" in [issue["code"] for issue in record["issues"]]
    assert record["title"].startswith("Título [bold red]x[/]")
