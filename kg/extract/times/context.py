"""Shared parts of the time normaliser: the resolution context, the result record, helpers.

`Context` carries the anchor (publication day), the clause tense and the reference (last date
mentioned); `Resolved` is what every rule returns. Rules call `anchor_of` when they need the
publication date, which raises `NoAnchor` so the dispatcher can write an unresolved value.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from kg.extract.times import lexicon as lex
from kg.extract.times.calendar import MODEL_GRANULARITY, Point, Tense


@dataclass(frozen=True)
class Context:
    """What a match is resolved against.

    Attributes:
        anchor: The publication day, or None when unknown.
        tense: Tense of the clause around the match, if known.
        reference: The last date mentioned before the match, for anaphoric expressions.
        direct: Whether the tense is read off a verb that governs the match closely.
    """

    anchor: date | None
    tense: Tense | None = None
    reference: Point | None = None
    direct: bool = True


@dataclass(frozen=True)
class Resolved:
    """A normalised time: TIMEX3 type, value, granularity, inclusive day bounds and mod."""

    type: str
    value: str
    granularity: str
    begin: date | None = None
    until: date | None = None
    mod: str | None = None
    point: Point | None = None  # set for calendar points, used as the next reference


class NoAnchor(Exception):
    """Raised inside a rule that needs a publication date when there is none.

    Attributes:
        gran: Granularity of the value the rule would have produced.
        value: The unresolved TIMEX3 value to write ("XXXX-WXX-2"); None for the default.
    """

    def __init__(self, gran: str, value: str | None = None) -> None:
        super().__init__(gran)
        self.gran = gran
        self.value = value or UNRESOLVED[gran]


# TimeML writes an unknown part of a value as X
UNRESOLVED = {
    "century": "XX", "decade": "XXX", "year": "XXXX", "half": "XXXX-HX", "quarter": "XXXX-QX",
    "season": "XXXX-XX", "month": "XXXX-XX", "week": "XXXX-WXX", "day": "XXXX-XX-XX",
    "part_of_day": "XXXX-XX-XX", "hour": "XXXX-XX-XX", "minute": "XXXX-XX-XX",
}

# how many units a relative word steps from the anchor ("the latest quarter" is the last one)
STEPS = {
    "last": -1, "past": -1, "previous": -1, "this past": -1, "preceding": -1, "next": 1,
    "coming": 1, "this coming": 1, "the coming": 1, "upcoming": 1, "this": 0, "current": 0,
    "the current": 0, "the present": 0, "latest": -1, "the latest": -1,
}

# one unit as a calendar step; a night counts as a day, a quarter as three months
UNIT_DELTA = {
    "second": relativedelta(seconds=1), "minute": relativedelta(minutes=1),
    "hour": relativedelta(hours=1), "day": relativedelta(days=1),
    "night": relativedelta(days=1), "week": relativedelta(weeks=1),
    "fortnight": relativedelta(weeks=2), "weekend": relativedelta(weeks=1),
    "month": relativedelta(months=1), "quarter": relativedelta(months=3),
    "year": relativedelta(years=1), "decade": relativedelta(years=10),
    "century": relativedelta(years=100),
}


def anchor_of(ctx: Context, gran: str = "day", unresolved: str | None = None) -> date:
    """Return the publication day.

    Raises:
        NoAnchor: If there is none; carries the granularity and the unresolved value to write.
    """
    if ctx.anchor is None:
        raise NoAnchor(gran, unresolved)
    return ctx.anchor


def reference_of(ctx: Context, gran: str = "day") -> Point:
    """Return the last date mentioned, or the publication day when none was."""
    if ctx.reference is not None:
        return ctx.reference
    return Point("day", anchor_of(ctx, gran))


def as_result(point: Point, value: str | None = None, *, mod: str | None = None,
              bounded: bool = True) -> Resolved:
    """Return the result for a calendar point: TIME below a day, DATE above."""
    kind = "TIME" if point.gran in ("part_of_day", "hour", "minute") else "DATE"
    begin, until = point.bounds if bounded else (None, None)
    return Resolved(kind, value or point.value, MODEL_GRANULARITY.get(point.gran, point.gran),
                    begin, until, mod, point if bounded else None)


def unit_of(word: str) -> str:
    """Return the singular unit of a unit word ("weeks" -> "week")."""
    return lex.UNIT_PLURALS.get(word, word)


def gran_of(unit: str) -> str:
    """Return the granularity of a unit ("fortnight" -> "week")."""
    return "week" if unit in ("weekend", "fortnight") else lex.UNITS[unit][1]


def stepped(day: date, unit: str, steps: int) -> date:
    """Return the day `steps` units of `unit` away ("fortnight", "hour": hours round to a day).

    Examples:
        >>> stepped(date(2019, 8, 20), "hour", -5)
        datetime.date(2019, 8, 19)
    """
    moved_to = day + UNIT_DELTA[unit] * steps
    # hours added to a date give a datetime; keep only its day
    return moved_to.date() if isinstance(moved_to, datetime) else moved_to


def moved(point: Point, unit: str, steps: int) -> Point:
    """Return the point moved by `steps` units of `unit` (a unit word such as "fortnight")."""
    return replace(point, day=stepped(point.day, unit, steps))


def strong(tense: Tense | None) -> Tense | None:
    """Keep only tenses that pick a year: a present-tense clause says nothing about it."""
    return tense if tense in ("past", "future") else None
