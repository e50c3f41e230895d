"""Every time grammar rule on its own examples and counter-examples, through the real model
and the times stage.

An example names an expression in [brackets]. For a grammar rule, the stage finds a timex of
exactly that text, and none once the rule is switched off through `Settings.disabled_rules`; for
a veto, the other way round. A counter-example gives the same timexes with the rule on and off,
and a veto's counter-example still holds its bracketed timex.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from spacy.language import Language

from kg.config import Settings
from kg.extract import Pipeline, rule_tables
from kg.extract.common.rules import Rule, RuleTable
from kg.extract.times.grammar import GRAMMAR
from kg.extract.times.rules import RULES
from kg.extract.times.vetoes import VETOES
from kg.model import Article, Timex

_PIPELINES: dict[tuple[str, ...], Pipeline] = {}


def _timexes(nlp: Language, text: str, *disabled: str) -> set[tuple[int, str]]:
    """Run the real times stage over `text`, with `disabled` rules switched off."""
    if disabled not in _PIPELINES:
        settings = Settings(stages=("times",), disabled_rules=disabled)
        _PIPELINES[disabled] = Pipeline(settings, nlp=nlp)
    article = Article(id="r1", text=text, published=date(2019, 8, 20))
    times: tuple[Timex, ...] = _PIPELINES[disabled].run(article).times
    return {(t.start, t.text) for t in times}


def _cases(table: RuleTable[Any], field: str) -> list[Any]:
    return [pytest.param(rule, text, id=f"{rule.name}-{n}")
            for rule in table for n, text in enumerate(getattr(rule, field))]


def _marked(text: str) -> tuple[str, tuple[int, str]]:
    """Return the text without brackets, and the (offset, text) of the bracketed expression."""
    start = text.index("[")
    return text.replace("[", "").replace("]", ""), (start, text[start + 1:text.index("]")])


def test_every_rule_has_an_example_and_a_unique_name() -> None:
    names = [rule.name for table in rule_tables() for rule in table]
    assert len(names) == len(set(names))
    assert all(rule.examples for table in RULES for rule in table)
    assert all(text.count("[") == text.count("]") == 1
               for rule in GRAMMAR for text in rule.examples)
    assert all(text.count("[") == text.count("]") == 1
               for rule in VETOES for text in (*rule.examples, *rule.counter))


@pytest.mark.parametrize(("rule", "text"), _cases(GRAMMAR, "examples"))
def test_grammar_rule_finds_its_example(nlp: Language, rule: Rule[object], text: str) -> None:
    plain, wanted = _marked(text)
    assert wanted in _timexes(nlp, plain)
    assert wanted not in _timexes(nlp, plain, rule.name)


@pytest.mark.parametrize(("rule", "text"), _cases(GRAMMAR, "counter"))
def test_grammar_rule_finds_nothing_in_its_counter_example(nlp: Language, rule: Rule[object],
                                                           text: str) -> None:
    assert _timexes(nlp, text) == _timexes(nlp, text, rule.name)


@pytest.mark.parametrize(("rule", "text"), _cases(VETOES, "examples"))
def test_veto_drops_its_example(nlp: Language, rule: Rule[object], text: str) -> None:
    plain, vetoed = _marked(text)
    assert vetoed not in _timexes(nlp, plain)
    assert vetoed in _timexes(nlp, plain, rule.name)


@pytest.mark.parametrize(("rule", "text"), _cases(VETOES, "counter"))
def test_veto_keeps_its_counter_example(nlp: Language, rule: Rule[object], text: str) -> None:
    plain, kept = _marked(text)
    assert kept in _timexes(nlp, plain)
    assert _timexes(nlp, plain) == _timexes(nlp, plain, rule.name)
