"""Run the whole path for many articles: read, extract, map to RDF, and write to a store.

Errors on single articles are handed to `on_error` and counted; the batch goes on.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from rdflib import Graph

from kg.articles import read_inputs
from kg.config import Settings
from kg.errors import ArticleFormatError, KGError
from kg.extract import Pipeline
from kg.model import Article, Extraction
from kg.rdf import graph_iri, to_graph
from kg.store import Store

OnError = Callable[[KGError], None]
_log = logging.getLogger(__name__)


class IngestSummary(BaseModel):
    """What one ingest run did."""

    model_config = ConfigDict(frozen=True)

    articles: int = 0  # articles written to the store
    skipped: int = 0  # already stored with the same text (resume)
    failed: int = 0
    triples: int = 0  # triples written
    seconds: float = 0.0


def _ignore(_error: KGError) -> None:
    """Drop an error (the default when the caller does not report them)."""


def extract(inputs: Iterable[str | Path], *, settings: Settings, pipeline: Pipeline | None = None,
            on_error: OnError = _ignore, skip: Callable[[Article], bool] | None = None,
            ) -> Iterator[Extraction]:
    """Read and extract every article named by `inputs`, streaming in `nlp.pipe` batches.

    Args:
        inputs: Files, folders, globs, or "-" for JSON Lines on stdin.
        settings: Stages, model and batch size.
        pipeline: A pipeline to reuse (built from `settings` if not given).
        on_error: Called with each bad input or failed article; the rest go on.
        skip: Called with each article before it is parsed; True leaves it out.
    """

    def articles() -> Iterator[Article]:
        for item in read_inputs(inputs):
            if isinstance(item, KGError):
                on_error(item)
            elif len(item.text) > settings.max_chars:
                on_error(ArticleFormatError(
                    item.source_path or item.id,
                    f"article text is {len(item.text):,} characters; the limit is "
                    f"{settings.max_chars:,} (setting max_chars)"))
            elif skip is None or not skip(item):
                if item.published is None:
                    _log.warning("%s: no publication date found; relative times stay unresolved",
                                 item.source_path or item.id)
                yield item

    pending = articles()
    first = next(pending, None)
    if first is None:
        return  # nothing to parse: do not pay for loading the model and gazetteers
    runner = pipeline or Pipeline(settings)
    for result in runner.run_many(itertools.chain([first], pending),
                                  batch_size=settings.batch_size):
        if isinstance(result, KGError):
            on_error(result)
        else:
            yield result


def ingest(inputs: Iterable[str | Path], store: Store, *, settings: Settings,
           pipeline: Pipeline | None = None, on_error: OnError = _ignore,
           on_article: Callable[[Extraction], None] | None = None) -> IngestSummary:
    """Extract articles and write one named graph per article into `store`.

    Articles whose text is already stored under the same hash are skipped before parsing,
    so a re-run after a crash resumes where it stopped and re-ingesting changes nothing.
    """
    started = time.perf_counter()
    counts = {"articles": 0, "skipped": 0, "failed": 0, "triples": 0}

    def report(error: KGError) -> None:
        counts["failed"] += 1
        on_error(error)

    def stored(article: Article) -> bool:
        if store.has(graph_iri(article.id, settings.base_iri), article.text_hash):
            counts["skipped"] += 1
            return True
        return False

    def graphs() -> Iterator[tuple[Graph, str]]:
        for extraction in extract(inputs, settings=settings, pipeline=pipeline, on_error=report,
                                  skip=stored):
            graph = to_graph(extraction, base_iri=settings.base_iri)
            counts["triples"] += len(graph)
            counts["articles"] += 1
            if on_article is not None:
                on_article(extraction)
            yield graph, extraction.article.text_hash

    store.put_many(graphs(), batch_size=settings.batch_size)
    return IngestSummary(**counts, seconds=round(time.perf_counter() - started, 3))
