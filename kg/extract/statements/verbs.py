"""Cue rules of verbs: a reporting verb and its content, and participles that hold a view."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.statements.content import that_clause
from kg.extract.statements.parts import Attribution, Range, by_agent, subtree, trimmed
from kg.extract.statements.scene import Scene
from kg.extract.statements.source import make, speaker_of


def _after_cue(doc: Doc, content: Range, cue_end: Token) -> Range | None:
    """Start a content after the words of its cue ("made it clear [that ...]", not "it clear")."""
    end = cue_end.idx + len(cue_end)
    return trimmed(doc, end, content[1]) if content[0] < end < content[1] else content


def verb(scene: Scene, token: Token) -> Attribution | None:
    """Attribute what a reporting verb reports to its subject: "X said Y", "X referred to Y"."""
    lex, rules = scene.lex, scene.content
    if not (lex.is_cue(token.lemma_.lower()) or that_clause(token)
            or rules.as_view(token) is not None):
        return None
    prep = rules.cue_prep(token)
    if prep is None and not lex.is_cue_alone(token.lemma_.lower()) and \
            not that_clause(token) and rules.as_view(token) is None and \
            rules.fault(token) is None:
        return None  # "focus" is a cue only as "focus on", "hit" as "hit X over Y"
    speaker, channel = speaker_of(token, lex)
    found = rules.find(token, speaker, scene.quotes)
    if found is None:
        return None
    content, how = found
    if how == "whole":  # a passive clause: the agent, if any, is the source
        return make(token, content, by_agent(token), None, lex, cue_end=prep)
    # a cue with syntactic content but no source stays ("It is expected that ...")
    if how == "clause":
        clipped = rules.clip(token, speaker, content)
        if clipped is not None and prep is not None:
            clipped = _after_cue(token.doc, clipped, prep)
        if clipped is None or clipped[0] <= token.idx < clipped[1]:
            return None
        content = clipped
    return make(token, content, speaker, channel, lex, cue_end=prep)


def stance_participle(scene: Scene, token: Token) -> Attribution | None:
    """Attribute the noun a stance participle modifies to its agent: "a bill opposed by Y".

    "The measure, opposed by unions, failed": the unions' stance is toward the measure,
    the noun phrase the participle hangs on (without the participle's own phrase).
    """
    if token.dep_ != "acl" or token.tag_ != "VBN" or \
            token.lemma_.lower() not in scene.lex.stance_verbs:
        return None
    agent = by_agent(token)
    noun = token.head
    if agent is None or noun.i > token.i:
        return None
    end = min(token.left_edge.idx, noun.right_edge.idx + len(noun.right_edge))
    content = trimmed(token.doc, noun.left_edge.idx, end)
    return make(token, content, agent, None, scene.lex) if content is not None else None


def view_participle(scene: Scene, token: Token) -> Attribution | None:
    """Attribute a noun and the view a participle takes of it: "a state seen as critical".

    "X, known as Y", "a group known for Y", "emails now deemed classified": the participle
    judges the noun it hangs on by a predicate ("as" or "for" phrase, or a bare one). The
    content is the noun phrase with the participle's phrase; the agent, if any, holds the
    view. A participle without a predicate ("a rate not seen since 1960") judges nothing,
    but one of an announcement or a forecast ("a deal announced Friday", "a ruling expected
    next week") reports the noun itself.
    """
    lex = scene.lex
    lemma = token.lemma_.lower()
    if token.dep_ != "acl" or token.tag_ != "VBN" or token.head.i > token.i:
        return None
    preds = [c for c in token.children if c.dep_ in ("oprd", "xcomp") or
             c.dep_ == "prep" and c.lower_ in ("as", "for")]
    if not (preds and (lemma in lex.as_verbs or lemma in lex.view_verbs) or
            lemma in lex.announced_verbs):
        return None
    content = trimmed(token.doc, token.head.left_edge.idx, subtree(token)[1])
    return make(token, content, by_agent(token), None, lex) if content is not None else None
