"""The benchmark tooling keeps working: a tiny-N run end to end, and a sane synthetic corpus.

No timing assertions here: speed is measured by `python -m benchmarks.run`, not by tests.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from benchmarks import run as bench
from benchmarks.synth import REPO, generate, write_corpus
from core.parse import parse_file


def test_synth_is_deterministic_and_varied() -> None:
    first = list(generate(30, seed=5))
    assert first == list(generate(30, seed=5))
    assert first != list(generate(30, seed=6))
    assert len({text for _, text in first}) == 30


def test_synth_refuses_to_write_inside_the_repository() -> None:
    with pytest.raises(ValueError, match="inside the repository"):
        write_corpus(REPO / "benchmarks" / "out" / "corpus", 1)


def test_synthetic_bulletins_parse_like_real_ones(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "corpus", 24, seed=11)
    bulletins = [parse_file(f) for f in files]
    assert not any(b.failed for b in bulletins)
    for path, bulletin in zip(files, bulletins, strict=True):
        assert bulletin.date is not None
        assert dt.date(2012, 1, 1) <= bulletin.date <= dt.date(2026, 12, 31)
        assert bulletin.date.isoformat() in path.name  # the date written is the date parsed
        assert bulletin.title and bulletin.place
        officials = [e for e in bulletin.entities if e.kind == "official"]
        assert len(officials) >= 5
        assert any(e.role for e in officials)
        assert any(e.kind == "facility" for e in bulletin.entities)


def test_benchmark_runs_end_to_end_at_tiny_n(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    argv = ["--n", "12", "--presses", "4", "--queries", "2", "--repeat", "2", "--out", str(out)]
    assert bench.main(argv) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    measures = results["measures"]
    assert not [key for key in measures if key.endswith("_error")], measures
    assert measures["files"] == 12 and measures["failed"] == 0
    for key in ("cold_index_per_s", "warm_load_corpus_s", "warm_app_launch_s", "nav_p95_ms",
                "fuzzy_p95_ms", "naive_p95_ms", "peak_rss_mb", "cold_load_per_s",
                "relaunch_fuzzy_index_ready_s", "entities_peak_rss_mb",
                "add_one_bulletin_s"):  # fmt: skip
        assert measures[key] > 0, key
    assert measures["add_one_found"] is True
    assert measures["entity_names"] > 0
    assert results["machine"]["cores"] >= 1
    runs = results["runs"]  # warm phases run twice; the median of the two is reported
    for key in ("warm_load_corpus_s", "relaunch_warm_app_launch_s"):
        assert len(runs[key]) == 2 and measures[key] == pytest.approx(sum(runs[key]) / 2), key
    assert results["targets"]["warm_app_launch_s"] == "<= 1"


def test_targets_follow_the_corpus_size() -> None:
    assert bench.targets_for(10_000)["warm_app_launch_s"] == ("<=", 1.0)
    assert bench.targets_for(50_000)["warm_app_launch_s"] == ("<=", 1.5)
    assert bench.targets_for(50_000)["peak_rss_mb"] == ("<=", 1000.0)
    assert "add_one_bulletin_s" not in bench.targets_for(50_000)  # promised at 10k only
    assert bench._verdict("fuzzy_p95_ms", 12.0, bench.targets_for(50_000)).startswith("ok")
    assert bench._verdict("fuzzy_p95_ms", 12.0, bench.targets_for(10_000)).startswith("MISSED")


def test_finder_state_and_index_split_tools_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks import bench_finder_state, bench_index_split

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 12, seed=3)
    assert bench_finder_state.main([str(corpus), "--cache-dir", str(tmp_path / "c")]) == 0
    state = json.loads(capsys.readouterr().out)
    assert state["restored"] is True and state["entities"] > 12 and state["file_bytes"] > 0
    assert bench_index_split.main([str(corpus), "--files", "12"]) == 0
    split = json.loads(capsys.readouterr().out)
    assert split["files"] == 12 and split["workers_cpu_ms_per_file"] >= 0
