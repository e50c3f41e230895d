"""Write a layer graph of kg's (the identity graph, the event clusters' graphs) by its difference.

A layer graph grows with the store, and one more article changes a few of its triples: reading it
whole and sending the difference (`DELETE DATA` of the triples gone, `INSERT DATA` of the new
ones, in one update) costs what changed, not what is stored. The write is checked as `Store.put`
checks its own: the store must then hold exactly as many triples in the graph as were meant; if
not (a server that dropped part of the request, a graph changed meanwhile), the graph is replaced
whole by `put`, which checks again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.query import run_named
from kg.store import Store
from kg.vocab import KG

Triple = tuple[Node, Node, Node]
# triples per DELETE DATA / INSERT DATA block: bounded requests for remote stores
_BLOCK = 5000


def stamp(iri: URIRef, name: str) -> Triple:
    """The marker every graph a store writes holds (`kg:textHash`, `kg.store.registry`): a layer
    graph has no article text, so it holds a fixed one naming the layer."""
    return (iri, KG.textHash, Literal(name))


def read(store: Store, iri: URIRef) -> set[Triple]:
    """Return the triples of one named graph."""
    return set(run_named(store, "graph_triples", graph=iri).rows)  # type: ignore[arg-type]


def write(store: Store, iri: URIRef, old: set[Triple], new: set[Triple], name: str) -> int:
    """Bring a graph that holds `old` to hold `new` (with its marker); return the triples changed.

    Raises:
        StoreError: If the store refuses the write or does not hold the graph afterwards.
    """
    new = new | {stamp(iri, name)}
    gone, added = sorted(old - new, key=_order), sorted(new - old, key=_order)
    if not gone and not added:
        return 0
    if not old:
        _put(store, iri, new, name)
        return len(added)
    parts = [f"DELETE DATA {{ GRAPH {iri.n3()} {{\n{_body(block)}\n}} }}"
             for block in _blocks(gone)]
    parts += [f"INSERT DATA {{ GRAPH {iri.n3()} {{\n{_body(block)}\n}} }}"
              for block in _blocks(added)]
    store.update(" ;\n".join(parts), allow_update=True)
    if count(store, iri) != len(new):
        _put(store, iri, new, name)
    return len(gone) + len(added)


def count(store: Store, iri: URIRef) -> int:
    """Return the number of triples the store holds in a named graph."""
    rows = run_named(store, "graph_counts", graph=(iri,)).rows
    return int(str(rows[0][1])) if rows else 0


def _put(store: Store, iri: URIRef, triples: Iterable[Triple], name: str) -> None:
    graph = Graph(identifier=iri)
    for triple in triples:
        graph.add(triple)
    store.put(graph, text_hash=name)


def _blocks(triples: Sequence[Triple]) -> list[Sequence[Triple]]:
    return [triples[i:i + _BLOCK] for i in range(0, len(triples), _BLOCK)]


def _body(triples: Sequence[Triple]) -> str:
    return "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)


def _order(triple: Triple) -> tuple[str, str, str]:
    return (str(triple[0]), str(triple[1]), str(triple[2]))
