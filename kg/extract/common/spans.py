"""Map spaCy tokens to the actors, places and times earlier stages found, by span overlap."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from kg.extract.common.text import doc_text
from kg.model import Actor, Extraction, Place, Span, Timex


@dataclass(frozen=True)
class Occurrence:
    """One mention of a record: the record's id and the characters it covers."""

    id: str
    start: int
    end: int


def _mentions(records: Iterable[Actor | Place]) -> list[Occurrence]:
    return sorted((Occurrence(r.id, m.start, m.end) for r in records for m in r.mentions),
                  key=lambda m: (m.start, m.end))


class SpanIndex:
    """Find which actor, place or time expression covers a token or a character range."""

    def __init__(self, extraction: Extraction) -> None:
        self.actors = _mentions(extraction.actors)
        self.places = _mentions(extraction.places)
        self.times: Sequence[Timex] = sorted(extraction.times, key=lambda t: t.start)
        # starts and the longest mention, so a lookup bisects to the few mentions that can
        # overlap instead of scanning all of them (quadratic in an article of many names)
        self._starts = {id(self.actors): [m.start for m in self.actors],
                        id(self.places): [m.start for m in self.places]}
        self._longest = {id(self.actors): max((m.end - m.start for m in self.actors), default=0),
                         id(self.places): max((m.end - m.start for m in self.places), default=0)}
        self._time_starts = [t.start for t in self.times]
        self._actor_at: dict[tuple[int, int], str | None] = {}

    def _hits(self, mentions: Sequence[Occurrence], start: int, end: int) -> list[Occurrence]:
        starts = self._starts[id(mentions)]
        # an overlapping mention starts before `end` and less than the longest mention before
        # `start`; the slice keeps text order
        first = bisect_right(starts, start - self._longest[id(mentions)])
        last = bisect_left(starts, end)
        return [m for m in mentions[first:last] if m.start < end and start < m.end]

    def actor_at(self, token: Token) -> str | None:
        """Return the id of the actor whose mention covers `token`, if any (each token's answer
        is kept: the rules ask it of the same heads over and over)."""
        where = (token.idx, token.idx + len(token))
        if where not in self._actor_at:
            hits = self._hits(self.actors, *where)
            self._actor_at[where] = min(hits, key=lambda m: m.end - m.start).id if hits else None
        return self._actor_at[where]

    def place_at(self, token: Token) -> str | None:
        """Return the id of the place whose mention covers `token`, if any."""
        hits = self._hits(self.places, token.idx, token.idx + len(token))
        return min(hits, key=lambda m: m.end - m.start).id if hits else None

    def actors_in(self, start: int, end: int) -> list[Occurrence]:
        """Return the actor mentions overlapping a character range, in text order."""
        return self._hits(self.actors, start, end)

    def places_in(self, start: int, end: int) -> list[Occurrence]:
        """Return the place mentions overlapping a character range, in text order."""
        return self._hits(self.places, start, end)

    def times_in(self, start: int, end: int) -> list[Timex]:
        """Return the time expressions inside a character range, in text order."""
        first = bisect_left(self._time_starts, start)
        last = bisect_right(self._time_starts, end)
        return [t for t in self.times[first:last] if t.start >= start and t.end <= end]


def token_span(tokens: TokenSpan | Sequence[Token]) -> Span:
    """Return the character span of a run of tokens."""
    first, last = tokens[0], tokens[-1]
    doc = first.doc
    end = last.idx + len(last)
    return Span(start=first.idx, end=end, text=doc_text(doc)[first.idx:end])


def char_span(doc: Doc, start: int, end: int) -> Span:
    """Return a `Span` record for a character range of the document."""
    return Span(start=start, end=end, text=doc_text(doc)[start:end])


def tokens_at(doc: Doc, start: int, end: int) -> list[Token]:
    """Return the tokens overlapping a character range.

    Examples:
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Troops", "left", "Idlib", "."])
        >>> [t.text for t in tokens_at(doc, 9, 13)], [t.text for t in tokens_at(doc, 6, 8)]
        (['left', 'Idlib'], ['left'])
    """
    # spaCy finds the end tokens by binary search; a range edge in whitespace needs the scan
    span = doc.char_span(start, end, alignment_mode="expand") if start < end else None
    if span is not None:
        return list(span)
    return [t for t in doc if t.idx < end and start < t.idx + len(t)]


def phrase_head(doc: Doc, start: int, end: int) -> Token | None:
    """Return the syntactic head of the tokens in a character range (its head lies outside)."""
    tokens = tokens_at(doc, start, end)
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[0] if tokens else None
