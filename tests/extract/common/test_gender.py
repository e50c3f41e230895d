"""A person's gender from the titles and given name an article gives, for pronoun agreement."""

from __future__ import annotations

import pytest

from kg.extract.common.gender import agrees, gender_of, gender_word, pronoun_gender
from kg.keys import actor_id
from kg.model import Actor, ActorKind


def _actor(name: str, titles: tuple[str, ...] = (), kind: ActorKind = "person") -> Actor:
    return Actor(id=actor_id(name), name=name, kind=kind, titles=titles)


@pytest.mark.parametrize(("name", "titles", "gender"), [
    ("Clinton", ("Mrs.",), "f"),
    ("Hillary Clinton", (), "f"),
    ("John Kirby", ("Spokesman",), "m"),
    ("Debbie Wasserman Schultz", ("Rep.",), "f"),
    ("Clinton", (), None),  # no evidence
    ("Clinton", ("Mr.", "Mrs."), None),  # evidence both ways: two people merged
    ("Jordan Smith", (), None),  # a given name of both genders is no evidence
    ("Bill Clinton", ("Mrs.",), None),
])
def test_gender_of_reads_titles_and_given_name(name: str, titles: tuple[str, ...],
                                               gender: str | None) -> None:
    assert gender_of(_actor(name, titles)) == gender


def test_gender_of_is_none_for_bodies() -> None:
    assert gender_of(_actor("Queen Mary University", ("Queen",), kind="organisation")) is None


def test_pronouns_and_nouns_mark_gender() -> None:
    assert (pronoun_gender("He"), pronoun_gender("hers"), pronoun_gender("it")) == ("m", "f", None)
    assert (gender_word("spokeswoman"), gender_word("man")) == ("f", "m")
    assert gender_word("mayor") is None
    assert agrees("she", "f") and agrees("she", None) and agrees("they", "m")
    assert not agrees("he", "f")
