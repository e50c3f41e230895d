"""Cue rules around quotations and colons: "“A,” X said", "X said: “A”", "X went further: “A”",
and the paragraph after a line ending "X wrote:"."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from kg.extract.common.text import doc_text
from kg.extract.statements.parts import Attribution, Range, kids, trimmed
from kg.extract.statements.scene import Scene
from kg.extract.statements.source import make, speaker_of

_COLON_LINE = re.compile(r"(:)[ \t]*\n+(?=\S)")


def _span(scene: Scene, quote: Range) -> Span | None:
    return scene.doc.char_span(*quote, alignment_mode="expand")


def _surface_speaker(tokens: list[Token]) -> Token | None:
    words = [t for t in tokens if not t.is_punct]
    if not words or len(words) > 8 or any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    names = [t for t in words if t.pos_ in ("PROPN", "NOUN", "PRON")]
    return names[-1] if names else None


def quote_after(scene: Scene, quote: Range, stop: Callable[[Token], bool]) -> Attribution | None:
    """Attribute a quotation to the words after it: "“A,” X said", "“A,” said X"."""
    doc, lex = scene.doc, scene.lex
    qa, qb = quote
    span = _span(scene, quote)
    if span is None:
        return None
    after = list(doc[span.end:span.end + 12])
    after = after[:next((n for n, t in enumerate(after) if t.is_sent_start and n > 0
                         or t.text in "“\"" or t.idx > qb + 120), len(after))]
    if not (after and after[0].text in ",—" or after and after[0].is_alpha):
        return None
    for n, tok in enumerate(after):
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() not in lex.clause_verbs:
            return None
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.clause_verbs:
            if stop(tok):
                return None  # "“A.” X continued to visit Y": what X did, not said
            speaker = _surface_speaker(after[:n])
            if speaker is None:
                rest = after[n + 1:]
                rest = rest[:next((k for k, t in enumerate(rest) if t.is_punct
                                   or t.pos_ == "ADP"), len(rest))]
                speaker = _surface_speaker(rest)
            return make(tok, quote, speaker, None, lex) if speaker is not None else None
    return None


def _word_before(scene: Scene, quote: Range) -> Token | None:
    """Return the word right before a quotation (blanks, commas and colons aside), if any."""
    doc = scene.doc
    span = _span(scene, quote)
    if span is None:
        return None
    before = [t for t in doc[max(0, span.start - 3):span.start]
              if doc_text(doc)[t.idx + len(t):quote[0]].strip(" ,:\n") == ""]
    return before[-1] if before else None


def quote_before(scene: Scene, quote: Range, stop: Callable[[Token], bool]
                 ) -> Attribution | None:
    """Attribute a quotation to the reporting verb right before it: "X said: “A”"."""
    tok = _word_before(scene, quote)
    if tok is None or tok.pos_ != "VERB" or tok.lemma_.lower() not in scene.lex.clause_verbs \
            or stop(tok):
        return None
    speaker, channel = speaker_of(tok, scene.lex)
    return make(tok, quote, speaker, channel, scene.lex) if speaker is not None else None


def quote_colon(scene: Scene, quote: Range, stop: Callable[[Token], bool]) -> Attribution | None:
    """Attribute a quotation introduced by a clause and a colon: "X went further: “A”"."""
    tok = _word_before(scene, quote)
    if tok is None or tok.text != ":" or stop(tok):
        return None
    return _colon(scene, tok, quote)


def colon_lines(scene: Scene) -> list[Attribution]:
    """Attribute the paragraph after a line ending "X wrote:" to X, unless it is a quotation.

    A quotation after the colon is the quotation rules' already. Without quote marks only a
    reporting verb says the paragraph is someone's words.
    """
    doc, quotes = scene.doc, scene.quotes
    text = doc_text(doc)
    found: list[Attribution] = []
    for line in _COLON_LINE.finditer(text):
        colon = doc.char_span(line.start(1), line.end(1))
        nxt = line.end()
        end = text.find("\n", nxt)
        content = trimmed(doc, nxt, len(text) if end == -1 else end)
        if colon is None or content is None or any(qa <= content[0] < qb for qa, qb in quotes):
            continue
        att = _colon(scene, colon[0], content)
        if att is not None and scene.lex.is_cue_alone(att.cue_token.lemma_.lower()):
            found.append(att)
    return found


def _colon(scene: Scene, colon: Token, quote: Range) -> Attribution | None:
    """Attribute what follows a colon to the subject of the clause before it.

    A verb inside a quotation before the colon is no introducing clause ("“Y is leaving,”
    by Z: “...”" quotes a headline).
    """
    verbs = [t for t in colon.sent if t.i < colon.i and t.pos_ == "VERB" and kids(t, "nsubj")
             and not any(qa <= t.idx < qb for qa, qb in scene.quotes)]
    if not verbs:
        return None
    verb = verbs[-1]
    speaker = kids(verb, "nsubj")[0]
    if speaker.pos_ == "PRON" and speaker.lower_ in ("i", "we", "you", "it"):
        return None
    # "X joined the protest, saying on Twitter: “...”": the reporting participle introduces it
    saying = [t for t in colon.sent if verb.i < t.i < colon.i and t.tag_ == "VBG"
              and t.lemma_.lower() in scene.lex.clause_verbs and t.head.i == verb.i]
    return make(saying[-1] if saying else verb, quote, speaker, None, scene.lex)
