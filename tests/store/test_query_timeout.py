"""A query's timeout stops it: a runaway cross product on the embedded store (run in a worker
process, killed) and on the memory store (a thread, interrupted) leaves nothing running and
takes no more memory once the caller has its QueryError."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg import query as queries
from kg.errors import QueryError
from kg.store import Store, open_store

RUNAWAY = "SELECT ?a ?c ?f ?i { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
TIMEOUT = 1.0
MB = 1 << 20


def _rss() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) * 1024


def _children() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid() and fields[0] != "Z":
                found.append(int(entry.name))
    return found


@pytest.fixture(params=["embedded", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    spec = str(tmp_path / "store") if request.param == "embedded" else "memory"
    with open_store(spec) as opened:
        graph = Graph(identifier=URIRef("https://example.org/graph/a1"))
        for number in range(400):
            graph.add((URIRef(f"https://example.org/s{number}"),
                       URIRef("https://example.org/p"), Literal(number)))
        opened.put(graph, text_hash="h")
        yield opened


def test_timeout_stops_a_runaway_query_and_frees_it(store: Store) -> None:
    threads = threading.active_count()
    children = _children()
    before = _rss()
    started = time.monotonic()
    with pytest.raises(QueryError, match="timeout"):
        queries.run_text(store, RUNAWAY, timeout=TIMEOUT)
    assert time.monotonic() - started < TIMEOUT + 2.0
    after = _rss()
    time.sleep(1.0)  # a query still running would keep growing meanwhile
    assert _rss() - after < 20 * MB
    assert _rss() - before < 400 * MB
    assert threading.active_count() == threads
    assert _children() == children


def test_timeout_leaves_a_quick_query_alone(store: Store) -> None:
    with_timeout = queries.run_text(store, "SELECT ?o { ?s ?p ?o } ORDER BY ?o", timeout=30,
                                    limit=5)
    assert with_timeout == queries.run_text(store, "SELECT ?o { ?s ?p ?o } ORDER BY ?o", limit=5)
    assert with_timeout.truncated
    assert queries.run_text(store, "ASK { ?s ?p 3 }", timeout=30).boolean


@pytest.mark.parametrize("sparql", ["SELECT * { ?s ?p }", "SELECT * { SERVICE ?x { ?s ?p ?o } }"])
def test_timeout_reports_engine_errors_as_query_errors(store: Store, sparql: str) -> None:
    # rdflib finds no solution for SERVICE ?unbound; oxigraph fails, which must be a QueryError
    for timeout in (None, 30):
        with contextlib.suppress(QueryError):
            assert store.query(sparql, timeout=timeout, allow_federation=True).rows == ()


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), float("inf")])
def test_timeout_must_be_a_finite_positive_number(store: Store, timeout: float) -> None:
    with pytest.raises(QueryError, match="timeout"):
        store.query("ASK { ?s ?p ?o }", timeout=timeout)
