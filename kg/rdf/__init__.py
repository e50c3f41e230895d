"""Maps `Extraction` <-> rdflib `Graph` (`to_graph`, `from_graph`): the only place that knows how
fields become triples; `to_nquads` writes the same triples as N-Quads bytes, the fast path for
ingest, shards and stores.

One article is one named graph, kgr:graph/{key}. Every node has a deterministic IRI (no blank
nodes, no timestamps), so writing the same extraction twice gives the same triples, and
`from_graph(to_graph(x)) == x`. Multi-valued fields are plain triples; where a tuple is not in
canonical order (sorted, each value once) its order is kept in a `kg:order` JSON literal.

The names are imported from their modules on first use (PEP 562): a store that only converts
query results (`rdflib_term`) does not build the records of `kg.model`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.config import DEFAULT_BASE_IRI
from kg.lazy import lazy_names

if TYPE_CHECKING:
    from kg.rdf._nquads import ArticleQuads, run_times, to_nquads
    from kg.rdf._nt import rdflib_term
    from kg.rdf._read import from_graph
    from kg.rdf._terms import (
        article_iri,
        graph_iri,
        is_article_graph,
        provenance_iri,
        run_digest,
        run_iri,
    )
    from kg.rdf._write import to_graph, triples

# public name -> the module that defines it
_WHERE = {"ArticleQuads": "kg.rdf._nquads", "to_nquads": "kg.rdf._nquads",
          "run_times": "kg.rdf._nquads",
          "rdflib_term": "kg.rdf._nt", "from_graph": "kg.rdf._read",
          "article_iri": "kg.rdf._terms", "graph_iri": "kg.rdf._terms",
          "is_article_graph": "kg.rdf._terms", "provenance_iri": "kg.rdf._terms",
          "run_digest": "kg.rdf._terms", "run_iri": "kg.rdf._terms",
          "to_graph": "kg.rdf._write", "triples": "kg.rdf._write"}

__all__ = ["DEFAULT_BASE_IRI", "ArticleQuads", "article_iri", "from_graph", "graph_iri",
           "is_article_graph", "provenance_iri", "rdflib_term", "run_digest", "run_iri",
           "run_times", "to_graph", "to_nquads", "triples"]


__getattr__, __dir__ = lazy_names(__name__, _WHERE, globals())
