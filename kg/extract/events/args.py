"""The agents, targets and place of an event trigger, and whether it is negated or irrealis.

Agents and targets are read from the dependency parse by two ordered rule tables, `AGENTS` and
`TARGETS`: each rule names the tokens one construction points to ("the army" in "the army
attacked"), and `ArgumentFinder` resolves them, with their conjuncts, to actors of the `actors`
stage by span overlap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Token

from kg.extract.common.rules import Rule, RuleTable
from kg.extract.common.spans import SpanIndex
from kg.extract.events.triggers import Trigger

# (trigger, heads the earlier rules found, index) -> the tokens this rule points to
Heads = Callable[[Trigger, Sequence[Token], SpanIndex], list[Token]]

_MOVES = ("087", "15", "19")  # codes whose "from X" is where the event happened
_PLACE_PREPS = {"in", "at", "near", "into", "across", "inside", "outside", "around",
                "through", "toward", "towards", "within", "on", "throughout", "to"}
_TARGET_PREPS = {"against", "on", "upon", "at"}
_PARTNER_ROOTS = ("03", "04", "05", "06")
_OF_ROOTS = ("17", "18", "19", "11", "12")  # nouns whose "of X" is who suffered it
_LIGHT_VERBS = {"launch", "carry", "conduct", "press", "stage", "mount", "hold", "wage", "begin",
                "start", "continue", "intensify", "step", "escalate", "sign", "reach", "strike",
                "announce", "impose", "make", "issue", "lead", "order"}
_MODALS = {"would", "could", "might", "may", "should", "must"}
_IRREALIS_HEADS = {"want", "plan", "threaten", "vow", "seek", "try", "attempt", "hope", "aim",
                   "intend", "call", "urge", "demand", "propose", "prepare", "expect"}


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _preps(token: Token) -> list[Token]:
    """Return a trigger's prepositions, also those hung on its particle ("pulled back from")."""
    preps = _children(token, "prep")
    for part in _children(token, "prt", "advmod"):
        preps += _children(part, "prep")
    return preps


def _objects_of(words: set[str], token: Token) -> list[Token]:
    return [p for a in _preps(token) if a.lower_ in words for p in _children(a, "pobj")]


def _light_verb_subject(t: Trigger, _h: Sequence[Token], _i: SpanIndex) -> list[Token]:
    token = t.token
    if t.noun and token.dep_ == "dobj" and token.head.lemma_ in _LIGHT_VERBS:
        return _children(token.head, "nsubj")
    return []


AGENTS: RuleTable[Heads] = RuleTable("events.agent", [
    Rule("events.agent.subject", "the subject does it ('Hamas attacked')",
         lambda t, _h, _i: _children(t.token, "nsubj"),
         examples=("Hamas attacked Fatah in the night.",)),
    Rule("events.agent.passive_by", "the by-phrase of a passive verb ('was attacked by Hamas')",
         lambda t, _h, _i: [p for a in _children(t.token, "agent") for p in _children(a, "pobj")],
         examples=("Fatah was attacked by Hamas in the night.",),
         counter=("Fatah was attacked in the night.",)),
    Rule("events.agent.possessor", "the possessor of an event noun ('Russia's invasion')",
         lambda t, _h, _i: _children(t.token, "poss") if t.noun else [],
         examples=("Hamas's attack shocked Fatah.",),
         counter=("The attack shocked Fatah.",)),
    Rule("events.agent.by_phrase", "an event noun's 'by X', or 'from X' unless X is where a "
         "move started ('criticism from Moscow', not 'a withdrawal from Kabul')",
         lambda t, _h, _i: [p for a in _children(t.token, "prep")
                            if a.lower_ in ({"by"} if t.cameo.startswith(_MOVES) else
                                            {"by", "from"})
                            for p in _children(a, "pobj")] if t.noun else [],
         examples=("The attack by Hamas shocked Fatah.",),
         counter=("The attack on Hamas shocked Fatah.",)),
    Rule("events.agent.modifier", "an actor modifying an event noun ('Russian airstrikes')",
         lambda t, _h, i: [c for c in _children(t.token, "amod", "compound")
                           if i.actor_at(c) is not None] if t.noun else [],
         examples=("The Hamas attack shocked Fatah.",),
         counter=("The night attack shocked Fatah.",)),
    Rule("events.agent.light_verb_subject", "the subject of a light verb whose object is the "
         "event ('Russia launched an offensive')", _light_verb_subject,
         examples=("Hamas launched an offensive in the south.",),
         counter=("Hamas feared an offensive in the south.",)),
    Rule("events.agent.controller", "when a verb has no subject of its own, the subject of the "
         "verb it completes or is joined to ('Russia vowed to invade')",
         lambda t, h, _i: (_children(t.token.head, "nsubj") if not t.noun and not h
                           and t.token.dep_ in ("xcomp", "conj") else []),
         examples=("Hamas threatened to attack Fatah.",),
         counter=("Hamas wanted Fatah to attack the town.",)),
])


TARGETS: RuleTable[Heads] = RuleTable("events.target", [
    Rule("events.target.object", "the direct object of a verb ('invaded Ukraine')",
         lambda t, _h, _i: [] if t.noun else _children(t.token, "dobj"),
         examples=("Hamas attacked Fatah in the night.",),
         counter=("Hamas attacked in the night.",)),
    Rule("events.target.passive_subject", "the subject of a passive verb ('Ukraine was invaded')",
         lambda t, _h, _i: [] if t.noun else _children(t.token, "nsubjpass"),
         examples=("Fatah was attacked in the night.",)),
    Rule("events.target.participle_head", "the noun a participle modifies ('the convoys sent')",
         lambda t, _h, _i: [t.token.head] if not t.noun and t.token.dep_ == "acl" else [],
         examples=("Hamas fighters arrested by Fatah were freed.",)),
    Rule("events.target.against", "'against X', 'on X', 'upon X', 'at X' ('an attack on Kyiv')",
         lambda t, _h, _i: _objects_of(_TARGET_PREPS, t.token),
         examples=("Hamas launched an attack on Fatah.",),
         counter=("Hamas launched an attack in the spring.",)),
    Rule("events.target.partner", "'with X' of an agreement, meeting, support or cooperation",
         lambda t, _h, _i: (_objects_of({"with"}, t.token)
                            if t.cameo.startswith(_PARTNER_ROOTS) else []),
         examples=("John Smith met with Hamas in Cairo.",),
         counter=("John Smith attacked with Hamas in Cairo.",)),
    Rule("events.target.withdrawn_from", "'from X' of a withdrawal: whom it withdraws from "
         "('withdrew from the alliance')",
         lambda t, _h, _i: (_objects_of({"from"}, t.token)
                            if t.cameo.startswith(("087", "0874")) else []),
         examples=("The Taliban withdrew from the Hamas talks.",),
         counter=("The Taliban attacked from the Hamas compound.",)),
    Rule("events.target.of_noun", "'of X' of a noun of force or rejection ('the invasion of "
         "Ukraine')",
         lambda t, _h, _i: (_objects_of({"of"}, t.token)
                            if t.noun and t.cameo.startswith(_OF_ROOTS) else []),
         examples=("The killing of John Smith shocked Hamas.",),
         counter=("The meeting of John Smith and Hamas was short.",)),
])


def _target_order(token: Token) -> Callable[[Token], tuple[int, int]]:
    """Order targets as the parse gives them: the trigger's own objects in text order, the noun
    it modifies, then the objects of its prepositions in the order of the prepositions."""
    preps = {p.i: n for n, p in enumerate(_preps(token))}

    def rank(head: Token) -> tuple[int, int]:
        if head.head.i == token.i:
            return 0, head.i
        if head.i == token.head.i:
            return 1, 0
        return 2, preps.get(head.head.i, 0)

    return rank


def negated(token: Token) -> bool:
    """Return whether a trigger is negated ("did not withdraw", "no attack")."""
    if _children(token, "neg"):
        return True
    if token.pos_ == "NOUN" and any(c.lower_ == "no" for c in _children(token, "det")):
        return True
    head = token.head
    return token.dep_ == "xcomp" and bool(_children(head, "neg"))


def irrealis(token: Token) -> bool:
    """Return whether a trigger names a wished, planned or hypothetical event."""
    verb = token if token.pos_ == "VERB" else token.head
    if any(c.lower_ in _MODALS for c in _children(verb, "aux")):
        return True
    return token.dep_ in ("xcomp", "dobj", "ccomp") and token.head.lemma_ in _IRREALIS_HEADS


class ArgumentFinder:
    """Resolve a trigger's agents, targets and place to actor and place ids."""

    def __init__(self, index: SpanIndex, agents: Sequence[Rule[Heads]] = AGENTS.rules,
                 targets: Sequence[Rule[Heads]] = TARGETS.rules) -> None:
        self.index = index
        self.agent_rules = agents
        self.target_rules = targets

    def _heads(self, trigger: Trigger, rules: Sequence[Rule[Heads]]) -> list[Token]:
        heads: list[Token] = []
        for rule in rules:
            heads += rule.apply(trigger, heads, self.index)
        return heads

    def _actors(self, heads: list[Token]) -> list[str]:
        ids: list[str] = []
        for head in heads:
            for token in [head, *head.conjuncts]:
                found = self.index.actor_at(token)
                if found is None and token.pos_ in ("NOUN", "PROPN"):
                    core = token.doc[token.left_edge.i:token.i + 1]
                    hits = self.index.actors_in(core.start_char, core.end_char)
                    found = hits[-1].id if hits else None
                if found is not None and found not in ids:
                    ids.append(found)
        return ids

    def agents(self, trigger: Trigger) -> list[str]:
        """Return the actor ids of whoever did it, read by the `AGENTS` rules in order."""
        return self._actors(self._heads(trigger, self.agent_rules))

    def targets(self, trigger: Trigger) -> list[str]:
        """Return the actor ids of whom it was done to, read by the `TARGETS` rules."""
        heads = self._heads(trigger, self.target_rules)
        return self._actors(sorted(heads, key=_target_order(trigger.token)))

    def place(self, trigger: Trigger) -> str | None:
        """Return the id of the place it happened at: a place in a locative phrase or the object."""
        token = trigger.token
        preps = _PLACE_PREPS | ({"from"} if trigger.cameo.startswith(_MOVES) else set())
        objects = [p for a in _preps(token) if a.lower_ in preps
                   for p in _children(a, "pobj")]
        if trigger.cameo.startswith(("19", "17", "087", "15")):
            objects += _children(token, "dobj", "nsubjpass")
        for obj in objects:
            span = token.doc[obj.left_edge.i:obj.right_edge.i + 1]
            hits = self.index.places_in(span.start_char, span.end_char)
            if hits:
                return hits[0].id
        return None
