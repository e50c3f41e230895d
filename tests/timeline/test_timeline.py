"""Tests for kg/timeline/: reading entries from stores, ordering by uncertain times, filters that
take names, the networkx views, and reports of one event side by side."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Dataset
from typer.testing import CliRunner

from kg import timeline as tl
from kg.cli import app
from kg.errors import QueryError, UnknownNameError
from kg.model import Event, Extraction
from kg.query import run_named
from kg.rdf import to_graph
from kg.store import Store, open_store
from kg.timeline import _load as timeline_load
from tests import _timeline_sample as tl_sample
from tests._timeline_sample import extractions

ROOT = Path(__file__).resolve().parents[2]
KGR = "https://w3id.org/kg-timeline/id/"


def _load(store: Store) -> Store:
    for extraction in extractions():
        store.put(to_graph(extraction), text_hash=extraction.article.text_hash)
    return store


@pytest.fixture(params=["memory", "oxigraph", "remote"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A store of each backend holding the two sample articles."""
    spec = {"memory": "memory", "oxigraph": str(tmp_path / "store")}.get(request.param) \
        or request.getfixturevalue("oxigraph_server")
    with open_store(spec) as opened:
        opened.update("DROP SILENT ALL", allow_update=True)
        yield _load(opened)
        opened.update("DROP SILENT ALL", allow_update=True)


@pytest.fixture(scope="module")
def sample() -> tl.Timeline:
    with open_store("memory") as opened:
        return tl.timeline(_load(opened))


def ids(entries: object) -> list[str]:
    items = entries.all if isinstance(entries, tl.Timeline) else entries
    return [entry.id.removeprefix("event/") for entry in items]  # type: ignore[attr-defined]


def test_timeline_orders_by_bounds_and_keeps_undated_apart(store: Store) -> None:
    found = tl.timeline(store)
    # "since 2014" sorts by its beginning; the year 2017 before the month and days of 2019
    assert ids(found.entries) == ["a1-e84", "a1-e173", "a1-e124", "a2-e25", "a1-e10", "a2-e80"]
    assert ids(found.undated) == ["a1-e199"]
    assert found.undated[0].display_date == "undated"


@pytest.mark.parametrize(("event", "display", "uncertain"), [
    ("a1-e173", "2017", False),
    ("a1-e124", "2019-08", False),
    ("a1-e10", "2019-08-18", False),
    ("a1-e84", "since 2014 (until 2019-08-20)", True),
    ("a2-e80", "2019-W34 (2019-08-19 – 2019-08-25)", True),
])
def test_timeline_shows_dates_at_their_granularity(
    sample: tl.Timeline, event: str, display: str, uncertain: bool
) -> None:
    entry = next(e for e in sample.entries if e.id == f"event/{event}")
    assert entry.when is not None
    assert (entry.display_date, entry.when.uncertain) == (display, uncertain)


@pytest.mark.parametrize(("fields", "display"), [
    ({"value": "2017", "granularity": "year", "mod": "APPROX",
      "earliest": date(2017, 1, 1), "latest": date(2017, 12, 31)}, "about 2017"),
    ({"value": "2019-08-19TEV", "granularity": "part_of_day",
      "earliest": date(2019, 8, 19), "latest": date(2019, 8, 19)}, "2019-08-19 evening"),
    ({"value": "201", "granularity": "decade",
      "earliest": date(2010, 1, 1), "latest": date(2019, 12, 31)}, "2010s"),
    ({"value": "P8Y", "type": "DURATION", "granularity": "duration", "text": "eight years",
      "earliest": date(2011, 8, 20), "latest": date(2019, 8, 20)},
     "eight years (2011-08-20 – 2019-08-20)"),
    ({"value": "PRESENT_REF", "granularity": "present", "text": "now"}, "now (PRESENT_REF)"),
])
def test_timeline_make_when_displays_partial_and_uncertain_times(
    fields: dict[str, object], display: str
) -> None:
    assert tl.make_when(**fields).display == display  # type: ignore[arg-type]


@pytest.mark.parametrize("place", [
    "Strelsau", "strelsau", "STRELSAW", "place/geonames-2", "geonames-2", f"{KGR}place/geonames-2",
])
def test_timeline_place_filter_takes_names_ids_and_iris(store: Store, place: str) -> None:
    # the Old Bridge lies inside Strelsau, so both raids count
    assert ids(tl.timeline(store, place=place)) == ["a1-e84", "a1-e124", "a2-e25", "a1-e10",
                                                     "a2-e80"]


@pytest.mark.parametrize(("filters", "expected"), [
    ({"actor": "acme"}, ["a1-e173", "a2-e25", "a1-e10", "a1-e199"]),
    ({"actor": "Jane Doe"}, ["a1-e199"]),  # the demand's recipient, in no other role
    ({"event_type": "assault"}, ["a1-e84", "a1-e173", "a2-e25", "a1-e10"]),
    ({"event_type": "ASSAULT", "place": "zenda"}, ["a1-e173"]),
    ({"start": "2019-08-18", "end": date(2019, 8, 19)}, ["a1-e84", "a1-e124", "a1-e10",
                                                        "a2-e80"]),
    ({"article": "a2"}, ["a2-e25", "a2-e80"]),
    ({"actor": "ACME CORP", "start": "2019-08-01"}, ["a2-e25", "a1-e10"]),
    ({"actor": f"{KGR}actor/acme-corp", "place": "strelsaw"}, ["a2-e25", "a1-e10"]),
    ({"actor": "actor/ruritania", "place": "ruritania"}, ["a1-e84", "a2-e80"]),
    ({"actor": "acme", "event_type": "request"}, ["a1-e199"]),
    ({"actor": "acme", "event_type": "conflict.request"}, ["a1-e199"]),
    ({"actor": "acme", "event_type": "conflict"}, ["a1-e173", "a2-e25", "a1-e10", "a1-e199"]),
    ({"actor": "acme", "event_type": "business"}, []),
])
def test_timeline_filters(store: Store, filters: dict[str, object], expected: list[str]) -> None:
    found = tl.timeline(store, with_statements=False, **filters)  # type: ignore[arg-type]
    assert ids(found) == expected


@pytest.mark.parametrize(("actor", "statements", "expected"), [
    ("Jane Doe", True, ["a1-e199", *(  # she is the demand's recipient
        f"statement/a1-s{tl_sample.span(tl_sample.FIRST, 'said', n).start}" for n in (0, 1))]),
    ("Jane Doe", False, ["a1-e199"]),
    ("acme", False, ["a1-e173", "a2-e25", "a1-e10", "a1-e199"]),
])
def test_timeline_of_actor_has_its_statements_as_reporting_events(
        store: Store, actor: str, statements: bool, expected: list[str]) -> None:
    found = tl.timeline(store, actor=actor, with_statements=statements)
    assert sorted(ids(found)) == sorted(expected)
    for entry in found.all:
        if entry.kind == "statement":
            assert (entry.type, entry.agents[0].name) == ("STATEMENT", "Jane Doe")
            text = tl_sample.FIRST[entry.trigger_start:entry.trigger_end]
            assert text == entry.trigger == "said"


def _with_factualities() -> list[Extraction]:
    """The sample, where Acme Corp also plans to break a law and may break another."""
    first, second = extractions()
    more = [Event(id=f"a1-x{n}", type="ASSAULT", label=word, agents=("acme-corp",),
                  trigger=tl_sample.span(first.article.text, word), factuality=value,
                  time_origin="published", time=first.events[0].time)
            for n, (word, value) in enumerate((("broke", "planned"), ("law", "possible")))]
    return [first.extend(events=more), second]


@pytest.mark.parametrize(("factuality", "expected"), [
    (tl.FACTUAL, ["a1-e173", "a2-e25", "a1-e10", "a1-e199"]),
    (None, ["a1-e173", "a2-e25", "a1-e10", "a1-e199", "a1-x0", "a1-x1"]),
    (("planned",), ["a1-x0"]),
])
def test_timeline_shows_asserted_events_unless_asked(factuality: tuple[str, ...] | None,
                                                     expected: list[str]) -> None:
    with open_store("memory") as store:
        for extraction in _with_factualities():
            store.put(to_graph(extraction), text_hash=extraction.article.text_hash)
        found = tl.timeline(store, actor="acme", factuality=factuality)
    assert sorted(ids(found)) == sorted(expected)
    marked = {e.id.removeprefix("event/"): (e.factuality, e.time_origin) for e in found.all}
    if "a1-x0" in marked:
        assert marked["a1-x0"] == ("planned", "published")
        assert "(planned)" in next(e.headline for e in found.all if e.id.endswith("a1-x0"))


def test_timeline_refuses_unknown_factuality(store: Store) -> None:
    with pytest.raises(QueryError, match="rumoured"):
        tl.timeline(store, factuality=("rumoured",))


@pytest.mark.parametrize("filters", [
    {"place": "Nowhere"},
    {"actor": 'x" } ; DROP ALL ; { "'},
    {"place": KGR + "place/geonames-2> } ; DROP ALL ; { <x"},
])
def test_timeline_unknown_name_is_an_error(store: Store, filters: dict[str, str]) -> None:
    before = store.triples_count()
    with pytest.raises(UnknownNameError) as info:
        tl.timeline(store, **filters)  # type: ignore[arg-type]
    assert info.value.name in filters.values() and store.triples_count() == before


def test_timeline_reads_long_event_lists_in_chunks(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events are read a few hundred at a time on big stores; chunks of one give the same."""
    whole = tl.timeline(store, actor="acme")
    monkeypatch.setattr(timeline_load, "_CHUNK", 1)
    chunked = tl.timeline(store, actor="acme")
    assert ids(chunked) == ids(whole) == ["a1-e173", "a2-e25", "a1-e10", "a1-e199"]
    assert chunked == whole  # agents and targets too


@pytest.mark.parametrize("event_type", ["nonsense", "ASSAULTS"])
def test_timeline_rejects_unknown_event_type(event_type: str) -> None:
    with open_store("memory") as opened, pytest.raises(QueryError) as info:
        tl.timeline(opened, event_type=event_type)
    assert event_type in str(info.value)


def test_timeline_entry_carries_actors_place_source_and_article(sample: tl.Timeline) -> None:
    raid = next(e for e in sample.entries if e.id == "event/a1-e10")
    assert [a.name for a in raid.agents] == ["Acme Corp"]
    assert raid.place is not None and raid.place.name == "the Old Bridge"
    assert raid.source is not None and raid.source.name == "Jane Doe"
    assert (raid.article.publisher, raid.article.published) == ("Daily Zenda", date(2019, 8, 20))
    assert (raid.trigger, raid.trigger_start) == ("raided", 10)


def test_timeline_reads_an_rdflib_dataset(sample: tl.Timeline) -> None:
    dataset = Dataset()
    for extraction in extractions():
        graph = to_graph(extraction)
        named = dataset.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
    assert tl.timeline(dataset) == sample


def test_timeline_between_and_as_of(sample: tl.Timeline) -> None:
    assert ids(tl.between(sample, date(2017, 6, 1), date(2017, 6, 30))) == ["a1-e84", "a1-e173"]
    assert ids(tl.between(sample, date(2019, 8, 20), None)) == ["a1-e84", "a1-e124", "a2-e80"]
    assert ids(tl.as_of(sample, date(2019, 8, 18))) == ["a1-e84", "a1-e124", "a1-e10"]
    # known on 2019-08-30: the second article (published 2019-09-02) is not out yet
    assert ids(tl.as_of(sample, date(2019, 8, 20), reported_by=True)) == ["a1-e84", "a1-e124"]


@given(days=st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 400)), max_size=12))
def test_timeline_ordered_is_sorted_and_stable(days: list[tuple[int, int]]) -> None:
    entries = []
    for index, (offset, length) in enumerate(days):
        first = date(2010, 1, 1) + timedelta(days=offset)
        when = tl.make_when("X", granularity="unknown", earliest=first,
                            latest=first + timedelta(days=length))
        entries.append(tl.TimelineEntry(
            iri=f"{KGR}event/x-e{index}", id=f"event/x-e{index}", type="conflict.assault",
            trigger="x",
            trigger_start=0, trigger_end=1, when=when,
            article=tl.ArticleRef(iri=f"{KGR}article/x", id="x")))
    once = tl.ordered(entries)
    assert tl.ordered(reversed(once)) == once
    keys = [(e.when.earliest, e.when.latest) for e in once if e.when]
    assert keys == sorted(keys)


def test_timeline_build_links_actors_events_places_with_dates(sample: tl.Timeline) -> None:
    graph = tl.build(sample)
    assert isinstance(graph, nx.MultiDiGraph)
    raid = graph.nodes["event/a1-e10"]
    assert raid["kind"] == "event" and raid["record"].label == "raided"
    edges = graph.get_edge_data("actor/acme-corp", "event/a1-e10")
    assert [(d["role"], d["date"]) for d in edges.values()] == [("agent", "2019-08-18")]
    assert graph.has_edge("event/a1-e10", "place/old-bridge")
    assert graph.has_edge("event/a1-e199", "actor/acme-corp")  # the undated demand is kept


def test_timeline_interactions_point_from_agent_to_target(sample: tl.Timeline) -> None:
    graph = tl.interactions(sample)
    assert list(graph.edges(keys=True)) == [("actor/ruritania", "actor/acme-corp",
                                             "event/a1-e199")]
    assert graph.nodes["actor/ruritania"]["record"].name == "Ruritania"


def test_timeline_chronology_orders_only_what_is_certain(sample: tl.Timeline) -> None:
    order = tl.chronology(sample)
    assert nx.is_directed_acyclic_graph(order)
    assert nx.has_path(order, "event/a1-e173", "event/a2-e80")  # 2017 before 2019-W34
    assert not nx.has_path(order, "event/a1-e124", "event/a1-e10")  # August holds the 18th
    assert not nx.has_path(order, "event/a1-e84", "event/a1-e173")  # since 2014 spans 2017
    assert order.degree("event/a1-e199") == 0  # undated: a node without edges


def test_timeline_statements_say_who_said_what_about_whom(store: Store) -> None:
    said = tl.statements(store)
    assert [(s.speaker.name if s.speaker else None, s.content) for s in said] == [
        ("Jane Doe", "Acme Corp raided the Old Bridge"),
        ("Jane Doe", "Acme Corp broke the law"),
        (None, "that Acme Corp was ever there"),
    ]
    assert all([a.name for a in s.about] == ["Acme Corp"] for s in said)
    assert len(tl.statements(store, speaker="jane doe")) == 2
    assert len(tl.statements(store, about="Acme")) == 3
    assert tl.statements(store, about="Jane Doe") == []
    graph = tl.said_about(said)
    assert list(graph.edges()) == [("actor/jane-doe", "actor/acme-corp")] * 2


@pytest.mark.parametrize("actor", ["Acme", "Jane Doe", "Ruritania"])
def test_timeline_statements_about_match_the_querys_own_filter(store: Store, actor: str) -> None:
    """`statements(about=)` matches the statements' subjects in Python (the query's EXISTS
    filter took minutes on a real store); both say the same."""
    by_query = {str(row["statement"]) for row in run_named(
        store, "statement_entries", about=actor).records()}
    assert {s.iri for s in tl.statements(store, about=actor)} == by_query


def test_timeline_actor_report_has_deeds_and_words(store: Store) -> None:
    report = tl.actor_report(store, "Jane Doe")
    assert (len(report.did), len(report.said)) == (1, 2)  # the demand made of her, her words


@pytest.mark.slow
def test_timeline_cli_prints_a_place_in_order_with_sources(tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "store")
    assert runner.invoke(app, ["ingest", str(ROOT / "data"), "--store", store]).exit_code == 0
    result = runner.invoke(app, ["timeline", "--place", "Khan Shaykhun", "--store", store])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "Khan Shaykhun" in line]
    assert lines, result.output
    with open_store(store) as opened:
        found = tl.timeline(opened, place="khan shaykhun")
    assert [e.when.earliest for e in found.entries if e.when] == sorted(
        e.when.earliest for e in found.entries if e.when)
    for entry in found.entries:  # each row shows the date as written and the article
        assert any(entry.display_date in line and entry.article.id in line for line in lines)


@pytest.mark.parametrize(("actor", "options", "expected"), [
    ("Jane Doe", [], {("statement", "asserted"), ("event", "asserted")}),  # a demand's recipient
    ("Jane Doe", ["--no-statements"], {("event", "asserted")}),
    ("acme", [], {("event", "asserted")}),
    ("acme", ["--factuality", "planned,possible"], {("event", "planned"), ("event", "possible")}),
])
def test_timeline_cli_takes_statements_and_factuality(
        tmp_path: Path, actor: str, options: list[str], expected: set[tuple[str, str]]) -> None:
    store = str(tmp_path / "store")
    with open_store(store) as opened:
        for extraction in _with_factualities():
            opened.put(to_graph(extraction), text_hash=extraction.article.text_hash)
    result = CliRunner().invoke(app, ["timeline", "--actor", actor, "--store", store,
                                      "--format", "json", *options])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    entries = found["entries"] + found["undated"]
    assert {(e["kind"], e["factuality"]) for e in entries} == expected
    for entry in entries:
        assert {"trigger_start", "trigger_end", "time_origin"} <= set(entry)


def test_timeline_cli_refuses_unknown_factuality(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["timeline", "--store", str(tmp_path / "store"),
                                      "--factuality", "rumoured"])
    assert result.exit_code != 0
    assert "rumoured" in result.output


def test_timeline_entries_carry_their_sentence_title_link_and_source(store: Store) -> None:
    """On every backend: each entry (statements too) quotes the sentence at its offsets."""
    texts = {x.article.id: x.article.text for x in extractions()}
    found = tl.timeline(store, actor="Jane Doe", factuality=None)
    assert {e.kind for e in found.all} == {"event", "statement"}
    for entry in tl.timeline(store).all + found.all:
        assert entry.sentence is not None
        sentence = entry.sentence
        assert texts[entry.article.id][sentence.start:sentence.end] == sentence.text
        assert sentence.start <= entry.trigger_start < entry.trigger_end <= sentence.end
        assert f"«{entry.trigger}»" in entry.quote()
        assert entry.article.url == ("https://example.org/a1" if entry.article.id == "a1"
                                     else None)
    raid = next(e for e in tl.timeline(store).all if e.source and e.source.name == "Jane Doe")
    assert raid.quote() == "Acme Corp «raided» the Old Bridge in Strelsau on Sunday, Jane Doe said."
    assert raid.article.title == "Raid in Strelsau"


def test_statements_carry_the_sentence_of_their_cue(store: Store) -> None:
    texts = {x.article.id: x.article.text for x in extractions()}
    found = tl.statements(store)
    assert found and all(s.sentence is not None for s in found)
    for statement in found:
        assert statement.sentence is not None and statement.cue_end is not None
        text = texts[statement.article.id]
        assert text[statement.sentence.start:statement.sentence.end] == statement.sentence.text
        assert text[statement.cue_start:statement.cue_end] == statement.cue
        assert f"«{statement.cue}»" in statement.quote()


@pytest.mark.parametrize(("actor", "roles"), [
    ("Jane Doe", {"a1-e199": ("recipient",)}),
    ("acme", {"a1-e173": ("agent",), "a2-e25": ("agent",), "a1-e10": ("agent",),
              "a1-e199": ("target",)}),
])
def test_timeline_of_actor_says_its_role_in_each_event(store: Store, actor: str,
                                                       roles: dict[str, tuple[str, ...]]) -> None:
    found = tl.timeline(store, actor=actor, with_statements=False)
    assert {entry.id.removeprefix("event/"): entry.roles for entry in found.all} == roles


def test_timeline_entry_shows_themes_that_name_no_actor(sample: tl.Timeline) -> None:
    (demand,) = [entry for entry in sample.all if entry.id == "event/a1-e199"]
    assert demand.themes == ("answers",)
    assert demand.headline == "Ruritania demanded Acme Corp, answers to Jane Doe"
    assert all(entry.roles == () for entry in sample.all)  # no actor asked about
