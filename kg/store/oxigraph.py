"""The embedded store: a persistent pyoxigraph Store in a directory, the default and fast path.

Direct pyoxigraph calls stay in this module (and `remote.py` for results it parses).
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph
from rdflib import Literal as RDFLiteral
from rdflib.term import Node, URIRef

from kg.config import DEFAULT_BASE_IRI
from kg.errors import QueryError, StoreError
from kg.rdf import rdflib_term
from kg.store import _pending, _sparql, registry
from kg.store.base import (
    Bindings,
    DumpFormat,
    OpenMode,
    Output,
    QueryResult,
    Stamp,
    Store,
    Triple,
    batched,
    bounded,
    check_limits,
    collect,
    graph_result,
    named_graph_iri,
    normal,
    open_output,
    stamped,
    stamps_of,
)
from kg.vocab import KG, PREFIXES

_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
            "turtle": ox.RdfFormat.TURTLE}


class OxigraphStore(Store):
    """Named graphs in an on-disk pyoxigraph Store; queries see their union as default graph.

    One process at a time may open a directory for writing (RocksDB holds a lock on it). Opened
    with `mode="read"` while another process holds it (a notebook), the store is read-only: it
    shows the data as it was when opened, and refuses writes.

    `put_many` writes a batch in one transaction: a batch of graphs new to the store goes in
    with `Store.extend` (converted quads, the fastest way in); a batch that replaces any stored
    graph goes in as one SPARQL update holding only the changed triples of each stored graph
    (DELETE DATA + INSERT DATA; the whole graph where it holds blank nodes), so no reader ever
    sees an article half replaced and re-putting an unchanged graph writes nothing.
    """

    def __init__(self, path: str | Path, *, batch_size: int = 32, wait: float = 10.0,
                 mode: OpenMode = "create") -> None:
        self.path = Path(path)
        self.batch_size = batch_size
        self._inner: ox.Store | None
        self._inner, self.read_only = _open(self.path, wait, mode)

    @property
    def _store(self) -> ox.Store:
        if self._inner is None:
            raise StoreError(f"the oxigraph store at {str(self.path)!r} is closed")
        return self._inner

    @property
    def _writer(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"the store at {str(self.path)!r} is open read-only: another "
                             f"process, {_holder(self.path)}, holds it; close it there to write")
        return self._store

    def put(self, graph: Graph, *, text_hash: str) -> None:
        """Replace the named graph `graph.identifier` with `graph`, in one transaction.

        Raises:
            StoreError: If the graph is unnamed, records another text hash, or cannot be written.
        """
        self.put_many([(graph, text_hash)])

    def put_many(self, items: Iterable[tuple[Graph, str]], *, batch_size: int | None = None) -> int:
        """Replace many article graphs, one transaction per batch; return how many.

        Raises:
            StoreError: If a graph is unnamed, records another text hash, or cannot be written.
        """
        count = 0
        for batch in batched(items, batch_size or self.batch_size):
            prepared = [stamped(graph, text_hash) for graph, text_hash in batch]
            store = self._writer
            try:
                if any(store.contains_named_graph(ox.NamedNode(iri)) for iri, _ in prepared):
                    text = _replace_update(store, prepared)
                    if text:
                        store.update(text)
                else:
                    store.extend(list(_quads(prepared)))
            except (OSError, SyntaxError, ValueError) as exc:
                raise StoreError(
                    f"cannot write to the oxigraph store at {self.path}: {exc}"
                ) from exc
            count += len(prepared)
        return count

    def load_nquads(self, data: bytes, graphs: Iterable[str]) -> None:
        """Replace the named graphs `graphs` with the quads of `data`, N-Quads holding only them.

        The fast path for batches of mapped articles (`kg.ingest.workers`): the stored graphs among
        them are dropped (one transaction each), then `data` goes in through Oxigraph's bulk
        loader, about three times faster than a transactional load. A bulk load is not atomic,
        so it is bracketed by an intent record (`kg.store._pending`): a process killed during
        the load leaves the record, and the next open of the store removes the graphs it names.
        Either way the store holds only whole articles.

        Raises:
            StoreError: If `data` is not valid N-Quads or cannot be written.
        """
        names = list(graphs)
        store = self._writer
        try:
            _drop(store, names)
            _pending.begin(self.path, names)
            try:
                store.bulk_load(data, ox.RdfFormat.N_QUADS)
            except SyntaxError:
                _drop(store, names)  # a bad load may have written part of the data
                _pending.done(self.path)
                raise
            _pending.done(self.path)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot load N-Quads into the oxigraph store at {self.path}: {exc}"
                             ) from exc

    def has(self, graph_iri: str, text_hash: str) -> bool:
        """Tell whether the named graph is stored for an article text with this hash."""
        name = ox.NamedNode(named_graph_iri(graph_iri))
        found = self._store.quads_for_pattern(None, ox.NamedNode(KG.textHash), None, name)
        return any(isinstance(q.object, ox.Literal) and q.object.value == text_hash for q in found)

    def stamps(self, graph_iris: Sequence[str]) -> dict[URIRef, Stamp]:
        """Return the stamp of each of these graphs that is stored, in one query for them all."""
        if not graph_iris:
            return {}
        names = tuple(named_graph_iri(iri) for iri in graph_iris)
        return stamps_of(self.query(_sparql.read_query("graph_stamps"), bindings={"graph": names}))

    def remove(self, graph_iri: str) -> bool:
        """Drop one named graph (one transaction); return whether it was there."""
        name = ox.NamedNode(named_graph_iri(graph_iri))
        if not self._writer.contains_named_graph(name):
            return False
        self._writer.remove_graph(name)
        return True

    def settle(self) -> None:
        """Flush and compact now, so that no background work of this writer replaces the files
        a read-only reader of the folder (`kg serve`'s server) has opened.

        Raises:
            StoreError: If the store cannot be written.
        """
        try:
            self._writer.flush()
            self._writer.optimize()
        except OSError as exc:
            raise StoreError(f"cannot settle the oxigraph store at {self.path}: {exc}") from exc

    def graphs(self) -> list[URIRef]:
        """Return the IRIs of kg's named graphs (`kg.store.registry`), sorted."""
        return sorted({
            URIRef(quad.graph_name.value)
            for marker in registry.markers()
            for quad in self._store.quads_for_pattern(None, ox.NamedNode(marker), None, None)
            if isinstance(quad.graph_name, ox.NamedNode)
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
        """Run a read-only query with pyoxigraph over the union of the named graphs.

        Parameters are bound by a VALUES block opening the WHERE group, exactly as for the remote
        store: pyoxigraph's `substitutions=` refuses variables that are not in the SELECT
        projection, which filter parameters (such as a start date) are not.

        Raises:
            QueryError: If the query is malformed, an update, reaches outside the store without
                `allow_federation`, or exceeds its timeout.
        """
        check_limits(limit, timeout)
        _sparql.check_federation(sparql, allow=allow_federation)
        text = _sparql.bind_values(sparql, bindings)
        store = self._store

        def run(stop: threading.Event) -> QueryResult:
            try:
                answer = store.query(text, use_default_graph_as_union=True)
                return _result(answer, limit, stop)
            except SyntaxError as exc:
                raise _sparql.refuse(sparql, str(exc)) from exc
            except RuntimeError as exc:  # the engine fails while evaluating (SERVICE ?unbound)
                raise QueryError(f"query failed: {exc}") from exc

        try:
            if timeout is None:
                return bounded(run, None)
            return self._isolated(sparql, text, limit, timeout)
        except OSError as exc:
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"cannot read the oxigraph store at {self.path}: {exc}") from exc

    def _isolated(self, sparql: str, text: str, limit: int | None, timeout: float
                  ) -> QueryResult:
        """Run a query in a worker process that reads the store read-only, killed if it is not
        done after `timeout` seconds: pyoxigraph cannot interrupt a query, and a runaway one (a
        cross product) run in a thread would go on taking time and memory after the caller
        gave up. The worker sees what this process wrote (RocksDB replays the write-ahead log)
        and starts in about 0.1 s, which counts toward the timeout.

        Raises:
            QueryError: If the query is malformed, fails, or exceeds its timeout.
            StoreError: If the worker cannot read the store.
        """
        request = json.dumps({"path": str(self.path.resolve()), "query": text, "limit": limit})
        worker = subprocess.Popen(  # noqa: S603 - our own script, run by this interpreter
            [sys.executable, "-I", str(_WORKER)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            out, err = worker.communicate(request.encode("utf-8"), timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise QueryError(f"query exceeded its timeout of {timeout}s and was stopped") from exc
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.communicate()
        problem = err.decode("utf-8", "replace").strip()
        if worker.returncode == _MALFORMED:
            raise _sparql.refuse(sparql, problem)
        if worker.returncode == _FAILED:
            raise QueryError(f"query failed: {problem}")
        if worker.returncode != 0:
            problem = problem or f"the query worker ended with code {worker.returncode}"
            raise StoreError(f"cannot read the oxigraph store at {self.path}: {problem}")
        return _answer(out, limit)

    def update(self, sparql: str, *, allow_update: bool = False,
               allow_federation: bool = False) -> None:
        """Run a SPARQL update in one transaction.

        Raises:
            QueryError: If updates are not allowed, the update is malformed, or it reaches outside
                the store without `allow_federation`.
        """
        _sparql.allow(allow_update)
        _sparql.check_federation(sparql, update=True, allow=allow_federation)
        try:
            self._writer.update(sparql)
        except SyntaxError as exc:
            raise _sparql.malformed_update(str(exc)) from exc

    def triples_count(self) -> int:
        """Return the number of triples in the named graphs."""
        in_default = sum(
            1 for _ in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        )
        return len(self._store) - in_default

    def dump(self, out: Output, format: DumpFormat = "nquads", *,  # noqa: A002
             base_iri: str = DEFAULT_BASE_IRI) -> None:
        """Write the whole store with pyoxigraph's own serialisers: the named graphs as N-Quads
        or TriG, or their union as Turtle (a CONSTRUCT streamed into the Turtle writer).

        Raises:
            StoreError: If the format is unknown or the output cannot be written.
        """
        if format not in _FORMATS:
            raise StoreError(f"unknown dump format {format!r}; known: {sorted(_FORMATS)}")
        try:
            with open_output(out) as stream:
                self._dump(stream, format, base_iri)
        except StoreError:
            raise
        except OSError as exc:
            raise StoreError(f"cannot dump the oxigraph store at {self.path}: {exc}") from exc

    def _dump(self, stream: BinaryIO, format: DumpFormat, base_iri: str) -> None:  # noqa: A002
        prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
        if format == "turtle":
            union = self._store.query(_sparql.read_query("union_triples"))
            ox.serialize(union, stream, _FORMATS[format],  # type: ignore[arg-type]
                         prefixes={**prefixes, "kgr": base_iri})
        else:
            self._store.dump(stream, _FORMATS[format],
                             prefixes=prefixes if format == "trig" else None)

    def dataset(self) -> Dataset:
        """Return an rdflib Dataset over the same pyoxigraph store (oxrdflib's "Oxigraph" store)."""
        from oxrdflib import OxigraphStore as RdflibOxigraphStore  # loads rdflib's SPARQL engine

        return Dataset(store=RdflibOxigraphStore(store=self._store), default_union=True)

    def close(self) -> None:
        """Flush and release the store; the directory is unlocked once no dataset view holds it.

        pyoxigraph unlocks the folder when its last reference goes. A reference caught in a
        garbage cycle (a query result in the frames of an exception that was reported and
        dropped) would keep the folder locked until the next collection, and the next open in
        this process would wait for it; collecting here frees it at once.
        """
        if self._inner is not None:
            if not self.read_only:
                self._inner.flush()
            self._inner = None
            gc.collect()


OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def _to_ox(term: Node, seen: dict[Node, OxTerm], blanks: dict[Node, OxTerm]) -> OxTerm:
    """Convert one rdflib term, reusing conversions (IRIs and literals repeat a lot in a batch)."""
    converted = seen.get(term)
    if converted is not None:
        return converted
    if isinstance(term, BNode):
        return blanks.setdefault(term, ox.BlankNode())  # fresh per graph, as in the update path
    if isinstance(term, URIRef):
        converted = ox.NamedNode(term)
    elif isinstance(term, RDFLiteral):
        if term.language:
            converted = ox.Literal(str(term), language=term.language)
        else:
            datatype = ox.NamedNode(term.datatype) if term.datatype else None
            converted = ox.Literal(str(term), datatype=datatype)
    else:
        raise StoreError(f"cannot store the term {term!r}")
    seen[term] = converted
    return converted


def _quads(prepared: Iterable[tuple[URIRef, list[Triple]]]) -> Iterator[ox.Quad]:
    seen: dict[Node, OxTerm] = {}
    for iri, triples in prepared:
        name = ox.NamedNode(iri)
        blanks: dict[Node, OxTerm] = {}
        for s, p, o in triples:
            subject, predicate = _to_ox(s, seen, blanks), _to_ox(p, seen, blanks)
            yield ox.Quad(subject, predicate, _to_ox(o, seen, blanks), name)  # type: ignore[arg-type]


def _replace_update(store: ox.Store, prepared: list[tuple[URIRef, list[Triple]]]) -> str:
    """Return one update replacing the graphs: only the changed triples of a stored graph
    (DELETE DATA + INSERT DATA), the whole graph where it is new or holds blank nodes."""
    whole: list[tuple[URIRef, list[Triple]]] = []
    parts: list[str] = []
    for iri, triples in prepared:
        name = ox.NamedNode(iri)
        new = set(_quads([(iri, triples)]))
        old = set(store.quads_for_pattern(None, None, None, name))
        if not old or any(_has_blank(quad) for quad in old | new):
            whole.append((iri, triples))  # blank nodes never compare equal: replace it all
            continue
        # terms as oxigraph serialises them (N-Triples syntax, valid SPARQL)
        for verb, quads in (("DELETE", old - new), ("INSERT", new - old)):
            if quads:
                body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
                parts.append(f"{verb} DATA {{ GRAPH {name} {{\n{body}\n}} }}")
    if whole:
        parts.insert(0, _sparql.replace_graphs_update(whole))
    return " ;\n".join(parts)


def _has_blank(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def _from_ox(term: object) -> Node | None:
    if term is None:
        return None
    try:
        return rdflib_term(term)
    except ValueError as exc:
        raise QueryError(f"unsupported term in a query result: {term!r}") from exc


class _Converted(dict[object, Node | None]):
    """pyoxigraph terms as rdflib terms in the form every backend reports, each converted once."""

    def __call__(self, term: object) -> Node | None:
        try:
            return self[term]
        except KeyError:
            converted = self[term] = normal(_from_ox(term))
            return converted


def _result(
    answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
    limit: int | None,
    stop: threading.Event,
) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(answer))
    form = _Converted()  # results repeat terms (types, articles, dates): convert each once
    if isinstance(answer, ox.QueryTriples):
        triples = ((t.subject, t.predicate, t.object) for t in answer)
        rows, cut = collect(triples, limit, stop, form)
        return graph_result(rows, cut)
    variables = tuple(var.value for var in answer.variables)
    positions = range(len(variables))
    solutions = (tuple(solution[index] for index in positions) for solution in answer)
    rows, cut = collect(solutions, limit, stop, form)
    return QueryResult(kind="select", variables=variables, rows=tuple(rows), truncated=cut)


_WORKER = Path(__file__).with_name("_oxigraph_worker.py")
_MALFORMED, _FAILED = 2, 3  # the worker's exit codes (kg/store/_oxigraph_worker.py)


def _answer(out: bytes, limit: int | None) -> QueryResult:
    """Read back what the query worker wrote: the kind of result, then the answer."""
    kind, _, body = out.partition(b"\n")
    if kind == b"ask":
        return QueryResult(kind="ask", boolean=body == b"true")
    form = _Converted()
    never = threading.Event()
    if kind == b"graph":
        quads = ox.parse(body, ox.RdfFormat.N_TRIPLES)
        rows, cut = collect(((q.subject, q.predicate, q.object) for q in quads), limit, never,
                            form)
        return graph_result(rows, cut)
    answer = ox.parse_query_results(body, ox.QueryResultsFormat.TSV)
    if not isinstance(answer, ox.QuerySolutions):
        raise QueryError(f"unexpected answer from the query worker: {out[:80]!r}")
    return _result(answer, limit, never)


def _open(path: Path, wait: float, mode: OpenMode) -> tuple[ox.Store, bool]:
    """Open the on-disk store, waiting up to `wait` seconds while another process holds it (a
    reader, `mode` "read", opens it read-only at once instead, unless a bulk load is under way);
    return it and whether it is read-only.

    Raises:
        StoreError: If `mode` needs a store and the folder holds none, the folder cannot be used
            or is damaged, or another process still holds the store.
    """
    if mode != "create" and not (path / "CURRENT").is_file():  # RocksDB's file naming the data
        raise StoreError(f"no store at {str(path)!r}; run kg ingest first or pass --store")
    deadline = time.monotonic() + wait
    while True:
        try:
            path.mkdir(parents=True, exist_ok=True)
            store = ox.Store(str(path))
            break
        except OSError as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"cannot open the oxigraph store at {str(path)!r}: {exc}") from exc
            if "current process" in str(exc):
                gc.collect()  # a dropped store of ours may wait in a garbage cycle
            elif mode == "read" and not _pending.left_over(path):
                return _read_only(path), True
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"the store at {str(path)!r} is in use by another process, {_holder(path)} "
                    f"(waited {wait:g} s); close it there (store.close(), the end of its with "
                    "block, or a restart of the notebook kernel), or pass another --store"
                ) from exc
            time.sleep(0.2)
        except RuntimeError as exc:  # RocksDB reports a damaged folder (say, copied mid-write)
            raise StoreError(f"the oxigraph store at {str(path)!r} is damaged: {exc}") from exc
    left = _pending.left_over(path)
    if left:  # a bulk load was cut off: its graphs may be half written
        _drop(store, left)
        _pending.done(path)
    return store, False


def _read_only(path: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(path))
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"cannot read the oxigraph store at {str(path)!r}, held by "
                         f"{_holder(path)}: {exc}") from exc


def _holder(path: Path) -> str:
    """Name the process that holds the store's lock, from /proc/locks where there is one
    (Linux): "process 123 (python -m ipykernel_launcher ...)", "this process" or "a process"."""
    try:
        lock = (path / "LOCK").stat()
        device = f"{os.major(lock.st_dev):02x}:{os.minor(lock.st_dev):02x}:{lock.st_ino}"
        for line in Path("/proc/locks").read_text("utf-8").splitlines():
            fields = line.split()
            if len(fields) > 5 and fields[5] == device and fields[4].isdigit():
                pid = int(fields[4])
                if pid == os.getpid():
                    return "this process (a store opened and not closed)"
                raw = Path(f"/proc/{pid}/cmdline").read_bytes()
                command = " ".join(raw.decode("utf-8", "replace").replace("\0", " ").split())
                return f"process {pid} ({command[:80] or 'unknown'})"
    except OSError:
        pass
    return "a process kg cannot name"


def _drop(store: ox.Store, graphs: Iterable[str]) -> None:
    """Remove the named graphs `graphs` where they are stored."""
    for iri in graphs:
        name = ox.NamedNode(named_graph_iri(iri))
        if store.contains_named_graph(name):
            store.remove_graph(name)
