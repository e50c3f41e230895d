"""Every factuality cue on its own examples and counter-examples, through the real model.

The trigger of each sentence is the word in [brackets]: an example must be classified by its own
rule (the first to fire), a counter-example must not fire that rule.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Token

from kg.extract.events.factuality import FACTUALITY, classify, firing


def _trigger(nlp: Language, marked: str) -> Token:
    start = marked.index("[")
    text = marked.replace("[", "").replace("]", "")
    doc = nlp(text)
    return next(t for t in doc if t.idx == start)


@pytest.mark.parametrize(("name", "text"), [
    pytest.param(rule.name, text, id=f"{rule.name}-{n}")
    for rule in FACTUALITY for n, text in enumerate(rule.examples)])
def test_factuality_rule_fires_on_its_examples(nlp, name, text):
    assert firing(_trigger(nlp, text)) == name


@pytest.mark.parametrize(("name", "text"), [
    pytest.param(rule.name, text, id=f"{rule.name}-{n}")
    for rule in FACTUALITY for n, text in enumerate(rule.counter)])
def test_factuality_rule_keeps_off_its_counter_examples(nlp, name, text):
    rule = next(r for r in FACTUALITY if r.name == name)
    assert not rule.apply.test(_trigger(nlp, text))


@pytest.mark.parametrize(("text", "value"), [
    ("Turkish troops [withdrew] from the post on Tuesday.", "asserted"),
    ("We will not allow the [destruction] of property.", "ruled_out"),
    ("The minister said he would [meet] youth leaders next Friday.", "planned"),
    ("Protesters called for a [ceasefire].", "demanded"),
])
def test_factuality_classifies(nlp, text, value):
    assert classify(_trigger(nlp, text)) == value
