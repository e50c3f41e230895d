"""Tests for kg/store: the same behaviour on the memory, embedded oxigraph and remote backends."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef, namespace
from rdflib.compare import isomorphic

from kg.config import Settings
from kg.errors import ConfigError, QueryError, StoreError
from kg.store import (
    MemoryStore,
    OpenMode,
    OxigraphStore,
    QueryResult,
    RemoteStore,
    Stamp,
    Store,
    _pending,
    open_store,
)

KG = Namespace("https://w3id.org/kg-timeline/ontology#")
KGR = Namespace("https://w3id.org/kg-timeline/id/")
EX = Namespace("https://example.org/")
EVIL = 'x" } ; DROP ALL ; { "'
BACKENDS = ["memory", "oxigraph", "remote"]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend."""
    if request.param == "memory":
        opened: Store = open_store("memory")
    elif request.param == "oxigraph":
        opened = open_store(tmp_path / "store")
    else:
        opened = open_store(request.getfixturevalue("oxigraph_server"))
        opened.update("DROP SILENT ALL", allow_update=True)
    yield opened
    opened.close()
    if request.param == "remote":
        with open_store(request.getfixturevalue("oxigraph_server")) as cleaner:
            cleaner.update("DROP SILENT ALL", allow_update=True)


def article(key: str, *values: str, hash_: str | None = None) -> Graph:
    """Return a small article graph: one article node, one text hash, one triple per value."""
    graph = Graph(identifier=KGR[f"graph/{key}"])
    node = KGR[f"article/{key}"]
    graph.add((node, KG.textHash, Literal(hash_ or f"hash-{key}")))
    for value in values:
        graph.add((node, KG.title, Literal(value)))
    return graph


def titles(store: Store) -> set[str]:
    result = store.query("SELECT ?t WHERE { ?a <https://w3id.org/kg-timeline/ontology#title> ?t }")
    return {str(value) for value in result.column("t")}


@pytest.mark.parametrize(("spec", "kind"), [("memory", MemoryStore), ("dir", OxigraphStore)])
def test_store_open_store_picks_backend(spec: str, kind: type, tmp_path: Path) -> None:
    with open_store(tmp_path / "s" if spec == "dir" else spec) as opened:
        assert isinstance(opened, kind)
        assert isinstance(opened, Store)


@pytest.mark.parametrize(
    ("settings", "kind"),
    [
        (Settings(store="memory"), MemoryStore),
        (Settings(store="oxigraph"), OxigraphStore),
        (Settings(store="remote", endpoint="http://127.0.0.1:9"), RemoteStore),
    ],
)
def test_store_open_store_follows_settings(
    settings: Settings, kind: type, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the default store_path is relative
    with open_store(settings) as opened:
        assert isinstance(opened, kind)


def test_store_open_store_remote_needs_endpoint() -> None:
    with pytest.raises(ConfigError):
        open_store(Settings(store="remote"))


def test_store_put_stores_named_graph(store: Store) -> None:
    store.put(article("a1", "one", "two"), text_hash="hash-a1")
    assert store.graphs() == [KGR["graph/a1"]]
    assert store.triples_count() == 3
    assert titles(store) == {"one", "two"}


@pytest.mark.parametrize(
    ("graph_key", "text_hash", "expected"),
    [("a1", "hash-a1", True), ("a1", "other", False), ("a2", "hash-a1", False)],
)
def test_store_has_checks_graph_and_hash(
    store: Store, graph_key: str, text_hash: str, expected: bool
) -> None:
    store.put(article("a1", "one"), text_hash="hash-a1")
    assert store.has(KGR[f"graph/{graph_key}"], text_hash) is expected


def test_store_stamps_reads_hash_and_extractor_of_each_graph_asked(store: Store) -> None:
    made = article("a1", "one")
    made.add((KGR["run/r1"], KG.extractor, Literal("x1")))
    store.put_many([(made, "hash-a1"), (article("a2", "two"), "hash-a2"),
                    (article("a3", "three"), "hash-a3")])
    found = store.stamps([KGR["graph/a1"], KGR["graph/a2"], KGR["graph/missing"]])
    assert found == {KGR["graph/a1"]: Stamp(frozenset({"hash-a1"}), frozenset({"x1"})),
                     KGR["graph/a2"]: Stamp(frozenset({"hash-a2"}), frozenset())}
    assert store.stamps([]) == {}


def test_store_put_records_hash_missing_from_graph(store: Store) -> None:
    graph = Graph(identifier=KGR["graph/a1"])
    graph.add((EX.s, EX.p, Literal("o")))
    store.put(graph, text_hash="h-given")
    assert store.has(KGR["graph/a1"], "h-given")
    assert store.triples_count() == 2


@pytest.mark.parametrize(
    "graph",
    [Graph(), article("a1", "one", hash_="recorded")],
    ids=["unnamed", "other-hash"],
)
def test_store_put_refuses_bad_graph(store: Store, graph: Graph) -> None:
    with pytest.raises(StoreError):
        store.put(graph, text_hash="given")
    assert store.graphs() == []


def test_store_reput_same_graph_is_noop(store: Store) -> None:
    graph = article("a1", "one", "two")
    store.put(graph, text_hash="hash-a1")
    before = store.triples_count()
    store.put(graph, text_hash="hash-a1")
    assert store.triples_count() == before
    assert store.graphs() == [KGR["graph/a1"]]


def test_store_put_replaces_changed_article(store: Store) -> None:
    store.put(article("a1", "old", "kept"), text_hash="hash-a1")
    store.put(article("a2", "other"), text_hash="hash-a2")
    store.put(article("a1", "new", "kept", hash_="hash-b1"), text_hash="hash-b1")
    assert titles(store) == {"new", "kept", "other"}
    assert store.has(KGR["graph/a1"], "hash-b1")
    assert not store.has(KGR["graph/a1"], "hash-a1")
    assert store.triples_count() == 5


def test_store_reput_graph_with_blank_nodes_does_not_grow(store: Store) -> None:
    graph = article("a1", "one")
    blank = BNode()
    graph.add((KGR["article/a1"], EX.note, blank))
    graph.add((blank, EX.text, Literal("a note")))
    store.put(graph, text_hash="hash-a1")
    store.put(graph, text_hash="hash-a1")
    assert store.triples_count() == 4


@pytest.mark.parametrize(
    "value",
    [
        Literal("05", datatype=namespace.XSD.nonNegativeInteger),
        Literal("0.50", datatype=namespace.XSD.decimal),
        Literal("1", datatype=namespace.XSD.boolean),
    ],
)
def test_store_reput_graph_with_typed_literals_does_not_grow(store: Store, value: Literal) -> None:
    graph = article("a1", "one")
    graph.add((KGR["article/a1"], EX.value, value))
    store.put(graph, text_hash="hash-a1")
    store.put(graph, text_hash="hash-a1")
    assert store.triples_count() == 3
    found = store.query("SELECT ?v WHERE { ?a <https://example.org/value> ?v }").column("v")
    assert [literal.toPython() for literal in found] == [value.toPython()]


def test_store_remove_removes_only_that_graph(store: Store) -> None:
    store.put(article("a1", "one"), text_hash="hash-a1")
    store.put(article("a2", "two"), text_hash="hash-a2")
    assert store.remove(KGR["graph/a1"]) is True
    assert store.remove(KGR["graph/a1"]) is False
    assert store.graphs() == [KGR["graph/a2"]]
    assert titles(store) == {"two"}


@pytest.mark.parametrize("batch_size", [1, 2, 50])
def test_store_put_many_writes_every_graph(store: Store, batch_size: int) -> None:
    store.put(article("a0", "stale"), text_hash="hash-a0")
    items = [(article(f"a{i}", f"title {i}"), f"hash-a{i}") for i in range(5)]
    assert store.put_many(items, batch_size=batch_size) == 5
    assert store.graphs() == sorted(KGR[f"graph/a{i}"] for i in range(5))
    assert titles(store) == {f"title {i}" for i in range(5)}
    assert store.triples_count() == 10


def test_store_query_binds_parameters(store: Store) -> None:
    store.put(article("a1", "one", "two"), text_hash="hash-a1")
    result = store.query(
        "SELECT ?a ?t WHERE { ?a <https://w3id.org/kg-timeline/ontology#title> ?t "
        "FILTER(?t != ?skip) }",
        bindings={"skip": Literal("one")},
    )
    assert result.kind == "select"
    assert result.variables == ("a", "t")
    assert result.records() == [{"a": KGR["article/a1"], "t": Literal("two")}]


@pytest.mark.parametrize("value", [Literal(EVIL), Literal(EVIL, lang="en")])
def test_store_injected_value_matches_nothing_destroys_nothing(
    store: Store, value: Literal
) -> None:
    store.put(article("a1", "one"), text_hash="hash-a1")
    result = store.query(
        "SELECT ?a WHERE { ?a <https://w3id.org/kg-timeline/ontology#title> ?t FILTER(?t = ?v) }",
        bindings={"v": value},
    )
    assert result.rows == ()
    assert store.triples_count() == 2


@pytest.mark.parametrize(
    "value",
    [URIRef(f"https://example.org/{EVIL}"), BNode(), "plain string"],
    ids=["bad-iri", "blank", "not-a-term"],
)
def test_store_query_refuses_unbindable_value(store: Store, value: object) -> None:
    store.put(article("a1", "one"), text_hash="hash-a1")
    with pytest.raises(QueryError):
        store.query("SELECT ?a WHERE { ?a ?p ?v }", bindings={"v": value})  # type: ignore[dict-item]
    assert store.triples_count() == 2


@pytest.mark.parametrize("name", ["a b", "x}", "1x", ""])
def test_store_query_refuses_bad_parameter_name(store: Store, name: str) -> None:
    with pytest.raises(QueryError):
        store.query("SELECT ?a WHERE { ?a ?p ?o }", bindings={name: Literal("v")})


def test_store_query_ask_returns_boolean(store: Store) -> None:
    store.put(article("a1", "one"), text_hash="hash-a1")
    result = store.query(
        "ASK { ?a <https://w3id.org/kg-timeline/ontology#title> ?t }",
        bindings={"t": Literal("one")},
    )
    assert result.kind == "ask"
    assert result.boolean is True


def test_store_query_construct_returns_graph(store: Store) -> None:
    graph = article("a1", "one")
    store.put(graph, text_hash="hash-a1")
    result = store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", bindings={"g": KGR["graph/a1"]}
    )
    assert result.kind == "graph"
    assert isomorphic(result.graph(), graph)


def test_store_query_sees_union_of_named_graphs(store: Store) -> None:
    store.put(article("a1", "one"), text_hash="hash-a1")
    store.put(article("a2", "two"), text_hash="hash-a2")
    assert titles(store) == {"one", "two"}


@pytest.mark.parametrize(
    ("limit", "rows", "truncated"), [(0, 0, True), (2, 2, True), (9, 3, False)]
)
def test_store_query_limit_caps_rows(store: Store, limit: int, rows: int, truncated: bool) -> None:
    store.put(article("a1", "one", "two", "three"), text_hash="hash-a1")
    result = store.query(
        "SELECT ?t WHERE { ?a <https://w3id.org/kg-timeline/ontology#title> ?t }", limit=limit
    )
    assert (len(result), result.truncated) == (rows, truncated)


@pytest.mark.parametrize(("limit", "timeout"), [(-1, None), (1.5, None), (None, 0), (None, -2)])
def test_store_query_refuses_bad_bounds(store: Store, limit: object, timeout: object) -> None:
    with pytest.raises(QueryError):
        store.query("ASK {}", limit=limit, timeout=timeout)  # type: ignore[arg-type]


def test_store_query_timeout_stops_long_query(store: Store) -> None:
    graph = article("a1")
    for index in range(150):
        graph.add((EX[f"s{index}"], EX.p, Literal(index)))
    store.put(graph, text_hash="hash-a1")
    with pytest.raises(QueryError):
        store.query("SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }", timeout=0.3)


@pytest.mark.parametrize(
    "text", ["DROP ALL", "CLEAR DEFAULT", "INSERT DATA { <https://e.org/s> <https://e.org/p> 1 }"]
)
def test_store_query_refuses_update(store: Store, text: str) -> None:
    store.put(article("a1", "one"), text_hash="hash-a1")
    with pytest.raises(QueryError):
        store.query(text)
    assert store.triples_count() == 2


def test_store_update_refused_unless_allowed(store: Store) -> None:
    store.put(article("a1", "one"), text_hash="hash-a1")
    with pytest.raises(QueryError):
        store.update("DROP ALL")
    assert store.triples_count() == 2


def test_store_update_runs_when_allowed(store: Store) -> None:
    store.update(
        "INSERT DATA { GRAPH <https://example.org/g> "
        "{ <https://example.org/s> <https://w3id.org/kg-timeline/ontology#textHash> 'o' } }",
        allow_update=True,
    )
    assert store.graphs() == [EX.g]
    assert store.triples_count() == 1


def test_store_lists_only_kg_graphs(store: Store) -> None:
    """A graph without a registry marker (kg.store.registry) is someone else's: not listed."""
    store.put(article("a1", "one"), text_hash="hash-a1")
    store.update("INSERT DATA { GRAPH <https://example.org/other> "
                 "{ <https://example.org/s> <https://example.org/p> 'o' } }", allow_update=True)
    assert store.graphs() == [KGR["graph/a1"]]
    assert store.remove("https://example.org/other") is True


def test_store_malformed_update_raises_query_error(store: Store) -> None:
    with pytest.raises(QueryError):
        store.update("INSERT NONSENSE", allow_update=True)


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_store_dump_round_trips(store: Store, fmt: str, tmp_path: Path) -> None:
    graphs = [article("a1", "one"), article("a2", "two")]
    store.put_many(
        [(graph, f"hash-{key}") for graph, key in zip(graphs, ["a1", "a2"], strict=True)]
    )
    target = tmp_path / f"dump.{fmt}"
    store.dump(target, fmt)  # type: ignore[arg-type]
    dumped = Dataset()
    dumped.parse(target, format=fmt)
    for graph in graphs:
        assert isomorphic(dumped.graph(graph.identifier), graph)


def test_store_dump_turtle_is_the_union_of_the_graphs_with_our_prefixes(store: Store) -> None:
    shared = (KGR["actor/acme"], KG.name, Literal("Acme"))  # in both graphs
    graphs = [article("a1", "one"), article("a2", "two")]
    for graph in graphs:
        graph.add(shared)
    store.put_many([(graph, f"hash-{key}") for graph, key in zip(graphs, ["a1", "a2"],
                                                                 strict=True)])
    out = io.BytesIO()
    store.dump(out, "turtle")
    text = out.getvalue().decode()
    union = Graph().parse(data=text, format="turtle")
    expected = Graph()
    for graph in graphs:
        for triple in graph:
            expected.add(triple)
    assert isomorphic(union, expected)
    if not isinstance(store, RemoteStore):  # a server writes the prefixes it likes
        assert "@prefix kg: <https://w3id.org/kg-timeline/ontology#>" in text


def test_store_dump_refuses_unknown_format(store: Store) -> None:
    with pytest.raises(StoreError):
        store.dump(io.BytesIO(), "rdfxml")  # type: ignore[arg-type]


def test_store_dataset_gives_rdflib_view(store: Store) -> None:
    store.put(article("a1", "one"), text_hash="hash-a1")
    view = store.dataset().get_context(KGR["graph/a1"])  # creates nothing
    assert (KGR["article/a1"], KG.title, Literal("one")) in view


def test_store_closed_store_raises_store_error(store: Store) -> None:
    store.close()
    with pytest.raises(StoreError):
        store.graphs()


def test_store_oxigraph_persists_across_reopen(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as first:
        first.put(article("a1", "one"), text_hash="hash-a1")
    with open_store(tmp_path / "store") as second:
        assert second.has(KGR["graph/a1"], "hash-a1")
        assert titles(second) == {"one"}


def nquads(*graphs: Graph) -> bytes:
    """Return the N-Quads of article graphs, as mapped articles carry them."""
    dataset = Dataset()
    for graph in graphs:
        dataset.addN((s, p, o, graph.identifier) for s, p, o in graph)
    return dataset.serialize(format="nquads", encoding="utf-8")


def test_store_oxigraph_load_nquads_replaces_graphs(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "store") as opened:
        opened.put_many([(article("a1", "old"), "hash-a1"), (article("a2", "kept"), "hash-a2")])
        opened.load_nquads(nquads(article("a1", "new"), article("a3", "three")),
                           [str(KGR["graph/a1"]), str(KGR["graph/a3"])])
        assert titles(opened) == {"new", "kept", "three"}
        assert opened.has(KGR["graph/a3"], "hash-a3")
    assert not (tmp_path / "store" / _pending.FILE).exists()


def test_store_oxigraph_open_removes_graphs_of_an_unfinished_bulk_load(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "store") as opened:
        opened.put_many([(article("a1", "whole"), "hash-a1"), (article("a2", "half"), "hash-a2")])
    # what a process killed during the bulk load of a2 leaves behind
    _pending.begin(tmp_path / "store", [str(KGR["graph/a2"]), str(KGR["graph/a9"])])
    with OxigraphStore(tmp_path / "store") as reopened:
        assert reopened.graphs() == [KGR["graph/a1"]]
        assert titles(reopened) == {"whole"}
    assert not (tmp_path / "store" / _pending.FILE).exists()


def test_store_oxigraph_bad_nquads_leave_nothing_of_the_batch(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "store") as opened:
        opened.put(article("a1", "one"), text_hash="hash-a1")
        data = nquads(article("a2", "two")) + b"<broken> <quad .\n"
        with pytest.raises(StoreError):
            opened.load_nquads(data, [str(KGR["graph/a2"])])
        assert opened.graphs() == [KGR["graph/a1"]]
    assert not (tmp_path / "store" / _pending.FILE).exists()


def test_store_oxigraph_damaged_folder_raises_store_error(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "store") as opened:
        opened.load_nquads(nquads(article("a1", "one")), [str(KGR["graph/a1"])])
    min(sorted((tmp_path / "store").glob("*.sst"))).unlink()  # as a copy taken mid-write
    with pytest.raises(StoreError):
        OxigraphStore(tmp_path / "store")


def test_store_oxigraph_dataset_shares_pyoxigraph_store(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as opened:
        view = opened.dataset()
        view.graph(KGR["graph/a9"]).add((EX.s, KG.textHash, Literal("via rdflib")))
        assert KGR["graph/a9"] in opened.graphs()


def test_store_query_result_column_rejects_unknown_variable() -> None:
    result = QueryResult(kind="select", variables=("a",), rows=((Literal(1),),))
    assert result.column("a") == [Literal(1)]
    with pytest.raises(QueryError):
        result.column("b")


_PREFIX = "PREFIX kg: <https://w3id.org/kg-timeline/ontology#>\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# braces { and WHERE in a comment\nSELECT ?t { ?a kg:title ?t }", {"two"}),
        ("SELECT ?t WHERE { ?a kg:title ?t FILTER(?t != '''}{ WHERE''') }", {"two"}),
        ("SELECT ?t WHERE { SELECT ?t WHERE { ?a kg:title ?t } ORDER BY ?t }", {"two"}),
        ("SELECT ?t WHERE { ?a kg:title ?x OPTIONAL { ?a kg:title ?t } FILTER(?x = ?t) }", {"two"}),
    ],
    ids=["comment", "string", "sub-select", "filter"],
)
def test_store_bindings_apply_wherever_the_where_group_is(
    store: Store, text: str, expected: set[str]
) -> None:
    store.put(article("a1", "one", "two", "three"), text_hash="hash-a1")
    result = store.query(_PREFIX + text, bindings={"t": Literal("two")})
    assert {str(value) for value in result.column("t")} == expected


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?a ?t WHERE { GRAPH ?g { ?a kg:title ?t } FILTER(?t != ?skip) }",
        "SELECT ?a ?t WHERE { { ?a kg:title ?t } UNION { ?a kg:title ?skip } }",
        "SELECT ?a ?skip WHERE { ?a kg:title ?t OPTIONAL { ?a kg:title ?skip } }",
        "SELECT ?a ?t WHERE { ?a kg:title ?t MINUS { ?a kg:title ?skip } }",
        "SELECT ?a ?t WHERE { GRAPH ?g { ?a kg:title ?t } OPTIONAL { ?a kg:title ?skip } }",
        "SELECT ?t ?skip WHERE { GRAPH ?g { ?a kg:title ?t FILTER EXISTS { ?a kg:title ?skip } } }",
    ],
    ids=["graph-then-filter", "union", "optional", "minus", "graph-then-optional", "exists"],
)
def test_store_bindings_mean_what_rdflib_init_bindings_mean(store: Store, text: str) -> None:
    """Wherever the blocks go, a bound parameter acts as a constant in the whole query."""
    store.put(article("a1", "one", "two"), text_hash="hash-a1")
    store.put(article("a2", "three"), text_hash="hash-a2")
    dump = io.BytesIO()
    store.dump(dump, "nquads")
    reference = Dataset(default_union=True)
    reference.parse(data=dump.getvalue(), format="nquads")
    bindings = {"skip": Literal("two")}
    expected = reference.query(_PREFIX + text, initBindings=bindings)
    got = store.query(_PREFIX + text, bindings=bindings)
    assert sorted(tuple(map(str, row)) for row in got.rows) == sorted(
        tuple(map(str, row)) for row in expected
    )
    assert got.rows  # each shape matches something here


def test_store_bindings_reach_construct_where_not_template(store: Store) -> None:
    store.put(article("a1", "one", "two"), text_hash="hash-a1")
    result = store.query(
        _PREFIX + "CONSTRUCT { ?a kg:title ?t } WHERE { ?a kg:title ?t }",
        bindings={"t": Literal("one")},
    )
    assert set(result.graph()) == {(KGR["article/a1"], KG.title, Literal("one"))}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((Literal("one"), Literal("three")), {"one", "three"}),
        ((Literal("two"),), {"two"}),
        ((Literal("one"), Literal("one")), {"one"}),
        ((), set()),
        ((Literal(EVIL), Literal("two")), {"two"}),
    ],
    ids=["several", "one", "repeated", "none", "injected"],
)
def test_store_query_binds_several_values(
    store: Store, values: tuple[Literal, ...], expected: set[str]
) -> None:
    store.put(article("a1", "one", "two", "three"), text_hash="hash-a1")
    result = store.query(_PREFIX + "SELECT ?t WHERE { GRAPH ?g { ?a kg:title ?t } }",
                         bindings={"t": values})
    assert {str(value) for value in result.column("t")} == expected
    assert store.triples_count() == 4


def test_store_query_refuses_unbindable_value_among_several(store: Store) -> None:
    with pytest.raises(QueryError):
        store.query("SELECT ?a WHERE { ?a ?p ?v }",
                    bindings={"v": (Literal("x"), URIRef(f"https://example.org/{EVIL}"))})


@pytest.mark.parametrize("mode", ["read", "write"])
@pytest.mark.parametrize("made", [False, True])
def test_store_oxigraph_read_and_write_modes_refuse_a_missing_store(
        mode: OpenMode, made: bool, tmp_path: Path) -> None:
    """A reader or a writer of an existing store (not ingest) asks for a store and creates
    nothing: neither a missing folder nor store files in an empty one."""
    folder = tmp_path / "store"
    if made:
        folder.mkdir()
    with pytest.raises(StoreError, match=f"^no store at '{folder}'; run kg ingest first"):
        open_store(folder, mode=mode)
    assert folder.is_dir() is made
    assert not made or not any(folder.iterdir())


HOLD = """
import sys, time
from kg.store import open_store
store = open_store(sys.argv[1])
print("held", flush=True)
time.sleep(120)
"""


@contextlib.contextmanager
def held(folder: Path) -> Iterator[int]:
    """Hold the embedded store in another process (as a notebook does); yield its pid."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "held"
        yield process.pid
    finally:
        process.kill()
        process.wait()


def test_store_oxigraph_reader_reads_a_store_another_process_holds(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    with open_store(folder) as opened:
        opened.put(article("a1", "one"), text_hash="hash-a1")
    with held(folder) as pid:
        with open_store(folder, mode="read") as reader:
            assert isinstance(reader, OxigraphStore) and reader.read_only
            assert titles(reader) == {"one"}
            assert reader.query("SELECT ?t WHERE { ?a <" + str(KG.title) + "> ?t }",
                                timeout=30).column("t") == [Literal("one")]
            with pytest.raises(StoreError, match=f"read-only: another process, process {pid} "):
                reader.put(article("a2", "two"), text_hash="hash-a2")
        with pytest.raises(StoreError, match=f"in use by another process, process {pid} "
                                             r"\(.*python.*\) \(waited 0.5 s\); close it there"):
            OxigraphStore(folder, wait=0.5, mode="write")
    with open_store(folder, mode="write") as writer:  # released: nothing was written
        assert not writer.read_only and titles(writer) == {"one"}
