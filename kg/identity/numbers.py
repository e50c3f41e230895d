"""Read the number a participant phrase gives ("at least 30 civilians", "$6 billion"), so reports
of one happening can be compared on victim counts and amounts (`kg.identity.events`).

A phrase's number becomes the range of values it allows: "12 people" allows 12, "at least 30"
30 and more, "about 300" 270 to 330; two reports disagree on a number when their ranges do not
meet. Money is told apart from counts by its currency, so "$6 billion" is never compared with
"6 plants".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_WORDS = {w: n for n, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty"))}
_WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
           "ninety": 90, "a": 1, "an": 1}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6,
           "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_CURRENCIES = {"$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR",
               "euro": "EUR", "euros": "EUR", "£": "GBP", "pound": "GBP", "pounds": "GBP",
               "¥": "JPY", "yen": "JPY"}
# (words before the number, the range they make of a value n)
_QUALIFIERS: tuple[tuple[tuple[str, ...], tuple[float, float]], ...] = (
    (("at least", "more than", "over", "upwards of", "in excess of"), (1.0, math.inf)),
    (("up to", "at most", "fewer than", "less than", "under", "nearly", "almost"), (0.0, 1.0)),
    (("about", "around", "some", "approximately", "roughly", "an estimated", "an estimate"),
     (0.9, 1.1)),
)
_TOKEN = re.compile(r"[$€£¥]|\d[\d,]*(?:\.\d+)?|[a-z$]+", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """The values a phrase allows, and its currency when it is money."""

    low: float
    high: float
    currency: str | None = None

    def meets(self, other: Quantity) -> bool:
        """Tell whether two quantities of one kind can be the same number."""
        return self.low <= other.high and other.low <= self.high


def quantity(phrase: str) -> Quantity | None:
    """Return the number a phrase gives, as a range of values, or None if it gives none.

    Examples:
        >>> quantity("12 people")
        Quantity(low=12.0, high=12.0, currency=None)
        >>> quantity("at least 30 civilians")
        Quantity(low=30.0, high=inf, currency=None)
        >>> quantity("$6 billion")
        Quantity(low=6000000000.0, high=6000000000.0, currency='USD')
        >>> quantity("three soldiers")
        Quantity(low=3.0, high=3.0, currency=None)
        >>> quantity("a dozen protesters").low, quantity("£5m").currency
        (12.0, 'GBP')
        >>> quantity("the rebels") is None, quantity("5 percent of shares") is None
        (True, True)
    """
    text = phrase.lower()
    if "%" in text or re.search(r"\bper ?cent\b", text):
        return None  # a share, not a count or an amount
    tokens = _TOKEN.findall(text)
    currency = next((_CURRENCIES[t] for t in tokens if t in _CURRENCIES), None)
    value = None
    for n, token in enumerate(tokens):
        number = _number(token)
        if number is None or token in ("a", "an") and not _scaled(tokens, n):
            continue
        value = number
        for follow in tokens[n + 1:n + 3]:
            if follow in _SCALES:
                value *= _SCALES[follow]
            elif follow not in ("and",):
                break
        break
    if value is None:
        return None
    low, high = next((scale for words, scale in _QUALIFIERS
                      if any(re.search(rf"\b{w}\b", text) for w in words)), (1.0, 1.0))
    return Quantity(low=value * low, high=value * high, currency=currency)


def _number(token: str) -> float | None:
    if token[0].isdigit():
        return float(token.replace(",", ""))
    return float(_WORDS[token]) if token in _WORDS else None


def _scaled(tokens: list[str], n: int) -> bool:
    """Tell whether "a"/"an" is a number here: followed by a scale ("a dozen", "a million")."""
    return n + 1 < len(tokens) and tokens[n + 1] in _SCALES
