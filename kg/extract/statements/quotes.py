"""Find quotations: spans between matching quote marks, including the marks.

Copy often mixes curly and straight marks (`“Yes," she said`, `“No,“ he said`), so every
double mark (“ ” " '') is paired within its paragraph, whatever its kind: a mark after a blank
or an opening bracket opens, a mark before a blank or punctuation closes, and otherwise the
curly shape decides. News convention: a quotation running over several paragraphs leaves each
paragraph but the last unclosed and reopens the next one, so an unclosed quote ends at its
paragraph's end (or where the next quotation opens).
"""

from __future__ import annotations

import re

_MARK = re.compile(r"“|”|\"|''")
_OPENERS = " \t([{—–-/"
_CLOSERS = " \t)]}.,;:!?—–-/…"
MIN_QUOTE_WORDS = 1


def _opens(paragraph: str, start: int, end: int) -> bool:
    """Return whether the mark at `start:end` opens a quotation, judged by its neighbours."""
    before = paragraph[start - 1] if start > 0 else " "
    after = paragraph[end] if end < len(paragraph) else " "
    if before in _OPENERS and after not in " \t":
        return True
    if after in _CLOSERS or before.isalnum() or before in ".,;:!?…'’":
        return False
    return paragraph[start:end] != "”"


def _in_paragraph(paragraph: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for mark in _MARK.finditer(paragraph):
        opens = _opens(paragraph, mark.start(), mark.end())
        if start is None:
            start = mark.start() if opens else None
        elif opens and paragraph[start:mark.start()].strip(" “\"'"):
            # a quotation left open before the next one starts (a paragraph-initial reopening)
            spans.append((offset + start, offset + len(paragraph[:mark.start()].rstrip())))
            start = mark.start()
        elif not opens:
            spans.append((offset + start, offset + mark.end()))
            start = None
    if start is not None:
        spans.append((offset + start, offset + len(paragraph.rstrip())))
    return spans


def quotations(text: str) -> list[tuple[int, int]]:
    """Return the character spans of quotations, quote marks included, in text order.

    Examples:
        >>> text = 'He said: “We will stay.” Then "no more".'
        >>> [text[a:b] for a, b in quotations(text)]
        ['“We will stay.”', '"no more"']
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        spans += _in_paragraph(paragraph, offset)
        offset += len(paragraph) + 1
    return [(a, b) for a, b in spans if len(text[a:b].split()) >= MIN_QUOTE_WORDS and b - a > 2]
