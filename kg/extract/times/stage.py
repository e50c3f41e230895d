"""Find time expressions in an article and normalise them to TIMEX3 against its publication date.

The stage runs the regex grammar (`grammar.GRAMMAR`), drops matches the parse shows are not
times (`vetoes.VETOES`: "2000 people", the modal "May"), reads the tense of the clause around
each match from spaCy's morphology, and resolves it with `normalise`; `Settings.disabled_rules`
switches rules of either table off. Relative expressions ("Tuesday",
"last year") resolve against `Article.published`; anaphoric ones ("the next day", "a year
earlier") against the date mentioned last before them.

Extents and values follow TimeML/TempEval-3: prepositions stay outside ("in 2017" -> "2017"),
determiners and modifiers stay inside ("the past two years", "early last month" with mod
START), values keep their granularity ("2017", "2019-W33", "2019-08-19TMO", "P8Y", "PXW").
"since"/"until" before a date become the mod SINCE/UNTIL; "since January" runs until the
publication day.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date

from spacy.tokens import Doc, Token

from kg.config import Settings
from kg.extract.common.budget import check
from kg.extract.common.rules import Rule
from kg.extract.pipeline import Stage, stage_factory
from kg.extract.times.calendar import Tense
from kg.extract.times.grammar import GRAMMAR, Pattern
from kg.extract.times.normalise import Context, resolve
from kg.extract.times.scan import scan
from kg.extract.times.vetoes import VETOES, Veto, is_time
from kg.keys import timex_id
from kg.model import Extraction, Timex

# a signal word right before a date that makes it one end of an interval
_SIGNAL = re.compile(r"\b(?P<signal>since|until|till|up\s+to)\s+$", re.IGNORECASE)
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "’ll", "might", "may"})
# rules whose value is computed from another date; they do not become the reference
_DERIVED = frozenset({"ago", "year_ago", "in_the", "the_unit", "the_pod", "anaphor", "ref"})
# verbs that put what they govern ahead: "planned a rally on Saturday", "is scheduled for May"
_PLANNING_LEMMAS = frozenset({"expect", "plan", "schedule", "due", "slate"})
# heads of an infinitive that point ahead: "is expected to meet Friday", "is going to vote"
_FUTURE_LEMMAS = _PLANNING_LEMMAS | {"intend", "hope", "aim", "prepare", "go", "want", "set"}


class TimeFinder:
    """The times stage: one `Timex` per time expression found by the grammar rules and kept by
    the vetoes left on, resolved against the publication date."""

    def __init__(self, disabled: Collection[str] = ()) -> None:
        self.rules = GRAMMAR.active(disabled)
        self.vetoes = VETOES.active(disabled)

    def __call__(self, extraction: Extraction, doc: Doc) -> Extraction:
        """Add the article's time expressions from `body_start` on, in text order.

        Args:
            extraction: The extraction so far; its article text is scanned from `body_start`.
            doc: The spaCy parse of the article text (tense, parts of speech).
        """
        article = extraction.article
        found = tuple(_timexes(article.id, article.text, doc, article.published_date,
                               self.rules, self.vetoes, start=article.body_start))
        return extraction.extend(times=found)


@stage_factory("times", requires=("article", "doc"), produces=("times",))
def times_stage(settings: Settings) -> Stage:
    """Build the times stage with the grammar rules `settings.disabled_rules` leaves on."""
    return TimeFinder(settings.disabled_rules)


find_times = TimeFinder()  # the stage with every rule on


def _timexes(article_id: str, text: str, doc: Doc, anchor: date | None,
             rules: Sequence[Rule[Pattern]], vetoes: Sequence[Rule[Veto]], *, start: int = 0
             ) -> list[Timex]:
    reference = None
    out: list[Timex] = []
    for match in scan(text, rules):
        check()  # the per-article time budget (kg.extract.common.budget)
        if match.start < start or not is_time(match, doc, vetoes):
            continue
        tense, direct = _tense(doc, match.start, match.end)
        ctx = Context(anchor, tense, reference, direct=direct)
        found = resolve(match, ctx)
        if found is None:
            continue
        begin, until, mod = found.begin, found.until, found.mod
        signal = _SIGNAL.search(text, max(0, match.start - 8), match.start)
        if signal and found.type == "DATE" and mod is None:
            # TimeML keeps "since"/"until" outside the expression, as a signal; we keep it as
            # the mod, and "since January" runs from the date up to publication
            mod = "SINCE" if signal["signal"].lower() == "since" else "UNTIL"
            if mod == "SINCE" and anchor and begin and anchor >= begin:
                until = anchor
        if found.point is not None and found.type == "DATE" and match.rule not in _DERIVED:
            reference = found.point
        out.append(Timex(id=timex_id(article_id, match.start), start=match.start,
                         end=match.end, text=text[match.start:match.end], type=found.type,
                         value=found.value, granularity=found.granularity,
                         begin=begin, until=until, mod=mod))
    return out


def _tense(doc: Doc, start: int, end: int) -> tuple[Tense | None, bool]:
    """Return the tense of the clause the expression modifies, from the verb's morphology.

    Returns:
        The tense, and whether the verb governs the expression closely (its head, or the head
        of its preposition) rather than from further up the tree.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None, False
    token: Token = span.root
    hops = 0
    for hops in range(8):  # noqa: B007 - the loop count is the distance to the verb
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return _verb_tense(span.sent.root), False
    direct = hops <= 2
    if direct and any(c.lower_ == "would" for c in token.children if c.dep_ == "aux"):
        return "future", True  # "said forces would observe a truce from Saturday"
    return _verb_tense(token), direct


def _verb_tense(verb: Token, depth: int = 0) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    if verb.lemma_ in _PLANNING_LEMMAS and verb.tag_ in ("VBD", "VBN", "VBZ", "VBP"):
        return "future"  # "planned a rally on Saturday", "is scheduled for March"
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        # an infinitive is ahead of its head verb, not of the publication date
        return "future" if verb.head.lemma_ in _FUTURE_LEMMAS else None
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and not auxes:  # a participle phrase: "the year ended March 31"
        return "future" if verb.lemma_ in _PLANNING_LEMMAS else "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG", "VB", "VBN"):
        return "present"
    return None
