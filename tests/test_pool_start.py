"""`load_corpus` with a process pool works however the caller's program is written.

Each case runs a real Python process: a script without a main guard (the README example), a
`python -c` program, and a load from a second thread as the app does. Top-level code must run
once, nothing may be printed on stderr, and every file must be parsed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.synth import write_corpus
from core.runtime import MIN_FILES_FOR_POOL

ROOT = Path(__file__).resolve().parent.parent
FILES = MIN_FILES_FOR_POOL + 4  # enough for a pool


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None, "README's Python API section has no python block"
    return match.group(1)


def _run(args: list[str], tmp_path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "IMSS_TUI_CACHE": str(tmp_path / "cache"),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180
    )


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pool-corpus")
    write_corpus(out, FILES, seed=7)
    return out


def _unguarded_script(corpus_dir: Path, log: Path, options: str) -> str:
    """The README example, then a pooled load, with a top-level side effect and no guard."""
    return (
        _readme_example()
        + f"\nwith open({str(log)!r}, 'a') as log:\n    log.write('top level ran\\n')\n"
        + f"big = load_corpus({str(corpus_dir)!r}{options})\n"
        + "print(len(big.bulletins), sum(1 for b in big.summaries if b.issues))\n"
    )


def test_readme_example_runs_as_a_plain_script(tmp_path: Path) -> None:
    script = tmp_path / "example.py"
    script.write_text(_readme_example() + "print(corpus.search('gober chihu')[0].entity.name)\n")
    done = _run([str(script)], tmp_path, ROOT)
    assert done.stderr == ""
    assert done.returncode == 0
    assert done.stdout.strip() == "César Duarte Jáquez"


@pytest.mark.parametrize("options", ["", ", use_cache=False"], ids=["cached", "uncached"])
def test_unguarded_script_with_a_pool_runs_its_top_level_once(
    corpus_dir: Path, tmp_path: Path, options: str
) -> None:
    log = tmp_path / "side_effect.log"
    script = tmp_path / "unguarded.py"
    script.write_text(_unguarded_script(corpus_dir, log, options))
    done = _run([str(script)], tmp_path, tmp_path)
    assert done.stderr == ""
    assert done.returncode == 0
    assert done.stdout.split() == [str(FILES), "0"]
    assert log.read_text().splitlines() == ["top level ran"]


def test_python_c_program_loads_with_a_pool(corpus_dir: Path, tmp_path: Path) -> None:
    log = tmp_path / "side_effect.log"
    done = _run(["-c", _unguarded_script(corpus_dir, log, "")], tmp_path, tmp_path)
    assert done.stderr == ""
    assert done.stdout.split() == [str(FILES), "0"]
    assert log.read_text().splitlines() == ["top level ran"]


def test_load_from_a_worker_thread_uses_a_safe_start(corpus_dir: Path, tmp_path: Path) -> None:
    """The app loads in a thread: a multi-threaded process must not fork its workers."""
    program = (
        "import threading\n"
        "from core import load_corpus\n"
        "from core.runtime import start_method\n"
        "if __name__ == '__main__':\n"
        "    print(start_method())\n"
        "    seen = []\n"
        "    def work():\n"
        "        seen.append(start_method())\n"
        f"        seen.append(len(load_corpus({str(corpus_dir)!r}).bulletins))\n"
        "    thread = threading.Thread(target=work)\n"
        "    thread.start()\n"
        "    thread.join()\n"
        "    print(*seen)\n"
    )
    script = tmp_path / "threaded.py"
    script.write_text(program)
    done = _run([str(script)], tmp_path, tmp_path)
    assert done.stderr == ""
    main_thread, in_thread = done.stdout.splitlines()
    if sys.platform == "linux":
        assert main_thread == "fork"
    assert in_thread.split()[0] in {"forkserver", "spawn"}
    assert in_thread.split()[1] == str(FILES)


#: A worker is stopped while it sends a 100 MB result; the program must then exit.
STOPPED_MID_SEND = """
import multiprocessing, sys, time
from core.runtime import new_pool, starting_workers, stop_pool

sending = multiprocessing.Event()  # inherited by the forked worker


class Sent:
    def __reduce__(self):  # pickled last: the result's bytes go to the pipe right after
        sending.set()
        return (str, ("sent",))


def big_result():
    return b"x" * 100_000_000, Sent()


pool = new_pool(1)
with starting_workers():
    pool.submit(big_result)
assert sending.wait(60), "the worker never got to its result"
time.sleep(0.02)  # the result is in the pipe, half read
stop_pool(pool)
print("stopped", flush=True)
"""


def test_a_pool_stopped_while_a_worker_sends_its_result_lets_the_program_exit(
    tmp_path: Path,
) -> None:
    """A worker terminated mid-send left half a message in the result pipe; the pool's
    manager thread waited for the rest for ever, and Python joins it at exit: `index` printed
    its summary and hung (tests/test_hostile_cache.py's size-limit test, 1 run in 8)."""
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_MID_SEND],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,  # it hung for ever
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "stopped\n"


def test_unguarded_script_with_a_thread_running_runs_its_top_level_once(
    corpus_dir: Path, tmp_path: Path
) -> None:
    """A thread alive when the pool starts (an earlier load still resolving entities, as
    after the README example) makes the pool start by forkserver, whose workers ran the
    unguarded script again: its output came three times, its side effect too."""
    log = tmp_path / "side_effect.log"
    script = tmp_path / "threaded.py"
    script.write_text(
        "import threading\nimport time\n"
        "threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
        + _unguarded_script(corpus_dir, log, ", use_cache=False")
    )
    done = _run([str(script)], tmp_path, tmp_path)
    assert done.stderr == ""
    assert done.returncode == 0
    assert done.stdout.split() == [str(FILES), "0"]
    assert log.read_text().splitlines() == ["top level ran"]


def test_the_main_module_is_back_once_workers_started() -> None:
    import __main__
    from core.runtime import main_module_hidden

    before = (__main__.__spec__, getattr(__main__, "__file__", None))
    with main_module_hidden():
        assert __main__.__spec__ is None and not hasattr(__main__, "__file__")
    assert (__main__.__spec__, getattr(__main__, "__file__", None)) == before
