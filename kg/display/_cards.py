"""HTML cards for single records: a timeline or statement entry with its sentence, and the
extraction records (`Event`, `Statement`, `Actor`, `Place`, and an `Extraction` as a summary
with its events)."""

from __future__ import annotations

import html

from pydantic import BaseModel

from kg.display._tables import Html, article_html, statements_html
from kg.model import Extraction, Span, TimeValue
from kg.timeline import StatementEntry, TimelineEntry

_CARD = "border:1px solid #ddd;border-radius:4px;padding:6px 10px;font-size:90%;max-width:60em"
_KEY = "color:#666;padding-right:1em;vertical-align:top;text-align:left"
_VALUE = "vertical-align:top;text-align:left"


def card(record: BaseModel) -> Html:
    """Return an HTML card for one record: an entry shows its headline and marked sentence, an
    extraction its counts and events, any other record its set fields."""
    if isinstance(record, TimelineEntry):
        return Html(_entry(record))
    if isinstance(record, StatementEntry):
        return Html(statements_html([record]))
    if isinstance(record, Extraction):
        return Html(_extraction(record))
    return Html(_fields(record))


def _value(value: object) -> str:
    if isinstance(value, Span):
        return f"“{html.escape(value.text)}” <small>[{value.start}:{value.end}]</small>"
    if isinstance(value, BaseModel):
        return ", ".join(f"{key}={_value(inner)}" for key, inner in value
                         if inner not in (None, (), ""))
    if isinstance(value, tuple):
        return "; ".join(_value(item) for item in value)
    return html.escape(str(value))


def _fields(record: BaseModel) -> str:
    rows = "".join(f'<tr><th style="{_KEY}">{html.escape(name)}</th>'
                   f'<td style="{_VALUE}">{_value(value)}</td></tr>'
                   for name, value in record if value not in (None, (), ""))
    return (f'<div style="{_CARD}"><b>{html.escape(type(record).__name__)}</b>'
            f"<table>{rows}</table></div>")


def _extraction(extraction: Extraction) -> str:
    article = extraction.article
    names = {a.id: a.name for a in extraction.actors} | {p.id: p.name for p in extraction.places}
    counts = ", ".join(f"{len(getattr(extraction, kind))} {kind}" for kind in
                       ("actors", "places", "times", "events", "statements"))
    head = html.escape(article.title or article.id)
    rows = "".join(
        "<tr>" + "".join(f'<td style="{_VALUE}">{cell}</td>' for cell in (
            html.escape(_time(e.time)), html.escape(e.type),
            html.escape(e.trigger.text),
            html.escape(", ".join(names.get(a, a) for a in e.agents)),
            html.escape(", ".join(names.get(t, t) for t in e.targets)),
            html.escape(names.get(e.place, e.place) if e.place else ""),
            html.escape(e.factuality))) + "</tr>"
        for e in extraction.events)
    header = "".join(f'<th style="{_KEY}">{name}</th>' for name in
                     ("time", "type", "trigger", "agents", "targets", "place", "factuality"))
    return (f'<div style="{_CARD}"><b>{head}</b> <small>{html.escape(article.id)}, '
            f"{html.escape(str(article.published or ''))}</small><br>{counts}"
            f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table></div>")


def _entry(entry: TimelineEntry) -> str:
    when = entry.when
    said = f" (“{when.text}”)" if when and when.text and when.text != entry.display_date else ""
    facts = {
        "when": html.escape(entry.display_date + said),
        "type": html.escape(entry.type + (f" (CAMEO {entry.cameo})" if entry.cameo else "")),
        "agents": html.escape(", ".join(a.name for a in entry.agents)),
        "targets": html.escape(", ".join(t.name for t in entry.targets)),
        "place": html.escape(entry.place.name) if entry.place else "",
        "according to": html.escape(entry.source.name) if entry.source else "",
        "factuality": html.escape(entry.factuality.replace("_", " ")),
        "dated by": html.escape(entry.time_origin or ""),
        "article": article_html(entry),
    }
    rows = "".join(f'<tr><th style="{_KEY}">{name}</th><td style="{_VALUE}">{value}</td></tr>'
                   for name, value in facts.items() if value)
    quote = entry.quote("<mark>", "</mark>", html.escape)
    return (f'<div style="{_CARD}"><b>{html.escape(entry.headline)}</b>'
            + (f'<blockquote style="margin:4px 0 4px 1em">{quote}</blockquote>' if quote else "")
            + f"<table>{rows}</table></div>")


def _time(time: TimeValue | None) -> str:
    """Return a time as its value, with its modifier ("since 2014")."""
    if time is None:
        return ""
    return f"{time.mod.lower().replace('_', ' ')} {time.value}" if time.mod else time.value
