"""Write one `Extraction` as the N-Quads of its article's named graph, without an rdflib graph.

The triples come from the same writer as `to_graph`, their terms already in N-Triples form
(written by pyoxigraph); a quad is a triple and the graph name on one line. This is several
times faster than filling and serialising an rdflib graph, and it is the form mapped articles
travel in: to worker pools, shards and stores.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from kg.config import DEFAULT_BASE_IRI
from kg.errors import MappingError
from kg.model import Extraction
from kg.rdf import _nt as nt
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
        MappingError: As `to_graph`.

    Examples:
        >>> from datetime import date
        >>> from kg.model import Article
        >>> article = Article(id="a1", text="Rain fell.", published=date(2020, 1, 2))
        >>> out = to_nquads(Extraction(article=article))
        >>> out.graph, out.quads, out.nquads.count(b"\\n")
        ('https://w3id.org/kg-timeline/id/graph/a1', 7, 7)
    """
    name, found = triples(extraction, base_iri=base_iri)
    graph = nt.iri(name)
    text = "".join(f"{s} {p} {o} {graph} .\n" for s, p, o in found)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise MappingError(f"article {extraction.article.id!r} cannot be written as N-Quads: "
                           f"{exc}") from exc
    return ArticleQuads(graph=str(name), quads=len(found), nquads=data)
