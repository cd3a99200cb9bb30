"""Where a stage's work runs: in this process, in local worker processes, or on a Dask
cluster — the same pure function over the same plain data on each.

In: ``fn(shared, item) -> result``, a function defined at the top level of a module (it is
sent by name, so a worker must have the same compare-letters installed);
``shared``, plain data every call needs (settings, a taxonomy: picklable, sent once per
worker); and the items (plain data: paths, bytes, frozen dataclasses), each sent once. Out:
:meth:`Engine.map_plain` gives the results one at a time **in the items' order**, as they
come back. At most :data:`WINDOW_PER_WORKER` chunks per worker are in flight or waiting, so
neither the items nor the results of a large corpus are ever all in memory at once: the
caller consumes each result and lets it go (or keeps it, once).

Engines (:func:`make_engine`, the CLI's ``--jobs``, ``--engine`` and ``--scheduler``):

- :class:`~compare.engines.local.InProcess` (``--jobs 1``): a plain loop;
- :class:`~compare.engines.local.LocalPool` (``--jobs N``, the default with N = the cores
  this process may use): a pool of N processes on this machine; workers ignore Ctrl-C, the
  parent cancels what has not started and the CLI exits 130;
- :class:`~compare.engines.cluster.DaskEngine` (``--engine dask``): a Dask cluster
  (``--scheduler tcp://HOST:PORT``), or a ``LocalCluster`` of ``--jobs`` workers it starts.
  The only module that imports dask/distributed, and only when used.

A function raising inside a worker raises in the caller, with its own type. What goes
wrong with the engine itself (the dask extra missing, a scheduler out of reach, a worker
that died) is an :class:`EngineError`: one line, exit 1.
"""

from __future__ import annotations

import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from types import TracebackType
from typing import Any, Generic, Literal, Protocol, TypeVar

from compare.errors import LetterError

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

EngineName = Literal["local", "dask"]
ENGINES: tuple[EngineName, ...] = ("local", "dask")

WINDOW_PER_WORKER = 2
"""Chunks in flight per worker: one running, one queued behind it, so a worker never waits
for the parent to send more (two is the usual double-buffering; more only holds memory)."""


class EngineError(LetterError):
    """The engine cannot do the work: the dask extra is not installed, the scheduler cannot
    be reached, a worker died or runs another version of compare-letters. One line, exit 1."""

    def __reduce__(self) -> tuple[type[EngineError], tuple[str | None, str]]:
        # raised in workers and sent back: rebuilt from both arguments, not from the message
        return (type(self), (self.path, self.problem))


class Future(Protocol[R_co]):
    """What both ``concurrent.futures`` and ``distributed`` futures offer."""

    def result(self) -> R_co: ...
    def cancel(self) -> Any: ...


class Engine(Protocol):
    """Runs ``fn(shared, item)`` for every item somewhere, giving the results in order."""

    @property
    def name(self) -> str:
        """``in-process``, ``local`` or ``dask`` (for messages)."""
        ...

    @property
    def shares_files(self) -> bool:
        """Whether the workers see this machine's files at the same paths (else a stage
        sends the bytes of the files its items name)."""
        ...

    def map_plain(
        self,
        fn: Callable[[S, T], R],
        shared: S,
        items: Iterable[T],
        chunk: int = 1,
        large: bool = False,
    ) -> Results[R]:
        """``fn(shared, item)`` for each item, in order, sent ``chunk`` items per task (more
        per task saves per-task costs when each call is short). The work starts now; the
        results are consumed from the returned iterator, which must be closed (``with``)
        when not read to the end. ``large``: the items are large (megabytes, e.g. a whole
        corpus for one report), so a cluster sends each chunk straight to a worker rather
        than inside its task through the scheduler; local engines ignore it. Raises what
        ``fn`` raises, and :class:`EngineError`."""
        ...

    def close(self) -> None:
        """Let go of the workers (a cluster this engine started is stopped)."""
        ...


def run_chunk(fn: Callable[[S, T], R], shared: S, chunk: list[T]) -> list[R]:
    """What one task does, wherever it runs: ``fn(shared, item)`` for each item of ``chunk``."""
    return [fn(shared, item) for item in chunk]


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter), taken as needed."""
    iterator = iter(items)
    while batch := list(islice(iterator, max(1, size))):
        yield batch


class Results(Generic[R]):
    """The results of :meth:`Engine.map_plain`, in the items' order, as they come back.

    ``submit`` starts one chunk and returns its future; at most ``window`` chunks are
    started and not yet read. Reading the next result waits for the oldest chunk and starts
    another. :meth:`close` (also on an error, on Ctrl-C and at the end) cancels what has not
    started and calls ``finish``; closed by Ctrl-C (a ``KeyboardInterrupt`` while a result is
    awaited, or leaving the ``with`` block), it calls ``abort`` instead when given (stop the
    running work now rather than wait for it). ``fatal`` are the exception types that mean
    the engine itself failed: they become an :class:`EngineError` naming ``where``."""

    def __init__(
        self,
        submit: Callable[[list[Any]], Future[list[R]]],
        chunks: Iterator[list[Any]],
        window: int,
        finish: Callable[[], None] = lambda: None,
        fatal: tuple[type[BaseException], ...] = (),
        where: str | None = None,
        abort: Callable[[], None] | None = None,
    ) -> None:
        self._submit = submit
        self._chunks = chunks
        self._pending: deque[Future[list[R]]] = deque()
        self._ready: deque[R] = deque()
        self._finish = finish
        self._abort = abort or finish
        self._fatal = fatal
        self._where = where
        self._closed = False
        try:
            for batch in islice(chunks, max(1, window)):
                self._pending.append(submit(batch))
        except BaseException as error:
            self.close(aborted=isinstance(error, KeyboardInterrupt))
            raise

    def __iter__(self) -> Results[R]:
        return self

    def __next__(self) -> R:
        while not self._ready:
            if not self._pending:
                self.close()
                raise StopIteration
            try:
                self._ready.extend(self._pending.popleft().result())
                for batch in islice(self._chunks, 1):
                    self._pending.append(self._submit(batch))
            except self._fatal as error:
                self.close()
                problem = f"the work stopped: {error or type(error).__name__}"
                raise EngineError(self._where, problem) from error
            except BaseException as error:
                self.close(aborted=isinstance(error, KeyboardInterrupt))
                raise
        return self._ready.popleft()

    def close(self, aborted: bool = False) -> None:
        """Cancel the chunks not yet read and let go of the workers (``aborted``: stop
        those running too, on Ctrl-C); idempotent."""
        if self._closed:
            return
        self._closed = True
        for future in self._pending:
            future.cancel()
        self._pending.clear()
        self._ready.clear()
        (self._abort if aborted else self._finish)()

    def __enter__(self) -> Results[R]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close(aborted=isinstance(error, KeyboardInterrupt))


@contextmanager
def sigint_held() -> Iterator[None]:
    """SIGINT held back while the block runs (in the main thread, where Python handles it):
    a Ctrl-C meanwhile is not lost but arrives when the block ends. Processes started
    meanwhile are born ignoring it, and with it blocked — both inherited through ``fork``
    and kept by a new Python, Dask's nannies and workers included — so Ctrl-C at the
    terminal reaches only this process, which stops the work (:func:`ignore_sigint` in a
    worker). Blocked first: Linux keeps a blocked signal pending even while it is ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if _MASKS:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if _MASKS:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def ignore_sigint() -> None:
    """In a worker: ignore Ctrl-C (the parent stops the work), one held back included."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _MASKS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


_MASKS = hasattr(signal, "pthread_sigmask")


def default_jobs() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def make_engine(
    name: EngineName = "local", jobs: int | None = None, scheduler: str | None = None
) -> Engine:
    """The engine the CLI's options name: ``local`` with ``jobs`` processes (1: in this
    process; ``None``: :func:`default_jobs`), or ``dask`` on the cluster at ``scheduler``
    (``None``: a ``LocalCluster`` of ``jobs`` single-threaded worker processes, started on
    first use). Raises ``ValueError`` for a scheduler without the dask engine (the CLI
    checks this first and says it as a usage error)."""
    if name == "dask":
        from compare.engines.cluster import DaskEngine

        return DaskEngine(scheduler, jobs or default_jobs())
    if scheduler is not None:
        raise ValueError("a scheduler address needs the dask engine")
    from compare.engines.local import InProcess, LocalPool

    count = jobs or default_jobs()
    return InProcess() if count <= 1 else LocalPool(count)
