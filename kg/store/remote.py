"""The remote store: any SPARQL 1.1 server, through the standards only (SPARQL 1.1 Query and
Update, the Graph Store Protocol with `?graph=`) over httpx.

A server profile (`kg.store._profiles`: oxigraph, fuseki, virtuoso, generic) fills in the
endpoint URLs not given below a base URL; explicit URLs always win:

- Oxigraph (`oxigraph serve`): `{base}/query`, `{base}/update`, `{base}/store`.
- Fuseki: base URL the dataset, `{ds}/query`, `{ds}/update`, `{ds}/data`.
- Virtuoso 7: `{base}/sparql` for query and update, `{base}/sparql-graph-crud` (with
  credentials, the `-auth` endpoints, which ask for digest authentication).
- QLever and others: `query_url`, `update_url` and (optionally) `store_url` with server
  "generic"; without a Graph Store URL, graphs are written by `INSERT DATA` of bounded size and
  read back a slice at a time (`graph_slice.rq`).

Every write is checked: after a batch, the server is asked how many triples each graph holds,
and a graph that does not hold what was sent is written again, then reported; a success status
alone counts for nothing. Only kg's own graphs (`kg.store.registry`) are listed, counted,
validated and exported. A result cut at the server's row limit (announced in
`X-SPARQL-MaxRows`, or the profile's known cap) is read again page by page, or refused.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import io
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import httpcore
import httpx
import tenacity
from rdflib import Dataset, Graph, Literal
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result
from rdflib.term import Node, URIRef

from kg.config import DEFAULT_BASE_IRI, Settings
from kg.errors import KGError, QueryError, StoreError
from kg.store import _profiles, _sparql, _writes
from kg.store.base import (
    Bindings,
    DumpFormat,
    Output,
    QueryResult,
    Row,
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
    stamps_of,
)
from kg.vocab import bind_prefixes

if TYPE_CHECKING:
    import ssl

    from httpcore._backends.base import SOCKET_OPTION as SocketOption

# what a query asks for, by its form: a server may answer a CONSTRUCT in any format it likes
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_ACCEPT_GRAPH = "application/n-triples, application/sparql-results+json;q=0.5"
_DUMP_FORMATS = ("nquads", "trig", "turtle")
_CHUNK = 1 << 16
_GRAPHS_PER_COUNT = 100  # graphs whose triples one verification query counts
_KEYS = 1 << 128  # the keys of graph_slice.rq: MD5 digests

P = ParamSpec("P")
T = TypeVar("T")


def _redacting(method: Callable[P, T]) -> Callable[P, T]:
    """Take credentials out of every error a public method raises (the password, URL user info);
    the original error is dropped from the chain, so a --debug traceback shows none either."""

    @functools.wraps(method)
    def call(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(*args, **kwargs)
        except KGError as exc:
            store = args[0]
            assert isinstance(store, RemoteStore)
            text = _profiles.redact(str(exc), store._secrets)
            if text == str(exc):
                raise
            raise type(exc)(text) from None

    return call


class RemoteStore(Store):
    """A store behind a SPARQL 1.1 server.

    Args:
        endpoint: Base URL of the server; the URLs below default to the `server` profile's
            paths under it.
        server: The profile that fills in URLs and limits: "oxigraph" (default), "fuseki",
            "virtuoso" or "generic" (every URL given).
        query_url: SPARQL query URL.
        update_url: SPARQL update URL.
        store_url: Graph Store Protocol URL ("" for the profile's), or None if the server has
            none: graphs are then written by `INSERT DATA` of at most `chunk_bytes` and exported
            by queries a slice at a time.
        union_default_graph: Send oxigraph's `union-default-graph` parameter with each query
            (default: the profile's choice; kg's own queries name their graphs).
        auth: "none", "basic" or "digest".
        user: User name (else KG_STORE_USER, else the `~/.netrc` entry of the host).
        password: Password (else KG_STORE_PASSWORD, else `~/.netrc`); never shown in messages.
        max_rows: Rows the server cuts a result at when it does not announce it itself
            (default: the profile's known cap).
        chunk_bytes: Most bytes of data per `INSERT DATA` request.
        timeout: Default timeout in seconds for each network step.
        deadline: The most seconds one call may take in all, retries included (and, unless
            given one, the timeout of each request of a query).
        batch_size: Graphs per batch in `put_many`; each batch is verified as a whole.
        retries: How often a failed request is tried again (unreachable server, HTTP 429, 502,
            503, 504), waiting `backoff` seconds, then twice as long each time (at most 30 s).
        backoff: The first wait between attempts, in seconds.
        rewrites: How often a graph the server does not hold as sent is written again.
    """

    def __init__(
        self,
        endpoint: str | None = None,
        *,
        server: str = "oxigraph",
        query_url: str | None = None,
        update_url: str | None = None,
        store_url: str | None = "",
        union_default_graph: bool | None = None,
        auth: str = "none",
        user: str | None = None,
        password: str | None = None,
        max_rows: int | None = None,
        chunk_bytes: int = _writes.CHUNK_BYTES,
        timeout: float = 60.0,
        deadline: float = 120.0,
        batch_size: int = 32,
        retries: int = 4,
        backoff: float = 0.5,
        rewrites: int = 1,
    ) -> None:
        profile = _profiles.profile(server)
        base = endpoint.rstrip("/") if endpoint else None
        if base is None and not (query_url and update_url):
            raise StoreError("a remote store needs an endpoint or both a query and an update URL")
        located = base or query_url or ""
        userinfo = urllib.parse.urlsplit(located)
        # credentials in the URL are httpx's to send (basic); else given, environment, .netrc
        found = None if userinfo.password is not None and not user else \
            _profiles.credentials(located, user, password)
        if auth == "none" and found is not None:
            auth = profile.auth_scheme
        urls = _profiles.endpoints(base, profile, query=query_url, update=update_url,
                                   store=store_url, authenticated=found is not None)
        self.server = profile.name
        self.query_url, self.update_url, self.store_url = urls.query, urls.update, urls.store
        self.union_default_graph = (profile.union_parameter if union_default_graph is None
                                    else union_default_graph)
        self.max_rows = max_rows or profile.row_cap
        self.chunk_bytes = chunk_bytes
        self._secrets = tuple(secret for secret in (
            found.password if found else None, userinfo.password,
            urllib.parse.unquote(userinfo.password or "")) if secret)
        self.timeout = timeout
        if not deadline > 0:
            raise StoreError(f"a request deadline must be a positive number of seconds, "
                             f"got {deadline!r}")
        self.deadline = deadline
        self.batch_size = batch_size
        self.retries = retries
        self.backoff = backoff
        self.rewrites = rewrites
        transport = httpx.HTTPTransport()
        # every socket read and write is bounded by what is left of the call's deadline
        transport._pool._network_backend = _DeadlineBackend()
        self._http: httpx.Client | None = httpx.Client(
            timeout=timeout, transport=transport, auth=_profiles.auth(auth, found))

    @classmethod
    def from_settings(cls, settings: Settings) -> RemoteStore:
        """Open the remote store the settings describe (`store_url = ""`: no Graph Store)."""
        return cls(
            settings.endpoint, server=settings.server, query_url=settings.query_url,
            update_url=settings.update_url,
            store_url="" if settings.store_url is None else (settings.store_url or None),
            auth=settings.auth, user=settings.user,
            password=settings.password.get_secret_value() if settings.password else None,
            max_rows=settings.max_rows, batch_size=settings.batch_size,
            deadline=settings.request_deadline)

    def __repr__(self) -> str:
        return f"RemoteStore(query_url={shown(self.query_url)!r}, server={self.server!r})"

    @property
    def _client(self) -> httpx.Client:
        if self._http is None:
            raise StoreError(f"the remote store at {shown(self.query_url)} is closed")
        return self._http

    @_redacting
    def put(self, graph: Graph, *, text_hash: str) -> None:
        """Replace the named graph `graph.identifier` with `graph`, and check the server holds it.

        Raises:
            StoreError: If the graph is unnamed, records another hash, the server refuses it, or
                does not hold it afterwards.
        """
        self.put_many([(graph, text_hash)])

    @_redacting
    def put_many(self, items: Iterable[tuple[Graph, str]], *, batch_size: int | None = None) -> int:
        """Replace many article graphs, a batch at a time, each batch checked; return how many.

        Raises:
            StoreError: If a graph is unnamed, records another hash, the server refuses it, or
                does not hold it afterwards.
        """
        count = 0
        for batch in batched(items, batch_size or self.batch_size):
            units = [_writes.from_triples(*stamped(graph, text_hash))
                     for graph, text_hash in batch]
            self._write(units)
            count += len(units)
        return count

    @_redacting
    def load_nquads(self, data: bytes, graphs: Iterable[str]) -> None:
        """Replace the named graphs `graphs` with the quads of `data`, N-Quads holding only them,
        and check the server holds them (the batched load path, `kg.ingest.workers`).

        With a Graph Store URL each graph is replaced by one PUT (an article is old or new, never
        half written); without one, by `INSERT DATA` requests of bounded size, the graph's
        marker triples last (a graph cut short is not one of kg's graphs, and is written again).

        Raises:
            StoreError: If the server refuses the data, cannot be reached, or does not hold it.
        """
        self._write(_writes.from_nquads(data, graphs))

    def _write(self, units: Sequence[_writes.Unit]) -> None:
        """Send the units, then check the server holds each; write again those it does not."""
        pending = list(units)
        for _attempt in range(self.rewrites + 1):
            self._send_units(pending)
            found = self._counts([unit.graph for unit in pending])
            wrong = [unit for unit in pending if found.get(unit.graph, 0) != len(unit.lines)]
            if not wrong:
                return
            pending = wrong
        unit = pending[0]
        where = shown(self.store_url or self.update_url)
        raise StoreError(
            f"{where} answered with success but holds {found.get(unit.graph, 0)} of the "
            f"{len(unit.lines)} triples sent for graph <{unit.graph}> (and {len(pending) - 1} "
            f"more graphs of the batch are wrong) after {self.rewrites + 1} attempts; is it the "
            f"right endpoint for this server?")

    def _send_units(self, units: Sequence[_writes.Unit]) -> None:
        if self.store_url is None:
            for update in _writes.insert_requests(units, self.chunk_bytes):
                self._post_update(update, StoreError)
            return
        for unit in units:
            params = {"graph": str(unit.graph)}
            if not unit.lines:
                response = self._request("DELETE", self.store_url, params=params)
                if response.status_code != 404:
                    _check(response, StoreError, f"DELETE {shown(self.store_url)}")
                continue
            body = "\n".join(unit.lines) + "\n"
            response = self._request("PUT", self.store_url, params=params,
                                     content=body.encode("utf-8"),
                                     headers={"Content-Type": "application/n-triples"})
            _check(response, StoreError, f"PUT {shown(self.store_url)}", sent=body)

    def _counts(self, graphs: Sequence[URIRef]) -> dict[URIRef, int]:
        """Return how many triples the server holds in each of these graphs (absent: none)."""
        counts: dict[URIRef, int] = {}
        for start in range(0, len(graphs), _GRAPHS_PER_COUNT):
            found = self.query(_sparql.read_query("graph_counts"),
                               bindings={"graph": tuple(graphs[start:start + _GRAPHS_PER_COUNT])})
            for graph, triples in found.rows:
                if isinstance(graph, URIRef):
                    counts[graph] = int(str(triples))
        return counts

    @_redacting
    def has(self, graph_iri: str, text_hash: str) -> bool:
        """Tell whether the named graph is stored for an article text with this hash."""
        found = self.query(
            _sparql.read_query("article_hash"), bindings={"graph": named_graph_iri(graph_iri)}
        )
        return any(str(value) == text_hash for value in found.column("hash"))

    @_redacting
    def stamps(self, graph_iris: Sequence[str]) -> dict[URIRef, Stamp]:
        """Return the stamp of each of these graphs that is stored, in one query for them all."""
        if not graph_iris:
            return {}
        names = tuple(named_graph_iri(iri) for iri in graph_iris)
        return stamps_of(self.query(_sparql.read_query("graph_stamps"), bindings={"graph": names}))

    @_redacting
    def remove(self, graph_iri: str) -> bool:
        """Drop one named graph (Graph Store DELETE, else DROP GRAPH); return whether it was there.

        Raises:
            StoreError: If the server fails, or the graph is still there afterwards.
        """
        name = named_graph_iri(graph_iri)
        if not self._counts([name]):
            return False
        if self.store_url is None:
            self._post_update(f"DROP SILENT GRAPH {_sparql.term_n3(name)}", StoreError)
        else:
            response = self._request("DELETE", self.store_url, params={"graph": str(name)})
            _check(response, StoreError, f"DELETE {shown(self.store_url)}")
        if self._counts([name]):
            raise StoreError(f"{shown(self.store_url or self.update_url)} answered with success "
                             f"but still holds graph <{name}>")
        return True

    @_redacting
    def graphs(self) -> list[URIRef]:
        """Return the IRIs of kg's named graphs (`kg.store.registry`), sorted."""
        found = self.query(_sparql.read_query("list_graphs"))
        return sorted(value for value in found.column("graph") if isinstance(value, URIRef))

    @_redacting
    def query(
        self,
        sparql: str,
        *,
        bindings: Bindings = {},  # noqa: B006 - read only
        limit: int | None = None,
        timeout: float | None = None,
        allow_federation: bool = False,
    ) -> QueryResult:
        """Send a query to the query URL, its parameters bound by a VALUES block.

        The query URL never runs updates; an update sent here is refused. The timeout bounds
        every network step and the whole response read; rows beyond `limit` are dropped. A
        SELECT result cut at the server's row limit is read again page by page (its own ORDER
        BY, then every variable, LIMIT/OFFSET); any other result so cut is refused.

        Raises:
            QueryError: If the query is malformed, an update, reaches outside the store without
                `allow_federation`, exceeds its timeout, or is cut at a row limit and cannot be
                paged.
            StoreError: If the server cannot be reached or fails.
        """
        check_limits(limit, timeout)
        _sparql.check_federation(sparql, allow=allow_federation)
        text = _sparql.bind_values(sparql, bindings)
        # one request of a query may take the whole deadline (a large answer on a busy server)
        seconds = min(timeout or self.deadline, self.deadline)

        def run(stop: threading.Event) -> QueryResult:
            kind, variables, rows, cap = self._ask(text, seconds, stop)
            if kind == "ask" or cap is None or len(rows) < cap:
                return _result(kind, variables, rows, limit, stop)
            own = _sparql.own_limit(text)
            if own is not None and own <= cap:
                return _result(kind, variables, rows, limit, stop)
            if kind == "select":
                rows = self._pages(text, variables, cap, seconds, stop, limit)
                return _result(kind, variables, rows, limit, stop)
            if _sparql.form(text) != "CONSTRUCT":
                raise QueryError(
                    f"{shown(self.query_url)} cut the result at its row limit of {cap}; kg "
                    f"reads only SELECT and CONSTRUCT results page by page: select ?subject "
                    f"?predicate ?object instead, or raise the server's limit")
            select, template, names = _sparql.construct_select(text)
            rows = self._pages(select, names, cap, seconds, stop, None)
            return _result(kind, (), list(_sparql.instantiate(template, names, rows)), limit,
                           stop)

        try:
            return bounded(run, timeout)
        except httpx.TimeoutException as exc:
            raise QueryError(
                f"query exceeded its timeout of {seconds}s at {shown(self.query_url)}"
            ) from exc

    def _pages(self, text: str, variables: Sequence[str], cap: int, seconds: float,
               stop: threading.Event, limit: int | None) -> list[Row]:
        """Read a SELECT query page by page (its own ORDER BY, then every variable, LIMIT cap
        OFFSET n) until a page comes back short, or `limit` rows are read.

        Raises:
            QueryError: If the query cannot be paged, or the server fails on a page.
        """
        rows: list[Row] = []
        try:
            while limit is None or len(rows) <= limit:
                paged = _sparql.page(text, variables, cap, len(rows))
                _, _, page, _ = self._ask(paged, seconds, stop)
                rows += page
                if len(page) < cap:
                    break
        except QueryError as exc:
            raise QueryError(f"{shown(self.query_url)} cut the result at its row limit of "
                             f"{cap} and {exc}: add LIMIT/OFFSET to read it in pages of "
                             f"at most {cap}, or raise the server's limit") from None
        except StoreError as exc:  # Virtuoso sorts at most MaxSortedTopRows for a page
            raise QueryError(f"{shown(self.query_url)} cut the result at its row limit of "
                             f"{cap}, and reading it page by page after {len(rows)} rows "
                             f"failed: {exc}; raise the server's limits (Virtuoso: "
                             f"ResultSetMaxRows and MaxSortedTopRows in virtuoso.ini)"
                             ) from None
        return rows

    def _ask(self, text: str, seconds: float, stop: threading.Event
             ) -> tuple[str, tuple[str, ...], list[Row], int | None]:
        """Send one query; return its kind, variables, every row, and the row cap in force."""
        data = {"query": text}
        if self.union_default_graph:
            data["union-default-graph"] = ""
        body, media, announced = self._read(data, seconds)
        cap = announced or self.max_rows
        try:
            if media.startswith("application/n-triples"):
                rows, _ = collect(Graph().parse(data=body, format="nt"), None, stop)
                return "graph", (), rows, cap
            result = Result.parse(io.BytesIO(body), format="json")
        except QueryError:
            raise
        except Exception as exc:  # json, rdflib's parsers and their bare Exceptions
            raise StoreError(f"{shown(self.query_url)} answered with {media!r} that "
                             f"cannot be read: {type(exc).__name__}: {_line(str(exc))}") from exc
        if result.type == "ASK":
            return "ask", (), [(None,)] if result.askAnswer else [], None
        variables = tuple(str(var) for var in result.vars or ())
        rows, _ = collect(result, None, stop)  # type: ignore[arg-type]
        return "select", variables, rows, cap

    def _read(self, data: Mapping[str, str], seconds: float) -> tuple[bytes, str, int | None]:
        """Post a query and read the whole answer, trying again (within the timeout) while the
        server cannot be reached or answers 429/502/503/504; return the body, its media type
        and the row cap the server announced (`X-SPARQL-MaxRows`)."""
        deadline = time.monotonic() + seconds
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.retries + 1)
            | tenacity.stop_before_delay(seconds),
            wait=tenacity.wait_exponential(multiplier=self.backoff, max=30),
            retry=tenacity.retry_if_exception_type((httpx.ConnectError, httpx.RemoteProtocolError))
            | tenacity.retry_if_result(lambda answer: answer[0] in _TRANSIENT),
            retry_error_callback=_last_outcome,
        )
        try:
            with _deadline(deadline):
                status, body, media, cap = retrying(self._read_once, data, seconds, deadline)
        except httpx.TransportError as exc:
            if isinstance(exc, httpx.TimeoutException):
                raise
            raise StoreError(f"cannot reach {shown(self.query_url)}: {exc}") from exc
        if status == 400:
            raise _sparql.refuse(data["query"], _line(body.decode("utf-8", "replace")))
        if not 200 <= status < 300:
            raise StoreError(
                f"POST {shown(self.query_url)} failed with HTTP {status}{_hint(status)}: "
                f"{_line(body.decode('utf-8', 'replace')) or 'no answer'} "
                f"(sent: {_sent(data['query'])})")
        if media.split(";")[0].strip().lower() not in _RESULT_TYPES:
            raise StoreError(
                f"{shown(self.query_url)} did not answer with SPARQL results but with "
                f"{media or 'no content type'!r}: {body[:80]!r}; is it a SPARQL query endpoint?")
        return body, media, cap

    def _read_once(self, data: Mapping[str, str], seconds: float, deadline: float
                   ) -> tuple[int, bytes, str, int | None]:
        with self._client.stream(
            "POST",
            self.query_url,
            data=data,
            headers={"Accept": _ACCEPT_GRAPH if _sparql.form(data["query"]) in
                     ("CONSTRUCT", "DESCRIBE") else _ACCEPT},
            timeout=httpx.Timeout(max(0.1, deadline - time.monotonic())),
        ) as response:
            chunks = []
            for chunk in response.iter_bytes(_CHUNK):
                if time.monotonic() > deadline:
                    raise QueryError(f"query exceeded its timeout of {seconds}s")
                chunks.append(chunk)
        announced = response.headers.get("x-sparql-maxrows", "").strip()
        cap = int(announced) if announced.isdigit() and int(announced) > 0 else None
        return (response.status_code, b"".join(chunks), response.headers.get("content-type", ""),
                cap)

    @_redacting
    def update(self, sparql: str, *, allow_update: bool = False,
               allow_federation: bool = False) -> None:
        """Send a SPARQL update to the update URL.

        Raises:
            QueryError: If updates are not allowed or the server finds the update malformed.
            StoreError: If the server cannot be reached or fails.
        """
        _sparql.allow(allow_update)
        _sparql.check_federation(sparql, update=True, allow=allow_federation)
        self._post_update(sparql, QueryError)

    def _post_update(self, sparql: str, error: type[QueryError] | type[StoreError]) -> None:
        response = self._request(
            "POST",
            self.update_url,
            content=sparql.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )
        if response.status_code == 400:
            raise error(f"update refused by {shown(self.update_url)} (HTTP 400): "
                        f"{_line(response.text)} (sent: {_sent(sparql)})")
        _check(response, StoreError, f"POST {shown(self.update_url)}", sent=sparql)

    @_redacting
    def triples_count(self) -> int:
        """Return the number of triples in kg's named graphs (`kg.store.registry`)."""
        found = self.query(_sparql.read_query("count_triples"))
        return int(str(found.column("triples")[0]))

    @_redacting
    def dump(self, out: Output, format: DumpFormat = "nquads", *,  # noqa: A002
             base_iri: str = DEFAULT_BASE_IRI) -> None:
        """Write kg's named graphs as N-Quads or TriG, or their union as Turtle: each graph read
        by a Graph Store GET (`?graph=`), or a slice at a time by queries where the GET would be
        cut at the server's row cap or there is no Graph Store URL, and checked against the
        server's count of its triples (never cut short).

        Raises:
            StoreError: If the format is unknown, the server fails, or a graph read back is not
                whole.
        """
        if format not in _DUMP_FORMATS:
            raise StoreError(f"unknown dump format {format!r}; known: {sorted(_DUMP_FORMATS)}")
        names = self.graphs()
        counts = self._counts(names)
        dataset = Dataset()
        union = Graph()
        with open_output(out) as stream:
            for name in names:
                graph = self._graph(name, counts.get(name, 0))
                if format == "turtle":
                    union += graph
                    continue
                target = (one := Dataset()) if format == "nquads" else dataset
                named = target.graph(name)
                for triple in graph:
                    named.add(triple)
                if format == "nquads":
                    stream.write(one.serialize(format="nquads", encoding="utf-8"))
            if format == "trig":
                bind_prefixes(dataset, base_iri)
                dataset.serialize(destination=stream, format="trig")
            elif format == "turtle":
                bind_prefixes(union, base_iri)
                union.serialize(destination=stream, format="turtle")

    def _graph(self, name: URIRef, expected: int) -> Graph:
        """Read one named graph whole: a Graph Store GET while the graph fits under the row cap,
        else (no Graph Store URL, or the GET cut short) slice by slice, checked against the
        server's count."""
        if self.store_url is not None and (self.max_rows is None or expected < self.max_rows):
            graph = self._get(name)
            if len(graph) == expected:
                return graph
        graph = Graph()
        for subject, predicate, obj in self._slices(name, expected):
            graph.add((subject, predicate, obj))  # type: ignore[arg-type]
        if len(graph) != expected:
            raise StoreError(f"{shown(self.query_url)} gave {len(graph)} of the {expected} "
                             f"triples of graph <{name}>; the export would not be whole")
        return graph

    def _get(self, name: URIRef) -> Graph:
        """Read one named graph by a Graph Store GET (which a server's row cap may cut)."""
        assert self.store_url is not None
        url = self.store_url
        try:
            with _deadline(time.monotonic() + self.deadline):
                reply = self._request("GET", url, params={"graph": str(name)},
                                      headers={"Accept": "application/n-triples"})
        except httpx.TransportError as exc:
            raise StoreError(f"cannot reach {shown(url)}: {exc}") from exc
        _check(reply, StoreError, f"GET {shown(url)}?graph=<{name}>")
        media = reply.headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/n-triples":
            raise StoreError(f"GET {shown(url)}?graph=<{name}> answered with "
                             f"{media or 'no content type'!r}, not 'application/n-triples'")
        return Graph().parse(data=reply.content, format="nt")

    def _slices(self, name: URIRef, expected: int) -> Iterator[Row]:
        """Yield the triples of a named graph a slice of its triple keys at a time
        (`graph_slice.rq`: the MD5 of each triple's text), each slice under the row cap.

        No slice is sorted, so neither a row cap nor a limit on sorting (Virtuoso's
        MaxSortedTopRows) stops it. MD5 spreads the triples evenly, so the keys are cut in as
        many equal ranges as make three quarters of a cap's rows each (over it only by chance,
        tens of standard deviations away); a range the server cuts at its cap is halved and read
        again.

        Raises:
            StoreError: If one key alone holds a cap's rows (never for distinct triples).
        """
        text = _sparql.read_query("graph_slice")
        cap = self.max_rows
        parts = 1 if cap is None else max(1, -(-4 * expected // (3 * cap)))
        ranges = [(_KEYS * part // parts, _KEYS * (part + 1) // parts)
                  for part in reversed(range(parts))]
        stop = threading.Event()
        while ranges:
            low, high = ranges.pop()
            bound = _sparql.bind_values(text, {"graph": name, "low": _key(low),
                                               "high": _key(high)})
            _, _, rows, cap = self._ask(bound, self.timeout, stop)
            if cap is None or len(rows) < cap:
                yield from rows
                continue
            if high - low < 2:
                raise StoreError(f"{shown(self.query_url)} cut the triples of graph <{name}> "
                                 f"with key {_key(low)} at its row limit of {cap}")
            middle = (low + high) // 2
            ranges += [(middle, high), (low, middle)]

    @_redacting
    def read_graph(self, graph_iri: str) -> Graph:
        """Return one of kg's named graphs whole (Graph Store GET or slices, checked
        against the server's count), whatever the server's row limit.

        Raises:
            StoreError: If the server fails or the graph cannot be read whole.
        """
        name = named_graph_iri(graph_iri)
        return self._graph(name, self._counts([name]).get(name, 0))

    def dataset(self) -> Dataset:
        """Return an rdflib Dataset over the endpoint (rdflib's SPARQLUpdateStore).

        Its queries go to the query URL as sent by rdflib, without the union parameter. Reach a
        named graph with `dataset.get_context(iri)`: `dataset.graph(iri)` sends CREATE GRAPH,
        which oxigraph refuses for a graph that exists.
        """
        store = SPARQLUpdateStore(query_endpoint=self.query_url, update_endpoint=self.update_url)
        return Dataset(store=store, default_union=True)

    def close(self) -> None:
        """Close the HTTP client; later calls raise StoreError."""
        if self._http is not None:
            self._http.close()
        self._http = None

    def _request(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        """Send one request, retrying with exponential backoff while the server is unreachable
        or answers 429/502/503/504 (every write here is idempotent: a graph is replaced whole).

        Raises:
            StoreError: If the server still cannot be reached after the last attempt.
        """
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.retries + 1)
            | tenacity.stop_before_delay(self.deadline),
            wait=tenacity.wait_exponential(multiplier=self.backoff, max=30),
            retry=tenacity.retry_if_exception_type(httpx.TransportError)
            | tenacity.retry_if_result(lambda response: response.status_code in _TRANSIENT),
            retry_error_callback=_last_outcome,
        )
        try:
            with _deadline(time.monotonic() + self.deadline):
                response: httpx.Response = retrying(
                    self._client.request, method, url, **kwargs
                )
        except httpx.TimeoutException as exc:
            raise StoreError(
                f"{method} {shown(url)} did not finish within {self.deadline:g} s (the request "
                f"deadline, Settings.request_deadline): {exc or 'timed out'}"
            ) from exc
        except httpx.TransportError as exc:
            raise StoreError(
                f"cannot reach {shown(url)} after {self.retries + 1} attempts: {exc}"
            ) from exc
        return response


def _result(kind: str, variables: tuple[str, ...], rows: list[Row], limit: int | None,
            stop: threading.Event) -> QueryResult:
    if kind == "ask":
        return QueryResult(kind="ask", boolean=bool(rows))
    taken, cut = collect(rows, limit, stop, _same)
    if kind == "graph":
        return graph_result(taken, cut)
    return QueryResult(kind="select", variables=variables, rows=tuple(taken), truncated=cut)


def _key(value: int) -> Literal:
    """Return a key of graph_slice.rq: 32 hex digits, or "g" (above them all) for 2 ** 128."""
    return Literal("g" if value >= _KEYS else f"{value:032x}")


def _same(term: Node | None) -> Node | None:
    return term


def _line(text: str, width: int = 160) -> str:
    """Return the first line of a text that is neither empty nor a comment, cut to `width`
    characters (for messages: never a whole update or answer)."""
    first = next((line.strip() for line in text.splitlines()
                  if line.strip() and not line.lstrip().startswith("#")), "")
    return first if len(first) <= width else first[:width - 1] + "…"


def _sent(text: str) -> str:
    r"""Return the line of what was sent that says what it is: the first that is not a PREFIX or
    BASE declaration (else the first), cut like `_line`.

    Examples:
        >>> _sent("PREFIX kg: <https://example.org/>\nSELECT ?s WHERE { ?s ?p ?o }")
        'SELECT ?s WHERE { ?s ?p ?o }'
    """
    lines = [line for line in text.splitlines() if line.strip()
             and not line.lstrip().startswith("#")]
    body = [line for line in lines if not _DECLARATION.match(line)]
    return _line("\n".join(body or lines))


_DECLARATION = re.compile(r"\s*(PREFIX|BASE)\b", re.I)
_TRANSIENT = frozenset({429, 502, 503, 504})
_RESULT_TYPES = frozenset({"application/sparql-results+json", "application/json",
                           "application/n-triples"})
# when the call running in this context must be over (time.monotonic()), or None: no bound
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("kg_deadline",
                                                                        default=None)


def shown(url: str) -> str:
    """Return a URL fit for a message: without the user name and password it may carry.

    Examples:
        >>> shown("https://kg:secret@example.org:7878/query")
        'https://example.org:7878/query'
    """
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port is not None else host
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


@contextlib.contextmanager
def _deadline(when: float) -> Iterator[None]:
    """Bound every socket step of the requests made in the block by the time `when`."""
    token = _DEADLINE.set(when)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    """Return the timeout of one socket step: what is left before the deadline, at most."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write ends by the deadline of the call."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(
            ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    """httpcore's socket backend, its connections bounded by the deadline of the call."""

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[SocketOption] | None = None
                    ) -> httpcore.NetworkStream:
        return _DeadlineStream(super().connect_tcp(
            host, port, _left(timeout, httpcore.ConnectTimeout), local_address, socket_options))


def _last_outcome(state: tenacity.RetryCallState) -> object:
    """Give back the last answer, or raise the last error, once retries are used up."""
    assert state.outcome is not None
    return state.outcome.result()


def _check(
    response: httpx.Response,
    error: type[QueryError] | type[StoreError],
    what: str,
    *,
    sent: str | None = None,
) -> None:
    """Raise for a failed answer: the request, the status, one line of the answer and of what
    was sent (never a whole update)."""
    if response.is_success:
        return
    text = _line(response.read().decode("utf-8", "replace"))
    told = f" (sent: {_sent(sent)})" if sent else ""
    raise error(f"{what} failed with HTTP {response.status_code}{_hint(response.status_code)}: "
                f"{text or 'no answer'}{told}")


def _hint(status: int) -> str:
    if status in (401, 403):
        return (" (not allowed: check the user and password, KG_STORE_USER/KG_STORE_PASSWORD "
                "or ~/.netrc, and the auth scheme)")
    if status == 404:
        return " (no such endpoint: check the URL or the server profile)"
    return ""
