"""The identity graph in real stores: incremental on ingest and remove, lookups, user decisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.extract import Pipeline
from kg.identity import canonical_actors, decide, identity_iri, nodes_named, refresh
from kg.ingest.batches import ingest
from kg.query import find, run_named
from kg.rdf import graph_iri
from kg.store import MemoryStore, OxigraphStore, Store

ARTICLES = {
    "gm-1": "General Motors Corp. said on Monday it would cut 5,000 jobs in Michigan.",
    "gm-2": "GM shares fell 3 percent after General Motors warned of losses.",
    "gm-3": "Analysts said GM would struggle to sell its trucks this year.",
    "ford-1": "Ford Motor Company said Alan Mulally would lead the carmaker.",
    "doj-1": "The Department of Justice said on Monday it would sue the bank.",
    "doj-2": "The Justice Department sued the bank on Tuesday.",
}


def _write(tmp_path: Path, keys: list[str]) -> str:
    path = tmp_path / f"{'-'.join(keys)}.jsonl"
    path.write_text("".join(json.dumps({"id": k, "text": ARTICLES[k], "published": "2009-03-02"})
                            + "\n" for k in keys), "utf-8")
    return str(path)


def _ingest(store: Store, pipeline: Pipeline, tmp_path: Path, keys: list[str]) -> None:
    ingest([_write(tmp_path, keys)], store, settings=pipeline.settings, pipeline=pipeline,
           identity=True)


@pytest.fixture(params=["memory", "oxigraph"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    return MemoryStore() if request.param == "memory" else OxigraphStore(tmp_path / "store")


def _canonical(store: Store, name: str) -> list[str]:
    return [a.name for a in canonical_actors(store)
            if any(n.startswith(name) for n in (a.name, *a.aliases))]


def _company(*names: str) -> bool:
    return any(n.startswith(("General Motors", "Ford Motor")) for n in names)


def test_identity_links_short_forms_across_articles(store: Store, pipeline: Pipeline,
                                                    tmp_path: Path) -> None:
    _ingest(store, pipeline, tmp_path, ["gm-1", "gm-3"])
    [gm] = [a for a in canonical_actors(store) if "GM" in (a.name, *a.aliases)]
    assert len(gm.nodes) == 2 and gm.articles == 2 and gm.kind == "organisation"
    assert {m.article for m in gm.mentions} == {"gm-1", "gm-3"}
    assert set(find(store, "actor", "GM")) == {URIRef(n) for n in gm.nodes}


def test_identity_is_incremental_and_reingest_changes_nothing(
        store: Store, pipeline: Pipeline, tmp_path: Path) -> None:
    _ingest(store, pipeline, tmp_path, ["gm-1", "ford-1"])
    before = run_named(store, "graph_triples", graph=identity_iri()).graph()
    links = {(a.iri, n) for a in canonical_actors(store) for n in a.nodes}
    _ingest(store, pipeline, tmp_path, ["gm-1", "ford-1"])
    assert isomorphic(run_named(store, "graph_triples", graph=identity_iri()).graph(), before)
    _ingest(store, pipeline, tmp_path, ["gm-3"])
    after = {(a.iri, n) for a in canonical_actors(store) for n in a.nodes}
    assert links < after  # the new article's nodes joined; none of the others moved
    assert refresh(store) == 0  # nothing left to read


def test_identity_forgets_the_actors_of_a_removed_article(
        store: Store, pipeline: Pipeline, tmp_path: Path) -> None:
    _ingest(store, pipeline, tmp_path, ["gm-1", "ford-1"])
    assert _canonical(store, "Alan Mulally")
    store.remove(graph_iri("ford-1"))
    refresh(store)
    assert not _canonical(store, "Alan Mulally") and _canonical(store, "General Motors")


def test_identity_decisions_survive_reingest(store: Store, pipeline: Pipeline,
                                             tmp_path: Path) -> None:
    _ingest(store, pipeline, tmp_path, ["gm-1", "ford-1"])
    pairs = [(a, b) for a in nodes_named(store, "General Motors Corp.")
             for b in nodes_named(store, "Ford Motor Company")]
    decide(store, pairs, same=True)
    assert len({a.iri for a in canonical_actors(store)
                if _company(a.name, *a.aliases)}) == 1
    store.remove(graph_iri("ford-1"))
    refresh(store)
    _ingest(store, pipeline, tmp_path, ["ford-1"])
    assert len({a.iri for a in canonical_actors(store)
                if _company(a.name, *a.aliases)}) == 1
    decide(store, pairs, same=False)
    assert len({a.iri for a in canonical_actors(store)
                if _company(a.name, *a.aliases)}) == 2


def test_cli_actors_lists_merges_and_refuses_unknown_names(tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "store")
    result = runner.invoke(app, ["ingest", _write(tmp_path, ["gm-1", "gm-2", "ford-1"]),
                                 "--store", store, "--no-progress"])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["actors", "--store", store, "--format", "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and {"iri", "name", "kind", "aliases", "articles",
                                      "mentions"} <= rows[0].keys()
    assert any(r["articles"] == 2 and "GM" in [r["name"], *r["aliases"]] for r in rows)
    result = runner.invoke(app, ["timeline", "--actor", "General Motor", "--store", store])
    assert result.exit_code == 1 and "no actor named 'General Motor'" in result.stderr
    assert "General Motors" in result.stderr  # the nearest name
    # in a machine format, a warning and an empty answer: a batch over many names goes on
    result = runner.invoke(app, ["timeline", "--actor", "General Motor", "--store", store,
                                 "--format", "json"])
    found = json.loads(result.stdout)
    assert result.exit_code == 0 and not found["entries"] and not found["undated"]
    assert "warning: no actor named 'General Motor'" in result.stderr
    result = runner.invoke(app, ["actors", "merge", "Alan Mulally", "Ford Motor Company",
                                 "--store", store])
    assert result.exit_code == 0, result.stderr


def _identity(store: Store) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o in
            run_named(store, "graph_triples", graph=identity_iri()).rows}


@pytest.mark.parametrize("first", [["gm-1", "ford-1"], ["gm-1", "gm-2"]])
def test_identity_incremental_equals_one_shot_and_remove_equals_never_ingested(
        pipeline: Pipeline, tmp_path: Path, first: list[str]) -> None:
    """Articles ingested one batch after another give the identity graph that ingesting them at
    once gives (the later ones naming the same actors no fuller), and removing an article gives
    the graph of a store that never had it."""
    rest = [k for k in ARTICLES if k not in first]
    step, once, fewer = (OxigraphStore(tmp_path / name) for name in ("step", "once", "fewer"))
    _ingest(step, pipeline, tmp_path, first)
    for key in rest:
        _ingest(step, pipeline, tmp_path, [key])
    _ingest(once, pipeline, tmp_path, list(ARTICLES))
    assert _identity(step) == _identity(once)
    _ingest(fewer, pipeline, tmp_path, first)
    for key in rest:
        step.remove(graph_iri(key))
    refresh(step)
    assert _identity(step) == _identity(fewer)


def test_identity_reads_an_article_written_again(store: Store, pipeline: Pipeline,
                                                 tmp_path: Path) -> None:
    """An article stored again with another text is read again: its old actors leave."""
    _ingest(store, pipeline, tmp_path, ["gm-1", "ford-1"])
    assert _canonical(store, "Alan Mulally")
    path = tmp_path / "changed.jsonl"
    path.write_text(json.dumps({"id": "ford-1", "text": ARTICLES["gm-3"],
                                "published": "2009-03-02"}) + "\n", "utf-8")
    ingest([str(path)], store, settings=pipeline.settings, pipeline=pipeline, identity=True)
    assert not _canonical(store, "Alan Mulally")
    assert refresh(store) == 0


def test_identity_listing_leaves_out_described_actors_if_asked(store: Store, pipeline: Pipeline,
                                                                 tmp_path: Path) -> None:
    _ingest(store, pipeline, tmp_path, ["gm-3"])
    every = {a.name for a in canonical_actors(store)}
    named = {a.name for a in canonical_actors(store, described=False)}
    assert "Analysts" in every - named and "GM" in named


def test_identity_joins_a_state_organ_named_either_way_round(pipeline: Pipeline,
                                                             tmp_path: Path) -> None:
    store = MemoryStore()
    _ingest(store, pipeline, tmp_path, ["doj-1", "doj-2"])
    [doj] = [a for a in canonical_actors(store) if "Justice Department" in (a.name, *a.aliases)]
    assert doj.articles == 2 and doj.kind == "government"
