"""Event clusters across reports (`kg.identity.events`) as timeline records: each cluster's
reports side by side with their disagreements, and a timeline with one row per cluster."""

from __future__ import annotations

from collections import defaultdict

from kg.config import DEFAULT_BASE_IRI
from kg.query import run_named
from kg.timeline._load import Source, as_store, entries_of
from kg.timeline._records import Claim, ReportGroup, Timeline, TimelineEntry
from kg.timeline._views import Entries, make_timeline, ordered


def event_clusters(source: Source, *, least: int = 2, disputed: bool = False,
                   base_iri: str = DEFAULT_BASE_IRI) -> list[ReportGroup]:
    """Return the event clusters told by at least `least` reports, most reports first, each with
    its reports (timeline entries, in time order), the aspects they disagree on and each
    report's claim on them (with its article and source).

    Args:
        source: A store, or an rdflib Graph or Dataset, whose event clusters are up to date
            (`kg ingest` keeps them so; `kg.identity.events.refresh_events`).
        least: The fewest reports a cluster must have.
        disputed: Only clusters whose reports disagree (`conflicts`).
        base_iri: Base of the instance IRIs.

    Raises:
        QueryError: If the query fails.
    """
    store = as_store(source)
    rows = run_named(store, "list_clusters", base_iri=base_iri, least=least,
                     disputed="yes" if disputed else None).records()
    order: dict[str, int] = {}
    events: dict[str, list[str]] = defaultdict(list)
    claims: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
    for row in rows:
        cluster, event = str(row["cluster"]), str(row["event"])
        order.setdefault(cluster, int(str(row["reports"])))
        if event not in events[cluster]:
            events[cluster].append(event)
        if row["aspect"] is not None:
            claims[cluster][(str(row["aspect"]), event)] = str(row["value"])
    entries = {e.iri: e for e in entries_of(store, [e for es in events.values() for e in es],
                                            base_iri=base_iri)}
    groups = []
    for cluster, reports in order.items():
        told = tuple(entries[e] for e in events[cluster] if e in entries)
        told = tuple(ordered(told))
        said = tuple(Claim(aspect=aspect, value=value, report=entries[event].id,
                           article=entries[event].article, source=entries[event].source)
                     if event in entries else Claim(aspect=aspect, value=value, report=event)
                     for (aspect, event), value in sorted(claims[cluster].items()))
        groups.append(ReportGroup(entries=told, iri=cluster, reports=reports,
                                  differs=tuple(dict.fromkeys(c.aspect for c in said)),
                                  claims=said))
    return groups


def conflicts(source: Source, *, base_iri: str = DEFAULT_BASE_IRI) -> list[ReportGroup]:
    """Return the event clusters whose reports disagree (on the time, who did it, or whether it
    happened), each report's claim side by side with its article and source."""
    return event_clusters(source, disputed=True, base_iri=base_iri)


def one_per_cluster(entries: Entries, *, title: str | None = None) -> Timeline:
    """Return the timeline with one entry per event cluster: the report whose time tells the
    happening best stands for it (`_telling`: not the article's day, the narrowest, stated, then
    the first in time order; its `reports` says how many there are), at its place in time
    order; entries of no cluster stay.

    Examples:
        >>> from datetime import date
        >>> from kg.timeline._records import ArticleRef, TimelineEntry, When
        >>> def entry(i: str, cluster: str | None, when: str) -> TimelineEntry:
        ...     day = date.fromisoformat(when) if len(when) == 10 else None
        ...     return TimelineEntry(iri=i, id=i, type="conflict.assault", trigger="x",
        ...                          trigger_start=0, trigger_end=1, cluster=cluster, reports=2,
        ...                          article=ArticleRef(iri="a", id="a"), time_origin="stated",
        ...                          when=When(value=when, display=when,
        ...                                    earliest=day or date(int(when), 1, 1),
        ...                                    latest=day or date(int(when), 12, 31)))
        >>> [e.id for e in one_per_cluster([entry("e1", "c", "2010"),
        ...                                 entry("e2", "c", "2010-06-07"),
        ...                                 entry("e3", None, "2010-03-01")]).all]
        ['e3', 'e2']
    """
    listed = ordered(entries)
    best: dict[str, TimelineEntry] = {}
    for entry in listed:
        if entry.cluster is not None and (entry.cluster not in best
                                          or _telling(entry) < _telling(best[entry.cluster])):
            best[entry.cluster] = entry
    kept = [e for e in listed if e.cluster is None or best[e.cluster] is e]
    name = title or (entries.title if isinstance(entries, Timeline) else "Timeline")
    return make_timeline(kept, title=name)


def _telling(entry: TimelineEntry) -> tuple[bool, int, bool]:
    """How loosely an entry's time tells its happening: dated to its article's day for want of
    another (or undated) last, then the number of days it spans, then a time borrowed from the
    narrative after a stated one."""
    when = entry.when
    if when is None or when.earliest is None or when.latest is None:
        return True, 1 << 30, True
    return entry.time_origin == "published", (when.latest - when.earliest).days, \
        entry.time_origin not in (None, "stated")
