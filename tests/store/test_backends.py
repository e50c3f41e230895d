"""One suite on every backend, through the `kg` command: the embedded store, an `oxigraph serve`
process and a Virtuoso 7 server (Debian's `virtuoso-opensource`, row cap 1,000), each started by
the tests on 127.0.0.1. Every command must give the embedded store's answer: ingest, re-ingest,
a changed and a removed article, stats, validate, every export format, a timeline, queries over
the row cap, and a server killed in the middle of a batch and restarted.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import PROV
from typer.testing import CliRunner

from kg.cli import app
from kg.store import RemoteStore
from kg.vocab import KG
from tests.conftest import DATA, free_port, start_oxigraph, start_virtuoso, stop_oxigraph

pytestmark = pytest.mark.slow
runner = CliRunner()
BACKENDS = ["embedded", "oxigraph", "virtuoso"]
# Virtuoso breaks ties of ORDER BY in an order of its own (not the SPARQL codepoint order of
# strings): the same rows, another order
ORDER_DIFFERS = {"virtuoso": ("actors", "timeline")}
# every triple of kg's graphs (a shared server holds other graphs too)
QUERY_ALL = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?a kg:textHash ?h . ?s ?p ?o } }"


def kg(*args: str, options: tuple[str, ...] = ()) -> str:
    """Run `kg OPTIONS ARGS`; return stdout, failing the test on a non-zero exit."""
    result = runner.invoke(app, [*options, *args])
    assert result.exit_code == 0, f"kg {' '.join(args)}: {result.stderr or result.stdout}"
    if args[0] == "ingest":  # its summary line, without the time it took
        return next(line for line in result.stderr.splitlines()
                    if line.startswith("ingested")).split(" in ")[0]
    return result.stdout


def kg_fails(*args: str, options: tuple[str, ...] = ()) -> str:
    result = runner.invoke(app, [*options, *args])
    assert result.exit_code == 1, result.stdout
    return result.stderr


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the sample articles the test may change."""
    folder = tmp_path / "articles"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("README.md"))
    return folder


def _empty(url: str, server: str) -> None:
    with RemoteStore(url, server=server) as store:
        for graph in store.graphs():
            store.remove(graph)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, ...]]:
    """The options that point `kg` at an empty store of each backend."""
    if request.param == "embedded":
        yield ("--store", str(tmp_path / "store"))
        return
    url = request.getfixturevalue(f"{request.param}_server")
    _empty(url, request.param)
    cap = ("--max-rows", "1000") if request.param == "virtuoso" else ()
    yield ("--server", request.param, *cap, "--store", url)
    _empty(url, request.param)


def _split(options: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split options into those before the command (--server) and after it (--store)."""
    at = options.index("--store")
    return options[:at], options[at:]


def _everything(corpus: Path, options: tuple[str, ...], out: Path) -> dict[str, object]:
    """Ingest, re-ingest, change, remove; return every command's answer along the way."""
    before, store = _split(options)
    answers: dict[str, object] = {}
    answers["ingest"] = kg("ingest", str(corpus), *store, options=before)
    answers["again"] = kg("ingest", str(corpus), *store, options=before)
    answers["stats"] = kg("stats", *store, options=before)
    answers["validate"] = kg("validate", *store, options=before)
    answers["actors"] = kg("query", "--name", "list_actors", "--format", "csv", *store,
                           options=before)
    answers["timeline"] = kg("timeline", "--place", "Khan Shaykhun", *store, options=before)
    for fmt in ("nquads", "trig", "turtle", "jsonld"):
        target = out / f"export.{fmt}"
        kg("export", "--format", fmt, "--out", str(target), *store, options=before)
        if fmt == "turtle":
            answers[fmt] = _comparable(Graph().parse(target, format="turtle"))
        else:
            dataset = Dataset()
            dataset.parse(target, format="json-ld" if fmt == "jsonld" else fmt)
            answers[fmt] = {str(graph.identifier): _comparable(graph)
                            for graph in dataset.graphs() if len(graph)}
    seed = corpus / "000_6fba463f02e9fc5b.txt"
    seed.write_text(seed.read_text("utf-8") + "\nTurkey and Russia signed a deal on Monday.\n",
                    "utf-8")
    answers["changed"] = kg("ingest", str(corpus), *store, options=before)
    answers["remove"] = kg("remove", _an_id(store, before), *store, options=before)
    answers["after"] = kg("stats", *store, options=before)
    return answers


def _comparable(graph: Graph) -> Graph:
    """The graph without its source paths (each run reads its own copy of the sample) and the
    times of the runs (each run extracts at its own moment)."""
    kept = Graph()
    for triple in graph:
        if triple[1] not in (KG.sourcePath, PROV.startedAtTime, PROV.endedAtTime):
            kept.add(triple)
    return to_isomorphic(kept)


def _an_id(store: tuple[str, ...], before: tuple[str, ...]) -> str:
    """The id of the first stored article (by graph IRI)."""
    out = kg("query", "--name", "list_graphs", "--format", "csv", *store, options=before)
    return out.splitlines()[1].rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Every answer on the embedded store: what each server must give."""
    folder = tmp_path_factory.mktemp("reference")
    corpus = folder / "articles"
    shutil.copytree(DATA, corpus, ignore=shutil.ignore_patterns("README.md"))
    return _everything(corpus, ("--store", str(folder / "store")), folder)


def test_backend_gives_the_embedded_answers(backend: tuple[str, ...], corpus: Path,
                                            reference: dict[str, object],
                                            tmp_path: Path) -> None:
    answers = _everything(corpus, backend, tmp_path)
    assert "ingested 5 articles" in str(answers["ingest"])
    assert "skipped 5 unchanged" in str(answers["again"])
    assert "ingested 1 articles" in str(answers["changed"])
    for name, expected in reference.items():
        if name in ("nquads", "trig", "jsonld"):
            found = answers[name]
            assert isinstance(found, dict) and isinstance(expected, dict)
            assert found.keys() == expected.keys(), name
            for graph, content in expected.items():
                assert isomorphic(found[graph], content), (name, graph)
        elif name == "turtle":
            assert isomorphic(answers[name], expected)  # type: ignore[arg-type]
        elif name in ORDER_DIFFERS.get(backend[1], ()):
            assert sorted(str(answers[name]).splitlines()) == \
                sorted(str(expected).splitlines()), name
        else:
            assert answers[name] == expected, name


def test_backend_reads_results_over_the_row_cap_whole(backend: tuple[str, ...],
                                                      corpus: Path) -> None:
    """Virtuoso cuts results at 1,000 rows (and says so): kg reads them page by page, whole,
    with or without an ORDER BY of the query's own."""
    before, store = _split(backend)
    kg("ingest", str(corpus), *store, options=before)
    triples = int(kg("stats", *store, options=before).rsplit("triples:", 1)[1])
    assert triples > 1_000
    rows = _bindings(kg("query", QUERY_ALL, "--format", "json", *store, options=before))
    assert len(rows) == triples
    ordered = _bindings(kg("query", QUERY_ALL + " ORDER BY ?o", "--format", "json", *store,
                           options=before))
    assert len(ordered) == len(rows)
    if "virtuoso" not in backend:
        # Virtuoso sorts long literals by a prefix only, so pages ordered by them may overlap
        # (README, Stores: a known limit); elsewhere the pages are exactly the rows
        assert sorted(ordered) == sorted(rows)


def _bindings(out: str) -> list[str]:
    return [json.dumps(row, sort_keys=True) for row in json.loads(out)["results"]["bindings"]]


def test_backend_refuses_a_cut_it_cannot_page(virtuoso_server: str, corpus: Path) -> None:
    options = ("--server", "virtuoso", "--max-rows", "1000")
    _empty(virtuoso_server, "virtuoso")
    kg("ingest", str(corpus), "--store", virtuoso_server, options=options)
    error = kg_fails("query", QUERY_ALL + " LIMIT 5000", "--store", virtuoso_server,
                     options=options)
    assert "row limit of 1000" in error and "/sparql" in error
    _empty(virtuoso_server, "virtuoso")


def test_backend_foreign_graphs_are_not_ours(virtuoso_server: str, corpus: Path) -> None:
    """Virtuoso's system graphs (thousands of triples) are never counted, validated or
    exported."""
    options = ("--server", "virtuoso", "--max-rows", "1000")
    _empty(virtuoso_server, "virtuoso")
    kg("ingest", str(corpus), "--store", virtuoso_server, options=options)
    assert kg("validate", "--store", virtuoso_server, options=options).startswith("5 of 5")
    dump = kg("export", "--format", "nquads", "--store", virtuoso_server, options=options)
    assert "openlinksw" not in dump
    _empty(virtuoso_server, "virtuoso")


def _start(kind: str, folder: Path, port: int) -> subprocess.Popen[bytes]:
    if kind == "oxigraph":
        return start_oxigraph(folder, port)
    return start_virtuoso(folder, port, free_port())


@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_backend_server_killed_mid_batch_then_restarted(kind: str, corpus: Path,
                                                        tmp_path: Path,
                                                        reference: dict[str, object]) -> None:
    """The server dies while an ingest writes (one article per batch): the ingest fails or
    finishes, nothing half written is counted, and an ingest after the restart gives the
    embedded store's answers."""
    folder, port = tmp_path / "db", free_port()
    process = _start(kind, folder, port)
    url = f"http://127.0.0.1:{port}"
    options = ("--server", kind)
    store = ("--store", url, "--batch-size", "1")
    stored = threading.Event()

    def kill_after_first_graph() -> None:
        with RemoteStore(url, server=kind, retries=0, timeout=2) as watcher:
            while not stored.is_set():
                try:
                    if watcher.graphs():
                        break
                except Exception:  # noqa: BLE001 - the server is busy: look again
                    pass
                stored.wait(0.05)
        process.kill()

    killer = threading.Thread(target=kill_after_first_graph)
    killer.start()
    runner.invoke(app, [*options, "ingest", str(corpus), *store])
    stored.set()
    killer.join()
    process.wait()
    process = _start(kind, folder, port)
    try:
        kg("ingest", str(corpus), *store, options=options)
        assert kg("stats", "--store", url, options=options) == reference["stats"]
        assert kg("validate", "--store", url, options=options) == reference["validate"]
    finally:
        stop_oxigraph(process)
