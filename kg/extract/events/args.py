"""The participants of an event trigger by role.

The role rule tables of `rules` (`AGENTS`, `TARGETS`, `RECIPIENTS`, `INSTRUMENTS`) each name
the tokens one construction points to ("the army" in "the army attacked"); `ArgumentFinder`
takes them with their conjuncts to actors of the `actors` stage by the `MENTIONS` rules: by span
overlap, apposition, relative pronoun, or the coreference of `common.coref` ("it", "the
company"). Each actor takes one role, the first of agent, recipient, target, instrument.
Every phrase read for a role is kept as a `Participant` with the words as written ("it" with
the actor it stands for); one that reaches no actor is kept by the `PHRASES` rules when it is a
noun phrase, an amount or a pronoun ("closed 14 plants", "lost $6 billion", "released them"):
a theme that is no actor. A spatial phrase that names no gazetteer place ("along the highway")
is kept as a participant of role "place" when the event has no named place.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Doc, Token

from kg.extract.common.coref import antecedents
from kg.extract.common.rules import Rule
from kg.extract.common.spans import SpanIndex, token_span
from kg.extract.common.tree import tree
from kg.extract.events.rules import (
    AGENTS,
    INSTRUMENTS,
    MENTIONS,
    PHRASES,
    PLACES,
    RECIPIENTS,
    SPATIAL_PHRASE,
    TARGETS,
    Context,
    Heads,
    shape,
)
from kg.extract.events.syntax import Predicate, preps
from kg.model import Extraction, Participant, ParticipantRole, Span

T = TypeVar("T")
_RELATIVES = {"which", "that", "where"}
# kinds of actors that take part in an event; one of them after "with" is a partner
_PARTICIPANT_KINDS = frozenset({"person", "organisation", "government", "military",
                                "armed_group", "media", "country", "group"})
# what ends a noun phrase on the right: a clause, an apposition, a conjunct, a preposition other
# than "of" ("14 of its plants", not "plants in Ohio")
_PHRASE_ENDS = {"conj", "cc", "relcl", "acl", "appos", "punct", "advcl", "prep", "agent",
                "dative", "parataxis"}


def phrase(token: Token) -> list[Token]:
    """Return the noun phrase a head stands for, without what follows it but "of" phrases:
    "the first 787 Dreamliner", "hundreds of points", "$6 billion", not "plants, which"."""
    doc = token.doc
    start = token.i
    for child in token.lefts:
        if child.dep_ not in _PHRASE_ENDS:
            start = min(start, child.left_edge.i)
            break
    end = token.i
    for child in token.rights:
        if child.dep_ in _PHRASE_ENDS and not (child.dep_ == "prep" and child.lower_ == "of"):
            break
        end = child.right_edge.i
    return list(tree(doc).tokens[start:end + 1])


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


class _Gates:
    """The role and place rules switched on, and for each shape of trigger (`rules.shape`)
    those whose `needs` it meets, in table order: worked out once per shape, which most
    triggers share (the ~33 role rules are tried for every trigger; most need a dependent or a
    preposition it lacks)."""

    def __init__(self, tables: Sequence[Sequence[Rule[Heads]]]) -> None:
        self.tables = tuple(tuple(rules) for rules in tables)
        # the words some need is written in: a shape is kept by these alone
        self._words = frozenset(w for rules in self.tables for rule in rules
                                for need in rule.need_sets for w in need)
        self._fits: dict[frozenset[str], tuple[tuple[Rule[Heads], ...], ...]] = {}

    def fit(self, trigger: Predicate) -> tuple[tuple[Rule[Heads], ...], ...]:
        """Return the rules of each table that may name anything for `trigger`."""
        key = shape(trigger) & self._words
        found = self._fits.get(key)
        if found is None:
            found = self._fits[key] = tuple(
                tuple(rule for rule in rules if rule.meets(key)) for rules in self.tables)
        return found


@functools.lru_cache(maxsize=8)
def _gates(disabled: frozenset[str]) -> _Gates:
    """Return the gates of the role and place rules `disabled` leaves on (kept per setting, so
    that what was worked out for a shape serves every article)."""
    return _Gates([table.active(disabled) for table in (AGENTS, RECIPIENTS, TARGETS,
                                                        INSTRUMENTS, PLACES)])


@dataclass(frozen=True)
class Roles:
    """What `ArgumentFinder.read` finds for one trigger."""

    agents: list[str]
    recipients: list[str]
    targets: list[str]
    instruments: list[str]
    participants: tuple[Participant, ...]


class ArgumentFinder:
    """Resolve a trigger's agents, targets, recipients, instruments and place to actor and place
    ids, with the rules `disabled` leaves on."""

    def __init__(self, extraction: Extraction, doc: Doc, disabled: Collection[str] = (),
                 index: SpanIndex | None = None) -> None:
        self.index = index if index is not None else SpanIndex(extraction)
        self.kinds = {a.id: a.kind for a in extraction.actors}
        self.gates = _gates(frozenset(disabled))
        self._fitted: tuple[int, tuple[tuple[Rule[Heads], ...], ...]] | None = None
        self.mention_rules = MENTIONS.active(disabled)
        self.phrase_rules = PHRASES.active(disabled)
        self.participants: list[Participant] = []
        resolve = any(r.name == "events.mention.coreference" for r in self.mention_rules) or any(
            r.name == "events.mention.relative" for r in self.mention_rules)
        self.coreference = antecedents(doc, self.index, extraction.actors) if resolve else {}
        self.context = Context(self.index, self.coreference, self.kinds,
                               {p.id: p.kind for p in extraction.places})
        # what a token stands for depends on the token and the article only: each token is read
        # once, though many triggers and roles name the same heads
        self._named: dict[int, list[str]] = {}
        self._phrased: dict[int, list[Token]] = {}
        self._spans: dict[int, Span] = {}
        self._conjuncts: dict[int, list[Token]] = {}
        self._made: dict[tuple[ParticipantRole, int, str | None], Participant] = {}

    def _fit(self, trigger: Predicate) -> tuple[tuple[Rule[Heads], ...], ...]:
        """Return the rules of each table a trigger meets the needs of (`read` and `place` ask
        it of one trigger in turn)."""
        if self._fitted is None or self._fitted[0] != trigger.token.i:
            self._fitted = (trigger.token.i, self.gates.fit(trigger))
        return self._fitted[1]

    def _heads(self, trigger: Predicate, rules: Sequence[Rule[Heads]]) -> list[Token]:
        """Return the heads the role rules name for a trigger, each rule seeing what the
        earlier ones named."""
        heads: list[Token] = []
        context = self.context
        for rule in rules:
            heads += rule.apply(trigger, heads, context)
        return heads

    def _names(self, token: Token) -> list[str]:
        return self._first(self.mention_rules, token, self._named)

    def _phrases(self, token: Token) -> list[Token]:
        return self._first(self.phrase_rules, token, self._phrased)

    def _first(self, rules: Sequence[Rule[Callable[[Token, Context], list[T]]]], token: Token,
               known: dict[int, list[T]]) -> list[T]:
        """Return what the first of `rules` that finds anything finds for `token` (or nothing),
        kept in `known` by token."""
        found = known.get(token.i)
        if found is None:
            context = self.context
            for rule in rules:
                found = rule.apply(token, context)
                if found:
                    break
            else:
                found = []
            known[token.i] = found
        return found

    def _with_conjuncts(self, head: Token) -> list[Token]:
        known = self._conjuncts.get(head.i)
        if known is None:
            known = self._conjuncts[head.i] = [head, *head.conjuncts]
        return known

    def _read(self, role: ParticipantRole, heads: list[Token], taken: Collection[str] = (),
              keep: Callable[[str], bool] = lambda _a: True) -> list[str]:
        """Return the actor ids of `heads` and their conjuncts not `taken` and that `keep`
        allows, and note each phrase read for `role` in `self.participants`."""
        ids: list[str] = []
        for head in heads:
            for token in self._with_conjuncts(head):
                names = self._names(token)
                fresh = [n for n in names if n not in ids and n not in taken and keep(n)]
                ids += fresh
                if names:
                    self._note(role, token, fresh)
                else:
                    for found in self._phrases(token):
                        self._note(role, found, [None])
        return ids

    def _note(self, role: ParticipantRole, head: Token, actors: Sequence[str | None]) -> None:
        span = self._spans.get(head.i)
        if span is None:
            span = self._spans[head.i] = token_span(phrase(head) if head.pos_ != "PRON"
                                                    else [head])
        for actor in actors:
            # the offset first: comparing two records is slow, and most differ there
            if not any(p.mention.start == span.start and p.actor == actor and p.mention == span
                       for p in self.participants):
                made = self._made.get((role, head.i, actor))
                if made is None:  # triggers of one article read the same phrases over again
                    made = self._made[(role, head.i, actor)] = Participant(
                        role=role, mention=span, actor=actor)
                self.participants.append(made)

    def read(self, trigger: Predicate) -> Roles:
        """Return a trigger's agents, recipients, targets and instruments, each actor in one role
        (the first of that order), and every phrase read for a role."""
        self.participants = []
        agent_rules, recipient_rules, target_rules, instrument_rules, _ = self._fit(trigger)
        agents = self._read("agent", self._heads(trigger, agent_rules))
        recipients = self._read("recipient", self._heads(trigger, recipient_rules), agents)
        heads = self._heads(trigger, target_rules)
        targets = self._read("target", sorted(heads, key=_target_order(trigger.token)),
                             [*agents, *recipients])
        instruments = self._read(
            "instrument", self._heads(trigger, instrument_rules),
            [*agents, *recipients, *targets],
            lambda a: self.kinds.get(a, "other") not in _PARTICIPANT_KINDS)
        seen: set[tuple[int, int]] = set()
        kept: list[Participant] = []
        for p in self.participants:  # a phrase read in two roles keeps the first
            where = (p.mention.start, p.mention.end)
            if p.actor is not None or where not in seen:
                kept.append(p)
                seen.add(where)
        return Roles(agents, recipients, targets, instruments, tuple(kept))

    def place(self, trigger: Predicate) -> tuple[str | None, Participant | None]:
        """Return the id of the place it happened at: the first place in a phrase the `PLACES`
        rules name; a relative pronoun stands for its noun ("Idlib, which was shelled"). With
        no such place, the first phrase of the spatial rule, kept as written as a place
        participant ("along the highway")."""
        spot: Participant | None = None
        for rule in self._fit(trigger)[-1]:
            for head in rule.apply(trigger, [], self.context):
                if head.lower_ in _RELATIVES and head.head.dep_ == "relcl":
                    head = head.head.head
                first, last = head.left_edge, head.right_edge  # the phrase it heads
                if head.dep_ == "pobj" and self.index.times_in(first.idx, first.idx + len(first)):
                    continue  # "on Tuesday Turkey will ...": a time phrase the parse ran on
                hits = self.index.places_in(first.idx, last.idx + len(last))
                if hits:
                    return hits[0].id, None
                if rule.name == SPATIAL_PHRASE and spot is None:
                    spot = Participant(role="place", mention=token_span(phrase(head)))
        return None, spot

