"""How the pipeline uses the machine: worker processes, progress reports, collector pauses.

One of each, so the plain loader (`corpus.read_bulletins`) and the index parse files the same
way: the same start method, the same worker count, the same threshold for a pool.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
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
    """A parsing pool; submit to it inside `starting_workers()` (workers start on submit).

    Started as `start_method()` says. Each worker watches its parent and exits when it is
    gone (`watch_parent`).
    """
    method = start_method()
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["core.index", "core.parse"])
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=watch_parent,
        initargs=(os.getpid(),),
    )


def start_method() -> str:
    """fork when this process has one thread (on Linux), else forkserver, else spawn.

    fork is the cheapest start, and with fork ProcessPoolExecutor starts every worker at the
    first submit, before its own threads. Forking a process that has other threads (the app,
    a Jupyter kernel, a script whose earlier load left its entity thread running) can
    deadlock on a lock held mid-fork, so those get forkserver. forkserver and spawn would
    prepare each worker by running the caller's main module again, an unguarded script's
    top-level code included: `starting_workers` keeps them from it. macOS forks unsafely
    (system frameworks).
    """
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and _single_threaded():
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _single_threaded() -> bool:
    """True when this process has one OS thread (threads started from C count too)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


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
    # A forked worker inherits the command's Python handlers, which turn SIGTERM/SIGHUP into an
    # exception that the pool would ship back to the parent as a task's result: a worker ends
    # the way the pool's shutdown expects, by the default action.
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            signal.signal(signum, signal.SIG_DFL)
    if _STOP_SIGNALS:  # started inside `starting_workers()`, which holds them
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)

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


#: How long a stopped pool's workers may take to finish the chunk they are on.
STOP_GRACE_S = 3.0


def stop_pool(pool: ProcessPoolExecutor, grace: float = STOP_GRACE_S) -> None:
    """Stop soon: pending work cancelled, each running chunk given `grace` seconds to end,
    then the workers still running terminated (an interrupted `index` must not wait for every
    queued chunk, as a plain shutdown would).

    Not at once: a worker terminated while it sends its result leaves half a message in the
    result pipe, and the pool's manager thread then waits for the rest for ever; Python joins
    that thread at exit, so `index` printed its summary and never exited (an SQLite write
    error or a signal mid-parse, about 1 run in 8 under load). A worker that finishes its
    chunk gets the pool's stop sentinel and exits by itself.
    """
    # No public terminate before 3.14; shutdown() forgets the processes, so list them first.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + grace
    for process in processes:
        with suppress(Exception):
            process.join(max(0.0, deadline - time.monotonic()))
    for process in processes:
        with suppress(Exception):
            if process.is_alive():
                process.terminate()
    # The pool's manager thread closes its wake-up pipe as it ends, while at exit Python
    # writes to that pipe without a lock (3.11's concurrent.futures._python_exit): a stopped
    # `index` exiting meanwhile printed "Exception ignored ... Bad file descriptor" (1 run in
    # 15 under load). Once the thread has ended, that write is skipped.
    if isinstance(manager, threading.Thread):
        with suppress(Exception):
            manager.join(grace)


#: Signals that stop a command; held while workers start (`signals_held`).
_STOP_SIGNALS: tuple[signal.Signals, ...] = (
    tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))
    if hasattr(signal, "pthread_sigmask")
    else ()
)


@contextmanager
def starting_workers() -> Iterator[None]:
    """Where a pool starts its processes (submit to a new pool inside it): the real stderr
    is lent, the stop signals are held until the workers exist, and the caller's main
    module is kept out of them."""
    with signals_held(), stderr_for_workers(), main_module_hidden():
        yield


@contextmanager
def main_module_hidden() -> Iterator[None]:
    """Workers started inside do not run the caller's main module.

    forkserver and spawn prepare a worker by running the parent's `__main__` again (as
    `__mp_main__`): a script without an `if __name__ == "__main__":` guard printed its
    output, and wrote its files, once more per worker whenever a thread made the pool
    start by forkserver (an earlier `load_corpus` still resolving entities). The workers
    run only core's functions and need nothing from it, so while they start `__main__`
    has no `__spec__` and no `__file__`: multiprocessing then imports nothing, as for an
    interactive session."""
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved = {name: vars(main)[name] for name in ("__spec__", "__file__") if name in vars(main)}
    vars(main).pop("__file__", None)
    main.__spec__ = None
    try:
        yield
    finally:
        if "__spec__" not in saved:
            vars(main).pop("__spec__", None)
        vars(main).update(saved)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP in this thread; they are handled when the block ends.

    Python runs a signal's handler at the next bytecode; while a pool forks, that is inside
    the at-fork hooks (logging releases its lock there), where the handler's exception is
    printed and dropped: a SIGTERM that came as `index` started its workers was lost and the
    command ran to the end, exit 0. Held, it is handled after the forks, in ordinary code.
    Processes started inside inherit the mask; `watch_parent` lifts it in every worker.
    """
    if not _STOP_SIGNALS:
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


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

    A frozen object that later becomes garbage in a reference cycle is never collected,
    though: a long-running process calls `collect_frozen` once it has dropped what it
    replaced (the app, after each refresh).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def collect_frozen() -> None:
    """Free the cyclic garbage among frozen objects (a replaced corpus, old widgets), then
    freeze what is alive again. One full collection: 0.08-0.13 s of CPU in the app on 500
    bulletins (benchmarks/bench_refresh_gc.py), growing with the objects alive."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
