"""The event-cluster graph in real stores: clusters across articles, disagreements side by side,
incremental on put and remove, the shapes, the timeline's one row per cluster, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg import timeline as tl
from kg.cli import app
from kg.extract import Pipeline
from kg.identity import refresh
from kg.identity.events import events_iri, month_iri, refresh_events
from kg.ingest.batches import ingest
from kg.model import ExtractionRun
from kg.query import run_named
from kg.rdf import graph_iri, to_graph
from kg.store import MemoryStore, OxigraphStore, Store
from kg.vocab import KG
from tests._timeline_sample import extractions, second

ROOT = Path(__file__).resolve().parents[2]


def _clusters_graph(store: Store) -> Graph:
    """All the event-cluster graphs of a store (the month graphs and the list of reads)."""
    graph = Graph()
    for iri in store.graphs():
        if str(iri).startswith(str(events_iri())):
            graph += run_named(store, "graph_triples", graph=iri).graph()
    return graph


def _refresh(store: Store) -> int:
    refresh(store)
    return refresh_events(store)


@pytest.fixture(params=["memory", "oxigraph"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    opened = MemoryStore() if request.param == "memory" else OxigraphStore(tmp_path / "store")
    for extraction in extractions():
        opened.put(to_graph(extraction), text_hash=extraction.article.text_hash)
    _refresh(opened)
    return opened


def test_events_one_raid_told_by_two_articles_is_one_cluster(store: Store) -> None:
    [group] = tl.event_clusters(store)
    assert [e.id for e in group.entries] == ["event/a2-e25", "event/a1-e10"]
    assert group.reports == 2 and all(e.cluster == group.iri for e in group.entries)


def test_events_disagreement_kept_side_by_side_with_each_source(store: Store) -> None:
    [group] = tl.conflicts(store)
    assert group.differs == ("time",)
    claims = {(c.value, c.article.label if c.article else None,
               c.source.name if c.source else None) for c in group.claims}
    assert claims == {("2019-08-17", "Strelsau Post", "Ruritania"),
                      ("2019-08-18", "Daily Zenda", "Jane Doe")}


def test_events_refresh_is_incremental_and_a_noop_when_nothing_changed(store: Store) -> None:
    before = _clusters_graph(store)
    assert refresh_events(store) == 0
    assert isomorphic(before, _clusters_graph(store)) and len(before) > 0
    assert [str(g) for g in store.graphs() if str(g).startswith(str(events_iri()))] == [
        str(events_iri()), str(month_iri("2019-08"))]  # clusters by the month of their first day


def test_events_forget_the_reports_of_a_removed_article(store: Store) -> None:
    assert store.remove(str(graph_iri("a2")))
    _refresh(store)
    assert tl.event_clusters(store) == [] and tl.conflicts(store) == []
    assert tl.event_clusters(store, least=1)  # the raid of a1 alone is still a cluster


def test_events_cluster_graph_conforms_to_the_shapes(store: Store) -> None:
    graph = _clusters_graph(store)
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    ontology = Graph().parse(ROOT / "ontology" / "kg.ttl")
    conforms, _, text = validate(graph, shacl_graph=shapes, ont_graph=ontology)
    assert conforms, text
    graph.remove((None, KG.reportCount, None))  # a cluster must say how many reports it has
    assert not validate(graph, shacl_graph=shapes, ont_graph=ontology)[0]


def test_events_timeline_shows_one_row_per_cluster_with_its_reports(store: Store) -> None:
    found = tl.timeline(store)
    rows = tl.one_per_cluster(found)
    assert len(rows) == len(found) - 1
    [raid] = [e for e in rows.all if e.cluster is not None and e.reports == 2]
    assert raid.id == "event/a2-e25"  # the earliest report stands for the cluster


def test_events_timeline_entries_carry_recipients(store: Store) -> None:
    [demand] = [e for e in tl.timeline(store, factuality=None).all if e.label == "demanded"]
    assert [r.name for r in demand.recipients] == ["Jane Doe"]
    assert "to Jane Doe" in demand.headline


def test_cli_events_lists_clusters_and_conflicts(tmp_path: Path) -> None:
    path = str(tmp_path / "store")
    with OxigraphStore(tmp_path / "store") as opened:
        for extraction in extractions():
            opened.put(to_graph(extraction), text_hash=extraction.article.text_hash)
        _refresh(opened)
    runner = CliRunner()
    result = runner.invoke(app, ["events", "conflicts", "--store", path, "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["differs"] == ["time"] and len(row["claims"]) == 2
    result = runner.invoke(app, ["events", "--store", path])
    assert result.exit_code == 0 and "2 reports" in result.stdout
    table = runner.invoke(app, ["timeline", "--store", path, "--place", "Strelsau"])
    every = runner.invoke(app, ["timeline", "--store", path, "--place", "Strelsau",
                                "--each-report"])
    assert table.exit_code == every.exit_code == 0, table.stderr
    rows, all_rows = (len([line for line in r.stdout.splitlines() if "Acme Corp raided" in line])
                      for r in (table, every))
    assert (rows, all_rows) == (1, 2)


def test_events_read_again_an_article_written_again(store: Store) -> None:
    changed = second()
    run = ExtractionRun(version="0", model="m", model_version="0", stages=("events",),
                        settings_hash="s", extractor="another extractor")
    changed = changed.replace(events=tuple(e for e in changed.events if e.label != "raided"),
                              run=run)
    store.put(to_graph(changed), text_hash=changed.article.text_hash)
    _refresh(store)
    assert tl.event_clusters(store) == []  # the raid the article no longer tells left its cluster


def test_cli_events_split_and_merge_outlast_reingest(tmp_path: Path) -> None:
    path = str(tmp_path / "store")
    with OxigraphStore(tmp_path / "store") as opened:
        for extraction in extractions():
            opened.put(to_graph(extraction), text_hash=extraction.article.text_hash)
        _refresh(opened)
    runner = CliRunner()
    split = runner.invoke(app, ["events", "split", "event/a1-e10", "a2-e25", "--store", path])
    assert split.exit_code == 0, split.stderr
    with OxigraphStore(tmp_path / "store") as opened:
        assert tl.event_clusters(opened) == []
        opened.remove(str(graph_iri("a2")))  # the article taken out and ingested again
        _refresh(opened)
        opened.put(to_graph(second()), text_hash=second().article.text_hash)
        _refresh(opened)
        assert tl.event_clusters(opened) == []
    for first, second_ in (("event/a1-e10", "event/a2-e25"), ("a1-e84", "a2-e80")):
        merge = runner.invoke(app, ["events", "merge", first, second_, "--store", path])
        assert merge.exit_code == 0, merge.stderr
    with OxigraphStore(tmp_path / "store") as opened:
        # the shelling and the sealing share no evidence: only the user's word joins them
        assert sorted(sorted(e.id for e in g.entries) for g in tl.event_clusters(opened)) \
            == [["event/a1-e10", "event/a2-e25"], ["event/a1-e84", "event/a2-e80"]]


def test_cli_events_merge_names_an_unknown_event(tmp_path: Path) -> None:
    path = str(tmp_path / "store")
    with OxigraphStore(tmp_path / "store") as opened:
        for extraction in extractions():
            opened.put(to_graph(extraction), text_hash=extraction.article.text_hash)
    result = CliRunner().invoke(app, ["events", "merge", "event/a1-e10", "event/zz-e1",
                                      "--store", path])
    assert result.exit_code == 1 and "event/zz-e1" in result.stderr


def test_events_victim_counts_disagree_side_by_side(tmp_path: Path, pipeline: Pipeline) -> None:
    texts = {"n1": "The Syrian army killed 12 people in Idlib on Monday, a monitor said.",
             "n2": "The Syrian army killed at least 30 civilians in Idlib on Monday, rescuers "
                   "said."}
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps({"id": k, "text": v, "published": "2019-08-20"}) + "\n"
                              for k, v in texts.items()), "utf-8")
    with OxigraphStore(tmp_path / "store") as opened:
        ingest([str(source)], opened, settings=pipeline.settings, pipeline=pipeline,
               identity=True)
        [group] = tl.conflicts(opened)
        graph = _clusters_graph(opened)
    assert group.differs == ("victims",)
    assert sorted(c.value for c in group.claims) == ["12 people", "at least 30 civilians"]
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    assert validate(graph, shacl_graph=shapes)[0]
