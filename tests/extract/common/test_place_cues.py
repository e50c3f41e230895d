"""Place cues around a name: what the words before and after it say about it being a place."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.extract.common.place_cues import cue_for


def _cue(nlp: Language, text: str, name: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == name.split()[0])
    return cue_for(doc, start, start + len(name.split()))


@pytest.mark.parametrize(("text", "name", "weak"), [
    ("Protesters gathered in Aleppo on Monday.", "Aleppo", True),
    # a possessor after a locative preposition is in the thing it possesses
    ("Both men served in Obama's cabinet.", "Obama", False),
    ("Both men served in Obama’s cabinet.", "Obama", False),
])
def test_place_cue_of_a_locative_preposition(nlp: Language, text: str, name: str, weak: bool
                                             ) -> None:
    assert _cue(nlp, text, name).weak is weak


@pytest.mark.parametrize(("text", "name", "strong"), [
    ("Rebels shelled the capital Damascus on Monday.", "Damascus", True),
    # a kind word before a body qualifies the body
    ("She won a full term on the state Supreme Court on Tuesday.", "Supreme Court", False),
    # nor a title after it
    ("The new supporters include state Sen. Ralph Alvarado.", "Sen.", False),
    # nor a name that qualifies a noun after it
    ("The eruption of war in the capital of a NATO ally is a reminder.", "NATO", False),
])
def test_place_cue_of_a_kind_word_before_the_name(nlp: Language, text: str, name: str,
                                                  strong: bool) -> None:
    assert _cue(nlp, text, name).strong is strong


@pytest.mark.parametrize(("text", "name", "within"), [
    ("He was born in Paris, Texas, in 1950.", "Paris", "Texas"),
    # a list is no containing place
    ("He spent time in Central America, Iraq and Afghanistan.", "Central America", None),
    ("His successes were overshadowed by turmoil in Paris, Ukraine, Libya and Syria.", "Paris",
     None),
])
def test_place_cue_of_a_place_after_a_comma(nlp: Language, text: str, name: str,
                                            within: str | None) -> None:
    found = _cue(nlp, text, name).within
    assert (found.text if found is not None else None) == within


@pytest.mark.parametrize(("text", "name", "strong"), [
    ("Clashes continued in Hama province on Tuesday.", "Hama", True),
    # a kind word that begins a phrase of its own is no cue for the name before it
    ("A truck rammed into a crowd in the French Riviera city of Nice on Thursday.", "Riviera",
     False),
    ("EPIC Troll at Hillary town hall. Still from CNN Clip.", "Hillary", False),
])
def test_place_cue_of_a_kind_word_after_the_name(nlp: Language, text: str, name: str,
                                                 strong: bool) -> None:
    assert _cue(nlp, text, name).strong is strong
