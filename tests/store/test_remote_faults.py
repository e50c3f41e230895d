"""A remote server that trickles, hangs, or answers 200 with something that is not SPARQL
results: each call fails within the request deadline, with one error naming the endpoint (and
never its password). The servers are real, on 127.0.0.1, and stop with the test."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.config import Settings
from kg.errors import KGError, StoreError
from kg.store import RemoteStore, open_store
from tests._http import Behaviour, http_server

DEADLINE = 1.5


def _graph() -> Graph:
    graph = Graph(identifier=URIRef("https://example.org/graph/a1"))
    graph.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("o")))
    return graph


CALLS: dict[str, Callable[[RemoteStore, Path], object]] = {
    "query": lambda store, _: store.query("SELECT * { ?s ?p ?o }"),
    "put": lambda store, _: store.put(_graph(), text_hash="h"),
    "remove": lambda store, _: store.remove("https://example.org/graph/a1"),
    "dump": lambda store, tmp: store.dump(tmp / "dump.nq"),
    "count": lambda store, _: store.triples_count(),
}


@pytest.mark.parametrize("behaviour", ["trickle", "hang"])
@pytest.mark.parametrize("call", sorted(CALLS))
def test_remote_slow_server_fails_within_the_deadline(tmp_path: Path, behaviour: Behaviour,
                                                      call: str) -> None:
    with http_server(behaviour) as server:
        store = RemoteStore(server.url, deadline=DEADLINE, retries=3, backoff=0.05)
        started = time.monotonic()
        with pytest.raises(KGError):
            CALLS[call](store, tmp_path)
        assert time.monotonic() - started < DEADLINE + 1.5
        store.close()
    assert not (tmp_path / "dump.nq").exists()


@pytest.mark.parametrize("behaviour", ["html", "garbage"])
@pytest.mark.parametrize("call", ["query", "count", "dump"])
def test_remote_answer_that_is_not_sparql_results_is_one_clear_error(
        tmp_path: Path, behaviour: Behaviour, call: str) -> None:
    with http_server(behaviour) as server:
        endpoint = server.url.replace("http://", "http://kg:s3cret@")
        store = RemoteStore(endpoint, deadline=DEADLINE, retries=0)
        with pytest.raises(StoreError) as caught:
            CALLS[call](store, tmp_path)
        store.close()
    message = str(caught.value)
    assert server.url in message
    assert "s3cret" not in message
    assert not (tmp_path / "dump.nq").exists()


@pytest.mark.parametrize("behaviour", ["html", "trickle"])
def test_remote_cli_reports_a_bad_server_in_one_line(tmp_path: Path, behaviour: Behaviour
                                                     ) -> None:
    config = tmp_path / "kg.toml"
    config.write_text(f"request_deadline = {DEADLINE}\n", encoding="utf-8")
    with http_server(behaviour) as server:
        started = time.monotonic()
        result = CliRunner().invoke(app, ["query", "SELECT * { ?s ?p ?o }", "--store",
                                          server.url.replace("http://", "http://u:pw@"),
                                          "--config", str(config)])
        assert time.monotonic() - started < DEADLINE + 1.5
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert "pw@" not in result.stderr


def test_remote_deadline_comes_from_settings() -> None:
    settings = Settings(store="remote", endpoint="http://127.0.0.1:9", request_deadline=7.5)
    with open_store(settings) as opened:
        assert isinstance(opened, RemoteStore)
        assert opened.deadline == 7.5
    assert Settings().request_deadline == 120.0
