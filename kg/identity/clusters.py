"""Decide which article-level events report one happening, one new report at a time.

A `ClusterIndex` holds the event clusters found so far; `ClusterIndex.add` places one more
report (an article-level event, as a `Report`) in the cluster it scores best with, or in a new
one, and never moves the reports already placed, so adding an article costs what its own events
cost. Candidates are blocked by event class and a canonical participant or the place, so a
report is scored against the few clusters that share them, never against the whole store.

A report joins a cluster when (`EVIDENCE`, `JOIN_SCORE`): the class is the same, no report of
its own article is in it (an article's repeated mentions of one happening are the event layer's
business), the times are compatible (their day bounds overlap, a day-grained time widened by
`DAY_WINDOW` days because sources disagree on dates), and the evidence adds up to `JOIN_SCORE`.
Reports too vague to be told apart from their repeats are not clustered at all (`clusterable`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Evidence:
    """One kind of evidence that two reports tell one happening, with its weight and reason."""

    name: str
    weight: int
    why: str


EVIDENCE: tuple[Evidence, ...] = (
    Evidence("participant", 2, "a canonical actor (kg.identity) takes part in both, in any role"),
    Evidence("second_participant", 1, "a second canonical actor takes part in both"),
    Evidence("place", 1, "both happen at the same place"),
    Evidence("label", 1, "both are told with the same trigger lemma (attack / attack)"),
    Evidence("same_day", 1, "both are dated to the same single day"),
)
# a participant and two more pieces of evidence (actor, lemma and day; actor, place and lemma):
# on 198 political articles a participant and the lemma alone joined a candidate's "campaign",
# "rally" or "make" of different days, which are not one happening
JOIN_SCORE = 4
# sources disagree on dates by a few days (publication-day dating, time zones, "last week")
DAY_WINDOW = timedelta(days=3)
# a report dated to more than a month ("2016", "last year") cannot be told from its repeats
MAX_SPAN = timedelta(days=31)
# what is clustered: events the text tells as having happened (or denies); plans, demands and
# possibilities are not happenings yet
CLUSTERED_FACTUALITIES = frozenset({"asserted", "reported", "negated"})
# event classes too generic to identify a happening: the general branch ("run", "want", "end")
# and saying ("Trump said" in two articles is rarely one utterance; statements are kg:Statement)
GENERIC_CLASSES = ("general", "communication.statement")


@dataclass(frozen=True)
class Report:
    """One article-level event as the cluster layer sees it."""

    iri: str
    graph: str  # the article graph that holds it
    type: str  # the event class IRI
    earliest: date
    latest: date
    participants: frozenset[str] = frozenset()  # canonical actor IRIs, any role
    place: str | None = None
    label: str | None = None

    @property
    def day(self) -> date | None:
        """Return the single day of the report, if it is dated to one."""
        return self.earliest if self.earliest == self.latest else None


def clusterable(event_type: str, factuality: str, earliest: date | None,
                latest: date | None) -> bool:
    """Tell whether an event can be clustered: a specific class, a happening, a time of at most
    `MAX_SPAN`."""
    local = event_type.rstrip("/").rsplit("/", 1)[-1]
    generic = any(local == c or local.startswith(f"{c}.") for c in GENERIC_CLASSES)
    return not generic and factuality in CLUSTERED_FACTUALITIES \
        and earliest is not None and latest is not None and latest - earliest <= MAX_SPAN


@dataclass
class Cluster:
    """One happening: its class, the hull of its reports' times, and what they share."""

    iri: str
    type: str
    earliest: date
    latest: date
    participants: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    reports: dict[str, str] = field(default_factory=dict)  # report IRI -> its article graph

    @property
    def graphs(self) -> set[str]:
        return set(self.reports.values())

    @property
    def day(self) -> date | None:
        return self.earliest if self.earliest == self.latest else None


def score(report: Report, cluster: Cluster) -> int:
    """Return the evidence that a report tells the cluster's happening, or -1 if it cannot.

    Examples:
        >>> c = Cluster("c", "t", date(2019, 8, 19), date(2019, 8, 19), {"turkey"}, {"idlib"})
        >>> score(Report("e", "g2", "t", date(2019, 8, 20), date(2019, 8, 20),
        ...              frozenset({"turkey"}), "idlib"), c)
        3
        >>> score(Report("e", "g2", "t", date(2019, 8, 19), date(2019, 8, 19),
        ...              frozenset({"turkey"}), "idlib"), c)
        4
        >>> score(Report("e", "g2", "t", date(2019, 9, 20), date(2019, 9, 20),
        ...              frozenset({"turkey"}), "idlib"), c)
        -1
    """
    if report.type != cluster.type or report.graph in cluster.graphs \
            or not _compatible(report, cluster):
        return -1
    shared = len(report.participants & cluster.participants)
    found = {"participant": shared >= 1, "second_participant": shared >= 2,
             "place": report.place is not None and report.place in cluster.places,
             "label": report.label is not None and report.label in cluster.labels,
             "same_day": report.day is not None and report.day == cluster.day}
    return sum(evidence.weight for evidence in EVIDENCE if found[evidence.name])


def _compatible(report: Report, cluster: Cluster) -> bool:
    """Tell whether the times overlap (a day-grained one widened by `DAY_WINDOW`) and the
    cluster would still span at most `MAX_SPAN` with the report."""
    window = DAY_WINDOW if report.day is not None or cluster.day is not None else timedelta(0)
    overlap = report.earliest - window <= cluster.latest \
        and cluster.earliest <= report.latest + window
    hull = max(report.latest, cluster.latest) - min(report.earliest, cluster.earliest)
    return overlap and hull <= MAX_SPAN


class ClusterIndex:
    """The event clusters of a store, blocked by class and participant or place."""

    def __init__(self) -> None:
        self.clusters: dict[str, Cluster] = {}
        self.of_report: dict[str, str] = {}
        self._blocks: dict[tuple[str, str], set[str]] = defaultdict(set)

    def load(self, cluster: Cluster) -> None:
        """Take in a cluster as stored."""
        self.clusters[cluster.iri] = cluster
        for iri in cluster.reports:
            self.of_report[iri] = cluster.iri
        self._index(cluster)

    def add(self, report: Report, mint: str) -> str:
        """Place a report; return its cluster's IRI (`mint` if it starts a new one)."""
        if report.iri in self.of_report:
            return self.of_report[report.iri]
        target = self._match(report)
        if target is None:
            target = Cluster(iri=mint, type=report.type, earliest=report.earliest,
                             latest=report.latest)
            self.clusters[mint] = target
        target.earliest = min(target.earliest, report.earliest)
        target.latest = max(target.latest, report.latest)
        target.participants |= report.participants
        target.places |= {report.place} if report.place else set()
        target.labels |= {report.label} if report.label else set()
        target.reports[report.iri] = report.graph
        self.of_report[report.iri] = target.iri
        self._index(target)
        return target.iri

    def candidates(self, report: Report) -> list[Cluster]:
        """Return the clusters that share the report's class and a participant or its place."""
        keys = [*(("actor", a) for a in report.participants),
                *((("place", report.place),) if report.place else ())]
        found = {iri for kind, value in keys
                 for iri in self._blocks.get((report.type, f"{kind}:{value}"), ())}
        return [self.clusters[iri] for iri in sorted(found)]

    def _match(self, report: Report) -> Cluster | None:
        scored = [(score(report, c), c) for c in self.candidates(report)]
        best = max((s for s, _ in scored), default=-1)
        if best < JOIN_SCORE:
            return None
        top = [c for s, c in scored if s == best]
        # a tie goes to the cluster told by most articles, then the first minted
        return min(top, key=lambda c: (-len(c.reports), c.iri))

    def _index(self, cluster: Cluster) -> None:
        for actor in cluster.participants:
            self._blocks[(cluster.type, f"actor:{actor}")].add(cluster.iri)
        for place in cluster.places:
            self._blocks[(cluster.type, f"place:{place}")].add(cluster.iri)

    def forget(self, graphs: Iterable[str]) -> None:
        """Drop the reports of removed (or replaced) graphs, and the clusters left with none.

        A cluster that keeps reports keeps its IRI; its hull and shared evidence are those of
        its remaining reports only after the next `rebuild` (they only ever widen here).
        """
        gone = set(graphs)
        for cluster in list(self.clusters.values()):
            for iri, graph in list(cluster.reports.items()):
                if graph in gone:
                    del cluster.reports[iri]
                    self.of_report.pop(iri, None)
            if not cluster.reports:
                del self.clusters[cluster.iri]
        self._blocks.clear()
        for cluster in self.clusters.values():
            self._index(cluster)
