"""Vetoes: constructions that look like an attribution but report nothing.

Each test takes an article's scene and a cue word the cue rules would take: "X met to discuss
Y" (the aim of a meeting), "X went on to win" (what X did next), "That said, ..." (a concession),
"Consider the case of ..." (an imperative), "X reported from Washington" (where a journalist
worked), and the like.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.common.text import doc_text
from kg.extract.statements.parts import CONTINUING, kids, to_infinitive
from kg.extract.statements.scene import Scene
from kg.extract.statements.source import speaker_of

_TERMS = frozenset({"condition", "record", "background"})  # "spoke on condition of anonymity"


def purpose(scene: Scene, token: Token) -> bool:
    """Tell whether a cue verb is the agenda of a meeting: an infinitive of purpose under it.

    "They met in Ankara to discuss the war" says why they met, not what was said. Only
    meeting verbs count: "X sent envoys to ask Y" or "X worked to emphasise Y" still report
    what X asked or stressed, and an infinitive with a clause of its own ("met to announce
    that ...") still reports.
    """
    return token.dep_ == "advcl" and token.tag_ == "VB" \
        and to_infinitive(token) \
        and token.head.lemma_.lower() in scene.lex.meeting_verbs \
        and not any(c.dep_ == "ccomp" for c in token.children)


def sourcing_infinitive(_scene: Scene, token: Token) -> bool:
    """Return whether an infinitive says why a source is unnamed, not what the source said.

    "X, who requested anonymity to discuss the talks" and "X was not authorized to discuss
    the talks" are the terms of a newswire source; what X said follows elsewhere.
    """
    if token.tag_ != "VB" or token.dep_ not in ("xcomp", "advcl", "acl") or \
            not to_infinitive(token):
        return False
    head = token.head
    return head.lemma_.lower() == "authorize" or any(
        w.lower_ == "anonymity" for w in head.subtree if w.i < token.i)


def noun_infinitive(_scene: Scene, token: Token) -> bool:
    """Return whether a verb is the infinitive of a noun ("her decision to endorse X").

    What someone decided, refused or was pressed to say is not what they said, and
    PolNeAR seldom takes it for an attribution.
    """
    return token.dep_ == "acl" and token.tag_ == "VB" and token.head.pos_ == "NOUN"


def goes_on_to_act(scene: Scene, token: Token) -> bool:
    """Return whether "go on" or "continue" hands on to an infinitive that reports nothing.

    "X went on to say Y" or "continued to praise Y" continues what X said; "Boston went on to
    win the series" or "X continues to face questions" tells what X did or does.
    """
    if token.lemma_.lower() not in CONTINUING:
        return False
    acts = [c for c in kids(token, "xcomp", "advcl") if c.tag_ == "VB" and c.i > token.i
            and to_infinitive(c)]
    return bool(acts) and not scene.lex.is_cue(acts[0].lemma_.lower())


def on_terms(scene: Scene, token: Token) -> bool:
    """Return whether a cue's "on" states the terms of speaking, not a topic.

    "X spoke on condition of anonymity" or "went on the record" says how X spoke, not about what.
    """
    prep = scene.content.cue_prep(token)
    if prep is None or prep.lower_ != "on":
        return False
    objects = kids(prep, "pobj") or kids(token, "dobj")
    return any(o.lemma_.lower() in _TERMS for o in objects)


def imperative(scene: Scene, token: Token) -> bool:
    """Return whether a cue verb is an imperative ("Consider the case of X", "Just ask Y").

    The writer bids the reader; nobody is reported (unless the parse finds a speaker anyway).
    """
    return token.dep_ == "ROOT" and token.tag_ == "VB" and \
        not kids(token, "nsubj", "nsubjpass", "aux", "auxpass") and \
        speaker_of(token, scene.lex)[0] is None


def reports_from(_scene: Scene, token: Token) -> bool:
    """Return whether "X reported from Y" names where a journalist worked, not a report.

    "Costa reported from Washington." closes an article; a report has an object or a clause
    ("X reported from Kabul that ...").
    """
    return token.lemma_.lower() == "report" and not kids(token, "dobj", "ccomp") and \
        any(p.lower_ == "from" for p in kids(token, "prep"))


def ongoing_role(scene: Scene, token: Token) -> bool:
    """Return whether a relative clause in the progressive describes what its antecedent is
    doing ("Y, who is challenging X for the seat", "donors who are backing X").

    Such a clause introduces the antecedent by its current part in events; it reports no
    statement, unless the verb reports words or thought ("who is saying that ...").
    """
    return token.dep_ == "relcl" and token.tag_ == "VBG" and \
        token.lemma_.lower() not in scene.lex.clause_verbs and \
        any(a.dep_ == "aux" and a.lemma_ == "be" for a in token.children)


def adds_to(scene: Scene, token: Token) -> bool:
    """Return whether "add" puts something into something ("added a clause to the bill").

    "X added: ..." reports words; "X added a new title to his resume" or "the delay adds to
    the drama" joins one thing to another. A quoted "to" ("adding “to all the voters ...”") is
    part of what was said.
    """
    return token.lemma_.lower() == "add" and any(
        p.lower_ == "to" and p.i > token.i and not any(qa <= p.idx < qb for qa, qb in scene.quotes)
        for p in kids(token, "prep", "dative"))


def puts_out(scene: Scene, token: Token) -> bool:
    """Return whether a verb of issuing puts out a thing that is no words ("Apple released a
    new device", "released two hostages"), with no clause of what was said.

    "X released a statement" or "unveiled a plan" still reports what X put in words.
    """
    lex = scene.lex
    if token.lemma_.lower() not in lex.issuing_verbs or kids(token, "ccomp"):
        return False
    things = kids(token, "dobj") or ([token.head] if token.dep_ == "acl" else [])
    return any(t.ent_type_ in ("PRODUCT", "PERSON") or t.lemma_.lower() in lex.issued_things
               for t in things)


def that_said(_scene: Scene, token: Token) -> bool:
    """Return whether a "said" opens a sentence as "That said, ...", a concession, not a report."""
    doc = token.doc
    return token.lemma_.lower() == "say" and token.i > 0 and token.i + 1 < len(doc) \
        and doc[token.i - 1].lower_ == "that" and bool(doc[token.i - 1].is_sent_start) \
        and doc[token.i + 1].text == ","


def in_quotation(scene: Scene, token: Token) -> bool:
    """Return whether a word lies inside a quotation of more than two words.

    An attribution nested in a quotation ("“I think we won,” X said") is the quoted speaker's.
    """
    return scene.in_long_quote(token.idx)


def markup(scene: Scene, token: Token) -> bool:
    """Return whether a word is the name of a markup tag ("<tweet author=...>"): no verb."""
    return doc_text(scene.doc)[token.idx - 1:token.idx] in ("<", "/")


def relayed(scene: Scene, token: Token) -> bool:
    """Return whether a cue is relayed by "cited X as saying": the relay verb carries it."""
    head = token.head
    return head.lower_ == "as" and head.head.lemma_.lower() in scene.lex.relay_verbs and \
        bool(kids(head.head, "dobj"))
