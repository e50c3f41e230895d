"""Kind evidence from the words around a name (`kg.extract.actors.kinds`), through the real model.

Every rule of `KIND_RULES` on its examples and counter-examples: the bracketed name's mention
gets a vote from the rule on an example (compared with the rule switched off) and none on a
counter-example; and the actors stage types or drops whole actors by the votes of all mentions.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from kg.config import Settings
from kg.extract.actors import stage as actors
from kg.extract.actors.kinds import KIND_RULES, verdict, votes
from kg.extract.actors.mentions import Mention
from kg.extract.places import stage as places
from kg.model import Article, Extraction


def _marked(text: str) -> tuple[str, int, int]:
    start = text.index("[")
    end = text.index("]") - 1
    return text.replace("[", "").replace("]", ""), start, end


def _mention(nlp: Language, text: str) -> tuple[Any, Mention]:
    plain, start, end = _marked(text)
    doc = nlp(plain)
    span = doc.char_span(start, end, alignment_mode="expand")
    assert span is not None
    label = span.root.ent_type_
    return doc, Mention(start, end, plain[start:end], label,
                        tokens=tuple(t.text for t in span))


def _cases(field: str) -> list[Any]:
    return [pytest.param(rule, text, id=f"{rule.name}-{n}")
            for rule in KIND_RULES for n, text in enumerate(getattr(rule, field))]


def test_every_kind_rule_has_an_example_with_one_bracketed_name() -> None:
    assert all(rule.examples for rule in KIND_RULES)
    assert all(text.count("[") == text.count("]") == 1
               for rule in KIND_RULES for text in (*rule.examples, *rule.counter))


@pytest.mark.parametrize(("rule", "text"), _cases("examples"))
def test_kind_rule_votes_on_its_example(nlp: Language, rule: Any, text: str) -> None:
    doc, mention = _mention(nlp, text)
    with_rule = votes(doc, [mention])
    without = votes(doc, [mention], (rule.name,))
    assert with_rule != without and sum(with_rule.values()) > sum(without.values())


@pytest.mark.parametrize(("rule", "text"), _cases("counter"))
def test_kind_rule_is_silent_on_its_counter_example(nlp: Language, rule: Any, text: str) -> None:
    doc, mention = _mention(nlp, text)
    assert votes(doc, [mention]) == votes(doc, [mention], (rule.name,))


@pytest.fixture(scope="module")
def stages():  # type: ignore[no-untyped-def]
    return places.places_stage(Settings()), actors.actors_stage(Settings())


def _run(nlp, stages, text: str) -> Extraction:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    extraction = Extraction(article=Article(id="k1", text=text))
    for stage in stages:
        extraction = stage(extraction, doc)
    return extraction


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("And he is advising Pfizer as it works on a $160 billion combination with Allergan.",
     "Pfizer", "organisation"),
    ("“The response has been massive,” said Julien Talavan, a spokesman for Force Ouvrière, "
     "the main Airbus union in France.", "Force Ouvrière", "organisation"),
    ("GM would continue building the Aura sedan, the SUV's, Vue and Outlook.", "Aura",
     "product"),
    ("Disney, which now owns animation studio Pixar, said he could play a wider role.",
     "Pixar", "organisation"),
    # a given name opens a person's name, whatever noun the parser puts beside it
    ("General Motors today named Mary Barra as its new chief executive.", "Mary Barra",
     "person"),
    ("“We lost,” said Bob Mason, a retired Postal Service letter carrier who lined up early.",
     "Bob Mason", "person"),
    # the words around a name the model typed a body's say a person, and the name reads as one
    ("The same could not be said for Rakeem Jones, 26, a protester who was punched in the face "
     "by a Trump supporter on Wednesday.", "Rakeem Jones", "person"),
    # the article goes by the last word of a name typed a body's, as by a person's surname
    ("The campaign hired two former Republican National Committee data strategists, Matt "
     "Braynard and Witold Chrabaszcz. Braynard and Chrabaszcz did not respond to interview "
     "requests.", "Witold Chrabaszcz", "person"),
    ("Lockheed Martin won the contract. Lockheed said it was pleased.", "Lockheed", "organisation"),
    # an outlet: by its name, or by the byline of a piece
    ("A reminder: The GOP tax plans would all drive massive budget deficits, as HuffPost has "
     "noted before.", "HuffPost", "media"),
    ('NOW OPEN: "Pop-up art show strives to confront South Bronx gentrification," by DNAinfo\'s '
     'Eddie Small: "Curators of a pop-up art show are upset."', "DNAinfo", "media"),
])
def test_actors_kind_follows_the_words_around_the_name(nlp, stages, text, name, kind) -> None:  # type: ignore[no-untyped-def]
    extraction = _run(nlp, stages, text)
    found = [a.kind for a in extraction.actors if name in {m.text for m in a.mentions}]
    assert found == [kind], [(a.name, a.kind) for a in extraction.actors]


@pytest.mark.parametrize(("text", "name"), [
    ("As he spoke in the lobby of Trump Tower, there were no steaks.", "Trump Tower"),
    ("Voting began at midnight in three tiny communities where primary day lasts all of five "
     "minutes: Hart, Millsfield and the most famous, Dixville Notch.", "Millsfield"),
])
def test_actors_a_name_the_words_around_it_place_is_a_place(nlp, stages, text, name) -> None:  # type: ignore[no-untyped-def]
    extraction = _run(nlp, stages, text)
    assert name not in {m.text for a in extraction.actors for m in a.mentions}
    assert name in {m.text for p in extraction.places for m in p.mentions}


@pytest.mark.parametrize(("counted", "kind"), [
    ({"organisation": 2, "person": 1}, "organisation"),
    ({"person": 19, "organisation": 2}, "person"),
    ({"organisation": 2, "person": 2}, None),
])
def test_kind_verdict_needs_a_lead(counted: dict[str, int], kind: str | None) -> None:
    from collections import Counter
    assert verdict(Counter(counted)) == kind  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "name", "owner"), [
    ("Another issue is that Cisco System's VPN does not work with Tiger. Cisco has promised a "
     "compatible release.", "Cisco", "cisco-system"),
])
def test_actors_a_place_typed_word_opening_a_company_s_name_is_the_company(  # type: ignore[no-untyped-def]
        nlp, stages, text, name, owner) -> None:
    extraction = _run(nlp, stages, text)
    assert [a.id for a in extraction.actors if name in {m.text for m in a.mentions}] == [owner]


def test_actors_a_town_of_a_state_is_no_company_s_short_name(nlp, stages) -> None:  # type: ignore[no-untyped-def]
    extraction = _run(nlp, stages, "Jeb Bush spoke in Cisco, Texas. The Cisco Kid Foundation "
                                   "said it was pleased.")
    assert "Cisco" not in {m.text for a in extraction.actors for m in a.mentions}
