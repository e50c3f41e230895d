"""Anchor event triggers in time: their clause's time expression, a governing one, or the narrative.

Rules, most to least certain:
1. a calendar time expression attached to the trigger's own clause ("withdrew ... on Tuesday");
2. one attached to a clause that governs it ("said on Tuesday Turkey will not move ...");
3. inherited: a present, present-perfect or future clause takes the publication day; a past one
   takes the narrative time (the latest explicitly dated event in the previous sentences of the
   story), else the publication day. Inherited times carry a lower confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from spacy.tokens import Doc, Token

from kg.extract.common.spans import phrase_head
from kg.extract.common.text import sentence_start
from kg.model import Article, Span, TimeValue, Timex

_CALENDAR = re.compile(
    r"\d{4}(-\d{2}(-\d{2}(T([\d:.]+|MO|AF|EV|NI|DT))?)?|-W\d{2}|-Q[1-4]|-H[12]|-(SP|SU|FA|WI))?")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
GOVERNING_CERTAINTY = 0.8  # a time expression of a clause that governs the trigger's
NARRATIVE_WINDOW = 3  # sentences back that a past-tense clause may inherit a time from


def is_calendar(timex: Timex) -> bool:
    """Return whether a time expression names a calendar point or period (not a duration or set).

    Examples:
        >>> is_calendar(Timex(id="t", start=0, end=4, text="2017", value="2017"))
        True
        >>> is_calendar(Timex(id="t", start=0, end=5, text="years", type="DURATION", value="P2Y"))
        False
    """
    return timex.type in ("DATE", "TIME") and _CALENDAR.fullmatch(timex.value) is not None


def clause_head(token: Token) -> Token:
    """Return the verb heading the clause a token stands in (the token itself if it is one)."""
    while not (token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass")):
        if token.head.i == token.i:
            return token
        token = token.head
    return token


def tense(token: Token) -> str:
    """Return "past", "perfect", "future" or "present" for the clause a trigger stands in."""
    verb = clause_head(token)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "wo", "shall", "'ll") or a.lower_ == "going" for a in auxes):
        return "future"
    if any(a.lemma_ == "have" and "Pres" in a.morph.get("Tense", []) for a in auxes):
        return "perfect"
    tenses = [*verb.morph.get("Tense", []), *(t for a in auxes for t in a.morph.get("Tense", []))]
    if verb.tag_ == "VBD" or (auxes and "Past" in auxes[0].morph.get("Tense", [])):
        return "past"
    if "Past" in tenses and verb.tag_ != "VBN":
        return "past"
    if verb.tag_ == "VBN" and not auxes:
        return "past"
    return "present"


@dataclass(frozen=True)
class Anchor:
    """The time given to an event, where it was read from, and how sure the rule is."""

    time: TimeValue | None
    span: Span | None
    certainty: float


def _day(value: date | datetime) -> TimeValue:
    day = value.date() if isinstance(value, datetime) else value
    return TimeValue(type="DATE", value=day.isoformat(), granularity="day", begin=day, end=day)


class TimeAnchorer:
    """Give each trigger of one article a time; fed in text order, it tracks the narrative time."""

    def __init__(self, article: Article, doc: Doc, times: list[Timex]) -> None:
        self.published = _day(article.published) if article.published else None
        self.heads: list[tuple[Timex, Token]] = []
        for timex in times:
            if not is_calendar(timex):
                continue
            head = phrase_head(doc, timex.start, timex.end)
            if head is not None:
                self.heads.append((timex, head))
        self.narrative: list[tuple[int, TimeValue]] = []  # (sentence index, time) of dated events
        self.sentence_of = {s.start: n for n, s in enumerate(doc.sents)}

    def _sentence(self, token: Token) -> int:
        return self.sentence_of.get(sentence_start(token), 0)

    def attached(self, trigger: Token) -> tuple[Timex, float] | None:
        """Return the calendar time expression of a trigger's clause (certainty 1.0) or of a
        clause governing it (0.8), if any.

        A time expression elsewhere in the sentence (a sibling or relative clause) is not used:
        on MEANTIME such times anchor the trigger less often than the narrative or publication day.
        """
        own = clause_head(trigger)
        governing = {a.i for a in own.ancestors}
        best: tuple[Timex, float] | None = None
        sentence = sentence_start(trigger)
        for timex, head in self.heads:
            if sentence_start(head) != sentence:
                continue
            path = [head]
            while path[-1].i != clause_head(head).i and path[-1].head.i != path[-1].i:
                path.append(path[-1].head)
            if trigger in path or path[-1].i == own.i:
                return timex, 1.0
            if path[-1].i in governing and best is None:
                best = (timex, GOVERNING_CERTAINTY)
        return best

    def anchor(self, trigger: Token) -> Anchor:
        """Return the time of the event a trigger names (see the module docstring for the rules)."""
        sentence = self._sentence(trigger)
        found = self.attached(trigger)
        if found is not None:
            timex, certainty = found
            self.narrative.append((sentence, timex.time))
            return Anchor(timex.time, timex.span, certainty)
        if tense(trigger) == "past":
            recent = [t for n, t in self.narrative if 0 < sentence - n <= NARRATIVE_WINDOW
                      and _DAY.match(t.value)]
            if recent:
                return Anchor(recent[-1], None, 0.6)
        return Anchor(self.published, None, 0.7) if self.published else Anchor(None, None, 0.5)
