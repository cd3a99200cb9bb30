"""The Dask engine: a stage's chunks run as tasks on a ``dask.distributed`` cluster.

The only module that imports dask/distributed (the ``[dask]`` extra), and only when the
engine is first used. With a scheduler address (``--scheduler tcp://HOST:8786``) it connects
to a running cluster; without, it starts a ``LocalCluster`` of ``jobs`` single-threaded worker
processes on this machine and stops it on :meth:`DaskEngine.close`.

Each :meth:`~DaskEngine.map_plain` call scatters ``shared`` to every worker once
(``broadcast``), then submits chunks as tasks, at most
:data:`~compare.engines.WINDOW_PER_WORKER` per worker thread ahead of the results read. The
workers must run the same compare-letters (functions are sent by name); the workers of a
remote cluster need not see this machine's files (:attr:`DaskEngine.shares_files` is false,
so a reading stage sends each file's bytes).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from itertools import chain, islice
from typing import Any, TypeVar

from compare.engines import (
    WINDOW_PER_WORKER,
    EngineError,
    Results,
    chunked,
    run_chunk,
    sigint_held,
)
from compare.engines.local import InProcess

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

CONNECT_TIMEOUT = "10s"
"""How long to wait for a scheduler that does not answer (Dask's own default is 30 s)."""

QUIET_HTTP = "127.0.0.1:0"
"""Where a LocalCluster's scheduler serves HTTP (its health and metrics routes; the dashboard
is off): any free port of this machine only, never the fixed 8787 another cluster may hold."""

INSTALL_HINT = "--engine dask needs dask.distributed: pip install 'compare-letters[dask]'"


def _distributed() -> Any:
    """The ``distributed`` module. Raises :class:`EngineError` when it is not installed."""
    try:
        return importlib.import_module("distributed")
    except ImportError as error:
        raise EngineError(None, INSTALL_HINT) from error


def _fatal_errors() -> tuple[type[BaseException], ...]:
    """The errors that mean the cluster, not the task, failed: a worker killed, the
    connection lost, the work cancelled under us."""
    from concurrent.futures import CancelledError

    comm = importlib.import_module("distributed.comm.core")
    scheduler = importlib.import_module("distributed.scheduler")
    return (scheduler.KilledWorker, comm.CommClosedError, CancelledError)


GRAPH_UNREADABLE = "deserialization of the task graph"
"""What ``distributed`` says (in a ``RuntimeError``) when the scheduler cannot unpickle a
task: it imports the task's function by name, so it lacks compare-letters or runs another."""


class _Task:
    """A ``distributed`` future whose scheduler-side unpickling failure is an
    :class:`EngineError` saying what to install (not a ``RuntimeError`` traceback)."""

    def __init__(self, future: Any, where: str) -> None:
        self.future = future
        self.where = where

    def result(self) -> Any:
        try:
            return self.future.result()
        except RuntimeError as error:
            if GRAPH_UNREADABLE not in str(error):
                raise
            problem = (
                "the Dask scheduler cannot read the work: install the same compare-letters "
                "on the scheduler and every worker"
            )
            raise EngineError(self.where, problem) from error

    def cancel(self) -> Any:
        return self.future.cancel()


class DaskEngine:
    """Work on a Dask cluster: the one at ``scheduler``, else a ``LocalCluster`` of ``jobs``
    worker processes (``processes=False``: threads of this process, for tests)."""

    name = "dask"

    def __init__(self, scheduler: str | None, jobs: int = 1, processes: bool = True) -> None:
        self.scheduler = scheduler
        self.jobs = max(1, jobs)
        self.processes = processes
        self._client: Any = None
        self._cluster: Any = None

    @property
    def shares_files(self) -> bool:
        """A cluster started here runs here; one at an address may be elsewhere."""
        return self.scheduler is None

    def client(self) -> Any:
        """The ``distributed.Client``, connected (or its cluster started) on first use.
        Raises :class:`EngineError` when dask is not installed or the scheduler does not
        answer."""
        if self._client is not None:
            return self._client
        distributed = _distributed()
        logging.getLogger("distributed").setLevel(logging.ERROR)  # its INFO lines are noise here
        if self.scheduler is not None:
            try:
                self._client = distributed.Client(
                    self.scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False
                )
            except (OSError, TimeoutError, ValueError) as error:
                raise EngineError(
                    self.scheduler, f"cannot reach the Dask scheduler ({error})"
                ) from error
        else:
            with sigint_held():  # its workers are born deaf to Ctrl-C: it is ours to handle
                self._cluster = distributed.LocalCluster(
                    n_workers=self.jobs,
                    threads_per_worker=1,
                    processes=self.processes,
                    dashboard_address=QUIET_HTTP,
                    scheduler_kwargs={"dashboard": False},
                    silence_logs=logging.CRITICAL,  # a failed task reaches us as its error
                )
            self._client = distributed.Client(self._cluster, set_as_default=False)
        return self._client

    def map_plain(
        self,
        fn: Callable[[S, T], R],
        shared: S,
        items: Iterable[T],
        chunk: int = 1,
        large: bool = False,
    ) -> Results[R]:
        """``fn(shared, item)`` for each item, ``chunk`` items a task, on the cluster (not
        reached at all when there are no items: a warm cache needs no cluster). ``large``:
        each chunk is scattered to a worker first and its task given the data's future, so
        megabytes of data do not travel inside the task graph through the scheduler (which
        warns past 10 MB: ``distributed.admin.large-graph-warning-threshold``)."""
        iterator = iter(items)
        first = list(islice(iterator, 1))
        if not first:
            return InProcess().map_plain(fn, shared, first)
        client = self.client()
        threads = max(1, sum(client.nthreads().values()))
        on_workers = client.scatter(shared, broadcast=True, hash=False)

        where = self.scheduler or "the local Dask cluster"

        def submit(batch: list[T]) -> Any:
            if large:  # a list of one: the chunk is scattered whole, as one piece of data
                [data] = client.scatter([batch], hash=False)
                return _Task(client.submit(run_chunk, fn, on_workers, data, pure=False), where)
            return _Task(client.submit(run_chunk, fn, on_workers, batch, pure=False), where)

        return Results(
            submit,
            chunked(chain(first, iterator), chunk),
            WINDOW_PER_WORKER * threads,
            finish=on_workers.release,
            fatal=_fatal_errors(),
            where=where,
        )

    def close(self) -> None:
        """Disconnect, and stop the cluster when this engine started it."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
