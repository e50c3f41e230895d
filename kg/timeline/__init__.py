"""networkx timeline helpers: read events and statements from any store into frozen records,
order them by their uncertain times, and view them as graphs (actor-event-place, who acted on
whom, who said what about whom, chronological order); the event clusters of `kg.identity.events`
give one row per happening (`one_per_cluster`) and its reports side by side, disagreements and
all (`event_clusters`, `conflicts`).

Read with `timeline(store, place=..., actor=..., event_type=..., start=..., end=...)`,
`statements(store, speaker=..., about=...)` and `actor_report(store, actor)` (an actor's
timeline shows its statements too, and what the text asserts unless asked for all
factualities); every other function takes the records first and returns new objects.
"""

from __future__ import annotations

from kg.timeline._clusters import conflicts, event_clusters, one_per_cluster
from kg.timeline._dates import make_when, sort_key
from kg.timeline._load import (
    FACTUAL,
    FACTUALITIES,
    Source,
    actor_iris,
    actor_report,
    as_store,
    entries_of,
    event_graph,
    statements,
    timeline,
    with_sentences,
)
from kg.timeline._records import (
    ActorReport,
    ArticleRef,
    Claim,
    Ref,
    ReportGroup,
    Sentence,
    StatementEntry,
    Timeline,
    TimelineEntry,
    When,
)
from kg.timeline._views import (
    as_of,
    between,
    build,
    chronology,
    interactions,
    make_timeline,
    ordered,
    said_about,
)

__all__ = [
    "FACTUAL",
    "FACTUALITIES",
    "ActorReport",
    "ArticleRef",
    "Claim",
    "Ref",
    "ReportGroup",
    "Sentence",
    "Source",
    "StatementEntry",
    "Timeline",
    "TimelineEntry",
    "When",
    "actor_report",
    "actor_iris",
    "as_of",
    "as_store",
    "between",
    "build",
    "chronology",
    "conflicts",
    "entries_of",
    "event_clusters",
    "event_graph",
    "interactions",
    "make_timeline",
    "make_when",
    "one_per_cluster",
    "ordered",
    "said_about",
    "sort_key",
    "statements",
    "timeline",
    "with_sentences",
]
