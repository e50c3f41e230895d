"""The store API every backend follows (`Store`), its `QueryResult`, and the helpers they share.

A store keeps one named graph per article (`kgr:graph/{key}`) and answers SPARQL with the union of
its named graphs as the default graph. It is read-only unless an update is explicitly allowed.
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, Literal, Protocol, runtime_checkable

from rdflib import Dataset, Graph, namespace
from rdflib import Literal as RDFLiteral
from rdflib.term import Node, URIRef

from kg.config import DEFAULT_BASE_IRI
from kg.errors import QueryError, StoreError
from kg.files import whole_file
from kg.vocab import KG

DumpFormat = Literal["nquads", "trig", "turtle"]  # turtle: the union of the named graphs
ResultKind = Literal["select", "ask", "graph"]
# how an embedded store is opened: "create" makes the folder if it is missing (writers such as
# ingest); "write" and "read" need a store there already; "read" also reads a store another
# process holds, as it was when opened (read-only)
OpenMode = Literal["create", "write", "read"]
Row = tuple[Node | None, ...]
Triple = tuple[Node, Node, Node]
Output = str | Path | BinaryIO
# a query parameter takes one term, or a tuple of terms: one solution each (none: no solution)
Bindings = Mapping[str, Node | tuple[Node, ...]]

TRIPLE_VARIABLES = ("subject", "predicate", "object")


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query: variables and rows of rdflib terms, a boolean, or triples.

    `kind` is "select" (rows under `variables`), "ask" (`boolean`) or "graph" (CONSTRUCT or
    DESCRIBE: rows are triples under the variables subject, predicate, object, sorted the same way
    on every backend). `truncated` is True when `limit` cut rows off.
    """

    kind: ResultKind
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Node | None]]:
        """Return each row as a dict from variable name to term (None where unbound)."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Node | None]:
        """Return the values of one variable, row by row.

        Raises:
            QueryError: If the result has no such variable.
        """
        if name not in self.variables:
            raise QueryError(f"no variable {name!r} in the result; it has {list(self.variables)}")
        index = self.variables.index(name)
        return [row[index] for row in self.rows]

    def graph(self) -> Graph:
        """Return the triples of a CONSTRUCT or DESCRIBE result as an rdflib Graph.

        Raises:
            QueryError: If the result is not a graph result.
        """
        if self.kind != "graph":
            raise QueryError(f"a {self.kind} result has no graph")
        graph = Graph()
        for subject, predicate, obj in self.rows:
            graph.add((subject, predicate, obj))  # type: ignore[arg-type]
        return graph


@dataclass(frozen=True)
class Stamp:
    """What a stored article graph records about how it was made (`kg:textHash`, `kg:extractor`).

    A graph holds one of each when `kg.rdf.to_graph` made it; a graph made before extractor
    versions were recorded holds none.
    """

    text_hashes: frozenset[str] = frozenset()
    extractors: frozenset[str] = frozenset()


@runtime_checkable
class Store(Protocol):
    """What every backend offers: per-article named graphs in, SPARQL results out."""

    def put(self, graph: Graph, *, text_hash: str) -> None:
        """Replace the named graph `graph.identifier` with `graph`, in one transaction."""

    def put_many(self, items: Iterable[tuple[Graph, str]], *, batch_size: int | None = None) -> int:
        """Replace many article graphs, given as (graph, text hash) pairs; return how many."""

    def has(self, graph_iri: str, text_hash: str) -> bool:
        """Tell whether the named graph is stored for an article text with this hash."""

    def stamps(self, graph_iris: Sequence[str]) -> dict[URIRef, Stamp]:
        """Return the stamp of each of these graphs that is stored, in one lookup for them all."""

    def remove(self, graph_iri: str) -> bool:
        """Drop one named graph; return whether it was there."""

    def graphs(self) -> list[URIRef]:
        """Return the IRIs of the named graphs, sorted."""

    def query(
        self,
        sparql: str,
        *,
        bindings: Bindings = ...,
        limit: int | None = None,
        timeout: float | None = None,
        allow_federation: bool = False,
    ) -> QueryResult:
        """Run a read-only query with bound parameters over the union of the named graphs.

        A query that would reach outside the store (SERVICE, FROM, FROM NAMED) is refused unless
        `allow_federation` is True; after `timeout` seconds the query is stopped.
        """

    def update(self, sparql: str, *, allow_update: bool = False,
               allow_federation: bool = False) -> None:
        """Run a SPARQL update; refused unless `allow_update` is True (and, if it has LOAD,
        USING or SERVICE, unless `allow_federation` is True)."""

    def triples_count(self) -> int:
        """Return the number of triples in the named graphs."""

    def dump(self, out: Output, format: DumpFormat = "nquads", *,  # noqa: A002
             base_iri: str = DEFAULT_BASE_IRI) -> None:
        """Write every named graph to a file or binary stream as N-Quads or TriG, or their
        union as Turtle (`kgr:` standing for `base_iri`)."""

    def dataset(self) -> Dataset:
        """Return an rdflib Dataset view over the same data."""

    def close(self) -> None:
        """Release the store; later calls raise StoreError."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def named_graph_iri(graph: Graph | str) -> URIRef:
    """Return the named-graph IRI of a graph or IRI string.

    Raises:
        StoreError: If the graph is not named by an absolute IRI.
    """
    iri = graph.identifier if isinstance(graph, Graph) else URIRef(graph)
    if not isinstance(iri, URIRef) or ":" not in iri or iri.startswith("urn:x-rdflib:"):
        raise StoreError(f"a stored graph must be named by an absolute IRI, got {iri!r}")
    return iri


def stamped(graph: Graph, text_hash: str) -> tuple[URIRef, list[Triple]]:
    """Return the graph's IRI and triples, with the article text hash recorded in it.

    The hash is kept as `kg:textHash`: if the graph (as made by `kg.rdf.to_graph`) already holds it,
    nothing is added; otherwise `<graph> kg:textHash "hash"` is added.

    Raises:
        StoreError: If the graph is unnamed or records a different text hash.
    """
    iri = named_graph_iri(graph)
    if not text_hash:
        raise StoreError(f"graph {iri} needs a non-empty text hash")
    triples: list[Triple] = list(graph)
    recorded = {str(value) for value in graph.objects(None, KG.textHash)}
    if recorded and text_hash not in recorded:
        raise StoreError(
            f"graph {iri} records text hash {sorted(recorded)!r}, not the given {text_hash!r}"
        )
    if not recorded:
        triples.append((iri, KG.textHash, RDFLiteral(text_hash)))
    return iri, triples


def stamps_of(result: QueryResult) -> dict[URIRef, Stamp]:
    """Return the stamps in the rows of the `graph_stamps` query (graph, hash, extractor)."""
    hashes: dict[URIRef, set[str]] = {}
    extractors: dict[URIRef, set[str]] = {}
    for graph, text_hash, extractor in result.rows:
        if not isinstance(graph, URIRef):
            continue
        hashes.setdefault(graph, set()).add(str(text_hash))
        found = extractors.setdefault(graph, set())
        if extractor is not None:
            found.add(str(extractor))
    return {graph: Stamp(frozenset(hashes[graph]), frozenset(extractors[graph]))
            for graph in hashes}


def batched(items: Iterable[tuple[Graph, str]], size: int) -> Iterator[list[tuple[Graph, str]]]:
    """Yield lists of at most `size` items.

    Raises:
        StoreError: If size is not positive.
    """
    if size < 1:
        raise StoreError(f"batch size must be at least 1, got {size!r}")
    batch: list[tuple[Graph, str]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


_INTEGERS = frozenset(
    namespace.XSD[name]
    for name in (
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)


_STRING, _INTEGER, _DECIMAL, _BOOLEAN = (
    namespace.XSD.string, namespace.XSD.integer, namespace.XSD.decimal, namespace.XSD.boolean
)
_CANONICAL = _INTEGERS | {_DECIMAL, _BOOLEAN, namespace.XSD.double, namespace.XSD.float}


def normal(term: Node | None) -> Node | None:
    """Return a result term in the one form every backend reports.

    Oxigraph stores literals in a canonical form (derived integer types become xsd:integer,
    "0.50" becomes "0.5"), rdflib keeps them as written; so results from every backend are put
    in one form here: plain literals for xsd:string, xsd:integer for derived integer types, and
    one lexical form per value for decimals, floats, doubles and booleans.

    Examples:
        >>> normal(RDFLiteral("0300", datatype=namespace.XSD.nonNegativeInteger))
        rdflib.term.Literal('300', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
        >>> str(normal(RDFLiteral("45.50", datatype=namespace.XSD.decimal)))
        '45.5'
    """  # noqa: E501
    if not isinstance(term, RDFLiteral) or term.datatype is None:
        return term
    datatype, value = term.datatype, term.value
    if datatype == _STRING:
        return RDFLiteral(str(term))
    if value is None or datatype not in _CANONICAL:  # ill-typed, or kept as written
        return term
    if datatype in _INTEGERS:
        return RDFLiteral(str(int(value)), datatype=_INTEGER)
    if datatype == _DECIMAL:
        return RDFLiteral(format(Decimal(value).normalize(), "f"), datatype=_DECIMAL)
    if datatype == _BOOLEAN:
        return RDFLiteral("true" if value else "false", datatype=_BOOLEAN)
    return RDFLiteral(repr(float(value)), datatype=datatype)  # xsd:double or xsd:float


def _term_key(term: Node | None) -> tuple[str, str, str, str]:
    if isinstance(term, RDFLiteral):
        return ("literal", str(term), str(term.datatype or ""), term.language or "")
    return (type(term).__name__, str(term), "", "")


def graph_result(rows: Iterable[Row], truncated: bool) -> QueryResult:
    """Return a CONSTRUCT or DESCRIBE result, its triples in one order on every backend."""
    ordered = sorted(rows, key=lambda row: tuple(_term_key(term) for term in row))
    return QueryResult(
        kind="graph", variables=TRIPLE_VARIABLES, rows=tuple(ordered), truncated=truncated
    )


_LONGEST_TIMEOUT = 1e6  # seconds (11 days); what a thread or process wait can take


def check_limits(limit: int | None, timeout: float | None) -> None:
    """Check the row limit and the timeout.

    Raises:
        QueryError: If either is negative or zero where it must be positive.
    """
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise QueryError(f"limit must be a non-negative integer, got {limit!r}")
    if timeout is not None and not 0 < timeout < _LONGEST_TIMEOUT:
        raise QueryError(f"timeout must be a positive number of seconds below "
                         f"{_LONGEST_TIMEOUT:g}, got {timeout!r}")


def collect(
    rows: Iterable[Sequence[Any]],
    limit: int | None,
    stop: threading.Event,
    form: Callable[[Any], Node | None] = normal,
) -> tuple[list[Row], bool]:
    """Take rows until `limit` (then report truncation) or until `stop` is set, putting each
    term in the one form every backend reports (`normal`, or the backend's own `form`).

    Raises:
        QueryError: If `stop` is set (the caller gave up after its timeout).
    """
    taken: list[Row] = []
    for row in rows:
        if stop.is_set():
            raise QueryError("query stopped after its timeout")
        if limit is not None and len(taken) == limit:
            return taken, True
        taken.append(tuple(form(term) for term in row))
    return taken, False


_GRACE = 5.0  # seconds a stopped query thread gets to end


class _Stopped(BaseException):
    """Raised inside a query thread to stop it (a BaseException, so no `except Exception` in
    the engine swallows it)."""


def _interrupt(worker: threading.Thread) -> None:
    """Raise `_Stopped` in a thread, at the next Python step it takes."""
    if worker.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident),
                                                   ctypes.py_object(_Stopped))


def bounded(run: Callable[[threading.Event], QueryResult], timeout: float | None) -> QueryResult:
    """Run a query function, giving up after `timeout` seconds.

    The query runs in a worker thread. On timeout the worker is stopped: an exception is raised
    in it, which rdflib (pure Python) meets at its next step, even inside a full sort or
    aggregate, and the caller waits for it to end (at most `_GRACE` seconds) before getting a
    QueryError, so no runaway query goes on taking memory. Code that does not run Python (a
    pyoxigraph query) cannot be stopped this way: the embedded store runs a query with a timeout
    in a process of its own instead.

    Raises:
        QueryError: If the query takes longer than `timeout`, or fails.
    """
    stop = threading.Event()
    if timeout is None:
        return run(stop)
    results: list[QueryResult] = []
    errors: list[BaseException] = []
    ended = threading.Event()

    def work() -> None:
        try:
            try:
                results.append(run(stop))
            except BaseException as exc:  # handed to the caller below
                ended.set()
                # drop the frames' locals here: pyoxigraph results may only be freed on this
                # thread
                traceback.clear_frames(exc.__traceback__)
                errors.append(exc)
        except _Stopped:  # raised again after the query ended: nothing left to stop
            pass
        ended.set()

    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        stop.set()
        # an exception raised while the thread runs a finaliser (the collector runs often in a
        # big sort) is printed and dropped by Python: raise it again until the thread has ended
        ends = time.monotonic() + _GRACE
        while worker.is_alive() and not ended.is_set() and time.monotonic() < ends:
            _interrupt(worker)
            worker.join(0.05)
        worker.join(max(0.0, ends - time.monotonic()))
        raise QueryError(f"query exceeded its timeout of {timeout}s and was stopped")
    if errors:
        raise errors[0]
    return results[0]


@contextlib.contextmanager
def open_output(out: Output) -> Iterator[BinaryIO]:
    """Give a binary stream to write to: a stream as it is, or a file path written whole (a
    temporary file beside it, renamed over it only when the block ends without an error, so a
    failed dump leaves the file as it was).

    Raises:
        StoreError: If the file cannot be written.
    """
    if not isinstance(out, str | Path):
        yield out
        return
    try:
        with whole_file(Path(out)) as stream:
            yield stream
    except OSError as exc:
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"cannot write dump to {str(out)!r}: {exc}") from exc
