"""Shared pieces of the attribution rules: the `Attribution` record and span helpers."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.extract.common.text import doc_text
from kg.extract.common.tree import children

Range = tuple[int, int]
_SPEAKER_DROP = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj"}
_TRIM = " \t\n,;:—–-"
EXPLETIVES = frozenset({"it", "there"})  # subjects that stand for no one ("it is expected")
PREP_CUES = frozenset({"according", "in"})  # "according to X", "in a poll by X"
CONTINUING = frozenset({"continue", "go"})  # "X continued to attack Y", "X went on to say"


@dataclass(frozen=True)
class Attribution:
    """One attribution relation as character ranges, plus the tokens rules later need."""

    cue: Range
    cue_token: Token
    content: Range
    speaker: Token | None = None
    speaker_range: Range | None = None
    channel: Token | None = None
    channel_range: Range | None = None
    direct: bool = False
    rule: str = ""  # the name of the cue rule that made it; the finder sets it


kids = children  # the children of a token with one of the given dependency labels


def first(tokens: list[Token]) -> Token | None:
    """Return the first of some tokens, or None if there are none."""
    return tokens[0] if tokens else None


def by_agent(token: Token) -> Token | None:
    """Return the object of a passive verb's "by" phrase ("opposed by unions"), if any."""
    return first([p for a in kids(token, "agent") for p in kids(a, "pobj")])


def to_infinitive(verb: Token) -> bool:
    """Return whether a verb is marked as an infinitive by "to" ("to discuss")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def trimmed(doc: Doc, start: int, end: int) -> Range | None:
    """Return a range without edge blanks and punctuation (quote marks stay), or None if empty."""
    text = doc_text(doc)
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM + ".":
        end -= 1
    return (start, end) if end > start else None


def subtree(token: Token) -> Range:
    """Return the range a token's subtree covers."""
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge)


def is_direct(doc: Doc, content: Range) -> bool:
    """Return whether content is a quotation: it opens with a quote mark."""
    return doc_text(doc)[content[0]] in "“\"‘'"


def noun_phrase(token: Token) -> Range:
    """Return the range of a speaker's noun phrase: the head, its left and close right modifiers."""
    right = token
    for child in token.rights:
        comma = any(t.is_punct for t in token.doc[token.i + 1:child.left_edge.i])
        if child.dep_ in _SPEAKER_DROP and (comma or child.dep_ != "appos"):
            break
        right = child.right_edge
    left = token.left_edge
    while left.i < token.i and (left.is_punct or left.is_space):
        left = left.doc[left.i + 1]
    return left.idx, right.idx + len(right)


def phrase_of(token: Token | None) -> Range | None:
    """Return the range of a speaker's noun phrase, or None where there is no speaker."""
    return noun_phrase(token) if token is not None else None


def attribution(cue: Token, content: Range, speaker: Token | None, *,
                cue_end: Token | None = None, channel: Token | None = None) -> Attribution:
    """Return the attribution of `content` to `speaker` through a cue running from the word
    `cue` to `cue_end` (the cue word alone by default), its ranges and directness derived."""
    last = cue_end or cue
    return Attribution(
        cue=(cue.idx, last.idx + len(last)), cue_token=cue, content=content,
        speaker=speaker, speaker_range=phrase_of(speaker), channel=channel,
        channel_range=phrase_of(channel), direct=is_direct(cue.doc, content))
