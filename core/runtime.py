"""How the pipeline uses the machine: worker processes, progress reports, collector pauses.

One of each, so the plain loader (`corpus.read_bulletins`) and the index parse files the same
way: the same start method, the same worker count, the same threshold for a pool.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

Progress = Callable[[int, int, Path], None]
"""Called as progress(files done, files in all, the file just parsed)."""

#: Below this many files a process pool costs more than it saves.
MIN_FILES_FOR_POOL = 48


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def new_pool(workers: int) -> ProcessPoolExecutor:
    """A parsing pool; submit to it inside `stderr_for_workers()` (workers start on submit).

    forkserver where available: forking a threaded process (the app) can deadlock. Each
    worker watches its parent and exits when it is gone (`watch_parent`).
    """
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["core.index", "core.parse"])
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=watch_parent,
        initargs=(os.getpid(),),
    )


def bounded_workers(requested: int | None) -> int:
    """Parser processes to start: the cores available at most (50 workers on 2 cores were 3x
    slower than 2), the cores when not given."""
    cores = default_workers()
    return cores if requested is None or requested < 1 else min(requested, cores)


_PARENT_POLL_SECONDS = 0.5


def watch_parent(parent_pid: int) -> None:
    """Pool initializer: the worker exits when the process that started the pool is gone.

    Workers otherwise wait forever on their task queue: after a SIGKILL of `index` they, and
    with them the resource tracker, stayed alive.
    Under forkserver the worker's parent is the forkserver, which exits with the main process,
    so a change of parent is the signal; the main pid is checked too, for the spawn context.
    """
    first_parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(_PARENT_POLL_SECONDS)
            if os.getppid() != first_parent or not _alive(parent_pid):
                os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, as another user
    return True


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop at once: pending work cancelled, running workers terminated (an interrupted
    `index` must not wait for every queued chunk, as a plain shutdown would)."""
    # No public terminate before 3.14; shutdown() forgets the processes, so list them first.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with suppress(Exception):
            process.terminate()


@contextmanager
def stderr_for_workers() -> Iterator[None]:
    """Lend multiprocessing the real stderr while workers start.

    Its resource tracker passes `sys.stderr.fileno()` to a new process, and under a Textual
    app sys.stderr is a print capture whose fileno() is -1: starting the pool fails with
    "bad value(s) in fds_to_keep" (seen at the first launch after an upgrade re-indexed).
    """
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable or sys.__stderr__ is None:
        yield
        return
    borrowed, sys.stderr = sys.stderr, sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = borrowed


@contextmanager
def gc_paused() -> Iterator[None]:
    """Build or decode long-lived records without the cyclic garbage collector walking them.

    Creating ~10^5 small records triggers full collections over the whole corpus again and
    again (measured: 40% of resolve's time, 3x slower warm loads), and later, mid-typing, one
    full pass over the millions of objects of a large corpus and its search index stalls a
    keystroke ~0.3 s. So collection pauses while building, and what was built is frozen
    (`gc.freeze`: moved out of the collector's sight; reference counting still frees it).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
