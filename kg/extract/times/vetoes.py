"""Vetoes over the time grammar's matches: the parse shows a match is no time ("2000 people",
the modal "May"). `VETOES` is an ordered rule table; a match any active veto fires on is dropped.
In the examples, the match the veto drops is in [brackets].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from kg.extract.common.rules import Rule, RuleTable
from kg.extract.times import lexicon as lex
from kg.extract.times.scan import Match

Veto = Callable[[Match, Span], bool]  # (grammar match, its tokens) -> it is no time

# set words that are often attributes ("annual meeting"); only these adjectives stay sets
_ADJECTIVE_SETS = frozenset({"daily", "weekly", "monthly", "quarterly", "annual", "yearly",
                             "annually", "nightly", "hourly", "biweekly"})
_SET_ADJECTIVES = frozenset({"daily", "weekly"})
_ATTRIBUTIVE_REFS = frozenset({"the present", "the past", "the future"})


def _before(span: Span) -> Token | None:
    first = span[0]
    return span.doc[first.i - 1] if first.i > 0 else None


def _count(match: Match, span: Span) -> bool:
    token = span.root
    return (match.rule == "year" and token.dep_ == "nummod"
            and token.head.lower_ in lex.COUNT_NOUNS)


def _money(match: Match, span: Span) -> bool:
    before = _before(span)
    return match.rule == "year" and before is not None and before.text in (
        "$", "€", "£", "#", "No.")


def _attribute_set(match: Match, span: Span) -> bool:
    if match.rule != "set" or match.groups.get("set") not in _ADJECTIVE_SETS:
        return False
    first = span[0]
    return not (first.pos_ == "ADV" or (first.pos_ == "ADJ" and first.lower_ in _SET_ADJECTIVES))


def _a_unit(match: Match) -> bool:
    return match.rule == "duration" and match.groups.get("n") in ("a", "an")


def _rate(match: Match, span: Span) -> bool:
    before = _before(span)
    return (_a_unit(match) and match.groups.get("unit") != "second" and before is not None
            and before.tag_ in ("NNS", "CD", "NN", "$"))


# words before a month that make it a time ("in March", "February and March")
_TIME_BEFORE = frozenset({"in", "since", "until", "till", "by", "of", "from", "last", "next",
                          "early", "late", "mid", "this", "that", "before", "after", "during",
                          "and", "or", "through", "to", "-", "–"})
_MARCH_PREPS = frozenset({"on", "for", "against", "to", "from"})


def _procession(match: Match, span: Span) -> bool:
    """A bare "March" naming a march: after a name, a number or a possessive ("the 1963 March on
    Washington", "the Million Man March", "Women's March"), or before "on", "for", "against"
    or "to" a name ("March on Washington", "March for Life"), with no time word before it."""
    if match.rule != "month" or match.groups.get("m") != "march" or len(span) != 1:
        return False
    before = _before(span)
    if before is not None and before.lower_ in _TIME_BEFORE:
        return False
    doc = span.doc
    after = doc[span.end:span.end + 2]
    if len(after) == 2 and after[0].lower_ in _MARCH_PREPS and after[1].pos_ == "PROPN":
        return True
    return before is not None and (before.pos_ == "PROPN" or before.tag_ in ("CD", "POS"))


VETOES: RuleTable[Veto] = RuleTable("times.veto", [
    Rule("times.veto.modal_may", "'May' the parser reads as the modal verb",
         lambda m, s: (m.rule == "month" and m.groups["m"] == "may"
                       and (s.root.tag_ == "MD" or s.root.pos_ == "AUX")),
         examples=("[May] the best candidate win the seat.",),
         counter=("The council will vote in [May].",)),
    Rule("times.veto.procession", "'March' naming a march ('the 1963 March on Washington')",
         _procession,
         examples=("Sanders took part in the 1963 [March] on Washington as a student.",
                   "Thousands joined the Million Man [March] in the capital.",
                   "He spoke at the [March] for Life rally."),
         counter=("The council will vote in [March] on the budget.",
                  "Prices rose in [March] for the first time.",
                  "[March] was the wettest month of the year.",
                  "Sales fell in February and [March] to Ford dealers.")),
    Rule("times.veto.count", "a year-like number counting people or things ('2000 people')",
         _count,
         examples=("Police detained [2000] protesters in the square.",),
         counter=("Police detained protesters in [2000].",)),
    Rule("times.veto.money", "a year-like number after a currency sign or 'No.'", _money,
         examples=("The old camera sold for $[1999] at the auction.",),
         counter=("The old camera sold at the auction in [1999].",)),
    Rule("times.veto.attribute_set", "a set word used as an attribute or a name ('its quarterly "
         "dividend')", _attribute_set,
         examples=("The firm raised its [quarterly] dividend again.",),
         counter=("The firm reports its results [quarterly].",)),
    Rule("times.veto.ordinal_second", "'a second' counts, not times ('a second attack')",
         lambda m, s: _a_unit(m) and m.groups.get("unit") == "second",
         examples=("Rebels launched [a second] attack on the town.",)),
    Rule("times.veto.rate", "'a week' after a count is a rate ('four flights a week')", _rate,
         examples=("The airline runs four flights [a week] to the island.",),
         counter=("The strike lasted [a week] in the spring.",)),
    Rule("times.veto.attributive_ref", "'the present' or 'the past' modifying a noun ('the "
         "present government')",
         lambda m, s: (m.rule == "ref" and m.groups["ref"] in _ATTRIBUTIVE_REFS
                       and s[-1].dep_ == "amod"),
         examples=("[The present] government fell after a vote.",),
         counter=("The government looks beyond [the present].",)),
])


def is_time(match: Match, doc: Doc, vetoes: Sequence[Rule[Veto]]) -> bool:
    """Tell whether a grammar match is a time: no active veto fires on its tokens."""
    span = doc.char_span(match.start, match.end, alignment_mode="expand")
    return span is None or not any(veto.apply(match, span) for veto in vetoes)
