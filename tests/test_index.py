"""The persistent index: incremental updates on the seeds, and every cache fault survived."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core import index as index_module
from core.cache_paths import INDEX_FILENAME
from core.index import Index, IndexReport
from core.parse import parse_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture()
def corpus(tmp_path: Path) -> list[Path]:
    """A private copy of the seeds, so tests can edit, touch and delete files."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    files = []
    for seed in sorted(SEEDS.glob("*.txt")):
        target = folder / seed.name
        shutil.copy(seed, target)
        files.append(target)
    return files


def _update(cache: Path, files: list[Path], **kwargs: object) -> IndexReport:
    with Index.open(cache) as index:
        return index.update(files, **kwargs)  # type: ignore[arg-type]


def _dumps(report: IndexReport) -> list[dict[str, object]]:
    return [b.model_dump() for b in report.bulletins]


def test_second_update_reparses_nothing_and_returns_the_same_bulletins(
    tmp_path: Path, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _update(tmp_path / "cache", corpus)
    assert (cold.new, cold.changed, cold.unchanged, cold.removed) == (len(corpus), 0, 0, 0)
    assert [b.source for b in cold.bulletins] == [str(p) for p in corpus]
    assert _dumps(cold) == [parse_file(p).model_dump() for p in corpus]

    def no_parsing(path: Path) -> None:
        raise AssertionError(f"re-parsed {path}")

    monkeypatch.setattr("core.parse.parse_file", no_parsing)
    warm = _update(tmp_path / "cache", corpus)
    assert (warm.new, warm.changed, warm.unchanged) == (0, 0, len(corpus))
    assert _dumps(warm) == _dumps(cold)
    assert warm.notices == []


def test_changed_touched_and_deleted_files(tmp_path: Path, corpus: list[Path]) -> None:
    cache = tmp_path / "cache"
    _update(cache, corpus)
    edited, touched, deleted = corpus[0], corpus[3], corpus[4]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nSe agregó un párrafo.\n", "utf-8")
    stat = touched.stat()
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    deleted.unlink()
    remaining = corpus[:4]

    report = _update(cache, remaining)
    assert (report.new, report.changed, report.unchanged, report.removed) == (0, 1, 3, 1)
    assert "Se agregó un párrafo." in report.bulletins[0].text
    assert [b.source for b in report.bulletins] == [str(p) for p in remaining]

    again = _update(cache, remaining)  # the touch was recorded: no hashing loop next time
    assert (again.changed, again.unchanged, again.removed) == (0, 4, 0)


def test_failed_files_are_cached_and_reported_again(tmp_path: Path, corpus: list[Path]) -> None:
    empty = corpus[0].parent / "vacio.txt"
    empty.write_bytes(b"")
    files = [*corpus, empty]
    cold = _update(tmp_path / "cache", files)
    warm = _update(tmp_path / "cache", files)
    assert cold.failed == warm.failed == 1
    assert warm.unchanged == len(files)
    assert warm.bulletins[-1].failed
    assert warm.bulletins[-1].issues == cold.bulletins[-1].issues


def test_unreadable_file_is_reported_but_not_cached(tmp_path: Path, corpus: list[Path]) -> None:
    ghost = corpus[0].parent / "borrado.txt"  # listed, then gone before reading
    report = _update(tmp_path / "cache", [*corpus, ghost])
    assert report.failed == 1 and report.bulletins[-1].failed
    ghost.write_text(SEEDS.joinpath(corpus[0].name).read_text(encoding="utf-8"), "utf-8")
    later = _update(tmp_path / "cache", [*corpus, ghost])
    assert later.failed == 0 and later.new == 1


def test_pool_parsing_matches_in_process_parsing(tmp_path: Path, corpus: list[Path]) -> None:
    many = []
    for copy in range(12):  # enough files for the process pool
        for seed in corpus:
            target = seed.parent / f"{copy:02d}_{seed.name}"
            shutil.copy(seed, target)
            many.append(target)
    pooled = _update(tmp_path / "pooled", many, workers=2)
    serial = _update(tmp_path / "serial", many, workers=1)
    assert pooled.new == serial.new == len(many)
    assert _dumps(pooled) == _dumps(serial)


def test_corrupt_cache_file_is_rebuilt_with_a_notice(tmp_path: Path, corpus: list[Path]) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / INDEX_FILENAME).write_bytes(b"this is not a database\x00" * 200)
    report = _update(cache, corpus)
    assert any("corrupt" in notice for notice in report.notices)
    assert report.new == len(corpus) and report.failed == 0
    assert _update(cache, corpus).unchanged == len(corpus)


def test_truncated_cache_file_is_rebuilt(tmp_path: Path, corpus: list[Path]) -> None:
    cache = tmp_path / "cache"
    _update(cache, corpus)
    db = cache / INDEX_FILENAME
    data = db.read_bytes()
    db.write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))
    report = _update(cache, corpus)
    assert report.notices, "damage must be reported"
    assert _dumps(report) == [parse_file(p).model_dump() for p in corpus]


def test_older_schema_is_rebuilt_with_a_notice(tmp_path: Path, corpus: list[Path]) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    with sqlite3.connect(cache / INDEX_FILENAME) as old:
        old.execute("CREATE TABLE bulletins (path TEXT, json TEXT)")
        old.execute("INSERT INTO bulletins VALUES ('x', '{}')")
    report = _update(cache, corpus)
    assert any("schema version 0" in notice for notice in report.notices)
    assert report.new == len(corpus)
    with sqlite3.connect(cache / INDEX_FILENAME) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == index_module.SCHEMA_VERSION
        assert (
            db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'bulletins'").fetchone()[0]
            == 0
        )


def test_parser_change_invalidates_cached_bulletins(
    tmp_path: Path, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _update(tmp_path / "cache", corpus)
    monkeypatch.setattr(index_module, "pipeline_fingerprint", lambda: "another parser")
    report = _update(tmp_path / "cache", corpus)
    assert any("parser changed" in notice for notice in report.notices)
    assert report.new == len(corpus)


def test_unusable_cache_dir_falls_back_to_memory(tmp_path: Path, corpus: list[Path]) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache dir should be")
    with Index.open(blocker / "cache") as index:
        assert not index.persistent
        report = index.update(corpus)
        assert report.new == len(corpus) and not report.cached
        assert any("without a cache" in notice for notice in report.notices)
        assert index.search_text("Zoé Robledo")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_cache_dir_falls_back_to_memory(tmp_path: Path, corpus: list[Path]) -> None:
    cache = tmp_path / "ro"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        report = _update(cache, corpus)
    finally:
        cache.chmod(0o700)
    assert report.new == len(corpus) and not report.cached and report.notices


def test_no_cache_writes_nothing(tmp_path: Path, corpus: list[Path]) -> None:
    with Index.open(tmp_path / "cache", use_cache=False) as index:
        report = index.update(corpus)
    assert report.new == len(corpus) and not report.cached and report.notices == []
    assert not (tmp_path / "cache").exists()


def test_default_cache_dir_comes_from_the_environment(
    tmp_path: Path, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMSS_TUI_CACHE", str(tmp_path / "env-cache"))
    with Index.open() as index:
        index.update(corpus)
        assert index.path == tmp_path / "env-cache" / INDEX_FILENAME
    assert (tmp_path / "env-cache" / INDEX_FILENAME).is_file()


def test_crash_mid_index_leaves_a_usable_cache(tmp_path: Path, corpus: list[Path]) -> None:
    many = []
    for copy in range(8):
        for seed in corpus:
            target = seed.parent / f"{copy}_{seed.name}"
            shutil.copy(seed, target)
            many.append(target)

    def crash(done: int, total: int, path: Path) -> None:
        if done >= 16:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _update(tmp_path / "cache", many, progress=crash, workers=1)
    resumed = _update(tmp_path / "cache", many, workers=1)
    assert resumed.unchanged >= 16 and resumed.unchanged + resumed.new == len(many)
    assert resumed.notices == []
    assert _dumps(resumed) == _dumps(_update(tmp_path / "fresh", many, workers=1))


def _index_in_child(cache: str, files: list[str], out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    with Index.open(cache) as index:
        report = index.update(files, workers=1)
        out.put([b.id for b in report.bulletins])


def test_two_processes_indexing_at_once_both_end_correct(
    tmp_path: Path, corpus: list[Path]
) -> None:
    many = []
    for copy in range(10):
        for seed in corpus:
            target = seed.parent / f"{copy}_{seed.name}"
            shutil.copy(seed, target)
            many.append(str(target))
    expected = [parse_file(p).id for p in many]
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    children = [
        ctx.Process(target=_index_in_child, args=(str(tmp_path / "cache"), many, queue))
        for _ in range(2)
    ]
    for child in children:
        child.start()
    results = [queue.get(timeout=120) for _ in children]
    for child in children:
        child.join(timeout=60)
        assert child.exitcode == 0
    assert results == [expected, expected]
    warm = _update(tmp_path / "cache", [Path(p) for p in many])
    assert warm.unchanged == len(many) and warm.notices == []


def test_cli_index_reports_new_then_unchanged(
    tmp_path: Path, corpus: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from tui.cli import run

    folder = str(corpus[0].parent)
    (corpus[0].parent / "notas.docx").write_bytes(b"skipped on purpose")
    assert run(["index", folder, "--cache-dir", str(tmp_path / "c"), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert (first["new"], first["unchanged"], first["skipped"]) == (len(corpus), 0, 1)
    assert run(["index", folder, "--cache-dir", str(tmp_path / "c"), "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert (second["new"], second["unchanged"], second["failed"]) == (0, len(corpus), 0)


def test_cli_search_text_prints_highlighted_hits_as_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import run

    hostile = tmp_path / "hostil.txt"
    hostile.write_text(
        "BOLETÍN DE PRENSA\n\nCiudad de México, 1 de enero de 2024.\n\n"
        "Texto [bold red]rojo[/] con \x1b]52;c;ZXZpbA==\x07 y Robledo.\n",
        encoding="utf-8",
    )
    assert run(["search-text", "robledo", str(hostile), "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "[bold red]rojo[/]" in out
    assert "\x1b]52" not in out and "\x07" not in out


def test_warm_load_corpus_reuses_resolved_entities(
    tmp_path: Path, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from core import corpus as corpus_module
    from core import index as index_module

    folder = corpus[0].parent
    cold = corpus_module.load_corpus([folder], cache_dir=tmp_path / "c")
    cold.entity_table  # noqa: B018 (resolved, in its thread, before resolving is forbidden)
    fresh = corpus_module.load_corpus([folder], use_cache=False)

    def no_resolving(*args: object) -> None:
        raise AssertionError("resolved again")

    monkeypatch.setattr(index_module, "resolve_grouped", no_resolving)
    warm = corpus_module.load_corpus([folder], cache_dir=tmp_path / "c")
    for loaded in (cold, warm):
        assert [e.model_dump() for e in loaded.entities] == [e.model_dump() for e in fresh.entities]
        assert [b.model_dump() for b in loaded.bulletins] == [
            b.model_dump() for b in fresh.bulletins
        ]
    assert warm.search_text("Robledo")
    assert warm.search("gober oaxaca")[0].entity.name == "Gabino Cué Monteagudo"  # offices kept
    # One bulletin changed: updated from the cached resolution, not resolved again in full,
    # and the same as reading everything afresh.
    corpus[0].write_text("BOLETÍN DE PRENSA\n\nOtro texto de Zoé Robledo.\n", "utf-8")
    updated = corpus_module.load_corpus([folder], cache_dir=tmp_path / "c")
    fresh = corpus_module.load_corpus([folder], use_cache=False)
    assert [e.model_dump() for e in updated.entities] == [e.model_dump() for e in fresh.entities]
    assert [b.model_dump() for b in updated.bulletins] == [b.model_dump() for b in fresh.bulletins]


def test_cache_that_became_read_only_still_gives_correct_results(
    tmp_path: Path, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores permissions, so the database is opened the way SQLite opens a file it may
    not write (mode=ro): every write then fails exactly as on a read-only directory."""
    cache = tmp_path / "cache"
    _update(cache, corpus[:3])
    real_connect = sqlite3.connect

    def read_only(path: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if str(path).endswith(INDEX_FILENAME):
            return real_connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[arg-type]
        return real_connect(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(index_module.sqlite3, "connect", read_only)
    report = _update(cache, corpus)
    assert [b.source for b in report.bulletins] == [str(p) for p in corpus]
    assert [b.model_dump() for b in report.bulletins] == [
        parse_file(p).model_dump() for p in corpus
    ]
    assert report.notices


def test_indexing_in_parallel_works_under_a_tui_print_capture(tmp_path: Path) -> None:
    """Textual replaces sys.stderr with a capture whose fileno() is -1; the process pool
    must still start (it failed with "bad value(s) in fds_to_keep" inside the app)."""
    folder = tmp_path / "many"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for n in range(60):
        seed = seeds[n % len(seeds)]
        text = seed.read_text("utf-8") + f"\nCopia {n}.\n"
        (folder / f"{n:03d}_{seed.name}").write_text(text, "utf-8")
    script = (
        "import sys\n"
        "class Capture:\n"
        "    def write(self, text): return len(text)\n"
        "    def flush(self): pass\n"
        "    def fileno(self): return -1\n"
        "sys.stderr = Capture()\n"
        "from core.discover import discover\n"
        "from core.index import Index\n"
        "from core.runtime import ProcessPoolExecutor as Pool\n"
        "import core.runtime as rt\n"
        "started = []\n"
        "class Counting(Pool):\n"
        "    def submit(self, *a, **k):\n"
        "        started.append(1)\n"
        "        return super().submit(*a, **k)\n"
        "rt.ProcessPoolExecutor = Counting\n"
        "def main():\n"
        f"    files = discover([{str(folder)!r}]).files\n"
        f"    with Index.open({str(tmp_path / 'cache')!r}) as index:\n"
        "        report = index.update(files, workers=2)\n"
        "    assert started, 'no process pool was used'\n"
        "    assert sys.stderr.fileno() == -1, 'the capture was not put back'\n"
        "    print(report.new, report.failed)\n"
        "if __name__ == '__main__':\n"
        "    try:\n"
        "        main()\n"
        "    except BaseException:\n"
        "        import traceback\n"
        "        traceback.print_exc(file=sys.__stderr__)\n"
        "        sys.exit(1)\n"
    )
    runner = tmp_path / "run_index.py"
    runner.write_text(script, "utf-8")
    done = subprocess.run(
        [sys.executable, str(runner)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["60", "0"]


def test_a_process_that_never_closes_the_cache_leaves_no_large_log(
    tmp_path: Path, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever an update or a resolution wrote is moved into the database once it is in:
    the next process to open the cache would otherwise read the whole log back first."""
    monkeypatch.setattr(index_module, "_WAL_KEEP_BYTES", 0)
    cache = tmp_path / "cache"
    log = cache / f"{INDEX_FILENAME}-wal"
    index = Index.open(cache)  # never closed, as by a process that just ends
    report = index.update(corpus, workers=1)
    assert log.stat().st_size == 0
    table = index.resolved(report, list(range(len(corpus))))
    index_module._last_write.wait(index.path)
    assert log.stat().st_size == 0
    with Index.open(cache) as again:
        warm = again.update(corpus, workers=1)
        assert warm.unchanged == len(corpus)
        restored = again.resolved(warm, list(range(len(corpus))))
    assert restored.names == table.names


def test_trimming_the_log_never_waits_for_another_reader(
    tmp_path: Path, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process reading keeps the log: trimming gives up at once, nothing is lost."""
    monkeypatch.setattr(index_module, "_WAL_KEEP_BYTES", 0)
    cache = tmp_path / "cache"
    _update(cache, corpus[:2])
    reader = sqlite3.connect(cache / INDEX_FILENAME, isolation_level=None)
    reader.execute("BEGIN")
    (before,) = reader.execute("SELECT count(*) FROM files").fetchone()
    statements: list[str] = []
    with Index.open(cache) as index:
        index._conn.set_trace_callback(statements.append)
        report = index.update(corpus, workers=1)
        (timeout,) = index._conn.execute("PRAGMA busy_timeout").fetchone()
    assert (cache / f"{INDEX_FILENAME}-wal").stat().st_size > 0  # the reader still needs it
    trim = statements.index("PRAGMA wal_checkpoint(TRUNCATE)")
    assert statements[trim - 1] == "PRAGMA busy_timeout = 0"  # gave up at once
    assert timeout == index_module._BUSY_TIMEOUT_MS  # writes wait for other writers again
    assert reader.execute("SELECT count(*) FROM files").fetchone() == (before,)
    reader.execute("COMMIT")
    reader.close()
    assert report.new == len(corpus) - 2
    assert _update(cache, corpus).unchanged == len(corpus)


def test_whole_table_reads_in_one_step_match_reading_row_by_row(
    tmp_path: Path, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warm path's one-step reads (a corpus of more than `_SCAN_ROWS` files) give what a
    row-by-row read gives, names that are not UTF-8 included; a value holding one of the
    separators falls back to reading row by row."""
    odd = corpus[0].with_name(os.fsdecode(b"odd\xff.txt"))
    shutil.copy(corpus[1], odd)
    files = [*corpus, odd]
    cold = _update(tmp_path / "cache", files)
    monkeypatch.setattr(index_module, "_SCAN_ROWS", 0)
    index_module._last_summaries = index_module._LastSummaries()  # read, not reused
    with Index.open(tmp_path / "cache") as index:
        rows = index._conn.execute("SELECT id, path, size, mtime_ns, hash FROM files").fetchall()
        assert index._known_rows() == {
            os.fsdecode(path) if isinstance(path, bytes) else path: (id_, size, mtime, digest)
            for id_, path, size, mtime, digest in rows
        }
        assert os.path.abspath(odd) in index._known_rows()
        warm = index.update(files, workers=1)
        assert warm.unchanged == len(files)
        assert [s.model_dump() for s in warm.summaries] == [s.model_dump() for s in cold.summaries]
        ids = [row[0] for row in rows]
        stored = dict(index._conn.execute("SELECT id, summary FROM files").fetchall())
        assert index._column("summary", ids) == stored
        odd_text = stored[ids[0]][:-1] + ',"x":"a\x1eb\x1fc"}'
        index._conn.execute("UPDATE files SET summary = ? WHERE id = ?", (odd_text, ids[0]))
        assert index._one_step("summary") is None
        assert index._column("summary", ids) == {**stored, ids[0]: odd_text}
