"""Write single RDF terms in N-Triples form, through pyoxigraph, caching the ones that repeat;
and read pyoxigraph's terms back as rdflib terms.

The writer describes each triple as three such strings: N-Quads lines are those strings joined,
and rdflib graphs are parsed from them (by pyoxigraph, then `rdflib_term`), so both come from
one text. pyoxigraph checks each IRI and escapes each literal; a cache keeps the terms most
articles share (vocabulary, kinds, flags, offsets, dates, places) from being written again.
"""

from __future__ import annotations

import functools
from datetime import date, datetime

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import MappingError

_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_STRING = "http://www.w3.org/2001/XMLSchema#string"
_datatype = functools.lru_cache(maxsize=64)(URIRef)
_CACHED = 16384


@functools.lru_cache(maxsize=_CACHED)
def iri(value: str) -> str:
    """Return an IRI in N-Triples form, `<value>`.

    Raises:
        MappingError: If `value` is not an absolute IRI.

    Examples:
        >>> iri("https://example.org/a")
        '<https://example.org/a>'
    """
    try:
        return str(ox.NamedNode(value))
    except ValueError as exc:
        raise MappingError(f"{value!r} cannot be written as an IRI: {exc}") from exc


@functools.lru_cache(maxsize=_CACHED, typed=True)  # typed: True and 1 are different literals
def literal(value: str | bool | int | date | datetime) -> str:
    """Return a value as a literal in N-Triples form: a string plain, an int as xsd:integer, any
    other value with the datatype and lexical form rdflib gives it.

    Examples:
        >>> literal('say "no"'), literal(7), literal(True), literal(date(2019, 8, 20))
        ('"say \\\\"no\\\\""', '"7"^^<http://www.w3.org/2001/XMLSchema#integer>', \
'"true"^^<http://www.w3.org/2001/XMLSchema#boolean>', \
'"2019-08-20"^^<http://www.w3.org/2001/XMLSchema#date>')
    """
    if isinstance(value, str):
        return text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(ox.Literal(str(value), datatype=_INTEGER))
    found = Literal(value)  # rdflib's own lexical form: the reader takes it back with toPython
    return typed(str(found), str(found.datatype))


def text(value: str) -> str:
    """Return a plain string literal in N-Triples form, uncached (for long, unique texts).

    Raises:
        MappingError: If `value` cannot be written as UTF-8.
    """
    try:
        return str(ox.Literal(value))
    except ValueError as exc:
        raise MappingError(f"{value[:40]!r} cannot be written as a literal: {exc}") from exc


@functools.lru_cache(maxsize=_CACHED)
def typed(lexical: str, datatype: str) -> str:
    """Return a literal of the given lexical form and datatype IRI in N-Triples form.

    Examples:
        >>> typed("2019-08", "http://www.w3.org/2001/XMLSchema#gYearMonth")
        '"2019-08"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    """
    return str(ox.Literal(lexical, datatype=ox.NamedNode(datatype)))


def rdflib_term(term: object) -> Node:
    """Return a pyoxigraph term as the rdflib term rdflib's own parser would give.

    An xsd:string literal is a plain literal, as rdflib reads `"text"`.

    Raises:
        ValueError: If the term has no rdflib form (an RDF 1.2 triple term).
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _STRING else \
            Literal(term.value, datatype=_datatype(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise ValueError(f"unsupported RDF term {term!r}")
