"""Tell the one-word names an article uses as a medium ("said on Twitter"), not a person."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.common.names import Lexicon
from kg.extract.common.text import entities

# "on Twitter", "via Facebook", "to Twitter" (after a verb: "took to", "posted on")
_MEDIUM_PREPOSITIONS = frozenset({"on", "via", "to"})

_POST_NOUNS = frozenset({"account", "feed", "post", "posts", "page", "accounts", "followers",
                         "message", "messages", "video", "videos", "tweet", "tweets"})

_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"})


def media_names(doc: Doc, lexicon: Lexicon) -> frozenset[str]:
    """Return the one-word names the model typed as people that the article uses as a medium
    ("said on Twitter", "took to Twitter", "Twitter's director") and never as a person's: with
    a title ("Mr. X"), or as the surname or first name of a longer name."""
    single: dict[str, list[Token]] = {}
    longer: set[str] = set()
    for ent in entities(doc):
        if ent.label_ == "PERSON" and len(ent) == 1:
            single.setdefault(ent.text, []).append(ent[0])
        elif ent.label_ == "PERSON":
            longer.update(t.text for t in ent)
    return frozenset(name for name, tokens in single.items() if name not in longer
                     and any(_as_medium(t, lexicon) for t in tokens)
                     and not any(_titled(t, lexicon) for t in tokens))


def _titled(token: Token, lexicon: Lexicon) -> bool:
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is not None and (lexicon.is_title_word(before.text)
                                   or before.text.rstrip(".").lower() in _HONORIFICS)


def _as_medium(token: Token, lexicon: Lexicon) -> bool:
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in _MEDIUM_PREPOSITIONS:
        return head.head.pos_ in ("VERB", "AUX") or head.head.lower_ in _POST_NOUNS
    return token.dep_ == "poss" and head.lower_ in _POST_NOUNS | lexicon.title_heads
