"""`imss-tui search-text`: the query syntax and the date of every hit."""

from __future__ import annotations

import json

import pytest
from pilot_helpers import SEEDS

from core import parse_file
from tui.cli import run


def _hits(capsys: pytest.CaptureFixture[str], query: str) -> list[dict[str, object]]:
    assert run(["search-text", query, str(SEEDS), "--no-cache", "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_json_hits_carry_the_bulletin_date(capsys: pytest.CaptureFixture[str]) -> None:
    dates = {b.id: b.date for b in map(parse_file, sorted(SEEDS.glob("*.txt")))}
    hits = _hits(capsys, "salud")
    assert len(hits) == 5
    for hit in hits:
        date = dates[str(hit["bulletin_id"])]
        assert hit["date"] == (None if date is None else date.isoformat())
    assert {hit["date"] for hit in hits} >= {None, "2024-05-30"}


def test_or_and_minus_reach_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    either = {h["title"] for h in _hits(capsys, "chiapas OR oaxaca")}
    assert any("CHIAPAS" in str(t) for t in either) and any("OAXACA" in str(t) for t in either)
    without = {h["title"] for h in _hits(capsys, "salud -oaxaca")}
    assert len(without) == 4 and not any("OAXACA" in str(t) for t in without)


def test_the_table_shows_the_date_or_the_estimate(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["search-text", "convenio", str(SEEDS), "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "2015-07-24" in out and "≈2012-12…2014-09" in out
