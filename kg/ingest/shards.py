"""Write mapped articles as N-Quads shard files (`part-000000.nq`, ...) for a server's bulk loader.

For corpora too big for one transaction per batch: `oxigraph load --location DIR --file
'OUT/*.nq'`, Fuseki's `tdb2.tdbloader --loc DB OUT/*.nq`, or QLever's index builder read the
shards directly. A shard appears under its final name only once it is complete (it is written
beside it and renamed), so a loader never sees half a shard.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from pydantic import BaseModel, ConfigDict

from kg.errors import ConfigError, StoreError
from kg.ingest.workers import MappedArticle


class ShardSummary(BaseModel):
    """What one shard run wrote."""

    model_config = ConfigDict(frozen=True)

    articles: int = 0
    triples: int = 0
    shards: tuple[str, ...] = ()  # file names, in the order written


def shard_name(index: int) -> str:
    """Return the file name of shard number `index`.

    Examples:
        >>> shard_name(7)
        'part-000007.nq'
    """
    return f"part-{index:06d}.nq"


def write_shard(path: Path, items: Iterable[MappedArticle]) -> tuple[int, int]:
    """Write one complete shard file atomically; return (articles, triples) written.

    Raises:
        StoreError: If the file cannot be written.
    """
    partial = path.with_name(f".{path.name}.partial")
    articles = triples = 0
    try:
        with partial.open("wb") as out:
            for item in items:
                out.write(item.nquads)
                articles += 1
                triples += item.triples
        os.replace(partial, path)
    except OSError as exc:
        raise StoreError(f"cannot write the shard {str(path)!r}: {exc}") from exc
    return articles, triples


class ShardWriter:
    """Writes mapped articles into numbered shards of at most `size` articles each in `out`.

    Use as a context manager: the last shard is completed on exit.

    Raises:
        ConfigError: If `size` is not positive.
        StoreError: If the folder or a shard cannot be written.
    """

    def __init__(self, out: str | Path, *, size: int, first: int = 0) -> None:
        if size < 1:
            raise ConfigError(f"shard size must be at least 1 article, got {size!r}")
        self.out = Path(out)
        self.size = size
        self._next = first
        self._open: tuple[Path, BinaryIO] | None = None
        self._in_shard = 0
        self._articles = self._triples = 0
        self._names: list[str] = []
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the shard folder {str(self.out)!r}: {exc}") from exc

    def add(self, item: MappedArticle) -> None:
        """Append one article's quads, starting a new shard when the current one is full."""
        if self._open is None:
            path = self.out / shard_name(self._next)
            self._next += 1
            partial = path.with_name(f".{path.name}.partial")
            try:
                self._open = (path, partial.open("wb"))
            except OSError as exc:
                raise StoreError(f"cannot write the shard {str(path)!r}: {exc}") from exc
        self._open[1].write(item.nquads)
        self._in_shard += 1
        self._articles += 1
        self._triples += item.triples
        if self._in_shard >= self.size:
            self._finish()

    def _finish(self) -> None:
        if self._open is None:
            return
        path, stream = self._open
        stream.close()
        os.replace(path.with_name(f".{path.name}.partial"), path)
        self._names.append(path.name)
        self._open = None
        self._in_shard = 0

    def summary(self) -> ShardSummary:
        """Return what has been written so far."""
        return ShardSummary(articles=self._articles, triples=self._triples,
                            shards=tuple(self._names))

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._finish()
