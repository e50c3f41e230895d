"""HTML tables for timelines, statements, reports of one event and query results."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


# columns a reader reads rather than scans get room
_WIDTHS = {"sentence": "min-width:22em", "what": "min-width:16em", "article": "min-width:10em",
           "date": "min-width:6em"}


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    names = list(header)
    styles = [f"{_CELL};{_WIDTHS[name]}" if name in _WIDTHS else _CELL for name in names]
    head = "".join(f'<th style="{style}">{html.escape(h)}</th>'
                   for h, style in zip(names, styles, strict=True))
    body = "".join("<tr>" + "".join(f'<td style="{style}">{value}</td>'
                                    for value, style in zip(row, styles, strict=False))
                   + "</tr>" for row in rows)
    return f'<table style="{_STYLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _names(refs: Iterable[Ref]) -> str:
    return html.escape(", ".join(ref.name for ref in refs))


def article_html(entry: TimelineEntry | StatementEntry) -> str:
    """Return the article of an entry: publisher, title (linked to the article) and day."""
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
            entry.quote("<mark>", "</mark>", html.escape), article_html(entry)]


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
             article_html(s)] for s in statements)
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
    rows.append(["article", *(article_html(e) for e in group.entries)])
    return _table(header, rows)


def result_html(result: QueryResult, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Return a SPARQL result as an HTML table (IRIs shortened with our prefixes)."""
    if result.kind == "ask":
        return f"<p>{str(result.boolean).lower()}</p>"
    rows = ([html.escape(cell(term, base_iri=base_iri)) for term in row] for row in result.rows)
    note = " (truncated)" if result.truncated else ""
    return _table(result.variables, rows) + f"<p><small>{len(result)} rows{note}</small></p>"

