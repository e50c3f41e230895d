"""Tests for kg/export.py: every RDF export parses back to the same graph, and the timeline
formats (table, JSON, CSV, TimelineJS3, GraphML) carry the entries at their granularity."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg import timeline as tl
from kg.cli import app
from kg.errors import KGError
from kg.export import (
    RDF_FORMATS,
    export_store,
    graphml,
    serialize,
    timeline_csv,
    timeline_json,
    timeline_table,
    timelinejs,
    write_timeline,
)
from kg.query import run_named
from kg.rdf import to_graph
from kg.store import Store, open_store
from kg.vocab import KG
from tests._timeline_sample import extractions

PARSERS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with open_store("memory") as opened:
        for extraction in extractions():
            opened.put(to_graph(extraction), text_hash=extraction.article.text_hash)
        yield opened


@pytest.fixture(scope="module")
def sample(store: Store) -> tl.Timeline:
    return tl.timeline(store)


def _union(dataset: Dataset) -> Graph:
    union = Graph()
    for subject, predicate, obj, _graph in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    return union


def _quads(dataset: Dataset) -> dict[str, Graph]:
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_export_serialize_extraction_parses_back_isomorphic(fmt: str) -> None:
    graph = to_graph(extractions()[0])
    text = serialize(graph, fmt)  # type: ignore[arg-type]
    back = Dataset()
    back.parse(data=text, format=PARSERS[fmt])
    assert isomorphic(_union(back), graph)


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_export_store_parses_back_to_the_same_graphs(store: Store, fmt: str) -> None:
    buffer = io.BytesIO()
    export_store(store, buffer, fmt)  # type: ignore[arg-type]
    back = Dataset()
    back.parse(data=buffer.getvalue(), format=PARSERS[fmt])
    expected = store.dataset()
    if fmt == "turtle":  # one graph: the union of the articles
        assert isomorphic(_union(back), _union(expected))
        return
    got, want = _quads(back), _quads(expected)
    assert sorted(got) == sorted(want)
    for name, graph in want.items():
        assert isomorphic(got[name], graph), name


def test_export_jsonld_is_compact_with_our_context(store: Store) -> None:
    buffer = io.BytesIO()
    export_store(store, buffer, "jsonld")
    document = json.loads(buffer.getvalue())
    assert document["@context"]["kg"] == "https://w3id.org/kg-timeline/ontology#"
    text = buffer.getvalue().decode()
    assert '"atPlace"' in text and "https://w3id.org/kg-timeline/ontology#atPlace" not in text


@pytest.mark.parametrize("fmt", ["jsonld", "turtle", "trig", "nquads"])
def test_export_timeline_rdf_parses_back_to_the_event_graph(
    store: Store, sample: tl.Timeline, fmt: str
) -> None:
    place = tl.timeline(store, place="Strelsau")
    out = io.StringIO()
    write_timeline(out, place, fmt, store=store)  # type: ignore[arg-type]
    back = Dataset()
    back.parse(data=out.getvalue(), format=PARSERS[fmt])
    expected = tl.event_graph(store, place)
    assert len(expected) > 0
    assert isomorphic(_union(back), expected)
    events = {str(e) for e in expected.subjects() if "/event/" in str(e)}
    assert events == {entry.iri for entry in place.all}


def test_export_timeline_rdf_needs_the_store(sample: tl.Timeline) -> None:
    with pytest.raises(KGError):
        write_timeline(io.StringIO(), sample, "turtle")


def test_export_timeline_json_round_trips(sample: tl.Timeline) -> None:
    assert tl.Timeline.model_validate_json(timeline_json(sample)) == sample


def test_export_timeline_table_lists_dated_then_undated(sample: tl.Timeline) -> None:
    lines = timeline_table(sample).splitlines()
    assert lines[0] == sample.title
    rows = [line for line in lines[3:-1] if not line.startswith(" ")]
    assert [line.split()[0] for line in rows] == [e.display_date.split()[0] for e in sample.all]
    assert "Daily Zenda, 2019-08-20 (a1)" in rows[4]
    assert lines[-1] == "(6 dated, 1 undated)"


def test_export_timeline_table_quotes_each_sentence_under_its_row(sample: tl.Timeline) -> None:
    body = timeline_table(sample).splitlines()[3:-1]
    quotes = [line.strip() for line in body if line.startswith(" ")]
    assert len(quotes) == len(sample.all)
    assert all(f"«{e.trigger}»" in quote for e, quote in zip(sample.all, quotes, strict=True))
    raid = next(q for q in quotes if "on Sunday" in q)
    assert raid == ("“Acme Corp «raided» the Old Bridge in Strelsau on Sunday, Jane Doe said.” "
                    "— Raid in Strelsau <https://example.org/a1>")


def test_export_timeline_csv_has_one_row_per_entry(sample: tl.Timeline) -> None:
    rows = list(csv.DictReader(io.StringIO(timeline_csv(sample))))
    assert [row["event"] for row in rows] == [e.iri for e in sample.all]
    year = next(row for row in rows if row["label"] == "attacked")
    assert (year["date"], year["earliest"], year["latest"], year["granularity"]) == (
        "2017", "2017-01-01", "2017-12-31", "year")
    assert rows[-1]["date"] == "undated"


def test_export_timeline_csv_carries_sentence_source_and_provenance(
        sample: tl.Timeline) -> None:
    stated = sample.model_copy(update={"entries": tuple(
        e.model_copy(update={"time_origin": "stated"}) for e in sample.entries)})
    rows = list(csv.DictReader(io.StringIO(timeline_csv(stated))))
    assert all(f"«{row['trigger']}»" in row["sentence"] for row in rows)
    raid = next(row for row in rows if row["source"] == "Jane Doe")
    assert raid["sentence"] == ("Acme Corp «raided» the Old Bridge in Strelsau on Sunday, "
                                "Jane Doe said.")
    assert (raid["title"], raid["url"], raid["factuality"], raid["time_origin"]) == (
        "Raid in Strelsau", "https://example.org/a1", "asserted", "stated")
    assert [float(row["confidence"]) for row in rows] == [e.confidence for e in stated.all]


@pytest.mark.parametrize(("label", "start", "end", "display"), [
    ("attacked", {"year": 2017}, None, None),
    ("marched", {"year": 2019, "month": 8}, None, None),
    ("raided", {"year": 2019, "month": 8, "day": 17}, None, None),
    ("sealed", {"year": 2019, "month": 8, "day": 19}, {"year": 2019, "month": 8, "day": 25},
     "2019-W34 (2019-08-19 – 2019-08-25)"),
    ("shelled", {"year": 2014}, {"year": 2019, "month": 8, "day": 20},
     "since 2014 (until 2019-08-20)"),
])
def test_export_timelinejs_uses_only_known_date_fields(
    sample: tl.Timeline, label: str, start: dict[str, int], end: dict[str, int] | None,
    display: str | None
) -> None:
    document = json.loads(timelinejs(sample))
    slide = next(s for s in document["events"]
                 if label in s["text"]["headline"] and s["start_date"] == start)
    assert slide.get("end_date") == end
    assert slide.get("display_date") == display


def test_export_timelinejs_lists_undated_on_the_title(sample: tl.Timeline) -> None:
    document = json.loads(timelinejs(sample))
    assert len(document["events"]) == len(sample.entries)
    assert "Ruritania demanded Acme Corp" in document["title"]["text"]["text"]
    assert "Ruritania <mark>demanded</mark> answers." in document["title"]["text"]["text"]


def test_export_timelinejs_slides_quote_the_sentence_and_cite_the_article(
        sample: tl.Timeline) -> None:
    odd = sample.model_copy(update={"entries": tuple(
        e.model_copy(update={"time_origin": "published"}) for e in sample.entries)})
    slides = json.loads(timelinejs(odd))["events"]
    assert all(f"<mark>{e.trigger}</mark>" in s["text"]["text"]
               for e, s in zip(odd.entries, slides, strict=True))
    raid = next(s["text"]["text"] for s in slides if "Jane Doe" in s["text"]["text"])
    assert "<blockquote>Acme Corp <mark>raided</mark> the Old Bridge" in raid
    assert '<a href="https://example.org/a1">Daily Zenda: Raid in Strelsau</a>' in raid
    assert "(asserted)" in raid and "Date: the publication day" in raid


def test_export_timeline_json_keeps_the_sentence_at_its_offsets(
        sample: tl.Timeline, store: Store) -> None:
    texts = {x.article.id: x.article.text for x in extractions()}
    for entry in json.loads(timeline_json(sample))["entries"]:
        found = entry["sentence"]
        assert texts[entry["article"]["id"]][found["start"]:found["end"]] == found["text"]
        assert found["start"] <= entry["trigger_start"] < entry["trigger_end"] <= found["end"]


def test_export_timeline_jsonld_links_each_trigger_to_its_sentence(
        sample: tl.Timeline, store: Store) -> None:
    graph = Graph().parse(data=serialize(tl.event_graph(store, sample), "jsonld"),
                          format="json-ld")
    for entry in sample.all:
        trigger = graph.value(URIRef(entry.iri), KG.trigger)
        sentence = graph.value(trigger, KG.sentence)
        assert entry.sentence is not None and sentence is not None
        assert str(graph.value(sentence, KG.anchorOf)) == entry.sentence.text


def test_export_graphml_reads_back_with_labels(sample: tl.Timeline) -> None:
    graph = tl.build(sample)
    back = nx.parse_graphml(graphml(graph))
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes["actor/acme-corp"]["label"] == "Acme Corp"
    assert back.nodes["event/a1-e173"]["date"] == "2017"
    assert back.nodes["event/a1-e173"]["start"] == "2017-01-01"
    assert back.nodes["event/a1-e173"]["end"] == "2017-12-31"


def test_export_graphml_gives_every_edge_an_id_of_its_own(sample: tl.Timeline) -> None:
    """Gephi keeps one edge per id: two agents of one event must not share one."""
    text = graphml(tl.build(sample))
    ids = re.findall(r'<edge [^>]*id="([^"]+)"', text)
    assert len(ids) == tl.build(sample).number_of_edges() == len(set(ids))
    back = nx.parse_graphml(text)
    assert all(data["weight"] == 1.0 for _, _, data in back.edges(data=True))


def test_export_graphml_gives_gephi_kinds_and_coordinates() -> None:
    """Actor nodes carry their kind, place nodes theirs and the gazetteer's coordinates, read
    from the store the timeline comes from; every edge survives the round trip."""
    located = {"geonames-2": (45.0, 20.0)}
    with open_store("memory") as opened:
        for extraction in extractions():
            places = tuple(p.model_copy(update={"latitude": located[p.id][0],
                                                "longitude": located[p.id][1]})
                           if p.id in located else p for p in extraction.places)
            changed = extraction.replace(places=places)
            opened.put(to_graph(changed), text_hash=changed.article.text_hash)
        sample = tl.timeline(opened)
        out = io.StringIO()
        write_timeline(out, sample, "graphml", store=opened)
        kinds = {str(row["name"]): str(row["kind"])
                 for row in run_named(opened, "list_actors").records()}
    back = nx.parse_graphml(out.getvalue(), force_multigraph=True)
    assert back.number_of_edges() == tl.build(sample).number_of_edges()
    actors = [data for _, data in back.nodes(data=True) if data["kind"] == "actor"]
    assert actors and all(data["actor_kind"] == kinds[data["label"]] for data in actors)
    places = {data["label"]: data for _, data in back.nodes(data=True) if data["kind"] == "place"}
    assert places and all("place_kind" in data for data in places.values())
    located_names = [name for name, data in places.items() if "latitude" in data]
    assert located_names and all((places[name]["latitude"], places[name]["longitude"])
                                 == (45.0, 20.0) for name in located_names)


def test_export_write_timeline_rejects_unknown_format(sample: tl.Timeline) -> None:
    with pytest.raises(KGError):
        write_timeline(io.StringIO(), sample, "pdf")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An embedded store on disk holding the sample articles, for the CLI."""
    path = tmp_path_factory.mktemp("cli") / "store"
    with open_store(str(path)) as opened:
        for extraction in extractions():
            opened.put(to_graph(extraction), text_hash=extraction.article.text_hash)
    return str(path)


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_export_cli_timeline_jsonld_and_turtle_parse_to_the_same_graph(stored: str) -> None:
    place = ("timeline", "--place", "strelsau", "--store", stored)
    from_jsonld = Graph().parse(data=_cli(*place, "--format", "jsonld"), format="json-ld")
    from_turtle = Graph().parse(data=_cli(*place, "--format", "turtle"), format="turtle")
    assert len(from_turtle) > 0
    assert isomorphic(from_jsonld, from_turtle)


def test_export_cli_timeline_table_shows_granularity_and_sources(stored: str) -> None:
    lines = _cli("timeline", "--place", "Strelsau", "--store", stored).splitlines()
    assert any(line.startswith("2019-08 ") and "marched" in line for line in lines)
    assert any(line.startswith("2019-08-18") and "Jane Doe" in line and "Daily Zenda" in line
               for line in lines)


@pytest.mark.parametrize(("fmt", "check"), [
    ("csv", lambda text: len(list(csv.DictReader(io.StringIO(text)))) == 7),
    ("timelinejs", lambda text: len(json.loads(text)["events"]) == 6),
    ("graphml", lambda text: nx.parse_graphml(text).has_node("actor/acme-corp")),
])
def test_export_cli_export_writes_the_whole_timeline(stored: str, fmt: str, check: object,
                                                     tmp_path: Path) -> None:
    out = tmp_path / f"all.{fmt}"
    _cli("export", "--format", fmt, "--out", str(out), "--store", stored)
    assert check(out.read_text(encoding="utf-8"))  # type: ignore[operator]


@pytest.fixture(scope="module")
def of_jane(store: Store) -> tl.Timeline:
    """Jane Doe's timeline: she is only the demand's recipient."""
    return tl.timeline(store, actor="Jane Doe", with_statements=False)


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "timelinejs", "graphml"])
def test_export_actor_timeline_shows_the_actors_role_in_every_format(
        of_jane: tl.Timeline, fmt: str) -> None:
    out = io.StringIO()
    if fmt == "graphml":  # the event's edge to her says how she takes part
        back = nx.parse_graphml(graphml(tl.build(of_jane)))
        roles = {data["role"] for _, node, data in back.edges(data=True)
                 if node == "actor/jane-doe"}
        assert roles == {"recipient"}
        assert back.nodes["event/a1-e199"]["roles"] == "recipient"
        return
    write_timeline(out, of_jane, fmt)  # type: ignore[arg-type]
    assert "recipient" in out.getvalue()


def test_export_timeline_table_has_a_role_column_only_for_an_actor(
        sample: tl.Timeline, of_jane: tl.Timeline) -> None:
    assert "role" not in timeline_table(sample).splitlines()[1].split()
    assert "role" in timeline_table(of_jane).splitlines()[1].split()
    rows = list(csv.DictReader(io.StringIO(timeline_csv(of_jane))))
    assert [(row["roles"], row["themes"]) for row in rows] == [("recipient", "answers")]
