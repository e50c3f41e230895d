"""Benchmark a big store: the timeline query (events of one actor in a date range, ordered) on the
embedded on-disk Oxigraph store against rdflib in memory, the user-facing timeline (`kg timeline
--actor NAME --from --to`: the actor found by name, then its entries read), and bulk export
against the native dump.

    python -m benchmarks.bench_store --store DIR [--repeats 15]
"""

from __future__ import annotations

import argparse
import io
import json
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from rdflib import Literal, URIRef

from benchmarks._measure import Peak, spread
from kg.export import export_store
from kg.query import run_named
from kg.store import MemoryStore, OxigraphStore, QueryResult, Store
from kg.store._sparql import check_bindings, values_block
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


def _inlined(store: OxigraphStore, actor: str) -> int:
    """Diagnostic: the same query with its VALUES block inside the GRAPH group, run by
    pyoxigraph directly; what the store reaches when the bindings seed the join."""
    block = values_block(check_bindings({"actor": URIRef(actor), "start": Literal(START),
                                         "end": Literal(END)}))
    text = TIMELINE.replace("GRAPH ?graph {", "GRAPH ?graph { " + block, 1)
    return len(list(store._store.query(text, use_default_graph_as_union=True)))  # noqa: SLF001


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


def run(store_path: Path, repeats: int) -> dict[str, object]:
    """Measure the query and the exports on the store at `store_path`."""
    with OxigraphStore(store_path) as store:
        triples = store.triples_count()
        actor = _busiest_actor(store)
        oxigraph_times, rows = _timed(_lean, store, actor, repeats)
        began = time.perf_counter()
        cli_rows = len(_cli(store, actor))  # once: the named query filters event by event
        cli_seconds = time.perf_counter() - began
        name = _name(store, actor)
        user_times, user_rows = _timed(_user_timeline, store, name, repeats)
        if user_rows != rows:
            raise RuntimeError(f"kg timeline found {user_rows} events, the query {rows}")
        inlined_times = []
        for _ in range(repeats + 1):
            began = time.perf_counter()
            if _inlined(store, actor) != rows:
                raise RuntimeError("the inlined query found other rows")
            inlined_times.append(time.perf_counter() - began)
        dump = io.BytesIO()
        store.dump(dump, "nquads")
        exports = _export(store)
    memory = MemoryStore()
    began = time.perf_counter()
    # the benchmark fills rdflib's Dataset straight from the dump: no public bulk load exists
    with Peak() as peak:
        memory._ds.parse(data=dump.getvalue(), format="nquads")  # noqa: SLF001
    load = time.perf_counter() - began
    rdflib_times, rdflib_rows = _timed(_lean, memory, actor, max(3, repeats // 3))
    if rdflib_rows != rows:
        raise RuntimeError(f"rdflib found {rdflib_rows} rows, oxigraph {rows}")
    ox_stats, rdf_stats = spread(oxigraph_times), spread(rdflib_times)
    return {
        "triples": triples, "actor": actor, "range": [str(START), str(END)], "rows": rows,
        "cli_query_ms": cli_seconds * 1000,
        "cli_query_rows": cli_rows,
        "timeline_actor_name": name,
        "timeline_ms": {k: v * 1000 for k, v in spread(user_times).items()},
        "timeline_rows": user_rows,
        "inlined_values_ms": {k: v * 1000 for k, v in spread(inlined_times[1:]).items()},
        "oxigraph_ms": {k: v * 1000 for k, v in ox_stats.items()},
        "rdflib_ms": {k: v * 1000 for k, v in rdf_stats.items()},
        "speedup_vs_rdflib": rdf_stats["median"] / ox_stats["median"],
        "rdflib_load_s": load, "rdflib_rss_gib": peak.peak / 2**30,
        "export": exports,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    print(json.dumps(run(args.store, args.repeats)))


if __name__ == "__main__":
    main()
