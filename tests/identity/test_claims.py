"""Disagreements between reports of one cluster (kg/identity/claims.py), and the numbers read
from participant phrases (kg/identity/numbers.py)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.identity.claims import Said, disagreements
from kg.identity.numbers import quantity

ASSAULT = "https://w3id.org/kg-timeline/event-class/conflict.assault"
DEAL = "https://w3id.org/kg-timeline/event-class/business.deal"


def said(event: str, *phrases: tuple[str, str], day: int = 19, stated: bool = True) -> Said:
    return Said(event=event, time=f"2019-08-{day}", earliest=date(2019, 8, day),
                latest=date(2019, 8, day), factuality="asserted", agents=(), stated=stated,
                phrases=phrases)


@pytest.mark.parametrize(("one", "other", "kind", "expected"), [
    # twelve dead against at least thirty: the counts cannot both be right
    (said("e1", ("target", "12 people")), said("e2", ("target", "at least 30 civilians")),
     ASSAULT, ["victims"]),
    # "at least 10" and "12" can both be right
    (said("e1", ("target", "at least 10 people")), said("e2", ("target", "twelve people")),
     ASSAULT, []),
    # amounts of one currency that differ
    (said("e1", ("target", "$2 billion")), said("e2", ("target", "$2.5 billion")), DEAL,
     ["amount"]),
    # amounts of two currencies are not compared
    (said("e1", ("target", "$2 billion")), said("e2", ("target", "€1.8 billion")), DEAL, []),
    # a count in a deal is no victim count
    (said("e1", ("target", "12 plants")), said("e2", ("target", "14 plants")), DEAL, []),
    # a report dated to its article's day (or an earlier sentence's) states no time
    (said("e1"), said("e2", day=21, stated=False), ASSAULT, []),
    (said("e1"), said("e2", day=21), ASSAULT, ["time"]),
])
def test_claims_disagree_on_numbers_and_stated_times(one: Said, other: Said, kind: str,
                                                     expected: list[str]) -> None:
    assert sorted(disagreements([one, other], kind)) == expected


def test_claims_keep_each_reports_phrase() -> None:
    found = disagreements([said("e1", ("target", "12 people")),
                           said("e2", ("target", "at least 30 civilians"))], ASSAULT)
    assert [(s.event, value) for s, value in found["victims"]] \
        == [("e1", "12 people"), ("e2", "at least 30 civilians")]


@pytest.mark.parametrize(("phrase", "low", "high", "currency"), [
    ("12 people", 12, 12, None),
    ("more than 300 people", 300, float("inf"), None),
    ("about 1,200 workers", 1080, 1320, None),
    ("$6 billion", 6e9, 6e9, "USD"),
    ("2.5 million euros", 2.5e6, 2.5e6, "EUR"),
    ("a dozen protesters", 12, 12, None),
    ("nearly 40 soldiers", 0, 40, None),
])
def test_numbers_read_a_phrase_as_a_range(phrase: str, low: float, high: float,
                                          currency: str | None) -> None:
    found = quantity(phrase)
    assert found is not None
    assert (found.low, found.high, found.currency) \
        == (pytest.approx(low), pytest.approx(high), currency)


@pytest.mark.parametrize("phrase", ["the rebels", "5 percent of shares", "a company", "10%"])
def test_numbers_find_no_number_where_there_is_none(phrase: str) -> None:
    assert quantity(phrase) is None
