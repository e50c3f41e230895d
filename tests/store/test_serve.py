"""Tests for `kg serve` (kg/store/serve.py): a real `kg serve` process on 127.0.0.1, queried
with a real HTTP client."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, Namespace

from kg.errors import StoreError
from kg.store import OxigraphStore
from tests.conftest import free_port

pytestmark = pytest.mark.slow
KG = Namespace("https://w3id.org/kg-timeline/ontology#")
KGR = Namespace("https://w3id.org/kg-timeline/id/")


def _store(folder: Path) -> None:
    graph = Graph(identifier=KGR["graph/a1"])
    graph.add((KGR["article/a1"], KG.title, Literal("one")))
    with OxigraphStore(folder) as store:
        store.put(graph, text_hash="h1")


def _serve(folder: Path, port: int) -> subprocess.Popen[bytes]:
    kg = str(Path(sys.executable).parent / "kg")
    process = subprocess.Popen([kg, "serve", "--store", str(folder), "--bind",
                                f"127.0.0.1:{port}"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/query", params={"query": "ASK {}"},
                         timeout=1).is_success:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    error = process.stderr.read() if process.stderr else b""
    raise AssertionError(f"kg serve did not answer: {error!r}")


def test_serve_answers_sparql_over_the_union_and_refuses_writes(tmp_path: Path) -> None:
    folder, port = tmp_path / "store", free_port()
    _store(folder)
    process = _serve(folder, port)
    try:
        url = f"http://127.0.0.1:{port}"
        query = "SELECT ?t WHERE { ?a <" + str(KG.title) + "> ?t }"
        reply = httpx.post(f"{url}/query", data={"query": query},
                           headers={"Accept": "application/sparql-results+json"})
        assert reply.json()["results"]["bindings"] == [{"t": {"type": "literal",
                                                              "value": "one"}}]
        page = httpx.get(f"{url}/", headers={"Accept": "text/html"})
        assert page.is_success and "yasgui" in page.text.lower()
        refused = httpx.post(f"{url}/update", content=b"DROP ALL",
                             headers={"Content-Type": "application/sparql-update"})
        assert not refused.is_success
        with pytest.raises(StoreError, match="in use"):
            OxigraphStore(folder, wait=0.5).graphs()  # no writer beside the server
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    with OxigraphStore(folder) as store:  # released, nothing changed
        assert store.graphs() == [KGR["graph/a1"]]


def test_serve_refuses_a_folder_without_a_store(tmp_path: Path) -> None:
    kg = str(Path(sys.executable).parent / "kg")
    done = subprocess.run([kg, "serve", "--store", str(tmp_path / "none")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.startswith("error: no store at")


def test_serve_query_page_loads_in_a_headless_browser(tmp_path: Path) -> None:
    """Chromium (Debian's, installed by the README's set-up) loads the query page, and its
    script builds the SPARQL editor from the files the server itself ships."""
    browser = shutil.which("chromium")
    if browser is None:
        pytest.skip("Debian's chromium is not installed (the README's set-up installs it)")
    folder, port = tmp_path / "store", free_port()
    _store(folder)
    process = _serve(folder, port)
    try:
        done = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
             "--virtual-time-budget=5000", "--dump-dom", f"http://127.0.0.1:{port}/"],
            capture_output=True, text=True, timeout=120)
        assert 'class="yasgui"' in done.stdout
        assert "CodeMirror" in done.stdout  # made by the page's script, not in the HTML sent
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)
