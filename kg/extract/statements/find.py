"""Find attributions in a parsed article: cue, source (speaker), content, channel, direct or not.

The finder applies the active rules of `rules.RULES` in table order: quotation cues to each
quotation, document cues to the text, word cues to each word (the first that fires wins, unless a
veto stops it), then the joins to what they found. Knows nothing of actors or records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.common.budget import check
from kg.extract.common.rules import Rule
from kg.extract.common.text import doc_text
from kg.extract.common.tree import tree
from kg.extract.statements.content import ContentRule, ContentRules
from kg.extract.statements.joins import Join
from kg.extract.statements.lexicon import SpeechLexicon
from kg.extract.statements.parts import PREP_CUES, Attribution, Range, trimmed
from kg.extract.statements.quotes import quotations
from kg.extract.statements.scene import Cue, DocCue, QuoteCue, Scene, Veto, WordCue

_CUE_POS = frozenset({"VERB", "NOUN", "ADJ"})  # the parts of speech of cues but these:
_WORD_CUES = PREP_CUES | {"against"}  # cue words that are no verb, noun or adjective


class AttributionFinder:
    """Apply the active rules of one lexicon to parsed articles."""

    def __init__(self, lexicon: SpeechLexicon, *, cues: Sequence[Rule[Cue]],
                 vetoes: Sequence[Rule[Veto]] = (), content: Sequence[Rule[ContentRule]] = (),
                 joins: Sequence[Rule[Join]] = ()) -> None:
        self.lex = lexicon
        self.content = ContentRules(lexicon, content)
        self.quote_cues = [(r.name, r.apply) for r in cues if isinstance(r.apply, QuoteCue)]
        self.doc_cues = [(r.name, r.apply) for r in cues if isinstance(r.apply, DocCue)]
        self.word_cues = [(r.name, r.apply) for r in cues if isinstance(r.apply, WordCue)]
        # the lemmas each word cue tries, if it says (a word of another lemma finds nothing)
        self.word_lemmas = [frozenset(cue.lemmas(lexicon)) if cue.lemmas is not None else None
                            for _, cue in self.word_cues]
        self.vetoes = tuple(vetoes)
        self.joins = tuple(joins)

    def find(self, doc: Doc, start: int = 0) -> list[Attribution]:
        """Return the attributions whose cue starts at or after `start`, in text order."""
        scene = Scene(doc, self.lex, self.content, quotations(doc_text(doc)), self.vetoes)
        found = [a for a in (self._quoted(scene, q) for q in scene.quotes)
                 if a is not None and a.cue[0] >= start]
        for name, cue in self.doc_cues:
            found += [replace(a, rule=name) for a in cue.find(scene) if a.cue[0] >= start]
        used = {a.cue_token.i for a in found}
        words = [(name, cue, scene.stops(name), lemmas)
                 for (name, cue), lemmas in zip(self.word_cues, self.word_lemmas, strict=True)]
        by_pos: dict[str, list[tuple[str, WordCue, Callable[[Token], bool],
                                     frozenset[str] | None]]] = {}
        parse = tree(doc)  # parts of speech and offsets as read once for the doc
        tags, offsets = parse.pos, parse.offsets
        for i, token in enumerate(parse.tokens):
            check()  # the per-article time budget (kg.extract.common.budget)
            pos = tags[i]
            if offsets[i] < start or i in used or \
                    pos not in _CUE_POS and token.lower_ not in _WORD_CUES:
                continue
            tried = by_pos.get(pos)
            if tried is None:  # the cue rules that take this part of speech, in order
                tried = by_pos[pos] = [w for w in words if w[1].pos is None or pos in w[1].pos]
            lower = lemma = None  # read once, for the rules that try only some words
            for name, word, stop, lemmas in tried:
                if word.words is not None:
                    if lower is None:
                        lower = token.lower_
                    if lower not in word.words:
                        continue
                if lemmas is not None:
                    if lemma is None:
                        lemma = token.lemma_.lower()
                    if lemma not in lemmas:
                        continue
                # the rule first: most words fail its first test, and few hits meet a veto
                if (hit := word.find(scene, token)) is not None and not stop(token):
                    found.append(replace(hit, rule=name))
                    break
        found.sort(key=lambda a: a.cue[0])
        clipped = []
        for att in found:
            content = trimmed(doc, max(att.content[0], start), att.content[1])
            if content is not None:
                clipped.append(replace(att, content=content))
        for join in self.joins:
            clipped = join.apply(scene, clipped)
        return clipped

    def _quoted(self, scene: Scene, quote: Range) -> Attribution | None:
        """Attribute one quotation by the first quotation cue that does."""
        for name, cue in self.quote_cues:
            att = cue.find(scene, quote, scene.stops(name))
            if att is not None:
                return replace(att, rule=name)
        return None
