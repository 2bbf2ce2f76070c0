"""`imss-tui quotes` and `imss-tui export`: what they print or write, and their exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest

from tui.cli import run

SEEDS = str(Path(__file__).resolve().parent.parent / "seeds")


def test_quotes_json_with_a_speaker_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["quotes", SEEDS, "--no-cache", "--json", "--speaker", "cue monteagudo"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 3
    assert {r["speaker"] for r in rows} == {"official:gabino-cue-monteagudo"}
    assert all(set(r) >= {"text", "start", "end", "bulletin_id", "date", "source"} for r in rows)


def test_quotes_table_shows_unknown_and_named_speakers(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["quotes", SEEDS, "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "Duarte" in out and "“este convenio" in out


def test_export_writes_the_file_and_reports_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "anaya.csv"
    argv = ["export", SEEDS, "--no-cache", "--what", "bulletins", "--entity", "González Anaya"]
    assert run([*argv, "--from", "2010-01-01", "--to", "2016-12-31", "-o", str(target)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert [r["date"] for r in rows] == ["2015-07-24"]
    assert f"wrote 1 rows to {target}" in capsys.readouterr().err


def test_export_network_to_stdout_parses_as_graphml(capsysbinary: pytest.CaptureFixture) -> None:
    assert run(["export", SEEDS, "--no-cache", "--what", "network", "--format", "graphml"]) == 0
    graph = nx.read_graphml(io.BytesIO(capsysbinary.readouterr().out))
    assert graph.number_of_nodes() > 50 and graph.number_of_edges() > 100


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--from", "30-05-2024"], "not a date"),
        (["--from", "2024-06-01", "--to", "2024-01-01"], "is after"),
        (["--what", "quotes", "--format", "gexf"], "--what network"),
        (["--entity", "Nadie Inexistente Pérez"], "no entity named"),
        (["-o", "/nonexistent-dir/x.csv"], "cannot write"),
    ],
)
def test_export_usage_errors_exit_2_with_a_reason(
    argv: list[str], reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["export", SEEDS, "--no-cache", *argv]) == 2
    assert reason in capsys.readouterr().err
