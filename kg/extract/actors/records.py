"""The record of one mention of an actor, and how a stretch of a parsed article becomes one.

Each mention says which actor it names only loosely (its text, NER label, a country code, a
kind); `merge` groups them into actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span as DocSpan

from kg.extract.common.text import doc_text
from kg.model import ActorKind

# what the tokenizer leaves glued to a name's last word: "Trump‘s", "Trump's", "Cruz—35"
_GLUED = re.compile(r"(['’‘]s?|[—–]\d.*)$")


@dataclass(frozen=True)
class Mention:
    """One stretch of text naming an actor, with what the words around it say."""

    start: int
    end: int
    text: str
    label: str  # PERSON / ORG / NORP / GPE, or "" for a name the model did not tag
    kind: ActorKind | None = None
    country: str | None = None  # ISO code when the mention names a state or its organ
    canonical: str | None = None  # a name the actor must carry ("Syrian military")
    titles: tuple[str, ...] = ()
    affiliation: tuple[int, int] | None = None  # char span of the affiliated actor's mention
    tokens: tuple[str, ...] = field(default=(), compare=False)
    refers_back: bool = False  # a description ("the ministry") of an actor named before it
    metonym: bool = False  # a capital standing for its state ("Moscow says"): no name of it


def mention_of(span: DocSpan, label: str, kind: ActorKind | None, *,
               titles: tuple[str, ...] = (), affiliation: tuple[int, int] | None = None
               ) -> Mention:
    """Return the mention a span of the parse names, without what the tokenizer glued to it."""
    start, end = _clipped(span)
    text = doc_text(span.doc)[start:end]
    tokens = (*(t.text for t in span[:-1]), text[span[-1].idx - start:])
    return Mention(start, end, text, label, kind, titles=titles, affiliation=affiliation,
                   tokens=tokens)


def _clipped(span: DocSpan) -> tuple[int, int]:
    """Return the character offsets of a name without what the tokenizer left glued to its
    last word: a possessive with an odd quote ("Trump‘s") or a dash and a number ("Cruz—35")."""
    found = _GLUED.search(span[-1].text)
    cut = len(span[-1].text) - found.start() if found and found.start() > 0 else 0
    return span.start_char, span.end_char - cut
