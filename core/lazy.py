"""Values made when needed: large corpora keep only what is shown, and launch waits for
nothing it does not show."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from typing import Generic, TypeVar, overload

T = TypeVar("T")


class LazySequence(Sequence[T]):
    """`length` items, item `i` being `get(i)` (which may load or build it, and cache it)."""

    def __init__(self, length: int, get: Callable[[int], T]) -> None:
        self._length = length
        self._get = get

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self._get(j) for j in range(*i.indices(self._length))]
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError(f"index {i} out of range for {self._length} items")
        return self._get(i)

    def __iter__(self) -> Iterator[T]:
        return map(self._get, range(self._length))

    def __repr__(self) -> str:
        return f"<{self._length} items, each made when read>"


class Background(Generic[T]):
    """A value computed in a thread: the caller carries on (the app draws its list) and
    whoever needs the value waits for it (`result`), or asks whether it is in (`ready`,
    `peek`). An error is raised by `result`, to each caller that waits.

    The thread starts at once, or with `start=False` when `start()` is called or the value
    is first waited for (the app starts it after its first frame: two threads share one
    interpreter, so a load running beside the first frame would slow that frame down)."""

    def __init__(self, compute: Callable[[], T], *, name: str, start: bool = True) -> None:
        self._future: Future[T] = Future()
        self._compute: Callable[[], T] | None = compute
        self._name = name
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[BaseException | None], None]] = []
        if start:
            self.start()

    @classmethod
    def done(cls, value: T) -> Background[T]:
        """A value already there."""
        made = cls(lambda: value, name="done", start=False)
        made._compute = None  # never a thread: the value is set here
        made._future.set_result(value)
        return made

    def start(self) -> None:
        """Start computing, if not started yet."""
        with self._lock:
            compute, self._compute = self._compute, None
        if compute is not None:
            # Not a daemon: a script that ends right after loading still gets its work stored.
            threading.Thread(target=self._run, args=(compute,), name=self._name).start()

    def _run(self, compute: Callable[[], T]) -> None:
        try:
            value = compute()
        except BaseException as err:  # handed to whoever waits, never lost in the thread
            self._future.set_exception(err)
        else:
            self._future.set_result(value)
        with self._lock:
            callbacks, self._callbacks = self._callbacks, []
        error = self._future.exception()
        for callback in callbacks:
            try:
                callback(error)
            except Exception:  # as Future.add_done_callback: one failing callback is logged
                logging.getLogger(__name__).exception("callback of %s failed", self._name)

    def result(self) -> T:
        self.start()
        return self._future.result()

    @property
    def ready(self) -> bool:
        """Whether the value (or its error) is in: `result` answers at once."""
        return self._future.done()

    @property
    def error(self) -> BaseException | None:
        """What stopped the value being made, once that is known (never waits)."""
        return self._future.exception() if self._future.done() else None

    def peek(self) -> T | None:
        """The value if it is in, else None (never waits, never raises, never starts)."""
        future = self._future
        return future.result() if future.done() and future.exception() is None else None

    def when_ready(self, callback: Callable[[BaseException | None], None]) -> None:
        """Call `callback(error or None)` once the value is in: from the computing thread, or
        here and now if it already is. Dropped once called: a callback that refers back to
        its owner would otherwise keep a dropped corpus alive in a cycle (see core.corpus)."""
        with self._lock:
            if not self._future.done():
                self._callbacks.append(callback)
                return
        callback(self._future.exception())
