"""The event-cluster graphs in a store: read them into a `ClusterIndex`, bring them up to date.

Named graphs beside the article graphs hold one `kg:EventCluster` per happening that articles
report (`kg:hasReport` each article-level event, `kg:reportCount`, the hull of their times, the
canonical actors and places they share) and, where reports of a cluster disagree (the time, who
did it, whether it happened, how many victims, what amount: `kg.identity.claims`), one
`kg:Claim` per report and disputed aspect, so the disagreement stays side by side with each
source. Clusters are kept one graph per month of their first day (`kgr:identity/events/2019-08`),
so placing new reports reads and rewrites only the months they can join (their own, and the month
before; the `HORIZON` before for an undated report of a happening of `ONCE`);
`kgr:identity/events` lists the article graphs read (`prov:wasDerivedFrom`). Users' merges and
splits of reports (`decide_events`) are kept in `kgr:identity/events/decisions` and applied on
every placement. Article graphs are never touched.

A loosely dated report (a year; the article's day for want of a stated time) only joins clusters
placed before it: in one batch the reports with a stated time are placed first, but one that came
in an earlier batch than the dated report of its happening stays alone until `rebuild_events`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, XSD
from rdflib.term import Node

from kg.config import DEFAULT_BASE_IRI
from kg.identity import patch
from kg.identity.claims import Said, add_claims
from kg.identity.clusters import (
    DAY_WINDOW,
    HORIZON,
    MAX_SPAN,
    Cluster,
    ClusterIndex,
    Decisions,
    Report,
    clusterable,
)
from kg.identity.graph import Stamps, identity_iri, stamps
from kg.identity.patch import Triple
from kg.query import run_named
from kg.store import Store
from kg.vocab import KG

_CHUNK = 400
_MONTH = re.compile(r"\d{4}-\d{2}")
_STAMP = "events"  # the marker of the event clusters' graphs (`kg.identity.patch.stamp`)
# graphs per query of their events: Oxigraph slows down more than linearly with more at once
_GRAPHS = 10


def events_iri(base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """Return the IRI of the graph that lists the article graphs the clusters were read from."""
    return URIRef(f"{base_iri}identity/events")


def month_iri(month: str, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """Return the IRI of the graph of the clusters whose first day is in a month ("2019-08")."""
    return URIRef(f"{base_iri}identity/events/{month}")


def refresh_events(store: Store, *, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Bring the event clusters up to date with the article graphs of the store.

    Only the graphs not read before are read, their events placed one by one (`ClusterIndex`)
    among the clusters of the months they can join; reports of removed graphs leave their
    clusters (which reads every month). Returns the number of reports placed.
    """
    read, listed = _read(store, base_iri)
    stored = _months(store, base_iri)
    now = stamps(store, base_iri)
    # a graph written again since (its article's text or the extractor changed) is read again
    changed = {g for g in set(read) & set(now) if read[g] != now[g]}
    new = sorted(set(now) - set(read) | changed)
    gone = set(read) - set(now) | changed
    if not new and not gone:
        return 0
    decisions = _decisions(store, base_iri)
    reports = _reports(store, new, base_iri, decisions.everyone)
    months = set(stored) if gone else {m for r in reports for m in _reach(r)} & set(stored)
    index, held = _load(store, {m: stored[m] for m in sorted(months)}, decisions)
    index.forget({str(g) for g in gone})
    for report in reports:
        index.add(report, _mint(report, base_iri))
    _write(store, index, months, held, base_iri)
    patch.write(store, events_iri(base_iri), listed, _listing(now, base_iri), _STAMP)
    return len(reports)


def rebuild_events(store: Store, *, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Place every event of the store again (after identity decisions changed the actors)."""
    stored = _months(store, base_iri)
    now = stamps(store, base_iri)
    decisions = _decisions(store, base_iri)
    index = ClusterIndex(decisions)
    reports = _reports(store, sorted(now), base_iri, decisions.everyone)
    for report in reports:
        index.add(report, _mint(report, base_iri))
    _write(store, index, set(stored), {m: patch.read(store, g) for m, g in stored.items()},
           base_iri)
    patch.write(store, events_iri(base_iri), _read(store, base_iri)[1], _listing(now, base_iri),
                _STAMP)
    return len(reports)


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _reach(report: Report) -> set[str]:
    """The months whose clusters a report may join: a cluster spans at most `MAX_SPAN` and joins
    reports `DAY_WINDOW` away, so its first day is at most that long before the report's (or
    the `HORIZON` before an undated report of a happening of `ONCE`, `clusters.fit`)."""
    first, last = report.earliest - MAX_SPAN - DAY_WINDOW, report.latest + DAY_WINDOW
    if report.once is not None and report.undated:
        first = min(first, report.latest - HORIZON)
    months, day = set(), first
    while day <= last:
        months.add(_month(day))
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return months | {_month(last)}


def _months(store: Store, base_iri: str) -> dict[str, URIRef]:
    """Return the month graphs of the store by month."""
    prefix = f"{events_iri(base_iri)}/"
    return {str(g)[len(prefix):]: g for g in store.graphs()
            if str(g).startswith(prefix) and _MONTH.fullmatch(str(g)[len(prefix):])}


def decisions_iri(base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """Return the IRI of the graph of users' decisions on event clusters (`decide_events`)."""
    return URIRef(f"{events_iri(base_iri)}/decisions")


def decide_events(store: Store, pairs: Sequence[tuple[str, str]], *, same: bool,
                  base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Record users' decisions on pairs of article-level events (`owl:sameAs`: one happening,
    `owl:differentFrom`: never one cluster), which outlast re-ingest (event IRIs are
    deterministic), and place every report again with them; return the reports placed."""
    iri = decisions_iri(base_iri)
    old = patch.read(store, iri)
    new = set(old)
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            new -= {(URIRef(x), OWL.differentFrom if same else OWL.sameAs, URIRef(y))}
        new.add((URIRef(a), OWL.sameAs if same else OWL.differentFrom, URIRef(b)))
    patch.write(store, iri, old, new, _STAMP)
    return rebuild_events(store, base_iri=base_iri)


def known_events(store: Store, iris: Sequence[str], *, base_iri: str = DEFAULT_BASE_IRI
                 ) -> set[str]:
    """Return those of some IRIs that are article-level events of the store."""
    return {str(row["event"]) for row in run_named(
        store, "cluster_claims", base_iri=base_iri, event=tuple(URIRef(i) for i in iris)
    ).records()}


def _decisions(store: Store, base_iri: str) -> Decisions:
    triples = patch.read(store, decisions_iri(base_iri))
    return Decisions(
        same=frozenset(frozenset((str(s), str(o))) for s, p, o in triples if p == OWL.sameAs),
        apart=frozenset(frozenset((str(s), str(o))) for s, p, o in triples
                        if p == OWL.differentFrom))


def _read(store: Store, base_iri: str) -> tuple[Stamps, set[Triple]]:
    """Return the article graphs the clusters were read from, as they were then, and the
    triples of the graph that lists them."""
    iri = events_iri(base_iri)
    triples = patch.read(store, iri)
    stamped: dict[Node, list[str]] = defaultdict(list)
    graphs = set()
    for s, p, o in triples:
        if p == KG.readStamp:
            stamped[s].append(str(o))
        elif s == iri and p == PROV.wasDerivedFrom and isinstance(o, URIRef):
            graphs.add(o)
    return {g: tuple(sorted(stamped.get(g, ()))) for g in graphs}, triples


def _listing(read: Stamps, base_iri: str) -> set[Triple]:
    """The triples of the graph that lists the article graphs read, with their stamps."""
    iri = events_iri(base_iri)
    found: set[Triple] = set()
    for g, stamp in read.items():
        found.add((iri, PROV.wasDerivedFrom, g))
        found.update((g, KG.readStamp, Literal(value)) for value in stamp)
    return found


def _load(store: Store, graphs: Mapping[str, URIRef], decisions: Decisions
          ) -> tuple[ClusterIndex, dict[str, set[Triple]]]:
    """Read some month graphs into an index; return it and each month's triples."""
    index = ClusterIndex(decisions)
    held: dict[str, set[Triple]] = {}
    for month, iri in graphs.items():
        held[month] = patch.read(store, iri)
        graph = Graph()
        for triple in held[month]:
            graph.add(triple)
        for node in sorted(graph.subjects(RDF.type, KG.EventCluster), key=str):
            index.load(Cluster(
                iri=str(node), type=str(graph.value(node, KG.clusterClass)),
                earliest=_day(graph.value(node, KG.earliest)),
                latest=_day(graph.value(node, KG.latest)),
                participants={str(a) for a in graph.objects(node, KG.involves)},
                agents={str(a) for a in graph.objects(node, KG.clusterAgent)},
                places={str(p) for p in graph.objects(node, KG.clusterPlace)},
                labels={str(x) for x in graph.objects(node, RDFS.label)},
                reports={str(e): str(graph.value(e, PROV.wasDerivedFrom))
                         for e in graph.objects(node, KG.hasReport)}))
    return index, held


def _day(node: Node | None) -> date:
    value = node.toPython() if isinstance(node, Literal) else None
    if not isinstance(value, date):
        raise ValueError(f"event cluster time {node!r} is not a date")
    return value


def _canonical(store: Store, actors: Iterable[str], base_iri: str) -> dict[str, tuple[str, str]]:
    """Map article-level actor nodes to their canonical actor's IRI and name (kg.identity)."""
    wanted = sorted(set(actors))
    return {str(row["actor"]): (str(row["canonical"]), str(row["name"]))
            for start in range(0, len(wanted), _CHUNK)
            for row in run_named(store, "canonical_of", base_iri=base_iri,
                                 identity=identity_iri(base_iri),
                                 actor=tuple(URIRef(a) for a in wanted[start:start + _CHUNK])
                                 ).records()}


def _reports(store: Store, graphs: Sequence[URIRef], base_iri: str,
             tied: frozenset[str] = frozenset()) -> list[Report]:
    """Read the clusterable events of some graphs as reports, those with a stated time first,
    each part in IRI order; an event with no participant and no place is left out (it can be
    blocked with nothing: it would stay alone)."""
    rows = [row for start in range(0, len(graphs), _GRAPHS)
            for row in run_named(store, "cluster_reports", base_iri=base_iri,
                                 graph=tuple(graphs[start:start + _GRAPHS])).records()]
    canonical = _canonical(store, (str(r["actor"]) for r in rows if r["actor"] is not None),
                           base_iri)
    first: dict[str, dict[str, Node | None]] = {}
    actors: dict[str, set[str]] = defaultdict(set)
    agents: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        event = str(row["event"])
        first.setdefault(event, row)
        if row["actor"] is not None:
            actor = canonical.get(str(row["actor"]), (str(row["actor"]), ""))[0]
            actors[event].add(actor)
            if row["role"] == KG.hasAgent:
                agents[event].add(actor)
    found = []
    for event, row in sorted(first.items()):
        earliest, latest = _day(row["earliest"]), _day(row["latest"])
        label = str(row["label"]).lower() if row["label"] is not None else None
        # a report a user tied to another is placed whatever its class, time or participants
        if event not in tied and (
                not clusterable(str(row["eventType"]), str(row["factuality"] or "asserted"),
                                earliest, latest, label)
                or not (actors[event] or row["at"] is not None)):
            continue
        found.append(Report(
            iri=event, graph=str(row["graph"]), type=str(row["eventType"]),
            earliest=earliest, latest=latest, participants=frozenset(actors[event]),
            agents=frozenset(agents[event]),
            place=str(row["at"]) if row["at"] is not None else None, label=label,
            undated=str(row["origin"]) == "published"))
    # reports whose own time tells their happening come first, so that they start the clusters
    # the loosely timed ones join (`clusters.fit`)
    return sorted(found, key=lambda r: (r.vague or r.undated and r.once is not None, r.iri))


def _mint(report: Report, base_iri: str) -> str:
    return f"{base_iri}cluster/{report.iri.rsplit('/', 1)[-1]}"


def _write(store: Store, index: ClusterIndex, months: set[str],
           held: Mapping[str, set[Triple]], base_iri: str) -> None:
    """Bring the month graphs read (and those the clusters moved to) to hold the index and the
    claims of its disagreements, writing only what changed (`kg.identity.patch`)."""
    several = [c for c in index.clusters.values() if len(c.reports) > 1]
    said = _said(store, [e for c in several for e in sorted(c.reports)], base_iri)
    by_month: dict[str, list[Cluster]] = defaultdict(list)
    for cluster in index.clusters.values():
        by_month[_month(cluster.earliest)].append(cluster)
    stored = _months(store, base_iri)
    for month in sorted(months | set(by_month)):
        if not by_month.get(month):
            if month in stored:
                store.remove(str(stored[month]))
            continue
        iri = month_iri(month, base_iri)
        graph = Graph(identifier=iri)
        for cluster in sorted(by_month[month], key=lambda c: c.iri):
            _add_cluster(graph, cluster, said)
        old = held[month] if month in held else patch.read(store, iri) if month in stored \
            else set()
        patch.write(store, iri, old, set(graph), _STAMP)


def _add_cluster(graph: Graph, cluster: Cluster, said: Mapping[str, Said]) -> None:
    node = URIRef(cluster.iri)
    graph.add((node, RDF.type, KG.EventCluster))
    graph.add((node, KG.clusterClass, URIRef(cluster.type)))
    graph.add((node, KG.earliest, Literal(cluster.earliest, datatype=XSD.date)))
    graph.add((node, KG.latest, Literal(cluster.latest, datatype=XSD.date)))
    graph.add((node, KG.reportCount, Literal(len(cluster.reports))))
    for actor in cluster.participants:
        graph.add((node, KG.involves, URIRef(actor)))
    for actor in cluster.agents:
        graph.add((node, KG.clusterAgent, URIRef(actor)))
    for place in cluster.places:
        graph.add((node, KG.clusterPlace, URIRef(place)))
    for label in cluster.labels:
        graph.add((node, RDFS.label, Literal(label)))
    for event, source in cluster.reports.items():
        graph.add((node, KG.hasReport, URIRef(event)))
        graph.add((URIRef(event), PROV.wasDerivedFrom, URIRef(source)))
    if len(cluster.reports) > 1:
        add_claims(graph, node, cluster.type,
                   [said[e] for e in sorted(cluster.reports) if e in said])


def _said(store: Store, events: Sequence[str], base_iri: str) -> dict[str, Said]:
    """Read what each report says on the aspects reports may disagree on."""
    rows = [row for start in range(0, len(events), _CHUNK)
            for row in run_named(store, "cluster_claims", base_iri=base_iri,
                                 event=tuple(URIRef(e) for e in events[start:start + _CHUNK])
                                 ).records()]
    canonical = _canonical(store, (str(r["agent"]) for r in rows if r["agent"] is not None),
                           base_iri)
    agents: dict[str, set[str]] = defaultdict(set)
    phrases: dict[str, set[tuple[str, str]]] = defaultdict(set)
    first: dict[str, dict[str, Node | None]] = {}
    for row in rows:
        event = str(row["event"])
        first.setdefault(event, row)
        if row["agent"] is not None:
            agent = str(row["agent"])
            agents[event].add(canonical.get(agent, (agent, agent.rsplit("/", 1)[-1]))[1])
        if row["phrase"] is not None:
            phrases[event].add((str(row["role"]), str(row["phrase"])))
    return {event: Said(event=event, time=_text(row["timeValue"]),
                        earliest=_maybe_day(row["earliest"]), latest=_maybe_day(row["latest"]),
                        factuality=_text(row["factuality"]) or "asserted",
                        agents=tuple(sorted(agents[event])),
                        stated=_text(row["origin"]) in (None, "stated"),
                        phrases=tuple(sorted(phrases[event])))
            for event, row in first.items()}


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _maybe_day(node: Node | None) -> date | None:
    value = node.toPython() if isinstance(node, Literal) else None
    return value if isinstance(value, date) else None
