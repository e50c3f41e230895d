"""Decide which article-level events report one happening, one new report at a time.

A `ClusterIndex` holds the event clusters found so far; `ClusterIndex.add` places one more
report (an article-level event, as a `Report`) in the cluster it scores best with, or in a new
one, and never moves the reports already placed, so adding an article costs what its own events
cost. Candidates are blocked by event class and a canonical participant or the place, so a
report is scored against the few clusters that share them, never against the whole store.

A report joins a cluster when (`EVIDENCE`, `JOIN_SCORE`): the class (or `ONCE` rule) is the
same, no report of its own article is in it (an article's repeated mentions of one happening are
the event layer's business), the times are compatible (their day bounds overlap, a day-grained
time widened by `DAY_WINDOW` days because sources disagree on dates), and the evidence adds up
to `JOIN_SCORE`.
Reports too vague to be told apart from their repeats are not clustered at all (`clusterable`),
except for happenings that befall the same participants once (`ONCE`: a launch, a resignation,
a death): there a report dated only by a year ("launched in 2003") or by its article's day for
want of a stated time ("when Jobs first introduced iPhone 4") may join a dated cluster of that
time, without widening it.
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
    Evidence("label", 1, "both are told with the same trigger lemma (attack / attack), or "
                         "synonyms of one `ONCE` rule (launch / introduce)"),
    Evidence("once", 1, "both are a happening that befalls its participants once (`ONCE`)"),
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
# how long before its article a happening told with no stated time ("when Jobs first introduced
# iPhone 4", in an article two months later) may have been, for it to join a dated cluster
HORIZON = timedelta(days=92)
# the longest time a report dated by a year or a range may have to join a cluster inside it
MAX_VAGUE = timedelta(days=366)


@dataclass(frozen=True)
class Once:
    """Happenings that befall the same participants once, told by these lemmas in these classes:
    their participants alone tell them apart, so a loose time is enough, and the lemmas are
    synonyms ("launched" in one report, "introduced" in another)."""

    name: str
    classes: tuple[str, ...]  # event class local names, a class covering its subclasses
    lemmas: frozenset[str]
    why: str
    counter: str  # a recurring happening of the same class the rule leaves out


ONCE: tuple[Once, ...] = (
    Once("once.launch", ("business.product_launch",),
         frozenset({"launch", "introduce", "unveil", "debut", "introduction", "unveiling"}),
         "a product is launched once: Apple launching iPhone 4 in two articles is one launch",
         "'GM released its earnings' (released every quarter: 'release' is not listed)"),
    Once("once.resign", ("conflict.concede", "politics.resignation"),
         frozenset({"resign", "resignation", "quit"}),
         "a post is left once: Jobs resigning as CEO in two articles is one resignation",
         "'the rebels yielded' (conceding recurs: 'yield' is not listed)"),
    Once("once.death", ("health.death",), frozenset({"die", "death"}),
         "a person dies once", "'troops killed civilians' (killing recurs: 'kill' is not listed)"),
    Once("once.birth", ("society.ceremony",), frozenset({"bear", "birth"}),
         "a person is born once", "'they held a ceremony' ('hold' is not listed)"),
    Once("once.acquire", ("business.deal",),
         frozenset({"acquire", "acquisition", "merge", "merger", "takeover"}),
         "a company is taken over once by the same buyer",
         "'GM bought parts' (buying recurs: 'buy' is not listed)"),
)


def once(event_type: str, label: str | None) -> str | None:
    """Return the `ONCE` rule a happening of this class told by this lemma falls under, if any.

    Examples:
        >>> once("https://w3id.org/kg-timeline/event-class/business.product_launch", "introduce")
        'once.launch'
        >>> once("https://w3id.org/kg-timeline/event-class/business.product_launch", "release")
    """
    local = event_type.rstrip("/").rsplit("/", 1)[-1]
    for rule in ONCE:
        if label in rule.lemmas and any(local == c or local.startswith(f"{c}.")
                                        for c in rule.classes):
            return rule.name
    return None


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
    # dated to its article's day for want of a stated time: it may have happened before
    undated: bool = False
    agents: frozenset[str] = frozenset()  # the participants that are its agents

    @property
    def day(self) -> date | None:
        """Return the single day of the report, if it is dated to one."""
        return self.earliest if self.earliest == self.latest else None

    @property
    def vague(self) -> bool:
        """Tell whether the time spans more than `MAX_SPAN` (a year, "since 2004"): such a
        report only joins a cluster inside it, never starts one."""
        return self.latest - self.earliest > MAX_SPAN

    @property
    def once(self) -> str | None:
        """Return the `ONCE` rule of the report's happening, if any."""
        return once(self.type, self.label)


def clusterable(event_type: str, factuality: str, earliest: date | None,
                latest: date | None, label: str | None = None) -> bool:
    """Tell whether an event can be clustered: a specific class, a happening, a time of at most
    `MAX_SPAN` (`MAX_VAGUE` for a happening of `ONCE`)."""
    local = event_type.rstrip("/").rsplit("/", 1)[-1]
    generic = any(local == c or local.startswith(f"{c}.") for c in GENERIC_CLASSES)
    longest = MAX_VAGUE if once(event_type, label) else MAX_SPAN
    return not generic and factuality in CLUSTERED_FACTUALITIES \
        and earliest is not None and latest is not None and latest - earliest <= longest


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
    agents: set[str] = field(default_factory=set)  # the participants that are a report's agent

    @property
    def graphs(self) -> set[str]:
        return set(self.reports.values())

    @property
    def day(self) -> date | None:
        return self.earliest if self.earliest == self.latest else None

    @property
    def once(self) -> set[str]:
        """Return the `ONCE` rules its reports' lemmas fall under."""
        return {rule for rule in (once(self.type, label) for label in self.labels) if rule}


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
    same_once = report.once is not None and report.once in cluster.once
    # one happening of `ONCE` may be filed under two classes ("resigned" a concession, "his
    # resignation" a resignation)
    if report.type != cluster.type and not same_once or report.graph in cluster.graphs:
        return -1
    how = fit(report, cluster)
    shared = len(report.participants & cluster.participants)
    same_lemma = report.label is not None and report.label in cluster.labels
    # a loose time tells nothing: only a happening of `ONCE` on both sides, told with the same
    # lemma or with two participants in common, may join on it ("Christie introduced Trump"
    # is no launch of Trump's bid)
    if how is None or how == "inside" and (not same_once or shared < 2 and not same_lemma):
        return -1
    if _swapped(report, cluster):
        return -1
    found = {"participant": shared >= 1, "second_participant": shared >= 2,
             "place": report.place is not None and report.place in cluster.places,
             "label": same_lemma or same_once,
             "once": same_once,
             "same_day": report.day is not None and report.day == cluster.day}
    return sum(evidence.weight for evidence in EVIDENCE if found[evidence.name])


def _swapped(report: Report, cluster: Cluster) -> bool:
    """Tell whether the report names an actor in the other role than the cluster's reports do,
    both with agents and none in common: "Grayson attacks Clinton" and "Clinton attacks Trump"
    on one day are two happenings. Without an agent on one side the roles tell little: a noun's
    possessor is read as its agent or its patient ("Clinton's nomination", "the nomination of
    Clinton")."""
    if not report.agents or not cluster.agents or report.agents & cluster.agents:
        return False
    return bool(report.agents & (cluster.participants - cluster.agents)
                or (report.participants - report.agents) & cluster.agents)


def fit(report: Report, cluster: Cluster) -> str | None:
    """Tell how a report's time fits a cluster's: "widens" (the times overlap, a day-grained one
    widened by `DAY_WINDOW`, and the cluster would still span at most `MAX_SPAN`), "inside" (a
    happening of `ONCE` whose loose time holds the cluster's: a year, or the `HORIZON` before an
    undated report's article), or None.

    Examples:
        >>> c = Cluster("c", "t", date(2010, 6, 7), date(2010, 6, 7), labels={"introduce"})
        >>> launch = "https://w3id.org/kg-timeline/event-class/business.product_launch"
        >>> c.type = launch
        >>> fit(Report("e", "g", launch, date(2010, 6, 9), date(2010, 6, 9)), c)
        'widens'
        >>> fit(Report("e", "g", launch, date(2010, 8, 9), date(2010, 8, 9), label="launch",
        ...            undated=True), c)
        'inside'
        >>> fit(Report("e", "g", launch, date(2010, 1, 1), date(2010, 12, 31), label="unveil"), c)
        'inside'
        >>> fit(Report("e", "g", launch, date(2010, 8, 9), date(2010, 8, 9), label="launch"), c)
    """
    if not report.vague:
        window = DAY_WINDOW if report.day is not None or cluster.day is not None \
            else timedelta(0)
        overlap = report.earliest - window <= cluster.latest \
            and cluster.earliest <= report.latest + window
        hull = max(report.latest, cluster.latest) - min(report.earliest, cluster.earliest)
        if overlap and hull <= MAX_SPAN:
            return "widens"
    if report.once is None or not report.vague and not report.undated:
        return None
    start = report.earliest if report.vague else report.latest - HORIZON
    return "inside" if start <= cluster.earliest and cluster.latest <= report.latest else None


@dataclass(frozen=True)
class Decisions:
    """Users' decisions on reports (`kg events merge/split`): pairs of report IRIs told to be one
    happening, whatever the evidence, and pairs never to be put in one cluster."""

    same: frozenset[frozenset[str]] = frozenset()
    apart: frozenset[frozenset[str]] = frozenset()

    @property
    def everyone(self) -> frozenset[str]:
        """Return the reports a user put together with another."""
        return frozenset(report for pair in self.same for report in pair)

    def tied(self, report: str) -> set[str]:
        """Return the reports a user put together with this one."""
        return {other for pair in self.same if report in pair for other in pair} - {report}

    def kept_apart(self, report: str) -> set[str]:
        """Return the reports a user kept apart from this one."""
        return {other for pair in self.apart if report in pair for other in pair} - {report}


class ClusterIndex:
    """The event clusters of a store, blocked by class and participant or place."""

    def __init__(self, decisions: Decisions | None = None) -> None:
        self.clusters: dict[str, Cluster] = {}
        self.of_report: dict[str, str] = {}
        self.decisions = decisions or Decisions()
        self._blocks: dict[tuple[str, str], set[str]] = defaultdict(set)

    def load(self, cluster: Cluster) -> None:
        """Take in a cluster as stored."""
        self.clusters[cluster.iri] = cluster
        for iri in cluster.reports:
            self.of_report[iri] = cluster.iri
        self._index(cluster)

    def add(self, report: Report, mint: str) -> str | None:
        """Place a report; return its cluster's IRI (`mint` if it starts a new one), or None
        for a vague report that joins no cluster (it starts none: `Report.vague`)."""
        if report.iri in self.of_report:
            return self.of_report[report.iri]
        tied = self._tied(report)
        target = tied or self._match(report)
        if target is None:
            if report.vague:
                return None
            target = Cluster(iri=mint, type=report.type, earliest=report.earliest,
                             latest=report.latest)
            self.clusters[mint] = target
        if fit(report, target) == "widens" or tied is not None and not report.vague:
            target.earliest = min(target.earliest, report.earliest)
            target.latest = max(target.latest, report.latest)
        target.participants |= report.participants
        target.agents |= report.agents
        target.places |= {report.place} if report.place else set()
        target.labels |= {report.label} if report.label else set()
        target.reports[report.iri] = report.graph
        self.of_report[report.iri] = target.iri
        self._index(target)
        return target.iri

    def candidates(self, report: Report) -> list[Cluster]:
        """Return the clusters that share the report's class (or `ONCE` rule) and a participant
        or its place."""
        keys = [*(("actor", a) for a in report.participants),
                *((("place", report.place),) if report.place else ())]
        classes = [report.type, *((report.once,) if report.once else ())]
        found = {iri for kind, value in keys for of in classes
                 for iri in self._blocks.get((of, f"{kind}:{value}"), ())}
        return [self.clusters[iri] for iri in sorted(found)]

    def _tied(self, report: Report) -> Cluster | None:
        """Return the cluster of a report a user put together with this one, if any (and if no
        report in it was kept apart from this one)."""
        apart = self.decisions.kept_apart(report.iri)
        found = sorted(self.of_report[r] for r in self.decisions.tied(report.iri)
                       if r in self.of_report)
        return next((self.clusters[c] for c in found
                     if not apart & set(self.clusters[c].reports)), None)

    def _match(self, report: Report) -> Cluster | None:
        apart = self.decisions.kept_apart(report.iri)
        scored = [(score(report, c), c) for c in self.candidates(report)
                  if not apart & set(c.reports)]
        best = max((s for s, _ in scored), default=-1)
        if best < JOIN_SCORE:
            return None
        top = [c for s, c in scored if s == best]
        # a tie goes to the cluster told by most articles, then the first minted
        return min(top, key=lambda c: (-len(c.reports), c.iri))

    def _index(self, cluster: Cluster) -> None:
        for of in (cluster.type, *cluster.once):
            for actor in cluster.participants:
                self._blocks[(of, f"actor:{actor}")].add(cluster.iri)
            for place in cluster.places:
                self._blocks[(of, f"place:{place}")].add(cluster.iri)

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
