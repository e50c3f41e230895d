"""Word lists for the time tagger: names, numbers, units and modifiers, as data.

Every table maps the lowercased surface form to what it means; `grammar` turns the keys
into regex alternations and `normalise` looks the matched words up here.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

MONTHS: Final = MappingProxyType({
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
})

# full names only: abbreviations need a following period or a day number (see grammar)
MONTH_NAMES: Final = ("january", "february", "march", "april", "may", "june", "july",
                      "august", "september", "october", "november", "december")

WEEKDAYS: Final = MappingProxyType({
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
})

NUMBERS: Final = MappingProxyType({
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "one hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2,
    "couple of": 2, "a half": 0.5, "half a": 0.5, "half an": 0.5,
})
TENS: Final = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
UNITS_WORDS: Final = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

# quantities that say "some number of": the TIMEX3 value gets an X in place of the number
# a stretch of unknown length as a whole ("over the years"); TimeBank keeps "over" inside
VAGUE_SPANS: Final = MappingProxyType({
    "over the years": "year", "over the decades": "decade", "over the months": "month",
    "over the centuries": "century",
})

VAGUE: Final = ("a few", "few", "several", "many", "some", "recent", "coming", "the last few",
                "the past few", "the next few", "the coming", "numerous", "countless")

ORDINALS: Final = MappingProxyType({
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11, "twelfth": 12,
    "12th": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "last": -1, "final": -1,
})

# unit word -> (TIMEX3 duration designator, granularity); time units go after "T"
UNITS: Final = MappingProxyType({
    "second": ("S", "second"), "minute": ("M", "minute"), "hour": ("H", "hour"),
    "day": ("D", "day"), "night": ("D", "day"), "week": ("W", "week"),
    "fortnight": ("2W", "week"), "month": ("M", "month"), "quarter": ("Q", "quarter"),
    "year": ("Y", "year"), "decade": ("DE", "decade"), "century": ("CE", "century"),
    "weekend": ("WE", "week"),
})
TIME_UNITS: Final = frozenset({"second", "minute", "hour"})
UNIT_PLURALS: Final = MappingProxyType({
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "nights": "night",
    "weeks": "week", "fortnights": "fortnight", "months": "month", "quarters": "quarter",
    "years": "year", "decades": "decade", "centuries": "century", "weekends": "weekend",
})

SEASONS: Final = MappingProxyType({
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
})
SEASON_MONTH: Final = MappingProxyType({"SP": 3, "SU": 6, "FA": 9, "WI": 12})

PARTS_OF_DAY: Final = MappingProxyType({
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "mid-day": "MI",
})

# a lone word that means the present, the past or the future as a whole
REFS: Final = MappingProxyType({
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "the present": "PRESENT_REF", "presently": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "these days": "PRESENT_REF", "recently": "PAST_REF",
    "more recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF",
    "at the time": "PAST_REF",
    "formerly": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF", "the distant future": "FUTURE_REF",
    "the time being": "PRESENT_REF", "the short term": "FUTURE_REF",
})

# day words relative to the anchor: offset in days
DAY_WORDS: Final = MappingProxyType({
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
})

# relative determiners before a unit/month/weekday: step through time
RELATIVE: Final = MappingProxyType({
    "last": -1, "past": -1, "previous": -1, "preceding": -1, "this": 0, "current": 0,
    "the current": 0, "the present": 0, "next": 1, "coming": 1, "the coming": 1,
    "the next": 1, "following": 1, "upcoming": 1, "this past": -1, "this coming": 1,
    "the latest": 0, "the last": -1, "the previous": -1, "the past": -1, "the following": 1,
    "latest": 0,
})

# words in front of a time that set TIMEX3 `mod` (and stay inside the extent, as in TimeBank)
MODS: Final = MappingProxyType({
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "the early part of": "START", "the first half of": "START", "beginning of": "START",
    "start of": "START", "late": "END", "later": "END", "the end of": "END", "end of": "END",
    "the close of": "END", "the latter part of": "END", "the second half of": "END",
    "the last half of": "END", "mid": "MID", "mid-": "MID", "the middle of": "MID",
    "middle of": "MID",
    "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "nearly": "APPROX", "almost": "LESS_THAN", "more than": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "over": "MORE_THAN", "a mere": None, "another": None,
    "an additional": None, "a full": None, "the full": None, "a further": None,
    "the first": None, "the final": None,
})
# which rules each modifier may widen (TimeBank keeps "about", "just", "over the" outside);
# a modifier not listed here widens every rule except those in `NO_MOD_RULES`
MOD_RULES: Final = MappingProxyType({
    "some": ("duration", "last_n"), "under": ("duration",), "a mere": ("duration",),
    "another": ("duration",), "an additional": ("duration",), "a full": ("duration",),
    "the full": ("duration",), "a further": ("duration",), "the first": ("duration",),
    "the final": ("duration",), "more than": ("duration", "last_n", "ago"),
    "less than": ("duration", "last_n", "ago"), "at least": ("duration", "last_n", "ago"),
    "at most": ("duration", "last_n"), "no more than": ("duration", "last_n"),
    "up to": ("duration", "last_n"), "nearly": ("duration", "last_n", "ago"),
    "almost": ("duration", "last_n", "ago"),
    "around": ("clock", "clock24", "noon", "oclock"), "roughly": ("duration", "ago"),
    "approximately": ("duration", "ago"),
    "earlier": ("rel_unit", "dayword", "pod"), "later": ("rel_unit", "dayword", "pod"),
    "over": ("duration",),
    "early": ("rel_unit", "month", "my", "year", "rel_season", "quarter", "decade",
              "century", "dayword"),
    "late": ("rel_unit", "month", "my", "year", "rel_season", "quarter", "decade",
             "century", "dayword"),
})

HOLIDAYS: Final = MappingProxyType({
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "independence day": (7, 4), "halloween": (10, 31), "christmas eve": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "new year's": (1, 1),
    "veterans day": (11, 11), "armistice day": (11, 11),
})
# holidays on the nth weekday of a month: name -> (month, weekday, n); n=-1 means the last one
FLOATING_HOLIDAYS: Final = MappingProxyType({
    "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1), "mother's day": (5, 6, 2), "father's day": (6, 6, 3),
    "martin luther king day": (1, 0, 3), "presidents' day": (2, 0, 3),
})

# every-N words that make a SET: word -> (value, granularity)
SET_WORDS: Final = MappingProxyType({
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y", "hourly": "PT1H",
    "every day": "P1D", "every night": "P1D", "every week": "P1W", "every month": "P1M",
    "every year": "P1Y", "every quarter": "P1Q", "every hour": "PT1H", "each day": "P1D",
    "each week": "P1W", "each month": "P1M", "each year": "P1Y", "a day": "P1D",
    "a week": "P1W", "a month": "P1M", "a year": "P1Y", "per day": "P1D", "per week": "P1W",
    "per month": "P1M", "per year": "P1Y", "an hour": "PT1H", "per hour": "PT1H",
    "every weekend": "P1WE", "every morning": "P1D", "every evening": "P1D",
    "every summer": "P1Y", "every winter": "P1Y", "every spring": "P1Y", "every fall": "P1Y",
})

# nouns a four-digit number counts rather than dates ("2000 people", "1500 troops")
COUNT_NOUNS: Final = frozenset({
    "people", "person", "troops", "soldiers", "civilians", "refugees", "migrants", "members",
    "workers", "residents", "families", "children", "women", "men", "deaths", "casualties",
    "fighters", "militants", "rebels", "police", "officers", "votes", "voters", "jobs", "homes",
    "houses", "buildings", "cases", "copies", "pages", "dollars", "euros", "pounds", "yuan",
    "tonnes", "tons", "barrels", "miles", "kilometres", "kilometers", "km", "metres", "meters",
    "feet", "acres", "hectares", "shares", "units", "vehicles", "cars", "trucks", "aircraft",
    "rockets", "missiles", "shells", "strikes", "prisoners", "detainees", "students", "patients",
    "employees", "staff", "protesters", "demonstrators", "times", "points", "calories", "words",
})

TIMEZONES: Final = ("UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "ET",
                    "BST", "CET", "CEST", "local time", "Z")
