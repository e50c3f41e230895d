"""Benchmark a big store: the timeline query (events of one actor in a date range, ordered) on the
embedded on-disk Oxigraph store, and the user-facing timeline (`kg timeline --actor NAME --from
--to`: the actor found by name, then its entries read), on the whole store and on a copy of
about a million triples of it (the issue's size); on that copy also rdflib in memory, the named
query `timeline_events`, and bulk export against the native dump (rdflib on the 4M-triple
store would take most of an hour and several GiB).

    python -m benchmarks.bench_store --store DIR [--repeats 15] [--subset-triples 1000000]
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from benchmarks._measure import Peak, spread
from kg.export import export_store
from kg.query import run_named
from kg.store import MemoryStore, OxigraphStore, QueryResult, Store
from kg.timeline import timeline

START, END = date(2018, 1, 1), date(2019, 12, 31)
QUERIES = Path(__file__).parent / "queries"
TIMELINE = (QUERIES / "actor_events_in_range.rq").read_text("utf-8")
BUSIEST = (QUERIES / "busiest_actor.rq").read_text("utf-8")


def _lean(store: Store, actor: str) -> QueryResult:
    return store.query(TIMELINE, bindings={"actor": URIRef(actor), "start": Literal(START),
                                           "end": Literal(END)})


def _cli(store: Store, actor: str) -> QueryResult:
    """The query behind `kg timeline --actor A --from --to` (any name, alias, id or IRI)."""
    return run_named(store, "timeline_events", actor=actor, start=START.isoformat(),
                     end=END.isoformat())


def _timed(run: Callable[[Store, str], QueryResult], store: Store, actor: str, repeats: int
           ) -> tuple[list[float], int]:
    rows = 0
    times = []
    for _ in range(repeats + 1):  # the first run warms caches and is not counted
        began = time.perf_counter()
        rows = len(run(store, actor))
        times.append(time.perf_counter() - began)
    return times[1:], rows


def _busiest_actor(store: Store) -> str:
    return str(store.query(BUSIEST).column("actor")[0])


def _name(store: Store, actor: str) -> str:
    """The actor's name, upper-cased: what a user types, matched in any case."""
    names = store.query("SELECT ?name WHERE { ?actor <https://w3id.org/kg-timeline/ontology#name> "
                        "?name } ORDER BY ?name LIMIT 1", bindings={"actor": URIRef(actor)})
    return str(names.column("name")[0]).upper()


def _user_timeline(store: Store, name: str) -> QueryResult:
    """`kg timeline --actor NAME --from --to` as the library runs it (rows: its entries)."""
    found = timeline(store, actor=name, start=START, end=END)
    return QueryResult(kind="select", rows=tuple((None,) for _ in found.all))


def _export(store: OxigraphStore) -> dict[str, object]:
    """Time every export format; N-Quads and TriG are the store's own dump."""
    seconds: dict[str, float] = {}
    sizes: dict[str, int] = {}
    for fmt in ("nquads", "trig", "turtle"):
        out = io.BytesIO()
        began = time.perf_counter()
        export_store(store, out, fmt)  # type: ignore[arg-type]
        seconds[fmt] = time.perf_counter() - began
        sizes[fmt] = out.tell()
    native = seconds["nquads"]
    return {"seconds": seconds, "bytes": sizes,
            "ratio_to_native_dump": {fmt: value / native for fmt, value in seconds.items()}}


def _subset(store: OxigraphStore, triples: int) -> tuple[bytes, list[str]]:
    """Return the N-Quads of the first named graphs (by IRI: articles in no particular order)
    holding at least `triples` triples, and their names."""
    out, names, count = io.BytesIO(), [], 0
    for graph in store.graphs():
        quads = list(store._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))  # noqa: SLF001
        ox.serialize(quads, out, ox.RdfFormat.N_QUADS)
        names.append(str(graph))
        count += len(quads)
        if count >= triples:
            break
    return out.getvalue(), names


def _queries(store: OxigraphStore, repeats: int) -> dict[str, object]:
    """The benchmark's timeline query and the user-facing timeline, for the busiest actor."""
    actor = _busiest_actor(store)
    times, rows = _timed(_lean, store, actor, repeats)
    name = _name(store, actor)
    user_times, user_rows = _timed(_user_timeline, store, name, max(3, repeats // 3))
    if user_rows != rows:
        raise RuntimeError(f"kg timeline found {user_rows} events, the query {rows}")
    return {"triples": store.triples_count(), "actor": actor, "rows": rows,
            "oxigraph_ms": {k: v * 1000 for k, v in spread(times).items()},
            "timeline_actor_name": name,
            "timeline_ms": {k: v * 1000 for k, v in spread(user_times).items()}}


def run(store_path: Path, repeats: int, subset_triples: int) -> dict[str, object]:
    """Measure the queries on the store at `store_path` and on a copy of `subset_triples` of it;
    rdflib (in memory), the named query and the exports on that copy."""
    with OxigraphStore(store_path) as store:
        whole = _queries(store, repeats)
        data, graphs = _subset(store, subset_triples)
    with tempfile.TemporaryDirectory() as folder, OxigraphStore(Path(folder)) as part:
        part.load_nquads(data, graphs)
        subset = _queries(part, repeats)
        actor = str(subset["actor"])
        began = time.perf_counter()
        subset["cli_query_rows"] = len(_cli(part, actor))  # the named query, event by event
        subset["cli_query_ms"] = (time.perf_counter() - began) * 1000
        exports = _export(part)
    memory = MemoryStore()
    began = time.perf_counter()
    # the benchmark fills rdflib's Dataset straight from the dump: no public bulk load exists
    with Peak() as peak:
        memory._ds.parse(data=data, format="nquads")  # noqa: SLF001
    load = time.perf_counter() - began
    rdflib_times, rdflib_rows = _timed(_lean, memory, actor, max(3, repeats // 3))
    if rdflib_rows != subset["rows"]:
        raise RuntimeError(f"rdflib found {rdflib_rows} rows, oxigraph {subset['rows']}")
    rdf_stats = spread(rdflib_times)
    subset |= {
        "rdflib_ms": {k: v * 1000 for k, v in rdf_stats.items()},
        "speedup_vs_rdflib": rdf_stats["median"] * 1000 / subset["oxigraph_ms"]["median"],  # type: ignore[index]
        "rdflib_load_s": load, "rdflib_rss_gib": peak.peak / 2**30, "export": exports,
    }
    return {"range": [str(START), str(END)], "whole": whole, "subset": subset}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--subset-triples", type=int, default=1_000_000,
                        help="size of the copy that rdflib, the named query and exports run on")
    args = parser.parse_args()
    print(json.dumps(run(args.store, args.repeats, args.subset_triples)))


if __name__ == "__main__":
    main()
