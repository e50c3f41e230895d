"""The remote store: a SPARQL 1.1 endpoint (query, update, Graph Store Protocol) over httpx.

Defaults fit `oxigraph serve` (`{base}/query`, `{base}/update`, `{base}/store`); other servers
take explicit URLs:

- Fuseki: `RemoteStore(query_url=f"{ds}/query", update_url=f"{ds}/update",
  store_url=f"{ds}/data", union_default_graph=False)` with `tdb2:unionDefaultGraph true` set on
  the dataset (Fuseki has no per-request union switch).
- QLever: `RemoteStore(query_url=base, update_url=base, store_url=None,
  union_default_graph=False)`; QLever's default graph already is the union of its graphs. With
  no Graph Store URL, `remove` and `dump` raise StoreError.

For oxigraph the union of the named graphs is asked for per request (`union-default-graph`
parameter), so the server needs no `--union-default-graph` flag.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import threading
import time
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import httpcore
import httpx
import tenacity
from rdflib import Dataset, Graph
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result
from rdflib.term import URIRef

from kg.config import DEFAULT_BASE_IRI
from kg.errors import QueryError, StoreError
from kg.store import _sparql
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
    stamps_of,
)

if TYPE_CHECKING:
    import ssl

    from httpcore._backends.base import SOCKET_OPTION as SocketOption

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_DUMP_TYPES = {"nquads": "application/n-quads", "trig": "application/trig",
               "turtle": "text/turtle"}
_CHUNK = 1 << 16


class RemoteStore(Store):
    """A store behind a SPARQL 1.1 endpoint.

    Args:
        endpoint: Base URL of an oxigraph server; the three URLs below default to
            `{endpoint}/query`, `{endpoint}/update` and `{endpoint}/store`.
        query_url: SPARQL query URL.
        update_url: SPARQL update URL.
        store_url: Graph Store Protocol URL (default `{endpoint}/store`), or None if the server
            has none.
        union_default_graph: Send oxigraph's `union-default-graph` parameter with each query.
        timeout: Default timeout in seconds for each network step (connect, each read, each
            write) and for a query.
        deadline: The most seconds one call may take in all, retries included: a server that
            trickles its answer a byte at a time, or hangs, fails the call after this long.
        batch_size: Graphs per update request in `put_many`.
        retries: How often a failed request is tried again (unreachable server, HTTP 429, 502,
            503, 504), waiting `backoff` seconds, then twice as long each time (at most 30 s).
        backoff: The first wait between attempts, in seconds.

    Bound parameters go into the query text as a VALUES block opening its WHERE group (terms
    serialised by rdflib), since SPARQL protocol has no way to pass them beside the query.
    `put_many` sends one update request per batch (DROP SILENT GRAPH + INSERT DATA for each
    graph), which oxigraph and Fuseki apply in one transaction.
    """

    def __init__(
        self,
        endpoint: str | None = None,
        *,
        query_url: str | None = None,
        update_url: str | None = None,
        store_url: str | None = "",
        union_default_graph: bool = True,
        timeout: float = 60.0,
        deadline: float = 120.0,
        batch_size: int = 32,
        retries: int = 4,
        backoff: float = 0.5,
    ) -> None:
        base = endpoint.rstrip("/") if endpoint else None
        if base is None and not (query_url and update_url):
            raise StoreError("a remote store needs an endpoint or both a query and an update URL")
        self.query_url = query_url or f"{base}/query"
        self.update_url = update_url or f"{base}/update"
        self.store_url = (f"{base}/store" if base else None) if store_url == "" else store_url
        self.union_default_graph = union_default_graph
        self.timeout = timeout
        if not deadline > 0:
            raise StoreError(f"a request deadline must be a positive number of seconds, "
                             f"got {deadline!r}")
        self.deadline = deadline
        self.batch_size = batch_size
        self.retries = retries
        self.backoff = backoff
        transport = httpx.HTTPTransport()
        # every socket read and write is bounded by what is left of the call's deadline
        transport._pool._network_backend = _DeadlineBackend()
        self._http: httpx.Client | None = httpx.Client(timeout=timeout, transport=transport)

    @property
    def _client(self) -> httpx.Client:
        if self._http is None:
            raise StoreError(f"the remote store at {shown(self.query_url)} is closed")
        return self._http

    def put(self, graph: Graph, *, text_hash: str) -> None:
        """Replace the named graph `graph.identifier` with `graph`, in one update request.

        Raises:
            StoreError: If the graph is unnamed, records another hash, or the server refuses it.
        """
        self.put_many([(graph, text_hash)])

    def put_many(self, items: Iterable[tuple[Graph, str]], *, batch_size: int | None = None) -> int:
        """Replace many article graphs, one update request per batch; return how many.

        Raises:
            StoreError: If a graph is unnamed, records another hash, or the server refuses it.
        """
        count = 0
        for batch in batched(items, batch_size or self.batch_size):
            prepared = [stamped(graph, text_hash) for graph, text_hash in batch]
            self._post_update(_sparql.replace_graphs_update(prepared), StoreError)
            count += len(prepared)
        return count

    def load_nquads(self, data: bytes, graphs: Iterable[str]) -> None:
        """Replace the named graphs `graphs` with the quads of `data`, N-Quads holding only them.

        The batched load path (`kg.ingest.workers`): one update drops the graphs, then one
        Graph Store Protocol POST of the N-Quads to the store URL (oxigraph `/store`, Fuseki
        `{ds}/data`) adds them, parsed by the server. A crash between the two leaves those graphs
        absent, so a resumed ingest extracts them again. Without a store URL the quads go in by
        update.

        Raises:
            StoreError: If the server refuses the data or cannot be reached.
        """
        names = [named_graph_iri(iri) for iri in graphs]
        if self.store_url is None:
            dataset = Dataset()
            dataset.parse(data=data, format="nquads")
            prepared = [(name, list(dataset.graph(name))) for name in names]
            self._post_update(_sparql.replace_graphs_update(prepared), StoreError)
            return
        if names:
            self._post_update(_sparql.replace_graphs_update([(n, []) for n in names]), StoreError)
        response = self._request("POST", self.store_url, content=data,
                                 headers={"Content-Type": "application/n-quads"})
        _check(response, StoreError, f"POST {shown(self.store_url)}")

    def has(self, graph_iri: str, text_hash: str) -> bool:
        """Tell whether the named graph is stored for an article text with this hash."""
        found = self.query(
            _sparql.read_query("article_hash"), bindings={"graph": named_graph_iri(graph_iri)}
        )
        return any(str(value) == text_hash for value in found.column("hash"))

    def stamps(self, graph_iris: Sequence[str]) -> dict[URIRef, Stamp]:
        """Return the stamp of each of these graphs that is stored, in one query for them all."""
        if not graph_iris:
            return {}
        names = tuple(named_graph_iri(iri) for iri in graph_iris)
        return stamps_of(self.query(_sparql.read_query("graph_stamps"), bindings={"graph": names}))

    def remove(self, graph_iri: str) -> bool:
        """Drop one named graph with a Graph Store Protocol DELETE; return whether it was there.

        Raises:
            StoreError: If there is no Graph Store URL or the server fails.
        """
        url = self._gsp_url("remove a graph")
        response = self._request("DELETE", url, params={"graph": named_graph_iri(graph_iri)})
        if response.status_code == 404:
            return False
        _check(response, StoreError, f"DELETE {shown(url)}")
        return True

    def graphs(self) -> list[URIRef]:
        """Return the IRIs of the named graphs, sorted."""
        found = self.query(_sparql.read_query("list_graphs"))
        return sorted(value for value in found.column("graph") if isinstance(value, URIRef))

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
        every network step and the whole response read; rows beyond `limit` are read and dropped.

        Raises:
            QueryError: If the query is malformed, an update, reaches outside the store without
                `allow_federation`, or exceeds its timeout.
            StoreError: If the server cannot be reached or fails.
        """
        check_limits(limit, timeout)
        _sparql.check_federation(sparql, allow=allow_federation)
        text = _sparql.bind_values(sparql, bindings)
        data = {"query": text}
        if self.union_default_graph:
            data["union-default-graph"] = ""
        seconds = min(timeout or self.timeout, self.deadline)

        def run(stop: threading.Event) -> QueryResult:
            body, media = self._read(data, seconds)
            try:
                if media.startswith("application/n-triples"):
                    graph = Graph().parse(data=body, format="nt")
                    rows, cut = collect(graph, limit, stop)
                    return graph_result(rows, cut)
                result = Result.parse(io.BytesIO(body), format="json")
            except QueryError:
                raise
            except Exception as exc:  # json, rdflib's parsers and their bare Exceptions
                raise StoreError(f"{shown(self.query_url)} answered with {media!r} that "
                                 f"cannot be read: {type(exc).__name__}: {exc}") from exc
            if result.type == "ASK":
                return QueryResult(kind="ask", boolean=bool(result.askAnswer))
            variables = tuple(str(var) for var in result.vars or ())
            rows, cut = collect(result, limit, stop)  # type: ignore[arg-type]
            return QueryResult(kind="select", variables=variables, rows=tuple(rows), truncated=cut)

        try:
            return bounded(run, timeout)
        except httpx.TimeoutException as exc:
            raise QueryError(
                f"query exceeded its timeout of {seconds}s at {shown(self.query_url)}"
            ) from exc

    def _read(self, data: Mapping[str, str], seconds: float) -> tuple[bytes, str]:
        """Post a query and read the whole answer, trying again (within the timeout) while the
        server cannot be reached or answers 429/502/503/504."""
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
                status, body, media = retrying(self._read_once, data, seconds, deadline)
        except httpx.TransportError as exc:
            if isinstance(exc, httpx.TimeoutException):
                raise
            raise StoreError(f"cannot reach {shown(self.query_url)}: {exc}") from exc
        if status == 400:
            raise _sparql.refuse(data["query"], body.decode("utf-8", "replace").strip())
        if not 200 <= status < 300:
            text = body.decode("utf-8", "replace").strip()
            raise StoreError(
                f"POST {shown(self.query_url)} failed with HTTP {status}: {text[:500]}")
        if media.split(";")[0].strip().lower() not in _RESULT_TYPES:
            raise StoreError(
                f"{shown(self.query_url)} did not answer with SPARQL results but with "
                f"{media or 'no content type'!r}: {body[:80]!r}; is it a SPARQL query endpoint?")
        return body, media

    def _read_once(self, data: Mapping[str, str], seconds: float, deadline: float
                   ) -> tuple[int, bytes, str]:
        with self._client.stream(
            "POST",
            self.query_url,
            data=data,
            headers={"Accept": _ACCEPT},
            timeout=httpx.Timeout(max(0.1, deadline - time.monotonic())),
        ) as response:
            chunks = []
            for chunk in response.iter_bytes(_CHUNK):
                if time.monotonic() > deadline:
                    raise QueryError(f"query exceeded its timeout of {seconds}s")
                chunks.append(chunk)
        return response.status_code, b"".join(chunks), response.headers.get("content-type", "")

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
            raise error(f"update refused by {shown(self.update_url)}: {response.text.strip()}")
        _check(response, StoreError, f"POST {shown(self.update_url)}")

    def triples_count(self) -> int:
        """Return the number of triples in the named graphs."""
        found = self.query(_sparql.read_query("count_triples"))
        return int(str(found.column("triples")[0]))

    def dump(self, out: Output, format: DumpFormat = "nquads", *,  # noqa: A002
             base_iri: str = DEFAULT_BASE_IRI) -> None:
        """Stream the whole dataset from the Graph Store URL as N-Quads or TriG, or the union of
        its named graphs as Turtle from the query URL (a CONSTRUCT; the server picks prefixes,
        so `base_iri` is not used).

        Raises:
            StoreError: If the format is unknown, there is no Graph Store URL, or the server fails.
        """
        if format not in _DUMP_TYPES:
            raise StoreError(f"unknown dump format {format!r}; known: {sorted(_DUMP_TYPES)}")
        if format == "turtle":
            url = self.query_url
            request = self._client.stream(
                "POST", url, data={"query": _sparql.read_query("union_triples")},
                headers={"Accept": _DUMP_TYPES[format]})
        else:
            url = self._gsp_url("dump")
            request = self._client.stream("GET", url, headers={"Accept": _DUMP_TYPES[format]})
        try:
            with open_output(out) as stream, _deadline(time.monotonic() + self.deadline), \
                    request as reply:
                _check(reply, StoreError, f"{reply.request.method} {shown(url)}")
                media = reply.headers.get("content-type", "").split(";")[0].strip().lower()
                if media != _DUMP_TYPES[format]:
                    found = media or "no content type"
                    raise StoreError(f"{shown(url)} answered a dump with {found!r}, "
                                     f"not {_DUMP_TYPES[format]!r}")
                for chunk in reply.iter_bytes(_CHUNK):
                    stream.write(chunk)
        except httpx.TimeoutException as exc:
            raise StoreError(f"dump from {shown(url)} did not finish within "
                             f"{self.deadline:g} s (the request deadline): {exc}") from exc
        except httpx.TransportError as exc:
            raise StoreError(f"cannot reach {shown(url)}: {exc}") from exc

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

    def _gsp_url(self, action: str) -> str:
        if not self.store_url:
            raise StoreError(f"cannot {action}: no Graph Store Protocol URL is configured")
        return self.store_url

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
    body: bytes | None = None,
) -> None:
    if response.is_success:
        return
    text = (body if body is not None else response.read()).decode("utf-8", "replace").strip()
    raise error(f"{what} failed with HTTP {response.status_code}: {text[:500]}")
