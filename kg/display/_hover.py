"""Hover text for charts: an entry's date, headline, sentence (trigger in bold), place, source,
factuality, where its date came from, and its article, as plotly's small HTML subset."""

from __future__ import annotations

import html
import textwrap

from kg.timeline import StatementEntry, TimelineEntry

_WIDTH = 80  # characters a hover line holds before it wraps
_OPEN, _CLOSE = "\x01", "\x02"  # stand-ins for <b> and </b> that survive escaping and wrapping


def wrapped(text: str, *, width: int = _WIDTH) -> str:
    """Return text escaped and wrapped into hover lines.

    Examples:
        >>> wrapped("Acme <raided> the bridge", width=12)
        'Acme<br>&lt;raided&gt; the<br>bridge'
    """
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width) or [""])


def quoted(entry: TimelineEntry | StatementEntry) -> str:
    """Return the entry's sentence wrapped for hovering, its trigger or cue in bold ("" if none).

    Examples:
        >>> from kg.timeline import ArticleRef, Sentence
        >>> entry = TimelineEntry(iri="x", id="e", type="conflict.assault", trigger="raided",
        ...     trigger_start=10, trigger_end=16, article=ArticleRef(iri="a", id="a1"),
        ...     sentence=Sentence(text="Acme Corp raided the bridge", start=0, end=27))
        >>> quoted(entry)
        '“Acme Corp <b>raided</b> the bridge”'
    """
    text = entry.quote(_OPEN, _CLOSE)
    if not text:
        return ""
    lines = textwrap.wrap(f"“{text}”", _WIDTH)
    body = "<br>".join(html.escape(line) for line in lines)
    return body.replace(_OPEN, "<b>").replace(_CLOSE, "</b>")


def entry_hover(entry: TimelineEntry) -> str:
    """Return the hover text of one timeline entry."""
    when = entry.when
    dated = entry.display_date
    if when is not None and when.text and when.text != dated:
        dated += f" (“{when.text}”)"
    facts = [f"factuality: {entry.factuality.replace('_', ' ')}"]
    if entry.time_origin:
        facts.append(f"dated by: {entry.time_origin.replace('_', ' ')}")
    lines = [f"<b>{html.escape(dated)}</b>  {html.escape(entry.type)}",
             wrapped(entry.headline), quoted(entry),
             html.escape(f"place: {entry.place.name}") if entry.place else "",
             html.escape(f"according to: {entry.source.name}") if entry.source else "",
             html.escape(", ".join(facts)),
             wrapped(f"article: {entry.article.citation}"
                     + (f" · {entry.article.title}" if entry.article.title
                        and entry.article.title != entry.article.label else ""))]
    return "<br>".join(line for line in lines if line)
