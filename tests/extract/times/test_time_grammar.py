"""The time grammar's prefilter: a rule is skipped only where it could not have matched."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.times import scan
from kg.extract.times.grammar import GRAMMAR

# one expression or more for every rule, written for this test, in odd spacing and case
_EXPRESSIONS = (
    "2019-08-20", "8/20/2019", "Tuesday, 20th of August 2019", "August 20, 2019",
    "Aug. 2019", "last\nMarch", "fiscal year 2019", "1957-58", "FY2020", "the mid-1990s",
    "the '80s", "the 21st century", "the day before\nyesterday", "Monday  night",
    "last night", "the early hours of Tuesday", "this SUNDAY", "Mondays", "Friday evenings",
    "9:30 a.m. EST", "21:19 GMT", "0730 hrs", "midnight", "eleven o'clock",
    "the following morning", "later that week", "the weekend", "next fiscal quarter",
    "the summer of 2018", "autumn 2017", "its third quarter of fiscal 2019", "Q3 2019",
    "second-quarter", "the first half of 2019", "three years ago", "a few weeks\nearlier",
    "later in the year", "the year-earlier period", "the eight years", "two-week",
    "the past few days", "in recent weeks", "for decades", "at the\ntime", "nowadays",
    "every Monday", "twice a week", "Daily", "New Year's\nEve", "Thanksgiving 2019",
    "the fiscal year ended", "the afternoon", "over the\nyears",
)


_NEEDS = {rule.name: rule.apply.needs for rule in GRAMMAR}


def _hits(text: str) -> list[tuple[str, str]]:
    """Every match of every rule's regex over `text`, prefilter or not: (rule, matched text)."""
    return [(name, hit.group()) for name, regex in scan._COMPILED.items()
            for hit in regex.finditer(text)]


def _check(text: str) -> None:
    for name, matched in _hits(text):
        needs = _NEEDS[name]
        assert not needs or any(word in matched.casefold() for word in needs), (name, matched)
        gate = scan._GATES.get(name)
        assert gate is None or gate.search(matched), (name, matched)


@pytest.mark.parametrize("text", _EXPRESSIONS)
def test_every_match_holds_a_word_its_rule_needs(text: str) -> None:
    _check(text)


def test_the_expressions_reach_every_rule_the_prefilter_can_skip() -> None:
    reached = {name for text in _EXPRESSIONS for name, _ in _hits(text)}
    prefiltered = {name for name, needs in _NEEDS.items() if needs} | set(scan._GATES)
    assert prefiltered <= reached, prefiltered - reached


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_EXPRESSIONS + ("the", "of", "and", "said", ",", "\n", "-")),
                min_size=1, max_size=8), st.sampled_from([" ", "\n", "  "]))
def test_every_match_in_any_mix_of_expressions_holds_a_needed_word(parts: list[str], sep: str
                                                                   ) -> None:
    _check(sep.join(parts))


def _both(text: str) -> None:
    for name, regex in scan._COMPILED.items():
        looked = [(hit.start(), hit.end(), hit.groupdict()) for hit in regex.finditer(text)]
        run = [(first, hit.end(), hit.groupdict()) for hit, first in scan._hits(name, text)]
        assert run == looked, name


@pytest.mark.parametrize("text", [*_EXPRESSIONS, "2019", "'90s", "1998, 2001-02", "9 a.m.Tuesday",
                                  "Monday,Tuesday", "x2019 1999", "ſix days ago"])
def test_the_scan_finds_the_matches_of_the_look_behind_patterns(text: str) -> None:
    _both(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_EXPRESSIONS + ("the", "of", ",", "\n", "-", "'", "x", "’")),
                min_size=1, max_size=8), st.sampled_from([" ", "\n", "", "  "]))
def test_the_scan_finds_the_matches_in_any_mix_of_expressions(parts: list[str], sep: str) -> None:
    _both(sep.join(parts))
