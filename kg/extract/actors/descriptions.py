"""Descriptions that stand for an actor the article names, joined to it as mentions (not aliases).

Two kinds, in this order:
- a bare definite description refers back to the last actor named with that head noun
  ("Turkey's Defence Ministry ... The ministry said"; `merge.antecedent`);
- a describing noun of `descriptors.tsv` stands for the one organisation of the
  article whose name's head word it can describe, before or after it ("a war monitor said" in
  the lede for the Syrian Observatory for Human Rights named further down): wire stories often
  describe a source in the first sentence and name it later. With no such organisation, or
  several, it joins none.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path

from spacy.tokens import Doc, Token

from kg.extract.actors.mentions import Mention
from kg.extract.actors.merge import Cluster, antecedent, name_head, named_heads
from kg.extract.common.text import doc_text
from kg.extract.common.tree import tree

_FILE = Path(__file__).parent / "descriptors.tsv"
_DETERMINERS = frozenset({"a", "an", "the"})
Finder = Callable[[Doc, set[int]], Iterator[Mention]]


@functools.lru_cache(maxsize=1)
def descriptors() -> dict[str, frozenset[str]]:
    """Return each describing noun with the head words of the names it can stand for."""
    rows = (line.split("\t") for line in _FILE.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#"))
    return {noun: frozenset(heads.split()) for noun, heads in rows}


def join_descriptions(doc: Doc, taken: set[int], clusters: list[Cluster], body: int) -> None:
    """Add to the actors of `clusters` the descriptions in the body (from `body` on) that stand
    for them, first definite ones referring back, then describing nouns; `taken` gains their
    offsets."""
    heads = named_heads(clusters)
    passes: tuple[tuple[Finder, Callable[[Mention], Cluster | None]], ...] = (
        (definite_descriptions, lambda found: antecedent(found, clusters, heads)),
        (descriptions, lambda found: described(found, clusters)),
    )
    for find, resolve in passes:
        for description in find(doc, taken):
            cluster = resolve(description) if description.start >= body else None
            if cluster is not None:
                cluster.mentions.append(description)
                taken.update(range(description.start, description.end))


def definite_descriptions(doc: Doc, taken: set[int]) -> Iterator[Mention]:
    """Yield bare definite descriptions ("the ministry", "the army") outside known mentions.

    Only "the" and a singular common noun, nothing else before it: "Syria's foreign ministry"
    or "a ministry" introduce an actor instead of referring back to one.
    """
    for token in tree(doc).tokens:
        if token.tag_ != "NN" or token.ent_type_ or token.idx in taken:
            continue
        lefts = list(token.lefts)
        if len(lefts) != 1 or lefts[0].lower_ != "the" or lefts[0].i != token.i - 1:
            continue
        yield _description(doc, lefts[0], token)


def descriptions(doc: Doc, taken: set[int]) -> Iterator[Mention]:
    """Yield noun phrases headed by a describing noun with an article ("a war monitor")."""
    nouns = descriptors()
    for token in tree(doc).tokens:
        if token.tag_ != "NN" or token.lower_ not in nouns or token.ent_type_ \
                or token.idx in taken or token.dep_ == "compound":
            continue
        lefts = list(token.lefts)
        if not lefts or lefts[0].lower_ not in _DETERMINERS or any(
                t.ent_type_ or t.pos_ == "PROPN" for t in lefts):
            continue  # "Syria's monitor", "the Al-Watan daily" name or own it
        yield _description(doc, lefts[0], token)


def _description(doc: Doc, first: Token, noun: Token) -> Mention:
    """Return the mention of a description from its first word to its noun; its tokens hold
    the noun alone, which is what `antecedent` and `described` match on."""
    start, end = first.idx, noun.idx + len(noun.text)
    return Mention(start, end, doc_text(doc)[start:end], "", tokens=(noun.text,),
                   refers_back=True)


def described(description: Mention, clusters: list[Cluster]) -> Cluster | None:
    """Return the one organisation a description can stand for, if exactly one."""
    heads = descriptors().get(description.tokens[-1].lower(), frozenset())
    found = [c for c in clusters if c.label != "PERSON" and c.country is None
             and any(not m.refers_back and name_head(m) in heads for m in c.mentions)]
    return found[0] if len(found) == 1 else None
