"""Queries never reach outside the store unless asked to: SERVICE, FROM and FROM NAMED (LOAD and
USING in updates) are refused on every backend, found by parsing, with a real HTTP server on
127.0.0.1 that records requests (and must see none) and a local RDF file (that must not be read)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import query as queries
from kg.cli import app
from kg.errors import QueryError
from kg.store import Store, open_store
from tests._http import http_server

BACKENDS = ("embedded", "memory", "remote")
SECRET = "http://leak.example/from-a-file"


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    spec = {"embedded": str(tmp_path / "store"), "memory": "memory"}.get(request.param)
    if spec is None:
        spec = request.getfixturevalue("oxigraph_server")
    with open_store(spec) as opened:
        yield opened


@pytest.fixture
def rdf_file(tmp_path: Path) -> str:
    path = tmp_path / "local.ttl"
    path.write_text(f"<{SECRET}> <{SECRET}> <{SECRET}> .\n", encoding="utf-8")
    return path.as_uri()


def _reaching(url: str, file_url: str) -> list[str]:
    return [
        f"SELECT * {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ ?a ?b ?c OPTIONAL {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }} }}",
        f"SELECT * {{ FILTER EXISTS {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }} }}",
        f"SELECT * FROM <{url}/data.ttl> {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}/data.ttl> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{url}/> SELECT * FROM x:data.ttl {{ ?s ?p ?o }}",
        f"select * from <{file_url}> {{ ?s ?p ?o }}",
        f"ASK FROM NAMED <{file_url}> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"SELECT * {{ \\u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * { SERVICE ?unbound { ?s ?p ?o } }",
    ]


@pytest.mark.parametrize("index", range(10))
def test_federation_refused_without_a_request_or_a_file_read(store: Store, rdf_file: str,
                                                            index: int) -> None:
    with http_server("sparql") as server:
        sparql = _reaching(server.url, rdf_file)[index]
        with pytest.raises(QueryError, match="allow-federation"):
            queries.run_text(store, sparql)
        with pytest.raises(QueryError, match="allow-federation"):
            store.query(sparql)
    assert server.requests == []


@pytest.mark.parametrize("update", [
    "LOAD <{url}/data.ttl>",
    "LOAD <{file}> INTO GRAPH <http://example.org/g>",
    "INSERT {{ GRAPH <http://example.org/g> {{ ?s ?p ?o }} }} USING <{url}/data.ttl> "
    "WHERE {{ ?s ?p ?o }}",
    "INSERT {{ GRAPH <http://example.org/g> {{ ?s ?p ?o }} }} "
    "WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
])
def test_federation_refused_in_updates(store: Store, rdf_file: str, update: str) -> None:
    with http_server("turtle") as server, pytest.raises(QueryError, match="allow-federation"):
        store.update(update.format(url=server.url, file=rdf_file), allow_update=True)
    assert server.requests == []
    assert not queries.run_text(store, f"ASK {{ <{SECRET}> ?p ?o }}").boolean


@pytest.mark.parametrize("sparql", [
    "SELECT * { ?s <urn:none> 'SERVICE <{url}/sparql> {{ }}' }",
    "SELECT * { ?s <urn:none> ?o } # FROM <{url}/data.ttl>",
    'SELECT ?service ?from { ?service ?from """LOAD <{url}> USING <{url}>""" }',
    "SELECT * { ?s <{url}/SERVICE> ?o }",
])
def test_federation_words_in_comments_literals_and_names_pass(store: Store, sparql: str) -> None:
    with http_server("sparql") as server:
        result = queries.run_text(store, sparql.replace("{url}", server.url))
    assert result.rows == ()
    assert server.requests == []


def test_federation_named_queries_pass_the_check(store: Store) -> None:
    for entry in queries.list_queries():
        if not any(param.type == "name" or not param.optional for param in entry.params):
            queries.run_named(store, entry.name)


def test_federation_opt_in_reads_the_file_on_the_memory_store(rdf_file: str) -> None:
    # the refusal above is what keeps this from happening
    with open_store("memory") as opened:
        sparql = f"SELECT ?s FROM <{rdf_file}> {{ ?s ?p ?o }}"
        result = queries.run_text(opened, sparql, allow_federation=True)
    assert [str(row[0]) for row in result.rows] == [SECRET]


def test_federation_opt_in_sends_service_from_the_embedded_store(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "store")) as opened, http_server("sparql") as server:
        sparql = f"SELECT ?s {{ SERVICE <{server.url}/sparql> {{ ?s ?p ?o }} }}"
        result = queries.run_text(opened, sparql, allow_federation=True)
    assert len(server.requests) == 1
    assert [str(row[0]) for row in result.rows] == ["http://leak.example/fetched"]


@pytest.mark.parametrize("flags", [(), ("--allow-federation",)])
def test_federation_cli_service_unbound_is_one_line(tmp_path: Path, flags: tuple[str, ...]
                                                    ) -> None:
    store = str(tmp_path / "store")
    result = CliRunner().invoke(app, ["query", "SELECT * { SERVICE ?x { ?s ?p ?o } }",
                                      "--store", store, *flags])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_federation_cli_refuses_and_names_the_flag(tmp_path: Path, rdf_file: str) -> None:
    with http_server("sparql") as server:
        for sparql in _reaching(server.url, rdf_file):
            result = CliRunner().invoke(app, ["query", sparql, "--store", "memory"])
            assert result.exit_code == 1, sparql
            assert "--allow-federation" in result.stderr
    assert server.requests == []
