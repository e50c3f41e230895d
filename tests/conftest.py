"""Shared fixtures: the real pipeline (spaCy model loaded once), sample paths, a seed article."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from spacy.language import Language

from kg.articles import read_path
from kg.config import Settings
from kg.extract import Pipeline
from kg.extract.nlp.model import load_model
from kg.model import Article, Extraction

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = DATA / "000_6fba463f02e9fc5b.txt"
TEST_DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default pipeline with the real spaCy model, built once per test session."""
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The spaCy model with kg's components, loaded once per test session."""
    return load_model(Settings().model)


@pytest.fixture(scope="session")
def seed_article() -> Article:
    [article] = list(read_path(SEED))
    assert isinstance(article, Article)
    return article


@pytest.fixture(scope="session")
def seed_extraction(pipeline: Pipeline, seed_article: Article) -> Extraction:
    return pipeline.run(seed_article)


def _oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise RuntimeError("the oxigraph server binary is missing: pip install -e '.[dev]'")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_oxigraph(location: Path, port: int) -> subprocess.Popen[bytes]:
    """Start `oxigraph serve` on 127.0.0.1:port over `location` and wait until it answers."""
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [_oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1).is_success:
                return process
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop_oxigraph(process)
            error = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"oxigraph serve did not start on {url}: {error}")
        time.sleep(0.1)


def stop_oxigraph(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started by `start_oxigraph`."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `oxigraph serve` on a free local port; yield its base URL; stop it afterwards."""
    port = free_port()
    process = start_oxigraph(tmp_path_factory.mktemp("oxigraph-server"), port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_oxigraph(process)
