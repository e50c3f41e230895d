"""Frozen records a timeline is made of: references, times, event and statement entries."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kg.model import Factuality, Granularity, TimeOrigin, TimexMod, TimexType

# what a timeline entry stands for: an event, or a statement as the event of its saying
EntryKind = Literal["event", "statement"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Ref(_Record):
    """A node the entry points to: its IRI, its id under the base IRI, and the name to show."""

    iri: str
    id: str  # "actor/turkey": the IRI path after the base, unique across kinds
    name: str


class When(_Record):
    """The time of an entry: TIMEX3 value, granularity, mod, inclusive day bounds and display.

    `display` shows the value at its own granularity ("2017", "2019-08", "since 2014 (until
    2019-08-20)"); `uncertain` is True when the value is not one calendar year, month, day or
    time of day (a week, a season, a span, an approximate or open-ended value).
    """

    value: str
    type: TimexType = "DATE"
    granularity: Granularity = "unknown"
    mod: TimexMod | None = None
    earliest: date | None = None
    latest: date | None = None
    text: str | None = None
    display: str
    uncertain: bool = False

    @property
    def dated(self) -> bool:
        """Tell whether the time has a first day to sort on."""
        return self.earliest is not None


class ArticleRef(_Record):
    """Where an entry was reported."""

    iri: str
    id: str
    published: date | datetime | None = None
    publisher: str | None = None
    title: str | None = None
    url: str | None = None

    @property
    def label(self) -> str:
        """Return the publisher, else the title, else the article id."""
        return self.publisher or self.title or self.id

    @property
    def day(self) -> date | None:
        """Return the publication day, whatever the precision of `published`."""
        return self.published.date() if isinstance(self.published, datetime) else self.published

    @property
    def citation(self) -> str:
        """Return how a table cites the article: label, publication day and id.

        Examples:
            >>> ArticleRef(iri="x", id="a1", publisher="Daily Zenda",
            ...         published=date(2019, 8, 20)).citation
            'Daily Zenda, 2019-08-20 (a1)'
        """
        parts = [self.label] if self.label != self.id else []
        if self.day is not None:
            parts.append(self.day.isoformat())
        return ", ".join(parts) + f" ({self.id})" if parts else self.id


def _same(text: str) -> str:
    return text


def _one_line(text: str) -> str:
    """Return the text with each run of white space as one space, keeping its ends' spaces."""
    return re.sub(r"\s+", " ", text)


class Sentence(_Record):
    """The sentence an entry comes from, as a stretch of its article's text.

    `text` is the article's text from `start` to `end` (character offsets, end exclusive): the
    whole sentence, or, for a long one, the words around the trigger, with `cut_before` and
    `cut_after` telling where words were left out (`TimelineEntry.quote` shows them as "…").
    """

    text: str
    start: int
    end: int
    cut_before: bool = False
    cut_after: bool = False

    def marked(self, start: int, end: int, before: str = "«", after: str = "»",
               escape: Callable[[str], str] = _same) -> str:
        """Return the text on one line with the span `start`-`end` (article offsets) between
        `before` and `after` and "…" where words were cut; `escape` is applied to the text, not
        to the marks."""
        first = min(max(start - self.start, 0), len(self.text))
        last = min(max(end - self.start, first), len(self.text))
        pieces = (self.text[:first], self.text[first:last], self.text[last:])
        line = escape(_one_line(pieces[0])) + before + escape(_one_line(pieces[1])) + after \
            + escape(_one_line(pieces[2]))
        return ("…" if self.cut_before else "") + line + ("…" if self.cut_after else "")


class TimelineEntry(_Record):
    """One event as a timeline shows it: what, when, where, who, and who says so.

    A statement shows as the event of its saying (`kind` "statement", type "STATEMENT", the cue as
    trigger, the speaker as agent, the actors it names as targets). `factuality` says how real the
    text makes the event and `time_origin` where its time was read from (`kg.model.Event`).
    """

    iri: str
    id: str
    type: str  # news event class, e.g. "conflict.assault"
    cameo: str | None = None
    label: str | None = None
    trigger: str
    trigger_start: int
    trigger_end: int
    when: When | None = None
    place: Ref | None = None
    agents: tuple[Ref, ...] = ()
    targets: tuple[Ref, ...] = ()
    recipients: tuple[Ref, ...] = ()  # to whom it was given, sold, delivered
    instruments: tuple[Ref, ...] = ()  # with what it was done
    # what it was done to as the text writes it, naming no actor ("14 plants", "$6 billion")
    themes: tuple[str, ...] = ()
    # with an actor filter: the roles that actor takes here ("agent", "target", "recipient",
    # "instrument"), in that order
    roles: tuple[str, ...] = ()
    source: Ref | None = None  # the actor the event is attributed to
    article: ArticleRef
    negated: bool = False
    confidence: float = 0.5
    kind: EntryKind = "event"
    factuality: Factuality = "asserted"
    time_origin: TimeOrigin | None = None
    content: str | None = None  # what a statement says
    sentence: Sentence | None = None  # the sentence it comes from, trimmed around the trigger
    cluster: str | None = None  # the IRI of the event cluster (kg.identity.events) it reports
    reports: int = 1  # how many article-level events report that cluster's happening

    def quote(self, before: str = "«", after: str = "»",
              escape: Callable[[str], str] = _same) -> str:
        """Return the sentence with the trigger marked (`Sentence.marked`; "" with no sentence).

        Examples:
            >>> entry = TimelineEntry(iri="x", id="e", type="conflict.assault", trigger="raided",
            ...     trigger_start=10, trigger_end=16, article=ArticleRef(iri="a", id="a1"),
            ...     sentence=Sentence(text="Acme Corp raided\\nthe bridge", start=0, end=27,
            ...                       cut_after=True))
            >>> entry.quote()
            'Acme Corp «raided» the bridge…'
            >>> entry.quote("<mark>", "</mark>")
            'Acme Corp <mark>raided</mark> the bridge…'
        """
        if self.sentence is None:
            return ""
        return self.sentence.marked(self.trigger_start, self.trigger_end, before, after, escape)

    @property
    def display_date(self) -> str:
        """Return the date as shown, or "undated"."""
        return self.when.display if self.when is not None else "undated"

    @property
    def dated(self) -> bool:
        """Tell whether the entry has a first day to sort on."""
        return self.when is not None and self.when.dated

    @property
    def headline(self) -> str:
        """Return a one-line summary: agents, label (or type), targets and themes, "to"
        recipients, "with" instruments."""
        what = self.label or self.type.lower()
        if self.factuality == "negated" or (self.negated and self.factuality == "asserted"):
            what = f"not {what}"
        elif self.factuality != "asserted":
            what = f"{what} ({self.factuality.replace('_', ' ')})"
        parts = [", ".join(a.name for a in self.agents), what,
                 ", ".join([t.name for t in self.targets] + list(self.themes)),
                 "to " + ", ".join(r.name for r in self.recipients) if self.recipients else "",
                 "with " + ", ".join(i.name for i in self.instruments) if self.instruments
                 else ""]
        line = " ".join(part for part in parts if part)
        if self.kind == "statement" and self.content:
            said = " ".join(self.content.split())
            line += f": “{said[:60]}…”" if len(said) > 60 else f": “{said}”"
        return line


class StatementEntry(_Record):
    """One reported statement: who said what, about whom, when, and where it was reported."""

    iri: str
    id: str
    speaker: Ref | None = None
    cue: str
    cue_start: int
    cue_end: int | None = None
    content: str | None = None
    direct: bool = False
    channel: Ref | None = None
    about: tuple[Ref, ...] = ()
    when: When | None = None
    article: ArticleRef
    sentence: Sentence | None = None  # the sentence of the cue, trimmed around it

    def quote(self, before: str = "«", after: str = "»",
              escape: Callable[[str], str] = _same) -> str:
        """Return the sentence with the cue marked (`Sentence.marked`; "" with no sentence)."""
        if self.sentence is None:
            return ""
        end = self.cue_end if self.cue_end is not None else self.cue_start + len(self.cue)
        return self.sentence.marked(self.cue_start, end, before, after, escape)

    @property
    def display_date(self) -> str:
        """Return the date as shown, or "undated"."""
        return self.when.display if self.when is not None else "undated"


class Timeline(_Record):
    """Entries in chronological order, and the undated ones kept apart (never dropped)."""

    entries: tuple[TimelineEntry, ...] = ()
    undated: tuple[TimelineEntry, ...] = ()
    title: str = "Timeline"

    def __len__(self) -> int:
        return len(self.entries) + len(self.undated)

    @property
    def all(self) -> tuple[TimelineEntry, ...]:
        """Return the dated entries, then the undated ones."""
        return self.entries + self.undated


class Claim(_Record):
    """What one report of an event cluster says on an aspect the reports disagree on."""

    # "time", "agents" (who did it), "factuality" (whether it happened), "victims", "amount"
    aspect: str
    value: str  # a TIMEX3 value, the agents' canonical names, a factuality, or number phrases
    report: str  # the id of the article-level event ("event/a1-e10")
    article: ArticleRef | None = None  # where it was reported (publisher, date)
    source: Ref | None = None  # the actor the report is attributed to


class ReportGroup(_Record):
    """The reports of one event cluster (`kg.identity.events`), side by side, in time order.

    `differs` names the aspects the reports disagree on ("time", "agents", "factuality",
    "victims", "amount"), and
    `claims` gives each report's value for each of them, with its article and source.
    """

    entries: tuple[TimelineEntry, ...]
    differs: tuple[str, ...] = ()
    iri: str | None = None  # the event cluster
    reports: int = 0  # reports in the store (entries may be fewer if some were filtered out)
    claims: tuple[Claim, ...] = ()


class ActorReport(_Record):
    """What an actor did (events it is agent or target of) and said (its statements)."""

    actor: str
    did: Timeline
    said: tuple[StatementEntry, ...] = ()
