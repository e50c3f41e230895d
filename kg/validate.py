"""Runs pySHACL with `ontology/shapes.ttl` and returns a `Report` record, or raises
`ShapeViolation`."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict
from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import ShapeViolation
from kg.vocab import ontology_path


class Violation(BaseModel):
    """One SHACL result: which node broke which shape, along which path, and why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    focus: str
    shape: str  # the node shape, such as kg:EventShape, as a full IRI
    constraint: str  # the constraint component, such as "MinCountConstraintComponent"
    path: str | None = None
    value: str | None = None
    message: str = ""
    severity: str = "Violation"


class Report(BaseModel):
    """The outcome of validating a graph against the kg shapes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    conforms: bool
    violation_count: int
    text: str
    violations: tuple[Violation, ...] = ()


def validate(graph: Graph | Dataset) -> Report:
    """Validate a graph (or every named graph of a dataset) against `ontology/shapes.ttl`.

    The ontology (`kg.ttl`) is mixed in so that `sh:class` accepts subclasses; no inference
    is run, since `kg.rdf.to_graph` writes every type it relies on.

    Args:
        graph: The graph of one article, or a dataset whose named graphs are each validated.

    Returns:
        Whether it conforms, how many results there are, pySHACL's text and the results.
    """
    conforms, results, text = shacl_validate(
        graph, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none",
        advanced=False, allow_warnings=False, abort_on_first=False,
    )
    violations = tuple(_violation(results, node) for node in results.subjects(SH.focusNode))
    return Report(conforms=bool(conforms), violation_count=len(violations), text=str(text),
                  violations=violations)


def check(graph: Graph | Dataset) -> Report:
    """Validate a graph and raise unless it conforms.

    Returns:
        The report of a conforming graph.

    Raises:
        ShapeViolation: If the graph breaks a shape; `.report` holds pySHACL's text.
    """
    report = validate(graph)
    if not report.conforms:
        first = report.violations[0] if report.violations else None
        where = (f"; first: {first.focus!r} breaks {first.shape!r} ({first.constraint})"
                 if first else "")
        raise ShapeViolation(f"graph {getattr(graph, 'identifier', '')!s} has "
                             f"{report.violation_count} shape violations{where}", report.text)
    return report


@functools.cache
def _shapes() -> Graph:
    return Graph().parse(ontology_path("shapes.ttl"), format="turtle")


@functools.cache
def _ontology() -> Graph:
    return Graph().parse(ontology_path("kg.ttl"), format="turtle")


def _violation(results: Graph, node: Node) -> Violation:
    source = results.value(node, SH.sourceShape)
    owner = _shapes().value(predicate=SH.property, object=source) if source is not None else None
    shape = owner if owner is not None else source
    component = results.value(node, SH.sourceConstraintComponent)
    path, value = results.value(node, SH.resultPath), results.value(node, SH.value)
    severity = results.value(node, SH.resultSeverity)
    return Violation(
        focus=str(results.value(node, SH.focusNode)),
        shape=str(shape),
        constraint=_local(component),
        path=None if path is None else str(path),
        value=None if value is None else str(value),
        message=str(results.value(node, SH.resultMessage) or ""),
        severity=_local(severity) or "Violation",
    )


def _local(node: Node | None) -> str:
    if not isinstance(node, URIRef):
        return ""
    return str(node).rsplit("#", 1)[-1]
