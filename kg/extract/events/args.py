"""Find event triggers in a parsed sentence, and the agents, targets and place of each trigger."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.common.spans import SpanIndex
from kg.extract.events.lexicon import NOT_AN_EVENT, EventLexicon

# named-entity labels whose words are names, not events ("Human Rights Watch")
_NAME_LABELS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW", "PRODUCT"}
_VIOLENT_ROOTS = ("14", "18", "19", "20")
_MOVES = ("087", "15", "19")  # codes whose "from X" is where the event happened
_PLACE_PREPS = {"in", "at", "near", "into", "across", "inside", "outside", "around",
                "through", "toward", "towards", "within", "on", "throughout", "to"}
_TARGET_PREPS = {"against", "on", "upon", "at"}
_PARTNER_PREPS = {"with"}  # consult, agree, cooperate with X
_PARTNER_ROOTS = ("03", "04", "05", "06")
_LIGHT_VERBS = {"launch", "carry", "conduct", "press", "stage", "mount", "hold", "wage", "begin",
                "start", "continue", "intensify", "step", "escalate", "sign", "reach", "strike",
                "announce", "impose", "make", "issue", "lead", "order"}
_MODALS = {"would", "could", "might", "may", "should", "must"}
_IRREALIS_HEADS = {"want", "plan", "threaten", "vow", "seek", "try", "attempt", "hope", "aim",
                   "intend", "call", "urge", "demand", "propose", "prepare", "expect"}


@dataclass(frozen=True)
class Trigger:
    """A token that names an event, with its CAMEO code and lexicon label."""

    token: Token
    cameo: str
    label: str
    noun: bool


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _preps(token: Token) -> list[Token]:
    """Return a trigger's prepositions, also those hung on its particle ("pulled back from")."""
    preps = _children(token, "prep")
    for part in _children(token, "prt", "advmod"):
        preps += _children(part, "prep")
    return preps


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _verb_code(token: Token, lex: EventLexicon) -> tuple[str, str] | None:
    lemma = token.lemma_.lower()
    for part in _children(token, "prt", "prep", "dobj", "advmod"):
        key = f"{lemma} {part.lemma_.lower()}"
        if key in lex.phrasal:
            return lex.phrasal[key], key
    for obj in _children(token, "dobj", "nsubjpass"):
        key = f"{lemma} {obj.lemma_.lower()}"
        if key in lex.objects:
            return lex.objects[key], lemma
    return (lex.verbs[lemma], lemma) if lemma in lex.verbs else None


def _refine(token: Token, cameo: str, lex: EventLexicon) -> str:
    if not cameo.startswith(_VIOLENT_ROOTS):
        return cameo
    words = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
    for prep in _children(token, "prep"):
        if prep.lower_ == "with":
            for obj in _children(prep, "pobj"):
                words += [obj, *_children(obj, "compound", "amod")]
    for word in words:
        code = lex.modifiers.get(word.lemma_.lower())
        if code is not None and (code.startswith("142") == cameo.startswith("14")):
            return code
    return cameo


def find_triggers(tokens: Iterator[Token] | list[Token], lex: EventLexicon) -> list[Trigger]:
    """Return the event triggers among the tokens: lexicon verbs and event nouns, not names."""
    found: list[Trigger] = []
    for token in tokens:
        pos = token.pos_
        if pos == "VERB" and token.dep_ not in ("aux", "auxpass", "amod"):
            hit = _verb_code(token, lex)
            noun = False
        elif pos == "NOUN" and token.dep_ != "compound" and token.ent_type_ not in _NAME_LABELS:
            lemma = token.lemma_.lower()
            if lemma == "talk" and token.tag_ != "NNS":
                continue
            hit = (lex.nouns[lemma], lemma) if lemma in lex.nouns else None
            noun = True
        else:
            continue
        if hit is None or hit[0] == NOT_AN_EVENT:
            continue
        found.append(Trigger(token, _refine(token, hit[0], lex), hit[1], noun))
    verbs = {t.token.i for t in found if not t.noun}
    # a noun that only restates a verb trigger's action ("signed a deal") adds no event
    return [t for t in found if not (t.noun and (
        (t.token.dep_ in ("dobj", "nsubjpass") and t.token.head.i in verbs)
        or any(c.i in verbs and c.dep_ == "acl" for c in t.token.children)))]


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

    def __init__(self, index: SpanIndex) -> None:
        self.index = index

    def _actors(self, heads: list[Token]) -> list[str]:
        ids: list[str] = []
        for head in heads:
            for token in _with_conjuncts(head):
                found = self.index.actor_at(token)
                if found is None and token.pos_ in ("NOUN", "PROPN"):
                    core = token.doc[token.left_edge.i:token.i + 1]
                    hits = self.index.actors_in(core.start_char, core.end_char)
                    found = hits[-1].id if hits else None
                if found is not None and found not in ids:
                    ids.append(found)
        return ids

    def agents(self, trigger: Trigger) -> list[str]:
        """Return the actor ids of whoever did it: subject, passive "by" agent, possessor."""
        token = trigger.token
        heads = _children(token, "nsubj")
        heads += [p for a in _children(token, "agent") for p in _children(a, "pobj")]
        if trigger.noun:
            heads += _children(token, "poss")
            by = {"by"} if trigger.cameo.startswith(_MOVES) else {"by", "from"}
            heads += [p for a in _children(token, "prep") if a.lower_ in by
                      for p in _children(a, "pobj")]
            heads += [c for c in _children(token, "amod", "compound")
                      if self.index.actor_at(c) is not None]
            if token.dep_ == "dobj" and token.head.lemma_ in _LIGHT_VERBS:
                heads += _children(token.head, "nsubj")
        elif not heads and token.dep_ in ("xcomp", "conj"):
            heads = _children(token.head, "nsubj")
        if not heads and token.dep_ == "relcl" and any(
                c.tag_ in ("WDT", "WP") for c in _children(token, "nsubj")):
            heads = [token.head]
        return self._actors(heads)

    def targets(self, trigger: Trigger) -> list[str]:
        """Return the actor ids of whom it was done to: objects, passive subjects, "against X"."""
        token = trigger.token
        heads = [] if trigger.noun else _children(token, "dobj", "nsubjpass")
        if not trigger.noun and token.dep_ == "acl":
            heads.append(token.head)  # "convoys sent by Ankara"
        preps = set(_TARGET_PREPS)
        if trigger.cameo.startswith(_PARTNER_ROOTS):
            preps |= _PARTNER_PREPS
        if trigger.cameo.startswith(("087", "0874")):
            preps.add("from")
        if trigger.noun and trigger.cameo.startswith(("17", "18", "19", "11", "12")):
            preps.add("of")
        heads += [p for a in _preps(token) if a.lower_ in preps
                  for p in _children(a, "pobj")]
        return self._actors(heads)

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
