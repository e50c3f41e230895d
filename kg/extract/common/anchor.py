"""Anchor event triggers in time: their clause's time expression, a governing one, or the narrative.

Rules, most to least certain, each giving the anchor's origin (`Event.time_origin`):
1. stated: a calendar time expression attached to the trigger's own clause ("withdrew ... on
   Tuesday"), 1.0; to a coordinated clause sharing its subject ("attacked a convoy and killed
   12 soldiers on Tuesday"), 0.9; to the nearest clause that governs it ("said on Tuesday Turkey
   will not move ..."), 0.8. A time of a background (relative) clause stays there: "Khan
   Shaykhun, which was targeted in 2017" dates the targeting, not the main clause. A time that
   modifies a noun ("the 2010 Dodd-Frank law") dates that noun and a past clause, not a verb in
   the present, perfect or future of its own or a coordinated clause ("she embraces the 2010 law",
   "boasts about the Patriot Act after the Sept. 11, 2001, attacks"); a day or month of the
   story's own week does ("can win Tuesday's primary", "a Feb. 1 letter warns"). A year of
   a thing someone named owns dates that thing only ("repeated Wallace's 1963 refrain"), and a
   coordinated clause told in the present does not take an older time of the clause it joins
   ("participated in the 1963 March on Washington and says he wants ..."). A year in a phrase
   describing the subject dates who the subject is ("said David Axelrod, the top strategist on
   Obama's 2008 campaigns").
2. narrative: a past clause without a time of its own takes the latest past day stated in a
   foreground clause of an earlier sentence of the story (a news story tells of its main
   day), 0.6 from the three sentences before, 0.5 from farther back; a day on a noun of a
   present clause is no narrative day. A day of the story's own
   week outlasts flashbacks ("Yesterday, Jobs unveiled ... In April, Gizmodo ... While
   introducing it"); an older day ends at a coarser time of another period stated after it
   ("On Sept. 11, 2001 ... In 2010, he voted ... He also gave": no day is carried).
3. published: the publication day, a last resort: 0.7 for a present, present-perfect or future
   clause (news is told from its day), 0.4 for a past clause the narrative gives no day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime

from spacy.tokens import Doc, Token

from kg.extract.common.spans import phrase_head
from kg.extract.common.text import sentence_start
from kg.extract.common.tree import ancestors, children, dep, feature, per_token, tree
from kg.extract.common.tree import head as head_of
from kg.model import Article, Span, TimeOrigin, TimeValue, Timex

_CALENDAR = re.compile(
    r"\d{4}(-\d{2}(-\d{2}(T([\d:.]+|MO|AF|EV|NI|DT))?)?|-W\d{2}|-Q[1-4]|-H[12]|-(SP|SU|FA|WI))?")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\d{4}")
CONJUNCT_CERTAINTY = 0.9  # a time expression of a coordinated clause sharing the subject
GOVERNING_CERTAINTY = 0.8  # a time expression of a clause that governs the trigger's
NARRATIVE_CERTAINTY = 0.6  # a day carried from one of the few sentences before
FAR_NARRATIVE_CERTAINTY = 0.5  # a day carried from farther back in the story
PUBLISHED_CERTAINTY = 0.7  # the publication day, for a present, perfect or future clause
PAST_PUBLISHED_CERTAINTY = 0.4  # the publication day, for a past clause with nothing better
MAIN_DAYS = 7  # days before publication within which a stated day is the story's own
NARRATIVE_WINDOW = 3  # sentences back within which a carried day is near
_BACKGROUND = ("relcl", "acl", "appos")  # clauses that tell background, not the narrative
_ATTRIBUTIVE = ("compound", "nummod", "amod", "nmod", "poss")  # a time modifying a noun
_WHEN_PREPS = frozenset({"in", "at", "during", "on", "before", "after", "since", "until", "by",
                         "through", "throughout", "ahead"})  # the thing's time is the event's


def is_calendar(timex: Timex) -> bool:
    """Return whether a time expression names a calendar point or period (not a duration or set).

    Examples:
        >>> is_calendar(Timex(id="t", start=0, end=4, text="2017", value="2017"))
        True
        >>> is_calendar(Timex(id="t", start=0, end=5, text="years", type="DURATION", value="P2Y"))
        False
    """
    return timex.type in ("DATE", "TIME") and _CALENDAR.fullmatch(timex.value) is not None


@per_token
def clause_head(token: Token) -> Token:
    """Return the verb heading the clause a token stands in (the token itself if it is one)."""
    parse = tree(token.doc)
    while not (token.pos_ in ("VERB", "AUX") and parse.deps[token.i] not in ("aux", "auxpass")):
        up = parse.heads[token.i]
        if up == token.i:
            return token
        token = parse.tokens[up]
    return token


def tense(token: Token) -> str:
    """Return "past", "perfect", "future" or "present" for the clause a trigger stands in."""
    return _clause_tense(clause_head(token))


@per_token
def _clause_tense(verb: Token) -> str:
    """Return the tense of the clause a verb heads (the triggers and cues of one clause share
    it, and reading a token's morphology makes new objects each time)."""
    auxes = children(verb, "aux", "auxpass")
    if verb.tag_ == "VBG" and not auxes and dep(verb) in ("advcl", "conj", "xcomp") \
            and head_of(verb).i != verb.i:
        return tense(head_of(verb))  # "unveiled the products, saying ...": the governing tense
    if any(a.lower_ in ("will", "wo", "shall", "'ll") or a.lower_ == "going" for a in auxes):
        return "future"
    if any(a.lemma_ == "have" and "Pres" in feature(a, "Tense") for a in auxes):
        return "perfect"
    if verb.tag_ == "VBD" or (auxes and "Past" in feature(auxes[0], "Tense")):
        return "past"
    if verb.tag_ != "VBN" and ("Past" in feature(verb, "Tense") or any(
            "Past" in feature(a, "Tense") for a in auxes)):
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
    origin: TimeOrigin | None = None


def _day(value: date | datetime) -> TimeValue:
    day = value.date() if isinstance(value, datetime) else value
    return TimeValue(type="DATE", value=day.isoformat(), granularity="day", begin=day, end=day)


class TimeAnchorer:
    """Give each trigger of one article a time; the narrative time of each sentence is the
    latest day stated in a foreground clause of the sentences before it."""

    def __init__(self, article: Article, doc: Doc, times: list[Timex]) -> None:
        self.published = _day(article.published) if article.published else None
        self.heads: list[tuple[Timex, Token]] = []
        for timex in times:
            if not is_calendar(timex):
                continue
            head = phrase_head(doc, timex.start, timex.end)
            if head is not None:
                self.heads.append((timex, head))
        self.sentence_of = {s.start: n for n, s in enumerate(doc.sents)}
        # each expression's value and span, made once: many triggers share a time
        self.read: dict[int, tuple[TimeValue, Span]] = {
            id(timex): (timex.time, timex.span) for timex, _ in self.heads}
        # the times of each sentence (by its first token), with the path from their head up to
        # its clause; and (sentence index, time) of each past calendar time stated in a
        # foreground clause, in text order: only a day is carried, a coarser one of another
        # period stops the carry
        self.in_sentence: dict[int, list[tuple[Timex, list[Token]]]] = {}
        self.narrative: list[tuple[int, TimeValue]] = []
        last = self.published.begin if self.published else None
        for timex, head in self.heads:
            path = _clause_path(head)
            self.in_sentence.setdefault(sentence_start(head), []).append((timex, path))
            time = self.read[id(timex)][0]
            top = clause_head(head)
            # a time on a noun of a clause in the present is that thing's ("boasts about the
            # Patriot Act after the Sept. 11, 2001, attacks"), not the story's
            if not _background(top) and (
                    last is None or time.begin is None or time.begin <= last) and not (
                    _clause_tense(top) != "past" and _attributive(path)):
                self.narrative.append((self._sentence(head), time))

    def _sentence(self, token: Token) -> int:
        return self.sentence_of.get(sentence_start(token), 0)

    def attached(self, trigger: Token) -> tuple[Timex, float] | None:
        """Return the calendar time expression of a trigger's clause (certainty 1.0), of a
        coordinated clause sharing its subject (0.9) or of the nearest clause governing it (0.8).

        A time expression elsewhere in the sentence (a sibling or relative clause) is not used:
        on MEANTIME such times anchor the trigger less often than the narrative or publication day.
        """
        stated = self.in_sentence.get(sentence_start(trigger))
        if not stated:
            return None  # most sentences state no time: nothing to walk
        own = clause_head(trigger)
        governing = [a.i for a in ancestors(own)]  # nearest first
        sharing = {c.i for c in own.conjuncts if _shares_subject(own, c)}
        now = trigger.pos_ in ("VERB", "AUX") and tense(trigger) != "past"
        best: tuple[int, Timex, float] | None = None
        for timex, path in stated:
            clause = path[-1].i
            if trigger in path[:-1]:
                return timex, 1.0
            if now and clause not in governing and _attributive(path) and (
                    _YEAR.fullmatch(timex.value) or self._older(self.read[id(timex)][0])):
                continue  # "she embraces the 2010 Dodd-Frank law" is not of 2010
            if _YEAR.fullmatch(timex.value) and _attributive(path) and _named_owner(path[1]) \
                    and path[1] not in trigger.ancestors:
                continue  # "Cruz pledged, in a turn that called to mind Wallace's 1963 refrain"
            if _describes_subject(path) and trigger not in path[:-1]:
                continue  # "said David Axelrod, the strategist of Obama's 2008 campaign"
            if trigger.i == clause or clause == own.i:
                return timex, 1.0
            if clause in sharing:
                found = (-1, timex, CONJUNCT_CERTAINTY)
            elif clause in governing:
                found = (governing.index(clause), timex, GOVERNING_CERTAINTY)
            else:
                continue
            if self._older(self.read[id(timex)][0]) and _present_between(own, clause):
                continue  # "participated in the 1963 March ... and says he wants": not 1963
            if best is None or found[0] < best[0]:
                best = found
        return None if best is None else (best[1], best[2])

    def _older(self, time: TimeValue) -> bool:
        """Tell whether a time ends before the story's own week (`MAIN_DAYS` before publication)."""
        return self.published is not None and self.published.begin is not None and \
            time.end is not None and (self.published.begin - time.end).days > MAIN_DAYS

    def anchor(self, trigger: Token) -> Anchor:
        """Return the time of the event a trigger names (see the module docstring for the rules)."""
        sentence = self._sentence(trigger)
        found = self.attached(trigger)
        if found is not None:
            timex, certainty = found
            time, span = self.read[id(timex)]
            return Anchor(time, span, certainty, "stated")
        past = tense(trigger) == "past"
        if past:
            carried = _carried([(n, t) for n, t in self.narrative if n < sentence],
                               self.published.begin if self.published else None)
            if carried is not None:
                n, day = carried
                near = sentence - n <= NARRATIVE_WINDOW
                return Anchor(day, None, NARRATIVE_CERTAINTY if near else FAR_NARRATIVE_CERTAINTY,
                              "narrative")
        if self.published is None:
            return Anchor(None, None, 0.5)
        certainty = PAST_PUBLISHED_CERTAINTY if past else PUBLISHED_CERTAINTY
        return Anchor(self.published, None, certainty, "published")


_LAST: ContextVar[tuple[Doc, Article, tuple[Timex, ...], TimeAnchorer] | None] = ContextVar(
    "kg_last_anchorer", default=None)


def time_anchorer(article: Article, doc: Doc, times: Sequence[Timex]) -> TimeAnchorer:
    """Return the `TimeAnchorer` of an article's parse and time expressions, made once.

    The events and the statements stages anchor triggers and cues of one article with the
    same times: the anchorer of the doc last asked about is kept (one per thread of control)
    and given again for the same article and times.

    Examples:
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Rain", "fell"], sent_starts=[True, False])
        >>> article = Article(id="a", text="Rain fell")
        >>> time_anchorer(article, doc, []) is time_anchorer(article, doc, ())
        True
        >>> other = Doc(Vocab(), words=["Rain", "fell"], sent_starts=[True, False])
        >>> time_anchorer(article, other, []) is time_anchorer(article, doc, [])
        False
    """
    held = tuple(times)
    last = _LAST.get()
    if last is not None and last[0] is doc and last[2] == held and \
            (last[1] is article or last[1] == article):
        return last[3]
    made = TimeAnchorer(article, doc, list(held))
    _LAST.set((doc, article, held, made))
    return made


def _carried(earlier: list[tuple[int, TimeValue]], published: date | None
             ) -> tuple[int, TimeValue] | None:
    """Return the latest day stated before. A day of the story's own week (up to
    `MAIN_DAYS` before publication: "Yesterday, Jobs unveiled ...") outlasts a flashback ("In
    April, Gizmodo published ... While introducing it, Jobs"); an older day ends at a coarser
    time stated after it that names another period ("On Sept. 11, 2001 ... In 2010, he voted
    ... He also gave": no day is carried), not at one that holds it ("earlier that year")."""
    days = [k for k, (_, t) in enumerate(earlier) if _DAY.match(t.value or "")]
    if not days:
        return None
    n, day = earlier[days[-1]]
    if published is not None and day.begin is not None and \
            (published - day.begin).days <= MAIN_DAYS:
        return n, day
    for _, time in earlier[days[-1] + 1:]:
        if time.begin is None or time.end is None or day.begin is None:
            continue
        if not time.begin <= day.begin <= time.end:
            return None
    return n, day


def _clause_path(head: Token) -> list[Token]:
    """Return the tokens from a time expression's head up to the verb heading its clause."""
    path = [head]
    top = clause_head(head)
    while path[-1].i != top.i and head_of(path[-1]).i != path[-1].i:
        path.append(head_of(path[-1]))
    return path


def _attributive(path: list[Token]) -> bool:
    """Tell whether a time expression modifies a noun ("the 2010 law", "her 2008 campaign"):
    it dates that thing, and a past clause around it, not a present one; not a noun the event
    happens in or at ("urged him to compete in the 1998 election"; not "the Patriot Act after
    the Sept. 11, 2001, attacks", where the phrase is the noun's)."""
    return len(path) > 1 and dep(path[0]) in _ATTRIBUTIVE and \
        path[1].pos_ in ("NOUN", "PROPN") and not any(
            dep(t) == "prep" and t.lower_ in _WHEN_PREPS and dep(below) == "pobj"
            and head_of(t).pos_ in ("VERB", "AUX")
            for below, t in zip(path, path[1:], strict=False))


def _describes_subject(path: list[Token]) -> bool:
    """Tell whether a time expression stands in a phrase describing the subject of its clause:
    in an apposition or a relative clause, or modifying a noun of a phrase hung on it ("David
    Axelrod, the top strategist on Obama's 2008 campaigns, said"). It dates who the subject is,
    not what the subject does; a time on the subject itself does ("the 2008 crisis hit"), and so
    does a phrase of time the parse hangs on the subject ("the mayor in 2010 said")."""
    for k in range(2, len(path) - 1):
        if dep(path[k]) in ("nsubj", "nsubjpass"):
            links = {dep(path[j]) for j in range(1, k)}
            return bool(links & {"appos", "acl", "relcl"}) or (
                "prep" in links and _attributive(path[:k]))
    return False


def _named_owner(noun: Token) -> bool:
    """Tell whether a noun other than its clause's subject belongs to someone named ("Wallace's
    1963 refrain", "King's 1963 March on Washington"): a year on it dates that thing, not what
    the clause's subject does with it ("her 2008 campaign" may be the subject's own)."""
    return dep(noun) not in ("nsubj", "nsubjpass") and any(
        c.pos_ == "PROPN" for c in children(noun, "poss"))


def _present_between(own: Token, clause: int) -> bool:
    """Tell whether a finite clause in the present, perfect or future is coordinated with the
    clause at `clause`, from the trigger's own clause up to it: a conjunct told from the story's
    day ("Sanders participated in the 1963 March on Washington and says he wants to end racial
    profiling") does not take the past time of the clause it is coordinated with."""
    for token in (own, *ancestors(own)):
        if token.i == clause:
            return False
        if any(c.i == clause for c in token.conjuncts) and _finite(token) and \
                _clause_tense(token) != "past":
            return True
    return False


def _finite(verb: Token) -> bool:
    """Tell whether a verb heads a finite clause: inflected for person ("says", "want") or
    with a modal or a tensed auxiliary ("will run", "has won"); not an infinitive or participle."""
    return verb.tag_ in ("VBZ", "VBP", "VBD") or any(
        a.tag_ in ("MD", "VBZ", "VBP", "VBD") for a in children(verb, "aux", "auxpass"))


def _shares_subject(verb: Token, other: Token) -> bool:
    """Tell whether two coordinated clauses share a subject: the later conjunct has none."""
    later = other if other.i > verb.i else verb
    return not children(later, "nsubj", "nsubjpass", "expl")


def _background(verb: Token) -> bool:
    """Tell whether a clause is background (a relative or adnominal clause, or inside one)."""
    return any(dep(t) in _BACKGROUND for t in (verb, *ancestors(verb)) if t.pos_ in ("VERB", "AUX"))
