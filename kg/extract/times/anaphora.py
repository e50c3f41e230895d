"""Anaphoric and offset rules of the time normaliser ("three days ago", "the next day").

"ago" counts back from the publication date; "earlier", "later", "the next day" and "the
quarter" step from the reference, the last date mentioned before the expression, as TimeBank
annotators read them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from kg.extract.times import lexicon as lex
from kg.extract.times.calendar import ORDER, Point, finer
from kg.extract.times.context import (
    Context,
    Resolved,
    anchor_of,
    as_result,
    gran_of,
    moved,
    reference_of,
    unit_of,
)
from kg.extract.times.durations import duration_value, number


def _ago(g: dict[str, str], ctx: Context) -> Resolved | None:
    unit = unit_of(g["unit"])
    n = number(g["n"])
    back = g["dir"] in ("ago", "earlier")
    if n is None or n != int(n):
        return Resolved("DATE", "PAST_REF" if back else "FUTURE_REF", "unknown")
    steps = -int(n) if back else int(n)
    # "a week ago" names a day (TimeBank), "a decade ago" a year
    gran = {"weekend": "day", "fortnight": "day", "week": "day", "night": "day",
            "decade": "year", "century": "year"}.get(unit, gran_of(unit))
    if gran in ("hour", "minute", "second"):
        gran = "day"
    quarterly = ctx.reference is not None and ctx.reference.gran == "quarter"
    if ctx.reference is not None and (g["dir"] in ("earlier", "later")
                                      or (quarterly and unit == "year")):
        ref = ctx.reference
        if ref.gran in ("part_of_day", "hour", "minute"):
            ref = ref.coarsen("day")
        if ref.gran not in ("decade", "century") and ORDER.index(ref.gran) < ORDER.index(gran):
            # "in 2010 ... two months later": no day of 2010 was named to step from; the
            # reference's own period, with no precision made up ("2010", not "2010-03"); a step
            # of a whole period moves it ("last week ... a week later": the week after)
            coarse = Point(ref.gran, ref.day, code=ref.code)
            if ORDER.index(ref.gran) < ORDER.index(gran_of(unit)):
                return as_result(coarse)
            return as_result(moved(coarse, unit, steps))
        keep = finer(ref.gran, gran) if ref.gran not in ("decade", "century") else gran
        # a season is named by its code ("last summer", then "a year earlier": 2014-SU); a
        # season point without one has no value and no bounds (it failed with KeyError '')
        code = ref.code if keep == "season" else ""
        return as_result(moved(Point(keep, ref.day, code=code), unit, steps))
    anchor = anchor_of(ctx, gran)
    return as_result(moved(Point(gran, anchor), unit, steps))


def _year_ago(g: dict[str, str], ctx: Context) -> Resolved | None:
    if g.get("ord"):
        anchor = anchor_of(ctx, "quarter")
        month = 3 * lex.ORDINALS[g["ord"]] - 2
        return as_result(Point("quarter", date(anchor.year - 1, month, 1)))
    ref = reference_of(ctx, "year")
    if g.get("unit"):
        if ref.gran != "quarter":
            ref = Point("quarter", anchor_of(ctx, "quarter")).shift(-1)
        return as_result(ref.shift(-1, "year"))
    gran = ref.gran if ref.gran in ("year", "half", "quarter", "month") else "year"
    return as_result(Point(gran, ref.day).shift(-1, "year"))


def _anaphor(g: dict[str, str], ctx: Context) -> Resolved | None:
    words = g["ana"].split()
    if words[-1] == "weekend":
        anchor = anchor_of(ctx, "week")
        step = 0 if ctx.tense == "future" else -1
        if anchor.weekday() >= 5:
            step = 0
        return as_result(Point("week", anchor, code="WE").shift(step))
    unit = words[-1] if words[-1] not in ("before", "after") else "day"
    pod = lex.PARTS_OF_DAY.get(unit)
    gran = "part_of_day" if pod else gran_of(unit)
    ref = reference_of(ctx, gran)
    if ORDER.index(ref.gran) < ORDER.index("day" if pod else gran):
        ref = Point("day", anchor_of(ctx, gran))
    steps = 0
    if any(w in words for w in ("next", "following", "after")):
        steps = 1
    elif any(w in words for w in ("previous", "preceding", "before")):
        steps = -1
    unit = "day" if pod else unit
    return as_result(moved(Point(gran, ref.day, code=pod or ""), unit, steps))


def _in_the(g: dict[str, str], ctx: Context) -> Resolved | None:
    gran = gran_of(g["unit"])
    ref = reference_of(ctx, gran)
    if ref.gran in ("decade", "century"):
        return None
    if ORDER.index(ref.gran) < ORDER.index(gran):  # "in 1963 ... later in the month": no month
        ref = Point("day", anchor_of(ctx, gran))  # of 1963 was named; the story's own is meant
    mod = "START" if g["dir"] == "earlier" else "END"
    return as_result(Point(gran, ref.day), mod=mod)


def _the_unit(g: dict[str, str], ctx: Context) -> Resolved | None:
    unit = g["unit"]
    if g.get("ended"):
        return Resolved("DURATION", duration_value(1, unit), "duration")
    gran = gran_of(unit)
    if ctx.reference is not None and ORDER.index(ctx.reference.gran) >= ORDER.index(gran):
        return as_result(Point(gran, ctx.reference.day))
    if unit == "day" and g.get("adj") != "same":
        return None
    anchor = anchor_of(ctx, gran)
    step = -1 if unit == "quarter" else 0
    return as_result(Point(gran, anchor).shift(step))


def _the_pod(g: dict[str, str], ctx: Context) -> Resolved | None:
    ref = reference_of(ctx, "part_of_day")
    if ref.gran not in ("day", "part_of_day", "hour", "minute"):
        return None
    return as_result(Point("part_of_day", ref.day, code=lex.PARTS_OF_DAY[g["pod"]]))


RULES: dict[str, Callable[[dict[str, str], Context], Resolved | None]] = {
    "ago": _ago, "year_ago": _year_ago, "anaphor": _anaphor, "in_the": _in_the,
    "the_unit": _the_unit, "the_pod": _the_pod,
}
