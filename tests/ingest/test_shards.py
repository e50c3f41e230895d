"""Tests for kg.ingest.shards: numbered, complete N-Quads shard files."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal, Namespace

from kg.errors import ConfigError
from kg.ingest.shards import ShardWriter, shard_name, write_shard
from kg.ingest.workers import MappedArticle

EX = Namespace("https://example.org/")


def _item(key: str) -> MappedArticle:
    dataset = Dataset()
    dataset.graph(EX[f"g/{key}"]).add((EX[key], EX.p, Literal(key)))
    return MappedArticle(article_id=key, graph=str(EX[f"g/{key}"]), text_hash=key, triples=1,
                         nquads=dataset.serialize(format="nquads", encoding="utf-8"))


@pytest.mark.parametrize(("articles", "size", "expected"), [
    (5, 2, [2, 2, 1]),
    (4, 2, [2, 2]),
    (1, 10, [1]),
    (0, 3, []),
])
def test_shard_writer_rolls_over_at_size(articles: int, size: int, expected: list[int],
                                         tmp_path: Path) -> None:
    with ShardWriter(tmp_path, size=size) as writer:
        for index in range(articles):
            writer.add(_item(f"a{index}"))
    summary = writer.summary()
    assert summary.shards == tuple(shard_name(i) for i in range(len(expected)))
    lines = [sum(1 for line in (tmp_path / name).read_text().splitlines() if line.strip())
             for name in summary.shards]
    assert lines == expected
    assert (summary.articles, summary.triples) == (articles, articles)
    assert not list(tmp_path.glob(".*partial"))  # no half-written file is left


@pytest.mark.parametrize("size", [0, -3])
def test_shard_writer_refuses_sizes_below_one(size: int, tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        ShardWriter(tmp_path, size=size)


def test_shard_partial_file_is_hidden_until_complete(tmp_path: Path) -> None:
    writer = ShardWriter(tmp_path, size=3)
    writer.add(_item("a"))
    assert not (tmp_path / shard_name(0)).exists()
    writer.__exit__(None, None, None)
    assert (tmp_path / shard_name(0)).exists()


@pytest.mark.parametrize("count", [0, 3])
def test_write_shard_counts_articles_and_triples(count: int, tmp_path: Path) -> None:
    path = tmp_path / shard_name(4)
    assert write_shard(path, [_item(f"k{i}") for i in range(count)]) == (count, count)
    assert sum(1 for line in path.read_text().splitlines() if line.strip()) == count
