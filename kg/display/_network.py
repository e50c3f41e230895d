"""The actor network: actors by name, coloured by kind, joined by one line per pair whose width
is the number of events (one acted on the other) and statements (one spoke about the other)."""

from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx
import plotly.graph_objects as go

from kg.config import DEFAULT_BASE_IRI
from kg.display._hover import wrapped
from kg.query import run_named, split_joined
from kg.store import QueryResult, Store
from kg.timeline import StatementEntry, Timeline, TimelineEntry, interactions, said_about

UNKNOWN = "unknown"
_KIND_COLOURS = {"person": "#1f77b4", "country": "#d62728", "government": "#ff7f0e",
                 "military": "#8c564b", "armed_group": "#9467bd", "organisation": "#2ca02c",
                 "media": "#17becf", "group": "#e377c2", UNKNOWN: "#7f7f7f"}
_MORE = ("#bcbd22", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5")
_EDGE_KINDS = {"acted on": ("#555", "solid"), "spoke about": ("#c77", "dot")}


def actor_kinds(actors: QueryResult) -> dict[str, str]:
    """Return actor IRI -> kind from a result with `?actor` and `?kind` (the named query
    `list_actors`), for its canonical actors and, where it has the column `?nodes`, for the
    article-level nodes each stands for."""
    kinds: dict[str, str] = {}
    for row in actors.records():
        if row.get("actor") is None or row.get("kind") is None:
            continue
        for iri in (str(row["actor"]), *split_joined(row.get("nodes"))):
            kinds[iri] = str(row["kind"])
    return kinds


def network_chart(entries: Timeline | Iterable[TimelineEntry] = (), *,
                  statements: Iterable[StatementEntry] = (),
                  actors: QueryResult | Mapping[str, str] | None = None,
                  same: QueryResult | Mapping[str, tuple[str, str]] | None = None,
                  title: str = "Actor network", max_actors: int = 40, seed: int = 1) -> go.Figure:
    """Return an interactive actor network: who acted on whom, and who spoke about whom.

    Each actor is a dot labelled with its name, sized by how many events and statements it takes
    part in and coloured by its kind, which `actors` gives (the result of the named query
    `list_actors`, or a mapping from actor IRI to kind). Each pair of actors gets one line per
    relation ("acted on" from `entries`, via `kg.timeline.interactions`; "spoke about" from
    `statements`, via `kg.timeline.said_about`), as wide as the number of events or statements
    behind it; hovering a line's midpoint lists them with their dates. Only the `max_actors`
    busiest actors are drawn (the title says how many were left out).

    Each article names its own actor nodes; `same` (the result of `canonical_actors(store)`, or
    a mapping from actor IRI to its canonical actor's IRI and name) draws the nodes of one
    real-world actor ("Donald Trump", "Donald J. Trump", "Trump") as one dot under its name.
    """
    kinds = actor_kinds(actors) if isinstance(actors, QueryResult) else dict(actors or {})
    one = canonical_map(same) if isinstance(same, QueryResult) else dict(same or {})
    graphs = {"acted on": interactions(entries), "spoke about": said_about(statements)}
    refs = {n: d["record"] for g in graphs.values() for n, d in g.nodes(data=True)}
    node_iris = {n: str(getattr(ref, "iri", n)) for n, ref in refs.items()}
    key = {n: one[iri][0] if iri in one else n for n, iri in node_iris.items()}
    names = {key[n]: one[iri][1] if iri in one else str(getattr(refs[n], "name", n))
             for n, iri in node_iris.items()}
    iris = {key[n]: iri for n, iri in sorted(node_iris.items(), reverse=True)}  # a member's kind
    links: dict[tuple[str, str, str], list[str]] = defaultdict(list)  # (relation, a, b), a < b
    for relation, graph in graphs.items():
        for source, target, data in graph.edges(data=True):
            source, target = key[source], key[target]
            if source == target:  # two names of one actor
                continue
            first, second = sorted((source, target))
            links[(relation, first, second)].append(
                f"{names[source]} → {names[target]}, {_what(data)}")
    busy: Counter[str] = Counter()
    for (_, first, second), lines in links.items():
        busy[first] += len(lines)
        busy[second] += len(lines)
    keep = {n for n, _ in sorted(busy.items(), key=lambda kv: (-kv[1], names[kv[0]]))
            [:max_actors]}
    shown = {key: lines for key, lines in sorted(links.items())
             if key[1] in keep and key[2] in keep}
    layout: nx.Graph[str] = nx.Graph()
    layout.add_nodes_from(sorted(keep))
    for (_, first, second), lines in shown.items():
        weight = layout.get_edge_data(first, second, {"weight": 0})["weight"] + len(lines)
        layout.add_edge(first, second, weight=weight)
    positions = nx.spring_layout(layout, seed=seed, weight="weight",
                                 k=2 / math.sqrt(max(len(layout), 1)))
    figure = go.Figure()
    for relation, (colour, dash) in _EDGE_KINDS.items():
        edges = [(a, b, lines) for (kind, a, b), lines in shown.items() if kind == relation]
        for a, b, lines in edges:
            (x0, y0), (x1, y1) = positions[a], positions[b]
            figure.add_trace(go.Scatter(
                x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                legendgroup=relation, opacity=0.6,
                line={"color": colour, "dash": dash, "width": 1 + 1.5 * len(lines)}))
        if edges:
            figure.add_trace(go.Scatter(
                x=[(positions[a][0] + positions[b][0]) / 2 for a, b, _ in edges],
                y=[(positions[a][1] + positions[b][1]) / 2 for a, b, _ in edges],
                mode="markers", name=relation, legendgroup=relation,
                marker={"size": 7, "color": colour, "symbol": "circle-open"},
                hovertext=[_edge_hover(names[a], names[b], relation, lines)
                           for a, b, lines in edges],
                hoverinfo="text"))
    by_kind: dict[str, list[str]] = defaultdict(list)
    for node in sorted(layout, key=lambda n: names[n]):
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
    left_out = len(busy) - len(keep)
    note = f"{len(keep)} actors" + (f", {left_out} less busy ones not drawn" if left_out else "")
    figure.update_layout(
        title={"text": f"{html.escape(title)}<br><sup>{note}; line width: number of events or "
                       "statements</sup>"},
        xaxis={"visible": False, "range": _padded([x for x, _ in positions.values()], 0.18)},
        yaxis={"visible": False, "range": _padded([y for _, y in positions.values()], 0.08)},
        plot_bgcolor="white",
        hovermode="closest", hoverlabel={"align": "left", "bgcolor": "white"},
        legend={"title": {"text": "actor kind / relation"}},
        margin={"l": 10, "r": 10, "t": 70, "b": 10}, height=650)
    return figure


def canonical_map(rows: QueryResult) -> dict[str, tuple[str, str]]:
    """Return actor IRI -> (canonical actor IRI, name) from a result with `?actor`,
    `?canonical` and `?name` (the named query `canonical_of`)."""
    return {str(row["actor"]): (str(row["canonical"]), str(row["name"]))
            for row in rows.records() if row.get("canonical") is not None}


def canonical_actors(store: Store, *, base_iri: str = DEFAULT_BASE_IRI) -> QueryResult:
    """Return every actor node's canonical actor and its name (the named query `canonical_of`
    over the identity graph that `kg ingest` keeps), for `network_chart(same=...)`."""
    from kg.identity import identity_iri

    return run_named(store, "canonical_of", base_iri=base_iri, identity=identity_iri(base_iri))


def _padded(values: list[float], share: float) -> list[float]:
    """Return the range of the values widened by a share of it on each side, so names written
    beside the outermost dots stay inside the chart.

    Examples:
        >>> _padded([-1.0, 1.0], 0.25)
        [-1.5, 1.5]
    """
    low, high = min(values, default=-1.0), max(values, default=1.0)
    pad = max(high - low, 0.2) * share
    return [low - pad, high + pad]


def _what(data: Mapping[str, object]) -> str:
    """Return an edge's date and label (an event's) or cue (a statement's)."""
    record = data.get("record")
    label = data.get("label") or (record.cue if isinstance(record, StatementEntry) else "")
    return f"{data.get('date', '')}: {label}"


def _edge_hover(first: str, second: str, relation: str, lines: list[str]) -> str:
    shown = lines[:12] + ([f"… and {len(lines) - 12} more"] if len(lines) > 12 else [])
    noun = "event" if relation == "acted on" else "statement"
    return (f"<b>{html.escape(first)}</b> – <b>{html.escape(second)}</b>: {len(lines)} {noun}"
            f"{'' if len(lines) == 1 else 's'} ({relation})<br>"
            + "<br>".join(wrapped(line) for line in shown))
