"""Run the whole path for many articles: read, extract, map to RDF, and write to a store.

Articles stream through in batches: parsed with `nlp.pipe` (in this process or in `jobs` worker
processes, see `kg.ingest.workers`), mapped to N-Quads, and written by this process alone in one
transaction per batch (into the embedded store while the next batch is extracted). Errors on
single articles are handed to `on_error` and counted; the batch goes on.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict
from rdflib import Dataset, URIRef

from kg.articles import different_source, read_inputs
from kg.config import Settings
from kg.errors import ArticleFormatError, KGError
from kg.extract import Pipeline
from kg.extract.version import extractor_version
from kg.identity import refresh
from kg.identity.events import refresh_events
from kg.ingest.shards import ShardSummary, ShardWriter
from kg.ingest.workers import MappedArticle, Result, mapped
from kg.keys import article_key
from kg.model import Article, Extraction, Failure
from kg.query import load_query
from kg.rdf import graph_iri
from kg.store import OxigraphStore, Store

OnError = Callable[[KGError], None]
OnProgress = Callable[[int], None]
_log = logging.getLogger(__name__)


class IngestSummary(BaseModel):
    """What one ingest run did."""

    model_config = ConfigDict(frozen=True)

    articles: int = 0  # articles written to the store (new, or their text changed)
    refreshed: int = 0  # stored with the same text by another extractor version; written again
    skipped: int = 0  # already stored with the same text by this extractor version (resume)
    kept: int = 0  # stored with the same text by another extractor version; left (keep_stale)
    failed: int = 0
    triples: int = 0  # triples written for the articles (refreshed graphs not counted)
    seconds: float = 0.0


@runtime_checkable
class NQuadsLoader(Protocol):
    """A store that loads N-Quads natively (embedded Oxigraph, a remote SPARQL server)."""

    def load_nquads(self, data: bytes, graphs: Iterable[str]) -> None:
        """Replace the named graphs `graphs` with the quads of `data`."""


def ignore_error(_error: KGError) -> None:
    """Drop an error (the default when the caller does not report them)."""


def articles(inputs: Iterable[str | Path], *, settings: Settings, on_error: OnError = ignore_error,
             ) -> Iterator[Article]:
    """Read the articles named by `inputs`, leaving out bad, too long and clashing ones.

    Two articles from different sources (files, or records of different lines) whose ids map to
    one key (`kg.keys.article_key`: "AFP 2019", "afp-2019") would share one named graph: the
    first read keeps the key and each later one is reported as a clash, never merged.

    Args:
        inputs: Files, folders, globs, or "-" for JSON Lines on stdin.
        settings: Gives the longest text accepted (`max_chars`).
        on_error: Called with each bad input or refused article.
    """
    claimed: dict[str, str] = {}  # key -> source of the article that has it
    for item in read_inputs(inputs):
        if isinstance(item, KGError):
            on_error(item)
            continue
        where = item.source_path or item.id
        if len(item.text) > settings.max_chars:
            on_error(ArticleFormatError(
                where, f"article text is {len(item.text):,} characters; the limit is "
                       f"{settings.max_chars:,} (setting max_chars)"))
            continue
        key = article_key(item.id)
        first = claimed.setdefault(key, where)
        if first != where:
            on_error(ArticleFormatError(
                where, f"article id {item.id!r} (key {key!r}) is taken by {first}, read earlier "
                       "in this run; give one of them another id (file name or record id)"))
            continue
        if item.published is None:
            _log.warning("%s: no publication date found; relative times stay unresolved", where)
        yield item


def extract(inputs: Iterable[str | Path], *, settings: Settings, pipeline: Pipeline | None = None,
            on_error: OnError = ignore_error) -> Iterator[Extraction]:
    """Read and extract every article named by `inputs`, streaming in `nlp.pipe` batches.

    Args:
        inputs: Files, folders, globs, or "-" for JSON Lines on stdin.
        settings: Stages, model and batch size.
        pipeline: A pipeline to reuse (built from `settings` if not given).
        on_error: Called with each bad input or failed article; the rest go on.
    """
    pending = articles(inputs, settings=settings, on_error=on_error)
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
           pipeline: Pipeline | None = None, jobs: int = 1, keep_stale: bool = False,
           on_error: OnError = ignore_error, on_progress: OnProgress | None = None,
           identity: bool = False) -> IngestSummary:
    """Extract articles and write one named graph per article into `store`.

    With `identity`, the identity graph (`kg.identity`) is then brought up to date with the new
    articles' actors, and the event-cluster graph with their events (`kg ingest` does so). Each
    article graph is written with its provenance graph (kgr:provenance/{key}: when the run that
    made it started and ended).
    Articles whose text is already stored under the same hash by the same extractor version
    (`kg.extract.version`) are skipped before parsing, so a re-run after a crash resumes where
    it stopped and re-ingesting changes nothing. An article stored with the same text by another
    extractor version (older code, lexicons, model or settings) is extracted again and its graph
    replaced, unless `keep_stale` is set.

    Args:
        inputs: Files, folders, globs, or "-" for JSON Lines on stdin.
        store: Where the graphs go; this process is its only writer.
        settings: Stages, model, base IRI and batch size (articles per transaction).
        pipeline: A pipeline to reuse when `jobs` is 1.
        jobs: Processes that extract (each loads the model once); 1 extracts in this process.
        keep_stale: Skip (and count as kept) articles stored by another extractor version.
        on_error: Called with each bad input or failed article; the rest go on.
        on_progress: Called with the number of articles handled so far (stored, refreshed,
            skipped, kept or failed), after each article.
        identity: Bring the identity and event-cluster graphs up to date afterwards
            (`kg.identity.refresh`, `kg.identity.events.refresh_events`).

    Raises:
        ConfigError: If `jobs` is less than 1.
        StoreError: If the store refuses a batch.
    """
    tally = Tally(on_error, on_progress)
    pending = tally.unstored(articles(inputs, settings=settings, on_error=tally.fail), store,
                             settings=settings, keep_stale=keep_stale)
    first = next(pending, None)
    if first is not None:  # else: nothing to parse, no model to load
        results = mapped(itertools.chain([first], pending), settings=settings, jobs=jobs,
                         pipeline=pipeline)
        _store_all(store, _batches(results, settings.batch_size, tally.fail), tally)
    if identity:
        refresh(store, base_iri=settings.base_iri)
        refresh_events(store, base_iri=settings.base_iri)
    return tally.summary()


def _store_all(store: Store, batches: Iterable[list[MappedArticle]], tally: Tally) -> None:
    """Write the batches in order, counting each once the store has it.

    The embedded store loads with the GIL released, so each batch loads in a thread while the
    next one is extracted. One load runs at a time (the intent record names one batch), each is
    confirmed before the next begins, and a load under way finishes before an error or an
    interrupt leaves here, so the store holds only whole articles as before. Other stores are
    written in line: rdflib's memory store must not be read (the resume check) while written.
    """
    if not isinstance(store, OxigraphStore):
        for batch in batches:
            write(store, batch)
            tally.stored(batch)
        return
    with ThreadPoolExecutor(1, thread_name_prefix="kg-load") as loader:
        loading: tuple[Future[None], list[MappedArticle]] | None = None
        for batch in batches:
            if loading is not None:
                loading[0].result()
                tally.stored(loading[1])
            loading = (loader.submit(write, store, batch), batch)
        if loading is not None:
            loading[0].result()
            tally.stored(loading[1])


class Tally:
    """Count what one run does (stored, refreshed, skipped, kept, failed, triples) and report its
    progress."""

    def __init__(self, on_error: OnError = ignore_error, on_progress: OnProgress | None = None
                 ) -> None:
        self.on_error = on_error
        self.on_progress = on_progress
        self.started = time.perf_counter()
        self.counts = {"articles": 0, "refreshed": 0, "skipped": 0, "kept": 0, "failed": 0,
                       "triples": 0}
        self.refreshing: set[str] = set()  # graphs extracted again: stale, same text

    def _progress(self) -> None:
        if self.on_progress is not None:
            self.on_progress(sum(count for name, count in self.counts.items()
                                 if name != "triples"))

    def fail(self, error: KGError) -> None:
        """Count a bad input or failed article and hand the error on."""
        self.counts["failed"] += 1
        self.on_error(error)
        self._progress()

    def unstored(self, pending: Iterable[Article], store: Store | None, *, settings: Settings,
                 keep_stale: bool = False) -> Iterator[Article]:
        """Yield the articles to extract, leaving out (and counting) those already stored.

        An article is left out when its graph records its text hash and the current extractor
        version; one stored with the same text by another extractor version is yielded (to be
        refreshed) or, with `keep_stale`, left out and counted as kept. The store is asked once
        per batch of `settings.batch_size` articles, not once per article.

        Args:
            pending: The articles read, in input order (consumed lazily, a batch at a time).
            store: The store written to; None (shards) leaves nothing out.
            settings: Base IRI, batch size, and what the extractor version is made of.
            keep_stale: Leave out articles stored by another extractor version too.
        """
        if store is None:
            yield from pending
            return
        current = frozenset({extractor_version(settings)})
        items = iter(pending)
        while batch := list(itertools.islice(items, settings.batch_size)):
            names = [str(graph_iri(article.id, settings.base_iri)) for article in batch]
            found = store.stamps(names)
            changed = [name for article, name in zip(batch, names, strict=True)
                       if (stored := found.get(URIRef(name))) is not None
                       and article.text_hash not in stored.text_hashes]
            sources = _stored_sources(store, changed)
            for article, name in zip(batch, names, strict=True):
                stamp = found.get(URIRef(name))
                if stamp is None:
                    yield article  # new
                elif article.text_hash not in stamp.text_hashes:
                    clash = next((source for source in sources.get(name, ())
                                  if different_source(source, article.source_path)), None)
                    if clash is None:
                        yield article  # its text changed: replace it
                    else:
                        self.fail(_clash(article, clash))
                elif stamp.extractors == current:
                    self._count("skipped")
                elif keep_stale:
                    self._count("kept")
                else:
                    self.refreshing.add(name)
                    yield article

    def _count(self, name: str) -> None:
        self.counts[name] += 1
        self._progress()

    def stored(self, batch: Iterable[MappedArticle]) -> None:
        """Count a batch of articles that the store has confirmed."""
        for item in batch:
            if item.graph in self.refreshing:
                self.refreshing.discard(item.graph)
                self.counts["refreshed"] += 1
            else:
                self.counts["articles"] += 1
                self.counts["triples"] += item.triples
            self._progress()

    def summary(self) -> IngestSummary:
        """Return the counts and the time since the tally began."""
        return IngestSummary(**self.counts,
                             seconds=round(time.perf_counter() - self.started, 3))


def _stored_sources(store: Store, names: list[str]) -> dict[str, list[str]]:
    """Return the sources (`kg:sourcePath`) that these stored graphs record, in one query."""
    if not names:
        return {}
    rows = store.query(load_query("graph_sources").text,
                       bindings={"graph": tuple(URIRef(name) for name in names)}).rows
    sources: dict[str, list[str]] = {}
    for graph, source in rows:
        if graph is not None and source is not None:
            sources.setdefault(str(graph), []).append(str(source))
    return sources


def _clash(article: Article, stored: str) -> ArticleFormatError:
    return ArticleFormatError(
        article.source_path or article.id,
        f"article id {article.id!r} (key {article_key(article.id)!r}) is already stored from "
        f"{stored}, another source; remove that article first (kg remove) or give this one "
        "another id (file name or record id)")


def shard(inputs: Iterable[str | Path], out: str | Path, *, settings: Settings, size: int,
          jobs: int = 1, on_error: OnError = ignore_error, on_progress: OnProgress | None = None
          ) -> ShardSummary:
    """Extract articles into N-Quads shard files of `size` articles each, for a bulk loader.

    Args:
        inputs: Files, folders, globs, or "-" for JSON Lines on stdin.
        out: Folder for `part-000000.nq`, `part-000001.nq`, ...
        settings: Stages, model, base IRI and batch size.
        size: Articles per shard.
        jobs: Processes that extract; 1 extracts in this process.
        on_error: Called with each bad input or failed article; the rest go on.
        on_progress: Called with the number of articles handled so far.

    Raises:
        ConfigError: If `size` or `jobs` is less than 1.
        StoreError: If a shard cannot be written.
    """
    done = 0

    def report(error: KGError) -> None:
        nonlocal done
        done += 1
        on_error(error)
        if on_progress is not None:
            on_progress(done)

    with ShardWriter(out, size=size) as writer:
        pending = articles(inputs, settings=settings, on_error=report)
        first = next(pending, None)
        if first is not None:
            results = mapped(itertools.chain([first], pending), settings=settings, jobs=jobs)
            for item in results:
                if isinstance(item, Failure):
                    report(item.error())
                    continue
                writer.add(item)
                done += 1
                if on_progress is not None:
                    on_progress(done)
    return writer.summary()


def write(store: Store, batch: list[MappedArticle]) -> None:
    """Write mapped articles to the store in one batch (natively where the store loads N-Quads).

    Each article's provenance graph goes before its article graph: a write cut short leaves no
    article graph without the times of its run (a stored article graph is skipped next time).

    Raises:
        StoreError: If the store refuses the batch.
    """
    graphs = [name for item in batch for name in (item.times_graph, item.graph) if name]
    if isinstance(store, NQuadsLoader):
        store.load_nquads(b"".join(item.times + item.nquads for item in batch), graphs)
        return
    dataset = Dataset()
    for item in batch:
        dataset.parse(data=item.times + item.nquads, format="nquads")
    hashes = {name: item.text_hash for item in batch for name in (item.times_graph, item.graph)
              if name}
    store.put_many([(dataset.graph(URIRef(name)), hashes[name]) for name in graphs],
                   batch_size=len(graphs))


def _batches(results: Iterable[Result], size: int, report: OnError
             ) -> Iterator[list[MappedArticle]]:
    batch: list[MappedArticle] = []
    for item in results:
        if isinstance(item, Failure):
            report(item.error())
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
