"""Tests for kg.rdf: Extraction <-> Graph mapping, lossless and deterministic."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import get_args

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, XSD

from kg.errors import MappingError
from kg.keys import article_key
from kg.model import (
    Actor,
    Article,
    Dateline,
    Event,
    Extraction,
    ExtractionRun,
    Factuality,
    Participant,
    ParticipantRole,
    Place,
    Span,
    Statement,
    TimemlClass,
    TimeOrigin,
    TimeValue,
    Timex,
)
from kg.rdf import (
    DEFAULT_BASE_IRI,
    article_iri,
    from_graph,
    graph_iri,
    provenance_iri,
    rdflib_term,
    run_iri,
    run_times,
    to_graph,
    to_nquads,
)
from kg.validate import validate
from kg.vocab import CAMEO_TO_PLOVER, EVENT_CLASS, EVENT_CLASSES, KG, iris, ontology_path

SETTINGS = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------- strategies

keys = st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True)
names = st.text(min_size=1, max_size=12).map(str.strip).filter(bool)
article_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9/_.~ -]{0,15}", fullmatch=True).map(
    lambda s: s.replace(" ", "_"))
small_dates = st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31))
offsets = st.sampled_from([None, UTC, timezone(timedelta(hours=2)),
                           timezone(timedelta(hours=-5, minutes=-30))])
timex_values = st.one_of(
    small_dates.map(date.isoformat),
    small_dates.map(lambda d: f"{d.year:04d}"),
    small_dates.map(lambda d: f"{d.year:04d}-{d.month:02d}"),
    small_dates.map(lambda d: f"{d.isocalendar()[0]:04d}-W{d.isocalendar()[1]:02d}"),
    st.datetimes(min_value=datetime(1000, 1, 1)).map(lambda t: t.isoformat(timespec="minutes")),
    st.sampled_from(["PRESENT_REF", "PAST_REF", "P3D", "PT2H", "2019-SU", "XXXX-08-20"]),
)
granularities = st.sampled_from(["century", "decade", "year", "quarter", "season", "month",
                                 "week", "day", "part_of_day", "hour", "minute", "second",
                                 "duration", "set", "present", "unknown"])
timex_types = st.sampled_from(["DATE", "TIME", "DURATION", "SET"])
mods = st.none() | st.sampled_from(["BEFORE", "AFTER", "APPROX", "START", "MID", "END"])
confidences = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@st.composite
def bounds(draw: st.DrawFn) -> tuple[date | None, date | None]:
    first, second = draw(st.none() | small_dates), draw(st.none() | small_dates)
    if first and second and second < first:
        first, second = second, first
    return first, second


@st.composite
def spans(draw: st.DrawFn, text: str) -> Span:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Span(start=start, end=end, text=text[start:end])


@st.composite
def times(draw: st.DrawFn) -> TimeValue:
    begin, end = draw(bounds())
    return TimeValue(type=draw(timex_types), value=draw(timex_values),
                     granularity=draw(granularities), begin=begin, end=end, mod=draw(mods))


def refs(ids: list[str], *, max_size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    """Tuples of ids from `ids`, in any order, repeats allowed."""
    if not ids:
        return st.just(())
    return st.lists(st.sampled_from(ids), max_size=max_size).map(tuple)


def ref(ids: list[str]) -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(ids) if ids else st.none()


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    """Valid extractions whose records reference each other and whose spans lie in the text."""
    text = draw(st.text(min_size=1, max_size=80))
    span = spans(text)
    place_ids = draw(st.lists(keys, max_size=4, unique=True))
    actor_ids = draw(st.lists(keys, max_size=4, unique=True))
    event_ids = draw(st.lists(keys, max_size=4, unique=True))
    places = [Place(
        id=pid, name=draw(names), kind=draw(st.sampled_from(["country", "city", "other"])),
        within=draw(ref(place_ids)), geonames_id=draw(st.none() | st.integers(0, 10**9)),
        country_code=draw(st.none() | st.sampled_from(["SY", "TR", "US"])),
        latitude=draw(st.none() | st.floats(-90, 90, allow_nan=False)),
        longitude=draw(st.none() | st.floats(-180, 180, allow_nan=False)),
        aliases=tuple(draw(st.lists(names, max_size=3))),
        mentions=tuple(draw(st.lists(span, max_size=3))),
        confidence=draw(st.none() | confidences),
    ) for pid in place_ids]
    actors = [Actor(
        id=aid, name=draw(names),
        kind=draw(st.sampled_from(["person", "organisation", "government", "military",
                                   "armed_group", "media", "country", "group", "other"])),
        aliases=tuple(draw(st.lists(names, max_size=3))),
        titles=tuple(draw(st.lists(names, max_size=2))),
        mentions=tuple(draw(st.lists(span, max_size=3))),
        affiliation=draw(ref(actor_ids)), country=draw(ref(place_ids)),
        links=tuple(draw(st.lists(st.integers(1, 10**6).map(
            lambda n: f"https://www.wikidata.org/entity/Q{n}"), max_size=2))),
    ) for aid in actor_ids]
    timexes = []
    for _ in range(draw(st.integers(0, 3))):
        where, (begin, until) = draw(span), draw(bounds())
        timexes.append(Timex(
            id=draw(keys), start=where.start, end=where.end, text=where.text,
            type=draw(timex_types), value=draw(timex_values), granularity=draw(granularities),
            begin=begin, until=until, mod=draw(mods)))
    events = [Event(
        id=eid, type=draw(st.sampled_from(EVENT_CLASSES)),
        cameo=draw(st.none() | st.sampled_from(sorted(CAMEO_TO_PLOVER))),
        label=draw(st.none() | names), trigger=draw(span),
        timeml_class=draw(st.none() | st.sampled_from(get_args(TimemlClass))),
        agents=draw(refs(actor_ids)), targets=draw(refs(actor_ids)),
        recipients=draw(refs(actor_ids)), instruments=draw(refs(actor_ids)),
        place=draw(ref(place_ids)),
        participants=tuple(draw(st.lists(st.builds(
            Participant, role=st.sampled_from(get_args(ParticipantRole)), mention=span,
            actor=ref(actor_ids)), max_size=3))),
        time=draw(st.none() | times()), time_span=draw(st.none() | span),
        source=draw(ref(actor_ids)), negated=draw(st.booleans()), confidence=draw(confidences),
        factuality=draw(st.sampled_from(get_args(Factuality))),
        time_origin=draw(st.none() | st.sampled_from(get_args(TimeOrigin))),
    ) for eid in event_ids]
    statements = [Statement(
        id=draw(keys), speaker=draw(ref(actor_ids)), speaker_mention=draw(st.none() | span),
        cue=draw(span), content=draw(st.none() | span), direct=draw(st.booleans()),
        channel=draw(ref(actor_ids)), date=draw(st.none() | timex_values),
        reports=draw(refs(event_ids)), confidence=draw(confidences),
    ) for _ in range(draw(st.integers(0, 3)))]
    dateline = draw(st.none() | st.builds(
        Dateline, text=names, span=st.none() | span, place=ref(place_ids),
        place_name=st.none() | names, region=st.none() | names,
        agency=st.none() | st.sampled_from(["AFP", "Reuters"])))
    published = draw(st.none() | small_dates | st.builds(
        lambda t, tz: t.replace(tzinfo=tz),
        st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(2999, 1, 1)), offsets))
    article = Article(
        id=draw(article_ids), text=text, url=draw(st.none() | st.just("https://example.org/a")),
        title=draw(st.none() | st.text(max_size=20)), publisher=draw(st.none() | names),
        published=published, page_date=draw(st.none() | small_dates), dateline=dateline,
        language=draw(st.sampled_from(["en", "fr"])), body_start=draw(st.integers(0, 50)),
        source_path=draw(st.none() | st.just("data/x.txt")))
    run = draw(st.none() | st.builds(
        ExtractionRun, version=st.sampled_from(["0.1.0", "0.2.0"]), model=names,
        model_version=st.just("3.8.0"), stages=st.lists(keys, max_size=5).map(tuple),
        settings_hash=st.from_regex(r"[0-9a-f]{12}", fullmatch=True),
        extractor=st.none() | st.from_regex(r"[0-9a-f]{12}", fullmatch=True)))
    # timex and statement ids are drawn freely: keep the first of each id
    return Extraction(article=article, actors=tuple(actors), places=tuple(places),
                      times=tuple({t.id: t for t in reversed(timexes)}.values()),
                      events=tuple(events),
                      statements=tuple({s.id: s for s in reversed(statements)}.values()),
                      run=run)


TEXT = "DAMASCUS (AFP) - Government forces shelled Ariha on Monday, a monitor said."


def tiny_extraction(**fields: object) -> Extraction:
    article = Article(id="t1", text=TEXT, published=date(2024, 3, 6))
    return Extraction(article=article).replace(**fields) if fields else Extraction(article=article)


def at(word: str) -> Span:
    start = TEXT.index(word)
    return Span(start=start, end=start + len(word), text=word)


# ---------------------------------------------------------------- round trips


@SETTINGS
@given(extraction=extractions())
def test_rdf_roundtrip_is_exact(extraction: Extraction) -> None:
    assert from_graph(to_graph(extraction)) == extraction


@settings(SETTINGS, max_examples=40)
@given(extraction=extractions(), fmt=st.sampled_from(["turtle", "nt", "json-ld"]))
def test_rdf_roundtrip_survives_serialization(extraction: Extraction, fmt: str) -> None:
    graph = to_graph(extraction)
    parsed = Graph().parse(data=graph.serialize(format=fmt), format=fmt)
    assert from_graph(parsed) == extraction


@settings(SETTINGS, max_examples=60)
@given(extraction=extractions(), base=st.sampled_from([DEFAULT_BASE_IRI, "urn:x:kg#"]))
def test_rdf_nquads_hold_the_graph_of_to_graph(extraction: Extraction, base: str) -> None:
    out = to_nquads(extraction, base_iri=base)
    graph = to_graph(extraction, base_iri=base)
    dataset = Dataset()
    dataset.parse(data=out.nquads, format="nquads")
    assert out.graph == str(graph.identifier)
    assert out.quads == len(graph) == len(dataset)
    assert isomorphic(dataset.graph(graph.identifier), graph)
    assert from_graph(dataset.graph(graph.identifier), base_iri=base) == extraction


@settings(SETTINGS, max_examples=25)
@given(extraction=extractions())
def test_rdf_output_passes_shapes(extraction: Extraction) -> None:
    report = validate(to_graph(extraction))
    assert report.conforms, report.text


@settings(SETTINGS, max_examples=40)
@given(extraction=extractions())
def test_rdf_to_graph_is_deterministic_without_blank_nodes(extraction: Extraction) -> None:
    first, second = to_graph(extraction), to_graph(extraction)
    assert set(first) == set(second)
    assert not any(isinstance(term, BNode) for triple in first for term in triple)


@pytest.mark.parametrize("base", [DEFAULT_BASE_IRI, "https://example.org/kg/", "urn:x:kg#"])
def test_rdf_base_iri_roundtrip(base: str) -> None:
    actor = Actor(id="monitor", name="Monitor", mentions=(at("monitor"),))
    extraction = tiny_extraction(actors=[actor])
    graph = to_graph(extraction, base_iri=base)
    assert graph.identifier == URIRef(f"{base}graph/t1")
    assert (URIRef(f"{base}actor/monitor"), RDF.type, KG.Actor) in graph
    assert from_graph(graph, base_iri=base) == extraction


def test_rdf_from_graph_rejects_other_base() -> None:
    graph = to_graph(tiny_extraction(), base_iri="https://example.org/kg/")
    with pytest.raises(MappingError):
        from_graph(graph)


# ---------------------------------------------------------------- IRIs and named graphs


@pytest.mark.parametrize(("article_id", "key"), [
    ("000_6fba463f02e9fc5b", "000_6fba463f02e9fc5b"),
    ("AFP/2019 08 20", "afp-2019-08-20"),
])
def test_rdf_graph_and_article_iris_use_article_key(article_id: str, key: str) -> None:
    assert graph_iri(article_id) == URIRef(f"{DEFAULT_BASE_IRI}graph/{key}")
    assert article_iri(article_id) == URIRef(f"{DEFAULT_BASE_IRI}article/{key}")
    assert key == article_key(article_id)


def test_rdf_graph_identifier_is_named_graph_iri() -> None:
    graph = to_graph(tiny_extraction())
    assert graph.identifier == graph_iri("t1")
    assert (article_iri("t1"), KG.textHash, Literal(tiny_extraction().article.text_hash)) in graph


def test_rdf_mentions_are_shared_by_offsets() -> None:
    kgr = iris(DEFAULT_BASE_IRI)
    extraction = tiny_extraction(
        actors=[Actor(id="monitor", name="Monitor", mentions=(at("monitor"),))],
        statements=[Statement(id="t1-s1", speaker="monitor", speaker_mention=at("monitor"),
                              cue=at("said"))])
    graph = to_graph(extraction)
    mention = kgr.mention("t1", TEXT.index("monitor"), TEXT.index("monitor") + 7)
    assert set(graph.subjects(None, mention)) == {kgr.actor("monitor"), kgr.statement("t1-s1")}
    assert graph.value(mention, KG.anchorOf) == Literal("monitor")


# ---------------------------------------------------------------- dates and time


@pytest.mark.parametrize(("value", "granularity", "expected"), [
    ("2019", "year", Literal("2019", datatype=XSD.gYear)),
    ("2019-08", "month", Literal("2019-08", datatype=XSD.gYearMonth)),
    ("2019-08-20", "day", Literal("2019-08-20", datatype=XSD.date)),
    ("2019-08-20T14:30", "minute", Literal("2019-08-20T14:30:00", datatype=XSD.dateTime)),
    ("2019-W34", "week", None),
    ("2019-SU", "season", None),
    ("PRESENT_REF", "present", None),
])
def test_rdf_event_date_typed_by_granularity(value: str, granularity: str,
                                             expected: Literal | None) -> None:
    event = Event(id="t1-e1", type="conflict.assault", trigger=at("shelled"),
                  time=TimeValue(value=value, granularity=granularity))  # type: ignore[arg-type]
    graph = to_graph(tiny_extraction(events=[event]))
    assert graph.value(iris(DEFAULT_BASE_IRI).event("t1-e1"), KG.date) == expected


@pytest.mark.parametrize(("value", "earliest", "latest"), [
    ("2019-08-20", date(2019, 8, 20), date(2019, 8, 20)),
    ("2019-02", date(2019, 2, 1), date(2019, 2, 28)),
    ("2020", date(2020, 1, 1), date(2020, 12, 31)),
])
def test_rdf_statement_date_gets_day_bounds(value: str, earliest: date, latest: date) -> None:
    statement = Statement(id="t1-s1", cue=at("said"), date=value)
    graph = to_graph(tiny_extraction(statements=[statement]))
    node = iris(DEFAULT_BASE_IRI).statement("t1-s1")
    assert graph.value(node, KG.earliest) == Literal(earliest)
    assert graph.value(node, KG.latest) == Literal(latest)


def test_rdf_event_bounds_are_xsd_dates() -> None:
    event = Event(id="t1-e1", type="conflict.assault", trigger=at("shelled"),
                  time=TimeValue(value="2024-03-04", begin=date(2024, 3, 4), end=date(2024, 3, 4)),
                  time_span=at("Monday"))
    graph = to_graph(tiny_extraction(events=[event]))
    node = iris(DEFAULT_BASE_IRI).event("t1-e1")
    assert graph.value(node, KG.earliest).datatype == XSD.date
    assert graph.value(node, KG.latest) == Literal(date(2024, 3, 4))
    assert graph.value(node, KG.timeText) == Literal("Monday")


# ---------------------------------------------------------------- types and provenance


@pytest.mark.parametrize(("kind", "cls"), [
    ("person", KG.Person), ("organisation", KG.Organisation), ("government", KG.Government),
    ("military", KG.Military), ("armed_group", KG.ArmedGroup), ("media", KG.MediaOrganisation),
    ("country", KG.State), ("group", KG.Group),
])
def test_rdf_actor_kind_becomes_subclass(kind: str, cls: URIRef) -> None:
    graph = to_graph(tiny_extraction(actors=[Actor(id="x", name="X", kind=kind)]))  # type: ignore[arg-type]
    node = iris(DEFAULT_BASE_IRI).actor("x")
    assert set(graph.objects(node, RDF.type)) == {KG.Actor, cls}


def test_rdf_event_type_is_event_class_concept() -> None:
    event = Event(id="t1-e1", type="conflict.assault", cameo="195", trigger=at("shelled"),
                  timeml_class="OCCURRENCE")
    graph = to_graph(tiny_extraction(events=[event]))
    node = iris(DEFAULT_BASE_IRI).event("t1-e1")
    assert graph.value(node, KG.eventType) == EVENT_CLASS["conflict.assault"]
    assert str(graph.value(node, KG.timemlClass)) == "OCCURRENCE"


RUN = ExtractionRun(version="0.1.0", model="en_core_web_sm", model_version="3.8.0",
                    stages=("times", "actors"), settings_hash="abc123", extractor="610158ce9783")


def test_rdf_graph_generated_by_run_that_used_the_article_and_no_timestamp() -> None:
    graph = to_graph(tiny_extraction(run=RUN))
    name = graph_iri("t1")
    run = graph.value(name, PROV.wasGeneratedBy)
    assert (name, RDF.type, PROV.Entity) in graph
    assert {(run, RDF.type, PROV.Activity), (run, RDF.type, KG.ExtractionRun),
            (run, PROV.used, article_iri("t1"))} <= set(graph)
    assert (article_iri("t1"), PROV.wasGeneratedBy, None) not in graph  # the text was not made
    agent = graph.value(run, PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.SoftwareAgent) in graph
    assert [str(graph.value(agent, p)) for p in (KG.tool, KG.toolVersion, KG.model,
                                                 KG.modelVersion)] == \
        ["kg", "0.1.0", "en_core_web_sm", "3.8.0"]
    assert not any(o.datatype == XSD.dateTime for o in graph.objects()
                   if isinstance(o, Literal))
    assert json.loads(graph.value(run, KG.order)) == {"stage": ["times", "actors"]}


@pytest.mark.parametrize("extractor", ["610158ce9783", None])
def test_rdf_run_extractor_round_trips(extractor: str | None) -> None:
    extraction = tiny_extraction(run=RUN.model_copy(update={"extractor": extractor}))
    graph = to_graph(extraction)
    run = graph.value(graph_iri("t1"), PROV.wasGeneratedBy)
    assert graph.value(run, KG.extractor) == (None if extractor is None else Literal(extractor))
    assert from_graph(graph) == extraction


@pytest.mark.parametrize(("change", "same"), [
    ({}, True),
    ({"run": RUN.model_copy(update={"extractor": "aaaaaaaaaaaa"})}, False),
    ({"run": RUN.model_copy(update={"settings_hash": "def456"})}, False),
    ({"article": Article(id="t1", text=TEXT + " More.", published=date(2024, 3, 6))}, False),
])
def test_rdf_run_iri_follows_text_and_extractor(change: dict[str, object], same: bool) -> None:
    base = tiny_extraction(run=RUN)
    other = base.replace(**change)
    assert (run_iri(other) == run_iri(base)) is same
    assert to_graph(other).value(graph_iri("t1"), PROV.wasGeneratedBy) == run_iri(other)


def test_rdf_software_agent_is_shared_by_runs_of_one_software() -> None:
    one = to_graph(tiny_extraction(run=RUN))
    two = to_graph(tiny_extraction(run=RUN.model_copy(update={"settings_hash": "def456"})))
    agents = [set(graph.objects(None, PROV.wasAssociatedWith)) for graph in (one, two)]
    runs = [set(graph.objects(None, PROV.wasGeneratedBy)) for graph in (one, two)]
    assert agents[0] == agents[1] and len(agents[0]) == 1
    assert runs[0] != runs[1]


def test_rdf_from_graph_refuses_two_runs() -> None:
    graph = to_graph(tiny_extraction(run=RUN))
    other = to_graph(tiny_extraction(run=RUN.model_copy(update={"settings_hash": "def456"})))
    for triple in other:
        graph.add(triple)
    with pytest.raises(MappingError, match="2 extraction runs"):
        from_graph(graph)


@pytest.mark.parametrize("confidence", [None, 0.0, 0.73, 1.0])
def test_rdf_place_confidence_round_trips(confidence: float | None) -> None:
    place = Place(id="ariha", name="Ariha", kind="city", mentions=(at("Ariha"),),
                  confidence=confidence)
    graph = to_graph(tiny_extraction(places=(place,)))
    found = graph.value(iris(DEFAULT_BASE_IRI).place("ariha"), KG.confidence)
    assert (found is None) is (confidence is None)
    assert from_graph(graph).places == (place,)
    assert validate(graph).conforms


# ---------------------------------------------------------------- errors


def test_rdf_conflicting_span_text_raises() -> None:
    spans_ = (at("monitor"), Span(start=at("monitor").start, end=at("monitor").end, text="other"))
    with pytest.raises(MappingError):
        to_graph(tiny_extraction(actors=[Actor(id="m", name="M", mentions=spans_)]))


@pytest.mark.parametrize("field", ["actors", "places"])
def test_rdf_duplicate_ids_raise(field: str) -> None:
    record = Actor(id="x", name="X") if field == "actors" else Place(id="x", name="X")
    with pytest.raises(MappingError):
        to_graph(tiny_extraction(**{field: [record, record]}))


@pytest.mark.parametrize("articles", [0, 2])
def test_rdf_from_graph_needs_one_article(articles: int) -> None:
    graph = Graph()
    for i in range(articles):
        graph += to_graph(Extraction(article=Article(id=f"a{i}", text="x")))
    with pytest.raises(MappingError):
        from_graph(graph)


def test_rdf_from_graph_rejects_missing_required_value() -> None:
    event = Event(id="t1-e1", type="conflict.aid", trigger=at("shelled"))
    graph = to_graph(tiny_extraction(events=[event]))
    graph.remove((iris(DEFAULT_BASE_IRI).event("t1-e1"), KG.trigger, None))
    with pytest.raises(MappingError):
        from_graph(graph)


# ---------------------------------------------------------------- JSON-LD context


@settings(SETTINGS, max_examples=20)
@given(extraction=extractions())
def test_rdf_jsonld_with_context_is_isomorphic(extraction: Extraction) -> None:
    context = json.loads(ontology_path("context.jsonld").read_text(encoding="utf-8"))["@context"]
    graph = to_graph(extraction)
    parsed = Graph().parse(data=graph.serialize(format="json-ld", context=context),
                           format="json-ld")
    assert isomorphic(graph, parsed)


@settings(SETTINGS, max_examples=20)
@given(extraction=extractions())
def test_rdf_roundtrip_survives_oxigraph_store(extraction: Extraction) -> None:
    graph = to_graph(extraction)
    dataset = Dataset(store="Oxigraph")
    named = dataset.graph(graph.identifier)
    for triple in graph:
        named.add(triple)
    stored = Graph()
    for triple in dataset.graph(graph.identifier):
        stored.add(triple)
    assert from_graph(stored) == extraction


@pytest.mark.parametrize(("term", "expected"), [
    (ox.NamedNode("https://example.org/a"), URIRef("https://example.org/a")),
    (ox.Literal("plain"), Literal("plain")),  # xsd:string reads as rdflib reads "plain"
    (ox.Literal("Paris", language="fr"), Literal("Paris", lang="fr")),
    (ox.Literal("2019-08-20", datatype=ox.NamedNode(str(XSD.date))),
     Literal("2019-08-20", datatype=XSD.date)),
    (ox.BlankNode("b1"), BNode("b1")),
])
def test_rdflib_term_gives_what_rdflibs_parser_gives(term: object, expected: object) -> None:
    converted = rdflib_term(term)
    assert converted == expected and type(converted) is type(expected)
    if isinstance(expected, Literal):
        assert (converted.datatype, converted.language) == (expected.datatype, expected.language)


def test_rdflib_term_refuses_a_triple_term() -> None:
    triple = ox.Triple(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"),
                       ox.NamedNode("https://example.org/o"))
    with pytest.raises(ValueError, match="unsupported RDF term"):
        rdflib_term(triple)


def test_rdf_run_times_are_the_provenance_graph_of_the_article() -> None:
    extraction = tiny_extraction(run=RUN)
    start = datetime(2026, 12, 7, 5, 49, 4, 120_456, tzinfo=UTC)
    end = datetime(2026, 12, 7, 7, 49, 5, tzinfo=timezone(timedelta(hours=2)))
    out = run_times(extraction, started=start, ended=end)
    assert out is not None and out.graph == str(provenance_iri("t1"))
    dataset = Dataset()
    dataset.parse(data=out.nquads, format="nquads")
    graph = dataset.graph(provenance_iri("t1"))
    run = run_iri(extraction)
    assert graph.value(run, PROV.startedAtTime).toPython() == start.replace(microsecond=120_000)
    assert graph.value(run, PROV.endedAtTime).toPython() == end
    assert str(graph.value(provenance_iri("t1"), KG.textHash)) == extraction.article.text_hash
    assert len(graph) == out.quads == 3
