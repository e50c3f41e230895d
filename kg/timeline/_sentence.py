"""Find the sentence around a trigger in an article's text, without a parser, and trim it.

A timeline is read long after extraction, so the sentence is cut at read time by a light rule on
the stored text: a sentence ends at ".", "!" or "?" (closing quotes and brackets may follow) before
white space and a capital, digit or opening quote, unless the word is an abbreviation ("Mr.",
"U.S.", an initial); a line break ends one too unless the next line goes on in lower case (a
wrapped line). A missed boundary only makes the sentence longer, and a long one is trimmed around
its trigger.
"""

from __future__ import annotations

import bisect
import re

from kg.timeline._records import Sentence

# about how many characters a sentence is trimmed to, around its trigger
MAX_CHARS = 200
# a full stop after these words is no sentence end (lower-cased, without the stop)
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "maj", "cmdr", "adm", "gov",
    "sen", "rep", "pres", "st", "mt", "jr", "sr", "inc", "corp", "co", "ltd", "bros", "no", "nos",
    "vs", "etc", "al", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec"))
# the end of a sentence: stop, closing marks, white space, and what may open the next one
_END = re.compile(r"""(?P<stop>(?P<mark>[.!?]+)["'”’)\]]*)\s+(?=["'“‘(\[]?[A-Z0-9])""")
_LINE = re.compile(r"\n\s*(?=\S)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Return the start and end of each sentence of `text`, white space around them left out.

    Examples:
        >>> text = "Headline\\nMr. Doe left. Rebels shelled the town.\\nit went on."
        >>> [text[first:last] for first, last in sentences(text)]
        ['Headline', 'Mr. Doe left.', 'Rebels shelled the town.\\nit went on.']
    """
    cuts = [(found.end("stop"), found.end()) for found in _END.finditer(text)
            if not _abbreviation(text, found.start("mark"))]
    cuts += [(found.start(), found.end()) for found in _LINE.finditer(text)
             if not text[found.end()].islower()]
    spans, first = [], 0
    for stop, next_start in sorted(cuts):
        if stop > first:
            spans.append((first, stop))
        first = max(first, next_start)
    spans.append((first, len(text)))
    return [_strip(text, a, b) for a, b in spans if text[a:b].strip()]


def sentence_around(text: str, start: int, end: int, *, limit: int = MAX_CHARS,
                    spans: list[tuple[int, int]] | None = None) -> Sentence:
    """Return the sentence of `text` that holds the span `start`-`end`, trimmed to about `limit`
    characters around the span, at word boundaries.

    Args:
        text: The article's text.
        start: Where the span (a trigger) starts.
        end: Where it ends (exclusive).
        limit: About how long the sentence may be; a longer one is cut, "…" marks the cuts.
        spans: `sentences(text)`, if known already (a timeline cuts many sentences of one text).

    Examples:
        >>> text = "Mr. Doe left. Rebels shelled the town on Monday, officials said. Calm returned."
        >>> sentence_around(text, 21, 28).text
        'Rebels shelled the town on Monday, officials said.'
        >>> sentence_around(text, 4, 7).text
        'Mr. Doe left.'
        >>> cut = sentence_around("a " * 200 + "raid " + "b " * 200, 400, 404, limit=40)
        >>> (cut.cut_before, cut.cut_after, len(cut.text) <= 40, "raid" in cut.text)
        (True, True, True, True)
    """
    spans = sentences(text) if spans is None else spans
    index = max(0, bisect.bisect_right(spans, (start, len(text) + 1)) - 1)
    first, last = spans[index] if spans else (start, end)
    while index + 1 < len(spans) and last < end:  # a span across a boundary joins its sentences
        index += 1
        last = spans[index][1]
    first, last = min(first, start), max(last, end)
    cut_before = cut_after = False
    if last - first > limit:
        room = max(0, limit - (end - start))
        before = min(start - first, max(room // 2, room - (last - end)))
        after = room - before
        if start - before > first:
            first, cut_before = _word_after(text, start - before, start), True
        if end + after < last:
            last, cut_after = _word_before(text, end + after, end), True
    return Sentence(text=text[first:last], start=first, end=last,
                    cut_before=cut_before, cut_after=cut_after)


def _strip(text: str, first: int, last: int) -> tuple[int, int]:
    while first < last and text[first].isspace():
        first += 1
    while last > first and text[last - 1].isspace():
        last -= 1
    return first, last


def _abbreviation(text: str, stop: int) -> bool:
    """Tell whether the full stop at `stop` ends an abbreviation or an initial, not a sentence."""
    if text[stop] != ".":
        return False
    word = re.search(r"[\w.]*$", text[max(0, stop - 20):stop])
    token = word.group() if word else ""
    return (len(token) == 1 and token.isupper()) or "." in token \
        or token.lower() in _ABBREVIATIONS


def _word_after(text: str, at: int, limit: int) -> int:
    """Return the start of the first whole word at or after `at` (not past `limit`)."""
    if at > 0 and not text[at - 1].isspace():
        space = re.compile(r"\s").search(text, at, limit)
        at = space.end() if space else at
    while at < limit and text[at].isspace():
        at += 1
    return at


def _word_before(text: str, at: int, limit: int) -> int:
    """Return the end of the last whole word at or before `at` (not before `limit`)."""
    if at < len(text) and not text[at].isspace():
        space = max(text.rfind(" ", limit, at), text.rfind("\n", limit, at))
        at = space if space >= limit else at
    while at > limit and text[at - 1].isspace():
        at -= 1
    return at
