"""Tests for kg/store/remote.py against a real `oxigraph serve` process on 127.0.0.1.

The `oxigraph_server` fixture lives in conftest.py; test_store.py and test_query.py run their
backend-independent tests on the remote store too.
"""

from __future__ import annotations

import io
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef

from kg.config import load_settings
from kg.errors import QueryError, StoreError
from kg.store import RemoteStore, open_store
from tests._http import http_server
from tests.conftest import free_port, start_oxigraph, stop_oxigraph

KG = Namespace("https://w3id.org/kg-timeline/ontology#")
KGR = Namespace("https://w3id.org/kg-timeline/id/")
EX = Namespace("https://example.org/")


@pytest.fixture
def remote(oxigraph_server: str) -> Iterator[RemoteStore]:
    """An empty remote store on the shared server, emptied again afterwards."""
    store = RemoteStore(oxigraph_server)
    store.update("DROP SILENT ALL", allow_update=True)
    yield store
    store.update("DROP SILENT ALL", allow_update=True)
    store.close()


def _graph(key: str, *triples: tuple[URIRef, URIRef, Literal | URIRef]) -> Graph:
    graph = Graph(identifier=KGR[f"graph/{key}"])
    for triple in triples:
        graph.add(triple)
    return graph


def test_remote_open_store_picks_remote_for_url(oxigraph_server: str) -> None:
    with open_store(oxigraph_server) as store:
        assert isinstance(store, RemoteStore)
        assert store.query_url == f"{oxigraph_server}/query"
        assert store.update_url == f"{oxigraph_server}/update"
        assert store.store_url == f"{oxigraph_server}/store"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        (
            {
                "query_url": "http://h/ds/query",
                "update_url": "http://h/ds/update",
                "store_url": "http://h/ds/data",
            },
            ("http://h/ds/query", "http://h/ds/update", "http://h/ds/data"),
        ),
        (
            {"query_url": "http://h/", "update_url": "http://h/", "store_url": None},
            ("http://h/", "http://h/", None),
        ),
    ],
)
def test_remote_takes_explicit_urls(kwargs: dict[str, str | None], expected: tuple) -> None:
    store = RemoteStore(**kwargs)  # type: ignore[arg-type]
    assert (store.query_url, store.update_url, store.store_url) == expected
    store.close()


def test_remote_without_graph_store_url_writes_and_dumps_by_query(remote: RemoteStore,
                                                                  oxigraph_server: str) -> None:
    """No Graph Store URL: graphs go in by INSERT DATA of bounded size (a graph bigger than one
    request is split) and come back page by page, whole."""
    store = RemoteStore(query_url=f"{oxigraph_server}/query",
                        update_url=f"{oxigraph_server}/update", store_url=None,
                        chunk_bytes=2_000, max_rows=7)
    big = _graph("big", *((EX[f"s{n}"], EX.p, Literal(f"value {n}")) for n in range(60)))
    store.put(big, text_hash="h-big")
    store.put(_graph("small", (EX.s, EX.p, Literal("one"))), text_hash="h-small")
    out = io.BytesIO()
    store.dump(out, "nquads")
    dataset = Dataset()
    dataset.parse(data=out.getvalue().decode(), format="nquads")
    assert len(dataset.graph(KGR["graph/big"])) == 61
    assert len(dataset.graph(KGR["graph/small"])) == 2
    assert store.remove(str(KGR["graph/big"])) is True
    assert store.graphs() == [KGR["graph/small"]]
    store.close()


def test_remote_reads_a_graph_and_a_construct_over_the_row_cap_whole(
    remote: RemoteStore, oxigraph_server: str
) -> None:
    """A server cutting results at 7 rows: a 61-triple graph is read a slice at a time (each
    under the cap) for validate and export, and a CONSTRUCT is read page by page, both whole."""
    store = RemoteStore(oxigraph_server, max_rows=7)
    big = _graph("big", *((EX[f"s{n}"], EX.p, Literal(f"value {n}")) for n in range(60)))
    store.put(big, text_hash="h-big")
    read = store.read_graph(str(KGR["graph/big"]))
    assert set(read) == set(big) | {(KGR["graph/big"], KG.textHash, Literal("h-big"))}
    found = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                        bindings={"g": KGR["graph/big"]})
    assert set(found.graph()) == set(read)
    store.close()


def test_remote_put_is_visible_through_graph_store_protocol(
    remote: RemoteStore, oxigraph_server: str
) -> None:
    remote.put(_graph("a1", (EX.s, EX.p, Literal("one"))), text_hash="h1")
    reply = httpx.get(
        f"{oxigraph_server}/store",
        params={"graph": str(KGR["graph/a1"])},
        headers={"Accept": "application/n-triples"},
    )
    stored = Graph().parse(data=reply.text, format="nt")
    assert (EX.s, EX.p, Literal("one")) in stored
    assert (KGR["graph/a1"], KG.textHash, Literal("h1")) in stored


def test_remote_dump_reads_back_as_the_stored_dataset(remote: RemoteStore) -> None:
    remote.put(_graph("a1", (EX.s, EX.p, Literal("one"))), text_hash="h1")
    remote.put(_graph("a2", (EX.s, EX.p, Literal("two"))), text_hash="h2")
    out = io.BytesIO()
    remote.dump(out, "nquads")
    dataset = Dataset()
    dataset.parse(data=out.getvalue().decode(), format="nquads")
    assert (EX.s, EX.p, Literal("two"), dataset.graph(KGR["graph/a2"])) in dataset
    assert len(dataset.graph(KGR["graph/a1"])) == 2


def test_remote_dump_turtle_is_the_union_of_the_named_graphs(remote: RemoteStore) -> None:
    remote.put(_graph("a1", (EX.s, EX.p, Literal("one"))), text_hash="h1")
    remote.put(_graph("a2", (EX.s, EX.p, Literal("two")), (EX.s, EX.p, Literal("one"))),
               text_hash="h2")
    out = io.BytesIO()
    remote.dump(out, "turtle")
    union = Graph().parse(data=out.getvalue().decode(), format="turtle")
    assert {o for o in union.objects(EX.s, EX.p)} == {Literal("one"), Literal("two")}
    assert (KGR["graph/a2"], KG.textHash, Literal("h2")) in union


def test_remote_dataset_view_reads_named_graph(remote: RemoteStore) -> None:
    remote.put(_graph("a1", (EX.s, EX.p, Literal("one"))), text_hash="h1")
    view = remote.dataset().get_context(KGR["graph/a1"])  # creates nothing
    assert (EX.s, EX.p, Literal("one")) in view


def test_remote_unreachable_server_raises_store_error() -> None:
    store = RemoteStore(f"http://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(StoreError):
        store.graphs()
    store.close()


def test_remote_malformed_query_raises_query_error(remote: RemoteStore) -> None:
    with pytest.raises(QueryError):
        remote.query("SELECT WHERE nonsense")


def test_remote_closed_store_raises_store_error(oxigraph_server: str) -> None:
    store = RemoteStore(oxigraph_server)
    store.close()
    with pytest.raises(StoreError):
        store.graphs()


def test_remote_write_survives_a_server_restart(tmp_path: Path) -> None:
    """A write sent while the server is down is retried with backoff and lands once it is back."""
    location, port = tmp_path / "db", free_port()
    process = start_oxigraph(location, port)
    store = RemoteStore(f"http://127.0.0.1:{port}", retries=6, backoff=0.3, timeout=10)
    first = _graph("a1", (EX.s, EX.p, Literal("one")))
    store.put(first, text_hash="h1")
    stop_oxigraph(process)
    restarted: list[subprocess.Popen[bytes]] = []
    timer = threading.Timer(1.0, lambda: restarted.append(start_oxigraph(location, port)))
    timer.start()
    try:
        store.put(_graph("a2", (EX.s, EX.p, Literal("two"))), text_hash="h2")
        assert store.has(str(KGR["graph/a1"]), "h1") and store.has(str(KGR["graph/a2"]), "h2")
    finally:
        timer.join()
        store.close()
        for server in restarted:
            stop_oxigraph(server)


def test_remote_write_to_a_server_that_stays_down_is_reported(tmp_path: Path) -> None:
    store = RemoteStore(f"http://127.0.0.1:{free_port()}", retries=2, backoff=0.05, timeout=2)
    with pytest.raises(StoreError) as info:
        store.put(_graph("a1", (EX.s, EX.p, Literal("one"))), text_hash="h1")
    assert "after 3 attempts" in str(info.value)


def test_remote_success_status_with_nothing_stored_is_an_error(remote: RemoteStore,
                                                               oxigraph_server: str) -> None:
    """A Graph Store URL that answers 200 with an HTML page and stores nothing (as Virtuoso
    does for a request it does not support): the write is verified, retried, then refused."""
    with http_server("html") as fake:
        store = RemoteStore(query_url=f"{oxigraph_server}/query",
                            update_url=f"{oxigraph_server}/update", store_url=fake.url,
                            retries=0)
        with pytest.raises(StoreError, match=r"holds 0 of the 2 triples"):
            store.put(_graph("a1", (EX.s, EX.p, Literal("one"))), text_hash="h1")
        assert sum(request.startswith("PUT") for request in fake.requests) == 2
        store.close()
    assert remote.graphs() == []


def test_remote_explicit_urls_and_credentials_from_toml(tmp_path: Path,
                                                        oxigraph_server: str) -> None:
    config = tmp_path / "kg.toml"
    config.write_text(
        f'store = "remote"\nserver = "generic"\nquery_url = "{oxigraph_server}/query"\n'
        f'update_url = "{oxigraph_server}/update"\nstore_url = ""\n'
        f'auth = "basic"\nuser = "kg"\npassword = "pw-s3cret"\n', "utf-8")
    settings = load_settings(config)
    assert "pw-s3cret" not in repr(settings)
    with open_store(settings) as store:
        assert isinstance(store, RemoteStore)
        assert (store.query_url, store.store_url) == (f"{oxigraph_server}/query", None)
        store.put(_graph("a1", (EX.s, EX.p, Literal("one"))), text_hash="h1")
        assert store.graphs() == [KGR["graph/a1"]]
        store.remove(str(KGR["graph/a1"]))


def test_remote_refused_update_is_one_line_without_credentials(oxigraph_server: str) -> None:
    endpoint = oxigraph_server.replace("http://", "http://kg:pw-s3cret@")
    store = RemoteStore(endpoint, retries=0)
    big = ("INSERT DATA { GRAPH <https://example.org/g> {\n"
           + "<https://example.org/x> <https://example.org/y> 'z' .\n" * 5_000 + "} } NONSENSE")
    with pytest.raises(QueryError) as caught:
        store.update(big, allow_update=True)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 600
    assert "HTTP 400" in message and "/update" in message
    assert "pw-s3cret" not in message and "kg:" not in message
    store.close()
