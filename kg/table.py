"""Render query results for people and tools: an aligned text table, CSV, or SPARQL JSON results."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Literal

from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.config import DEFAULT_BASE_IRI
from kg.errors import QueryError
from kg.store import QueryResult
from kg.vocab import bind_prefixes

TableFormat = Literal["table", "csv", "json"]
_MAX_CELL = 60
# OWASP's CSV injection rule: a cell starting with one of these is read as a formula by
# spreadsheets, so it gets a leading apostrophe; plain numbers and (signed) ISO dates are kept
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
                    r"|[+-]?\d{4,}-\d{2}(?:-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?)?")


def csv_cell(text: str) -> str:
    """Make a cell safe to open in a spreadsheet: a leading apostrophe on a formula.

    Examples:
        >>> print(csv_cell('=HYPERLINK("http://example.org","x")'))
        '=HYPERLINK("http://example.org","x")
        >>> [csv_cell(text) for text in ("-3", "+1.5", "-0044-03-15", "2019-08-20", "@SUM(A1)")]
        ['-3', '+1.5', '-0044-03-15', '2019-08-20', "'@SUM(A1)"]
    """
    if text.startswith(_FORMULA_START) and not _PLAIN.fullmatch(text):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Return CSV (a header line, then one line per row), every cell made safe by `csv_cell`.

    Every CSV kg writes (query results, timelines, exports) goes through here.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(name) for name in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


@functools.lru_cache(maxsize=4)
def _namespaces(base_iri: str) -> NamespaceManager:
    graph = Graph()
    bind_prefixes(graph, base_iri)
    return graph.namespace_manager


def cell(term: Node | None, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Show one term briefly: IRIs as prefixed names, literals as their lexical form.

    Examples:
        >>> cell(URIRef("https://w3id.org/kg-timeline/id/actor/turkey"))
        'kgr:actor/turkey'
        >>> cell(RDFLiteral("2019-08-20"))
        '2019-08-20'
        >>> cell(None)
        ''
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in _namespaces(base_iri).namespaces():
            if prefix and str(term).startswith(str(namespace)):
                return f"{prefix}:{str(term)[len(str(namespace)):]}"
        return f"<{term}>"
    return str(term)


def render(result: QueryResult, fmt: TableFormat = "table", *,
           base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Render a query result as a text table, CSV or W3C SPARQL 1.1 JSON results.

    Raises:
        QueryError: If the format is unknown.
    """
    if fmt == "json":
        return json.dumps(_sparql_json(result), indent=2, ensure_ascii=False) + "\n"
    if result.kind == "ask":
        return f"{str(result.boolean).lower()}\n"
    if fmt == "csv":
        return csv_text(result.variables,
                        (["" if term is None else str(term) for term in row]
                         for row in result.rows))
    if fmt != "table":
        raise QueryError(f"unknown result format {fmt!r}; expected table, csv or json")
    rows = [[_clip(cell(term, base_iri=base_iri)) for term in row] for row in result.rows]
    widths = [max([len(name), *(len(row[i]) for row in rows)])
              for i, name in enumerate(result.variables)]
    lines = ["  ".join(name.ljust(width) for name, width in zip(result.variables, widths,
                                                               strict=True)).rstrip(),
             "  ".join("-" * width for width in widths)]
    lines += ["  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)
                        ).rstrip() for row in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def _sparql_json(result: QueryResult) -> dict[str, object]:
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    bindings = [{name: _term_json(term) for name, term in zip(result.variables, row, strict=True)
                 if term is not None} for row in result.rows]
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def _term_json(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, RDFLiteral):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "literal", "value": str(term)}
