"""Word lists and a test of the parse that several of the mention modules read."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.common.gender import is_given_name
from kg.extract.common.names import Lexicon
from kg.model import ActorKind

NAME_LABELS = frozenset({"PERSON", "ORG"})

NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "du", "von", "van",
                            "der", "la", "le"})

LEGAL_FORMS = frozenset({"llc", "inc", "corp", "co", "ltd", "plc"})


def describes(noun: Token, name: Token) -> bool:
    """Tell whether a common noun just before a name describes it ("news agency" X)."""
    return noun.pos_ == "NOUN" and (noun.head == name
                                    or noun.head == name.head and noun.dep_ == name.dep_)


def noun_kind(lexicon: Lexicon, noun: Token) -> ActorKind | None:
    """Return the kind a body's head noun says of the name it describes or that modifies it,
    read with the words in small letters that modify it ("state news agency": an outlet's;
    "the Environmental Protection agency": a state's); None for any other word, and for one
    in capitals, a word of a name ("We Act Radio, Presente.org": the list's name before)."""
    if noun.lower_ not in lexicon.kind_heads or not noun.text.islower():
        return None
    words = [t.text for t in noun.lefts if t.dep_ in ("compound", "amod") and t.text.islower()]
    return lexicon.org_kind(" ".join([*words, noun.text]), noun.text)


def possessed_person(words: Span, people: frozenset[str]) -> bool:
    """Tell whether the capitalised words after an organisation's possessive name a person the
    model ran into its name ("the Daily Wire's Ben Shapiro"): two or more proper nouns, the first
    a given name (`gender.tsv`) or the last a surname the article gives a person (`people`);
    not a product ("Apple's OS X Tiger")."""
    return len(words) >= 2 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words) \
        and (is_given_name(words[0].text) or words[-1].text in people)
