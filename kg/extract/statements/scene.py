"""What a cue rule sees of one article, and the shapes of the finder's rules.

A `Scene` holds one parsed article, its quotations, the speech lexicon, the content rules and the
active vetoes. Cue rules come in three kinds: a `QuoteCue` attributes one quotation, a `DocCue`
scans the whole text, a `WordCue` tries one word. A `Veto` stops the cue rules it guards at a word.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token

from kg.extract.common.rules import Rule, is_disabled
from kg.extract.common.text import doc_text
from kg.extract.statements.content import ContentRules
from kg.extract.statements.lexicon import SpeechLexicon
from kg.extract.statements.parts import Attribution, Range


@dataclass(frozen=True)
class Veto:
    """A construction that looks like a cue but reports nothing, and the cue rules it stops."""

    test: Callable[[Scene, Token], bool]
    guards: tuple[str, ...]  # names (or dotted prefixes) of the cue rules it stops


@dataclass(frozen=True)
class Scene:
    """One parsed article as the cue rules see it."""

    doc: Doc
    lex: SpeechLexicon
    content: ContentRules
    quotes: list[Range]
    vetoes: tuple[Rule[Veto], ...]

    @cached_property
    def _long_quotes(self) -> tuple[list[int], list[int]]:
        """The starts of the quotations of more than two words, sorted, and the furthest end
        reached by each prefix of them."""
        text = doc_text(self.doc)
        spans = sorted((a, b) for a, b in self.quotes if len(text[a:b].split()) > 2)
        return [a for a, _ in spans], list(itertools.accumulate((b for _, b in spans), max))

    def in_long_quote(self, offset: int) -> bool:
        """Return whether `offset` lies inside a quotation of more than two words.

        One binary search, not a scan of every quotation for every word (quadratic in an
        article of many quotations).
        """
        starts, reach = self._long_quotes
        before = bisect_left(starts, offset)  # the quotations that start before `offset`
        return before > 0 and reach[before - 1] > offset

    @cached_property
    def _stops(self) -> dict[str, Callable[[Token], bool]]:
        """The stop test of each cue rule asked about so far (quotation cues are asked once a
        quotation)."""
        return {}

    def stops(self, cue: str) -> Callable[[Token], bool]:
        """Return the test whether an active veto stops the cue rule `cue` at a word."""
        known = self._stops.get(cue)
        if known is None:
            guarding = [r.apply.test for r in self.vetoes if is_disabled(cue, r.apply.guards)]
            known = self._stops[cue] = lambda token: any(test(self, token) for test in guarding)
        return known


@dataclass(frozen=True)
class QuoteCue:
    """A cue rule that attributes one quotation; the first rule that does wins."""

    # (scene, quotation, stop): `stop(token)` tells whether a veto stops this rule at a token
    find: Callable[[Scene, Range, Callable[[Token], bool]], Attribution | None]


@dataclass(frozen=True)
class DocCue:
    """A cue rule that scans the whole article."""

    find: Callable[[Scene], list[Attribution]]


@dataclass(frozen=True)
class WordCue:
    """A cue rule that tries one word; the first rule that fires on a word wins."""

    find: Callable[[Scene, Token], Attribution | None]
    pos: frozenset[str] | None = None  # the parts of speech it tries (None: any word)
    words: frozenset[str] | None = None  # the words (lowercase) it tries (None: any word)
    # the lemmas (lowercase) of the lexicon it tries, a word of no other lemma finding nothing
    # (None: any word)
    lemmas: Callable[[SpeechLexicon], Collection[str]] | None = None


Cue = QuoteCue | DocCue | WordCue
