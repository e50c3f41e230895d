"""Normaliser of the time tagger: turn a grammar `Match` into a TIMEX3 type, value and bounds.

Relative expressions resolve against the publication date (the anchor), as TimeML does for
news; anaphoric ones ("the next day", "a year earlier") against the last date mentioned before
them (the reference). Without an anchor, relative values stay unresolved ("XXXX-XX-XX").
This module holds the calendar rules and the dispatcher; durations and anaphora live in
`durations` and `anaphora`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta, weekday

from kg.extract.times import anaphora, durations
from kg.extract.times import lexicon as lex
from kg.extract.times.calendar import Point, weekday_near, yearly_near
from kg.extract.times.context import (
    STEPS,
    Context,
    NoAnchor,
    Resolved,
    anchor_of,
    as_result,
    gran_of,
    reference_of,
    strong,
)
from kg.extract.times.durations import last_n, number
from kg.extract.times.scan import Match

__all__ = ["Context", "Resolved", "resolve"]

# How far ahead of the publication date a day or month named without a year may lie and still
# be read as upcoming: without tense up to `*_AHEAD` days, in a past-tense clause (a deadline
# "extended to Nov. 20") up to `*_GRACE` days; otherwise it is the last one before.
DAY_AHEAD, DAY_GRACE = 183, 31
MONTH_AHEAD, MONTH_GRACE = 183, 31


def resolve(match: Match, ctx: Context) -> Resolved | None:
    """Normalise one match; None when the match turns out not to be a time.

    Examples:
        >>> from kg.extract.times.scan import scan
        >>> [resolve(m, Context(date(2019, 8, 20))).value for m in scan("last week")]
        ['2019-W33']
    """
    try:
        if match.day is not None:
            found = _clock(match.groups, ctx, match.day)
        else:
            found = _RULES[match.rule](match.groups, ctx)
    except NoAnchor as missing:
        found = as_result(Point(missing.gran, date.min), missing.value, bounded=False)
    except (OverflowError, ValueError):  # "2019 centuries ago" steps off the calendar
        return None
    if found is None:
        return None
    mod = lex.MODS.get(match.mod) if match.mod else None
    return Resolved(found.type, found.value, found.granularity, found.begin, found.until,
                    mod or found.mod, found.point)


def _iso(g: dict[str, str], ctx: Context) -> Resolved | None:
    day_text, _, clock = g["iso"].partition("t")
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        return None
    if clock:
        return as_result(Point("minute", day, clock=clock[:5]))
    return as_result(Point("day", day))


def _full_year(text: str, ctx: Context) -> int:
    year = int(text)
    if len(text) == 2:
        pivot = (ctx.anchor.year if ctx.anchor else 2000) % 100 + 10
        year += 2000 if year <= pivot else 1900
    return year


def _slash(g: dict[str, str], ctx: Context) -> Resolved | None:
    try:
        return as_result(Point("day", date(_full_year(g["y"], ctx), int(g["m"]), int(g["d"]))))
    except ValueError:
        return None


def _month_num(word: str) -> int:
    return lex.MONTHS[word.rstrip(".")]


def _day_month(g: dict[str, str], ctx: Context) -> Resolved | None:
    month, day = _month_num(g["m"]), int(g["d"])
    if not 1 <= day <= 31:
        return None
    try:
        if g.get("y"):
            return as_result(Point("day", date(int(g["y"]), month, day)))
        date(2000, month, day)  # rejects 31 April before looking for a year
    except ValueError:
        return None
    anchor = anchor_of(ctx, "day", f"XXXX-{month:02d}-{day:02d}")
    if g.get("wd"):  # a weekday pins the year: pick the nearest year where it fits
        wanted = lex.WEEKDAYS[g["wd"]]
        for years in (0, -1, 1, -2, 2, -3, 3):
            try:
                candidate = date(anchor.year + years, month, day)
            except ValueError:
                continue
            if candidate.weekday() == wanted:
                return as_result(Point("day", candidate))
    # a day and month without a year is the nearest such day unless the verb governing it
    # says otherwise: a far verb misleads, as in "authorized a split, payable Dec. 7"
    tense = strong(ctx.tense) if ctx.direct else None
    found = yearly_near(anchor, month, day, tense, None, ahead=DAY_AHEAD, grace=DAY_GRACE)
    return as_result(Point("day", found))


def _month_year(g: dict[str, str], ctx: Context) -> Resolved | None:
    return as_result(Point("month", date(int(g["y"]), _month_num(g["m"]), 1)))


def _month(g: dict[str, str], ctx: Context) -> Resolved | None:
    rel = g.get("rel")
    if rel is not None and rel not in STEPS:
        return None
    anchor = anchor_of(ctx, "month", f"XXXX-{_month_num(g['m']):02d}").replace(day=1)
    step = STEPS.get(rel) if rel else None
    day = yearly_near(anchor, _month_num(g["m"]), 1, strong(ctx.tense), step,
                      ahead=MONTH_AHEAD, grace=MONTH_GRACE)
    return as_result(Point("month", day))


def _year(g: dict[str, str], ctx: Context) -> Resolved | None:
    return as_result(Point("year", date(int(g["y"]), 1, 1)))


def _year_end(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Read the second year of a range such as "1957-58" from the first one's century."""
    return as_result(Point("year", date(int(g["y1"][:2] + g["yy"]), 1, 1)))


def _fy(g: dict[str, str], ctx: Context) -> Resolved | None:
    return as_result(Point("year", date(_full_year(g["y"], ctx), 1, 1)))


def _decade(g: dict[str, str], ctx: Context) -> Resolved | None:
    decade = int(g["dec"]) if g.get("dec") else 190 + int(g["dec2"])
    mod = {"early": "START", "mid": "MID", "late": "END"}.get(g.get("dmod", ""))
    return as_result(Point("decade", date(decade * 10, 1, 1)), mod=mod)


def _century(g: dict[str, str], ctx: Context) -> Resolved | None:
    word = g["ord"]
    n = int(word[:-2]) if word[:-2].isdigit() else lex.ORDINALS[word]
    if not 2 <= n <= 21:
        return None
    return as_result(Point("century", date((n - 1) * 100, 1, 1)))


def _dayword(g: dict[str, str], ctx: Context) -> Resolved | None:
    word = g["dw"]
    gran = "part_of_day" if g.get("pod") or word == "tonight" else "day"
    day = anchor_of(ctx, gran) + timedelta(days=lex.DAY_WORDS[word])
    if gran == "part_of_day":
        return as_result(Point(gran, day, code=lex.PARTS_OF_DAY[g.get("pod", "night")]))
    return as_result(Point("day", day))


def _pod(g: dict[str, str], ctx: Context) -> Resolved | None:
    anchor = anchor_of(ctx, "part_of_day")
    if g.get("last"):
        return as_result(Point("part_of_day", anchor - timedelta(days=1), code="NI"))
    if g.get("wd"):
        day = weekday_near(anchor, lex.WEEKDAYS[g["wd"]], ctx.tense, None)
    else:
        day = anchor + timedelta(days={"yesterday": -1, "tomorrow": 1, "last": -1}
                                 .get(g["rel"], 0))
    return as_result(Point("part_of_day", day, code=lex.PARTS_OF_DAY[g["pod"]]))


def _early_hours(g: dict[str, str], ctx: Context) -> Resolved | None:
    anchor = anchor_of(ctx, "part_of_day")
    if g.get("wd"):
        day = weekday_near(anchor, lex.WEEKDAYS[g["wd"]], ctx.tense, None)
    else:
        day = anchor + timedelta(days=lex.DAY_WORDS[g["dw"]])
    return as_result(Point("part_of_day", day, code="MO"), mod="START")


def _weekday(g: dict[str, str], ctx: Context) -> Resolved | None:
    rel = g.get("rel")
    if rel is not None and rel not in STEPS:
        return None
    step = STEPS.get(rel) if rel and rel != "this" else None
    n = lex.WEEKDAYS[g["wd"]]
    day = weekday_near(anchor_of(ctx, "day", f"XXXX-WXX-{n + 1}"), n, ctx.tense, step)
    return as_result(Point("day", day))


def _clock(g: dict[str, str], ctx: Context, day_match: Match | None = None) -> Resolved | None:
    if g.get("noon"):
        hour, minute = (24, 0) if g["noon"] == "midnight" else (12, 0)
    elif g.get("hw"):
        hour, minute = int(number(g["hw"]) or 0), 0
    else:
        hour, minute = int(g.get("h") or g["h2"]), int(g.get("mi") or g.get("mi2") or "0")
        ap = g.get("ap", "").replace(".", "")
        if ap and not 1 <= hour <= 12:
            return None
        if ap == "pm" and hour != 12:
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
    if hour > 24 or minute > 59:
        return None
    day = ctx.reference.day if ctx.reference and ctx.reference.gran == "day" else None
    if day_match is not None:
        found = resolve(day_match, ctx)
        if found is None or found.point is None:
            return None
        day = found.point.day
    if day is None:
        day = anchor_of(ctx, "minute", f"XXXX-XX-XXT{hour:02d}:{minute:02d}")
    zone = "Z" if (g.get("tz") or g.get("tz2")) in ("utc", "gmt", "z") else ""
    return as_result(Point("minute", day, clock=f"{hour:02d}:{minute:02d}", zone=zone))


def _rel_unit(g: dict[str, str], ctx: Context) -> Resolved | None:
    rel, unit = g["rel"], g["unit"]
    unit = "quarter" if unit == "period" else unit
    if rel in ("the past", "the last", "the next", "the coming", "past"):
        if unit in ("weekend",):
            return None
        return last_n({"rel": rel.removeprefix("the "), "unit": unit}, ctx)
    gran = gran_of(unit)
    code = "WE" if unit == "weekend" else ""
    if rel in ("the previous", "the following", "following", "previous", "preceding"):
        ref = reference_of(ctx, gran)
        steps = 1 if "following" in rel else -1
        return as_result(Point(gran, ref.day, code=code).shift(steps))
    if rel not in STEPS:
        return None
    return as_result(Point(gran, anchor_of(ctx, gran), code=code).shift(STEPS[rel]))


def _season(g: dict[str, str], ctx: Context) -> Resolved | None:
    code = lex.SEASONS[g.get("season") or g["season2"]]
    year = g.get("y") or g.get("y2")
    if year:
        return as_result(Point("season", date(int(year), lex.SEASON_MONTH[code], 1), code=code))
    rel = g.get("rel", "the")
    step = STEPS.get(rel) if rel != "the" else None
    if rel not in STEPS and rel != "the":
        return None
    anchor = anchor_of(ctx, "season").replace(day=1)
    day = yearly_near(anchor, lex.SEASON_MONTH[code], 1, strong(ctx.tense), step, ahead=0)
    return as_result(Point("season", day, code=code))


def _quarter(g: dict[str, str], ctx: Context) -> Resolved | None:
    if g.get("q"):
        return as_result(Point("quarter", date(int(g["qy"]), 3 * int(g["q"][1]) - 2, 1)))
    month = 3 * lex.ORDINALS[g.get("ord") or g.get("ord2") or g["ord3"]] - 2
    year = g.get("y") or g.get("yy")
    if year:
        return as_result(Point("quarter", date(int(year), month, 1)))
    anchor = anchor_of(ctx, "quarter", f"XXXX-Q{(month + 2) // 3}")
    rely = g.get("rely") or g.get("rely2")
    if rely:
        return as_result(Point("quarter", date(anchor.year + STEPS[rely], month, 1)))
    start = date(anchor.year, (anchor.month - 1) // 3 * 3 + 1, 1)
    day = yearly_near(start, month, 1, strong(ctx.tense), None, ahead=MONTH_AHEAD,
                      grace=MONTH_GRACE)
    return as_result(Point("quarter", day))


def _half(g: dict[str, str], ctx: Context) -> Resolved | None:
    month = 1 if g["ord"] == "first" else 7
    if g.get("y"):
        return as_result(Point("half", date(int(g["y"]), month, 1)))
    anchor = anchor_of(ctx, "half")
    return as_result(Point("half", date(anchor.year + STEPS.get(g["rely"], 0), month, 1)))


def _holiday(g: dict[str, str], ctx: Context) -> Resolved | None:
    name = max((k for k in (*lex.HOLIDAYS, *lex.FLOATING_HOLIDAYS) if g["_all"].startswith(k)),
               key=len)
    return as_result(Point("day", _holiday_day(name, g, ctx)))


def _holiday_day(name: str, g: dict[str, str], ctx: Context) -> date:
    def on(year: int) -> date:
        if name in lex.HOLIDAYS:
            month, day = lex.HOLIDAYS[name]
            return date(year, month, day)
        month, wd, n = lex.FLOATING_HOLIDAYS[name]
        first = date(year, month, 1) + relativedelta(months=1 if n < 0 else 0)
        return first + relativedelta(weekday=weekday(wd, n))

    if g.get("y"):
        return on(int(g["y"]))
    anchor = anchor_of(ctx)
    before = next(d for d in (on(anchor.year), on(anchor.year - 1)) if d <= anchor)
    after = next(d for d in (on(anchor.year), on(anchor.year + 1)) if d >= anchor)
    if ctx.tense == "future" or (ctx.tense != "past" and after - anchor < anchor - before):
        return after
    return before


_RULES: dict[str, Callable[[dict[str, str], Context], Resolved | None]] = {
    "iso": _iso, "slash": _slash, "dmy": _day_month, "mdy": _day_month, "my": _month_year,
    "month": _month, "year": _year, "year_end": _year_end, "fy": _fy, "decade": _decade,
    "century": _century,
    "dayword": _dayword, "pod": _pod, "early_hours": _early_hours, "weekday": _weekday,
    "clock": _clock, "clock24": _clock, "noon": _clock, "oclock": _clock,
    "rel_unit": _rel_unit, "rel_season": _season, "quarter": _quarter, "half": _half,
    "holiday": _holiday, **durations.RULES, **anaphora.RULES,
}
