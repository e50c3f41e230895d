"""The registry of kg's own graphs: which named graphs in a store kg wrote and answers for.

A shared SPARQL server holds other graphs too (Virtuoso's system graphs, other users' data), and
none of them may be counted, validated or exported as ours. Each kind of kg graph is known by a
marker: a predicate that every graph of that kind holds and no other graph does. An article
graph holds its text hash (`kg:textHash`, added by `kg.store.base.stamped` to every graph a
store writes), which is also written last, so a graph half written by a failed batch is not yet
one of ours. Another kg layer that keeps a graph of its own (the identity layer, say) adds a
`GraphKind` to `KINDS` with its marker. The graphs kg keeps beside the articles today (the
identity graphs; each article's provenance graph `kgr:provenance/{key}` of its run's times,
stamped with the article's text hash) hold the marker too, so they are kg's graphs as well;
`kg.rdf.is_article_graph` tells the article graphs (`kgr:graph/{key}`) from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.term import URIRef

from kg.vocab import KG


@dataclass(frozen=True)
class GraphKind:
    """One kind of graph kg writes, told apart by a predicate only it holds."""

    name: str
    marker: URIRef
    why: str


ARTICLE = GraphKind(
    "article", KG.textHash,
    "every article graph records the hash of its article's text; no other graph uses kg:textHash",
)

KINDS: tuple[GraphKind, ...] = (ARTICLE,)


def markers() -> tuple[URIRef, ...]:
    """Return the marker predicates of every kind of kg graph, in registry order."""
    return tuple(kind.marker for kind in KINDS)


def is_marker(predicate: object) -> bool:
    """Tell whether a predicate marks a kg graph (a write sends these triples last)."""
    return predicate in markers()
