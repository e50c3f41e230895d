"""What the remote store sends to write article graphs: N-Triples lines per graph, marker triples
last, and `INSERT DATA` requests of bounded size.

Every graph is written as lines of N-Triples (also valid inside `INSERT DATA`). The registry's
marker triples (`kg.store.registry`) go last, so a graph cut short by a failed request holds no
marker: it is not counted as one of kg's graphs and a resumed ingest writes it again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib.term import URIRef

from kg.errors import StoreError
from kg.store import registry
from kg.store._sparql import term_n3, term_writer
from kg.store.base import Triple, named_graph_iri

# the last term of an N-Quads line (the graph: every quad kg writes is in a named graph)
_QUAD = re.compile(
    r"^(?P<triple>(?P<subject>\S+) (?P<predicate><[^>]*>) .*) (?P<graph><[^>]*>) \.$")
# the most bytes of data in one INSERT DATA request (servers cap the text of one update)
CHUNK_BYTES = 200_000


@dataclass(frozen=True)
class Unit:
    """One graph to write: its IRI and its triples as distinct N-Triples lines, markers last."""

    graph: URIRef
    lines: tuple[str, ...]

    @property
    def blank(self) -> bool:
        """Whether a line holds a blank node (its lines must then go in one request)."""
        return any("_:" in line for line in self.lines)


def _ordered(graph: URIRef, lines: Iterable[tuple[str, str]]) -> Unit:
    """Return the unit of a graph from (predicate IRI, line) pairs: distinct, markers last."""
    markers = {str(marker) for marker in registry.markers()}
    plain: dict[str, None] = {}
    marked: dict[str, None] = {}
    for predicate, line in lines:
        (marked if predicate in markers else plain)[line] = None
    return Unit(graph, (*plain, *marked))


def from_triples(graph: URIRef, triples: Iterable[Triple]) -> Unit:
    """Return the unit of a graph from rdflib triples (blank nodes labelled per graph)."""
    n3 = term_writer()
    return _ordered(graph, ((str(p), f"{n3(s)} {n3(p)} {n3(o)} .") for s, p, o in triples))


def from_nquads(data: bytes, graphs: Iterable[str]) -> list[Unit]:
    """Split N-Quads (every quad in a named graph) into one unit per graph, in the order of
    `graphs`; a graph named there without quads is a unit with no lines (it is removed).

    Raises:
        StoreError: If a line is not a quad in one of the named graphs.
    """
    names = [named_graph_iri(iri) for iri in graphs]
    lines: dict[URIRef, list[tuple[str, str]]] = {name: [] for name in names}
    for number, line in enumerate(data.decode("utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found = _QUAD.match(line.strip())
        graph = URIRef(found["graph"][1:-1]) if found else None
        if found is None or graph not in lines:
            raise StoreError(f"N-Quads line {number} is not a quad in one of the graphs being "
                             f"written: {line[:120]!r}")
        lines[graph].append((found["predicate"][1:-1], found["triple"] + " ."))
    return [_ordered(name, lines[name]) for name in names]


def insert_requests(units: Iterable[Unit], limit: int = CHUNK_BYTES) -> Iterator[str]:
    """Yield SPARQL updates that replace each unit's graph, each at most about `limit` bytes of
    data (one graph with blank nodes is never split): `DROP SILENT GRAPH` before a graph's first
    lines, never an empty `INSERT DATA`. Small graphs share a request (one transaction on
    servers that apply an update request whole).
    """
    parts: list[str] = []
    size = 0
    for unit in units:
        name = term_n3(unit.graph)
        drop = f"DROP SILENT GRAPH {name}"
        chunks = [list(unit.lines)] if unit.blank else _split(unit.lines, limit)
        for index, chunk in enumerate(chunks):
            body = "\n".join(chunk)
            if parts and size + len(body) > limit:
                yield " ;\n".join(parts)
                parts, size = [], 0
            if index == 0:
                parts.append(drop)
            if chunk:
                parts.append(f"INSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}")
                size += len(body)
    if parts:
        yield " ;\n".join(parts)


def _split(lines: tuple[str, ...], limit: int) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    size = 0
    for line in lines:
        if chunks[-1] and size + len(line) > limit:
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += len(line) + 1
    return chunks
