"""Write one `Extraction` as the N-Quads of its article's named graph, without an rdflib graph,
and the times of its run as the N-Quads of the article's provenance graph.

The triples come from the same writer as `to_graph`, their terms already in N-Triples form
(written by pyoxigraph); a quad is a triple and the graph name on one line. This is several
times faster than filling and serialising an rdflib graph, and it is the form mapped articles
travel in: to worker pools, shards and stores.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict
from rdflib.namespace import PROV, XSD

from kg.config import DEFAULT_BASE_IRI
from kg.errors import MappingError
from kg.model import Extraction
from kg.rdf import _nt as nt
from kg.rdf._terms import provenance_iri, run_iri
from kg.rdf._write import triples
from kg.vocab import KG


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


def run_times(extraction: Extraction, *, started: datetime, ended: datetime,
              base_iri: str = DEFAULT_BASE_IRI) -> ArticleQuads | None:
    """Return the N-Quads of the provenance graph of an article (kgr:provenance/{key}): when the
    run that made its graph started and ended (`xsd:dateTime`, UTC, to the millisecond), and the
    article's text hash, which makes it one of kg's graphs. None for an extraction without a run.

    The times are kept out of the article graph, which stays the same for the same input; a
    store writes this graph with the article graph, and a re-ingest that skips the article keeps
    both.

    Examples:
        >>> from kg.model import Article
        >>> out = run_times(Extraction(article=Article(id="a1", text="Rain fell.")),
        ...                 started=datetime(2026, 1, 2, tzinfo=UTC),
        ...                 ended=datetime(2026, 1, 2, tzinfo=UTC))
        >>> out is None
        True
    """
    run = run_iri(extraction, base_iri)
    if run is None:
        return None
    name = provenance_iri(extraction.article.id, base_iri)
    graph, node = nt.iri(name), nt.iri(run)
    lines = [
        f"{node} {nt.iri(PROV.startedAtTime)} {_instant(started)} {graph} .\n",
        f"{node} {nt.iri(PROV.endedAtTime)} {_instant(ended)} {graph} .\n",
        f"{graph} {nt.iri(KG.textHash)} {nt.literal(extraction.article.text_hash)} {graph} .\n",
    ]
    return ArticleQuads(graph=str(name), quads=len(lines), nquads="".join(lines).encode("utf-8"))


def _instant(moment: datetime) -> str:
    return nt.typed(moment.astimezone(UTC).isoformat(timespec="milliseconds"), XSD.dateTime)
