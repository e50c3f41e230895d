"""Rich notebook display: HTML tables and cards for timelines, statements, reports of one event,
query results and records, and interactive plotly charts: a timeline (`timeline_chart`), an
actor network (`network_chart`) and a map of places (`places_map`). plotly.js ships inside the
plotly package and the charts need no map tiles, so nothing is fetched from the network.

`enable()` makes IPython show timelines, actor reports, query results, entries and extraction
records as HTML without further calls; `table(obj)` and `card(record)` return an object whose
`_repr_html_` does the same anywhere.
"""

from __future__ import annotations

from kg.display._cards import card
from kg.display._map import COUNTRIES, OTHER_PLACES, places_map, spots
from kg.display._network import (
    UNKNOWN,
    actor_kinds,
    canonical_actors,
    canonical_map,
    network_chart,
)
from kg.display._render import use_offline_renderer
from kg.display._tables import (
    Displayable,
    Html,
    reports_html,
    result_html,
    statements_html,
    table,
    timeline_html,
)
from kg.display._timeline_chart import GROUPS, NO_ACTOR, OTHER, GroupBy, lane_of, timeline_chart
from kg.model import Actor, Event, Extraction, Place, Statement
from kg.store import QueryResult
from kg.timeline import ActorReport, StatementEntry, Timeline, TimelineEntry

__all__ = [
    "COUNTRIES",
    "GROUPS",
    "NO_ACTOR",
    "OTHER",
    "OTHER_PLACES",
    "UNKNOWN",
    "Displayable",
    "GroupBy",
    "Html",
    "actor_kinds",
    "canonical_actors",
    "canonical_map",
    "card",
    "enable",
    "lane_of",
    "network_chart",
    "places_map",
    "reports_html",
    "result_html",
    "spots",
    "statements_html",
    "table",
    "timeline_chart",
    "timeline_html",
    "use_offline_renderer",
]


def enable(shell: object | None = None) -> bool:
    """Make IPython show timelines, actor reports and query results as HTML tables, and timeline
    entries, statements and extraction records (`Event`, `Statement`, `Actor`, `Place`,
    `Extraction`) as HTML cards; make plotly show charts offline (`use_offline_renderer`).

    Args:
        shell: The IPython shell; the running one if not given.

    Returns:
        False when not running under IPython (nothing is registered), else True.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["text/html"]  # type: ignore[union-attr]
    for kind in (Timeline, ActorReport, QueryResult):
        formatter.for_type(kind, lambda obj: table(obj).text)
    for record in (TimelineEntry, StatementEntry, Event, Statement, Actor, Place, Extraction):
        formatter.for_type(record, lambda obj: card(obj).text)
    use_offline_renderer()
    return True
