"""Find quotations: spans between matching quote marks, including the marks.

News convention: a quotation running over several paragraphs leaves each paragraph but the last
unclosed and reopens the next one, so an unclosed quote ends at its paragraph's end.
"""

from __future__ import annotations

import re

_OPEN = "“"
_CLOSE = "”"
_PARAGRAPH = re.compile(r"\n")
MIN_QUOTE_WORDS = 1


def _paragraph_end(text: str, start: int) -> int:
    found = _PARAGRAPH.search(text, start)
    return found.start() if found else len(text)


def _curly(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    i = text.find(_OPEN)
    while i != -1:
        limit = _paragraph_end(text, i)
        close = text.find(_CLOSE, i + 1, limit)
        reopen = text.find(_OPEN, i + 1, limit)
        if close != -1 and (reopen == -1 or close < reopen):
            spans.append((i, close + 1))
            i = text.find(_OPEN, close + 1)
        else:
            end = reopen if reopen != -1 else limit
            spans.append((i, len(text[:end].rstrip())))
            i = text.find(_OPEN, end) if reopen == -1 else reopen
    return spans


def _straight(text: str, mark: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for paragraph in text.split("\n"):
        marks = [m.start() + pos for m in re.finditer(re.escape(mark), paragraph)]
        for a, b in zip(marks[0::2], marks[1::2], strict=False):
            spans.append((a, b + len(mark)))
        if len(marks) % 2:
            spans.append((marks[-1], pos + len(paragraph.rstrip())))
        pos += len(paragraph) + 1
    return spans


def quotations(text: str) -> list[tuple[int, int]]:
    """Return the character spans of quotations, quote marks included, in text order.

    Examples:
        >>> text = 'He said: “We will stay.” Then "no more".'
        >>> [text[a:b] for a, b in quotations(text)]
        ['“We will stay.”', '"no more"']
    """
    spans = _curly(text) + _straight(text, '"') + _straight(text, "''")
    spans = [(a, b) for a, b in spans if len(text[a:b].split()) >= MIN_QUOTE_WORDS and b - a > 2]
    return sorted(set(spans))
