"""Every time grammar rule on its own examples and counter-examples, through the real model
and the times stage.

An example names the expression the rule must find in [brackets]: the stage finds a timex of
exactly that text, and none once the rule is switched off through `Settings.disabled_rules`. A
counter-example gives the same timexes with the rule on and off.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from spacy.language import Language

from kg.config import Settings
from kg.extract import Pipeline, rule_tables
from kg.extract.common.rules import Rule
from kg.extract.times.grammar import GRAMMAR
from kg.extract.times.rules import RULES
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


def _cases(field: str) -> list[Any]:
    return [pytest.param(rule, text, id=f"{rule.name}-{n}")
            for rule in GRAMMAR for n, text in enumerate(getattr(rule, field))]


def test_every_rule_has_an_example_and_a_unique_name() -> None:
    names = [rule.name for table in rule_tables() for rule in table]
    assert len(names) == len(set(names))
    assert all(rule.examples for table in RULES for rule in table)
    assert all(rule.examples and text.count("[") == text.count("]") == 1
               for rule in GRAMMAR for text in rule.examples)


@pytest.mark.parametrize(("rule", "text"), _cases("examples"))
def test_grammar_rule_finds_its_example(nlp: Language, rule: Rule[object], text: str) -> None:
    start = text.index("[")
    wanted = (start, text[start + 1:text.index("]")])
    plain = text.replace("[", "").replace("]", "")
    assert wanted in _timexes(nlp, plain)
    assert wanted not in _timexes(nlp, plain, rule.name)


@pytest.mark.parametrize(("rule", "text"), _cases("counter"))
def test_grammar_rule_finds_nothing_in_its_counter_example(nlp: Language, rule: Rule[object],
                                                           text: str) -> None:
    assert _timexes(nlp, text) == _timexes(nlp, text, rule.name)
