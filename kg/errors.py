"""The `KGError` tree and nothing else."""

from __future__ import annotations

from collections.abc import Iterable


class KGError(Exception):
    """Base class for every error kg raises on purpose."""


class ArticleFormatError(KGError, ValueError):
    """An article file or record could not be read into an Article."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


class UnknownStageError(KGError, LookupError):
    """A stage name that is not registered."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        super().__init__(f"unknown stage {name!r}; known stages: {sorted(known)}")
        self.name = name


class StageOrderError(KGError, ValueError):
    """A stage requires a field that no earlier stage produces."""

    def __init__(self, stage: str, missing: str) -> None:
        super().__init__(f"stage {stage!r} requires {missing!r}, which no earlier stage produces")
        self.stage = stage
        self.missing = missing


class StageError(KGError, RuntimeError):
    """A stage failed on one article."""

    def __init__(self, stage: str, article_id: str) -> None:
        super().__init__(f"stage {stage!r} failed on article {article_id!r}")
        self.stage = stage
        self.article_id = article_id


class MappingError(KGError, ValueError):
    """A graph could not be mapped back to records."""


class ShapeViolation(KGError, ValueError):
    """A graph does not conform to the SHACL shapes."""

    def __init__(self, message: str, report: str) -> None:
        super().__init__(message)
        self.report = report


class StoreError(KGError, OSError):
    """A store could not be opened, read or written."""


class QueryError(KGError, ValueError):
    """A query is unknown, malformed, refused or exceeded its bounds."""


class ConfigError(KGError, ValueError):
    """A settings file or value is invalid."""


class ArticleTimeoutError(KGError, TimeoutError):
    """One article's extraction ran past its time budget (`Settings.article_seconds`)."""

    def __init__(self, article_id: str, seconds: float) -> None:
        self.problem = f"extraction took longer than {seconds:g} s; skipped"
        super().__init__(f"{article_id}: {self.problem}")
        self.article_id = article_id
        self.seconds = seconds


class ParseError(KGError, RuntimeError):
    """spaCy failed to parse one article."""

    def __init__(self, article_id: str) -> None:
        super().__init__(f"parsing article {article_id!r} failed")
        self.article_id = article_id


class UnknownNameError(KGError, LookupError):
    """A name given for an actor or place matches none in the store."""

    def __init__(self, kind: str, name: str, nearest: Iterable[str] = ()) -> None:
        self.kind = kind
        self.name = name
        self.nearest = tuple(nearest)
        hint = f"; nearest: {', '.join(self.nearest)}" if self.nearest else ""
        super().__init__(f"no {kind} named {name!r}{hint}")
