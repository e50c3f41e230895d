"""Tests for kg/query.py and kg/queries/*.rq: named queries give the expected rows, and the same
rows on the memory, embedded oxigraph and remote backends.

The two article graphs below are written by hand with the agreed kg: terms; they share actor and
place IRIs, as graphs made by kg.rdf do.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef, namespace

from kg.errors import QueryError, UnknownNameError
from kg.query import Param, bind, find, list_queries, load_query, run_named, to_term
from kg.store import QueryResult, Store, open_store

KG = Namespace("https://w3id.org/kg-timeline/ontology#")
KGR = Namespace("https://w3id.org/kg-timeline/id/")
EVC = Namespace("https://w3id.org/kg-timeline/event-class/")
GEONAMES = Namespace("https://sws.geonames.org/")
EVIL = 'x" } ; DROP ALL ; { "'
CONCATENATED = ("agents", "targets")  # GROUP_CONCAT columns: SPARQL sets no order inside them


class _Article:
    """Writes one article's named graph the way the agreed RDF design lays it out."""

    def __init__(self, key: str, published: date) -> None:
        self.key = key
        self.node = KGR[f"article/{key}"]
        self.graph = Graph(identifier=KGR[f"graph/{key}"])
        self.add(self.node, namespace.RDF.type, KG.Article)
        self.add(self.node, KG.textHash, Literal(f"hash-{key}"))
        self.add(self.node, KG.published, Literal(published, datatype=namespace.XSD.date))

    def add(self, *triple: object) -> None:
        self.graph.add(triple)  # type: ignore[arg-type]

    def mention(
        self, node: URIRef, start: int, text: str, relation: URIRef = KG.hasMention
    ) -> None:
        mention = KGR[f"mention/{self.key}/{start}-{start + len(text)}"]
        self.add(node, relation, mention)
        self.add(mention, namespace.RDF.type, KG.Mention)
        self.add(mention, KG.beginIndex, Literal(start, datatype=namespace.XSD.integer))
        self.add(
            mention,
            KG.endIndex,
            Literal(start + len(text), datatype=namespace.XSD.integer),
        )
        self.add(mention, KG.anchorOf, Literal(text))
        self.add(mention, KG.inArticle, self.node)

    def actor(self, key: str, name: str, cls: URIRef, kind: str, *starts: int) -> URIRef:
        node = KGR[f"actor/{key}"]
        for type_ in (KG.Actor, cls):
            self.add(node, namespace.RDF.type, type_)
        self.add(node, KG.reportedIn, self.node)
        self.add(node, KG.name, Literal(name))
        self.add(node, KG.kind, Literal(kind))
        for start in starts:
            self.mention(node, start, name)
        return node

    def place(
        self,
        key: str,
        name: str,
        kind: str,
        within: URIRef | None = None,
        geonames: int | None = None,
    ) -> URIRef:
        node = KGR[f"place/{key}"]
        self.add(node, namespace.RDF.type, KG.Place)
        self.add(node, KG.reportedIn, self.node)
        self.add(node, KG.name, Literal(name))
        self.add(node, KG.kind, Literal(kind))
        if within is not None:
            self.add(node, KG.locatedIn, within)
        if geonames is not None:
            self.add(node, KG.geonamesId, Literal(geonames))
            self.add(node, KG.sameAs, GEONAMES[f"{geonames}/"])
            self.add(node, KG.latitude, Literal(Decimal("45.5")))
            self.add(node, KG.longitude, Literal(Decimal("12.25")))
        return node

    def event(
        self,
        start: int,
        type_: str,
        label: str,
        *,
        agents: tuple[URIRef, ...] = (),
        targets: tuple[URIRef, ...] = (),
        place: URIRef | None = None,
        time: tuple[str, str, date, date] | None = None,
        source: URIRef | None = None,
        phrases: tuple[tuple[str, int, str, URIRef | None], ...] = (),
    ) -> URIRef:
        node = KGR[f"event/{self.key}-e{start}"]
        for n, (role, begin, text, actor) in enumerate(phrases):  # role, offset, words, actor
            participant = KGR[f"event/{self.key}-e{start}/participant/{n}"]
            self.add(node, KG.hasParticipant, participant)
            self.add(participant, namespace.RDF.type, KG.Participant)
            self.add(participant, KG.participantRole, Literal(role))
            self.mention(participant, begin, text)
            if actor is not None:
                self.add(participant, KG.refersTo, actor)
        self.add(node, namespace.RDF.type, KG.Event)
        self.add(node, KG.reportedIn, self.node)
        self.add(node, KG.eventType, EVC[type_])
        self.add(node, KG.label, Literal(label))
        self.add(node, KG.confidence, Literal(Decimal("0.5")))
        self.mention(node, start, label, KG.trigger)
        for agent in agents:
            self.add(node, KG.hasAgent, agent)
        for target in targets:
            self.add(node, KG.hasTarget, target)
        if place is not None:
            self.add(node, KG.atPlace, place)
        if source is not None:
            self.add(node, KG.attributedTo, source)
        if time is not None:
            value, granularity, earliest, latest = time
            self.add(node, KG.timeValue, Literal(value))
            self.add(node, KG.granularity, Literal(granularity))
            self.add(node, KG.earliest, Literal(earliest, datatype=namespace.XSD.date))
            self.add(node, KG.latest, Literal(latest, datatype=namespace.XSD.date))
        return node

    def statement(
        self,
        start: int,
        cue: str,
        content: str,
        *,
        speaker: URIRef | None = None,
        direct: bool = False,
        when: str | None = None,
    ) -> URIRef:
        node = KGR[f"statement/{self.key}-s{start}"]
        self.add(node, namespace.RDF.type, KG.Statement)
        self.add(node, KG.reportedIn, self.node)
        self.add(node, KG.direct, Literal(direct))
        self.mention(node, start, cue, KG.cue)
        self.mention(node, start + len(cue) + 1, content, KG.content)
        if speaker is not None:
            self.add(node, KG.speaker, speaker)
        if when is not None:
            self.add(node, KG.timeValue, Literal(when))
        return node


def sample_graphs() -> list[Graph]:
    """Two invented articles: a raid on a bridge in Strelsau, and a later report on its fallout."""
    first = _Article("a1", date(2019, 8, 20))
    acme = first.actor("acme-corp", "Acme Corp", KG.Organisation, "organisation", 0, 50)
    jane = first.actor("jane-doe", "Jane Doe", KG.Person, "person", 20)
    ruritania = first.actor("ruritania", "Ruritania", KG.State, "country", 90)
    country = first.place("geonames-1", "Ruritania", "country", geonames=1)
    city = first.place("geonames-2", "Strelsau", "city", within=country, geonames=2)
    bridge = first.place("old-bridge", "the Old Bridge", "facility", within=city)
    first.event(
        120,
        "conflict.assault",
        "raided",
        agents=(acme,),
        targets=(jane,),
        place=bridge,
        time=("2019-08-18", "day", date(2019, 8, 18), date(2019, 8, 18)),
        source=jane,
    )
    first.event(
        160,
        "conflict.protest",
        "marched",
        agents=(jane, ruritania),
        place=city,
        time=("2019-08", "month", date(2019, 8, 1), date(2019, 8, 31)),
    )
    first.event(200, "conflict.request", "demanded", agents=(ruritania,), targets=(acme,),
                phrases=(("agent", 190, "Ruritania", ruritania), ("target", 209, "answers", None)))
    first.statement(
        300, "said", "the raid was unlawful", speaker=jane, direct=True, when="2019-08-19"
    )
    first.statement(400, "reportedly", "more raids are planned")

    second = _Article("a2", date(2019, 9, 2))
    acme = second.actor("acme-corp", "Acme Corp", KG.Organisation, "organisation", 10)
    ruritania = second.actor("ruritania", "Ruritania", KG.State, "country", 30, 70)
    country = second.place("geonames-1", "Ruritania", "country", geonames=1)
    city = second.place("geonames-2", "Strelsau", "city", within=country, geonames=2)
    second.event(
        100,
        "conflict.sanction",
        "fined",
        agents=(ruritania,),
        targets=(acme,),
        place=city,
        time=("2019-09-01", "day", date(2019, 9, 1), date(2019, 9, 1)),
    )
    second.event(
        140,
        "conflict.coerce",
        "banned",
        agents=(ruritania,),
        targets=(acme,),
        place=country,
        time=("2019", "year", date(2019, 1, 1), date(2019, 12, 31)),
    )
    second.statement(250, "announced", "the fine", speaker=acme, when="2019-09-01")
    return [first.graph, second.graph]


BACKENDS = ["memory", "oxigraph", "remote"]


@pytest.fixture(params=BACKENDS)
def loaded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A store of each backend holding the two sample articles."""
    spec: str | Path = "memory"
    if request.param == "oxigraph":
        spec = tmp_path / "store"
    elif request.param == "remote":
        spec = request.getfixturevalue("oxigraph_server")
    store = open_store(spec)
    store.update("DROP SILENT ALL", allow_update=True)
    store.put_many(
        [(graph, f"hash-{graph.identifier.split('/')[-1]}") for graph in sample_graphs()]
    )
    yield store
    store.update("DROP SILENT ALL", allow_update=True)
    store.close()


@pytest.fixture(scope="module")
def all_backends(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Store]]:
    """One store per backend, all holding the two sample articles (read only in the tests)."""
    url = request.getfixturevalue("oxigraph_server")
    stores = {
        "memory": open_store("memory"),
        "oxigraph": open_store(tmp_path_factory.mktemp("query") / "store"),
        "remote": open_store(url),
    }
    for store in stores.values():
        store.update("DROP SILENT ALL", allow_update=True)
        store.put_many([(g, f"hash-{g.identifier.split('/')[-1]}") for g in sample_graphs()])
    yield stores
    stores["remote"].update("DROP SILENT ALL", allow_update=True)
    for store in stores.values():
        store.close()


def comparable(result: QueryResult) -> list[tuple[object, ...]]:
    """Rows with GROUP_CONCAT columns split and sorted, as their inner order is unspecified."""
    rows = []
    for record in result.records():
        rows.append(
            tuple(
                tuple(sorted(str(value).split("; "))) if name in CONCATENATED and value else value
                for name, value in record.items()
            )
        )
    return rows


CASES = [
    ("article_hash", {}),
    ("article_hash", {"graph": "a1"}),
    ("graph_stamps", {}),
    ("graph_stamps", {"graph": "a1"}),
    ("list_graphs", {}),
    ("graph_triples", {"graph": "a2"}),
    ("count_triples", {}),
    ("list_actors", {}),
    ("list_actors", {"article": "a2"}),
    ("list_places", {}),
    ("list_places", {"article": "a1"}),
    ("events_by_actor", {"actor": "acme-corp"}),
    ("events_by_actor", {"actor": "jane-doe", "role": "target"}),
    ("events_by_place", {"place": "geonames-1"}),
    ("events_by_place", {"place": "old-bridge"}),
    ("events_by_place", {"place": "strelsau"}),
    ("find_actors", {"text": "ACME corp"}),
    ("find_places", {"text": "Ruritania"}),
    ("event_actors", {"actor": "Jane Doe"}),
    ("event_phrases", {}),
    ("event_phrases", {"article": "a1", "role": "target"}),
    ("timeline_events", {"actor": "ruritania", "end": "2019-08-31"}),
    ("timeline_events", {"place": "geonames-2", "type": "sanction"}),
    ("statement_entries", {"speaker": "acme corp"}),
    ("events_in_range", {}),
    ("events_in_range", {"start": "2019-08-19"}),
    ("events_in_range", {"start": "2019-08-02", "end": "2019-08-31"}),
    ("events_in_range", {"end": "2019-08-18", "article": "a1"}),
    ("statements_by_speaker", {}),
    ("statements_by_speaker", {"actor": "jane-doe"}),
    ("timeline", {}),
    ("timeline", {"article": "a1"}),
    ("timeline", {"start": "2019-09-01"}),
    ("actors_cooccurring", {}),
    ("actors_cooccurring", {"actor": "acme-corp"}),
    ("actors_cooccurring", {"actor": ("jane doe", "ACME CORP")}),
    ("monthly_event_counts", {}),
    ("monthly_event_counts", {"end": "2019-08-31"}),
    ("stats", {}),
]


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{'-'.join(p)}" for n, p in CASES])
def test_query_named_queries_agree_on_every_backend(
    all_backends: dict[str, Store], name: str, params: dict[str, str]
) -> None:
    rows = {
        key: comparable(run_named(store, name, **params)) for key, store in all_backends.items()
    }
    assert rows["memory"], f"{name} found nothing in the sample"
    assert rows["oxigraph"] == rows["memory"]
    assert rows["remote"] == rows["memory"]


def names(result: QueryResult, column: str) -> list[str]:
    return [str(value).rsplit("/", 1)[-1] for value in result.column(column)]


def test_query_article_hash_finds_each_graph(loaded: Store) -> None:
    result = run_named(loaded, "article_hash")
    assert [(str(g), str(h)) for g, h in result.rows] == [
        (str(KGR["graph/a1"]), "hash-a1"),
        (str(KGR["graph/a2"]), "hash-a2"),
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [("acme-corp", 3, 2), ("ruritania", 3, 2), ("jane-doe", 1, 1)]),
        ({"article": "a2"}, [("ruritania", 2, 1), ("acme-corp", 1, 1)]),
    ],
)
def test_query_list_actors_counts_mentions_and_articles(
    loaded: Store, params: dict[str, str], expected: list[tuple[str, int, int]]
) -> None:
    result = run_named(loaded, "list_actors", **params)
    got = [
        (key, int(m), int(a))
        for key, (m, a) in zip(
            names(result, "actor"),
            zip(result.column("mentions"), result.column("articles"), strict=True),
            strict=True,
        )
    ]
    assert got == expected


def test_query_list_places_walks_containment(loaded: Store) -> None:
    records = {str(r["name"]): r for r in run_named(loaded, "list_places").records()}
    assert records["the Old Bridge"]["within"] == KGR["place/geonames-2"]
    assert str(records["the Old Bridge"]["withinName"]) == "Strelsau"
    assert records["the Old Bridge"]["country"] == KGR["place/geonames-1"]
    assert records["Strelsau"]["geonames"] == GEONAMES["2/"]
    assert records["Ruritania"]["within"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"actor": "acme-corp"},
            [
                ("a2-e140", "target"),
                ("a1-e120", "agent"),
                ("a2-e100", "target"),
                ("a1-e200", "target"),
            ],
        ),
        ({"actor": "acme-corp", "role": "agent"}, [("a1-e120", "agent")]),
        ({"actor": "acme-corp", "role": EVIL}, []),
    ],
)
def test_query_events_by_actor_orders_by_time(
    loaded: Store, params: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    result = run_named(loaded, "events_by_actor", **params)
    assert (
        list(zip(names(result, "event"), map(str, result.column("role")), strict=True)) == expected
    )


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("geonames-1", ["a2-e140", "a1-e160", "a1-e120", "a2-e100"]),
        ("geonames-2", ["a1-e160", "a1-e120", "a2-e100"]),
        ("old-bridge", ["a1-e120"]),
    ],
)
def test_query_events_by_place_includes_places_inside(
    loaded: Store, place: str, expected: list[str]
) -> None:
    assert names(run_named(loaded, "events_by_place", place=place), "event") == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["a2-e140", "a1-e160", "a1-e120", "a2-e100"]),
        ({"start": "2019-08-19"}, ["a2-e140", "a1-e160", "a2-e100"]),
        ({"start": "2019-08-19", "end": "2019-08-31"}, ["a2-e140", "a1-e160"]),
        ({"end": date(2019, 8, 10)}, ["a2-e140", "a1-e160"]),
        ({"start": "2020-01-01"}, []),
    ],
)
def test_query_events_in_range_filters_on_bounds(
    loaded: Store, params: dict[str, object], expected: list[str]
) -> None:
    assert names(run_named(loaded, "events_in_range", **params), "event") == expected  # type: ignore[arg-type]


def test_query_timeline_lists_dated_events_first(loaded: Store) -> None:
    result = run_named(loaded, "timeline")
    assert names(result, "event") == ["a2-e140", "a1-e160", "a1-e120", "a2-e100", "a1-e200"]
    protest = result.records()[1]
    assert sorted(str(protest["agents"]).split("; ")) == ["Jane Doe", "Ruritania"]
    assert (str(protest["timeValue"]), str(protest["granularity"])) == ("2019-08", "month")
    assert str(result.records()[2]["source"]) == "Jane Doe"


def test_query_statements_by_speaker_filters_speaker(loaded: Store) -> None:
    everyone = run_named(loaded, "statements_by_speaker")
    assert len(everyone) == 3
    jane = run_named(loaded, "statements_by_speaker", actor="jane-doe")
    assert [str(value) for value in jane.column("content")] == ["the raid was unlawful"]
    assert jane.column("direct") == [Literal(True)]


def test_query_actors_cooccurring_counts_shared_events(loaded: Store) -> None:
    result = run_named(loaded, "actors_cooccurring", actor="acme-corp")
    assert [
        (key, int(n))
        for key, n in zip(names(result, "other"), result.column("events"), strict=True)
    ] == [("ruritania", 3), ("jane-doe", 1)]


def test_query_monthly_event_counts_skips_year_only_events(loaded: Store) -> None:
    result = run_named(loaded, "monthly_event_counts")
    assert [(str(m), int(n)) for m, n in result.rows] == [("2019-08", 2), ("2019-09", 1)]


def test_query_event_phrases_give_roles_as_written_with_their_actors(loaded: Store) -> None:
    rows = [(names_of(r["event"]), str(r["role"]), str(r["phrase"]),
             None if r["actor"] is None else names_of(r["actor"]))
            for r in run_named(loaded, "event_phrases").records()]
    assert rows == [("a1-e200", "agent", "Ruritania", "ruritania"),
                    ("a1-e200", "target", "answers", None)]


def names_of(value: object) -> str:
    return str(value).rsplit("/", 1)[-1]


def test_query_stats_counts_records(loaded: Store) -> None:
    (row,) = run_named(loaded, "stats").records()
    assert {key: int(value) for key, value in row.items()} == {
        "graphs": 2,
        "articles": 2,
        "actors": 3,
        "places": 3,
        "events": 5,
        "statements": 3,
    }


def test_query_injected_iri_is_refused_and_destroys_nothing(loaded: Store) -> None:
    before = loaded.triples_count()
    with pytest.raises(QueryError):
        run_named(loaded, "list_actors", article=f"https://example.org/{EVIL}")
    assert loaded.triples_count() == before


def test_query_list_queries_documents_every_file() -> None:
    queries = list_queries()
    assert {"article_hash", "list_actors", "timeline", "stats"} <= {q.name for q in queries}
    for query in queries:
        assert query.description, f"{query.name} has no description"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("events_by_actor", [("actor", "name", "actor", False), ("role", "string", None, True)]),
        (
            "events_in_range",
            [
                ("start", "date", None, True),
                ("end", "date", None, True),
                ("article", "iri", "article", True),
            ],
        ),
        ("stats", []),
        ("events_by_place", [("place", "name", "place", False)]),
        ("statements_by_speaker", [("actor", "name", "actor", True)]),
    ],
)
def test_query_load_query_reads_parameter_header(name: str, expected: list[tuple]) -> None:
    params = load_query(name).params
    assert [(p.name, p.type, p.kind, p.optional) for p in params] == expected


@pytest.mark.parametrize(
    ("param", "value", "expected"),
    [
        (Param(name="actor", type="iri", kind="actor"), "acme-corp", KGR["actor/acme-corp"]),
        (
            Param(name="actor", type="iri", kind="actor"),
            "https://example.org/x",
            URIRef("https://example.org/x"),
        ),
        (Param(name="start", type="date"), "2019-08-01", Literal(date(2019, 8, 1))),
        (Param(name="start", type="date"), date(2019, 8, 1), Literal(date(2019, 8, 1))),
        (Param(name="n", type="integer"), "12", Literal(12)),
        (Param(name="role", type="string"), "agent", Literal("agent")),
    ],
)
def test_query_to_term_converts_cli_strings(param: Param, value: object, expected: object) -> None:
    assert to_term(param, value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("param", "value"),
    [
        (Param(name="start", type="date"), "2019-08"),
        (Param(name="start", type="date"), "last week"),
        (Param(name="n", type="integer"), "twelve"),
        (Param(name="graph", type="iri"), "no-kind-so-needs-a-full-iri"),
        (Param(name="actor", type="iri", kind="actor"), "https://example.org/a b"),
    ],
)
def test_query_to_term_rejects_bad_values(param: Param, value: str) -> None:
    with pytest.raises(QueryError):
        to_term(param, value)


@pytest.mark.parametrize(
    ("name", "params"),
    [("events_by_actor", {}), ("events_by_actor", {"actor": "x", "colour": "red"})],
)
def test_query_bind_rejects_missing_or_unknown_params(name: str, params: dict[str, str]) -> None:
    with pytest.raises(QueryError):
        bind(load_query(name), params)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["no_such_query", "../store", "Stats"])
def test_query_load_query_rejects_unknown_name(name: str) -> None:
    with pytest.raises(QueryError):
        load_query(name)


def test_query_run_named_limit_truncates(loaded: Store) -> None:
    result = run_named(loaded, "timeline", limit=2)
    assert (len(result), result.truncated) == (2, True)


def test_query_run_named_resolves_ids_under_base_iri() -> None:
    other = "https://example.org/id/"
    with open_store("memory") as store:
        graph = Graph(identifier=URIRef(f"{other}graph/b1"))
        actor = URIRef(f"{other}actor/x")
        graph.add((actor, namespace.RDF.type, KG.Actor))
        graph.add((actor, KG.name, Literal("X")))
        graph.add((actor, KG.reportedIn, URIRef(f"{other}article/b1")))
        store.put(graph, text_hash="h")
        result = run_named(store, "list_actors", base_iri=other, article="b1")
    assert result.column("actor") == [actor]


EMPTY_CASES = [
    (query.name, {p.name: "x" for p in query.params if not p.optional}) for query in list_queries()
]


@pytest.mark.parametrize(("name", "params"), EMPTY_CASES, ids=[n for n, _ in EMPTY_CASES])
def test_query_named_queries_on_empty_store_agree(
    request: pytest.FixtureRequest, tmp_path: Path, name: str, params: dict[str, str]
) -> None:
    answers = []
    for spec in ("memory", tmp_path / "store", request.getfixturevalue("oxigraph_server")):
        with open_store(spec) as store:
            store.update("DROP SILENT ALL", allow_update=True)
            try:
                answers.append(comparable(run_named(store, name, **params)))
            except UnknownNameError as error:  # a name parameter: nothing has the name
                answers.append([(error.kind, error.name)])
    assert answers[0] == answers[1] == answers[2]
    assert len(answers[0]) <= 1  # nothing, or one row of zero counts


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("actor", "Acme Corp", ["acme-corp"]),
        ("actor", "acme CORP", ["acme-corp"]),
        ("actor", "acme-corp", ["acme-corp"]),
        ("actor", "actor/jane-doe", ["jane-doe"]),
        ("actor", str(KGR["actor/ruritania"]), ["ruritania"]),
        ("actor", "Ruritania", ["ruritania"]),  # the place of that name is not an actor
        ("place", "ruritania", ["geonames-1", "geonames-2", "old-bridge"]),
        ("place", "place/geonames-2", ["geonames-2", "old-bridge"]),
        ("place", "THE OLD BRIDGE", ["old-bridge"]),
        ("place", "corp", []),  # neither a whole name nor a whole id
        ("actor", EVIL, []),
        ("place", f"{KGR}place/{EVIL}", []),
    ],
)
def test_query_find_takes_names_aliases_ids_and_iris(
    loaded: Store, kind: str, text: str, expected: list[str]
) -> None:
    assert [iri.rsplit("/", 1)[-1] for iri in find(loaded, kind, text)] == expected
    assert loaded.triples_count() == sum(len(graph) for graph in sample_graphs())


def _twins() -> Graph:
    """Two actors called Smith (one by alias) in one article, each agent of an event."""
    graph = Graph(identifier=KGR["graph/t1"])
    for key, relation in (("ann-smith", KG.name), ("bob-smith", KG.alias)):
        actor, event = KGR[f"actor/{key}"], KGR[f"event/t1-{key}"]
        graph.add((actor, namespace.RDF.type, KG.Actor))
        graph.add((actor, KG.name, Literal(key)))
        graph.add((actor, relation, Literal("Smith")))
        graph.add((event, KG.hasAgent, actor))
        graph.add((event, KG.reportedIn, KGR["article/t1"]))
    return graph


def test_query_name_parameter_binds_every_match() -> None:
    with open_store("memory") as store:
        store.put(_twins(), text_hash="h")
        assert find(store, "actor", "smith") == (KGR["actor/ann-smith"], KGR["actor/bob-smith"])
        result = run_named(store, "event_actors", actor="SMITH")
        assert set(names(result, "event")) == {"t1-ann-smith", "t1-bob-smith"}
        both = run_named(store, "event_actors", actor=("smith", "ann-smith"))
        assert set(names(both, "event")) == {"t1-ann-smith", "t1-bob-smith"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"place": ("old-bridge", "Strelsau")}, ["a1-e160", "a1-e120", "a2-e100"]),
    ],
)
def test_query_events_by_place_takes_several_matches(
    loaded: Store, params: dict[str, object], expected: list[str]
) -> None:
    assert names(run_named(loaded, "events_by_place", **params), "event") == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("place", ["nowhere", EVIL])
def test_query_unknown_name_is_an_error_with_nearest_names(loaded: Store, place: str) -> None:
    before = loaded.triples_count()
    with pytest.raises(UnknownNameError) as info:
        run_named(loaded, "events_by_place", place=place)
    assert info.value.name == place and info.value.kind == "place"
    assert loaded.triples_count() == before


def test_query_unknown_name_suggests_the_nearest(loaded: Store) -> None:
    with pytest.raises(UnknownNameError) as info:
        run_named(loaded, "events_by_place", place="Strelsa")
    assert "Strelsau" in info.value.nearest


def test_query_statements_by_speaker_takes_several_speakers(loaded: Store) -> None:
    result = run_named(loaded, "statements_by_speaker", actor=("Jane Doe", "acme-corp"))
    assert sorted(str(value) for value in result.column("content")) == [
        "the fine", "the raid was unlawful"]


def test_query_name_parameter_needs_a_store() -> None:
    with pytest.raises(QueryError) as info:
        bind(load_query("events_by_place"), {"place": "Strelsau"})
    assert "Strelsau" in str(info.value)
