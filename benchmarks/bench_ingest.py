"""Benchmark `kg ingest` against bare spaCy `nlp.pipe` on the same articles and process count.

Each configuration runs in a fresh process over the whole corpus and reports per-article
completion times (steady articles/s over slices of the run), wall time with model loading, and
memory (this process plus its workers) sampled along the way.

    python -m benchmarks.bench_ingest one --kind kg --jobs 2 --corpus C.jsonl --store DIR
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from benchmarks._measure import Clock, Peak, rss_total

KINDS = ("spacy", "kg", "kg-nprocess")


def _spacy(corpus: Path, jobs: int, clock: Clock) -> dict[str, float]:
    from kg.articles import read_inputs
    from kg.config import Settings
    from kg.extract.nlp.model import load_model

    settings = Settings()
    loaded = time.perf_counter()
    nlp = load_model(settings.model)
    load = time.perf_counter() - loaded
    clock.start = time.perf_counter()
    texts = (item.text for item in read_inputs([corpus]) if not isinstance(item, Exception))
    for count, _doc in enumerate(nlp.pipe(texts, batch_size=settings.batch_size,
                                          n_process=jobs), start=1):
        clock(count)
    return {"load": load}


def _kg(corpus: Path, jobs: int, clock: Clock, store_path: Path) -> dict[str, float]:
    from kg.config import Settings
    from kg.ingest.batches import ingest
    from kg.store import OxigraphStore

    settings = Settings()
    clock.start = time.perf_counter()
    with OxigraphStore(store_path) as store:
        summary = ingest([corpus], store, settings=settings, jobs=jobs, on_progress=clock)
    if summary.failed:
        raise RuntimeError(f"{summary.failed} articles failed")
    return {"triples": summary.triples}


def _kg_nprocess(corpus: Path, jobs: int, clock: Clock, store_path: Path) -> dict[str, float]:
    """The alternative to worker processes: spaCy's own n_process parses, this process runs
    the stages and the mapping (what `--jobs` would be if it only parallelised `nlp.pipe`)."""
    from kg.config import Settings
    from kg.extract import Pipeline
    from kg.ingest.batches import articles, write
    from kg.ingest.workers import map_extraction
    from kg.store import OxigraphStore

    settings = Settings()
    clock.start = time.perf_counter()
    pipeline = Pipeline(settings)
    triples = 0
    with OxigraphStore(store_path) as store:
        pairs = pipeline.nlp.pipe(((a.text, a) for a in articles([corpus], settings=settings)),
                                  as_tuples=True, batch_size=settings.batch_size, n_process=jobs)
        batch = []
        for count, (doc, article) in enumerate(pairs, start=1):
            item = map_extraction(pipeline.apply(article, doc), base_iri=settings.base_iri)
            batch.append(item)
            triples += item.triples
            if len(batch) == settings.batch_size:
                write(store, batch)
                batch = []
            clock(count)
        if batch:
            write(store, batch)
    return {"triples": triples}


def one(kind: str, jobs: int, corpus: Path, store: Path | None) -> dict[str, object]:
    """Run one configuration; return its measurements."""
    clock = Clock()
    load_before = os.getloadavg()[0]
    began = time.perf_counter()
    with Peak() as peak:
        if kind == "spacy":
            extra = _spacy(corpus, jobs, clock)
        elif kind == "kg":
            extra = _kg(corpus, jobs, clock, store or Path("/tmp/kg-bench-store"))
        else:
            extra = _kg_nprocess(corpus, jobs, clock, store or Path("/tmp/kg-bench-store"))
    wall = time.perf_counter() - began
    return {"kind": kind, "jobs": jobs, "articles": len(clock.done), "wall": wall,
            "done": clock.done, "memory": clock.memory, "rss_end": rss_total(),
            "rss_peak": peak.peak, "load_average": [load_before, os.getloadavg()[0]], **extra}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    single = sub.add_parser("one", help="run one configuration and print JSON")
    single.add_argument("--kind", choices=KINDS, required=True)
    single.add_argument("--jobs", type=int, default=1)
    single.add_argument("--corpus", type=Path, required=True)
    single.add_argument("--store", type=Path)
    args = parser.parse_args()
    print(json.dumps(one(args.kind, args.jobs, args.corpus, args.store)))


if __name__ == "__main__":
    main()
