"""Every rule of the statements stage on its own examples, with the real model and stage.

A cue rule's examples yield a statement it made, its counter-examples none. A veto's examples
hold a cue it stops: switched off, that cue makes a statement (joins are off in both runs, so
that no join folds the cue away). A content or join rule's examples get other statements with
the rule switched off; their counter-examples get the same statements either way.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

import pytest
from spacy.language import Language

from kg.config import Settings
from kg.extract import REGISTRY, rule_tables
from kg.extract.common.rules import Rule
from kg.extract.statements.content import ContentRules
from kg.extract.statements.content_rules import CONTENT
from kg.extract.statements.cue_rules import CUES
from kg.extract.statements.lexicon import speech_lexicon
from kg.extract.statements.rules import RULES
from kg.extract.statements.scene import Scene, WordCue
from kg.model import Article, Extraction, Statement

ALL: list[Rule[Any]] = [rule for table in RULES for rule in table]
CASES = [pytest.param(rule, text, kind == "examples", id=f"{rule.name}-{kind}-{n}")
         for rule in ALL for kind in ("examples", "counter")
         for n, text in enumerate(getattr(rule, kind))]
_JOINS = ("statements.join",)


def _statements(nlp: Language, text: str, disabled: Collection[str] = ()
                ) -> tuple[Statement, ...]:
    stage = REGISTRY["statements"].factory(Settings(disabled_rules=tuple(disabled)))
    article = Article(id="r1", text=text, published=date(2022, 5, 4))
    return stage(Extraction(article=article), nlp(text)).statements


def _shape(statements: tuple[Statement, ...]) -> list[tuple[str, int, str | None, str | None]]:
    return [(s.cue.text, s.cue.start, s.content.text if s.content else None, s.rule)
            for s in statements]


@pytest.mark.parametrize(("rule", "text", "fires"), CASES)
def test_statement_rule_on_its_examples(nlp: Language, rule: Rule[Any], text: str,
                                        fires: bool) -> None:
    group = rule.name.split(".")[1]
    if group == "cue":
        made = [s.rule for s in _statements(nlp, text)]
        assert (rule.name in made) == fires, made
    elif group == "veto":
        on = {s.cue.start for s in _statements(nlp, text, _JOINS)}
        off = {s.cue.start for s in _statements(nlp, text, (rule.name, *_JOINS))}
        if fires:
            assert off - on, "switching the veto off lets no cue through"
        else:
            assert on == off
    else:
        on = _shape(_statements(nlp, text))
        off = _shape(_statements(nlp, text, (rule.name,)))
        assert (on != off) == fires, (on, off)


def test_statement_rules_have_examples_and_unique_names() -> None:
    names = [rule.name for rule in ALL]
    assert len(set(names)) == len(names)
    assert [rule.name for rule in ALL if not rule.examples] == []
    assert all(table in rule_tables() for table in RULES)


@pytest.mark.parametrize("text", [
    "“We will stay,” the miners said. According to the union, the mine is safe.",
    "Brenner: Harbour fees will rise next year\nThe mayor is wary of the new toll.",
])
def test_statement_rule_names_every_statement(nlp: Language, text: str) -> None:
    statements = _statements(nlp, text)
    assert statements and all(s.rule in {r.name for r in ALL} for s in statements)


def test_statement_rules_switched_off_by_prefix_leave_no_statement(nlp: Language) -> None:
    text = "The governor said the bridge would reopen in June."
    assert _statements(nlp, text)
    assert _statements(nlp, text, ("statements.cue",)) == ()


def test_statement_rule_named_on_every_statement_of_a_real_article(
        seed_extraction: Extraction) -> None:
    names = {r.name for r in CUES}
    assert seed_extraction.statements
    assert all(s.rule in names for s in seed_extraction.statements)


@pytest.mark.parametrize(("rule", "text"), [
    pytest.param(rule, text, id=f"{rule.name}-{n}") for rule in CUES
    if isinstance(rule.apply, WordCue) and rule.apply.words is not None
    for n, text in enumerate((*rule.examples, *rule.counter))])
def test_word_cue_finds_nothing_at_another_word(nlp: Language, rule: Rule[Any],
                                                text: str) -> None:
    """The finder tries a word cue with `words` only at those words: it finds nothing at any
    other (and the filter keeps its examples)."""
    doc = nlp(text)
    scene = Scene(doc, speech_lexicon(), ContentRules(speech_lexicon(), CONTENT.rules), [], ())
    others = [t for t in doc if t.lower_ not in rule.apply.words]
    assert others
    assert all(rule.apply.find(scene, t) is None for t in others)


def test_word_cue_finds_nothing_at_a_word_of_another_lemma(nlp: Language) -> None:
    """The finder tries a word cue with `lemmas` only at words of those lemmas: on every word of
    every statement rule's sentences, it finds nothing at a word of any other."""
    lex = speech_lexicon()
    gated = [(rule, frozenset(rule.apply.lemmas(lex))) for rule in CUES
             if isinstance(rule.apply, WordCue) and rule.apply.lemmas is not None]
    texts = {text for table in RULES for rule in table for text in (*rule.examples, *rule.counter)
             if isinstance(text, str)}
    tried = 0
    for text in sorted(texts):
        doc = nlp(text)
        scene = Scene(doc, lex, ContentRules(lex, CONTENT.rules), [], ())
        for token in doc:
            for rule, lemmas in gated:
                if token.lemma_.lower() not in lemmas:
                    tried += 1
                    assert rule.apply.find(scene, token) is None, (rule.name, text, token.text)
    assert len(gated) == 8
    assert tried > 1000
