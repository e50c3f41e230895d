"""Tests for kg.ingest.batches: batched ingest into every kind of store, resume, shards, the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef
from spacy.language import Language
from typer.testing import CliRunner

from kg.cli import app
from kg.config import Settings
from kg.errors import KGError
from kg.extract import Pipeline
from kg.extract.version import extractor_version
from kg.ingest.batches import IngestSummary, ingest, shard
from kg.query import run_named
from kg.rdf import graph_iri, is_article_graph, provenance_iri
from kg.store import MemoryStore, OxigraphStore, RemoteStore, Store
from tests.conftest import DATA, TEST_DATA

BATCH = TEST_DATA / "batch.jsonl"
IDS = [json.loads(line)["id"] for line in BATCH.read_text("utf-8").splitlines()]


def _run(store: Store, pipeline: Pipeline, inputs: list[str] | None = None,
         errors: list[KGError] | None = None, **options: object) -> IngestSummary:
    sink = errors if errors is not None else []
    return ingest(inputs or [str(BATCH)], store, settings=pipeline.settings, pipeline=pipeline,
                  on_error=sink.append, **options)  # type: ignore[arg-type]


@pytest.fixture(params=["memory", "oxigraph", "remote"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "memory":
        return MemoryStore(batch_size=4)
    if request.param == "oxigraph":
        return OxigraphStore(tmp_path / "store", batch_size=4)
    server = request.getfixturevalue("oxigraph_server")
    remote = RemoteStore(server)
    remote.update("DROP ALL", allow_update=True)
    return remote


def _articles(store: Store) -> list[URIRef]:
    """The article graphs of a store (kg keeps each article's provenance graph beside it)."""
    return [name for name in store.graphs() if is_article_graph(name)]


def _article_triples(store: Store) -> int:
    """The triples of the article graphs: all but those of the provenance graphs."""
    others = tuple(name for name in store.graphs() if not is_article_graph(name))
    counted = run_named(store, "graph_counts", graph=others).rows if others else []
    return store.triples_count() - sum(int(n) for _, n in counted)  # type: ignore[call-overload]


def test_ingest_writes_one_graph_per_article(store: Store, pipeline: Pipeline) -> None:
    summary = _run(store, pipeline)
    assert (summary.articles, summary.skipped, summary.failed) == (len(IDS), 0, 0)
    assert _articles(store) == sorted(graph_iri(key) for key in IDS)
    assert store.graphs() == sorted([*_articles(store), *(provenance_iri(key) for key in IDS)])
    assert _article_triples(store) == summary.triples > 0
    store.close()


def test_ingest_resume_skips_stored_articles(store: Store, pipeline: Pipeline) -> None:
    _run(store, pipeline)
    stored = store.triples_count()
    again = _run(store, pipeline)
    assert (again.articles, again.skipped, again.triples) == (0, len(IDS), 0)
    assert store.triples_count() == stored
    store.close()


def test_ingest_replaces_an_article_whose_text_changed(store: Store, pipeline: Pipeline,
                                                       tmp_path: Path) -> None:
    _run(store, pipeline)
    lines = BATCH.read_text("utf-8").splitlines()
    record = json.loads(lines[0])
    record["text"] = "BERLIN (test wire) – Police in Berlin arrested two men on Sunday."
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(record) + "\n", "utf-8")
    summary = _run(store, pipeline, [str(changed)])
    assert summary.articles == 1
    assert store.has(graph_iri(record["id"]), _text_hash(store, record["id"]))
    found = store.query("ASK { ?s ?p ?o . FILTER(CONTAINS(STR(?o), \"Sanwo-Olu\")) }")
    assert found.boolean is False  # the old text's triples are gone
    store.close()


# switches off a rule that does not exist: the output is the same, the settings fingerprint is not
OTHER = Settings(disabled_rules=("statements.cue.anything",))
EXTRACTORS = """PREFIX kg: <https://w3id.org/kg-timeline/ontology#>
SELECT DISTINCT ?extractor WHERE { GRAPH ?graph { ?run kg:extractor ?extractor } }"""


def _extractors(store: Store) -> set[str]:
    return {str(value) for value in store.query(EXTRACTORS).column("extractor")}


@pytest.mark.slow
def test_ingest_refreshes_graphs_made_by_another_extractor_version(
        store: Store, pipeline: Pipeline, nlp: Language) -> None:
    first = _run(store, pipeline, [str(DATA)])
    again = _run(store, pipeline, [str(DATA)])
    assert (again.articles, again.refreshed, again.skipped) == (0, 0, first.articles)
    other = Pipeline(OTHER, nlp=nlp)
    kept = _run(store, other, [str(DATA)], keep_stale=True)
    assert (kept.articles, kept.refreshed, kept.kept, kept.skipped) == (0, 0, first.articles, 0)
    assert _extractors(store) == {extractor_version(pipeline.settings)}
    refreshed = _run(store, other, [str(DATA)])
    assert (refreshed.articles, refreshed.refreshed, refreshed.skipped, refreshed.failed) == \
        (0, first.articles, 0, 0)
    assert _extractors(store) == {extractor_version(OTHER)}
    assert _article_triples(store) == first.triples  # replaced, not added to
    settled = _run(store, other, [str(DATA)])
    assert (settled.refreshed, settled.skipped) == (0, first.articles)
    store.close()


def test_ingest_refreshes_graphs_that_record_no_extractor(store: Store,
                                                          pipeline: Pipeline) -> None:
    first = _run(store, pipeline)
    # the long form: rdflib's DELETE WHERE does not bind a GRAPH variable
    store.update("PREFIX kg: <https://w3id.org/kg-timeline/ontology#> "
                 "DELETE { GRAPH ?graph { ?run kg:extractor ?extractor } } "
                 "WHERE { GRAPH ?graph { ?run kg:extractor ?extractor } }", allow_update=True)
    again = _run(store, pipeline)
    assert (again.articles, again.refreshed, again.skipped) == (0, first.articles, 0)
    assert _extractors(store) == {extractor_version(pipeline.settings)}
    store.close()


@pytest.mark.slow
def test_ingest_jobs_two_refreshes_stale_graphs(pipeline: Pipeline, tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    first = _run(store, pipeline)
    refreshed = ingest([str(BATCH)], store, settings=OTHER.model_copy(update={"batch_size": 2}),
                       jobs=2)
    assert (refreshed.articles, refreshed.refreshed, refreshed.skipped) == (0, first.articles, 0)
    again = ingest([str(BATCH)], store, settings=OTHER, jobs=2)
    assert (again.refreshed, again.skipped) == (0, first.articles)
    assert _extractors(store) == {extractor_version(OTHER)}
    store.close()


def _text_hash(store: Store, key: str) -> str:
    from kg.store import _sparql

    rows = store.query(_sparql.read_query("article_hash"), bindings={"graph": graph_iri(key)})
    return str(rows.column("hash")[0])


@pytest.mark.parametrize("bad", ["missing-folder/", "notes.csv"])
def test_ingest_counts_bad_inputs_and_goes_on(bad: str, pipeline: Pipeline,
                                              tmp_path: Path) -> None:
    errors: list[KGError] = []
    target = tmp_path / bad
    if target.suffix:
        target.write_text("a,b\n", "utf-8")
    summary = _run(MemoryStore(), pipeline, [str(target), str(BATCH)], errors)
    assert (summary.articles, summary.failed) == (len(IDS), 1)
    assert len(errors) == 1


def test_ingest_reports_progress_per_article(pipeline: Pipeline) -> None:
    seen: list[int] = []
    _run(MemoryStore(), pipeline, on_progress=seen.append)
    assert seen == list(range(1, len(IDS) + 1))


def test_ingest_jobs_two_matches_one(pipeline: Pipeline, tmp_path: Path) -> None:
    alone = OxigraphStore(tmp_path / "one")
    pooled = OxigraphStore(tmp_path / "two")
    one = _run(alone, pipeline)
    two = ingest([str(BATCH)], pooled, settings=pipeline.settings.model_copy(
        update={"batch_size": 2}), jobs=2)
    assert (two.articles, two.triples) == (one.articles, one.triples)
    assert pooled.graphs() == alone.graphs()
    alone.close()
    pooled.close()


def _oxigraph() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert found is not None, "the oxigraph binary ships with the dev dependencies"
    return found


@pytest.mark.parametrize(("size", "shards"), [(2, 3), (4, 2), (10, 1)])
def test_shard_files_load_with_the_server_bulk_loader(size: int, shards: int, pipeline: Pipeline,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "shards"
    written = shard([str(BATCH)], out, settings=pipeline.settings, size=size)
    assert len(written.shards) == shards == len(list(out.glob("*.nq")))
    location = tmp_path / "db"
    for name in written.shards:
        subprocess.run([_oxigraph(), "load", "--location", str(location), "--file",
                        str(out / name)], check=True, capture_output=True)
    loaded = ox.Store(str(location))
    assert len(loaded) == written.triples
    assert {g.value for g in loaded.named_graphs()} == {str(graph_iri(key)) for key in IDS}


def test_cli_extract_writes_shards(tmp_path: Path) -> None:
    out = tmp_path / "shards"
    result = CliRunner().invoke(app, ["extract", str(BATCH), "--format", "nquads", "--out",
                                      str(out), "--shard-size", "4", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == ["part-000000.nq", "part-000001.nq"]


def test_cli_ingest_with_jobs_summarises(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(BATCH), "--store", str(tmp_path / "s"),
                                      "--jobs", "2", "--batch-size", "3", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"ingested {len(IDS)} articles" in result.output


# issue 15: one article over its time budget is that article's error; the batch is stored.
# The budget is 0.5 s: the batch articles take a few milliseconds each, the long one seconds
_BUDGET = 0.5


def _over_budget_inputs(tmp_path: Path) -> list[str]:
    slow = tmp_path / "turkey.txt"
    slow.write_text(("Turkey said " * 3_400).strip() + "\n", encoding="utf-8")
    return [str(BATCH), str(slow)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_ingest_skips_an_article_over_its_time_budget(pipeline: Pipeline, tmp_path: Path,
                                                      jobs: int) -> None:
    settings = pipeline.settings.model_copy(update={"article_seconds": _BUDGET})
    store = OxigraphStore(tmp_path / "store")
    errors: list[KGError] = []
    summary = ingest(_over_budget_inputs(tmp_path), store, settings=settings, jobs=jobs,
                     pipeline=Pipeline(settings, nlp=pipeline.nlp), on_error=errors.append)
    assert (summary.articles, summary.failed) == (len(IDS), 1)
    assert _articles(store) == sorted(graph_iri(key) for key in IDS)
    [error] = errors
    assert str(error).endswith(f"extraction took longer than {_BUDGET:g} s; skipped")
    store.close()
