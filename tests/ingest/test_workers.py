"""Tests for kg.ingest.workers: mapping to N-Quads, in this process and in worker processes."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.articles import read_path
from kg.config import Settings
from kg.errors import ConfigError, KGError
from kg.extract import Pipeline
from kg.ingest.workers import MappedArticle, map_extraction, mapped
from kg.model import Article, Extraction, Failure
from kg.rdf import graph_iri, to_graph
from tests.conftest import TEST_DATA

BATCH = TEST_DATA / "batch.jsonl"


def _articles() -> list[Article]:
    found = [item for item in read_path(BATCH) if isinstance(item, Article)]
    assert len(found) == 6
    return found


def _dataset(item: MappedArticle) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=item.nquads, format="nquads")
    return dataset


def _graph(item: MappedArticle) -> Graph:
    return _dataset(item).graph(URIRef(item.graph))


def test_parallel_map_extraction_holds_the_article_graph(seed_extraction: Extraction) -> None:
    item = map_extraction(seed_extraction, base_iri=Settings().base_iri)
    expected = to_graph(seed_extraction)
    dataset = _dataset(item)
    assert item.graph == str(graph_iri(seed_extraction.article.id))
    assert {graph.identifier for graph in dataset.graphs() if len(graph)} == {URIRef(item.graph)}
    assert isomorphic(dataset.graph(URIRef(item.graph)), expected)
    assert item.triples == len(expected)


@pytest.mark.parametrize("jobs", [0, -1])
def test_parallel_mapped_refuses_jobs_below_one(jobs: int) -> None:
    with pytest.raises(ConfigError):
        list(mapped(_articles(), settings=Settings(), jobs=jobs))


def test_parallel_workers_match_one_process(pipeline: Pipeline) -> None:
    articles = _articles()
    alone = list(mapped(articles, settings=pipeline.settings, pipeline=pipeline))
    pooled = list(mapped(articles, settings=pipeline.settings, jobs=2, chunk=2))
    assert [item.article_id for item in pooled] == [a.id for a in articles]  # input order
    for one, other in zip(alone, pooled, strict=True):
        assert isinstance(one, MappedArticle) and isinstance(other, MappedArticle)
        assert (one.graph, one.triples, one.text_hash) == (other.graph, other.triples,
                                                           other.text_hash)
        assert isomorphic(_graph(one), _graph(other))


@pytest.mark.parametrize("stage", ["times"])
def test_parallel_failure_names_the_article(stage: str) -> None:
    failure = Failure(article_id="a-1", message=f"stage {stage!r} failed")
    error = failure.error()
    assert isinstance(error, KGError)
    assert "a-1" in str(error) and stage in str(error)
