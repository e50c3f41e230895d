"""Named, parameterised SPARQL queries: one `kg/queries/{verb_noun}.rq` file each, run on any store.

A query file starts with comment lines: a description, then one line per parameter,
`# @param name: type[(kind)][?] - description`, where type is iri, string, date, integer or name,
a trailing `?` marks the parameter optional, and an iri parameter with a kind (`iri(actor)`) also
takes a bare id, resolved to `{base_iri}{kind}/{id}`. A name parameter (`name(actor)`,
`name(place)`) takes what users type, a name or alias in any case, an id or an IRI: it is resolved
first, by the query `find_{kind}s` (a place also finds the places inside it), and bound to every
IRI found, so the query starts from them (through the identity graph, every node of the same
canonical actor); a name that matches nothing raises `UnknownNameError` with the nearest names,
or, inside `unknown_names_as_empty`, is reported and matches nothing (a batch asking about many
names, such as a benchmark's, gets an empty answer for a name the store does not hold).
A line `# @joined var1 var2 - description` names columns that join several values with "; "
(GROUP_CONCAT): SPARQL leaves the order of a group unspecified, and servers differ (Virtuoso
reorders a group when it pages a result), so kg sorts the joined values itself, by code point.
Parameters are bound by the store, never pasted into the text; a parameter may
take several values (a tuple), one VALUES row each. A parameter should appear in a required
pattern or a FILTER: an absent optional parameter is simply left unbound, and a bound one must not
be joined against a variable that an OPTIONAL may leave unbound.

Queries run over the union of the article graphs. On oxigraph that union is a bag: a triple
stored in two article graphs (a shared actor's name) matches twice. So the named queries match
inside `GRAPH ?graph { ... }` and count with DISTINCT, and give the same rows on every backend.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import replace
from datetime import date, datetime
from importlib import resources
from typing import Literal as TypingLiteral

from pydantic import BaseModel, ConfigDict
from rdflib import Literal, URIRef, namespace

from kg.config import DEFAULT_BASE_IRI
from kg.errors import QueryError, UnknownNameError
from kg.store import QueryResult, Store
from kg.vocab import PREFIXES

ParamType = TypingLiteral["iri", "string", "date", "integer", "name"]
Scalar = str | int | date | URIRef | Literal
ParamValue = Scalar | tuple[Scalar, ...] | None
Term = URIRef | Literal
Bound = Term | tuple[Term, ...]
# name(kind) parameters: the query that finds the IRIs a typed name stands for
FINDERS = {"actor": "find_actors", "place": "find_places"}
# what to do with a name that matches nothing, if not to raise (see `unknown_names_as_empty`)
_ON_UNKNOWN: ContextVar[Callable[[UnknownNameError], None] | None] = ContextVar(
    "kg_on_unknown_name", default=None)


@contextlib.contextmanager
def unknown_names_as_empty(report: Callable[[UnknownNameError], None]) -> Iterator[None]:
    """Within the block, a name that matches nothing is passed to `report` and matches nothing,
    instead of raising `UnknownNameError`."""
    token = _ON_UNKNOWN.set(report)
    try:
        yield
    finally:
        _ON_UNKNOWN.reset(token)


def lookup(store: Store, kind: str, name: str, *, base_iri: str = DEFAULT_BASE_IRI
           ) -> tuple[URIRef, ...]:
    """Return what `resolve` returns; inside `unknown_names_as_empty`, an unknown name is
    reported and stands for nothing.

    Raises:
        UnknownNameError: If nothing has the name, outside `unknown_names_as_empty`.
    """
    try:
        return resolve(store, kind, name, base_iri=base_iri)
    except UnknownNameError as error:
        report = _ON_UNKNOWN.get()
        if report is None:
            raise
        report(error)
        return ()

_JOINED_LINE = re.compile(r"#\s*@joined\s+(?P<names>[A-Za-z_]\w*(?:\s+[A-Za-z_]\w*)*)\s*(?:-.*)?$")
JOINER = "; "
_PARAM_LINE = re.compile(
    r"#\s*@param\s+(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>iri|string|date|integer|name)"
    r"(?:\((?P<kind>[a-z_-]+)\))?(?P<optional>\?)?\s*(?:-\s*(?P<description>.*))?$"
)


class Param(BaseModel):
    """One parameter of a named query, as declared in its header."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    type: ParamType
    kind: str | None = None  # for iri: the kgr: path segment a bare id is resolved under
    optional: bool = False
    description: str = ""


class NamedQuery(BaseModel):
    """A query file: its name, description, parameters, joined columns and SPARQL text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    description: str
    params: tuple[Param, ...] = ()
    joined: tuple[str, ...] = ()  # columns of values joined by JOINER, sorted by kg
    text: str

    def param(self, name: str) -> Param:
        """Return one parameter.

        Raises:
            QueryError: If the query has no such parameter.
        """
        for param in self.params:
            if param.name == name:
                return param
        known = [param.name for param in self.params]
        raise QueryError(f"query {self.name!r} has no parameter {name!r}; it takes {known}")


def _folder() -> resources.abc.Traversable:
    return resources.files("kg") / "queries"


def list_queries() -> list[NamedQuery]:
    """Return every named query, sorted by name.

    Examples:
        >>> "timeline" in [query.name for query in list_queries()]
        True
    """
    names = sorted(item.name[:-3] for item in _folder().iterdir() if item.name.endswith(".rq"))
    return [load_query(name) for name in names]


def load_query(name: str) -> NamedQuery:
    """Read and describe one named query.

    Raises:
        QueryError: If there is no such query or its header declares a parameter badly.

    Examples:
        >>> [(p.name, p.type, p.optional) for p in load_query("events_in_range").params][:2]
        [('start', 'date', True), ('end', 'date', True)]
    """
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise QueryError(f"query name {name!r} must be lowercase verb_noun")
    path = _folder() / f"{name}.rq"
    if not path.is_file():
        known = sorted(item.name[:-3] for item in _folder().iterdir() if item.name.endswith(".rq"))
        raise QueryError(f"unknown query {name!r}; known queries: {known}")
    text = path.read_text(encoding="utf-8")
    description: list[str] = []
    params: list[Param] = []
    joined: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if "@joined" in line:
            found = _JOINED_LINE.fullmatch(line.strip())
            if found is None:
                raise QueryError(f"query {name!r}: cannot read joined line {line!r}")
            joined += found["names"].split()
        elif "@param" in line:
            match = _PARAM_LINE.fullmatch(line.strip())
            if match is None:
                raise QueryError(f"query {name!r}: cannot read parameter line {line!r}")
            if match["type"] == "name" and match["kind"] not in FINDERS:
                raise QueryError(f"query {name!r}: a name parameter needs a kind out of "
                                 f"{sorted(FINDERS)}, got {line!r}")
            params.append(
                Param(
                    name=match["name"],
                    type=match["type"],
                    kind=match["kind"],
                    optional=bool(match["optional"]),
                    description=(match["description"] or "").strip(),
                )
            )
        else:
            description.append(line.lstrip("#").strip())
    return NamedQuery(name=name, description=" ".join(description).strip(),
                      params=tuple(params), joined=tuple(joined), text=text)


def to_term(param: Param, value: Scalar, *, base_iri: str = DEFAULT_BASE_IRI) -> Term:
    """Turn a parameter value (a CLI string or a Python value) into the rdflib term it binds.

    Raises:
        QueryError: If the value does not fit the parameter's type.

    Examples:
        >>> to_term(Param(name="actor", type="iri", kind="actor"), "acme-corp")
        rdflib.term.URIRef('https://w3id.org/kg-timeline/id/actor/acme-corp')
        >>> to_term(Param(name="start", type="date"), "2019-08-01")
        rdflib.term.Literal('2019-08-01', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
    """  # noqa: E501
    if isinstance(value, URIRef | Literal):
        return value
    if param.type == "iri":
        return _iri(param, str(value), base_iri)
    if param.type == "date":
        return _date(param, value)
    if param.type == "integer":
        try:
            return Literal(int(value), datatype=namespace.XSD.integer)  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise QueryError(f"parameter {param.name!r} needs an integer, got {value!r}") from exc
    return Literal(str(value))


def _iri(param: Param, value: str, base_iri: str) -> URIRef:
    if ":" not in value:
        if param.kind is None or not value:
            raise QueryError(f"parameter {param.name!r} needs a full IRI, got {value!r}")
        value = f"{base_iri}{param.kind}/{value}"
    iri = URIRef(value)
    try:
        iri.n3()  # rdflib refuses to serialise an invalid IRI
    except Exception as exc:  # rdflib raises a bare Exception here
        raise QueryError(f"parameter {param.name!r} is not a valid IRI: {value!r}") from exc
    return iri


def _date(param: Param, value: Scalar) -> Literal:
    if isinstance(value, datetime):
        return Literal(value.date(), datatype=namespace.XSD.date)
    if isinstance(value, date):
        return Literal(value, datatype=namespace.XSD.date)
    try:
        day = date.fromisoformat(str(value))
    except ValueError as exc:
        raise QueryError(
            f"parameter {param.name!r} needs a date as YYYY-MM-DD, got {value!r}"
        ) from exc
    return Literal(day, datatype=namespace.XSD.date)


def bind(
    query: NamedQuery,
    params: dict[str, ParamValue],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    store: Store | None = None,
) -> dict[str, Bound]:
    """Return the bindings for a query's parameters; None or absent leaves an optional one unbound.

    A tuple of values binds several (one VALUES row each). Name parameters are resolved with
    `find` on `store` (see the module docstring).

    Raises:
        QueryError: If a parameter is unknown, a required one is missing, a value does not fit,
            or a name parameter is given without a store to resolve it in.
    """
    for name in params:
        query.param(name)
    bindings: dict[str, Bound] = {}
    for param in query.params:
        value = params.get(param.name)
        if value is None or value == "":
            if not param.optional:
                raise QueryError(f"query {query.name!r} needs parameter {param.name!r}")
            continue
        if param.type == "name":
            if store is None:
                raise QueryError(f"parameter {param.name!r} of query {query.name!r} takes a "
                                 f"name, found in a store: give one to resolve {value!r}")
            names = value if isinstance(value, tuple) else (value,)
            found = (lookup(store, param.kind or "", str(name), base_iri=base_iri)
                     for name in names)
            bindings[param.name] = tuple(dict.fromkeys(iri for iris in found for iri in iris))
        elif isinstance(value, tuple):
            bindings[param.name] = tuple(to_term(param, one, base_iri=base_iri) for one in value)
        else:
            bindings[param.name] = to_term(param, value, base_iri=base_iri)
    return bindings


def find(store: Store, kind: str, name: str, *, base_iri: str = DEFAULT_BASE_IRI
         ) -> tuple[URIRef, ...]:
    """Return the IRIs of the actors or places a name stands for, as users type names.

    A name, or an alias, in any case; an id (`acme-corp`, `actor/acme-corp`); or an IRI. Several
    nodes may match (two places called Tripoli); a place brings every place inside it.

    Raises:
        QueryError: If the kind is not one of `FINDERS` or the query fails.

    Examples:
        >>> from kg.store import open_store
        >>> with open_store("memory") as store:
        ...     find(store, "place", "Khan Shaykhun")
        ()
    """
    if kind not in FINDERS:
        raise QueryError(f"cannot find {kind!r} by name; kinds: {sorted(FINDERS)}")
    result = run_named(store, FINDERS[kind], base_iri=base_iri, text=name)
    return tuple(iri for iri in result.column(kind) if isinstance(iri, URIRef))


def resolve(store: Store, kind: str, name: str, *, base_iri: str = DEFAULT_BASE_IRI
            ) -> tuple[URIRef, ...]:
    """Return the IRIs a typed name stands for, as `find` does, or by its words when no name,
    alias or id is the same: a stored name that is the typed one's last words or that ends with
    all of them, if exactly one such name is stored ("Frederick Henderson" finds "Henderson").

    Raises:
        UnknownNameError: If nothing is found; it lists the nearest stored names.
        QueryError: If the kind is not one of `FINDERS` or a query fails.
    """
    found = find(store, kind, name, base_iri=base_iri)
    if found:
        return found
    labels = {str(label) for label in run_named(store, f"{kind}_names", base_iri=base_iri
                                                 ).column("label")}
    typed = name.casefold().split()
    folded = {label.casefold(): label for label in sorted(labels)}
    parts = sorted({label for label in folded if _same_words(typed, label.split())})
    # a stored longer name with the same last words but another first one is someone else
    # ("Hilary Clinton" is not the "Clinton" of a store that knows "Hillary Clinton")
    if len(parts) == 1 and not any(len(other := label.split()) == len(typed)
                                   and other[-1] == typed[-1]
                                   and not (other[0].startswith(typed[0])
                                            or typed[0].startswith(other[0]))
                                   for label in folded):
        return find(store, kind, folded[parts[0]], base_iri=base_iri)
    by_case = {label.casefold(): label for label in sorted(labels)}
    nearest = difflib.get_close_matches(name.casefold(), sorted(by_case), n=5, cutoff=0.6)
    raise UnknownNameError(kind, name, [by_case[n] for n in [*parts, *nearest]][:5])


def _same_words(typed: list[str], stored: list[str]) -> bool:
    """Tell whether a stored name is the typed one's last words ("henderson" for "frederick
    henderson")."""
    return 0 < len(stored) < len(typed) and typed[-len(stored):] == stored


def run_named(
    store: Store,
    name: str,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    limit: int | None = None,
    timeout: float | None = None,
    allow_federation: bool = False,
    **params: ParamValue,
) -> QueryResult:
    """Run a named query on a store, converting and binding its parameters.

    Args:
        store: Any store backend.
        name: Query name, the file name without `.rq`.
        base_iri: Base under which bare ids of iri parameters are resolved.
        limit: Keep at most this many rows (the result says whether rows were cut).
        timeout: Give up after this many seconds; the query is stopped then.
        allow_federation: Let the query reach outside the store (SERVICE, FROM, FROM NAMED),
            refused otherwise.
        **params: Parameter values: strings as typed on the command line, or Python values; a
            tuple binds several values.

    Returns:
        The rows the query returns.

    Raises:
        QueryError: If the query or a parameter is unknown or invalid, or the query fails.

    Examples:
        >>> from kg.store import open_store
        >>> with open_store("memory") as store:
        ...     run_named(store, "events_in_range", start="2019-08-01").rows
        ()
    """
    query = load_query(name)
    bindings = bind(query, params, base_iri=base_iri, store=store)
    result = store.query(query.text, bindings=bindings, limit=limit, timeout=timeout,
                         allow_federation=allow_federation)
    return sort_joined(result, query.joined)


def split_joined(value: object) -> list[str]:
    """Return the values a joined column (`# @joined`) holds in one cell; none for an empty or
    unbound cell.

    Examples:
        >>> split_joined(Literal("Ann; Kim"))
        ['Ann', 'Kim']
        >>> split_joined(None)
        []
    """
    return [part for part in str(value or "").split(JOINER) if part]


def sort_joined(result: QueryResult, columns: tuple[str, ...]) -> QueryResult:
    """Sort the values of each joined column (`# @joined`) of every row, by code point.

    Examples:
        >>> rows = ((Literal("Kim; Ann"), Literal("x")),)
        >>> sort_joined(QueryResult("select", ("agents", "label"), rows), ("agents",)).rows
        ((rdflib.term.Literal('Ann; Kim'), rdflib.term.Literal('x')),)
    """
    at = [i for i, variable in enumerate(result.variables) if variable in columns]
    if not at:
        return result

    def sort(value: object) -> object:
        if not isinstance(value, Literal):
            return value
        joined = JOINER.join(sorted(str(value).split(JOINER)))
        return Literal(joined, lang=value.language, datatype=value.datatype)

    rows = tuple(tuple(sort(v) if i in at else v for i, v in enumerate(row))
                 for row in result.rows)
    return replace(result, rows=rows)  # type: ignore[arg-type]


def run_text(
    store: Store,
    sparql: str,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    limit: int | None = None,
    timeout: float | None = None,
    allow_federation: bool = False,
) -> QueryResult:
    """Run a read-only query written by a user, with our prefixes declared for it.

    `kg:`, `kgr:` (under `base_iri`), `evc:`, `plover:`, `cameo:` and the standard prefixes
    (rdf, rdfs, xsd, skos, prov, schema, ...) need no PREFIX lines; the query's own
    declarations win. A query that would reach outside the store (SERVICE, FROM, FROM NAMED) is
    refused unless `allow_federation` is True.

    Raises:
        QueryError: If the query is malformed, an update, reaches outside the store, or exceeds
            its bounds.

    Examples:
        >>> from kg.store import open_store
        >>> with open_store("memory") as store:
        ...     run_text(store, "ASK { ?e a kg:Event }").boolean
        False
    """
    return store.query(_prologue(base_iri) + sparql, limit=limit, timeout=timeout,
                       allow_federation=allow_federation)


def _prologue(base_iri: str) -> str:
    namespaces = {**PREFIXES, "kgr": base_iri}
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in sorted(namespaces.items()))
