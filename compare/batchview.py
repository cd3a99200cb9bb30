"""What ``batch`` shows on the terminal: a progress bar with an ETA, and the run's summary.

The bar goes to stderr (stdout lists the files written, for scripts) and never takes more
than :data:`WIDTH` columns. On a terminal it redraws in place; elsewhere (a pipe, a log) it
prints nothing while it runs and one final line at the end.
"""

from __future__ import annotations

import shutil
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compare.batch import BatchPlan, BatchResult

WIDTH = 80
"""The most columns the bar takes, whatever the terminal's width."""
NAME_WIDTH = 24
"""Columns of the name of the output being made (longer names are cut with "…")."""


class BatchProgress:
    """A rich progress bar whose length is known once the batch is planned: ``start`` it
    with the plan, ``step`` it with each output's name, use it as a context manager."""

    def __init__(self, label: str = "Writing") -> None:
        self.label = label
        self.bar: Any = None
        self.task: Any = None

    def start(self, plan: BatchPlan) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        if not plan.steps:
            return
        width = min(WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns)
        console = Console(file=sys.stderr, width=width)
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(bar_width=None),
            MofNCompleteColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[name]}", style="dim"),
            console=console,
            expand=True,
            transient=False,
        )
        self.bar.start()
        self.task = self.bar.add_task(self.label, total=plan.steps, name="")

    def step(self, name: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, name=short_name(name))

    def __enter__(self) -> BatchProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.update(self.task, name="")
            self.bar.stop()


def short_name(name: str, width: int = NAME_WIDTH) -> str:
    """``name`` cut to ``width`` columns with "…" in the middle (both ends tell files apart)."""
    if len(name) <= width:
        return name.ljust(width)
    head = (width - 1) // 2
    return name[:head] + "…" + name[len(name) - (width - 1 - head) :]


def summary(result: BatchResult) -> str:
    """How many outputs were written, current, left for later, skipped and failed (one
    line), and when interrupted how many were not made (a second line)."""
    parts = [f"{len(result.written)} written"]
    if result.current:
        parts.append(f"{len(result.current)} up to date")
    if result.deferred:
        parts.append(f"{len(result.deferred)} left for the next run (--max-reports)")
    if result.removed:
        parts.append(f"{len(result.removed)} removed")
    parts.append(f"{len(result.skipped)} skipped")
    parts.append(f"{len(result.failed)} failed")
    line = ", ".join(parts)
    if result.interrupted:
        line += (
            f"\ninterrupted: {len(result.unfinished)} not made; "
            "run the same command again to make them"
        )
    return line
