"""The actor network: actors by name, coloured by kind, joined by one line per pair whose width
is the number of events (one acted on the other) and statements (one spoke about the other)."""

from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx
import plotly.graph_objects as go

from kg.display._hover import wrapped
from kg.store import QueryResult
from kg.timeline import StatementEntry, Timeline, TimelineEntry, interactions, said_about

UNKNOWN = "unknown"
_KIND_COLOURS = {"person": "#1f77b4", "country": "#d62728", "government": "#ff7f0e",
                 "military": "#8c564b", "armed_group": "#9467bd", "organisation": "#2ca02c",
                 "media": "#17becf", "group": "#e377c2", UNKNOWN: "#7f7f7f"}
_MORE = ("#bcbd22", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5")
_EDGE_KINDS = {"acted on": ("#555", "solid"), "spoke about": ("#c77", "dot")}


def actor_kinds(actors: QueryResult) -> dict[str, str]:
    """Return actor IRI -> kind from a result with `?actor` and `?kind` (the named query
    `list_actors`)."""
    return {str(row["actor"]): str(row["kind"]) for row in actors.records()
            if row.get("actor") is not None and row.get("kind") is not None}


def network_chart(entries: Timeline | Iterable[TimelineEntry] = (), *,
                  statements: Iterable[StatementEntry] = (),
                  actors: QueryResult | Mapping[str, str] | None = None,
                  title: str = "Actor network", max_actors: int = 40, seed: int = 1) -> go.Figure:
    """Return an interactive actor network: who acted on whom, and who spoke about whom.

    Each actor is a dot labelled with its name, sized by how many events and statements it takes
    part in and coloured by its kind, which `actors` gives (the result of the named query
    `list_actors`, or a mapping from actor IRI to kind). Each pair of actors gets one line per
    relation ("acted on" from `entries`, via `kg.timeline.interactions`; "spoke about" from
    `statements`, via `kg.timeline.said_about`), as wide as the number of events or statements
    behind it; hovering a line's midpoint lists them with their dates. Only the `max_actors`
    busiest actors are drawn (the title says how many were left out).
    """
    kinds = actor_kinds(actors) if isinstance(actors, QueryResult) else dict(actors or {})
    graph = _weighted(interactions(entries), "acted on")
    spoken = _weighted(said_about(statements), "spoke about")
    graph.add_nodes_from(spoken.nodes(data=True))
    for source, target, data in spoken.edges(data=True):
        graph.add_edge(source, target, **data)
    names = {n: str(getattr(data.get("record"), "name", n)) for n, data in graph.nodes(data=True)}
    iris = {n: str(getattr(data.get("record"), "iri", n)) for n, data in graph.nodes(data=True)}
    busy = Counter({n: sum(d["weight"] for *_, d in graph.edges(n, data=True)) for n in graph})
    keep = {n for n, _ in sorted(busy.items(), key=lambda kv: (-kv[1], names[kv[0]]))
            [:max_actors]}
    drawn = nx.MultiGraph(graph.subgraph(keep))
    simple = nx.Graph()
    simple.add_nodes_from(sorted(drawn))
    for u, v, data in drawn.edges(data=True):
        weight = simple.get_edge_data(u, v, {"weight": 0})["weight"] + data["weight"]
        simple.add_edge(u, v, weight=weight)
    positions = nx.spring_layout(simple, seed=seed, weight="weight",
                                 k=2 / math.sqrt(max(len(simple), 1)))
    figure = go.Figure()
    for relation, (colour, dash) in _EDGE_KINDS.items():
        edges = [(u, v, d) for u, v, d in drawn.edges(data=True) if d["relation"] == relation]
        for u, v, data in edges:
            (x0, y0), (x1, y1) = positions[u], positions[v]
            figure.add_trace(go.Scatter(
                x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                legendgroup=relation, opacity=0.6,
                line={"color": colour, "dash": dash, "width": 1 + 1.5 * data["weight"]}))
        if edges:
            figure.add_trace(go.Scatter(
                x=[(positions[u][0] + positions[v][0]) / 2 for u, v, _ in edges],
                y=[(positions[u][1] + positions[v][1]) / 2 for u, v, _ in edges],
                mode="markers", name=relation, legendgroup=relation,
                marker={"size": 6, "color": colour, "symbol": "circle-open"},
                hovertext=[_edge_hover(names[u], names[v], d) for u, v, d in edges],
                hoverinfo="text"))
    by_kind: dict[str, list[str]] = defaultdict(list)
    for node in sorted(simple, key=lambda n: names[n]):
        by_kind[kinds.get(iris[node], UNKNOWN)].append(node)
    extra = iter(_MORE)
    for kind in sorted(by_kind, key=lambda k: (k == UNKNOWN, k)):
        nodes = by_kind[kind]
        colour = _KIND_COLOURS.get(kind) or next(extra, "#333")
        figure.add_trace(go.Scatter(
            x=[positions[n][0] for n in nodes], y=[positions[n][1] for n in nodes],
            mode="markers+text", name=kind.replace("_", " "), text=[names[n] for n in nodes],
            textposition="top center", textfont={"size": 11},
            marker={"size": [10 + 4 * math.sqrt(busy[n]) for n in nodes], "color": colour,
                    "line": {"color": "white", "width": 1}},
            hovertext=[html.escape(f"{names[n]} ({kind.replace('_', ' ')}): {busy[n]} events "
                                   "and statements") for n in nodes],
            hoverinfo="text"))
    left_out = graph.number_of_nodes() - len(keep)
    note = f"{len(keep)} actors" + (f", {left_out} less busy ones not drawn" if left_out else "")
    figure.update_layout(
        title={"text": f"{html.escape(title)}<br><sup>{note}; line width: number of events or "
                       "statements</sup>"},
        xaxis={"visible": False}, yaxis={"visible": False}, plot_bgcolor="white",
        hovermode="closest", hoverlabel={"align": "left", "bgcolor": "white"},
        legend={"title": {"text": "actor kind / relation"}},
        margin={"l": 10, "r": 10, "t": 70, "b": 10}, height=650)
    return figure


def _weighted(graph: nx.MultiDiGraph[str], relation: str) -> nx.MultiDiGraph[str]:
    """Return one edge per ordered pair of actors, with its `weight` (the number of edges it
    stands for), its `relation` and the `what` (label and date) of each."""
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    out.add_nodes_from(graph.nodes(data=True))
    what: dict[tuple[str, str], list[str]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        record = data.get("record")
        label = data.get("label") or (record.cue if isinstance(record, StatementEntry) else "")
        what[(source, target)].append(f"{data.get('date', '')}: {label}".strip(": "))
    for (source, target), lines in sorted(what.items()):
        out.add_edge(source, target, key=relation, weight=len(lines), relation=relation,
                     what=tuple(lines))
    return out


def _edge_hover(source: str, target: str, data: Mapping[str, object]) -> str:
    lines = list(data["what"])  # type: ignore[call-overload]
    shown = lines[:12] + ([f"… and {len(lines) - 12} more"] if len(lines) > 12 else [])
    return (f"<b>{html.escape(source)}</b> {data['relation']} <b>{html.escape(target)}</b>: "
            f"{len(lines)}<br>" + "<br>".join(wrapped(line) for line in shown))
