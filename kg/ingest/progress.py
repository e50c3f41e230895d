"""A progress bar for long CLI runs (articles/s, ETA) on a terminal; silent in pipes and CI."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from kg.articles import Input, expand
from kg.articles.inputs import open_regular
from kg.errors import ArticleFormatError


def estimate(inputs: Iterable[str | Path]) -> int | None:
    """Count the articles the inputs hold, cheaply: one per file, one per line of a .jsonl file.

    Returns:
        The estimate, or None when an input is standard input (which cannot be read twice).
    """
    total = 0
    for item in expand(inputs):
        if not isinstance(item, Input):
            continue
        if str(item.path) == "-":
            return None
        if item.path.suffix.lower() == ".jsonl":
            try:  # regular files only: counting must not block on a FIFO either
                with open_regular(item.path, str(item.path)) as stream:
                    total += sum(1 for line in stream if line.strip())
            except (ArticleFormatError, OSError):
                total += 1  # reading it will report the problem
        else:
            total += 1
    return total


def wanted(enabled: bool | None) -> bool:
    """Tell whether to show a bar: as asked, else only on a terminal outside CI."""
    if enabled is not None:
        return enabled
    return sys.stderr.isatty() and not os.environ.get("CI")


class Bar:
    """A progress bar on stderr, updated with the number of articles handled; no-op if off.

    Use as a context manager; call the instance with the count so far.
    """

    def __init__(self, total: int | None, *, enabled: bool, label: str = "articles") -> None:
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if enabled:
            self._progress = Progress(
                TextColumn(label),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f}/s"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._progress.add_task(label, total=total, rate=0.0)

    def __call__(self, done: int) -> None:
        if self._progress is not None and self._task is not None:
            task = self._progress.tasks[0]
            self._progress.update(self._task, completed=done, rate=task.speed or 0.0)

    def __enter__(self) -> Bar:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()
