"""Write extractions, stored graphs and timelines out: JSON, JSON Lines, Turtle, TriG, N-Quads,
JSON-LD, and for timelines also a text table, CSV, TimelineJS3 JSON and GraphML (for Gephi).

Serialising is rdflib's; JSON-LD is compacted with our context in `ontology/context.jsonld`.
"""

from __future__ import annotations

import functools
import html
import io
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, BinaryIO, Literal, TextIO

from rdflib import Dataset, Graph

from kg.config import DEFAULT_BASE_IRI
from kg.errors import KGError
from kg.model import Extraction
from kg.rdf import to_graph
from kg.store import Store
from kg.table import csv_text
from kg.timeline import Ref, StatementEntry, Timeline, TimelineEntry, build, event_graph
from kg.vocab import bind_prefixes, ontology_path

# networkx is imported by the functions that draw a graph: a timeline table does not load it
if TYPE_CHECKING:
    import networkx as nx

RecordFormat = Literal["json", "jsonl"]
RdfFormat = Literal["turtle", "trig", "nquads", "jsonld"]
RDF_FORMATS: tuple[RdfFormat, ...] = ("turtle", "trig", "nquads", "jsonld")
_RDFLIB_NAMES = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def jsonld_context() -> dict[str, object]:
    """Return our JSON-LD context (the value of "@context" in ontology/context.jsonld)."""
    with ontology_path("context.jsonld").open(encoding="utf-8") as handle:
        document = json.load(handle)
    context: dict[str, object] = document["@context"]
    return context


def extraction_json(extraction: Extraction, *, indent: int | None = 2) -> str:
    """Return one extraction as JSON following the `kg extract` output contract: the records,
    with the article's `text_hash` (SHA-256 of its text, the key kg stores and replaces it by)."""
    text = extraction.model_dump_json(indent=indent)  # pydantic's own writer: ten times faster
    head = '"article":{' if indent is None else '"article": {'  # the first field's opening
    at = text.index(head) + len(head)
    field = ('"text_hash":"{}",' if indent is None else
             "\n" + " " * (2 * indent) + '"text_hash": "{}",').format(extraction.article.text_hash)
    return text[:at] + field + text[at:]


def serialize(graph: Graph | Dataset, fmt: RdfFormat, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Serialise a graph or dataset with rdflib, binding our prefixes and JSON-LD context.

    Raises:
        KGError: If the format is unknown.
    """
    if fmt not in _RDFLIB_NAMES:
        raise KGError(f"unknown RDF format {fmt!r}; expected one of {list(_RDFLIB_NAMES)}")
    bind_prefixes(graph, base_iri)
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    if fmt in ("trig", "nquads") and not isinstance(graph, Dataset):
        dataset = Dataset()
        bind_prefixes(dataset, base_iri)
        named = dataset.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
        return dataset.serialize(format=_RDFLIB_NAMES[fmt])
    return graph.serialize(format=_RDFLIB_NAMES[fmt])


def write_extractions(out: TextIO, extractions: Iterable[Extraction],
                      fmt: RecordFormat | RdfFormat, *, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Write each extraction as it comes: one JSON object, JSON line or RDF document per article.

    Returns:
        How many extractions were written.
    """
    count = 0
    for extraction in extractions:
        if fmt == "json":
            out.write(extraction_json(extraction) + "\n")
        elif fmt == "jsonl":
            out.write(extraction_json(extraction, indent=None) + "\n")
        else:
            out.write(serialize(to_graph(extraction, base_iri=base_iri), fmt, base_iri=base_iri))
        out.flush()
        count += 1
    return count


def export_store(store: Store, out: BinaryIO, fmt: RdfFormat, *,
                 base_iri: str = DEFAULT_BASE_IRI) -> None:
    """Write everything in a store: N-Quads and TriG (one named graph per article) and Turtle
    (the union of the article graphs) by the store's own serialisers; JSON-LD with one named
    graph per article, compacted with our context by rdflib.

    Raises:
        KGError: If the format is unknown.
    """
    if fmt in ("nquads", "trig", "turtle"):
        store.dump(out, fmt, base_iri=base_iri)
        return
    if fmt not in RDF_FORMATS:
        raise KGError(f"unknown RDF format {fmt!r}; expected one of {list(RDF_FORMATS)}")
    buffer = io.BytesIO()
    store.dump(buffer, "nquads")
    dataset = Dataset()
    dataset.parse(data=buffer.getvalue(), format="nquads")
    out.write(serialize(dataset, "jsonld", base_iri=base_iri).encode("utf-8"))


# --- timelines: text table, JSON, CSV, TimelineJS3, GraphML, and RDF of the events ---

TimelineFormat = Literal["table", "json", "csv", "timelinejs", "jsonld", "turtle", "trig",
                         "nquads", "graphml"]
TIMELINE_FORMATS: tuple[TimelineFormat, ...] = ("table", "json", "csv", "timelinejs", "jsonld",
                                                "turtle", "trig", "nquads", "graphml")
_CSV_COLUMNS = ("date", "earliest", "latest", "granularity", "uncertain", "time_origin", "type",
                "label", "factuality", "confidence", "agents", "targets", "recipients",
                "instruments", "place", "source", "article", "title", "publisher", "published",
                "url", "trigger", "sentence", "event", "cluster", "reports", "roles", "themes")
_TABLE_COLUMNS = ("date", "dated by", "type", "event", "factuality", "place", "source", "reports",
                  "article")
_MAX_CELL = 48
_QUOTE_INDENT = "    "


def write_timeline(out: TextIO, tl: Timeline, fmt: TimelineFormat, *, store: Store | None = None,
                   base_iri: str = DEFAULT_BASE_IRI) -> None:
    """Write a timeline in one format; the RDF formats need the store the timeline came from.

    Raises:
        KGError: If the format is unknown, or an RDF format is asked for without a store.
    """
    if fmt in RDF_FORMATS:
        if store is None:
            raise KGError(f"the {fmt!r} export of a timeline needs the store it was read from")
        out.write(serialize(event_graph(store, tl, base_iri=base_iri), fmt, base_iri=base_iri))
        return
    writers: dict[str, Callable[[Timeline], str]] = {
        "table": timeline_table, "json": timeline_json, "csv": timeline_csv,
        "timelinejs": timelinejs,
        "graphml": lambda t: graphml(build(t), about=gephi_attributes(store, base_iri=base_iri)
                                     if store is not None else None)}
    if fmt not in writers:
        raise KGError(f"unknown timeline format {fmt!r}; expected one of {list(TIMELINE_FORMATS)}")
    out.write(writers[fmt](tl))


def timeline_json(tl: Timeline) -> str:
    """Return the timeline record as JSON (dated entries in order, then the undated ones)."""
    return tl.model_dump_json(indent=2) + "\n"


def timeline_table(tl: Timeline) -> str:
    """Return the timeline as a plain-text table, undated entries listed after the dated ones.

    Under each row, indented, the sentence the entry comes from (trigger marked «so») and the
    article's title and link.
    """
    # with an actor filter, the role it takes in each event, after the event
    roles = any(entry.roles for entry in tl.all)
    columns = _TABLE_COLUMNS[:4] + ("role",) + _TABLE_COLUMNS[4:] if roles else _TABLE_COLUMNS
    rows = [_table_row(entry) for entry in tl.all]
    if roles:
        rows = [row[:4] + [", ".join(entry.roles)] + row[4:]
                for entry, row in zip(tl.all, rows, strict=True)]
    widths = [max([len(name), *(len(row[i]) for row in rows)])
              for i, name in enumerate(columns)]
    lines = [tl.title, "  ".join(n.ljust(w) for n, w in zip(columns, widths, strict=True)
                                ).rstrip(), "  ".join("-" * w for w in widths)]
    for entry, row in zip(tl.all, rows, strict=True):
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if entry.sentence is not None or entry.article.title or entry.article.url:
            lines.append(_QUOTE_INDENT + _reported(entry))
    lines.append(f"({len(tl.entries)} dated, {len(tl.undated)} undated)")
    return "\n".join(lines) + "\n"


def _table_row(entry: TimelineEntry) -> list[str]:
    source = entry.source.name if entry.source else ""
    return [_clip(v) for v in (entry.display_date, entry.time_origin or "", entry.type,
                               entry.headline, entry.factuality,
                               entry.place.name if entry.place else "", source,
                               str(entry.reports), entry.article.citation)]


def _reported(entry: TimelineEntry) -> str:
    """Return the sentence in quotes, then the article's title and link, as one line."""
    article = entry.article
    where = " ".join(part for part in (article.title or "",
                                       f"<{article.url}>" if article.url else "") if part)
    said = f"“{entry.quote()}”" if entry.sentence is not None else ""
    return " — ".join(part for part in (said, where) if part)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def timeline_csv(tl: Timeline) -> str:
    """Return one CSV row per entry, dated ones in order, then the undated ones (cells that a
    spreadsheet would read as a formula get a leading apostrophe: `kg.table.csv_cell`)."""
    return csv_text(_CSV_COLUMNS, (_csv_row(e) for e in tl.all))


def _csv_row(e: TimelineEntry) -> list[str]:
    when = e.when
    return [
        e.display_date, _iso(when.earliest if when else None),
        _iso(when.latest if when else None), when.granularity if when else "",
        str(when.uncertain).lower() if when else "", e.time_origin or "", e.type, e.label or "",
        e.factuality, f"{e.confidence:g}", "; ".join(a.name for a in e.agents),
        "; ".join(t.name for t in e.targets),
        "; ".join(r.name for r in e.recipients), "; ".join(i.name for i in e.instruments),
        e.place.name if e.place else "", e.source.name if e.source else "", e.article.id,
        e.article.title or "", e.article.publisher or "", _iso(e.article.published),
        e.article.url or "", e.trigger, e.quote(), e.iri, e.cluster or "", str(e.reports),
        "; ".join(e.roles), "; ".join(e.themes)]


def _iso(value: date | datetime | None) -> str:
    return "" if value is None else value.isoformat()


def timelinejs(tl: Timeline) -> str:
    """Return TimelineJS3 JSON: one slide per dated entry, the undated ones listed on the title.

    A slide quotes the sentence the entry comes from (trigger in `<mark>`) and names its
    factuality, place, source, article (title and link) and where its date was read from.

    A date gives only the fields its granularity knows (a year-only event has just a year); an
    uncertain one (a week, a span, "since 2014", "about 2017") also gets `display_date`.
    """
    undated = "".join(f"<li>{html.escape(e.headline)} ({html.escape(e.article.label)})"
                      + (f" [{html.escape(', '.join(e.roles))}]" if e.roles else "")
                      + (f": <q>{e.quote('<mark>', '</mark>', html.escape)}</q>"
                         if e.sentence is not None else "") + "</li>" for e in tl.undated)
    title_text = f"{len(tl.entries)} dated events" + (
        f"; undated:<ul>{undated}</ul>" if undated else "")
    events = [_slide(e) for e in tl.entries]
    document = {"title": {"text": {"headline": html.escape(tl.title), "text": title_text}},
                "events": events}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _slide(entry: TimelineEntry) -> dict[str, object]:
    when = entry.when
    assert when is not None and when.earliest is not None
    grain = when.granularity
    if grain in ("year", "month", "day", "part_of_day", "hour", "minute", "second") \
            and when.mod != "SINCE":
        start = _js_date(when.earliest, "day" if grain == "part_of_day" else grain, when.value)
        end = None
    else:  # spans: each end at the precision its bounds allow
        start = _js_date(when.earliest, _precision(when.earliest, when.latest), when.value)
        end = _js_date(when.latest, _precision(when.earliest, when.latest), when.value) \
            if when.latest is not None and when.latest != when.earliest else None
        if when.mod == "SINCE":
            start = _js_date(when.earliest, grain, when.value)
            end = _js_date(when.latest, "day", when.value) if when.latest else None
    details = [f"<p>{html.escape(entry.type)}: “{html.escape(entry.trigger)}”"
               f" ({html.escape(entry.factuality.replace('_', ' '))})</p>"]
    if entry.sentence is not None:
        details.append(f"<blockquote>{entry.quote('<mark>', '</mark>', html.escape)}</blockquote>")
    if entry.roles:
        details.append(f"<p>Role: {html.escape(', '.join(entry.roles))}</p>")
    if entry.place is not None:
        details.append(f"<p>Place: {html.escape(entry.place.name)}</p>")
    if entry.source is not None:
        details.append(f"<p>According to: {html.escape(entry.source.name)}</p>")
    article = entry.article
    name = f"{article.label}: {article.title}" if article.title and article.title != \
        article.label else article.label
    link = (f'<a href="{html.escape(article.url)}">{html.escape(name)}</a>'
            if article.url else html.escape(name))
    published = f", {_iso(article.day)}" if article.day is not None else ""
    details.append(f"<p>Article: {link}{published}</p>")
    if entry.time_origin is not None:
        details.append(f"<p>Date: {_ORIGINS.get(entry.time_origin, entry.time_origin)}</p>")
    slide: dict[str, object] = {
        "start_date": start,
        "text": {"headline": html.escape(entry.headline), "text": "".join(details)},
        "group": entry.type,
        "unique_id": entry.id.replace("/", "-"),
    }
    if end is not None:
        slide["end_date"] = end
    if when.uncertain:
        slide["display_date"] = when.display
    return slide


# where a date was read from, as a slide says it
_ORIGINS = {"stated": "stated in the sentence", "narrative": "carried from the story",
            "published": "the publication day"}


def _js_date(day: date, grain: str, value: str) -> dict[str, int]:
    fields = {"year": day.year}
    if grain in ("month", "day", "hour", "minute", "second"):
        fields["month"] = day.month
    if grain in ("day", "hour", "minute", "second"):
        fields["day"] = day.day
    if grain in ("hour", "minute", "second"):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return fields
        fields["hour"] = moment.hour
        if grain != "hour":
            fields["minute"] = moment.minute
    return fields


def _precision(first: date, last: date | None) -> str:
    """Return the coarsest unit whose whole periods the bounds cover: year, month or day."""
    if last is None:
        return "day"
    if (first.month, first.day) == (1, 1) and (last.month, last.day) == (12, 31):
        return "year"
    if first.day == 1 and (last + timedelta(days=1)).day == 1:
        return "month"
    return "day"


def gephi_attributes(store: Store, *, base_iri: str = DEFAULT_BASE_IRI
                     ) -> dict[str, dict[str, str | float]]:
    """Return what Gephi users want on actor and place nodes, by IRI: an actor's kind
    (`actor_kind`: person, country, ...), a place's kind (`place_kind`) and its `latitude` and
    `longitude` where the gazetteer gave them (the named queries `list_actors`, `list_places`;
    where `list_places` fails, as on a server whose deadline its place paths outrun, places are
    left bare with a logged warning)."""
    from kg.query import run_named, split_joined

    about: dict[str, dict[str, str | float]] = {}
    for row in run_named(store, "list_actors", base_iri=base_iri).records():
        if row.get("kind") is not None:  # the canonical actor's kind, on each of its nodes
            for node in split_joined(row.get("nodes")):
                about.setdefault(node, {"actor_kind": str(row["kind"])})
    try:
        places = run_named(store, "list_places", base_iri=base_iri).records()
    except KGError as exc:  # its place hierarchy paths outrun a slow server's deadline
        log.warning("GraphML without place kinds and coordinates: %s", exc)
        places = []
    for row in places:
        place = about.setdefault(str(row["place"]), {})
        if row.get("kind") is not None:
            place.setdefault("place_kind", str(row["kind"]))
        if row.get("latitude") is not None and row.get("longitude") is not None:
            place.setdefault("latitude", float(str(row["latitude"])))
            place.setdefault("longitude", float(str(row["longitude"])))
    return about


def graphml(graph: nx.Graph[str], *, about: Mapping[str, Mapping[str, str | float]] | None = None
            ) -> str:
    """Return a timeline graph (from `kg.timeline.build` and friends) as GraphML for Gephi.

    Records on nodes and edges become plain attributes (`label`, `kind`, `date`, `type`, ...);
    empty values are left out. Every edge gets an id of its own (`e0`, `e1`, ... in the graph's
    order; Gephi keeps only one of the edges that share an id) and a `weight` of 1, and dated
    nodes and edges get `start` and `end` (first and last day) for Gephi's dynamic timeline.
    `about` adds attributes to the nodes of actors and places by IRI (`gephi_attributes`: kinds
    and coordinates).
    """
    import networkx as nx

    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        record = data.get("record")
        extra = (about or {}).get(record.iri, {}) if isinstance(record, Ref) else {}
        flat.add_node(node, **_flat(data), **extra)
    for number, (source, target, data) in enumerate(graph.edges(data=True)):
        flat.add_edge(source, target, key=f"e{number}", **{"weight": 1.0, **_flat(data)})
    return "\n".join(nx.generate_graphml(flat)) + "\n"


def _flat(data: dict[str, object]) -> dict[str, str | int | float | bool]:
    out: dict[str, str | int | float | bool] = {}
    record = data.get("record")
    if isinstance(record, TimelineEntry):
        out.update(label=record.headline, type=record.type, date=record.display_date,
                   article=record.article.id)
        if record.roles:
            out["roles"] = "; ".join(record.roles)
    elif isinstance(record, Ref):
        out["label"] = record.name
    elif isinstance(record, StatementEntry):
        out.update(label=record.content or record.cue, date=record.display_date)
    for key, value in data.items():
        if key == "record" or value is None:
            continue
        out[key] = value.isoformat() if isinstance(value, date) else \
            value if isinstance(value, str | int | float | bool) else str(value)
    when = record.when if isinstance(record, TimelineEntry) else None
    first = data.get("earliest") or (when.earliest if when is not None else None)
    last = data.get("latest") or (when.latest if when is not None else None)
    if isinstance(first, date):
        out["start"] = first.isoformat()
        out["end"] = (last if isinstance(last, date) else first).isoformat()
    return out
