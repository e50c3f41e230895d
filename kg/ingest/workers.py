"""Extract and map articles to N-Quads, in this process or in worker processes that each load the
model and stages once; results come back as compact N-Quads bytes, never as pickled graphs.

`mapped` is the one entry point: with `jobs=1` it runs in the calling process, with `jobs>1` it
streams batches of articles to a pool of spawned processes and yields their results in input
order, keeping only a few batches in flight so memory stays flat however long the input is.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from kg.config import Settings
from kg.errors import ArticleTimeoutError, ConfigError, KGError
from kg.extract import Pipeline
from kg.model import Article, Extraction, Failure
from kg.rdf import run_times, to_nquads

# spawn: a forked child would inherit the parent's open store and its threads; each worker
# loads the model itself, which costs well under a second per 100 articles it then parses
_CONTEXT = "spawn"


class MappedArticle(BaseModel):
    """One extracted article as the quads of its named graph (N-Quads, UTF-8), and those of its
    provenance graph (the times of its run, which the article graph leaves out)."""

    model_config = ConfigDict(frozen=True)

    article_id: str
    graph: str  # the named graph IRI, kgr:graph/{key}
    text_hash: str
    triples: int
    nquads: bytes
    # the article's provenance graph, kgr:provenance/{key}: when its run started (the parse of
    # its batch began) and ended (its graph was made); written with the article graph
    times_graph: str | None = None
    times: bytes = b""


Result = MappedArticle | Failure


def map_extraction(extraction: Extraction, *, base_iri: str, started: datetime | None = None
                   ) -> MappedArticle:
    """Map one extraction to the N-Quads of its named graph (which records the text hash).

    Args:
        extraction: What was read out of the article.
        base_iri: Base of the instance IRIs.
        started: When the run began on the article; the run ends once its graph is made.
    """
    quads = to_nquads(extraction, base_iri=base_iri)
    article = extraction.article
    times = None if started is None else run_times(
        extraction, started=started, ended=datetime.now(UTC), base_iri=base_iri)
    return MappedArticle(article_id=article.id, graph=quads.graph, text_hash=article.text_hash,
                         triples=quads.quads, nquads=quads.nquads,
                         times_graph=None if times is None else times.graph,
                         times=b"" if times is None else times.nquads)


def _run(pipeline: Pipeline, articles: list[Article]) -> list[Result]:
    """Extract and map one batch; every run in it starts when the batch's parse begins
    (`nlp.pipe` parses the articles together) and ends when its own graph is made."""
    results: list[Result] = []
    done = 0
    started = datetime.now(UTC)
    for item in pipeline.run_many(articles, batch_size=pipeline.settings.batch_size):
        article = articles[done]
        done += 1
        if isinstance(item, KGError):
            results.append(Failure(article_id=article.id, message=_describe(item)))
            continue
        try:
            results.append(map_extraction(item, base_iri=pipeline.settings.base_iri,
                                          started=started))
        except KGError as exc:
            results.append(Failure(article_id=article.id, message=_describe(exc)))
        except Exception as exc:  # noqa: BLE001  (any mapping failure is this article's error)
            results.append(Failure(article_id=article.id,
                                   message=f"mapping to RDF failed ({type(exc).__name__}: {exc})"))
    return results


def _describe(error: KGError) -> str:
    if isinstance(error, ArticleTimeoutError):
        return error.problem  # the Failure names the article
    cause = error.__cause__
    return f"{error} ({type(cause).__name__}: {cause})" if cause is not None else str(error)


@functools.lru_cache(maxsize=2)
def _worker_pipeline(settings_json: str) -> Pipeline:
    """Build the pipeline once per worker process (the cache lives only in the worker)."""
    return Pipeline(Settings.model_validate_json(settings_json))


def work(settings_json: str, articles: list[Article]) -> list[Result]:
    """Extract and map one batch of articles in a worker; failures come back as `Failure`s.

    Args:
        settings_json: `Settings` as JSON (the pipeline is built once per worker per settings).
        articles: The batch, parsed with `nlp.pipe` in one go.
    """
    return _run(_worker_pipeline(settings_json), articles)


def _warm(settings_json: str) -> None:
    _worker_pipeline(settings_json)


def mapped(articles: Iterable[Article], *, settings: Settings, jobs: int = 1,
           pipeline: Pipeline | None = None, chunk: int | None = None) -> Iterator[Result]:
    """Extract and map articles to N-Quads, in input order.

    Args:
        articles: Articles to extract (consumed lazily).
        settings: Model, stages, base IRI and batch size.
        jobs: Processes to extract with; 1 runs in this process.
        pipeline: A pipeline to reuse when `jobs` is 1.
        chunk: Articles per task sent to a worker (default: `settings.batch_size`).

    Raises:
        ConfigError: If `jobs` is less than 1.
    """
    if jobs < 1:
        raise ConfigError(f"jobs must be at least 1, got {jobs!r}")
    size = chunk or settings.batch_size
    if jobs == 1:
        runner = pipeline or Pipeline(settings)
        for batch in _batches(articles, size):
            yield from _run(runner, batch)
        return
    yield from _pool(articles, settings=settings, jobs=jobs, size=size)


def _pool(articles: Iterable[Article], *, settings: Settings, jobs: int, size: int
          ) -> Iterator[Result]:
    text = settings.model_dump_json()
    context = multiprocessing.get_context(_CONTEXT)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_warm, initargs=(text,)
                             ) as pool:
        pending: deque[Future[list[Result]]] = deque()
        for batch in _batches(articles, size):
            pending.append(pool.submit(work, text, batch))
            # two batches per worker in flight: workers never wait, memory stays bounded
            while len(pending) >= 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
