"""Tests for kg.validate: the SHACL shapes accept good graphs and name what breaks in bad ones."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import SH

from kg.errors import ShapeViolation
from kg.model import Actor, Article, Event, Extraction, Span
from kg.rdf import to_graph
from kg.validate import Report, check, validate
from kg.vocab import KG, ontology_path

DATA = Path(__file__).parent / "data"

# fixture, shape it targets, and the (shape, constraint) pairs its failing twin breaks
SHAPES = [
    ("article", KG.ArticleShape, {(KG.ArticleShape, "MinCountConstraintComponent")}),
    ("actor", KG.ActorShape, {(KG.ActorShape, "InConstraintComponent")}),
    ("place", KG.PlaceShape, {(KG.PlaceShape, "MaxInclusiveConstraintComponent")}),
    ("event", KG.EventShape, {(KG.EventShape, "InConstraintComponent")}),
    ("eventfactuality", KG.EventShape, {(KG.EventShape, "InConstraintComponent")}),
    ("participant", KG.ParticipantShape, {(KG.ParticipantShape, "InConstraintComponent")}),
    ("statement", KG.StatementShape, {(KG.StatementShape, "MinCountConstraintComponent")}),
    ("mention", KG.MentionShape, {(KG.MentionShape, "LessThanOrEqualsConstraintComponent")}),
    ("timeexpression", KG.TimeExpressionShape, {
        (KG.TimeExpressionShape, "NodeConstraintComponent"),  # via sh:node kg:TimeShape
        (KG.TimeShape, "LessThanOrEqualsConstraintComponent"),
    }),
    ("extractionrun", KG.ExtractionRunShape,
     {(KG.ExtractionRunShape, "MaxCountConstraintComponent")}),
    ("softwareagent", KG.SoftwareAgentShape,
     {(KG.SoftwareAgentShape, "MinCountConstraintComponent")}),
    ("generatedgraph", KG.GeneratedGraphShape,
     {(KG.GeneratedGraphShape, "MaxCountConstraintComponent")}),
]


def fixture(name: str) -> Graph:
    return Graph().parse(DATA / f"shape_{name}.ttl", format="turtle")


@pytest.mark.parametrize(("name", "shape", "broken"), SHAPES)
def test_validate_accepts_passing_fixture(name: str, shape: URIRef,
                                          broken: set[tuple[URIRef, str]]) -> None:
    graph = fixture(f"{name}_ok")
    report = validate(graph)
    assert report.conforms, report.text
    assert report.violation_count == 0
    assert _focus_nodes(graph, shape)


@pytest.mark.parametrize(("name", "shape", "broken"), SHAPES)
def test_validate_names_shape_broken_by_failing_fixture(name: str, shape: URIRef,
                                                        broken: set[tuple[URIRef, str]]) -> None:
    report = validate(fixture(f"{name}_bad"))
    assert not report.conforms
    assert report.violation_count == len(report.violations) >= 1
    assert {(v.shape, v.constraint) for v in report.violations} == {
        (str(s), c) for s, c in broken}


def _focus_nodes(graph: Graph, shape: URIRef) -> set[object]:
    """The nodes of `graph` the shape targets (by sh:targetClass or sh:targetSubjectsOf)."""
    shapes = Graph().parse(ontology_path("shapes.ttl"))
    found: set[object] = set()
    for cls in shapes.objects(shape, SH.targetClass):
        found |= set(graph.subjects(RDF.type, cls))
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        found |= set(graph.subjects(prop, None))
    return found


def test_validate_check_raises_with_report() -> None:
    with pytest.raises(ShapeViolation) as info:
        check(fixture("event_bad"))
    assert "InConstraintComponent" in info.value.report


def test_validate_check_returns_report_when_conforming() -> None:
    assert isinstance(check(fixture("event_ok")), Report)


def test_validate_dataset_checks_each_named_graph() -> None:
    dataset = Dataset()
    for name in ("actor_ok", "mention_bad"):
        named = dataset.graph(f"urn:kg:test:{name}")
        named += fixture(name)
    report = validate(dataset)
    assert not report.conforms
    assert {v.shape for v in report.violations} == {str(KG.MentionShape)}


@pytest.mark.parametrize("agents", [("ghost",)])
def test_validate_flags_dangling_reference(agents: tuple[str, ...]) -> None:
    text = "Rebels shelled the town."
    extraction = Extraction(
        article=Article(id="v1", text=text, published=date(2024, 3, 6)),
        actors=(Actor(id="rebels", name="Rebels", kind="armed_group"),),
        events=(Event(id="v1-e7", type="conflict.assault",
                      trigger=Span(start=7, end=14, text="shelled"),
                      agents=agents),),
    )
    report = validate(to_graph(extraction))
    assert [(v.path, v.constraint) for v in report.violations] == [
        (str(KG.hasAgent), "ClassConstraintComponent")]


def test_validate_one_article_graph_well_under_a_second() -> None:
    graph = fixture("event_ok") + fixture("statement_ok") + fixture("timeexpression_ok")
    validate(graph)  # the first call parses the shapes and the ontology
    began = time.perf_counter()
    validate(graph)
    assert time.perf_counter() - began < 0.5
