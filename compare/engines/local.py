"""The engines of one machine: a plain loop, and a pool of worker processes.

:class:`LocalPool` starts its processes for each :meth:`~LocalPool.map_plain` call and stops
them when the results are read (or closed): a stage's run is seconds to minutes, starting
the pool costs tens of milliseconds. Fewer than :attr:`LocalPool.min_items` items run in this
process, where starting workers would cost more than it saves.

Workers are forked when this process runs a single thread (they then start with every module
already imported), else started afresh (``forkserver``, or ``spawn`` where there is none):
forking a process with threads can deadlock. Workers are born ignoring SIGINT
(:func:`~compare.engines.sigint_held`), so Ctrl-C at the terminal reaches only the parent,
which cancels the chunks not started, stops the workers (their running chunks are abandoned:
a report being rendered can take minutes) and lets the interrupt go on.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, TypeVar

from compare.engines import (
    WINDOW_PER_WORKER,
    Results,
    chunked,
    ignore_sigint,
    run_chunk,
    sigint_held,
)

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

MIN_POOL_ITEMS = 8
"""Fewer items than this run in this process: starting two workers costs about as much as
reading a few letters (see the pool figures in README "Running on a cluster")."""


class _Done:
    """A finished future: what :class:`InProcess` hands to :class:`Results`."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value

    def cancel(self) -> bool:
        return False


@dataclass(frozen=True)
class InProcess:
    """Every call in this process, one after the other (``--jobs 1``)."""

    name: str = "in-process"
    shares_files: bool = True

    def map_plain(
        self,
        fn: Callable[[S, T], R],
        shared: S,
        items: Iterable[T],
        chunk: int = 1,
        large: bool = False,
    ) -> Results[R]:
        """``fn(shared, item)`` for each item, computed as the results are read."""
        return Results(lambda batch: _Done(run_chunk(fn, shared, batch)), chunked(items, 1), 1)

    def close(self) -> None:
        """Nothing to let go of."""


_SHARED: Any = None
"""In a worker of the pool: the ``shared`` value of the call it serves."""


def _start_worker(shared: Any) -> None:
    global _SHARED
    ignore_sigint()  # Ctrl-C is the parent's to handle
    _SHARED = shared


def _run_in_worker(fn: Callable[[Any, Any], Any], chunk: list[Any]) -> list[Any]:
    return run_chunk(fn, _SHARED, chunk)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's worker processes (on Ctrl-C: their running work is abandoned).
    ``concurrent.futures`` has no public way to do this before Python 3.14."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


def start_method() -> str:
    """``fork`` when this process runs one thread (and the system has it), else the safer
    ``forkserver`` or ``spawn``."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


@dataclass(frozen=True)
class LocalPool:
    """``jobs`` worker processes on this machine (``--jobs N``)."""

    jobs: int
    min_items: int = MIN_POOL_ITEMS
    """Fewer items run in this process (tests set 1 to exercise the pool on a few)."""
    method: str | None = None
    """How workers start: ``fork``, ``forkserver`` or ``spawn`` (``None``: :func:`start_method`)."""
    name: str = "local"
    shares_files: bool = True

    def map_plain(
        self,
        fn: Callable[[S, T], R],
        shared: S,
        items: Iterable[T],
        chunk: int = 1,
        large: bool = False,
    ) -> Results[R]:
        """``fn(shared, item)`` for each item in the pool's workers, ``chunk`` items a task;
        ``shared`` is given to each worker once, when it starts."""
        iterator = iter(items)
        head = list(islice(iterator, max(1, self.min_items)))
        if len(head) < self.min_items or self.jobs <= 1:
            return InProcess().map_plain(fn, shared, chain(head, iterator), chunk)
        context = multiprocessing.get_context(self.method or start_method())
        pool = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=context,
            initializer=_start_worker,
            initargs=(shared,),
        )

        def submit(batch: list[T]) -> Any:
            return pool.submit(_run_in_worker, fn, batch)

        def abort() -> None:
            _stop_workers(pool)
            pool.shutdown(wait=True, cancel_futures=True)

        results: Results[R] | None = None
        try:
            with sigint_held():  # the first chunks start every worker: born deaf to Ctrl-C
                results = Results(
                    submit,
                    chunked(chain(head, iterator), chunk),
                    WINDOW_PER_WORKER * self.jobs,
                    finish=lambda: pool.shutdown(wait=True, cancel_futures=True),
                    fatal=(BrokenProcessPool,),
                    where=f"--jobs {self.jobs}",
                    abort=abort,
                )
            return results
        except KeyboardInterrupt:  # held back while the workers started, and arrived now
            if results is not None:
                results.close(aborted=True)
            raise

    def close(self) -> None:
        """Nothing to let go of: each call's pool stops with its results."""
