"""Word lists and a test of the parse that several of the mention modules read."""

from __future__ import annotations

from spacy.tokens import Token

NAME_LABELS = frozenset({"PERSON", "ORG"})

NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "du", "von", "van",
                            "der", "la", "le"})

LEGAL_FORMS = frozenset({"llc", "inc", "corp", "co", "ltd", "plc"})


def describes(noun: Token, name: Token) -> bool:
    """Tell whether a common noun just before a name describes it ("news agency" X)."""
    return noun.pos_ == "NOUN" and (noun.head == name
                                    or noun.head == name.head and noun.dep_ == name.dep_)
