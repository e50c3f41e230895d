"""Every event rule on its own examples and counter-examples, through the real model and stages.

A trigger rule's example gives an event the rule made, its counter-example none; a sense rule's
example gives an event whose type changes when the rule is switched off, its counter-example the
same types either way; a veto's
example gives an event at some word only when the veto is switched off, its counter-example the
same events either way; a role rule's example gives a participant of its role that goes when the
rule is switched off, its counter-example the same ones either way; a mention rule's example
gives a participant of some role that goes when the rule is switched off; a phrase rule's example
gives a participant that is no actor that goes when the rule is switched off, its
counter-example the same ones either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Token

from kg.config import Settings
from kg.extract import Pipeline
from kg.extract.common.rules import Rule, RuleTable
from kg.extract.events.args import ArgumentFinder
from kg.extract.events.factuality import FACTUALITY, cue_shape
from kg.extract.events.lexicon import lexicon
from kg.extract.events.rules import (
    AGENTS,
    INSTRUMENTS,
    MENTIONS,
    PHRASES,
    PLACES,
    RECIPIENTS,
    RULES,
    TARGETS,
    shape,
)
from kg.extract.events.senses import SENSES, sense_shape
from kg.extract.events.triggers import TRIGGER_POS, TRIGGERS, VETOES, Trigger
from kg.model import Article, Event

_STAGES = ("times", "places", "actors", "events")
_PIPELINES: dict[tuple[str, ...], Pipeline] = {}  # by the rules switched off


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


def test_every_rule_has_an_example_and_a_unique_name() -> None:
    names = [rule.name for table in RULES for rule in table]
    assert len(names) == len(set(names))
    assert all(rule.examples for table in RULES for rule in table)
    assert {table.prefix for table in RULES} == {
        "events.trigger", "events.veto", "events.sense", "events.agent", "events.target",
        "events.recipient", "events.instrument", "events.place", "events.mention", "events.phrase",
        "events.factuality"}


@pytest.mark.parametrize(("rule", "text"), _cases(TRIGGERS, "examples"))
def test_trigger_rule_makes_an_event_on_its_example(nlp: Language, rule: Rule[object],
                                                     text: str) -> None:
    assert rule.name in {e.rule for e in _events(nlp, text)}
    assert rule.name not in {e.rule for e in _events(nlp, text, rule.name)}


@pytest.mark.parametrize(("rule", "text"), _cases(TRIGGERS, "counter"))
def test_trigger_rule_makes_no_event_on_its_counter_example(nlp: Language, rule: Rule[object],
                                                            text: str) -> None:
    assert rule.name not in {e.rule for e in _events(nlp, text)}


def _types(events: tuple[Event, ...]) -> set[tuple[str, str]]:
    return {(e.trigger.text, e.type) for e in events}


@pytest.mark.parametrize(("rule", "text"), _cases(SENSES, "examples"))
def test_sense_rule_types_an_event_on_its_example(nlp: Language, rule: Rule[object], text: str
                                                 ) -> None:
    typed = _types(_events(nlp, text))
    assert typed - _types(_events(nlp, text, rule.name)), f"{rule.name} types nothing: {typed}"


@pytest.mark.parametrize(("rule", "text"), _cases(SENSES, "counter"))
def test_sense_rule_types_nothing_on_its_counter_example(nlp: Language, rule: Rule[object],
                                                         text: str) -> None:
    typed = _types(_events(nlp, text))
    assert typed, "the counter-example should hold an event"
    assert typed == _types(_events(nlp, text, rule.name))


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


_ROLES = (("agents", AGENTS), ("targets", TARGETS), ("recipients", RECIPIENTS),
          ("instruments", INSTRUMENTS))
_FIELDS = tuple(field for field, _ in _ROLES)
_TABLES = (*_ROLES, ("place", PLACES))  # place rules name the phrase a place is sought in


@dataclass(frozen=True)
class _Word:
    """Any content word of an example taken as a trigger, with its listed CAMEO code if any:
    role rules name tokens whatever the trigger inventory holds."""

    token: Token
    noun: bool
    cameo: str


def _named(nlp: Language, text: str, table: RuleTable[Any], *disabled: str
           ) -> set[tuple[str, str]]:
    """Return (word, token) pairs the role rules of `table` name over every content word."""
    key = ("actors",)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(Settings(stages=_STAGES[:-1]), nlp=nlp)
    pipeline = _PIPELINES[key]
    article = Article(id="r1", text=text, published=date(2021, 3, 10))
    doc = pipeline.nlp(text)
    finder = ArgumentFinder(pipeline.apply(article, doc), doc, disabled)
    rules = table.active(disabled)
    lex = lexicon()
    named: set[tuple[str, str]] = set()
    for token in doc:
        if token.pos_ not in ("VERB", "NOUN"):
            continue
        table_of = lex.nouns if token.pos_ == "NOUN" else lex.verbs
        word = _Word(token, token.pos_ == "NOUN", table_of.get(token.lemma_.lower(), ""))
        named |= {(token.text, h.text) for h in finder._heads(word, rules)}
    return named


@pytest.mark.parametrize(("table", "rule", "text"), [
    case for _, table in _TABLES for case in _cases(table, "examples", table)])
def test_role_rule_names_a_participant_on_its_example(nlp: Language, table: RuleTable[Any],
                                                      rule: Rule[object], text: str) -> None:
    found, without = _named(nlp, text, table), _named(nlp, text, table, rule.name)
    assert found - without, f"{rule.name} names nothing here: {found}"


@pytest.mark.parametrize(("table", "rule", "text"), [
    case for _, table in _TABLES for case in _cases(table, "counter", table)])
def test_role_rule_names_nothing_on_its_counter_example(nlp: Language, table: RuleTable[Any],
                                                       rule: Rule[object], text: str) -> None:
    assert _named(nlp, text, table) == _named(nlp, text, table, rule.name)


def test_role_rule_needs_hold_wherever_it_names_anything(nlp: Language) -> None:
    """`ArgumentFinder` skips a role or place rule for a trigger without what the rule needs
    (`Rule.needs` over `rules.shape`): on every content word of every event rule's sentences,
    such a rule names nothing."""
    pipeline = Pipeline(Settings(stages=_STAGES[:-1]), nlp=nlp)
    lex = lexicon()
    texts = {text for table in RULES for rule in table for text in (*rule.examples, *rule.counter)
             if isinstance(text, str)}
    tried = 0
    for text in sorted(texts):
        article = Article(id="r1", text=text, published=date(2021, 3, 10))
        doc = pipeline.nlp(text)
        context = ArgumentFinder(pipeline.apply(article, doc), doc).context
        for token in doc:
            if token.pos_ not in ("VERB", "NOUN", "ADJ", "AUX"):
                continue
            table_of = lex.nouns if token.pos_ == "NOUN" else lex.verbs
            word = _Word(token, token.pos_ == "NOUN", table_of.get(token.lemma_.lower(), ""))
            has = shape(word)
            for _, table in _TABLES:
                for rule in table:
                    if _unmet(rule, has):
                        tried += 1
                        assert rule.apply(word, [], context) == [], (rule.name, text, token.text)
    assert tried > 1000


def _unmet(rule: Rule[Any], has: frozenset[str]) -> bool:
    return not rule.meets(has)


def test_cue_and_sense_needs_hold_wherever_they_decide(nlp: Language) -> None:
    """`Cues` skips a factuality cue for a trigger without what the cue needs (over
    `cue_shape`), `Senses` a sense rule (over `sense_shape`): on every word of every event
    rule's sentences (as a trigger of its lemma, with its listed CAMEO code and with none), such
    a cue does not fire and such a rule decides nothing."""
    lex = lexicon()
    texts = {text.replace("[", "").replace("]", "") for table in RULES for rule in table
             for text in (*rule.examples, *rule.counter) if isinstance(text, str)}
    cues = sensed = 0
    for text in sorted(texts):
        for token in nlp(text):
            has = cue_shape(token)
            for cue in FACTUALITY:
                if _unmet(cue, has):
                    cues += 1
                    assert not cue.apply.test(token), (cue.name, text, token.text)
            if token.pos_ not in ("VERB", "NOUN", "ADJ", "AUX"):
                continue
            noun = token.pos_ == "NOUN"
            listed = (lex.nouns if noun else lex.verbs).get(token.lemma_.lower(), "")
            for cameo in {"", listed}:
                trigger = Trigger(token, cameo, token.lemma_.lower(), noun, "events.trigger.t")
                has = sense_shape(trigger)
                for rule in SENSES:
                    if _unmet(rule, has):
                        sensed += 1
                        assert rule.apply(trigger, lex) is None, (rule.name, text, token.text)
    assert cues > 1000
    assert sensed > 1000


@pytest.mark.parametrize(("rule", "text"), [
    case for field in ("examples", "counter") for case in _cases(TRIGGERS, field)])
def test_trigger_rule_finds_nothing_in_another_part_of_speech(nlp: Language, rule: Rule[Any],
                                                              text: str) -> None:
    """`find_triggers` tries a trigger rule only on the part of speech `TRIGGER_POS` gives it."""
    pos = TRIGGER_POS[rule.name]
    others = [t for t in nlp(text) if t.pos_ != pos]
    assert others
    assert all(rule.apply(t, lexicon()) is None for t in others)


def _participants(events: tuple[Event, ...]) -> set[tuple[str, str, str]]:
    return {(field, e.trigger.text, actor) for e in events for field in _FIELDS
            for actor in getattr(e, field)}


@pytest.mark.parametrize(("rule", "text"), _cases(MENTIONS, "examples"))
def test_mention_rule_reaches_an_actor_on_its_example(nlp: Language, rule: Rule[object],
                                                      text: str) -> None:
    found = _participants(_events(nlp, text))
    without = _participants(_events(nlp, text, rule.name))
    assert found - without, f"{rule.name} reaches no actor here: {found}"


@pytest.mark.parametrize(("rule", "text"), _cases(MENTIONS, "counter"))
def test_mention_rule_reaches_nothing_on_its_counter_example(nlp: Language, rule: Rule[object],
                                                             text: str) -> None:
    assert _events(nlp, text), "the counter-example should hold an event"
    assert _participants(_events(nlp, text)) == _participants(_events(nlp, text, rule.name))


def _phrases(events: tuple[Event, ...]) -> set[tuple[str, str, str]]:
    return {(p.role, e.trigger.text, p.mention.text) for e in events for p in e.participants
            if p.actor is None}


@pytest.mark.parametrize(("rule", "text"), _cases(PHRASES, "examples"))
def test_phrase_rule_keeps_a_theme_on_its_example(nlp: Language, rule: Rule[object],
                                                  text: str) -> None:
    found = _phrases(_events(nlp, text))
    without = _phrases(_events(nlp, text, rule.name))
    assert found - without, f"{rule.name} keeps no phrase here: {found}"


@pytest.mark.parametrize(("rule", "text"), _cases(PHRASES, "counter"))
def test_phrase_rule_keeps_nothing_on_its_counter_example(nlp: Language, rule: Rule[object],
                                                          text: str) -> None:
    assert _events(nlp, text), "the counter-example should hold an event"
    assert _phrases(_events(nlp, text)) == _phrases(_events(nlp, text, rule.name))
