"""Regex grammar of the time tagger: `GRAMMAR`, an ordered table of named rules, one pattern
each, built from the lexicon; `scan` runs it over a text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.common.rules import Rule, RuleTable
from kg.extract.times import lexicon as lex

_Trie = dict[str, "_Trie"]


def alt(words: Iterable[str], *, fold: bool = True) -> str:
    """Return a regex matching any of the words, longest first, spaces matching any whitespace.

    The words are factored into a trie, `fi(?:rst|fth)`: the regex engine tries the branches of
    an alternation one by one at each position, and a trie turns most positions away after one
    character instead of once per word. Of the words that match at one position, each is a
    prefix of the next longer one, so trying longer branches first gives the very matches of a
    flat list sorted longest first. `fold` merges words that differ only in case, for rules
    compiled case-insensitively; words inside `(?-i:...)` keep their case.

    Examples:
        >>> print(alt(["first", "fifth", "fi", "last week"]))
        (?:fi(?:fth|rst|)|last\\s+week)
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char.lower() if fold and char.isascii() else char, {})
        node[""] = {}  # a word ends here
    return _branches(trie)


def _branches(node: _Trie) -> str:
    found = [(r"\s+" if char == " " else re.escape(char)) + _branches(rest)
             for char, rest in sorted(node.items()) if char]
    if "" in node:
        found.append("")  # the word ending here is shorter than every word going on: last
    return found[0] if len(found) == 1 else f"(?:{'|'.join(found)})"


def _cased(words: Iterable[str]) -> str:
    """Return a case-sensitive alternation of Title-cased and UPPER forms of the words."""
    forms = [f for w in words for f in (w.title().replace("'S", "'s"), w.upper())]
    return f"(?-i:{alt(forms, fold=False)})"


_ABBR = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec")
_MONTH_FULL = _cased(lex.MONTH_NAMES)
MONTH_ANY = rf"(?:{_MONTH_FULL}|{_cased(_ABBR)}\.?)(?!\w)"
MONTH_ALONE = rf"(?:{_MONTH_FULL}|{_cased(_ABBR)}\.)(?![\w'’])"
WEEKDAY = rf"(?:{_cased(lex.WEEKDAYS)})(?!\w)"
_NUMWORD = (rf"(?:(?:{alt(lex.TENS)})[- ](?:{alt(lex.UNITS_WORDS)})|{alt(lex.NUMBERS)})")
NUM = rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{_NUMWORD}(?:\s+and\s+a\s+half)?)"
VAGUE = alt(lex.VAGUE)
UNIT = alt([*lex.UNITS, *lex.UNIT_PLURALS])
ORDINAL = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{alt(lex.ORDINALS)})"
REL = alt(lex.RELATIVE)
POD = alt(lex.PARTS_OF_DAY)
TZ = rf"(?-i:{alt(lex.TIMEZONES, fold=False)})"
AMPM = r"(?:[ap]\.m\.|[ap]m\b|[ap]\.m\b)"
DAYWORD = alt(lex.DAY_WORDS)
_Y = r"(?:1[0-9]|20)\d\d"
_DUR_ADJ = r"(?:more|additional|further|consecutive|straight|trading|business|working|calendar)"


@dataclass(frozen=True)
class Pattern:
    """A grammar rule's regex, and the words one of which stands in every match it makes."""

    regex: str
    # what the rule cannot match without: at least one of these strings, case-folded, stands in
    # every match. Most rules need a word few articles hold ("quarter", "o'clock", a season),
    # and finding that the word is absent costs a thousandth of running the regex over the text;
    # a rule without one ("year") always runs
    needs: tuple[str, ...] = ()
    # a regex every match holds, searched (case-insensitively) before the rule where the needed
    # words stand in most texts ("-", "am", "z", "may"): one that starts with a digit or a
    # cased letter lets the engine skip along the text to the next such character, so it costs
    # a fraction of the rule, which is tried at every word
    gate: str = ""


def _needs(*phrases: str) -> tuple[str, ...]:
    """Return the longest word of each phrase, case-folded: words match across any spaces."""
    return tuple(dict.fromkeys(max(p.casefold().split(), key=len) for p in phrases))


_MONTH_NEEDS = _needs(*_ABBR, "may")  # every month name holds one of these
# a month name (in Title case or capitals, as MONTH_ANY) and a number after it
_MONTH_THEN_NUMBER = (r"(?-i:" + "|".join(f for m in ("jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec")
                                          for f in (m.title(), m.upper()))
                      + r")(?-i:[A-Za-z]*)\.?\s+\d")
_UNIT_NEEDS = _needs(*lex.UNITS, *lex.UNIT_PLURALS)

# Every pattern is compiled case-insensitively, names use (?-i:...); a group named "x", where
# present, is the extent (the words around it are only context). In the examples, the expression
# the rule must find is in [brackets].
GRAMMAR: RuleTable[Pattern] = RuleTable("times.grammar", [
    Rule("times.grammar.iso", "an ISO 8601 date, with an optional clock time",
         Pattern(r"(?P<iso>\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d)?)?)(?![\d-])",
                 _needs("-"), gate=r"\d-\d\d-\d"),
         examples=("The filing is dated [2019-08-20].",),
         counter=("Order 2019-08-20-7 shipped.",)),
    Rule("times.grammar.slash", "a numeric month/day/year date",
         Pattern(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)(?![\d/])",
                 _needs("/")),
         examples=("The letter was sent on [8/20/2019].",),
         counter=("The vote was 8/20 in favour.",)),
    Rule("times.grammar.dmy", "a day before a month name, with an optional weekday and year",
         Pattern(rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                 rf"(?:\s+of)?\s+(?P<m>{MONTH_ANY})(?:,?\s+(?P<y>{_Y})(?!\d))?",
                 _MONTH_NEEDS),
         examples=("The talks began on [20 August 2019].",),
         counter=("Sales fell in August 2019.",)),
    Rule("times.grammar.mdy", "a month name before a day, with an optional weekday and year",
         Pattern(rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<m>{MONTH_ANY})\s+(?P<d>\d{{1,2}})"
                 rf"(?:st|nd|rd|th)?(?!\d|:\d)(?:,?\s+(?P<y>{_Y})(?!\d))?",
                 _MONTH_NEEDS, gate=_MONTH_THEN_NUMBER),
         examples=("The talks began on [August 20, 2019].",),
         counter=("Sales fell in August 2019.",)),
    Rule("times.grammar.my", "a month name and a year",
         Pattern(rf"(?P<m>{MONTH_ANY}),?\s+(?:of\s+)?(?P<y>{_Y})(?!\d)",
                 _MONTH_NEEDS),
         examples=("Sales fell in [August 2019].",),
         counter=("Sales fell in August.",)),
    Rule("times.grammar.month", "a month name alone, or after this, last or next",
         Pattern(rf"(?:(?P<rel>{REL})\s+)?(?P<m>{MONTH_ALONE})",
                 _MONTH_NEEDS),
         examples=("Sales fell [last March].",),
         counter=("He may resign soon.",)),
    Rule("times.grammar.year", "a year from 1000 to 2099, or a fiscal year",
         Pattern(rf"(?:(?P<fiscal>fiscal(?:\s+year)?)\s+)?(?P<y>{_Y})(?![\d%]|[.,:]\d)"),
         examples=("The plant opened in [1998].",),
         counter=("The index closed at 1998.45 points.",)),
    Rule("times.grammar.year_end", "the second year of a range such as '1957-58'",
         Pattern(rf"(?P<y1>{_Y})[-–](?P<x>(?P<yy>\d\d))(?![\d%])",
                 _needs("-", "–"), gate=r"\d[-–]\d\d"),
         examples=("The drought of 1957-[58] ruined farms.",),
         counter=("The drought of 1957-1958 ruined farms.",)),
    Rule("times.grammar.fy", "a fiscal year written 'FY2020'",
         Pattern(r"(?-i:FY)\s?(?P<y>\d{4}|\d\d)(?!\d)",
                 _needs("fy")),
         examples=("Revenue for [FY2020] rose.",),
         counter=("Revenue for fy2020 rose.",)),
    Rule("times.grammar.decade", "a decade, with an optional early, mid or late",
         Pattern(r"(?:(?P<dmod>early|mid|late)[- ]?)?"
                 r"(?:(?P<dec>(?:1\d|20)\d)0'?s|['’]?(?P<dec2>[2-9])0s)(?!\w)",
                 _needs("0s", "0's")),
         examples=("Prices soared in the [mid-1990s].",),
         counter=("The pilots flew 747s.",)),
    Rule("times.grammar.century", "an ordinal century",
         Pattern(rf"(?P<ord>{ORDINAL})[- ]century",
                 _needs("century")),
         examples=("Churches built in the [19th century] still stand.",),
         counter=("He finished 19th in the race.",)),
    Rule("times.grammar.dayword", "today, yesterday, tomorrow or tonight, with an optional part of "
         "the day",
         Pattern(rf"(?P<dw>{DAYWORD})(?:\s+(?P<pod>{POD}))?(?!\w)",
                 _needs(*lex.DAY_WORDS)),
         examples=("The minister resigned [yesterday].",)),
    Rule("times.grammar.pod", "a part of a named day ('Monday night', 'last night')",
         Pattern(rf"(?:(?P<wd>{WEEKDAY})|(?P<rel>this|last|tomorrow|yesterday|tonight))\s+"
                 rf"(?P<pod>{POD})|(?P<last>last\s+night)",
                 _needs(*lex.PARTS_OF_DAY, "night")),
         examples=("Shots were fired on [Monday night].",)),
    Rule("times.grammar.early_hours", "'the early hours of' a day",
         Pattern(rf"the\s+(?:early|small|wee)\s+hours\s+of\s+(?:(?P<wd>{WEEKDAY})|"
                 rf"(?P<dw>{DAYWORD}))",
                 _needs("hours")),
         examples=("The raid began in [the early hours of Tuesday].",)),
    Rule("times.grammar.weekday", "a weekday, alone or after this, last or next",
         Pattern(rf"(?:(?P<rel>{REL})\s+)?(?P<wd>{WEEKDAY})",
                 _needs(*lex.WEEKDAYS)),
         examples=("The envoy arrived on [Tuesday].",)),
    Rule("times.grammar.weekdays", "a weekday in the plural, a repeated day ('Mondays', "
         "'Friday evenings')",
         Pattern(rf"(?P<wds>{WEEKDAY})(?:s(?:\s+(?P<pod>{POD})s?)?|\s+(?P<pod2>{POD})s)(?!\w)",
                 _needs(*lex.WEEKDAYS), gate=rf"(?-i:day|DAY)\s+{POD}s"),
         examples=("The club meets on [Friday evenings].",)),
    Rule("times.grammar.clock", "a clock time with a.m. or p.m. and an optional time zone",
         Pattern(rf"(?P<h>\d{{1,2}})(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>{AMPM})(?:\s+(?P<tz>{TZ}))?",
                 _needs("a.m", "p.m", "am", "pm"), gate=r"\d\s*[ap]\.?m"),
         examples=("The blast happened at [9:30 a.m.] in the port.",),
         counter=("The blast happened at 9:30 in the port.",)),
    Rule("times.grammar.clock24", "a 24-hour clock time ('21:19 GMT', '0730 hrs')",
         Pattern(rf"(?<![\d:.$])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])"
                 rf"(?:\s*(?:hrs|h|(?P<tz>{TZ})))?"
                 rf"|(?P<h2>[01]\d|2[0-3])(?P<mi2>[0-5]\d)\s*(?:hrs|(?P<tz2>(?-i:GMT|UTC|Z)))(?!\w)",
                 _needs(":", "hrs", "gmt", "utc", "z"), gate=r"\d(?::\d|\s*(?:hrs|gmt|utc|z))"),
         examples=("The ship docked at [21:19 GMT].",),
         counter=("The ship docked at pier 21.",)),
    Rule("times.grammar.noon", "noon, midday or midnight",
         Pattern(r"(?-i:(?P<noon>noon|midnight|midday))(?!\w)",
                 _needs("noon", "midnight", "midday")),
         examples=("The deadline passed at [midnight].",),
         counter=("The Midnight Express left the station.",)),
    Rule("times.grammar.oclock", "a time of day in o'clock",
         Pattern(rf"(?P<hw>{_NUMWORD}|\d{{1,2}})\s+o'clock",
                 _needs("o'clock")),
         examples=("The bells rang at [eleven o'clock].",)),
    Rule("times.grammar.anaphor", "a day or period named from the last date mentioned "
         "('the next day')",
         Pattern(r"(?P<ana>the\s+(?:next|following|previous|preceding)\s+(?:day|morning|"
                 r"evening|night|week|month|year)|the\s+day\s+(?:before|after)|that\s+(?:day|"
                 r"week|month|year|morning|evening|night|afternoon)|the\s+same\s+day|"
                 r"later\s+that\s+(?:day|week|month|year|night)|the\s+weekend)(?!\w)",
                 _needs("day", "morning", "evening", "night", "week", "month", "year",
                         "afternoon")),
         examples=("They met on Monday and signed the deal [the following morning].",)),
    Rule("times.grammar.rel_unit", "a period named from the publication date ('last week', "
         "'next year')",
         Pattern(rf"(?P<rel>{REL})\s+(?P<fiscal>fiscal\s+)?(?P<unit>week|month|year|quarter|"
                 rf"decade|century|weekend|period)(?!\w)",
                 _needs("week", "month", "year", "quarter", "decade", "century", "period")),
         examples=("Prices rose sharply [this week].",)),
    Rule("times.grammar.rel_season", "a season with this, last, next, the, or a year",
         Pattern(rf"(?:(?P<rel>{REL}|the)\s+)(?P<season>spring|summer|fall|autumn|winter)"
                 rf"(?:\s+(?:of\s+)?(?P<y>{_Y})|(?!\s+of\b))"  # not "the fall of Kabul"
                 rf"|(?P<season2>spring|summer|autumn|winter)"
                 rf"\s+(?:of\s+)?(?P<y2>{_Y})",
                 _needs("spring", "summer", "fall", "autumn", "winter")),
         examples=("The dam was finished in [the summer of 2018].",),
         counter=("After the fall of Kabul the talks stopped.",)),
    Rule("times.grammar.quarter", "a quarter of a year ('the third quarter', 'Q3 2019')",
         Pattern(rf"(?:(?:(?P<rel>{REL}|its|the)\s+)?(?:(?P<yy>{_Y})\s+)?(?:fiscal[- ])?"
                 rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?"
                 rf"|(?:(?P<rely2>this|last|next)\s+year's\s+)(?P<ord2>first|second|third|fourth)"
                 rf"\s+)quarter(?!\w)(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>{_Y})|"
                 rf"(?P<rely>this|last|next)\s+year))?|(?P<q>Q[1-4])\s?(?P<qy>{_Y})"
                 rf"|(?:fiscal-)?(?P<ord3>first|second|third|fourth)-(?:fiscal-)?quarter(?!\w)",
                 _needs("quarter", "q1", "q2", "q3", "q4")),
         examples=("Profits rose in [the third quarter].",)),
    Rule("times.grammar.half", "a half of a year ('the first half of 2019')",
         Pattern(rf"(?:the\s+)?(?P<ord>first|second|last|latter)\s+half\s+of\s+(?:(?P<y>{_Y})|"
                 rf"(?P<rely>this|last|next|the)\s+year)",
                 _needs("half")),
         examples=("Sales slowed in [the latter half of 2019].",)),
    Rule("times.grammar.ago", "a span counted back or forward ('three years ago', 'a week later')",
         Pattern(rf"(?P<n>{NUM}|{VAGUE})[\s-]+(?P<unit>{UNIT})(?:\s+or\s+so)?\s+"
                 rf"(?P<dir>ago|earlier|later)(?!\w)",
                 _needs("ago", "earlier", "later")),
         examples=("The mine closed [three years ago].",)),
    Rule("times.grammar.in_the", "'earlier in the year', 'later that week'",
         Pattern(r"(?P<dir>earlier|later)\s+(?:in|that)\s+(?:the\s+)?(?P<unit>year|month|week|day)"
                 r"(?!\w)",
                 _needs("earlier", "later")),
         examples=("The bill passed [later in the year].",)),
    Rule("times.grammar.year_ago", "the same period a year before ('the year-earlier quarter')",
         Pattern(r"(?:the\s+)?year-(?:earlier|ago)(?:\s+(?P<ord>first|second|third|fourth)"
                 r"[- ]quarter|\s+(?P<unit>quarter|period))?",
                 _needs("year-")),
         examples=("Sales beat [the year-earlier period].",)),
    Rule("times.grammar.duration", "a number of units ('three weeks', 'a two-week')",
         Pattern(rf"(?:the\s+)?(?P<n>{NUM}|{VAGUE})\s+(?:{_DUR_ADJ}\s+)?(?P<unit>{UNIT})"
                 rf"(?:\s+and\s+a\s+half)?(?![\w-])(?!\s+old\b)"
                 rf"|(?P<n2>{NUM})-(?P<unit2>{UNIT})(?:-long)?(?![\w-])",
                 _UNIT_NEEDS),
         examples=("The siege lasted [three weeks].",),
         counter=("The pilot was forty years old.",)),
    Rule("times.grammar.last_n", "a span up to or from now ('the past two years', 'the "
         "next few days')",
         Pattern(rf"(?:the\s+)?(?P<rel>past|last|next|coming|previous|following|first|"
                 rf"final)\s+(?:(?P<n>{NUM}|few|several|couple\s+of)\s+)?(?:{_DUR_ADJ}\s+)?"
                 rf"(?P<unit>{UNIT})"
                 rf"(?:\s+or\s+so)?(?!\w)",
                 _UNIT_NEEDS),
         examples=("Prices doubled over [the past two years].",)),
    Rule("times.grammar.vague_span", "a vague span ('over the years')",
         Pattern(rf"(?P<span>{alt(lex.VAGUE_SPANS)})(?!\w)",
                 _needs(*lex.VAGUE_SPANS)),
         examples=("The town has grown [over the years].",)),
    Rule("times.grammar.plural", "units in the plural after a preposition or 'took' "
         "('for decades')",
         Pattern(r"(?:for|in|within|over|after|took|take|takes|lasted|last|of)\s+"
                 r"(?P<x>(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes))"
                 r"(?!\s+(?:of|old|ago)\b)",
                 _needs("years", "months", "weeks", "days", "decades", "centuries", "hours",
                         "minutes")),
         examples=("The feud has lasted for [decades].",),
         counter=("It took years of hard work.",)),
    Rule("times.grammar.ref", "a reference to the present or past ('now', 'these days', "
         "'recently')",
         Pattern(rf"(?P<ref>{alt(lex.REFS)})(?!\w)",
                 _needs(*lex.REFS)),
         examples=("The town is quiet [now].",)),
    Rule("times.grammar.set", "a repeated time ('every Monday', 'twice a week', 'daily')",
         Pattern(rf"(?P<set>{alt(k for k in lex.SET_WORDS if k.split()[0] in ('every', 'each'))}|"
                 rf"(?-i:{alt((k for k in lex.SET_WORDS if ' ' not in k), fold=False)}))(?!\w)"
                 rf"|(?:once|twice|\w+\s+times)\s+(?P<per>a|an|per|every|each)\s+(?P<unit>{UNIT})"
                 rf"|(?:every|each)\s+(?P<wd>{WEEKDAY})",
                 _needs("every", "each", "once", "twice", "times",
                         *(word for word in lex.SET_WORDS if " " not in word))),
         examples=("The council meets [every Monday].",)),
    Rule("times.grammar.holiday", "a named holiday, with an optional year",
         Pattern(rf"(?-i:{_cased(lex.HOLIDAYS)}|{_cased(lex.FLOATING_HOLIDAYS)})"
                 rf"(?:\s+(?P<y>{_Y}))?",
                 _needs(*lex.HOLIDAYS, *lex.FLOATING_HOLIDAYS)),
         examples=("The shops closed on [Christmas Eve].",)),
    Rule("times.grammar.the_unit", "'the year', 'the quarter', 'the day' of a report ('the "
         "fiscal year ended')",
         Pattern(r"(?P<x>the\s+(?:(?P<adj>full|fiscal|same)\s+)?(?P<unit>year|quarter|day))(?!\w)"
                 r"(?P<ended>\s+(?:ended|ending|through|to\s+date))?",
                 _needs("year", "quarter", "day")),
         examples=("Profit for [the year] rose sharply.",)),
    Rule("times.grammar.the_pod", "'the morning', 'the afternoon', 'the evening'",
         Pattern(r"the\s+(?P<pod>morning|afternoon|evening)(?!\w)",
                 _needs("morning", "afternoon", "evening")),
         examples=("The talks resumed in [the afternoon].",)),
])
