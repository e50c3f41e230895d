"""Write one `Extraction` as the N-Quads of its article's named graph, without an rdflib graph.

The triples come from the same writer as `to_graph`; pyoxigraph builds the terms and writes the
N-Quads (in Rust), which is several times faster than filling and serialising an rdflib graph.
This is the form mapped articles travel in: to worker pools, shards and stores.
"""

from __future__ import annotations

import pyoxigraph as ox
from pydantic import BaseModel, ConfigDict
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.config import DEFAULT_BASE_IRI
from kg.errors import MappingError
from kg.model import Extraction
from kg.rdf._write import triples


class ArticleQuads(BaseModel):
    """The N-Quads (UTF-8) of one article's named graph, and how many quads they hold."""

    model_config = ConfigDict(frozen=True)

    graph: str  # the named graph IRI, kgr:graph/{key}
    quads: int
    nquads: bytes


def to_nquads(extraction: Extraction, *, base_iri: str = DEFAULT_BASE_IRI) -> ArticleQuads:
    """Map an extraction to the N-Quads of its named graph: the quads of `to_graph`.

    Raises:
        MappingError: As `to_graph`, or if a term cannot be written as RDF.

    Examples:
        >>> from datetime import date
        >>> from kg.model import Article
        >>> article = Article(id="a1", text="Rain fell.", published=date(2020, 1, 2))
        >>> out = to_nquads(Extraction(article=article))
        >>> out.graph, out.quads, out.nquads.count(b"\\n")
        ('https://w3id.org/kg-timeline/id/graph/a1', 7, 7)
    """
    name, found = triples(extraction, base_iri=base_iri)
    term = _Terms()
    graph = ox.NamedNode(str(name))
    try:
        quads = [ox.Quad(term.iri(str(s)), term.iri(str(p)), term(o), graph)
                 for s, p, o in found]  # subjects and predicates are IRIs: no blank nodes
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    except (TypeError, ValueError) as exc:
        raise MappingError(f"article {extraction.article.id!r} cannot be written as N-Quads: "
                           f"{exc}") from exc
    return ArticleQuads(graph=str(name), quads=len(quads), nquads=data or b"")


class _Terms:
    """Turn rdflib terms into pyoxigraph terms, building each IRI once per article."""

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = ox.NamedNode(value)
        return node

    def __call__(self, node: Node) -> ox.NamedNode | ox.Literal:
        if isinstance(node, URIRef):
            return self.iri(str(node))
        if isinstance(node, Literal):
            # str() of an rdflib literal is its lexical form, as rdflib's own serialisers write it
            if node.language is not None:
                return ox.Literal(str(node), language=node.language)
            if node.datatype is not None:
                return ox.Literal(str(node), datatype=self.iri(str(node.datatype)))
            return ox.Literal(str(node))
        raise MappingError(f"cannot write {node!r} as N-Quads: the mapping makes no blank nodes")
