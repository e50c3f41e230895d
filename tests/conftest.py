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


VIRTUOSO_INI = Path(__file__).parent / "store" / "virtuoso.ini"  # the README's too


def start_virtuoso(folder: Path, port: int, sql_port: int, max_rows: int = 10_000
                   ) -> subprocess.Popen[bytes]:
    """Start Debian's Virtuoso 7 (`virtuoso-t`) with `tests/store/virtuoso.ini` (its ports and
    row cap changed) and a database in `folder` on 127.0.0.1:port, wait until its SPARQL
    endpoint answers, and let the anonymous SPARQL user update (the set-up the README gives)."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise RuntimeError("virtuoso-t is missing: apt-get install virtuoso-opensource")
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / "virtuoso.ini"
    settings = VIRTUOSO_INI.read_text("utf-8")
    for default, value in (("127.0.0.1:1111", f"127.0.0.1:{sql_port}"),
                           ("127.0.0.1:8890", f"127.0.0.1:{port}"),
                           ("ResultSetMaxRows = 10000", f"ResultSetMaxRows = {max_rows}")):
        assert default in settings, default
        settings = settings.replace(default, value)
    ini.write_text(settings, "utf-8")
    process = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).is_success:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop_oxigraph(process)
            log = folder / "virtuoso.log"
            tail = log.read_text(errors="replace")[-500:] if log.exists() else ""
            raise RuntimeError(f"virtuoso did not start on {url}: {tail}")
        time.sleep(0.5)
    subprocess.run([shutil.which("isql-vt") or "isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba",
                    'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                   check=True, capture_output=True, timeout=60)
    return process


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start Virtuoso on free local ports, a row cap of 1,000; yield its base URL; stop it."""
    port = free_port()
    process = start_virtuoso(tmp_path_factory.mktemp("virtuoso-server"), port, free_port(),
                             max_rows=1_000)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_oxigraph(process)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `oxigraph serve` on a free local port; yield its base URL; stop it afterwards."""
    port = free_port()
    process = start_oxigraph(tmp_path_factory.mktemp("oxigraph-server"), port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_oxigraph(process)
