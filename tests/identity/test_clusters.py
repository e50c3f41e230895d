"""The event-cluster index: scoring, blocking, placement and forgetting, on hand-made reports."""

from __future__ import annotations

from datetime import date

import pytest

from kg.identity.clusters import (
    EVIDENCE,
    JOIN_SCORE,
    Cluster,
    ClusterIndex,
    Report,
    clusterable,
    score,
)

ASSAULT = "https://w3id.org/kg-timeline/event-class/conflict.assault"
PROTEST = "https://w3id.org/kg-timeline/event-class/conflict.protest"


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
    first = report("e1", "g1", (2019, 8, 19), actors=("russia", "turkey"), place="idlib")
    second = report("e2", "g2", (2019, 8, 19), actors=("russia", "turkey"), place="idlib")
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
