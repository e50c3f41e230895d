"""The time budget of the article being extracted: a deadline the stages check in their longest
loops, so a runaway article stops between two steps instead of being killed mid-way.

The pipeline sets the deadline around each article (`within`); a stage calls `check()` once per
token, candidate or attribution. Outside `within`, `check()` does nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_DEADLINE: ContextVar[float | None] = ContextVar("kg_article_deadline", default=None)


class OutOfTime(Exception):  # noqa: N818  (a signal the pipeline turns into its KGError)
    """The article's deadline has passed; raised by `check()`, caught by the pipeline."""


@contextmanager
def within(seconds: float | None) -> Iterator[None]:
    """Give the code inside `seconds` of wall time (None: no limit), restoring the outer one."""
    token = _DEADLINE.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check() -> None:
    """Raise `OutOfTime` if the current article's deadline has passed.

    Raises:
        OutOfTime: If called inside `within` after its time is up.
    """
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise OutOfTime
