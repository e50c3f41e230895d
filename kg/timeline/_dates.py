"""Show a time at its own granularity, and sort entries by their time bounds."""

from __future__ import annotations

from datetime import date, datetime
from typing import get_args

from kg.model import Granularity, TimexMod, TimexType
from kg.timeline._records import StatementEntry, TimelineEntry, When

_PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening",
                 "NI": "night", "DT": "daytime"}
_MOD_WORDS: dict[str, str] = {
    "BEFORE": "before {}", "AFTER": "after {}", "ON_OR_BEFORE": "by {}",
    "ON_OR_AFTER": "{} or later", "LESS_THAN": "less than {}", "MORE_THAN": "more than {}",
    "EQUAL_OR_LESS": "at most {}", "EQUAL_OR_MORE": "at least {}", "START": "early {}",
    "MID": "mid {}", "END": "late {}", "APPROX": "about {}", "UNTIL": "until {}",
}
# a value at one of these granularities names one calendar unit a reader can place exactly
_EXACT: frozenset[str] = frozenset(
    {"year", "month", "day", "part_of_day", "hour", "minute", "second"}
)
_MODS = frozenset(get_args(TimexMod))
_TYPES = frozenset(get_args(TimexType))
_GRANULARITIES = frozenset(get_args(Granularity))


def make_when(value: str, *, type: str | None = None, granularity: str | None = None,  # noqa: A002
              mod: str | None = None, earliest: date | None = None,
              latest: date | None = None, text: str | None = None) -> When:
    """Build a `When`, with its display text, from the stored time fields.

    Examples:
        >>> make_when("2017", granularity="year", earliest=date(2017, 1, 1),
        ...           latest=date(2017, 12, 31)).display
        '2017'
        >>> make_when("2014", granularity="year", mod="SINCE", earliest=date(2014, 1, 1),
        ...           latest=date(2019, 8, 20)).display
        'since 2014 (until 2019-08-20)'
        >>> make_when("2019-08-19TMO", granularity="part_of_day", earliest=date(2019, 8, 19),
        ...           latest=date(2019, 8, 19)).display
        '2019-08-19 morning'
        >>> make_when("2019-08-20TMO", granularity="part_of_day", mod="START",
        ...           earliest=date(2019, 8, 20), latest=date(2019, 8, 20)).display
        '2019-08-20 early morning'
    """
    grain = granularity if granularity in _GRANULARITIES else "unknown"
    kind = type if type in _TYPES else "DATE"
    modifier = mod if mod in _MODS else None
    base = _base(value, grain or "unknown", earliest, latest, text)
    if modifier == "SINCE":
        display = f"since {base}" + (f" (until {latest.isoformat()})"
                                     if latest is not None else "")
    elif grain == "part_of_day" and modifier in ("START", "MID", "END"):
        day, _, part = base.partition(" ")  # "the early hours of Tuesday": an early morning
        display = f"{day} {_MOD_WORDS[modifier].format(part)}"
    elif modifier in _MOD_WORDS:
        display = _MOD_WORDS[modifier].format(base)
    else:
        display = base
    uncertain = grain not in _EXACT or modifier is not None
    return When.model_validate({
        "value": value, "type": kind, "granularity": grain, "mod": modifier,
        "earliest": earliest, "latest": latest, "text": text, "display": display,
        "uncertain": uncertain,
    })


def _base(value: str, grain: str, earliest: date | None, latest: date | None,
          text: str | None) -> str:
    if earliest is not None:
        if grain == "year":
            return f"{earliest:%Y}"
        if grain == "month":
            return f"{earliest:%Y-%m}"
        if grain == "day":
            return earliest.isoformat()
        if grain == "decade":
            return f"{earliest.year}s"
        if grain == "part_of_day":
            _, _, part = value.partition("T")
            return f"{earliest.isoformat()} {_PARTS_OF_DAY.get(part, part)}".strip()
    if grain in ("hour", "minute", "second"):
        try:
            return datetime.fromisoformat(value).isoformat(sep=" ")
        except ValueError:
            return value
    if grain in ("week", "season", "quarter", "half") and earliest and latest:
        return f"{value} ({earliest.isoformat()} – {latest.isoformat()})"
    if earliest is not None and latest is not None:  # durations, sets, unknown: the span
        span = earliest.isoformat() if earliest == latest else \
            f"{earliest.isoformat()} – {latest.isoformat()}"
        return f"{text} ({span})" if text else span
    if text:
        return f"{text} ({value})" if value not in text else text
    return value


def sort_key(entry: TimelineEntry | StatementEntry) -> tuple[date, date, str, str]:
    """Return the chronological sort key: first day, last day, publication, id.

    An interval sorts by its beginning; a year-only value before the months and days inside it.
    Undated entries get the latest possible key (callers keep them apart).
    """
    when = entry.when
    first = when.earliest if when is not None and when.earliest is not None else date.max
    last = when.latest if when is not None and when.latest is not None else first
    published = entry.article.published
    return (first, last, published.isoformat() if published is not None else "", entry.iri)
