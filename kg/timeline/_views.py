"""networkx views and filters over timeline entries: the actor-event-place graph, who acted on
whom, who spoke about whom, and the chronological order.

Every function takes entries (or a `Timeline`) first and options keyword-only, returns a new
object, and puts the record itself on each node (`record=`).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Literal

from kg.timeline._dates import sort_key
from kg.timeline._records import (
    StatementEntry,
    Timeline,
    TimelineEntry,
)

# networkx is imported by the functions that draw a graph: a timeline table does not load it
if TYPE_CHECKING:
    import networkx as nx

log = logging.getLogger(__name__)

Entries = Timeline | Iterable[TimelineEntry]


def _items(entries: Entries) -> list[TimelineEntry]:
    return list(entries.all) if isinstance(entries, Timeline) else list(entries)


def ordered(entries: Entries, *, undated: Literal["drop", "last"] = "last"
            ) -> list[TimelineEntry]:
    """Return entries sorted by first day, last day, publication and IRI (stable, total).

    Undated entries come last, or are dropped with a logged note.
    """
    items = sorted(_items(entries), key=sort_key)
    dated = [e for e in items if e.dated]
    if undated == "drop":
        if len(dated) < len(items):
            log.info("left out %d undated entries", len(items) - len(dated))
        return dated
    return dated + [e for e in items if not e.dated]


def make_timeline(entries: Entries, *, title: str = "Timeline") -> Timeline:
    """Return a `Timeline` of the entries: dated ones in order, undated ones apart."""
    items = ordered(entries)
    return Timeline(entries=tuple(e for e in items if e.dated),
                    undated=tuple(e for e in items if not e.dated), title=title)


def between(entries: Entries, start: date | None, end: date | None) -> Timeline:
    """Return the entries whose time bounds overlap the days from `start` to `end` (inclusive).

    An absent end of the range is open. Undated entries cannot overlap and are left out (logged).
    """
    items = _items(entries)
    keep = [e for e in items if e.dated and _overlaps(e, start, end)]
    undated = sum(1 for e in items if not e.dated)
    if undated:
        log.info("left out %d undated entries from a date range", undated)
    title = entries.title if isinstance(entries, Timeline) else "Timeline"
    return make_timeline(keep, title=f"{title}, {start or '…'} – {end or '…'}")


def as_of(entries: Entries, day: date, *, reported_by: bool = False) -> Timeline:
    """Return what was the case on a day: entries whose time bounds contain it.

    An interval ("since 2014", up to publication) holds on each day inside it; a year-only event
    holds on each day of its year. With `reported_by`, only entries from articles published on or
    before the day count (what could be known then).
    """
    keep = [e for e in _items(entries) if e.dated and _overlaps(e, day, day)
            and (not reported_by or _published_by(e, day))]
    return make_timeline(keep, title=f"As of {day.isoformat()}")


def _overlaps(entry: TimelineEntry, start: date | None, end: date | None) -> bool:
    when = entry.when
    assert when is not None and when.earliest is not None
    last = when.latest or when.earliest
    return (start is None or last >= start) and (end is None or when.earliest <= end)


def _published_by(entry: TimelineEntry, day: date) -> bool:
    return entry.article.day is not None and entry.article.day <= day


def build(entries: Entries) -> nx.MultiDiGraph[str]:
    """Return the actor-event-place graph: agent -> event -> target, recipient or instrument,
    event -> place.

    Nodes are keyed by IRI path ("event/…", "actor/…", "place/…") with `kind` and `record` (the
    entry, or the actor's or place's `Ref`). Edges carry `role` ("agent", "target",
    "recipient", "instrument", "at") and the event's `earliest`, `latest` and `date` (its
    display date).
    """
    import networkx as nx

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for entry in ordered(entries):
        when = entry.when
        dated = {"earliest": when.earliest if when else None,
                 "latest": when.latest if when else None, "date": entry.display_date}
        graph.add_node(entry.id, kind="event", record=entry)
        for agent in entry.agents:
            graph.add_node(agent.id, kind="actor", record=agent)
            graph.add_edge(agent.id, entry.id, key=f"agent:{entry.id}", role="agent", **dated)
        for role, refs in (("target", entry.targets), ("recipient", entry.recipients),
                           ("instrument", entry.instruments)):
            for ref in refs:
                graph.add_node(ref.id, kind="actor", record=ref)
                graph.add_edge(entry.id, ref.id, key=f"{role}:{entry.id}", role=role, **dated)
        if entry.place is not None:
            graph.add_node(entry.place.id, kind="place", record=entry.place)
            graph.add_edge(entry.id, entry.place.id, key=f"at:{entry.id}", role="at", **dated)
    return graph


def interactions(entries: Entries) -> nx.MultiDiGraph[str]:
    """Return who acted on whom: an edge agent -> target per event, keyed by the event id.

    Nodes are actor ids with their `Ref` as `record`; edges carry `record` (the entry), `type`,
    `label`, `earliest`, `latest` and `date`.
    """
    import networkx as nx

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for entry in ordered(entries):
        when = entry.when
        for agent, target in itertools.product(entry.agents, entry.targets):
            if agent.id == target.id:
                continue
            graph.add_node(agent.id, record=agent)
            graph.add_node(target.id, record=target)
            graph.add_edge(agent.id, target.id, key=entry.id, record=entry, type=entry.type,
                           label=entry.label or entry.type.lower(), date=entry.display_date,
                           earliest=when.earliest if when else None,
                           latest=when.latest if when else None)
    return graph


def said_about(statements: Iterable[StatementEntry]) -> nx.MultiDiGraph[str]:
    """Return who said what about whom: an edge speaker -> subject per statement.

    Edges are keyed by statement id and carry the statement as `record`, and its `date`.
    """
    import networkx as nx

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for statement in statements:
        if statement.speaker is None:
            continue
        graph.add_node(statement.speaker.id, record=statement.speaker)
        for subject in statement.about:
            graph.add_node(subject.id, record=subject)
            graph.add_edge(statement.speaker.id, subject.id, key=statement.id, record=statement,
                           date=statement.display_date)
    return graph


def chronology(entries: Entries) -> nx.DiGraph[str]:
    """Return the order of events that their uncertain times allow, as a transitive reduction.

    An edge a -> b means a certainly happened before b (a's last possible day is before b's
    first); events whose bounds overlap stay unordered, so "2017" and "2017-04" are not chained.
    Undated events are nodes without edges.
    """
    import networkx as nx

    items = ordered(entries)
    order: nx.DiGraph[str] = nx.DiGraph()
    for entry in items:
        order.add_node(entry.id, record=entry)
    dated = [e for e in items if e.dated]
    for first, second in itertools.combinations(dated, 2):
        assert first.when is not None and second.when is not None
        first_last = first.when.latest or first.when.earliest
        if first_last is not None and second.when.earliest is not None \
                and first_last < second.when.earliest:
            order.add_edge(first.id, second.id)
    reduced = nx.transitive_reduction(order)
    reduced.add_nodes_from(order.nodes(data=True))
    return reduced
