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
])
def test_place_cue_of_a_kind_word_before_the_name(nlp: Language, text: str, name: str,
                                                  strong: bool) -> None:
    assert _cue(nlp, text, name).strong is strong
