"""Coreference inside an article: pronouns and definite descriptions to the actors named before."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from kg.config import Settings
from kg.extract import Pipeline
from kg.extract.common.coref import antecedents
from kg.extract.common.spans import SpanIndex
from kg.keys import actor_id
from kg.model import Article


def _resolved(nlp: Language, text: str) -> dict[str, str]:
    """Return anaphor text -> actor id for every anaphor resolved in `text`."""
    pipeline = Pipeline(Settings(stages=("times", "places", "actors")), nlp=nlp)
    article = Article(id="c1", text=text, published=date(2021, 3, 10))
    doc = nlp(text)
    extraction = pipeline.apply(article, doc)
    found = antecedents(doc, SpanIndex(extraction), extraction.actors)
    return {doc[i].text: actor for i, actor in found.items()}


@pytest.mark.parametrize(("text", "anaphor", "name"), [
    ("John Smith met Hamas in Cairo. He said the talks went well.", "He", "John Smith"),
    ("Boeing met Airbus in Paris. It said the talks went well.", "It", "Boeing"),
    ("Boeing said on Monday that its profits had fallen.", "its", "Boeing"),
    ("Boeing reported a loss. The planemaker blamed the strike.", "planemaker", "Boeing"),
    # a modifier word of the description that is in one actor's name picks that actor
    ("Apple Records sued Apple Computer in 1981. The computer maker paid $80,000.", "maker",
     "Apple Computer"),
    ("President Vladimir Putin met John Smith. The president said little.", "president",
     "Vladimir Putin"),
    ("Five years after its launch, Boeing sold the factory.", "its", "Boeing"),  # fronted
    ("Another planemaker, Boeing, announced that it would sell the factory.", "it", "Boeing"),
    # gender: titles, a given name or an earlier "she" rule out the nearer person
    ("Mrs. Clinton met Bernie Sanders in Iowa. He said the talks went well.", "He",
     "Bernie Sanders"),
    ("John Smith met Hillary Clinton in Iowa. She said the talks went well.", "She",
     "Hillary Clinton"),
    ("Clinton met Smith. She said that Smith was wrong, and he agreed.", "he", "Smith"),
])
def test_coref_resolves_anaphor_to_earlier_actor(nlp: Language, text: str, anaphor: str,
                                                 name: str) -> None:
    assert _resolved(nlp, text).get(anaphor) == actor_id(name)


@pytest.mark.parametrize(("text", "anaphor"), [
    ("Boeing met John Smith. It is expected that prices will rise.", "It"),  # expletive
    ("Boeing built the new jet. The jet flew well, and it landed early.", "it"),  # a thing
    ("John Smith met Hamas. The president said little.", "president"),  # no such title
    ("Boeing met Airbus. She said little.", "She"),  # no person before
    ("After his speech, Boeing sold the factory.", "his"),  # a person only for "his"
    ("Mrs. Clinton met Boeing. He said little.", "He"),  # she is no "he"
    ("Ms. Jane Doe spoke, and the man shouted before he left.", "he"),  # a person no actor names
    ("John Smith said a senator of Ohio was wrong after he voted.", "he"),  # named by complement
])
def test_coref_leaves_unresolvable_anaphor_alone(nlp: Language, text: str, anaphor: str) -> None:
    assert anaphor not in _resolved(nlp, text)


@pytest.mark.parametrize(("text", "anaphor", "name"), [
    ('"If my son were still in Iraq, it would be worse," John Smith said. He left.', "He",
     "John Smith"),  # a person inside the speaker's own words does not compete
    ("The senator John Smith met Boeing. The senator said he was pleased.", "he", "John Smith"),
])
def test_coref_unnamed_people_compete_only_outside_quotes_and_descriptions(
        nlp: Language, text: str, anaphor: str, name: str) -> None:
    assert _resolved(nlp, text).get(anaphor) == actor_id(name)
