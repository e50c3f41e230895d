"""The event-cluster index: scoring, blocking, placement and forgetting, on hand-made reports."""

from __future__ import annotations

from datetime import date

import pytest

from kg.identity.clusters import (
    EVIDENCE,
    JOIN_SCORE,
    ONCE,
    Cluster,
    ClusterIndex,
    Report,
    clusterable,
    once,
    score,
)

ASSAULT = "https://w3id.org/kg-timeline/event-class/conflict.assault"
PROTEST = "https://w3id.org/kg-timeline/event-class/conflict.protest"
DEATH = "https://w3id.org/kg-timeline/event-class/health.death"


def report(iri: str, graph: str, day: tuple[int, int, int], *, actors: tuple[str, ...] = (),
           place: str | None = None, label: str | None = "attack", kind: str = ASSAULT,
           last: tuple[int, int, int] | None = None) -> Report:
    return Report(iri=iri, graph=graph, type=kind, earliest=date(*day),
                  latest=date(*(last or day)), participants=frozenset(actors), place=place,
                  label=label)


def cluster_of(first: Report) -> Cluster:
    index = ClusterIndex()
    index.add(first, "c1")
    return index.clusters["c1"]


@pytest.mark.parametrize(("second", "joins"), [
    # the same attack told a day later by another article: actor, place, lemma
    (report("e2", "g2", (2019, 8, 20), actors=("russia",), place="idlib"), True),
    # the actor and the lemma of another day are not enough ("Trump rally", "Clinton campaign")
    (report("e2", "g2", (2019, 8, 20), actors=("russia",)), False),
    # the actor, the lemma and the day are
    (report("e2", "g2", (2019, 8, 19), actors=("russia",)), True),
    # sources disagree on the date by up to three days
    (report("e2", "g2", (2019, 8, 22), actors=("russia",), place="idlib"), True),
    # a week later is another attack
    (report("e2", "g2", (2019, 8, 26), actors=("russia",), place="idlib"), False),
    # the same article never gives a cluster a second report
    (report("e2", "g1", (2019, 8, 19), actors=("russia",), place="idlib"), False),
    # another class of event
    (report("e2", "g2", (2019, 8, 19), actors=("russia",), place="idlib", kind=PROTEST), False),
    # only the actor in common: not enough evidence
    (report("e2", "g2", (2019, 8, 20), actors=("russia",), label="strike"), False),
    # a vague time (a month) overlapping the day, with actor and place
    (report("e2", "g2", (2019, 8, 1), last=(2019, 8, 31), actors=("russia",), place="idlib"),
     True),
])
def test_clusters_join_only_on_compatible_time_and_enough_evidence(second: Report,
                                                                   joins: bool) -> None:
    first = report("e1", "g1", (2019, 8, 19), actors=("russia",), place="idlib")
    index = ClusterIndex()
    index.add(first, "c1")
    assert (index.add(second, "c2") == "c1") is joins


def test_clusters_score_adds_the_named_evidence() -> None:
    weights = {e.name: e.weight for e in EVIDENCE}
    first = report("e1", "g1", (2019, 8, 19), actors=("russia", "turkey"), place="idlib",
                   label="die", kind=DEATH)
    second = report("e2", "g2", (2019, 8, 19), actors=("russia", "turkey"), place="idlib",
                    label="die", kind=DEATH)
    assert score(second, cluster_of(first)) == sum(weights.values())
    assert sum(weights.values()) > JOIN_SCORE


def test_clusters_block_by_class_and_participant_or_place() -> None:
    index = ClusterIndex()
    index.add(report("e1", "g1", (2019, 8, 19), actors=("russia",)), "c1")
    index.add(report("e2", "g2", (2019, 8, 19), place="idlib"), "c2")
    index.add(report("e3", "g3", (2019, 8, 19), actors=("usa",), kind=PROTEST), "c3")
    found = index.candidates(report("e4", "g4", (2019, 8, 19), actors=("russia",),
                                    place="idlib"))
    assert [c.iri for c in found] == ["c1", "c2"]
    assert index.candidates(report("e5", "g5", (2019, 8, 19))) == []


def test_clusters_forget_removed_graphs_and_empty_clusters() -> None:
    index = ClusterIndex()
    index.add(report("e1", "g1", (2019, 8, 19), actors=("russia",), place="idlib"), "c1")
    index.add(report("e2", "g2", (2019, 8, 20), actors=("russia",), place="idlib"), "c2")
    index.add(report("e3", "g3", (2018, 1, 1), actors=("usa",), place="x"), "c3")
    index.forget({"g1", "g3"})
    assert list(index.clusters) == ["c1"] and list(index.clusters["c1"].reports) == ["e2"]
    assert "e1" not in index.of_report and "e3" not in index.of_report


@pytest.mark.parametrize(("kind", "factuality", "days", "expected"), [
    (ASSAULT, "asserted", 1, True),
    (ASSAULT, "negated", 1, True),
    (ASSAULT, "planned", 1, False),  # not a happening yet
    (ASSAULT, "asserted", 365, False),  # a year cannot tell one attack from another
    ("https://w3id.org/kg-timeline/event-class/general.state", "asserted", 1, False),
])
def test_clusters_cluster_only_specific_dated_happenings(kind: str, factuality: str, days: int,
                                                         expected: bool) -> None:
    start = date(2016, 1, 1)
    assert clusterable(kind, factuality, start, date.fromordinal(start.toordinal() + days - 1)) \
        is expected


LAUNCH = "https://w3id.org/kg-timeline/event-class/business.product_launch"


def launch(iri: str, graph: str, day: tuple[int, int, int], *, actors: tuple[str, ...],
           label: str = "introduce", last: tuple[int, int, int] | None = None,
           undated: bool = False) -> Report:
    return Report(iri=iri, graph=graph, type=LAUNCH, earliest=date(*day),
                  latest=date(*(last or day)), participants=frozenset(actors), label=label,
                  undated=undated)


@pytest.mark.parametrize(("second", "joins"), [
    # told two months later with no stated time: dated to its article, it happened before that
    (launch("e2", "g2", (2010, 8, 9), actors=("jobs", "iphone-4"), undated=True), True),
    # the same with another verb of one launch
    (launch("e2", "g2", (2010, 8, 9), actors=("jobs", "iphone-4"), label="launch",
            undated=True), True),
    # dated by a year only: "introduced in 2010"
    (launch("e2", "g2", (2010, 1, 1), last=(2010, 12, 31), actors=("jobs", "iphone-4")), True),
    # a stated day two months later is another happening, once or not
    (launch("e2", "g2", (2010, 8, 9), actors=("jobs", "iphone-4")), False),
    # undated, but more than the horizon before its article
    (launch("e2", "g2", (2011, 1, 9), actors=("jobs", "iphone-4"), undated=True), False),
    # a loose time with one participant in common and another verb: "Christie introduced Trump"
    # is no launch of Trump's bid
    (launch("e2", "g2", (2010, 8, 9), actors=("jobs",), label="launch", undated=True), False),
    # a verb of no happening that befalls its participants once (released every quarter)
    (launch("e2", "g2", (2010, 8, 9), actors=("jobs", "iphone-4"), label="release",
            undated=True), False),
])
def test_clusters_once_happenings_join_on_a_loose_time(second: Report, joins: bool) -> None:
    index = ClusterIndex()
    index.add(launch("e1", "g1", (2010, 6, 7), actors=("jobs", "iphone-4")), "c1")
    assert (index.add(second, "c2") == "c1") is joins
    # a loose time never widens the cluster's
    assert (index.clusters["c1"].earliest, index.clusters["c1"].latest) \
        == (date(2010, 6, 7), date(2010, 6, 7))


def test_clusters_vague_report_starts_no_cluster() -> None:
    index = ClusterIndex()
    assert index.add(launch("e1", "g1", (2010, 1, 1), last=(2010, 12, 31),
                            actors=("jobs", "iphone-4")), "c1") is None
    assert index.clusters == {}


@pytest.mark.parametrize(("kind", "label", "expected"), [
    (LAUNCH, "unveil", "once.launch"),
    (LAUNCH, "release", None),
    ("https://w3id.org/kg-timeline/event-class/conflict.concede", "resign", "once.resign"),
    ("https://w3id.org/kg-timeline/event-class/conflict.assault", "launch", None),
])
def test_clusters_once_rules_by_class_and_lemma(kind: str, label: str,
                                                expected: str | None) -> None:
    assert once(kind, label) == expected


def test_clusters_once_rules_are_named_and_explained() -> None:
    assert len({rule.name for rule in ONCE}) == len(ONCE)
    assert all(rule.why and rule.counter and rule.lemmas and rule.classes for rule in ONCE)


def test_clusters_once_happening_filed_under_two_classes_is_one() -> None:
    concede = "https://w3id.org/kg-timeline/event-class/conflict.concede"
    resignation = "https://w3id.org/kg-timeline/event-class/politics.resignation"
    index = ClusterIndex()
    index.add(report("e1", "g1", (2011, 8, 24), actors=("jobs",), label="resign",
                     kind=concede), "c1")
    assert index.add(report("e2", "g2", (2011, 8, 25), actors=("jobs",), label="resignation",
                            kind=resignation), "c2") == "c1"
    # a lemma of `ONCE` in a class its rule does not cover stays apart
    assert index.add(report("e3", "g3", (2011, 8, 24), actors=("jobs",), label="resign",
                            kind=PROTEST), "c3") == "c3"


@pytest.mark.parametrize(("first_agents", "second_agents", "joins"), [
    (("grayson",), ("clinton",), False),  # "Grayson attacks Clinton", "Clinton attacks Trump"
    ((), ("clinton",), True),  # "the nomination of Clinton", "Clinton's nomination"
    (("grayson",), ("grayson",), True),  # one attacker: one attack, whatever else differs
    ((), (), True),  # no agent on either side: the participants tell nothing of roles
])
def test_clusters_an_actor_in_the_other_role_tells_another_happening(
        first_agents: tuple[str, ...], second_agents: tuple[str, ...], joins: bool) -> None:
    index = ClusterIndex()
    first = Report(iri="e1", graph="g1", type=ASSAULT, earliest=date(2016, 5, 23),
                   latest=date(2016, 5, 23), participants=frozenset({"grayson", "clinton"}),
                   agents=frozenset(first_agents), label="attack")
    second = Report(iri="e2", graph="g2", type=ASSAULT, earliest=date(2016, 5, 23),
                    latest=date(2016, 5, 23), participants=frozenset({"grayson", "clinton"}),
                    agents=frozenset(second_agents), label="attack")
    index.add(first, "c1")
    assert (index.add(second, "c2") == "c1") is joins
