"""Break one process's ingest time down by phase: spaCy parse, each stage, mapping, writing.

    python -m benchmarks.bench_phases --corpus C.jsonl --articles 200
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rdflib import Dataset

from benchmarks._measure import timed_stages
from kg.articles import read_inputs
from kg.config import Settings
from kg.extract import Pipeline
from kg.ingest.batches import write
from kg.ingest.workers import map_extraction
from kg.model import Article
from kg.rdf import to_graph
from kg.store import OxigraphStore

_COMPARED = 20  # articles also mapped through an rdflib graph, to report what to_nquads saves


def run(corpus: Path, count: int) -> dict[str, object]:
    """Time each phase over the first `count` articles; return ms per article by phase."""
    began = time.perf_counter()
    settings = Settings()
    pipeline = Pipeline(settings)
    load = time.perf_counter() - began
    items = [a for a in itertools.islice(read_inputs([corpus]), count) if isinstance(a, Article)]
    spent: dict[str, float] = defaultdict(float)
    began = time.perf_counter()
    docs = list(pipeline.nlp.pipe([a.text for a in items], batch_size=settings.batch_size))
    spent["spacy parse"] = time.perf_counter() - began
    mapped = []
    rdflib_path = 0.0
    for extraction in timed_stages(pipeline, zip(items, docs, strict=True), spent):
        began = time.perf_counter()
        mapped.append(map_extraction(extraction, base_iri=settings.base_iri))
        spent["map: to_nquads"] += time.perf_counter() - began
        if len(mapped) <= _COMPARED:  # the rdflib graph path, for comparison only
            began = time.perf_counter()
            graph = to_graph(extraction, base_iri=settings.base_iri)
            Dataset(store=graph.store).serialize(format="nquads", encoding="utf-8")
            rdflib_path += time.perf_counter() - began
    with tempfile.TemporaryDirectory() as folder, OxigraphStore(folder) as store:
        began = time.perf_counter()
        for start in range(0, len(mapped), settings.batch_size):
            write(store, mapped[start:start + settings.batch_size])
        spent["store: load N-Quads"] = time.perf_counter() - began
    total = sum(spent.values())
    return {
        "articles": len(items), "model_and_stage_load_s": load,
        "triples_per_article": sum(m.triples for m in mapped) / len(mapped),
        "ms_per_article": {k: 1000 * v / len(items) for k, v in spent.items()},
        "share": {k: v / total for k, v in spent.items()},
        "parse_share_ceiling": spent["spacy parse"] / total,
        "rdflib_to_graph_and_serialise_ms": 1000 * rdflib_path / min(_COMPARED, len(items)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    print(json.dumps(run(args.corpus, args.articles)))


if __name__ == "__main__":
    main()
