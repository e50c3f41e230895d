"""The in-memory store: an rdflib Dataset, for notebooks and tests."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

from pyparsing import ParseException
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
from rdflib.plugins.sparql.evaluate import evalQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.update import evalUpdate
from rdflib.term import URIRef

from kg.config import DEFAULT_BASE_IRI
from kg.errors import StoreError
from kg.store import _sparql, registry
from kg.store.base import (
    Bindings,
    DumpFormat,
    Output,
    QueryResult,
    Stamp,
    Store,
    batched,
    bounded,
    check_limits,
    collect,
    graph_result,
    named_graph_iri,
    open_output,
    stamped,
)
from kg.vocab import KG, PREFIXES, bind_prefixes

_RDFLIB_FORMATS = {"nquads": "nquads", "trig": "trig", "turtle": "turtle"}
_NO_MATCH = URIRef("urn:kg:no-match")


class MemoryStore(Store):
    """Named graphs in an rdflib `Dataset` whose default graph is the union of them all.

    Queries see no prefixes but their own, like the other backends.
    """

    def __init__(self, *, batch_size: int = 32) -> None:
        self._data: Dataset | None = Dataset(default_union=True)
        for prefix, namespace in PREFIXES.items():  # for dumps; queries see no bound prefixes
            self._data.bind(prefix, namespace)
        self.batch_size = batch_size

    @property
    def _ds(self) -> Dataset:
        if self._data is None:
            raise StoreError("the memory store is closed")
        return self._data

    def put(self, graph: Graph, *, text_hash: str) -> None:
        """Replace the named graph `graph.identifier` with `graph`, with its text hash recorded.

        Raises:
            StoreError: If the graph is unnamed or records another text hash.
        """
        self.put_many([(graph, text_hash)])

    def put_many(self, items: Iterable[tuple[Graph, str]], *, batch_size: int | None = None) -> int:
        """Replace many article graphs, given as (graph, text hash) pairs; return how many.

        Raises:
            StoreError: If a graph is unnamed or records another text hash.
        """
        count = 0
        for batch in batched(items, batch_size or self.batch_size):
            prepared = [stamped(graph, text_hash) for graph, text_hash in batch]
            for iri, triples in prepared:
                self._ds.remove_graph(iri)
                target = self._ds.graph(iri)
                target.addN((s, p, o, target) for s, p, o in triples)
            count += len(prepared)
        return count

    def has(self, graph_iri: str, text_hash: str) -> bool:
        """Tell whether the named graph is stored for an article text with this hash."""
        named = self._ds.get_context(named_graph_iri(graph_iri))  # a view, nothing is created
        return any(str(value) == text_hash for value in named.objects(None, KG.textHash))

    def stamps(self, graph_iris: Sequence[str]) -> dict[URIRef, Stamp]:
        """Return the stamp of each of these graphs that is stored (read from the graphs
        directly: a `VALUES` query joins graph by graph in rdflib, see `query`)."""
        found: dict[URIRef, Stamp] = {}
        for iri in graph_iris:
            named = self._ds.get_context(named_graph_iri(iri))  # a view, nothing is created
            hashes = frozenset(str(value) for value in named.objects(None, KG.textHash))
            if hashes:
                extractors = frozenset(str(value) for value in named.objects(None, KG.extractor))
                found[named.identifier] = Stamp(hashes, extractors)  # type: ignore[index]
        return found

    def remove(self, graph_iri: str) -> bool:
        """Drop one named graph; return whether it was there."""
        iri = named_graph_iri(graph_iri)
        if iri not in {graph.identifier for graph in self._ds.graphs()}:
            return False
        self._ds.remove_graph(iri)
        return True

    def graphs(self) -> list[URIRef]:
        """Return the IRIs of kg's named graphs (`kg.store.registry`), sorted."""
        return sorted({
            name
            for marker in registry.markers()
            for _, _, _, graph in self._ds.quads((None, marker, None, None))
            if isinstance(name := getattr(graph, "identifier", graph), URIRef)
            and name != DATASET_DEFAULT_GRAPH_ID
        })

    def query(
        self,
        sparql: str,
        *,
        bindings: Bindings = {},  # noqa: B006 - read only
        limit: int | None = None,
        timeout: float | None = None,
        allow_federation: bool = False,
    ) -> QueryResult:
        """Run a read-only query with rdflib, parameters bound as rdflib's initial bindings.

        A parameter with one value is an initial binding, which rdflib substitutes in every
        pattern (twenty times faster than a `VALUES` block inside a GRAPH group, which rdflib
        joins graph by graph). A parameter with several values (or none) gets the `VALUES`
        blocks of the other backends (`_sparql.bind_values`); tests check both mean the same.

        Raises:
            QueryError: If the query is malformed, an update, reaches outside the store without
                `allow_federation`, or exceeds its timeout.
        """
        check_limits(limit, timeout)
        _sparql.check_federation(sparql, allow=allow_federation)
        checked = _sparql.check_bindings(bindings)
        single = {name: terms[0] for name, terms in checked.items() if len(terms) == 1}
        # rdflib fails on a VALUES block without rows: an IRI no data uses matches nothing alike
        rows = {name: terms or (_NO_MATCH,) for name, terms in checked.items() if len(terms) != 1}
        text = _sparql.bind_values(sparql, rows)
        dataset = self._ds

        def run(stop: threading.Event) -> QueryResult:
            try:
                # no initNs: a query sees only its own prefixes, as on the other backends
                parsed = translateQuery(parseQuery(text), initNs={})
            except ParseException as exc:
                raise _sparql.refuse(sparql, str(exc)) from exc
            # evalQuery's answer holds the solutions as a lazy generator; rdflib's Result class
            # would materialise them all before `limit` or the timeout could stop it
            answer = evalQuery(dataset, parsed, single)
            if answer["type_"] == "ASK":
                return QueryResult(kind="ask", boolean=bool(answer["askAnswer"]))
            if answer["type_"] in ("CONSTRUCT", "DESCRIBE"):
                rows, cut = collect(answer["graph"], limit, stop)
                return graph_result(rows, cut)
            variables = tuple(answer["vars_"])
            solutions = (tuple(found.get(var) for var in variables) for found in answer["bindings"])
            rows, cut = collect(solutions, limit, stop)
            names = tuple(str(var) for var in variables)
            return QueryResult(kind="select", variables=names, rows=tuple(rows), truncated=cut)

        return bounded(run, timeout)

    def update(self, sparql: str, *, allow_update: bool = False,
               allow_federation: bool = False) -> None:
        """Run a SPARQL update with rdflib.

        Raises:
            QueryError: If updates are not allowed, the update is malformed, or it reaches outside
                the store without `allow_federation`.
        """
        _sparql.allow(allow_update)
        _sparql.check_federation(sparql, update=True, allow=allow_federation)
        try:
            parsed = translateUpdate(parseUpdate(sparql), initNs={})
        except ParseException as exc:
            raise _sparql.malformed_update(str(exc)) from exc
        evalUpdate(self._ds, parsed)

    def triples_count(self) -> int:
        """Return the number of triples in the named graphs."""
        return sum(
            len(graph)
            for graph in self._ds.graphs()
            if graph.identifier != DATASET_DEFAULT_GRAPH_ID
        )

    def dump(self, out: Output, format: DumpFormat = "nquads", *,  # noqa: A002
             base_iri: str = DEFAULT_BASE_IRI) -> None:
        """Write every named graph as N-Quads or TriG, or their union as Turtle.

        Raises:
            StoreError: If the format is unknown or the output cannot be written.
        """
        if format not in _RDFLIB_FORMATS:
            raise StoreError(f"unknown dump format {format!r}; known: {sorted(_RDFLIB_FORMATS)}")
        with open_output(out) as stream:
            if format == "turtle":
                union = Graph()
                for graph in self._ds.graphs():
                    if graph.identifier != DATASET_DEFAULT_GRAPH_ID:
                        for triple in graph:
                            union.add(triple)
                bind_prefixes(union, base_iri)
                union.serialize(destination=stream, format="turtle")
            else:
                self._ds.serialize(destination=stream, format=_RDFLIB_FORMATS[format])

    def dataset(self) -> Dataset:
        """Return the Dataset itself: changes to it are changes to the store."""
        return self._ds

    def close(self) -> None:
        """Drop the data; later calls raise StoreError."""
        self._data = None
