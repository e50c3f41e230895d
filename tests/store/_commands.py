"""Every read command of `kg`, with arguments taken from the store itself, and how to compare
their answers across backends: what `test_backends.py` and `benchmarks/bench_backends.py` run
on the embedded store, an Oxigraph server and a Virtuoso server.

The arguments (an actor, a place, a graph, an event, an article, a day) are read from the
embedded store's answers, never written down, so the same list works on any corpus.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import PROV

from kg.config import DEFAULT_BASE_IRI
from kg.query import list_queries, load_query
from kg.store import RemoteStore, open_store

Run = Callable[..., str]  # kg(*args) -> stdout, the store options added by the caller
RDF_FORMATS = ("turtle", "trig", "nquads", "jsonld")
EXPORT_FORMATS = (*RDF_FORMATS, "timelinejs", "csv", "graphml")
_ORDERED = re.compile(r"^ORDER BY", re.M)
# the times of an extraction run (written to the millisecond): each ingest runs at its own moment
_RUN_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(?:Z|[+-]\d\d:\d\d)?")
_RUN_TIMES = (PROV.startedAtTime, PROV.endedAtTime)
TIMELINE_FORMATS = ("table", "json", "csv", "timelinejs", "jsonld", "turtle", "trig", "nquads",
                    "graphml")


def _rows(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def arguments(kg: Run) -> dict[str, str]:
    """Pick one value of each kind of argument from the store: the most mentioned actor and
    place, the first graph, the first event of the timeline with its article and day."""
    actors = _rows(kg("query", "--name", "list_actors", "--format", "csv"))
    places = _rows(kg("query", "--name", "list_places", "--format", "csv"))
    graphs = _rows(kg("query", "--name", "list_graphs", "--format", "csv"))
    events = _rows(kg("query", "--name", "timeline_events", "--format", "csv"))
    dated = [row for row in events if row.get("earliest")]
    event = dated[0] if dated else events[0]
    place = max(places, key=lambda row: int(row.get("mentions") or 0))
    return {
        "actor": actors[0]["name"],
        "actor_iri": actors[0]["actor"],
        "place": place["name"],
        "place_iri": place["place"],
        "graph": graphs[0]["graph"],
        "event": event["event"],
        "article": event["article"],
        "from": (dated[0]["earliest"] if dated else "2000-01-01")[:10],
        "to": (dated[-1]["latest"] if dated else "2030-12-31")[:10],
    }


def _value(kind: str | None, type_: str, name: str, picked: dict[str, str]) -> str:
    """The value of a required parameter of a named query, from the picked arguments."""
    if type_ == "name":
        return picked[kind or "actor"]
    if type_ == "iri":
        if kind == "identity":
            return f"{DEFAULT_BASE_IRI}identity"
        return picked.get(f"{kind}_iri", picked.get(kind or name, picked["graph"]))
    if type_ == "date":
        return picked["to" if name == "end" else "from"]
    if name == "low":  # graph_slice: the whole key range
        return "0" * 32
    if name == "high":
        return "g"
    return picked["actor"]  # a string: a name to look up


def commands(picked: dict[str, str]) -> list[tuple[str, ...]]:
    """Every read command: stats, validate, every named query (its required parameters
    bound), actors, timelines by actor, place, article and days in every format, and every
    export format."""
    found: list[tuple[str, ...]] = [("stats",), ("validate",)]
    for query in list_queries():
        bound = [f"{param.name}={_value(param.kind, param.type, param.name, picked)}"
                 for param in query.params if not param.optional]
        found.append(("query", "--name", query.name, "--format", "csv",
                      *(arg for value in bound for arg in ("-p", value))))
    found += [("actors", "--format", fmt) for fmt in ("table", "jsonl")]
    found += [("timeline", "--actor", picked["actor"], "--format", fmt)
              for fmt in TIMELINE_FORMATS]
    found += [("timeline", "--place", picked["place"], "--format", "csv"),
              ("timeline", "--article", _local(picked["article"]), "--format", "json"),
              ("timeline", "--from", picked["from"], "--to", picked["to"], "--format", "csv"),
              ("timeline", "--factuality", "all", "--format", "csv")]
    found += [("export", "--format", fmt) for fmt in EXPORT_FORMATS]
    return found


def comparable(command: tuple[str, ...], out: str) -> object:
    """The answer as compared across backends: RDF as a canonical graph (or a set of named
    canonical graphs), anything else as its text; the times of the extraction runs left out."""
    fmt = command[command.index("--format") + 1] if "--format" in command else "table"
    out = _RUN_TIME.sub("<run time>", out) if fmt not in RDF_FORMATS else out
    if command[:2] == ("query", "--name") and out and \
            not _ORDERED.search(load_query(command[2]).text):
        header, *rows = out.splitlines()  # a query without ORDER BY: rows in no set order
        return "\n".join([header, *sorted(rows)])
    if fmt not in RDF_FORMATS:
        return out
    if fmt == "turtle":
        parsed = Graph().parse(data=out, format="turtle")
        return to_isomorphic(_timeless(parsed))
    dataset = Dataset()
    dataset.parse(data=out, format="json-ld" if fmt == "jsonld" else fmt)
    graphs: dict[str, Graph] = {}
    for graph in dataset.graphs():  # a graph named by a blank node: another label each run
        name = str(graph.identifier) if isinstance(graph.identifier, URIRef) else "_:"
        for triple in graph:
            graphs.setdefault(name, Graph()).add(triple)
    return {name: to_isomorphic(_timeless(graph)) for name, graph in graphs.items()}


def _timeless(graph: Graph) -> Graph:
    """The graph without the start and end times of its extraction runs."""
    kept = Graph()
    for triple in graph:
        if triple[1] not in _RUN_TIMES:
            kept.add(triple)
    return kept


def same(expected: object, found: object) -> bool:
    """Tell whether two answers of `comparable` are the same."""
    if isinstance(expected, Graph) and isinstance(found, Graph):
        return isomorphic(expected, found)
    if isinstance(expected, dict) and isinstance(found, dict):
        return expected.keys() == found.keys() and all(
            isomorphic(graph, found[name]) for name, graph in expected.items())
    return expected == found


def differences(answers: dict[tuple[str, ...], object],
                reference: dict[tuple[str, ...], object]) -> list[str]:
    """The commands whose answer is not the reference's, each with its first differing line."""
    wrong = []
    for command, expected in reference.items():
        found = answers.get(command)
        if same(expected, found):
            continue
        where = ""
        if isinstance(expected, str) and isinstance(found, str):
            pairs = zip(expected.splitlines(), found.splitlines(), strict=False)
            first = next(((a, b) for a, b in pairs if a != b), None)
            where = f": {first[0][:120]!r} != {first[1][:120]!r}" if first else \
                f": {len(expected.splitlines())} != {len(found.splitlines())} lines"
        wrong.append(f"kg {' '.join(command)}{where}")
    return wrong


def folder_free(out: str, folder: Path) -> str:
    """The answer with the corpus folder's path written as `/corpus` (each run reads its own
    copy of the sample)."""
    where = folder.resolve()
    return out.replace(where.as_uri(), "file:///corpus").replace(str(where), "/corpus")


_GRAPH = re.compile(rb"<([^<>]*)> \.\s*$")  # an N-Quads line's graph: its last term


def copy_graphs(embedded: Path, url: str, server: str, max_rows: int | None,
                batch: int = 32) -> None:
    """Give a server the graphs of an embedded store, a batch at a time by the remote store's
    verified load (`RemoteStore.load_nquads`, the path `kg ingest` writes by)."""
    dump = io.BytesIO()
    with open_store(embedded, mode="read") as source:
        source.dump(dump, "nquads")
    quads: dict[str, list[bytes]] = {}
    for line in dump.getvalue().splitlines(keepends=True):
        graph = _GRAPH.search(line)
        assert graph is not None, line
        quads.setdefault(graph.group(1).decode(), []).append(line)
    names = sorted(quads)
    with RemoteStore(url, server=server, max_rows=max_rows) as target:
        for start in range(0, len(names), batch):
            chunk = names[start:start + batch]
            target.load_nquads(b"".join(b"".join(quads[name]) for name in chunk), chunk)
