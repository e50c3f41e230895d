"""Who speaks through a cue verb and to or through whom: the speaker and channel of a cue.

Works on the dependency parse alone; `find` and the cue rules call it once they have a cue.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.common.text import sentence_start
from kg.extract.statements.content import naming_subject
from kg.extract.statements.lexicon import SpeechLexicon
from kg.extract.statements.parts import (
    EXPLETIVES,
    Attribution,
    Range,
    attribution,
    by_agent,
    first,
    kids,
)

_BREAKS = {",", ";", ":", "“", "”", '"', "(", ")", "—", "–", "."}


def _after_dateline(subject: Token, cue: Token) -> Token:
    """Return the subject after a dateline the parse ran into it ("LONDON (AP) — X said")."""
    doc = subject.doc
    dashes = [t for t in doc[subject.i:cue.i] if t.text in ("—", "–", "-", "--")]
    if not dashes or not any(t.text == "(" for t in doc[subject.left_edge.i:dashes[-1].i]):
        return subject
    words = doc[dashes[-1].i + 1:cue.i]
    heads = [t for t in words if not words.start <= t.head.i < words.end
             and t.pos_ in ("PROPN", "NOUN", "PRON")]
    return heads[0] if heads else subject


def speaker_of(token: Token, lex: SpeechLexicon) -> tuple[Token | None, Token | None]:
    """Return (speaker, channel) heads for a cue verb."""
    if token.lemma_.lower() in lex.raising_verbs:
        return None, None  # "X seems to ...": an impression nobody in the text voices
    subjects = kids(token, "nsubj")
    agent = by_agent(token)
    head = token.head
    relayed = [c for p in kids(token, "prep") if p.lower_ == "as"
               for c in kids(p, "pcomp") if lex.is_cue(c.lemma_.lower())]
    if token.lemma_.lower() in lex.relay_verbs and kids(token, "dobj") and relayed:
        return kids(token, "dobj")[0], first(subjects)
    if token.dep_ in ("pcomp", "pobj") and head.lower_ == "as" and \
            head.head.lemma_.lower() in lex.relay_verbs:
        relay = head.head  # "Interfax cited X as saying"
        objects = kids(relay, "dobj")
        channel = first(kids(relay, "nsubj"))
        return (objects[0] if objects else None), channel
    if kids(token, "nsubjpass") and agent is not None:
        return agent, None
    if subjects:
        subject = subjects[0]
        if subject.lower_ in EXPLETIVES and kids(token, "auxpass"):
            return None, None
        return _after_dateline(subject, token), None
    if token.dep_ == "pcomp" and head.dep_ == "prep":
        subjects = kids(head.head, "nsubj")
        if subjects:
            return subjects[0], None
    if naming_subject(token):
        return head, None  # "Beruff called the plan “weak”", parsed as a participle
    if token.dep_ == "acl" and token.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        # "X issued a statement saying ...": the statement speaks for whoever issued it
        issuer = kids(head.head, "nsubj") if head.dep_ == "dobj" else []
        if head.lemma_.lower() in lex.speech_products and issuer:
            return issuer[0], None
        return head, None
    climb = token
    for _ in range(3):  # "X announced ... and vowed", "X, saying ...", "ready to back"
        if climb.dep_ not in ("advcl", "xcomp", "conj", "acl") or climb.head.i == climb.i:
            break
        climb = climb.head
        # "X wrote that Y knew it, saying ...": the participle goes with the reporting verb
        while token.tag_ == "VBG" and climb.dep_ == "ccomp" and \
                lex.is_cue(climb.head.lemma_.lower()) and kids(climb.head, "nsubj"):
            climb = climb.head
        subjects = kids(climb, "nsubj")
        if subjects:
            return subjects[0], None
    return _before_comma(token), None


def _before_comma(token: Token) -> Token | None:
    """Return the head of "<NP>" in "<content>, <NP> said" when the parse lost the subject."""
    doc = token.doc
    first_word = sentence_start(token)
    start = token.i
    while start > first_word and token.i - start < 16 and doc[start - 1].text not in _BREAKS:
        start -= 1
    if start == token.i or start == first_word or doc[start - 1].text not in ",”\"":
        return None
    words = doc[start:token.i]
    if any(t.pos_ in ("AUX",) or t.tag_ in ("VBD", "VBZ", "VBP") for t in words):
        return None
    outside = [t for t in words if not (start <= t.head.i < token.i)]
    nouns = [t for t in outside if t.pos_ in ("PROPN", "NOUN", "PRON")]
    return nouns[0] if nouns else None


def channel_of(token: Token, lex: SpeechLexicon) -> Token | None:
    """Return the outlet a cue verb says something to ("told AFP"), if it names media."""
    for child in kids(token, "dobj", "dative", "agent", "prep"):
        target: Token | None = child
        if child.dep_ in ("prep", "agent"):
            target = first(kids(child, "pobj"))
        if child.dep_ == "prep" and child.lower_ not in ("to", "with", "by"):
            continue
        if target is not None and _is_media(target, lex):
            return target
    return None


def _is_media(token: Token, lex: SpeechLexicon) -> bool:
    words = {t.lower_ for t in token.subtree}
    return bool(words & lex.media_words) and token.pos_ == "PROPN" or \
        token.lower_ in lex.media_words and token.pos_ == "PROPN"


def make(token: Token, content: Range, speaker: Token | None, channel: Token | None,
         lex: SpeechLexicon, *, cue_end: Token | None = None) -> Attribution:
    """Return the attribution of a cue verb, its channel found if not given."""
    return attribution(token, content, speaker, cue_end=cue_end,
                       channel=channel or channel_of(token, lex))
