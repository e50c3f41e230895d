"""Dependency-parse helpers the role rules share: a trigger's dependents, prepositions, the
clause that gives a subjectless verb its subject, and the lemma lists of `roles.toml`."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Protocol

from spacy.tokens import Token

from kg.extract.common.text import sentence_end, sentence_start
from kg.extract.common.tree import children as children  # the role rules read it here
from kg.extract.common.tree import per_token, tree

_CLIMB = ("xcomp", "conj", "advcl")  # how a subjectless verb hangs on the verb that has one
_OBJECT_CONTROL = ("dobj",)  # "allowed developers to create": the object does the xcomp
_UNITS = {"%", "percent", "point", "per", "cent", "ground"}  # "lost ground": a distance too
_STOPS = {".", "!", "?"}  # a line with none of these at its end is a headline


class Predicate(Protocol):
    """What a role rule needs of a trigger: its token, whether it is a noun, its CAMEO code."""

    @property
    def token(self) -> Token: ...

    @property
    def noun(self) -> bool: ...

    @property
    def cameo(self) -> str: ...


@dataclass(frozen=True)
class RoleLexicon:
    """The lemma lists of `roles.toml` (see the comments there)."""

    patient_subject: frozenset[str]
    transfer: frozenset[str]
    patient_possessor: frozenset[str]
    object_control: frozenset[str] = frozenset()
    agent_of: frozenset[str] = frozenset()
    for_theme: frozenset[str] = frozenset()
    with_partner: frozenset[str] = frozenset()
    change_in: frozenset[str] = frozenset()
    ask_for: frozenset[str] = frozenset()
    person_acts: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def role_lexicon() -> RoleLexicon:
    """Return the role lemma lists, read once from `roles.toml`."""
    text = resources.files("kg.extract.events").joinpath("roles.toml").read_text("utf-8")
    table = tomllib.loads(text)
    return RoleLexicon(**{name: frozenset(table[name]) for name in RoleLexicon.__annotations__})


def lemma(token: Token) -> str:
    """Return a token's lemma in lowercase."""
    return token.lemma_.lower()


@per_token
def preps(token: Token) -> list[Token]:
    """Return a trigger's prepositions, also those hung on its particle ("pulled back from")."""
    found = children(token, "prep", "dative", "agent")
    for part in children(token, "prt", "advmod"):
        found += children(part, "prep")
    return found


def objects_of(words: set[str] | frozenset[str], token: Token) -> list[Token]:
    """Return the objects of the trigger's prepositions among `words` ("on X" of "attack")."""
    return [p for a in preps(token) if a.lower_ in words for p in children(a, "pobj")]


def has_object(token: Token) -> bool:
    """Tell whether a verb has a direct object or a clausal complement of its own."""
    return bool(children(token, "dobj", "oprd", "ccomp", "attr", "acomp"))


@per_token
def patient_subject(token: Token) -> bool:
    """Tell whether a verb's subject undergoes it: a change-of-state verb or a copula with no
    object but an amount ("the Dow fell", "the Dow lost 300 points", "Barra will be the
    first"), not "GM cut 4,000 jobs" (no such verb) or "Ford lost the contract"."""
    roles = role_lexicon()
    word = lemma(token)
    if word not in roles.patient_subject:
        return False
    people = any(_person(s) for s in children(token, "nsubj"))
    if people and (word in roles.person_acts or (
            word not in _RAISING and children(token, "xcomp"))):
        return False  # "before he had finished", "Clinton declined to comment": the person acts
    return all(_quantity(o) for o in children(token, "dobj", "dative"))


def _person(token: Token) -> bool:
    """Tell whether a subject is a person by the parse: a person's name or a personal pronoun."""
    return token.ent_type_ == "PERSON" or token.lower_ in _PERSONAL


_PERSONAL = frozenset({"he", "she", "i", "we", "you"})
_RAISING = frozenset({"be", "become", "remain", "stay", "seem", "appear"})  # "seemed to reflect"


def _quantity(token: Token) -> bool:
    """Tell whether an object is a distance moved ("fell 340 points", "gained 0.77%") rather
    than what the subject acted on; a sum of money is not ("GM lost $6 billion")."""
    if any(c.tag_ == "$" for c in token.children):
        return False  # "$6 billion": the parse may head the sum by its number
    return token.like_num or lemma(token) in _UNITS


@per_token
def reduced_passive(token: Token) -> bool:
    """Tell whether a verb is a passive without its auxiliary, as in headlines ("Penske Auto
    selected to buy Saturn", "Apple swamped by pre-orders") and small clauses ("will see
    Dreamliners delivered"): a past participle with a subject or a by-agent, and no auxiliary.
    A bare participle counts only in a line without final punctuation, a headline (where the
    tagger often calls it a past tense: "Mary Barra appointed as chief"), and then only with no
    object, or as the complement of a verb ("see X delivered", "had it repaired"): in a sentence
    it is more likely a past tense mistagged."""
    if not children(token, "nsubj") or children(token, "aux", "auxpass"):
        return False  # the cheap tests first: most verbs have an auxiliary or no subject
    tag = token.tag_
    if tag == "VBN" and token.dep_ in ("ccomp", "xcomp") and not children(token, "dobj", "dative"):
        return True  # a small clause
    if children(token, "agent"):
        return True
    return tag in ("VBN", "VBD") and not children(token, "dobj", "dative", "ccomp") \
        and not _ends_with_stop(token)  # a headline


def _ends_with_stop(token: Token) -> bool:
    """Tell whether one of the last three tokens of the token's sentence is a full stop, "!" or
    "?" (a line without is a headline)."""
    end = sentence_end(token)
    last = tree(token.doc).tokens[max(sentence_start(token), end - 3):end]
    return any(t.text in _STOPS for t in last)


def _infinitive_of_noun(token: Token) -> bool:
    """Tell whether a verb is a "to" infinitive completing a noun ("a contract to supply")."""
    return token.dep_ in ("acl", "relcl") and token.head.pos_ == "NOUN" and any(
        c.lower_ == "to" for c in children(token, "aux"))


def controller(token: Token, *, depth: int = 3) -> list[Token]:
    """Return the subject a subjectless verb takes from the clause it completes or is joined to.

    "Boeing agreed to buy Fokker and sold planes": "sold" joins "buy", which completes "agreed",
    whose subject is Boeing. An object controls an infinitive ("allowed developers to create");
    a passive's subject controls likewise ("was forced to withdraw"); an infinitive completing
    a noun takes the noun's owner ("Airbus's plan to build") or the subject of the verb whose
    object the noun is ("EADS won a contract to supply").
    """
    climb = token
    for _ in range(depth):
        if _infinitive_of_noun(climb):
            noun = climb.head  # "signed a contract to supply", "the Airbus plan to build"
            owners = children(noun, "poss") or [c for c in children(noun, "compound")
                                                if c.pos_ == "PROPN"]
            if owners or noun.dep_ != "dobj":
                return owners
            climb = noun.head
            found = children(climb, "nsubj")
            if found:
                return found
            continue
        if climb.dep_ not in _CLIMB or climb.head.i == climb.i:
            return []
        up = climb.head
        if climb.dep_ == "xcomp" and children(up, *_OBJECT_CONTROL):
            return children(up, *_OBJECT_CONTROL)
        if climb.dep_ == "advcl" and climb.tag_ not in ("VBG", "VB"):
            return []  # a finite clause without a subject names none; "killing", "to raise" do
        # a conjoined finite verb shares a passive's subject ("were caught and fled"), a
        # conjoined participle its passive ("was arrested and charged")
        found = children(up, "nsubj", "nsubjpass") if climb.dep_ != "conj" or (
            climb.tag_ == "VBD") else children(up, "nsubj")
        if found:
            return found
        climb = up
    return []
