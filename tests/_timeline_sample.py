"""Two invented articles about Ruritania, written as kg records for the timeline and export tests.

They cover every way a time can be known: a day, a month, a year, an interval ("since 2014"), a
week, and no time at all; two articles report the same raid with different dates and sources.
"""

from __future__ import annotations

from datetime import date

from rdflib import Graph

from kg.model import (
    Actor,
    Article,
    Event,
    Extraction,
    Participant,
    Place,
    Span,
    Statement,
    TimeValue,
)
from kg.rdf import to_graph

FIRST = (
    "Acme Corp raided the Old Bridge in Strelsau on Sunday, Jane Doe said. "
    "Ruritania has shelled Strelsau since 2014. Protesters marched in Strelsau in August. "
    "In 2017 Acme Corp attacked Zenda. Ruritania demanded answers. "
    "Jane Doe said Acme Corp broke the law."
)
SECOND = (
    "Ruritania said Acme Corp raided the Old Bridge on Saturday. "
    "Last week Ruritania sealed Strelsau. Officials denied that Acme Corp was ever there."
)


def span(text: str, phrase: str, nth: int = 0) -> Span:
    """Return the span of the nth occurrence of a phrase in a text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start=start, end=start + len(phrase), text=phrase)


def _time(value: str, granularity: str, begin: date, end: date, mod: str | None = None
          ) -> TimeValue:
    return TimeValue.model_validate({"value": value, "granularity": granularity,
                                     "begin": begin, "end": end, "mod": mod})


def _places(text: str) -> tuple[Place, ...]:
    places = [
        Place(id="geonames-1", name="Ruritania", kind="country"),
        Place(id="geonames-2", name="Strelsau", kind="city", within="geonames-1",
              aliases=("Strelsaw",), mentions=(span(text, "Strelsau"),)),
        Place(id="old-bridge", name="the Old Bridge", kind="facility", within="geonames-2"),
        Place(id="zenda", name="Zenda", kind="town", within="geonames-1"),
    ]
    return tuple(p for p in places if p.id != "zenda" or "Zenda" in text)


def _event(text: str, key: str, trigger: str, kind: str, **fields: object) -> Event:
    where = span(text, trigger)
    return Event.model_validate({"id": f"{key}-e{where.start}", "type": kind, "label": trigger,
                                 "trigger": where, **fields})


def first() -> Extraction:
    """The first article: a raid (day), shelling since 2014, a march (month), an attack in 2017
    (year), an undated demand, and two statements."""
    text, key = FIRST, "a1"
    actors = (
        Actor(id="acme-corp", name="Acme Corp", kind="organisation", aliases=("Acme",),
              mentions=(span(text, "Acme Corp"), span(text, "Acme Corp", 2))),
        Actor(id="jane-doe", name="Jane Doe", kind="person", mentions=(span(text, "Jane Doe"),)),
        Actor(id="ruritania", name="Ruritania", kind="country",
              mentions=(span(text, "Ruritania"),)),
    )
    events = (
        _event(text, key, "raided", "conflict.assault", agents=("acme-corp",), place="old-bridge",
               source="jane-doe", time=_time("2019-08-18", "day", date(2019, 8, 18),
                                             date(2019, 8, 18))),
        _event(text, key, "shelled", "conflict.assault", agents=("ruritania",), place="geonames-2",
               time=_time("2014", "year", date(2014, 1, 1), date(2019, 8, 20), "SINCE")),
        _event(text, key, "marched", "conflict.protest", place="geonames-2",
               time=_time("2019-08", "month", date(2019, 8, 1), date(2019, 8, 31))),
        _event(text, key, "attacked", "conflict.assault", agents=("acme-corp",), place="zenda",
               time=_time("2017", "year", date(2017, 1, 1), date(2017, 12, 31))),
        _event(text, key, "demanded", "conflict.request", agents=("ruritania",),
               targets=("acme-corp",), recipients=("jane-doe",), participants=(
                   Participant(role="agent", mention=span(text, "Ruritania", 1),
                               actor="ruritania"),
                   Participant(role="target", mention=span(text, "answers")))),
    )
    statements = (
        Statement(id=f"{key}-s{span(text, 'said').start}", speaker="jane-doe",
                  cue=span(text, "said"), content=span(text, "Acme Corp raided the Old Bridge"),
                  reports=(events[0].id,)),
        Statement(id=f"{key}-s{span(text, 'said', 1).start}", speaker="jane-doe",
                  cue=span(text, "said", 1), content=span(text, "Acme Corp broke the law"),
                  direct=False),
    )
    article = Article(id=key, text=text, published=date(2019, 8, 20), publisher="Daily Zenda",
                      title="Raid in Strelsau", url="https://example.org/a1")
    return Extraction(article=article, actors=actors, places=_places(text), events=events,
                      statements=statements)


def second() -> Extraction:
    """The second article: the same raid a day earlier by another source, a week-long siege."""
    text, key = SECOND, "a2"
    actors = (
        Actor(id="acme-corp", name="Acme Corp", kind="organisation",
              mentions=(span(text, "Acme Corp"), span(text, "Acme Corp", 1))),
        Actor(id="ruritania", name="Ruritania", kind="country",
              mentions=(span(text, "Ruritania"),)),
    )
    events = (
        _event(text, key, "raided", "conflict.assault", agents=("acme-corp",), place="old-bridge",
               source="ruritania", time=_time("2019-08-17", "day", date(2019, 8, 17),
                                              date(2019, 8, 17))),
        _event(text, key, "sealed", "conflict.coerce", agents=("ruritania",), place="geonames-2",
               time=_time("2019-W34", "week", date(2019, 8, 19), date(2019, 8, 25))),
    )
    statements = (
        Statement(id=f"{key}-s{span(text, 'denied').start}", cue=span(text, "denied"),
                  content=span(text, "that Acme Corp was ever there")),
    )
    article = Article(id=key, text=text, published=date(2019, 9, 2), publisher="Strelsau Post")
    return Extraction(article=article, actors=actors, places=_places(text), events=events,
                      statements=statements)


def graphs() -> list[Graph]:
    """Return the two article graphs as kg.rdf maps them."""
    return [to_graph(first()), to_graph(second())]


def extractions() -> list[Extraction]:
    """Return both extractions."""
    return [first(), second()]
