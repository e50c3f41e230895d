"""Shared fixtures: the real pipeline (spaCy model loaded once), sample paths, a seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.articles import read_path
from kg.config import Settings
from kg.extract import Pipeline
from kg.model import Article, Extraction

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = DATA / "000_6fba463f02e9fc5b.txt"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default pipeline with the real spaCy model, built once per test session."""
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def seed_article() -> Article:
    [article] = list(read_path(SEED))
    assert isinstance(article, Article)
    return article


@pytest.fixture(scope="session")
def seed_extraction(pipeline: Pipeline, seed_article: Article) -> Extraction:
    return pipeline.run(seed_article)
