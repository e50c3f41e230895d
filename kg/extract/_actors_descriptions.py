"""Descriptions that stand for an organisation the article names: "a war monitor said" in the
lede for the Syrian Observatory for Human Rights named further down, "the alliance" for the
Hayat Tahrir al-Sham alliance.

A description joins the one organisation of the article whose name's head word it can
describe (`lexicons/descriptors.tsv`), before or after it: wire stories often describe a
source in the first sentence and name it later. With no such organisation, or several, it joins
none.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc

from kg.extract._actors_mentions import Mention
from kg.extract._actors_merge import Cluster, name_head
from kg.extract._text import doc_text

_FILE = Path(__file__).parent / "lexicons" / "descriptors.tsv"
_DETERMINERS = frozenset({"a", "an", "the"})


@functools.lru_cache(maxsize=1)
def descriptors() -> dict[str, frozenset[str]]:
    """Return each describing noun with the head words of the names it can stand for."""
    rows = (line.split("\t") for line in _FILE.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#"))
    return {noun: frozenset(heads.split()) for noun, heads in rows}


def descriptions(doc: Doc, taken: set[int]) -> Iterator[Mention]:
    """Yield noun phrases headed by a describing noun with an article ("a war monitor")."""
    nouns = descriptors()
    for token in doc:
        if token.tag_ != "NN" or token.lower_ not in nouns or token.ent_type_ \
                or token.idx in taken or token.dep_ == "compound":
            continue
        lefts = list(token.lefts)
        if not lefts or lefts[0].lower_ not in _DETERMINERS or any(
                t.ent_type_ or t.pos_ == "PROPN" for t in lefts):
            continue  # "Syria's monitor", "the Al-Watan daily" name or own it
        start, end = lefts[0].idx, token.idx + len(token.text)
        yield Mention(start, end, doc_text(doc)[start:end], "", tokens=(token.text,),
                      refers_back=True)


def described(description: Mention, clusters: list[Cluster]) -> Cluster | None:
    """Return the one organisation a description can stand for, if exactly one."""
    heads = descriptors().get(description.tokens[-1].lower(), frozenset())
    found = [c for c in clusters if c.label != "PERSON" and c.country is None
             and any(not m.refers_back and name_head(m) in heads for m in c.mentions)]
    return found[0] if len(found) == 1 else None
