"""The index under a full disk, huge or endless files, kills, and odd command lines."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from contextlib import closing
from pathlib import Path

import pytest

from core import index as index_module
from core import runtime
from core.cache_paths import INDEX_FILENAME
from core.corpus import load_corpus
from core.index import Index, bounded_workers
from core.parse import parse_file
from tui.cli import Terminated, _signals_as_interrupt, run

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def distinct_copies(folder: Path, count: int) -> Path:
    """`count` distinct bulletins made from the seeds (each with its own last line)."""
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for n in range(count):
        text = seeds[n % len(seeds)].read_text("utf-8") + f"\nCopia {n}.\n"
        (folder / f"{n:04d}.txt").write_text(text, "utf-8")
    return folder


@pytest.fixture()
def many(tmp_path: Path) -> Path:
    """60 bulletins: enough to fill a small cache and to start a process pool."""
    return distinct_copies(tmp_path / "many", 60)


def test_full_disk_carries_on_in_memory_and_recovers(
    many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(many.iterdir())
    cache = tmp_path / "cache"
    real_connect = index_module._connect

    def small_disk(path: Path) -> sqlite3.Connection:
        conn = real_connect(path)
        conn.execute("PRAGMA max_page_count = 60")  # SQLITE_FULL after ~240 KB
        return conn

    monkeypatch.setattr(index_module, "_connect", small_disk)
    with Index.open(cache) as index:
        full = index.update(files, workers=1)
        assert not full.cached and any("disk is full" in n for n in full.notices)
        assert [b.model_dump() for b in full.bulletins] == [
            parse_file(p).model_dump() for p in files
        ]
        assert index.search_text("Zoé Robledo")  # search works without the cache too
    with Index.open(cache) as index:  # still full: every later command still works
        assert index.update(files, workers=1).summaries == full.summaries

    monkeypatch.setattr(index_module, "_connect", real_connect)  # space is back
    with Index.open(cache) as index:
        recovered = index.update(files, workers=1)
        assert recovered.cached and recovered.notices == []
        assert recovered.summaries == full.summaries
    with Index.open(cache) as index:
        assert index.update(files, workers=1).unchanged == len(files)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE as on Linux")
def test_file_size_limit_during_index_is_a_notice(many: Path, tmp_path: Path) -> None:
    """`ulimit -f`: the cache file cannot grow; the command still succeeds, then recovers.

    It also exits: the write error abandons the parsing pool mid-run, and a worker stopped
    while sending its result used to leave `index` hanging at exit (core.runtime.stop_pool);
    should it hang again, the stacks of its threads are in the failure."""
    cache = str(tmp_path / "cache")
    limited = (
        "import faulthandler, resource, sys\n"
        "faulthandler.dump_traceback_later(240, exit=True)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (150_000, 150_000))\n"
        "from tui.cli import run\n"
        f"sys.exit(run(['index', {str(many)!r}, '--cache-dir', {cache!r}, '--json']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", limited], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert '"files": 60' in done.stdout and "working without a cache" in done.stdout
    for _ in range(2):
        assert run(["index", str(many), "--cache-dir", cache, "--json"]) == 0
    with Index.open(cache) as index:
        assert index.update(sorted(many.iterdir())).unchanged == 60


def test_index_hashes_with_the_bounds_of_parsing(tmp_path: Path) -> None:
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as handle:
        handle.truncate(6 * 1024**3)  # 6 GB of holes: took 6.3 GB of RAM and 37 s
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with Index.open(tmp_path / "cache") as index:
            report = index.update([sparse, "/dev/zero", "/dev/urandom"], workers=1)
            sparse.touch()  # changed mtime, same size: hashed again to compare
            again = index.update([sparse], workers=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 60
    assert peak < 100 * 1024**2, f"{peak / 1024**2:.0f} MB"
    assert report.failed == 3
    assert [i.code for b in report.summaries for i in b.issues] == [
        "binary",
        "not-regular",
        "not-regular",
    ]
    assert again.unchanged == 1


def _group_alive(pgid: int) -> list[int]:
    """Processes of a process group that are still running (not zombies)."""
    alive = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(entry))
    return alive


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize(
    ("signum", "status"),
    [
        (signal.SIGTERM, 128 + signal.SIGTERM),
        (signal.SIGHUP, 128 + signal.SIGHUP),
        (signal.SIGKILL, -signal.SIGKILL),
    ],
)
def test_killed_index_leaves_no_process_behind(tmp_path: Path, signum: int, status: int) -> None:
    folder = distinct_copies(tmp_path / "big", 1500)  # still parsing when the signal comes
    command = [sys.executable, "-m", "tui.cli", "index", str(folder), "--no-cache"]
    child = subprocess.Popen(
        [*command, "--workers", "2", "--json"],
        cwd=ROOT,
        start_new_session=True,  # its own process group: forkserver, tracker, workers
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        # main and two more: the workers (fork, from a one-thread process: core/runtime.py),
        # or forkserver, tracker and workers
        while len(_group_alive(child.pid)) < 3:
            assert child.poll() is None, "finished before the pool started"
            assert time.monotonic() < deadline, "the pool never started"
            time.sleep(0.05)
        child.send_signal(signum)
        assert child.wait(timeout=60) == status
        deadline = time.monotonic() + 30
        while _group_alive(child.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _group_alive(child.pid) == []
    finally:
        for pid in _group_alive(child.pid):
            os.kill(pid, signal.SIGKILL)


def _rows_stored(database: Path) -> int:
    """Files the index has committed so far, read as another process would (0 before the
    cache exists)."""
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
            return int(conn.execute("SELECT count(*) FROM files").fetchone()[0])
    except sqlite3.Error:
        return 0


#: What is killed: `imss-tui index`, and the app's first load (its threads make the pool
#: start by forkserver, its loader groups entities as files are parsed).
_INDEXERS = {
    "index": "sys.exit(run(['index', FOLDER, '--cache-dir', CACHE, '--workers', '2', '--json']))",
    "app": "make_app([FOLDER], cache_dir=CACHE, workers=2).run(headless=True)",
}


@pytest.mark.parametrize("indexer", sorted(_INDEXERS))
def test_an_index_killed_midway_keeps_what_it_stored(tmp_path: Path, indexer: str) -> None:
    """`kill -9` mid-index: the next run parses only the rest, and the corpus (summaries,
    bulletins, entities) is the one an uninterrupted run gives."""
    folder = distinct_copies(tmp_path / "big", 120)  # enough for a pool of 2
    files = sorted(folder.iterdir())
    cache = tmp_path / "cache"
    database = cache / INDEX_FILENAME
    program = (
        "import sys\nfrom tui.cli import run\nfrom tui.app import make_app\n"
        f"FOLDER, CACHE = {str(folder)!r}, {str(cache)!r}\n{_INDEXERS[indexer]}\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", program],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while _rows_stored(database) == 0:  # killed right after its first commit
            assert child.poll() is None, "finished before it could be killed"
            assert time.monotonic() < deadline, "nothing was ever stored"
            time.sleep(0.01)
        child.kill()
    finally:
        child.kill()
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    with closing(sqlite3.connect(database)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    kept = _rows_stored(database)
    assert 0 < kept < len(files)

    with Index.open(cache) as index:
        resumed = index.update(files)
        assert (resumed.unchanged, resumed.new, resumed.failed) == (kept, len(files) - kept, 0)
        resumed_bulletins = [b.model_dump() for b in resumed.bulletins]
    with Index.open(tmp_path / "fresh") as index:
        whole = index.update(files)
        assert resumed.summaries == whole.summaries
        assert resumed_bulletins == [b.model_dump() for b in whole.bulletins]

    def entities(cache_dir: Path) -> list[dict[str, object]]:
        corpus = load_corpus(folder, cache_dir=cache_dir)
        return [entity.model_dump() for entity in corpus.entities]

    assert entities(cache) == entities(tmp_path / "fresh")


def test_a_signal_while_the_pool_forks_still_stops_index(many: Path) -> None:
    """A SIGTERM landing right after a fork, as the test above sometimes sends it, was
    handled inside an at-fork hook that dropped its exception: `index` finished, exit 0."""
    program = (
        "import os, signal, sys\n"
        "from tui.cli import run\n"
        "os.register_at_fork(after_in_parent=lambda: os.kill(os.getpid(), signal.SIGTERM))\n"
        f"sys.exit(run(['index', {str(many)!r}, '--no-cache', '--workers', '2', '--json']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert done.stdout == ""  # no summary of an index that was stopped
    assert "Exception ignored" not in done.stderr


def _blocked_signals() -> set[int]:
    with open("/proc/self/status", encoding="utf-8") as handle:
        mask = next(int(line.split()[1], 16) for line in handle if line.startswith("SigBlk"))
    return {signum for signum in range(1, 65) if mask >> (signum - 1) & 1}


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_workers_start_with_the_stop_signals_back(tmp_path: Path) -> None:
    stops = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    before = _blocked_signals()
    with runtime.starting_workers():
        assert stops <= _blocked_signals()
        pool = runtime.new_pool(2)
        futures = [pool.submit(_blocked_signals) for _ in range(4)]
    with pool:
        assert all(not stops & future.result() for future in futures)
    assert _blocked_signals() == before


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the drop
def test_a_signal_dropped_by_a_finalizer_still_stops_the_command() -> None:
    class SendsTerm:
        def __del__(self) -> None:  # Python prints and drops what a finalizer raises
            os.kill(os.getpid(), signal.SIGTERM)

    with pytest.raises(Terminated) as stopped, _signals_as_interrupt():
        SendsTerm()
        done = True
    assert done and stopped.value.signum == signal.SIGTERM


def test_workers_are_bounded_to_the_cores(capsys: pytest.CaptureFixture[str]) -> None:
    cores = bounded_workers(None)
    assert bounded_workers(cores + 48) == cores and bounded_workers(1) == 1
    assert run(["index", str(SEEDS), "--no-cache", "--json", "--workers", "50"]) == 0
    assert f"--workers 50: only {cores} core(s) here; using {cores}" in capsys.readouterr().err
    assert run(["index", str(SEEDS), "--no-cache", "--workers", "0"]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err


def test_search_text_exits_1_when_a_file_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ok.txt").write_bytes(next(SEEDS.glob("003_*.txt")).read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    assert run(["search-text", "Zoé", str(tmp_path), "--no-cache"]) == 1
    assert run(["search-text", "Zoé", str(tmp_path / "ok.txt"), "--no-cache"]) == 0


def test_query_starting_with_a_dash_explains_the_double_dash(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["search-text", "-IMSS", str(SEEDS)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert 'a query starting with "-" needs "--" first: search-text -- -IMSS' in err
    assert run(["search-text", "--no-cache", "--", "-IMSS", str(SEEDS)]) == 0


def test_a_stopped_pool_has_no_thread_left_for_the_exit_to_race() -> None:
    """At exit Python wakes each pool's manager thread through a pipe that thread closes as
    it ends, without a lock (3.11): a stopped `index` exiting while it ended printed
    "Exception ignored ... Bad file descriptor". stop_pool now waits for it."""
    with runtime.starting_workers():
        pool = runtime.new_pool(2)
        futures = [pool.submit(time.sleep, 0.3) for _ in range(8)]
    manager = pool._executor_manager_thread
    assert manager is not None and manager.is_alive()
    runtime.stop_pool(pool, grace=0.05)
    assert not manager.is_alive()
    assert any(future.cancelled() for future in futures)
