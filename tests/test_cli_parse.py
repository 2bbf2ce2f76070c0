"""`imss-tui parse`: table, JSON Lines, exit statuses, and no tracebacks for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import run

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_json_lines_one_object_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["parse", "--json", str(SEEDS)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5
    records = [json.loads(line) for line in lines]
    by_number = {r["number"]: r for r in records}
    r = by_number["257/2024"]
    assert (r["kind"], r["place"], r["date"]) == (
        "boletín de prensa",
        "Ciudad de México",
        "2024-05-30",
    )
    for key in ("source", "id", "date_text", "title", "highlights", "paragraphs", "text", "issues"):
        assert key in r
    assert isinstance(r["entities"], list)
    undated = [r for r in records if r["date"] is None]
    assert len(undated) == 2 and all(r["issues"][0]["code"] == "no-date" for r in undated)


def test_table_lists_every_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["parse", str(SEEDS)]) == 0
    out = capsys.readouterr().out
    for number in ("257/2024", "159/2024", "2015-07-24", "≈2012-12…2014-09"):
        assert number in out


def test_bad_file_still_has_its_line_and_exit_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(next(SEEDS.glob("003_*.txt")).read_bytes())
    (tmp_path / "bad.txt").write_bytes(b"")
    assert run(["parse", "--json", str(tmp_path)]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 2
    bad = next(r for r in records if r["source"].endswith("bad.txt"))
    assert bad["issues"][0] == {
        "severity": "error",
        "code": "empty",
        "message": "no text in file (empty or whitespace only)",
    }


def test_missing_path_is_a_usage_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-dir"
    assert run(["parse", str(SEEDS), str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err.replace("\n", "")
    assert "Traceback" not in err


def test_console_script_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.7\n\x00\x01garbage")
    proc = subprocess.run(
        [sys.executable, "-m", "tui.cli", "parse", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert proc.returncode == 1
    assert "garbage.pdf" in proc.stdout
    assert "pdf-unreadable: cannot read PDF" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def _table(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, width: int) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    assert run(["parse", str(SEEDS)]) == 0
    return capsys.readouterr().out


def _cell_words(table: str) -> set[str]:
    """Every whole word inside the table's cells."""
    return {
        word for line in table.splitlines() for cell in line.split("│") for word in cell.split()
    }


@pytest.mark.parametrize("width", [80, 100, 120, 160])
def test_parse_table_breaks_no_word_and_keeps_names_recognizable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    from core.parse import parse_file

    table = _table(capsys, monkeypatch, width)
    assert max(len(line) for line in table.splitlines()) <= width
    words = _cell_words(table)
    rows = [line for line in table.splitlines() if line.startswith("│ 00")]
    for path, row in zip(sorted(SEEDS.glob("*.txt")), rows, strict=True):  # file order
        b = parse_file(path)
        assert set((b.title or "").split()) <= words, b.title  # wrapped at spaces only
        assert set((b.place or "").split()) <= words, b.place
        estimate = b.date_estimate.label if b.date_estimate else "undated"
        assert (b.date.isoformat() if b.date else estimate) in row
        name = row.split("│")[1].strip()
        assert name[:4] == path.name[:4] and name.endswith(".txt")  # prefix and extension


def test_readme_sample_is_the_real_parse_table(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (SEEDS.parent / "README.md").read_text("utf-8")
    command = "$ COLUMNS=100 imss-tui parse seeds/"
    start = readme.index("\n", readme.index(command)) + 1
    sample = readme[start : readme.index("```", start)]
    real = _table(capsys, monkeypatch, 100)
    assert sample.splitlines() == [line.rstrip() for line in real.splitlines()]
