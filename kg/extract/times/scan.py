"""Scan a text with the time grammar: keep the longest non-overlapping matches (ties go to the
earlier rule, as in HeidelTime), widen each over a leading modifier ("early", "nearly", "the end
of") and merge a clock time with the day after it ("9 a.m. EST Tuesday").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.common.rules import Rule
from kg.extract.times import lexicon as lex
from kg.extract.times.grammar import GRAMMAR, Pattern, alt

_COMPILED = {rule.name: re.compile(rf"(?<![\w'’])(?:{rule.apply.regex})", re.IGNORECASE)
             for rule in GRAMMAR}
_PRIORITY = {rule.name.removeprefix("times.grammar."): i for i, rule in enumerate(GRAMMAR)}

_MOD_BEFORE = re.compile(rf"(?:^|(?<=[\s(\"“]))(?P<mod>{alt(lex.MODS)})(?:\s+|-)$",
                         re.IGNORECASE)
_ON_DAY = re.compile(r"^(?:,?\s+(?:on\s+)?|\s*,\s*)$")


@dataclass(frozen=True)
class Match:
    """One time expression found by the grammar.

    Attributes:
        rule: The last part of the name of the `GRAMMAR` rule that matched ("iso").
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


def scan(text: str, rules: Sequence[Rule[Pattern]] = GRAMMAR.rules) -> list[Match]:
    """Find time expressions in `text` with the `rules`, longest match first, in text order.

    Examples:
        >>> [(m.rule, m.start, m.end) for m in scan("She left on Monday morning.")]
        [('pod', 12, 26)]
    """
    found: list[Match] = []
    folded = text.casefold()
    for rule in rules:
        needs = rule.apply.needs
        if needs and not any(word in folded for word in needs):
            continue
        name = rule.name.removeprefix("times.grammar.")
        for hit in _COMPILED[rule.name].finditer(text):
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


_ANY_RULE = frozenset(_PRIORITY)
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
