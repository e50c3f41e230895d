"""Tests for kg.vocab: the closed KG namespace stays in step with the ontology files."""

from __future__ import annotations

import functools

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SH, SKOS

from kg.vocab import (
    CAMEO,
    CAMEO_SCHEME,
    CAMEO_TO_PLOVER,
    EVENT_CLASS,
    EVENT_CLASS_SCHEME,
    EVENT_CLASSES,
    KG,
    KG_NS,
    NIF,
    PLOVER,
    PLOVER_SCHEME,
    PLOVER_TYPES,
    SEM,
    bind_prefixes,
    iris,
    ontology_path,
)

DECLARED = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@functools.cache
def load(name: str) -> Graph:
    return Graph().parse(ontology_path(name), format="turtle")


def kg_terms(graph: Graph, types: tuple[URIRef, ...]) -> set[str]:
    return {str(s)[len(KG_NS):] for t in types for s in graph.subjects(RDF.type, t)
            if str(s).startswith(KG_NS)}


def used_kg_terms(graph: Graph) -> set[str]:
    return {str(term)[len(KG_NS):] for triple in graph for term in triple
            if isinstance(term, URIRef) and str(term).startswith(KG_NS)}


def vocab_terms() -> set[str]:
    return set(KG.__annotations__)


def test_vocab_kg_mirrors_ontology_and_shapes() -> None:
    declared = kg_terms(load("kg.ttl"), DECLARED) | kg_terms(load("shapes.ttl"), (SH.NodeShape,))
    assert vocab_terms() == declared


@pytest.mark.parametrize("name", ["kg.ttl", "shapes.ttl", "event_types.ttl", "event_classes.ttl"])
def test_vocab_ontology_files_use_only_declared_terms(name: str) -> None:
    assert used_kg_terms(load(name)) <= vocab_terms()


def test_vocab_kg_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = KG.hasActr


@pytest.mark.parametrize("term", sorted(kg_terms(load("kg.ttl"), DECLARED)))
def test_vocab_every_term_has_label_and_comment(term: str) -> None:
    graph = load("kg.ttl")
    assert graph.value(KG[term], RDFS.label) is not None
    assert graph.value(KG[term], RDFS.comment) is not None


@pytest.mark.parametrize(("term", "relation", "target"), [
    (KG.Article, RDFS.subClassOf, SDO.NewsArticle),
    (KG.Actor, RDFS.subClassOf, SEM.Actor),
    (KG.Place, RDFS.subClassOf, SEM.Place),
    (KG.Event, RDFS.subClassOf, SEM.Event),
    (KG.Statement, RDFS.subClassOf, PROV.Entity),
    (KG.Mention, RDFS.subClassOf, NIF.String),
    (KG.ExtractionRun, RDFS.subClassOf, PROV.Activity),
    (KG.TimeExpression, RDFS.subClassOf, URIRef("http://www.w3.org/2006/time#TemporalEntity")),
    (KG.published, RDFS.subPropertyOf, SDO.datePublished),
    (KG.dateline, RDFS.subPropertyOf, SDO.dateline),
    (KG.hasActor, RDFS.subPropertyOf, SEM.hasActor),
    (KG.hasAgent, RDFS.subPropertyOf, KG.hasActor),
    (KG.hasTarget, RDFS.subPropertyOf, KG.hasActor),
    (KG.hasRecipient, RDFS.subPropertyOf, KG.hasActor),
    (KG.hasRecipient, RDFS.subPropertyOf, SDO.recipient),
    (KG.hasInstrument, RDFS.subPropertyOf, SDO.instrument),
    (KG.atPlace, RDFS.subPropertyOf, SEM.hasPlace),
    (KG.earliest, RDFS.subPropertyOf, SEM.hasEarliestBeginTimeStamp),
    (KG.latest, RDFS.subPropertyOf, SEM.hasLatestEndTimeStamp),
    (KG.beginIndex, RDFS.subPropertyOf, NIF.beginIndex),
    (KG.tool, RDFS.domain, PROV.SoftwareAgent),
])
def test_vocab_terms_aligned_to_shared_vocabularies(term: URIRef, relation: URIRef,
                                                    target: URIRef) -> None:
    assert (term, relation, target) in load("kg.ttl")


@pytest.mark.parametrize(("code", "plover"), sorted(CAMEO_TO_PLOVER.items()))
def test_vocab_cameo_to_plover_codes_exist_in_event_types(code: str, plover: str) -> None:
    graph = load("event_types.ttl")
    concept = CAMEO[code]
    assert (concept, SKOS.inScheme, CAMEO_SCHEME) in graph
    assert str(graph.value(concept, SKOS.notation)) == code
    matches = set(graph.objects(concept, SKOS.closeMatch)) | set(
        graph.objects(concept, SKOS.broadMatch))
    assert matches == {PLOVER[plover]}


def test_vocab_plover_scheme_has_the_sixteen_types() -> None:
    graph = load("event_types.ttl")
    in_scheme = {str(c)[len(str(PLOVER)):] for c in graph.subjects(SKOS.inScheme, PLOVER_SCHEME)}
    assert in_scheme == set(PLOVER_TYPES)
    assert len(PLOVER_TYPES) == 16


def test_vocab_event_shape_lists_the_event_classes() -> None:
    shapes = load("shapes.ttl")
    (prop,) = (p for p in shapes.objects(KG.EventShape, SH.property)
               if shapes.value(p, SH.path) == KG.eventType)
    allowed = set(shapes.items(shapes.value(prop, SH["in"])))
    assert allowed == {EVENT_CLASS[c] for c in EVENT_CLASSES}


def test_vocab_event_class_scheme_matches_the_notations() -> None:
    graph = load("event_classes.ttl")
    concepts = set(graph.subjects(SKOS.inScheme, EVENT_CLASS_SCHEME))
    assert {str(graph.value(c, SKOS.notation)) for c in concepts} == set(EVENT_CLASSES)
    assert all(c == EVENT_CLASS[str(graph.value(c, SKOS.notation))] for c in concepts)
    assert all(graph.value(c, SKOS.prefLabel) and graph.value(c, SKOS.definition)
               for c in concepts)


@pytest.mark.parametrize("name", EVENT_CLASSES)
def test_vocab_event_class_sits_under_its_dotted_parent(name: str) -> None:
    graph = load("event_classes.ttl")
    parent = graph.value(EVENT_CLASS[name], SKOS.broader)
    if "." in name:
        assert parent == EVENT_CLASS[name.rsplit(".", 1)[0]]
    else:
        assert parent is None
        assert (EVENT_CLASS[name], SKOS.topConceptOf, EVENT_CLASS_SCHEME) in graph


@pytest.mark.parametrize("plover", PLOVER_TYPES)
def test_vocab_conflict_branch_matches_each_plover_type(plover: str) -> None:
    graph = load("event_classes.ttl")
    assert (EVENT_CLASS[f"conflict.{plover.lower()}"], SKOS.exactMatch, PLOVER[plover]) in graph


def test_vocab_cameo_scheme_has_twenty_roots_and_a_hierarchy() -> None:
    graph = load("event_types.ttl")
    roots = {str(graph.value(c, SKOS.notation)) for c in graph.subjects(SKOS.topConceptOf,
                                                                        CAMEO_SCHEME)}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    for concept in graph.subjects(SKOS.inScheme, CAMEO_SCHEME):
        code = str(graph.value(concept, SKOS.notation))
        assert graph.value(concept, SKOS.prefLabel) is not None
        if len(code) > 2:
            parent = graph.value(concept, SKOS.broader)
            assert parent == CAMEO[code[:2] if len(code) == 3 else code[:3]], code


@pytest.mark.parametrize(("method", "args", "expected"), [
    ("article", ("a017",), "article/a017"),
    ("graph", ("a017",), "graph/a017"),
    ("actor", ("acme-corp",), "actor/acme-corp"),
    ("place", ("geonames-170017",), "place/geonames-170017"),
    ("event", ("a017-e312",), "event/a017-e312"),
    ("statement", ("a017-s12",), "statement/a017-s12"),
    ("timex", ("a017-t40",), "timex/a017-t40"),
    ("mention", ("a017", 12, 18), "mention/a017/12-18"),
    ("run", ("0123abcd",), "run/0123abcd"),
    ("agent", ("0123abcd",), "agent/0123abcd"),
    ("provenance", ("a017",), "provenance/a017"),
])
def test_vocab_iris_mints_under_base(method: str, args: tuple[object, ...], expected: str) -> None:
    base = "https://example.org/id/"
    assert getattr(iris(base), method)(*args) == URIRef(base + expected)


def test_vocab_iris_rejects_base_without_separator() -> None:
    with pytest.raises(ValueError, match="example.org/id"):
        iris("https://example.org/id")


def test_vocab_bind_prefixes_binds_kgr_and_kg() -> None:
    graph = Graph(bind_namespaces="none")
    bind_prefixes(graph, "https://example.org/id/")
    bound = dict(graph.namespaces())
    assert bound["kgr"] == URIRef("https://example.org/id/")
    assert bound["kg"] == URIRef(KG_NS)
    assert bound["plover"] == URIRef(str(PLOVER))


@pytest.mark.parametrize("name", ["kg.ttl", "event_types.ttl", "event_classes.ttl", "shapes.ttl",
                                  "context.jsonld"])
def test_vocab_ontology_path_finds_files(name: str) -> None:
    assert ontology_path(name).is_file()


def test_vocab_namespaces_are_distinct() -> None:
    assert len({KG_NS, str(EVENT_CLASS), str(PLOVER), str(CAMEO)}) == 4
    assert isinstance(PLOVER, Namespace)
