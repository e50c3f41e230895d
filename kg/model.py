"""Frozen pydantic records: the article, what is read out of it, and the per-article `Extraction`.

Records point to each other by id, never by nesting copies. Offsets index `Article.text`
exactly as read. World time (`Event.time`) and source time (`Article.published`) stay apart.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from kg.errors import KGError


def _stripped(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be blank")
    return text.strip()


def _key(text: str) -> str:
    if text.split() != [text]:  # empty, or whitespace anywhere (one C pass, not a loop)
        raise ValueError(f"id must be non-empty with no whitespace, got {text!r}")
    return text


Name = Annotated[str, AfterValidator(_stripped)]
Key = Annotated[str, AfterValidator(_key)]
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]
# a rule's dotted name, "<stage>.<group>.<name>" ("statements.cue.according_to")
RuleName = Annotated[str, Field(pattern=r"^[a-z]+(\.[a-z0-9_]+)+$")]

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Granularity = Literal[
    "century", "decade", "year", "half", "quarter", "season", "month", "week", "day",
    "part_of_day", "hour", "minute", "second", "duration", "set", "present", "unknown",
]
TimexMod = Literal[
    "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
    "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX", "SINCE", "UNTIL",
]
ActorKind = Literal[
    "person", "organisation", "government", "military", "armed_group", "media",
    "country", "group", "product", "financial", "other",
]
# the event classes of TimeML 1.2.1
TimemlClass = Literal[
    "OCCURRENCE", "REPORTING", "PERCEPTION", "ASPECTUAL", "I_ACTION", "I_STATE", "STATE",
]
# how real the text makes an event (GRaSP/FactBank spirit; kg/extract/events/factuality.py)
Factuality = Literal[
    "asserted", "negated", "possible", "planned", "demanded", "ruled_out", "reported",
]
# where an event's time was read from: its own clause (or a clause of its own sentence that
# governs it), the narrative (an earlier sentence), or the publication day as a last resort
TimeOrigin = Literal["stated", "narrative", "published"]
# the roles a phrase of the text can fill in an event (PropBank Arg0, Arg1, Arg2, and the
# instrument); "target" is the patient or theme, whom or what it was done to
# "place" is a location as written that names no place of the gazetteer ("along the highway")
ParticipantRole = Literal["agent", "target", "recipient", "instrument", "place"]
PlaceKind = Literal[
    "continent", "country", "region", "admin1", "admin2", "city", "town", "village",
    "facility", "geo", "other",
]


class Record(BaseModel):
    """Base of every record: frozen, and unknown fields are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    """A stretch of the article text: character offsets, end exclusive, and the text there."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class Dateline(Record):
    """The dateline in front of a story: raw text, the filing place and the agency."""

    text: Name
    span: Span | None = None
    place: Key | None = None  # place id
    place_name: str | None = None
    region: str | None = None  # "Syria" in "MAARET AL-NOMAN, Syria (Dispatches) –"
    agency: str | None = None


class Article(Record):
    """One news article as read from a file or record."""

    id: Key
    text: str
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: date | datetime | None = None  # when the source said it; drives relative times
    page_date: date | None = None  # a crawl or page date found in the text, kept apart
    dateline: Dateline | None = None
    language: str = "en"
    body_start: int = Field(default=0, ge=0)  # where the story proper begins (after header lines)
    source_path: str | None = None

    @property
    def text_hash(self) -> str:
        """Return the SHA-256 of the text, the key for resume and replace."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def published_date(self) -> date | None:
        """Return the publication day, whatever the precision of `published`."""
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


class TimeValue(Record):
    """A normalised time: TIMEX3 type and value, granularity, and inclusive day bounds.

    `begin`/`end` are the earliest and latest days the value can cover, so a query can sort and
    filter on them; `value` keeps the granularity ("2017" stays a year).
    """

    type: TimexType = "DATE"
    value: str
    granularity: Granularity = "day"
    begin: date | None = None
    end: date | None = None
    mod: TimexMod | None = None

    @model_validator(mode="after")
    def _bounds(self) -> TimeValue:
        if self.begin and self.end and self.end < self.begin:
            raise ValueError(f"time {self.value!r} ends {self.end} before it begins {self.begin}")
        return self


class Timex(Record):
    """A time expression found in the text, with its normalised value."""

    id: Key
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    type: TimexType = "DATE"
    value: str
    granularity: Granularity = "day"
    begin: date | None = None
    until: date | None = None  # latest day covered; `end` is the character offset
    mod: TimexMod | None = None

    @property
    def span(self) -> Span:
        """Return where the expression stands."""
        return Span(start=self.start, end=self.end, text=self.text)

    @property
    def time(self) -> TimeValue:
        """Return the normalised value as a `TimeValue`."""
        return TimeValue(type=self.type, value=self.value, granularity=self.granularity,
                         begin=self.begin, end=self.until, mod=self.mod)


class Actor(Record):
    """Someone who acts or speaks: a person, organisation, state, armed group, outlet."""

    id: Key
    name: Name
    kind: ActorKind = "other"
    aliases: tuple[Name, ...] = ()
    titles: tuple[Name, ...] = ()
    mentions: tuple[Span, ...] = ()
    affiliation: Key | None = None  # actor id
    country: Key | None = None  # place id of the state it belongs to or is
    links: tuple[str, ...] = ()  # external IRIs (GeoNames, Wikidata)


class Place(Record):
    """A place, with its gazetteer identity and containment."""

    id: Key
    name: Name
    kind: PlaceKind = "other"
    within: Key | None = None  # place id
    geonames_id: int | None = None
    country_code: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    aliases: tuple[Name, ...] = ()
    mentions: tuple[Span, ...] = ()
    # how sure the gazetteer reading is (kg.extract.places): None where no reading was chosen
    # among others (a place not in the gazetteer, or one added as the container of another)
    confidence: Confidence | None = None


class Participant(Record):
    """One phrase that fills a role of an event as the text writes it ("it", "the planemaker",
    "14 plants", "$6 billion"), with the actor it names or stands for when there is one; a
    theme that is no actor (an amount, a generic noun phrase) has none."""

    role: ParticipantRole
    mention: Span
    actor: Key | None = None


class Event(Record):
    """Who did what to whom, where and when, as one node carrying its time."""

    id: Key
    type: str  # news event class of ontology/event_classes.ttl, e.g. "conflict.assault"
    cameo: str | None = None  # CAMEO code, e.g. "195"
    label: str | None = None  # lemma of the trigger, e.g. "withdraw"
    timeml_class: TimemlClass | None = None  # TimeML event class, e.g. "OCCURRENCE"
    trigger: Span
    agents: tuple[Key, ...] = ()
    targets: tuple[Key, ...] = ()  # patient or theme: whom or what it was done to
    recipients: tuple[Key, ...] = ()  # to whom it was given, sold, delivered
    instruments: tuple[Key, ...] = ()  # with what it was done
    place: Key | None = None
    # every phrase read for a role, in the order read: the evidence of the four tuples above,
    # and the themes that are no actor
    participants: tuple[Participant, ...] = ()
    time: TimeValue | None = None
    time_span: Span | None = None  # the expression the time was read from, if any
    source: Key | None = None  # actor the event is attributed to
    negated: bool = False  # derived: factuality is negated or ruled_out
    factuality: Factuality = "asserted"  # whether it happened as told
    time_origin: TimeOrigin | None = None  # None when the event has no time
    confidence: Confidence = 0.5
    rule: RuleName | None = None  # the extraction rule that made it, e.g. "events.trigger.verb"


class Statement(Record):
    """Reported speech: who said what, through which channel, when."""

    id: Key
    speaker: Key | None = None  # actor id
    speaker_mention: Span | None = None
    cue: Span
    content: Span | None = None
    direct: bool = False
    channel: Key | None = None  # actor id of the outlet it was said to or through
    date: str | None = None  # TIMEX3 value
    reports: tuple[Key, ...] = ()  # event ids
    confidence: Confidence = 0.5
    rule: RuleName | None = None  # the cue rule that made it, e.g. "statements.cue.according_to"


class Failure(Record):
    """An article (or input) that could not be extracted: its id and what went wrong, as plain
    text that crosses processes and goes into reports."""

    article_id: str
    message: str

    def error(self) -> KGError:
        """Return the failure as a `KGError` naming the article."""
        return KGError(f"{self.article_id}: {self.message}")


class ExtractionRun(Record):
    """What produced an extraction: tool, version, model and settings (a PROV-O activity, whose
    software agent is the tool and model). No times: a record, and the graph made from it, is the
    same for the same input; `kg.ingest` records when each run started and ended."""

    tool: str = "kg"
    version: str
    model: str
    model_version: str
    stages: tuple[str, ...]
    settings_hash: str
    # what decides the output (code, lexicons, model, settings; kg.extract.version); None in
    # graphs made before it was recorded, which a re-ingest therefore treats as stale
    extractor: str | None = None


class Extraction(Record):
    """Everything read out of one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()
    run: ExtractionRun | None = None

    def extend(self, **fields: object) -> Extraction:
        """Return a new, validated extraction with the given fields appended or replaced.

        Tuple fields are appended to; `article` and `run` are replaced. The new values are
        validated (dicts become records, anything else of the wrong type is refused); records
        already held are frozen and were validated when made, so they are kept as they are
        rather than dumped and read again (which cost more than some stages).
        """
        data = self._fields(fields)
        for name, value in fields.items():
            if name in ("article", "run"):
                data[name] = value
            else:
                data[name] = (*data[name], *value)  # type: ignore[misc]
        return Extraction.model_validate(data)

    def replace(self, **fields: object) -> Extraction:
        """Return a new, validated extraction with the given fields replaced outright."""
        data = self._fields(fields)
        data.update(fields)
        return Extraction.model_validate(data)

    def _fields(self, changes: dict[str, object]) -> dict[str, object]:
        """Return this extraction's fields by name, after checking the names of `changes`."""
        for name in changes:
            if name not in type(self).model_fields:
                raise ValueError(f"unknown extraction field {name!r}")
        return dict(self)
