"""Scan a text with the time grammar: keep the longest non-overlapping matches (ties go to the
earlier rule, as in HeidelTime), widen each over a leading modifier ("early", "nearly", "the end
of") and merge a clock time with the day after it ("9 a.m. EST Tuesday").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kg.extract.common.rules import Rule
from kg.extract.times import lexicon as lex
from kg.extract.times.grammar import GRAMMAR, Pattern, alt

# a match starts where no letter, digit or apostrophe stands before it
_COMPILED = {rule.name: re.compile(rf"(?<![\w'’])(?:{rule.apply.regex})", re.IGNORECASE)
             for rule in GRAMMAR}
# the same patterns in the form `scan` runs them: the character before the match (any but a
# word character or apostrophe) is matched instead of looked behind at. A pattern that starts
# with a look-behind makes the engine try the whole pattern at every character of the text;
# one that starts with a character class lets it skip to the next character of the class, so
# it is tried only after a space or a punctuation mark. The start of the text, where nothing
# stands before, is tried on its own (`_AT_START`)
_AFTER = {rule.name: re.compile(rf"[^\w'’](?:{rule.apply.regex})", re.IGNORECASE)
          for rule in GRAMMAR}
_AT_START = {rule.name: re.compile(rf"(?:{rule.apply.regex})", re.IGNORECASE) for rule in GRAMMAR}
_GATES = {rule.name: re.compile(rule.apply.gate, re.IGNORECASE) for rule in GRAMMAR
          if rule.apply.gate}
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
        gate = _GATES.get(rule.name)
        if gate is not None and gate.search(text) is None:
            continue
        name = rule.name.removeprefix("times.grammar.")
        for hit, first in _hits(rule.name, text):
            start, end = hit.span("x") if hit.groupdict().get("x") else (first, hit.end())
            if end > start:
                groups = {k: " ".join(v.lower().split()) for k, v in hit.groupdict().items()
                          if v is not None}
                groups["_all"] = " ".join(text[first:hit.end()].lower().split())
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


def _hits(rule: str, text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Yield the matches of a grammar rule over `text`, as `_COMPILED[rule].finditer(text)`
    does, with where each starts (its `_AFTER` form holds the character before).

    Examples:
        >>> [(hit.group(), first) for hit, first in _hits("times.grammar.year", "1998, 2001")]
        [('1998', 0), (' 2001', 6)]
    """
    at = 0
    hit = _AT_START[rule].match(text)
    if hit is not None:
        yield hit, 0
        at = hit.end() - 1  # the next match may start right after this one
    search = _AFTER[rule].search
    while (hit := search(text, at)) is not None:
        yield hit, hit.start() + 1
        at = hit.end() - 1


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
