"""Every event rule on its own examples and counter-examples, through the real model and stages.

A trigger rule's example gives an event the rule made, its counter-example none; a veto's
example gives an event at some word only when the veto is switched off, its counter-example the
same events either way; an agent or target rule's example gives an agent or target that goes
when the rule is switched off, its counter-example the same ones either way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from spacy.language import Language

from kg.config import Settings
from kg.extract import Pipeline
from kg.extract.common.rules import Rule, RuleTable
from kg.extract.events.args import AGENTS, TARGETS
from kg.extract.events.rules import RULES
from kg.extract.events.triggers import TRIGGERS, VETOES
from kg.model import Article, Event

_STAGES = ("times", "places", "actors", "events")
_PIPELINES: dict[tuple[str, ...], Pipeline] = {}


def _events(nlp: Language, text: str, *disabled: str) -> tuple[Event, ...]:
    """Run the real stages up to events over `text`, with `disabled` rules switched off."""
    if disabled not in _PIPELINES:
        settings = Settings(stages=_STAGES, disabled_rules=disabled)
        _PIPELINES[disabled] = Pipeline(settings, nlp=nlp)
    article = Article(id="r1", text=text, published=date(2021, 3, 10))
    return _PIPELINES[disabled].run(article).events


def _cases(table: RuleTable[Any], field: str, *lead: str) -> list[Any]:
    """One test case per sentence of each rule's `examples` or `counter`, after `lead`."""
    return [pytest.param(*lead, rule, text, id=f"{rule.name}-{n}")
            for rule in table for n, text in enumerate(getattr(rule, field))]


def _triggers(events: tuple[Event, ...]) -> set[str]:
    return {e.trigger.text for e in events}


def _arguments(events: tuple[Event, ...], field: str) -> set[tuple[str, str]]:
    return {(e.trigger.text, actor) for e in events for actor in getattr(e, field)}


def test_every_rule_has_an_example_and_a_unique_name() -> None:
    names = [rule.name for table in RULES for rule in table]
    assert len(names) == len(set(names))
    assert all(rule.examples for table in RULES for rule in table)
    assert {table.prefix for table in RULES} == {
        "events.trigger", "events.veto", "events.agent", "events.target", "events.factuality"}


@pytest.mark.parametrize(("rule", "text"), _cases(TRIGGERS, "examples"))
def test_trigger_rule_makes_an_event_on_its_example(nlp: Language, rule: Rule[object],
                                                     text: str) -> None:
    assert rule.name in {e.rule for e in _events(nlp, text)}
    assert rule.name not in {e.rule for e in _events(nlp, text, rule.name)}


@pytest.mark.parametrize(("rule", "text"), _cases(TRIGGERS, "counter"))
def test_trigger_rule_makes_no_event_on_its_counter_example(nlp: Language, rule: Rule[object],
                                                            text: str) -> None:
    assert rule.name not in {e.rule for e in _events(nlp, text)}


@pytest.mark.parametrize(("rule", "text"), _cases(VETOES, "examples"))
def test_veto_drops_an_event_on_its_example(nlp: Language, rule: Rule[object], text: str
                                            ) -> None:
    kept, unvetoed = _triggers(_events(nlp, text)), _triggers(_events(nlp, text, rule.name))
    assert unvetoed - kept, f"switching {rule.name} off adds no event"
    assert kept <= unvetoed


@pytest.mark.parametrize(("rule", "text"), _cases(VETOES, "counter"))
def test_veto_keeps_every_event_on_its_counter_example(nlp: Language, rule: Rule[object],
                                                       text: str) -> None:
    kept = _triggers(_events(nlp, text))
    assert kept, "the counter-example should hold an event the veto leaves alone"
    assert kept == _triggers(_events(nlp, text, rule.name))


@pytest.mark.parametrize(("field", "rule", "text"), [
    case for field, table in (("agents", AGENTS), ("targets", TARGETS))
    for case in _cases(table, "examples", field)])
def test_argument_rule_reads_an_actor_on_its_example(nlp: Language, field: str,
                                                     rule: Rule[object], text: str) -> None:
    found = _arguments(_events(nlp, text), field)
    without = _arguments(_events(nlp, text, rule.name), field)
    assert found - without, f"{rule.name} reads no {field[:-1]} here: {found}"


@pytest.mark.parametrize(("field", "rule", "text"), [
    case for field, table in (("agents", AGENTS), ("targets", TARGETS))
    for case in _cases(table, "counter", field)])
def test_argument_rule_reads_nothing_on_its_counter_example(nlp: Language, field: str,
                                                            rule: Rule[object], text: str
                                                            ) -> None:
    assert _events(nlp, text), "the counter-example should hold an event"
    assert _arguments(_events(nlp, text), field) == _arguments(_events(nlp, text, rule.name),
                                                               field)
