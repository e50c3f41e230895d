"""Regex grammar of the time tagger: one pre-compiled pattern per rule, built from the lexicon.

`scan(text)` runs every rule over the text, keeps the longest non-overlapping matches (ties go
to the earlier rule, as in HeidelTime), widens each over a leading modifier ("early", "nearly",
"the end of") and merges a clock time with the day after it ("9 a.m. EST Tuesday").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.times import lexicon as lex

_Trie = dict[str, "_Trie"]


def _alt(words: Iterable[str], *, fold: bool = True) -> str:
    """Return a regex matching any of the words, longest first, spaces matching any whitespace.

    The words are factored into a trie, `fi(?:rst|fth)`: the regex engine tries the branches of
    an alternation one by one at each position, and a trie turns most positions away after one
    character instead of once per word. Of the words that match at one position, each is a
    prefix of the next longer one, so trying longer branches first gives the very matches of a
    flat list sorted longest first. `fold` merges words that differ only in case, for rules
    compiled case-insensitively; words inside `(?-i:...)` keep their case.

    Examples:
        >>> print(_alt(["first", "fifth", "fi", "last week"]))
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
    return f"(?-i:{_alt(forms, fold=False)})"


_ABBR = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec")
_MONTH_FULL = _cased(lex.MONTH_NAMES)
MONTH_ANY = rf"(?:{_MONTH_FULL}|{_cased(_ABBR)}\.?)(?!\w)"
MONTH_ALONE = rf"(?:{_MONTH_FULL}|{_cased(_ABBR)}\.)(?![\w'’])"
WEEKDAY = rf"(?:{_cased(lex.WEEKDAYS)})(?!\w)"
_NUMWORD = (rf"(?:(?:{_alt(lex.TENS)})[- ](?:{_alt(lex.UNITS_WORDS)})|{_alt(lex.NUMBERS)})")
NUM = rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{_NUMWORD}(?:\s+and\s+a\s+half)?)"
VAGUE = _alt(lex.VAGUE)
UNIT = _alt([*lex.UNITS, *lex.UNIT_PLURALS])
ORDINAL = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{_alt(lex.ORDINALS)})"
REL = _alt(lex.RELATIVE)
POD = _alt(lex.PARTS_OF_DAY)
TZ = rf"(?-i:{_alt(lex.TIMEZONES, fold=False)})"
AMPM = r"(?:[ap]\.m\.|[ap]m\b|[ap]\.m\b)"
DAYWORD = _alt(lex.DAY_WORDS)
_Y = r"(?:1[0-9]|20)\d\d"
_DUR_ADJ = r"(?:more|additional|further|consecutive|straight|trading|business|working|calendar)"

# (rule name, pattern); every rule is compiled case-insensitively, names use (?-i:...);
# a group named "x", where present, is the extent (the words around it are only context)
RULES: tuple[tuple[str, str], ...] = (
    ("iso", r"(?P<iso>\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d)?)?)(?![\d-])"),
    ("slash", r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)(?![\d/])"),
    ("dmy", rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:\s+of)?\s+(?P<m>{MONTH_ANY})(?:,?\s+(?P<y>{_Y})(?!\d))?"),
    ("mdy", rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<m>{MONTH_ANY})\s+(?P<d>\d{{1,2}})"
            rf"(?:st|nd|rd|th)?(?!\d|:\d)(?:,?\s+(?P<y>{_Y})(?!\d))?"),
    ("my", rf"(?P<m>{MONTH_ANY}),?\s+(?:of\s+)?(?P<y>{_Y})(?!\d)"),
    ("month", rf"(?:(?P<rel>{REL})\s+)?(?P<m>{MONTH_ALONE})"),
    ("year", rf"(?:(?P<fiscal>fiscal(?:\s+year)?)\s+)?(?P<y>{_Y})(?![\d%]|[.,:]\d)"),
    ("year_end", rf"(?P<y1>{_Y})[-–](?P<x>(?P<yy>\d\d))(?![\d%])"),
    ("fy", r"(?-i:FY)\s?(?P<y>\d{4}|\d\d)(?!\d)"),
    ("decade", r"(?:(?P<dmod>early|mid|late)[- ]?)?"
               r"(?:(?P<dec>(?:1\d|20)\d)0'?s|['’]?(?P<dec2>[2-9])0s)(?!\w)"),
    ("century", rf"(?P<ord>{ORDINAL})[- ]century"),
    ("dayword", rf"(?P<dw>{DAYWORD})(?:\s+(?P<pod>{POD}))?(?!\w)"),
    ("pod", rf"(?:(?P<wd>{WEEKDAY})|(?P<rel>this|last|tomorrow|yesterday|tonight))\s+"
            rf"(?P<pod>{POD})|(?P<last>last\s+night)"),
    ("early_hours", rf"the\s+(?:early|small|wee)\s+hours\s+of\s+(?:(?P<wd>{WEEKDAY})|"
                    rf"(?P<dw>{DAYWORD}))"),
    ("weekday", rf"(?:(?P<rel>{REL})\s+)?(?P<wd>{WEEKDAY})"),
    ("weekdays", rf"(?P<wds>{WEEKDAY})(?:s(?:\s+(?P<pod>{POD})s?)?|\s+(?P<pod2>{POD})s)(?!\w)"),
    ("clock", rf"(?P<h>\d{{1,2}})(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>{AMPM})(?:\s+(?P<tz>{TZ}))?"),
    ("clock24", rf"(?<![\d:.$])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])"
                rf"(?:\s*(?:hrs|h|(?P<tz>{TZ})))?"
                rf"|(?P<h2>[01]\d|2[0-3])(?P<mi2>[0-5]\d)\s*(?:hrs|(?P<tz2>(?-i:GMT|UTC|Z)))(?!\w)"),
    ("noon", r"(?-i:(?P<noon>noon|midnight|midday))(?!\w)"),
    ("oclock", rf"(?P<hw>{_NUMWORD}|\d{{1,2}})\s+o'clock"),
    ("anaphor", r"(?P<ana>the\s+(?:next|following|previous|preceding)\s+(?:day|morning|"
                r"evening|night|week|month|year)|the\s+day\s+(?:before|after)|that\s+(?:day|"
                r"week|month|year|morning|evening|night|afternoon)|the\s+same\s+day|"
                r"later\s+that\s+(?:day|week|month|year|night)|the\s+weekend)(?!\w)"),
    ("rel_unit", rf"(?P<rel>{REL})\s+(?P<fiscal>fiscal\s+)?(?P<unit>week|month|year|quarter|"
                 rf"decade|century|weekend|period)(?!\w)"),
    ("rel_season", rf"(?:(?P<rel>{REL}|the)\s+)(?P<season>spring|summer|fall|autumn|winter)"
                   rf"(?:\s+(?:of\s+)?(?P<y>{_Y})|(?!\s+of\b))"  # not "the fall of Kabul"
                   rf"|(?P<season2>spring|summer|autumn|winter)"
                   rf"\s+(?:of\s+)?(?P<y2>{_Y})"),
    ("quarter", rf"(?:(?:(?P<rel>{REL}|its|the)\s+)?(?:(?P<yy>{_Y})\s+)?(?:fiscal[- ])?"
                rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?"
                rf"|(?:(?P<rely2>this|last|next)\s+year's\s+)(?P<ord2>first|second|third|fourth)"
                rf"\s+)quarter(?!\w)(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>{_Y})|"
                rf"(?P<rely>this|last|next)\s+year))?|(?P<q>Q[1-4])\s?(?P<qy>{_Y})"
                rf"|(?:fiscal-)?(?P<ord3>first|second|third|fourth)-(?:fiscal-)?quarter(?!\w)"),
    ("half", rf"(?:the\s+)?(?P<ord>first|second|last|latter)\s+half\s+of\s+(?:(?P<y>{_Y})|"
             rf"(?P<rely>this|last|next|the)\s+year)"),
    ("ago", rf"(?P<n>{NUM}|{VAGUE})[\s-]+(?P<unit>{UNIT})(?:\s+or\s+so)?\s+"
            rf"(?P<dir>ago|earlier|later)(?!\w)"),
    ("in_the", r"(?P<dir>earlier|later)\s+(?:in|that)\s+(?:the\s+)?(?P<unit>year|month|week|day)"
               r"(?!\w)"),
    ("year_ago", r"(?:the\s+)?year-(?:earlier|ago)(?:\s+(?P<ord>first|second|third|fourth)"
                 r"[- ]quarter|\s+(?P<unit>quarter|period))?"),
    ("duration", rf"(?:the\s+)?(?P<n>{NUM}|{VAGUE})\s+(?:{_DUR_ADJ}\s+)?(?P<unit>{UNIT})"
                 rf"(?:\s+and\s+a\s+half)?(?![\w-])(?!\s+old\b)"
                 rf"|(?P<n2>{NUM})-(?P<unit2>{UNIT})(?:-long)?(?![\w-])"),
    ("last_n", rf"(?:the\s+)?(?P<rel>past|last|next|coming|previous|following|first|"
               rf"final)\s+(?:(?P<n>{NUM}|few|several|couple\s+of)\s+)?(?:{_DUR_ADJ}\s+)?"
               rf"(?P<unit>{UNIT})"
               rf"(?:\s+or\s+so)?(?!\w)"),
    ("vague_span", rf"(?P<span>{_alt(lex.VAGUE_SPANS)})(?!\w)"),
    ("plural", r"(?:for|in|within|over|after|took|take|takes|lasted|last|of)\s+"
               r"(?P<x>(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes))"
               r"(?!\s+(?:of|old|ago)\b)"),
    ("ref", rf"(?P<ref>{_alt(lex.REFS)})(?!\w)"),
    ("set", rf"(?P<set>{_alt(k for k in lex.SET_WORDS if k.split()[0] in ('every', 'each'))}|"
            rf"(?-i:{_alt((k for k in lex.SET_WORDS if ' ' not in k), fold=False)}))(?!\w)"
            rf"|(?:once|twice|\w+\s+times)\s+(?P<per>a|an|per|every|each)\s+(?P<unit>{UNIT})"
            rf"|(?:every|each)\s+(?P<wd>{WEEKDAY})"),
    ("holiday", rf"(?-i:{_cased(lex.HOLIDAYS)}|{_cased(lex.FLOATING_HOLIDAYS)})"
                rf"(?:\s+(?P<y>{_Y}))?"),
    ("the_unit", r"(?P<x>the\s+(?:(?P<adj>full|fiscal|same)\s+)?(?P<unit>year|quarter|day))(?!\w)"
                 r"(?P<ended>\s+(?:ended|ending|through|to\s+date))?"),
    ("the_pod", r"the\s+(?P<pod>morning|afternoon|evening)(?!\w)"),
)

def _needs(*phrases: str) -> tuple[str, ...]:
    """Return the longest word of each phrase, case-folded: words match across any spaces."""
    return tuple(dict.fromkeys(max(p.casefold().split(), key=len) for p in phrases))


_MONTH_NEEDS = _needs(*_ABBR, "may")  # every month name holds one of these
_UNIT_NEEDS = _needs(*lex.UNITS, *lex.UNIT_PLURALS)
# what the rules cannot match without: at least one of these strings, case-folded, stands in
# every match. Most rules need a word few articles hold ("quarter", "o'clock", a season), and
# finding that the word is absent costs a thousandth of running the rule's regex over the text.
NEEDS: dict[str, tuple[str, ...]] = {
    "iso": _needs("-"), "slash": _needs("/"), "dmy": _MONTH_NEEDS, "mdy": _MONTH_NEEDS,
    "my": _MONTH_NEEDS, "month": _MONTH_NEEDS, "year_end": _needs("-", "–"), "fy": _needs("fy"),
    "decade": _needs("0s", "0's"), "century": _needs("century"),
    "dayword": _needs(*lex.DAY_WORDS), "pod": _needs(*lex.PARTS_OF_DAY, "night"),
    "early_hours": _needs("hours"), "weekday": _needs(*lex.WEEKDAYS),
    "weekdays": _needs(*lex.WEEKDAYS), "clock": _needs("a.m", "p.m", "am", "pm"),
    "clock24": _needs(":", "hrs", "gmt", "utc", "z"), "noon": _needs("noon", "midnight", "midday"),
    "oclock": _needs("o'clock"),
    "anaphor": _needs("day", "morning", "evening", "night", "week", "month", "year", "afternoon"),
    "rel_unit": _needs("week", "month", "year", "quarter", "decade", "century", "period"),
    "rel_season": _needs("spring", "summer", "fall", "autumn", "winter"),
    "quarter": _needs("quarter", "q1", "q2", "q3", "q4"), "half": _needs("half"),
    "ago": _needs("ago", "earlier", "later"), "in_the": _needs("earlier", "later"),
    "year_ago": _needs("year-"), "duration": _UNIT_NEEDS, "last_n": _UNIT_NEEDS,
    "vague_span": _needs(*lex.VAGUE_SPANS),
    "plural": _needs("years", "months", "weeks", "days", "decades", "centuries", "hours",
                     "minutes"),
    "ref": _needs(*lex.REFS),
    "set": _needs("every", "each", "once", "twice", "times",
                  *(word for word in lex.SET_WORDS if " " not in word)),
    "holiday": _needs(*lex.HOLIDAYS, *lex.FLOATING_HOLIDAYS),
    "the_unit": _needs("year", "quarter", "day"),
    "the_pod": _needs("morning", "afternoon", "evening"),
}  # a rule left out ("year") always runs

_COMPILED = tuple((name, re.compile(rf"(?<![\w'’])(?:{pattern})", re.IGNORECASE),
                   NEEDS.get(name, ())) for name, pattern in RULES)
_PRIORITY = {name: i for i, (name, _) in enumerate(RULES)}

_MOD_BEFORE = re.compile(rf"(?:^|(?<=[\s(\"“]))(?P<mod>{_alt(lex.MODS)})(?:\s+|-)$",
                         re.IGNORECASE)
_ON_DAY = re.compile(r"^(?:,?\s+(?:on\s+)?|\s*,\s*)$")


@dataclass(frozen=True)
class Match:
    """One time expression found by the grammar.

    Attributes:
        rule: Name of the rule in `RULES` that matched.
        start: Offset of the first character.
        end: Offset after the last character.
        groups: The rule's named groups that matched (and "_all", the whole match),
            lowercased, spaces collapsed.
        mod: Leading modifier word ("early", "nearly") swallowed into the extent, if any.
        day: A later match merged into this one ("Tuesday" in "9 a.m. Tuesday").
    """

    rule: str
    start: int
    end: int
    groups: dict[str, str]
    mod: str | None = None
    day: Match | None = None


def scan(text: str) -> list[Match]:
    """Find time expressions in `text`, longest match first, in text order.

    Examples:
        >>> [(m.rule, m.start, m.end) for m in scan("She left on Monday morning.")]
        [('pod', 12, 26)]
    """
    found: list[Match] = []
    folded = text.casefold()
    for name, regex, needs in _COMPILED:
        if needs and not any(word in folded for word in needs):
            continue
        for hit in regex.finditer(text):
            start, end = hit.span("x") if hit.groupdict().get("x") else hit.span()
            if end > start:
                groups = {k: " ".join(v.lower().split()) for k, v in hit.groupdict().items()
                          if v is not None}
                groups["_all"] = " ".join(hit.group().lower().split())
                found.append(Match(name, start, end, groups))
    found.sort(key=lambda m: (-(m.end - m.start), _PRIORITY[m.rule], m.start))
    taken: list[Match] = []
    used = bytearray(len(text) + 1)
    for match in found:
        if not any(used[match.start:match.end]):
            taken.append(match)
            used[match.start:match.end] = b"\x01" * (match.end - match.start)
    taken.sort(key=lambda m: m.start)
    widened = [_widen(text, m, taken[i - 1].end if i else 0) for i, m in enumerate(taken)]
    return _merge_days(widened, text)


def _widen(text: str, match: Match, floor: int) -> Match:
    """Take a leading modifier ("early", "nearly", "the end of") into the extent.

    Args:
        text: The text scanned.
        match: The match to widen.
        floor: Where the previous match ends; the modifier must start at or after it.
    """
    before = _MOD_BEFORE.search(text, max(floor, match.start - 30), match.start)
    if before is None:
        return match
    word = " ".join(before.group("mod").lower().split())
    if match.rule not in lex.MOD_RULES.get(word, _ANY_RULE) or match.rule in _NO_MOD_RULES:
        return match
    return Match(match.rule, before.start(), match.end, match.groups, word.rstrip("-"))


_ANY_RULE = frozenset(name for name, _ in RULES)
# rules whose first word is already a modifier or a determiner TimeBank keeps outside
_NO_MOD_RULES = frozenset({"ref", "set", "weekdays", "in_the", "early_hours"})
_CLOCK_RULES = frozenset({"clock", "clock24", "noon", "oclock"})
_DAY_RULES = frozenset({"weekday", "dayword", "mdy", "dmy", "iso"})


def _merge_days(matches: list[Match], text: str) -> list[Match]:
    """Merge a clock time with a day right after it into one expression."""
    merged: list[Match] = []
    i = 0
    while i < len(matches):
        cur = matches[i]
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        if (nxt is not None and cur.rule in _CLOCK_RULES and nxt.rule in _DAY_RULES
                and _ON_DAY.match(text[cur.end:nxt.start])):
            merged.append(Match(cur.rule, cur.start, nxt.end, cur.groups, cur.mod, nxt))
            i += 2
            continue
        merged.append(cur)
        i += 1
    return merged
