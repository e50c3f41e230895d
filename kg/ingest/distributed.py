"""Extract articles on a Dask cluster: partitions of articles go to the workers, which run the same
pipeline and either write N-Quads shards themselves or send the quads back to be stored here.

Start a cluster with `dask scheduler` and `dask worker ADDR --nthreads 1 --nworkers N` (one
thread per worker process: extraction is CPU-bound Python). Each worker builds the pipeline once,
on its first partition. Shards need a folder every worker can write to (a shared filesystem).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from pathlib import Path

from distributed import Client, Future, wait

from kg.config import Settings
from kg.errors import KGError, StoreError
from kg.ingest.batches import (
    IngestSummary,
    OnError,
    OnProgress,
    Tally,
    articles,
    ignore_error,
    write,
)
from kg.ingest.shards import shard_name, write_shard
from kg.ingest.workers import MappedArticle, Result, work
from kg.model import Article, Failure
from kg.store import Store

# articles per task at most: progress moves by no more than this many articles at a time
TASK_ARTICLES = 4
# seconds to wait for a worker (none left, or none joined yet) or for the scheduler to answer
WORKER_WAIT = 30.0


class ClusterError(KGError, RuntimeError):
    """The Dask cluster cannot go on: the scheduler is gone or no worker is left."""


def extract_partition(settings_json: str, batch: list[Article], shard: str | None
                      ) -> list[Result]:
    """Run on a worker: extract and map one partition; write it as a shard file if asked.

    Args:
        settings_json: `Settings` as JSON.
        batch: The partition's articles.
        shard: Path of the shard file to write, or None to send the quads back.

    Returns:
        The results; with a shard, mapped articles come back without their quads.
    """
    results = work(settings_json, batch)
    if shard is None:
        return results
    done = [item for item in results if isinstance(item, MappedArticle)]
    write_shard(Path(shard), done)
    return [item.model_copy(update={"nquads": b""}) if isinstance(item, MappedArticle) else item
            for item in results]


def run(inputs: Iterable[str | Path], *, settings: Settings, scheduler: str,
        store: Store | None = None, out: str | Path | None = None, partition: int = 64,
        keep_stale: bool = False, on_error: OnError = ignore_error,
        on_progress: OnProgress | None = None) -> IngestSummary:
    """Extract articles on the Dask cluster at `scheduler` into `store` or shards in `out`.

    Articles are read here and sent in partitions of `partition` articles, a bounded number at a
    time, so any input length streams. With `store`, already stored articles (same text hash,
    same extractor version) are skipped before they are sent, as in `kg.ingest.batches.ingest`,
    and this process is the store's only writer.

    Args:
        inputs: Files, folders, globs, or "-" for JSON Lines on stdin.
        settings: Stages, model, base IRI and batch size.
        scheduler: Address of the Dask scheduler, e.g. "tcp://127.0.0.1:8786".
        store: Where the graphs go (exactly one of `store` and `out`).
        out: Folder the workers write `part-NNNNNN.nq` shards to.
        partition: Articles per task.
        keep_stale: Skip (and count as kept) articles stored by another extractor version.
        on_error: Called with each bad input or failed article.
        on_progress: Called with the number of articles handled so far (tasks hold at most
            `TASK_ARTICLES` articles, so it moves article by article, a few at a time).

    Raises:
        StoreError: If neither or both of `store` and `out` are given, or a write fails.
        ClusterError: If the scheduler cannot be reached or goes away, or no worker is left for
            `WORKER_WAIT` seconds.
    """
    if (store is None) == (out is None):
        raise StoreError("give exactly one of a store and a shard folder (--out)")
    tally = Tally(on_error, on_progress)
    folder = Path(out) if out is not None else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    pending = tally.unstored(articles(inputs, settings=settings, on_error=tally.fail), store,
                             settings=settings, keep_stale=keep_stale)
    partition = max(1, min(partition, TASK_ARTICLES))
    with _client_quiet():
        return _run(pending, tally, store, folder, settings, partition, scheduler)


def _run(pending: Iterator[Article], tally: Tally, store: Store | None, folder: Path | None,
         settings: Settings, partition: int, scheduler: str) -> IngestSummary:
    try:
        client = Client(scheduler, timeout=WORKER_WAIT)  # type: ignore[no-untyped-call]
    except (OSError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} within "
                           f"{WORKER_WAIT:g} s: {_first_line(exc)}") from None
    try:
        with client:
            slots = 2 * max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]
            for results in _stream(client, pending, settings, folder, partition, slots, scheduler):
                done = []
                for item in results:
                    if isinstance(item, Failure):
                        tally.fail(item.error())
                    else:
                        done.append(item)
                if store is not None and done:
                    write(store, done)
                tally.stored(done)
    except KGError:
        raise
    except (OSError, TimeoutError, CancelledError, asyncio.CancelledError) as exc:
        # the scheduler went away mid-run (its tasks are cancelled)
        raise ClusterError(f"lost the Dask scheduler at {scheduler}: {_first_line(exc)}"
                           ) from None
    return tally.summary()


@contextlib.contextmanager
def _client_quiet() -> Iterator[None]:
    """Keep the Dask client's own error records (a lost scheduler: "Failed to reconnect", then
    empty lines) off stderr while it runs: the run reports them as one ClusterError. Under
    debug logging (`kg --debug`) they are shown."""
    client_log = logging.getLogger("distributed.client")
    if logging.getLogger().isEnabledFor(logging.DEBUG):
        yield
        return
    level = client_log.level
    client_log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        client_log.setLevel(level)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200].rstrip(":") if text else type(exc).__name__


def _done(client: Client, inflight: set[Future[list[Result]]], address: str
          ) -> tuple[set[Future[list[Result]]], set[Future[list[Result]]]]:
    """Wait for at least one task to finish; fail if no worker is left for `WORKER_WAIT` s."""
    alone_since: float | None = None
    while True:
        try:
            finished, left = wait(  # type: ignore[no-untyped-call]
                inflight, timeout=1.0, return_when="FIRST_COMPLETED")
        except TimeoutError:
            if client.status != "running":
                raise ClusterError(f"lost the Dask scheduler at {address}") from None
            if client.nthreads():  # type: ignore[no-untyped-call]
                alone_since = None
            elif alone_since is None:
                alone_since = time.monotonic()
            elif time.monotonic() - alone_since > WORKER_WAIT:
                raise ClusterError(
                    f"no Dask worker left at {address} for {WORKER_WAIT:g} s; "
                    f"{len(inflight)} tasks were waiting") from None
            continue
        return finished, left


def _stream(client: Client, pending: Iterator[Article], settings: Settings, folder: Path | None,
            partition: int, slots: int, scheduler: str) -> Iterator[list[Result]]:
    """Submit partitions, at most `slots` in flight, and yield each result list as it is done."""
    text = settings.model_dump_json()
    inflight: set[Future[list[Result]]] = set()
    for index in itertools.count():
        batch = list(itertools.islice(pending, partition))
        if not batch:
            break
        shard = str(folder / shard_name(index)) if folder is not None else None
        inflight.add(client.submit(extract_partition, text, batch, shard, pure=False))
        while len(inflight) >= slots:
            finished, inflight = _done(client, inflight, scheduler)
            for future in finished:
                yield future.result()
    while inflight:
        finished, inflight = _done(client, inflight, scheduler)
        for future in finished:
            yield future.result()
