"""Calendar points for the time tagger: a day plus a granularity, their TIMEX3 values and bounds.

A `Point` is any day inside the period it names ("2019-Q3" is held as some day of July-September
with granularity "quarter"), so stepping and bounding use `datetime.date` and dateutil, never
string surgery on ISO values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

Tense = Literal["past", "present", "future"]

# how to step a point one unit; "half"/"quarter"/"season" are sub-year periods
_STEP = {
    "century": relativedelta(years=100), "decade": relativedelta(years=10),
    "year": relativedelta(years=1), "half": relativedelta(months=6),
    "quarter": relativedelta(months=3), "season": relativedelta(years=1),
    "month": relativedelta(months=1), "week": relativedelta(weeks=1),
    "day": relativedelta(days=1), "part_of_day": relativedelta(days=1),
    "hour": relativedelta(hours=1), "minute": relativedelta(minutes=1),
}
# coarse-to-fine order, for "keep the finer of two granularities"
ORDER = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day",
         "part_of_day", "hour", "minute")
# `Granularity` in kg.model has no "half"; a half-year is reported as a quarter-like period
MODEL_GRANULARITY = {"half": "quarter"}


@dataclass(frozen=True)
class Point:
    """A calendar period named by one day inside it and its granularity.

    Attributes:
        gran: One of `ORDER`.
        day: Any day inside the period.
        code: Extra TIMEX3 part: part of day ("MO"), season ("SU"), weekend ("WE").
        clock: "HH:MM" for hour/minute points.
        zone: "Z" when the text gave UTC/GMT.
    """

    gran: str
    day: date
    code: str = ""
    clock: str = ""
    zone: str = ""

    @property
    def value(self) -> str:
        """Return the TIMEX3 value.

        Examples:
            >>> Point("quarter", date(2019, 8, 20)).value
            '2019-Q3'
            >>> Point("week", date(2019, 8, 13)).value
            '2019-W33'
            >>> Point("decade", date(1995, 1, 1)).value
            '199'
        """
        d = self.day
        match self.gran:
            case "century":
                return f"{d.year // 100:02d}"
            case "decade":
                return f"{d.year // 10:03d}"
            case "year":
                return f"{d.year:04d}"
            case "half":
                return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
            case "quarter":
                return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
            case "season":
                return f"{d.year:04d}-{self.code}"
            case "month":
                return f"{d.year:04d}-{d.month:02d}"
            case "week":
                year, week, _ = d.isocalendar()
                return f"{year:04d}-W{week:02d}" + (f"-{self.code}" if self.code else "")
            case "day":
                return d.isoformat()
            case "part_of_day":
                return f"{d.isoformat()}T{self.code}"
            case _:
                return f"{d.isoformat()}T{self.clock}{self.zone}"

    @property
    def bounds(self) -> tuple[date, date]:
        """Return the first and last day the point covers (inclusive).

        Examples:
            >>> Point("quarter", date(2019, 8, 20)).bounds
            (datetime.date(2019, 7, 1), datetime.date(2019, 9, 30))
        """
        d = self.day
        match self.gran:
            case "century":
                first = date(d.year // 100 * 100, 1, 1)
                return first, date(first.year + 99, 12, 31)
            case "decade":
                first = date(d.year // 10 * 10, 1, 1)
                return first, date(first.year + 9, 12, 31)
            case "year":
                return date(d.year, 1, 1), date(d.year, 12, 31)
            case "half" | "quarter" | "month" | "season":
                first, months = _period_start(self)
                return first, first + relativedelta(months=months) - timedelta(days=1)
            case "week":
                monday = d - timedelta(days=d.weekday())
                return (monday + timedelta(days=5) if self.code == "WE" else monday,
                        monday + timedelta(days=6))
            case _:
                return d, d

    def shift(self, steps: int, unit: str | None = None) -> Point:
        """Return the point moved by `steps` units (its own granularity unless `unit` is given)."""
        delta = _STEP.get(unit or self.gran, _STEP["day"])
        return replace(self, day=self.day + delta * steps)

    def coarsen(self, gran: str) -> Point:
        """Return the point with a coarser granularity (drops clock and codes)."""
        return Point(gran, self.day)


def _period_start(point: Point) -> tuple[date, int]:
    d = point.day
    if point.gran == "half":
        return date(d.year, 1 if d.month <= 6 else 7, 1), 6
    if point.gran == "quarter":
        return date(d.year, (d.month - 1) // 3 * 3 + 1, 1), 3
    if point.gran == "season":
        start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[point.code]
        return date(d.year, start, 1), 3
    return date(d.year, d.month, 1), 1


def finer(a: str, b: str) -> str:
    """Return the finer of two granularities."""
    return a if ORDER.index(a) >= ORDER.index(b) else b


def weekday_near(anchor: date, weekday: int, tense: Tense | None, step: int | None) -> date:
    """Resolve a weekday name against the anchor.

    A bare weekday is the latest such day on or before the anchor; future tense or "next" looks
    forward (on or after, strictly after for "next"); "last" is strictly before.

    Examples:
        >>> weekday_near(date(2019, 8, 20), 0, None, None)
        datetime.date(2019, 8, 19)
        >>> weekday_near(date(2019, 8, 20), 4, "future", None)
        datetime.date(2019, 8, 23)
    """
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if step == -1:
        return anchor - timedelta(days=back or 7)
    if step == 1:
        return anchor + timedelta(days=ahead or 7)
    if step == 0 or tense == "future":
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def yearly_near(anchor: date, month: int, day: int, tense: Tense | None, step: int | None,
                *, ahead: int = 183, grace: int = 0) -> date:
    """Resolve a month (and day) without a year: pick the year by tense or wording.

    "last"/"next"/"this" step from the anchor's year. Future tense takes the first occurrence
    on or after the anchor; past tense the latest on or before, unless the next one is at most
    `grace` days ahead (a deadline reported in the past tense); otherwise the next occurrence
    wins when it is at most `ahead` days away (183: the nearest one).

    Examples:
        >>> yearly_near(date(2019, 8, 20), 3, 1, None, None)
        datetime.date(2019, 3, 1)
        >>> yearly_near(date(2019, 8, 20), 11, 1, "past", None)
        datetime.date(2018, 11, 1)
        >>> yearly_near(date(2019, 8, 20), 11, 1, None, None)
        datetime.date(2019, 11, 1)
    """
    this_year = _safe_day(anchor.year, month, day)
    if step == 0:
        return this_year
    before = this_year if this_year <= anchor else _safe_day(anchor.year - 1, month, day)
    after = this_year if this_year >= anchor else _safe_day(anchor.year + 1, month, day)
    if step == 1:
        return after if after > anchor else _safe_day(after.year + 1, month, day)
    if step == -1:
        return before if before < anchor else _safe_day(before.year - 1, month, day)
    if tense == "future":
        return after
    reach = grace if tense == "past" else ahead
    return after if (after - anchor).days <= reach and after != before else before


def _safe_day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:  # 29 February in a common year
        return date(year, month, 28)
