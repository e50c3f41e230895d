"""Read the header of a plain-text article: publication date, page date, dateline, body start.

Wire and web copies often start with lines that are not the story: a crawl or page date
("Monday 06 July 2020"), ids ("News ID: 69534"), a labelled publication date
("Publish Date: 20 August 2019 - 21:19"), then a dateline in front of the first sentence
("MAARET AL-NOMAN, Syria (Dispatches) –"). Only a labelled date is the publication date.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateparser

from kg.model import Dateline, Record, Span

_HEADER_LINES = 12  # header lines are only looked for at the top of the text
_LONGEST_DATE = 100  # characters; "Tuesday, 20 August 2019 at 21:19 GMT+03:00" is 42
# the label only: the value is the rest of the line, cut in Python (a lazy `.+?` before `\s*$`
# rescans the trailing spaces at every step, quadratic in a line of many spaces)
_DATE_LABEL = re.compile(
    r"\s*(?:publish(?:ed)?(?:\s+(?:date|on|at))?|date\s+published|posted(?:\s+on)?|"
    r"first\s+published|release\s+date|dated?)\s*[:\-–]?\s*",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"^\s*(?:updated|last\s+modified|modified)\b", re.IGNORECASE)
_META_LINE = re.compile(r"^\s*(?:news\s+id|id|source|by|author|tags?|category)\s*[:#]", re.I)
# "MAARET AL-NOMAN, Syria (Dispatches) –", "WASHINGTON (Reuters) -", "LONDON, March 3 (AFP) -"
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.\- ]{1,40}[A-Z.])"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.\- ]{1,30}?))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*(?:\((?P<agency>[^()\n]{1,40})\))?"
    r"\s*(?:[–—-]{1,2}|:)\s+"
)


class Header(Record):
    """What the top of a plain-text article says about it."""

    published: date | datetime | None = None
    page_date: date | None = None
    dateline: Dateline | None = None
    body_start: int = 0


def parse_date(value: str) -> date | datetime | None:
    """Parse a written date, keeping its precision: a day, or a datetime when a clock time is given.

    Returns None when the text does not name a full day.

    Examples:
        >>> parse_date("20 August 2019 - 21:19")
        datetime.datetime(2019, 8, 20, 21, 19)
        >>> parse_date("Monday 06 July 2020")
        datetime.date(2020, 7, 6)
        >>> parse_date("July 2020") is None
        True
    """
    # whitespace collapsed first: `\s+` before a dash rescans a long run of spaces at every
    # start, quadratic in a header line of 80,000 spaces
    cleaned = " ".join(value.split())
    if len(cleaned) > _LONGEST_DATE:
        return None  # not a date, and dateutil's time grows with every word
    cleaned = re.sub(r" [-–—|] ", " ", cleaned)
    if not re.search(r"\d", cleaned):
        return None
    results = []
    # a field missing from the text takes the default, so two defaults tell what was written
    for default in (datetime(1901, 1, 1, 0, 0, 0), datetime(1902, 2, 2, 1, 1, 1)):
        try:
            results.append(dateparser.parse(cleaned, default=default, dayfirst=False))
        except (ValueError, OverflowError, TypeError):
            return None
    first, second = results
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None
    if (first.hour, first.minute) != (second.hour, second.minute):
        return first.date()  # no clock time written: keep the day, never pad to midnight
    return first


def _labelled_value(line: str) -> str | None:
    """Return the value after a publication-date label ("Published on: VALUE"), if the line has one.

    Examples:
        >>> _labelled_value("Publish Date: 20 August 2019 - 21:19")
        '20 August 2019 - 21:19'
        >>> _labelled_value("Paris is calm") is None
        True
    """
    label = _DATE_LABEL.match(line)
    value = line[label.end():].strip() if label is not None else ""
    return value or None


def _lines(text: str) -> list[tuple[int, str, int]]:
    """Return each line's offset, its text without the line break, and the next line's offset."""
    out: list[tuple[int, str, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        out.append((offset, line.rstrip("\r\n"), offset + len(line)))
        offset += len(line)
    return out


def analyse(text: str, *, title: str | None = None) -> Header:
    """Find the publication date, the page date, the dateline and where the story begins.

    Examples:
        >>> h = analyse("Monday 06 July 2020\\nPublish Date: 20 August 2019 - 21:19\\n"
        ...             "PARIS, France (AFP) – It rained.")
        >>> h.published, h.page_date, h.dateline.agency, h.dateline.place_name
        (datetime.datetime(2019, 8, 20, 21, 19), datetime.date(2020, 7, 6), 'AFP', 'Paris')
    """
    published: date | datetime | None = None
    page_date: date | None = None
    body_start = 0
    for _offset, line, next_offset in _lines(text)[:_HEADER_LINES]:
        stripped = line.strip()
        if not stripped:
            body_start = next_offset
            continue
        labelled = _labelled_value(stripped)
        if title is not None and stripped == title.strip():
            pass  # the headline repeated above the story
        elif labelled and (value := parse_date(labelled)) is not None:
            published = published or value
        elif _UPDATED.match(stripped) or _META_LINE.match(stripped):
            pass
        elif len(stripped) <= 40 and (value := parse_date(stripped)) is not None:
            # a date alone on a line is a page or crawl date, not the publication date
            page_date = page_date or (value.date() if isinstance(value, datetime) else value)
        else:
            break
        body_start = next_offset
    dateline = _dateline(text, body_start)
    if dateline is not None and dateline.span is not None:
        # the dateline is not part of the story's first sentence
        body_start = dateline.span.end
        while body_start < len(text) and text[body_start].isspace():
            body_start += 1
    return Header(published=published, page_date=page_date, dateline=dateline,
                  body_start=body_start)


def _dateline(text: str, body_start: int) -> Dateline | None:
    match = _DATELINE.match(text, body_start)
    if match is None or not (match.group("agency") or match.group("region")):
        return None
    raw = match.group(0).rstrip()
    place = match.group("place").strip()
    return Dateline(
        text=raw,
        span=Span(start=match.start(), end=match.start() + len(raw), text=raw),
        place_name=_title(place),
        region=(match.group("region") or "").strip() or None,
        agency=(match.group("agency") or "").strip() or None,
    )


def _title(name: str) -> str:
    """Title-case an upper-case dateline place, keeping particles lower-case.

    Examples:
        >>> _title("MAARET AL-NOMAN")
        'Maaret al-Noman'
    """
    words = []
    for word in name.lower().split(" "):
        parts = [p if p in {"al", "el", "de", "la", "le", "du", "di", "von", "van"} and i == 0
                 and "-" in word else p.capitalize() for i, p in enumerate(word.split("-"))]
        words.append("-".join(parts))
    return " ".join(words)
