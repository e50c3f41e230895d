"""Rich notebook display: timelines, statements, reports of one event and query results as HTML
tables, and interactive plotly charts of a timeline and of an actor network (plotly.js ships
inside the plotly package, so nothing is fetched from the network).

`enable()` makes IPython show `Timeline`, `ActorReport` and `QueryResult` objects as tables
without further calls; `table(obj)` returns an object whose `_repr_html_` does the same anywhere.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

import networkx as nx
import plotly.graph_objects as go

from kg.config import DEFAULT_BASE_IRI
from kg.errors import KGError
from kg.store import QueryResult
from kg.table import cell
from kg.timeline import (
    ActorReport,
    Ref,
    ReportGroup,
    StatementEntry,
    Timeline,
    TimelineEntry,
)

Displayable = (Timeline | ActorReport | QueryResult | Sequence[StatementEntry]
               | Sequence[ReportGroup])
_STYLE = "border-collapse:collapse;font-size:90%"
_CELL = "border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top"


@dataclass(frozen=True)
class Html:
    """A piece of HTML that notebooks render (`_repr_html_`) and `str()` returns as text."""

    text: str

    def _repr_html_(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


def table(obj: Displayable, *, base_iri: str = DEFAULT_BASE_IRI) -> Html:
    """Return an HTML table for a timeline, an actor report, statements, report groups or a query
    result.

    Raises:
        KGError: If the object is of none of these kinds.
    """
    if isinstance(obj, Timeline):
        return Html(timeline_html(obj))
    if isinstance(obj, ActorReport):
        return Html(f"<h4>{html.escape(obj.actor)}: did</h4>{timeline_html(obj.did)}"
                    f"<h4>{html.escape(obj.actor)}: said</h4>{statements_html(obj.said)}")
    if isinstance(obj, QueryResult):
        return Html(result_html(obj, base_iri=base_iri))
    items = list(obj)
    if all(isinstance(item, StatementEntry) for item in items):
        return Html(statements_html(items))  # type: ignore[arg-type]
    if all(isinstance(item, ReportGroup) for item in items):
        return Html("".join(reports_html(group) for group in items))  # type: ignore[arg-type]
    raise KGError(f"cannot show {type(obj).__name__!r} as a table; give a Timeline, ActorReport, "
                  "QueryResult, or a list of StatementEntry or ReportGroup")


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = "".join(f'<th style="{_CELL}">{html.escape(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f'<td style="{_CELL}">{value}</td>' for value in row)
                   + "</tr>" for row in rows)
    return f'<table style="{_STYLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _names(refs: Iterable[Ref]) -> str:
    return html.escape(", ".join(ref.name for ref in refs))


def _article(entry: TimelineEntry | StatementEntry) -> str:
    article = entry.article
    label = html.escape(article.label)
    if article.title and article.title != article.label:
        label += f": <i>{html.escape(article.title)}</i>"
    if article.url:
        label = f'<a href="{html.escape(article.url)}">{label}</a>'
    published = article.day.isoformat() if article.day else ""
    return f"{label} <small>{html.escape(published)}</small>"


def _entry_row(entry: TimelineEntry) -> list[str]:
    return [html.escape(entry.display_date), html.escape(entry.time_origin or ""),
            html.escape(entry.type), html.escape(entry.label or entry.trigger),
            html.escape(entry.factuality.replace("_", " ")), _names(entry.agents),
            _names(entry.targets), html.escape(entry.place.name) if entry.place else "",
            html.escape(entry.source.name) if entry.source else "",
            entry.quote("<mark>", "</mark>", html.escape), _article(entry)]


_ENTRY_HEADER = ("date", "dated by", "type", "event", "factuality", "agents", "targets", "place",
                 "according to", "sentence", "article")


def timeline_html(tl: Timeline) -> str:
    """Return a timeline as an HTML table; undated entries follow in a table of their own."""
    out = f"<h4>{html.escape(tl.title)}</h4>" + _table(
        _ENTRY_HEADER, (_entry_row(e) for e in tl.entries))
    if tl.undated:
        out += "<h5>Undated</h5>" + _table(_ENTRY_HEADER, (_entry_row(e) for e in tl.undated))
    return out + f"<p><small>{len(tl.entries)} dated, {len(tl.undated)} undated</small></p>"


def statements_html(statements: Iterable[StatementEntry]) -> str:
    """Return statements (who said what about whom) as an HTML table, each with its sentence."""
    rows = ([html.escape(s.display_date), html.escape(s.speaker.name) if s.speaker else "",
             html.escape(s.cue), html.escape(s.content or ""), _names(s.about),
             "direct" if s.direct else "reported", s.quote("<mark>", "</mark>", html.escape),
             _article(s)] for s in statements)
    return _table(("date", "speaker", "cue", "what", "about", "speech", "sentence", "article"),
                  rows)


def reports_html(group: ReportGroup) -> str:
    """Return reports of one event side by side, one column per report, differing rows marked."""
    fields = {
        "time": lambda e: e.display_date,
        "type": lambda e: e.type,
        "trigger": lambda e: e.trigger,
        "place": lambda e: e.place.name if e.place else "",
        "agents": lambda e: ", ".join(a.name for a in e.agents),
        "targets": lambda e: ", ".join(t.name for t in e.targets),
        "source": lambda e: e.source.name if e.source else "",
        "negated": lambda e: "yes" if e.negated else "",
        "factuality": lambda e: e.factuality,
        "dated by": lambda e: e.time_origin or "",
        "sentence": lambda e: e.quote(),
    }
    header = ["", *(f"report {i}" for i in range(1, len(group.entries) + 1))]
    rows = [[f"<b>{name}</b>" if name in group.differs else name,
             *(html.escape(str(get(e))) for e in group.entries)]  # type: ignore[no-untyped-call]
            for name, get in fields.items()]
    rows.append(["article", *(_article(e) for e in group.entries)])
    return _table(header, rows)


def result_html(result: QueryResult, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Return a SPARQL result as an HTML table (IRIs shortened with our prefixes)."""
    if result.kind == "ask":
        return f"<p>{str(result.boolean).lower()}</p>"
    rows = ([html.escape(cell(term, base_iri=base_iri)) for term in row] for row in result.rows)
    note = " (truncated)" if result.truncated else ""
    return _table(result.variables, rows) + f"<p><small>{len(result)} rows{note}</small></p>"


def timeline_chart(tl: Timeline, *, height: int | None = None) -> go.Figure:
    """Return an interactive chart: one row per dated event, a bar over its possible days.

    A year-only event spans its year, "since 2014" spans up to publication, a day is one day
    wide; colours are event types; hovering shows the date as written, place, source, article.
    """
    figure = go.Figure()
    rows = {e.id: index for index, e in enumerate(tl.entries)}
    by_type: dict[str, list[TimelineEntry]] = {}
    for entry in tl.entries:
        by_type.setdefault(entry.type, []).append(entry)
    for kind, entries in sorted(by_type.items()):
        starts, widths, ys, hover = [], [], [], []
        for entry in entries:
            when = entry.when
            assert when is not None and when.earliest is not None
            last = when.latest or when.earliest
            starts.append(when.earliest.isoformat())
            widths.append(((last - when.earliest) + timedelta(days=1)).total_seconds() * 1000)
            ys.append(rows[entry.id])
            hover.append("<br>".join(html.escape(part) for part in (
                f"{entry.display_date}: {entry.headline}",
                f"place: {entry.place.name}" if entry.place else "",
                f"according to: {entry.source.name}" if entry.source else "",
                f"article: {entry.article.label}") if part))
        figure.add_trace(go.Bar(base=starts, x=widths, y=ys, orientation="h", name=kind,
                                hovertext=hover, hoverinfo="text"))
    labels = [f"{e.display_date} {e.headline}"[:60] for e in tl.entries]
    figure.update_layout(
        title=tl.title, barmode="overlay", height=height or max(300, 22 * len(tl.entries) + 120),
        xaxis={"type": "date", "title": "date"},
        yaxis={"tickvals": list(range(len(labels))), "ticktext": labels, "autorange": "reversed"},
        legend={"title": "event type"}, margin={"l": 10, "r": 10, "t": 40, "b": 40})
    return figure


def network_chart(graph: nx.Graph[str], *, title: str = "Actor network",
                  seed: int = 1) -> go.Figure:
    """Return an interactive drawing of a graph from `kg.timeline` (`build`, `interactions`,
    `said_about`): nodes coloured by kind, edges hovered with their role or label and date."""
    positions = nx.spring_layout(graph, seed=seed)
    figure = go.Figure()
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    mid_x, mid_y, mid_text = [], [], []
    for source, target, data in graph.edges(data=True):
        (x0, y0), (x1, y1) = positions[source], positions[target]
        edge_x += [x0, x1, None]
        edge_y += [y0, y1, None]
        mid_x.append((x0 + x1) / 2)
        mid_y.append((y0 + y1) / 2)
        mid_text.append(html.escape(f"{data.get('role') or data.get('label', '')} "
                                    f"{data.get('date', '')}".strip()))
    figure.add_trace(go.Scatter(x=edge_x, y=edge_y, mode="lines", hoverinfo="skip",
                                line={"width": 1, "color": "#999"}, showlegend=False))
    figure.add_trace(go.Scatter(x=mid_x, y=mid_y, mode="markers", hovertext=mid_text,
                                hoverinfo="text", marker={"size": 4, "color": "#999"},
                                showlegend=False))
    kinds: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        kinds.setdefault(str(data.get("kind", "actor")), []).append(node)
    for kind, nodes in sorted(kinds.items()):
        names = [_node_label(graph.nodes[node].get("record"), node) for node in nodes]
        figure.add_trace(go.Scatter(
            x=[positions[n][0] for n in nodes], y=[positions[n][1] for n in nodes],
            mode="markers+text" if kind != "event" else "markers", name=kind,
            text=[name[:30] for name in names], textposition="top center",
            hovertext=[html.escape(name) for name in names], hoverinfo="text",
            marker={"size": [8 + 3 * graph.degree(n) for n in nodes]}))
    figure.update_layout(title=title, xaxis={"visible": False}, yaxis={"visible": False},
                         margin={"l": 10, "r": 10, "t": 40, "b": 10}, height=600)
    return figure


def _node_label(record: object, node: object) -> str:
    if isinstance(record, TimelineEntry):
        return f"{record.display_date} {record.headline}"
    if isinstance(record, Ref):
        return record.name
    return str(node)


def enable(shell: object | None = None) -> bool:
    """Make IPython show timelines, actor reports and query results as HTML tables.

    Args:
        shell: The IPython shell; the running one if not given.

    Returns:
        False when not running under IPython (nothing is registered), else True.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["text/html"]  # type: ignore[union-attr]
    for kind in (Timeline, ActorReport, QueryResult):
        formatter.for_type(kind, lambda obj: table(obj).text)
    return True
