"""Durations, sets and vague references of the time normaliser ("eight years", "daily", "now").

Every rule takes the grammar groups and a `Context` and returns a `Resolved`; `RULES` maps the
grammar rule names to them.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.times import lexicon as lex
from kg.extract.times.context import Context, Resolved, stepped, unit_of

_SMALLER = {"year": ("month", 12), "hour": ("minute", 60), "minute": ("second", 60),
            "day": ("hour", 24), "week": ("day", 7)}


def duration_value(n: float | None, unit: str) -> str:
    """Return a TIMEX3 duration value; None for a vague number gives "X".

    Examples:
        >>> duration_value(8, "year"), duration_value(None, "week"), duration_value(2.5, "hour")
        ('P8Y', 'PXW', 'PT2H30M')
    """
    code, _ = lex.UNITS[unit]
    if n is not None and n != int(n) and unit in _SMALLER:
        # a fraction goes to the next smaller unit, as TimeBank writes it: P2Y6M, PT1M30S
        smaller, factor = _SMALLER[unit]
        whole, rest = int(n), round((n - int(n)) * factor)
        head = f"{whole}{code}" if whole else ""
        sub_code = lex.UNITS[smaller][0]
        if unit in lex.TIME_UNITS or smaller in lex.TIME_UNITS:
            prefix = "PT" if unit in lex.TIME_UNITS else "P"
            tail = f"T{rest}{sub_code}" if prefix == "P" else f"{rest}{sub_code}"
            return f"{prefix}{head}{tail}"
        return f"P{head}{rest}{sub_code}"
    if unit == "decade":
        code, n = "Y", None if n is None else n * 10
    elif unit == "century":
        code, n = "Y", None if n is None else n * 100
    elif unit == "fortnight":
        code, n = "W", None if n is None else n * 2
    amount = "X" if n is None else f"{n:g}"
    return f"PT{amount}{code}" if unit in lex.TIME_UNITS else f"P{amount}{code}"


def number(text: str | None) -> float | None:
    """Read a count: digits, number words ("twenty-five"), or None for vague words."""
    if text is None:
        return 1
    text = text.replace(" and a half", "")
    half = 0.5 if text.endswith(" 1/2") else 0.0
    text = text.removesuffix(" 1/2")
    if text.replace(".", "", 1).isdigit():
        return float(text) + half
    if text in lex.NUMBERS:
        return lex.NUMBERS[text] + half
    tens, _, ones = text.partition("-")
    if tens in lex.TENS and ones in lex.UNITS_WORDS:
        return lex.NUMBERS[tens] + lex.NUMBERS[ones]
    return None


def _duration_rule(g: dict[str, str], ctx: Context) -> Resolved | None:
    n = number(g.get("n") or g["n2"])
    if n is not None and g["_all"].endswith("and a half"):
        n += 0.5
    value = duration_value(n, unit_of(g.get("unit") or g["unit2"]))
    # "recent weeks" ends at publication, "the coming months" starts there
    side = _VAGUE_SIDE.get(g.get("n", ""))
    if side == "past":
        return Resolved("DURATION", value, "duration", None, ctx.anchor)
    if side == "future":
        return Resolved("DURATION", value, "duration", ctx.anchor, None)
    return Resolved("DURATION", value, "duration")


_VAGUE_SIDE = {"recent": "past", "the past few": "past", "the last few": "past",
               "coming": "future", "the coming": "future", "the next few": "future"}


def _plural(g: dict[str, str], ctx: Context) -> Resolved | None:
    return Resolved("DURATION", duration_value(None, unit_of(g["unit"])), "duration")


def last_n(g: dict[str, str], ctx: Context) -> Resolved | None:
    """Resolve "the past two years": a duration, bounded by the publication date when known."""
    unit = unit_of(g["unit"])
    n = number(g.get("n")) if g.get("n") else 1
    found = Resolved("DURATION", duration_value(n, unit), "duration")
    if n is None or ctx.anchor is None or g["rel"] in ("first", "final"):
        return found
    if n != int(n):
        return found
    back = g["rel"] in ("past", "last", "previous")
    try:
        end = stepped(ctx.anchor, unit, -int(n) if back else int(n))
    except (OverflowError, ValueError):  # "the past 5000 centuries": no calendar bounds
        return found
    if back:
        return Resolved("DURATION", found.value, "duration", end, ctx.anchor)
    return Resolved("DURATION", found.value, "duration", ctx.anchor, end)


def _vague_span(g: dict[str, str], ctx: Context) -> Resolved | None:
    unit = lex.VAGUE_SPANS[g["span"]]
    return Resolved("DURATION", duration_value(None, unit), "duration", None, ctx.anchor)


def _weekdays(g: dict[str, str], ctx: Context) -> Resolved | None:
    n = lex.WEEKDAYS[g["wds"]] + 1
    word = g.get("pod") or g.get("pod2")
    pod = f"T{lex.PARTS_OF_DAY[word]}" if word else ""
    return Resolved("SET", f"XXXX-WXX-{n}{pod}", "set")


def _ref_word(g: dict[str, str], ctx: Context) -> Resolved | None:
    value = lex.REFS[g["ref"]]
    anchor = ctx.anchor
    if value == "PRESENT_REF":
        return Resolved("DATE", value, "present", anchor, anchor)
    if value == "PAST_REF":
        return Resolved("DATE", value, "unknown", None, anchor)
    return Resolved("DATE", value, "unknown", anchor, None)


def _set(g: dict[str, str], ctx: Context) -> Resolved | None:
    if g.get("wd"):
        return Resolved("SET", f"XXXX-WXX-{lex.WEEKDAYS[g['wd']] + 1}", "set")
    if g.get("unit"):
        return Resolved("SET", duration_value(1, unit_of(g["unit"])), "set")
    return Resolved("SET", lex.SET_WORDS[g["set"]], "set")


RULES: dict[str, Callable[[dict[str, str], Context], Resolved | None]] = {
    "duration": _duration_rule, "plural": _plural, "last_n": last_n, "weekdays": _weekdays,
    "ref": _ref_word, "set": _set, "vague_span": _vague_span,
}
