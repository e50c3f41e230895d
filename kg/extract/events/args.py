"""The participants of an event trigger by role.

The role rule tables of `rules` (`AGENTS`, `TARGETS`, `RECIPIENTS`, `INSTRUMENTS`) each name
the tokens one construction points to ("the army" in "the army attacked"); `ArgumentFinder`
takes them with their conjuncts to actors of the `actors` stage by the `MENTIONS` rules: by span
overlap, apposition, relative pronoun, or the coreference of `common.coref` ("it", "the
company"). Each actor takes one role, the first of agent, recipient, target, instrument.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from spacy.tokens import Doc, Token

from kg.extract.common.coref import antecedents
from kg.extract.common.rules import Rule
from kg.extract.common.spans import SpanIndex
from kg.extract.events.rules import (
    AGENTS,
    INSTRUMENTS,
    MENTIONS,
    RECIPIENTS,
    TARGETS,
    Context,
    Heads,
)
from kg.extract.events.syntax import Predicate, children, preps
from kg.model import Extraction

_MOVES = ("087", "15", "19")  # codes whose "from X" is where the event happened
_PLACE_PREPS = {"in", "at", "near", "into", "across", "inside", "outside", "around",
                "through", "toward", "towards", "within", "on", "throughout", "to"}
# kinds of actors that take part in an event; one of them after "with" is a partner
_PARTICIPANT_KINDS = frozenset({"person", "organisation", "government", "military",
                                "armed_group", "media", "country", "group"})


def _target_order(token: Token) -> Callable[[Token], tuple[int, int]]:
    """Order targets as the parse gives them: the trigger's own objects in text order, the noun
    it modifies, then the objects of its prepositions in the order of the prepositions."""
    order = {p.i: n for n, p in enumerate(preps(token))}

    def rank(head: Token) -> tuple[int, int]:
        if head.head.i == token.i:
            return 0, head.i
        if head.i == token.head.i:
            return 1, 0
        return 2, order.get(head.head.i, 0)

    return rank


class ArgumentFinder:
    """Resolve a trigger's agents, targets, recipients, instruments and place to actor and place
    ids, with the rules `disabled` leaves on."""

    def __init__(self, extraction: Extraction, doc: Doc, disabled: Collection[str] = ()) -> None:
        self.index = SpanIndex(extraction)
        self.kinds = {a.id: a.kind for a in extraction.actors}
        self.agent_rules = AGENTS.active(disabled)
        self.target_rules = TARGETS.active(disabled)
        self.recipient_rules = RECIPIENTS.active(disabled)
        self.instrument_rules = INSTRUMENTS.active(disabled)
        self.mention_rules = MENTIONS.active(disabled)
        resolve = any(r.name == "events.mention.coreference" for r in self.mention_rules) or any(
            r.name == "events.mention.relative" for r in self.mention_rules)
        self.coreference = antecedents(doc, self.index, extraction.actors) if resolve else {}
        self.context = Context(self.index, self.coreference)

    def _heads(self, trigger: Predicate, rules: Sequence[Rule[Heads]]) -> list[Token]:
        heads: list[Token] = []
        for rule in rules:
            heads += rule.apply(trigger, heads, self.context)
        return heads

    def _names(self, token: Token) -> list[str]:
        for rule in self.mention_rules:
            found = rule.apply(token, self.context)
            if found:
                return found
        return []

    def _actors(self, heads: list[Token], taken: Collection[str] = ()) -> list[str]:
        ids: list[str] = []
        for head in heads:
            for token in [head, *head.conjuncts]:
                for found in self._names(token):
                    if found not in ids and found not in taken:
                        ids.append(found)
        return ids

    def agents(self, trigger: Predicate) -> list[str]:
        """Return the actor ids of whoever did it, read by the `AGENTS` rules in order."""
        return self._actors(self._heads(trigger, self.agent_rules))

    def recipients(self, trigger: Predicate, taken: Collection[str] = ()) -> list[str]:
        """Return the actor ids of whom it was given to, read by the `RECIPIENTS` rules; none
        of `taken` (the agents)."""
        return self._actors(self._heads(trigger, self.recipient_rules), taken)

    def targets(self, trigger: Predicate, taken: Collection[str] = ()) -> list[str]:
        """Return the actor ids of whom it was done to, read by the `TARGETS` rules; none of
        `taken` (the agents and recipients)."""
        heads = self._heads(trigger, self.target_rules)
        return self._actors(sorted(heads, key=_target_order(trigger.token)), taken)

    def instruments(self, trigger: Predicate, taken: Collection[str] = ()) -> list[str]:
        """Return the ids of the things it was done with, read by the `INSTRUMENTS` rules: no
        actor that takes part (a person, an organisation, ...) and none of `taken`."""
        found = self._actors(self._heads(trigger, self.instrument_rules), taken)
        return [a for a in found if self.kinds.get(a, "other") not in _PARTICIPANT_KINDS]

    def place(self, trigger: Predicate) -> str | None:
        """Return the id of the place it happened at: a place in a locative phrase or the object."""
        token = trigger.token
        words = _PLACE_PREPS | ({"from"} if trigger.cameo.startswith(_MOVES) else set())
        objects = [p for a in preps(token) if a.lower_ in words for p in children(a, "pobj")]
        if trigger.cameo.startswith(("19", "17", "087", "15")):
            objects += children(token, "dobj", "nsubjpass")
        for obj in objects:
            span = token.doc[obj.left_edge.i:obj.right_edge.i + 1]
            hits = self.index.places_in(span.start_char, span.end_char)
            if hits:
                return hits[0].id
        return None
