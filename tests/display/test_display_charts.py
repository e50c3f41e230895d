"""Tests for the charts of kg/display: the timeline (lanes, ranges and one-day marks, sentences
on hover), the actor network (names, kinds, weights) and the map of places, on the invented
Ruritania articles in a real store."""

from __future__ import annotations

from collections.abc import Iterator

import plotly.graph_objects as go
import pytest
from IPython.core.interactiveshell import InteractiveShell

from kg import display
from kg import timeline as tl
from kg.errors import KGError
from kg.model import Extraction, Place
from kg.query import run_named
from kg.rdf import to_graph
from kg.store import Store, open_store
from tests._timeline_sample import extractions

# coordinates for two of the invented places, as the gazetteer gives them for real ones
COORDINATES = {"geonames-2": (45.0, 20.0), "old-bridge": (45.1, 20.2)}


def _located(extraction: Extraction) -> Extraction:
    places = tuple(Place.model_validate({**p.model_dump(), "latitude": COORDINATES[p.id][0],
                                         "longitude": COORDINATES[p.id][1]})
                   if p.id in COORDINATES else p for p in extraction.places)
    return extraction.replace(places=places)


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with open_store("memory") as opened:
        for extraction in extractions():
            located = _located(extraction)
            opened.put(to_graph(located), text_hash=located.article.text_hash)
        yield opened


@pytest.fixture(scope="module")
def sample(store: Store) -> tl.Timeline:
    return tl.timeline(store)


def _marks(figure: go.Figure) -> list[tuple[str, object, str]]:
    """Return (trace type, y, hover text) of every mark a chart draws."""
    return [(trace.type, y, hover) for trace in figure.data
            for y, hover in zip(trace.y, trace.hovertext, strict=True)]


def _span(entry: tl.TimelineEntry) -> int:
    assert entry.when is not None and entry.when.earliest is not None
    return ((entry.when.latest or entry.when.earliest) - entry.when.earliest).days


@pytest.mark.parametrize("group_by", display.GROUPS)
def test_timeline_chart_draws_one_mark_per_dated_entry(sample: tl.Timeline,
                                                       group_by: display.GroupBy) -> None:
    marks = _marks(display.timeline_chart(sample, group_by=group_by))
    assert len(marks) == len(sample.entries)
    bars = sum(1 for kind, *_ in marks if kind == "bar")
    assert bars == sum(1 for e in sample.entries if _span(e) > 0)  # ranges are bars
    assert len(marks) - bars == sum(1 for e in sample.entries if _span(e) == 0)  # days: diamonds


def test_timeline_chart_bar_covers_every_possible_day(sample: tl.Timeline) -> None:
    figure = display.timeline_chart(sample)
    bars = [(base, width, hover) for trace in figure.data if trace.type == "bar"
            for base, width, hover in zip(trace.base, trace.x, trace.hovertext, strict=True)]
    year = next((base, width) for base, width, hover in bars if hover.startswith("<b>2017</b>"))
    assert year == ("2017-01-01", 365 * 86_400_000)  # every day of the year, in milliseconds
    since = next(width for _, width, hover in bars if hover.startswith("<b>since 2014"))
    assert since > 5 * 365 * 86_400_000  # up to publication


def test_timeline_chart_hover_carries_sentence_source_and_facts(sample: tl.Timeline) -> None:
    hovers = [hover for *_, hover in _marks(display.timeline_chart(sample))]
    raid = next(h for h in hovers if "Jane Doe" in h and "<b>raided</b>" in h)
    assert "Acme Corp <b>raided</b> the Old Bridge in Strelsau on Sunday" in raid
    assert "according to: Jane Doe" in raid and "factuality: asserted" in raid
    assert "Daily Zenda, 2019-08-20 (a1)" in raid and "place: the Old Bridge" in raid
    for entry in sample.entries:  # every mark quotes its own sentence, trigger in bold
        assert sum(f"<b>{entry.trigger}</b>" in h and entry.display_date in h
                   for h in hovers) >= 1


def test_timeline_chart_lanes_are_actor_names_or_types(sample: tl.Timeline) -> None:
    by_actor = display.timeline_chart(sample, group_by="actor").layout.yaxis.ticktext
    assert {label.rsplit(" (", 1)[0] for label in by_actor} == {
        display.lane_of(e, "actor") for e in sample.entries}
    assert "Acme Corp (3)" in by_actor  # the raid twice and the 2017 attack
    by_type = display.timeline_chart(sample, group_by="type").layout.yaxis.ticktext
    assert {label.rsplit(" (", 1)[0] for label in by_type} == {e.type for e in sample.entries}


def test_timeline_chart_puts_the_least_busy_lanes_together(sample: tl.Timeline) -> None:
    lanes = display.timeline_chart(sample, group_by="type", max_groups=2).layout.yaxis.ticktext
    assert len(lanes) == 2 and lanes[-1].startswith(display.OTHER)


def test_timeline_chart_refuses_unknown_grouping(sample: tl.Timeline) -> None:
    with pytest.raises(KGError, match="'place'"):
        display.timeline_chart(sample, group_by="place")  # type: ignore[arg-type]


def test_network_chart_labels_actors_by_name_coloured_by_kind(
        store: Store, sample: tl.Timeline) -> None:
    figure = display.network_chart(sample, statements=tl.statements(store),
                                   actors=run_named(store, "list_actors"))
    nodes = {trace.name: list(trace.text) for trace in figure.data if trace.mode == "markers+text"}
    assert nodes == {"country": ["Ruritania"], "organisation": ["Acme Corp"],
                     "person": ["Jane Doe"]}


def test_network_chart_draws_the_nodes_of_one_actor_as_one(store: Store,
                                                          sample: tl.Timeline) -> None:
    """Nodes that the identity layer joins (here: Jane Doe's and Acme Corp's, as if one actor)
    are one dot under the canonical name, and what one did to the other is no line."""
    actors = {str(row["name"]): str(row["actor"])
              for row in run_named(store, "list_actors").records()}
    joined = "https://example.org/canonical/acme"
    same = {actors["Jane Doe"]: (joined, "Acme Group"), actors["Acme Corp"]: (joined, "Acme Group")}
    figure = display.network_chart(sample, statements=tl.statements(store), same=same)
    names = sorted(text for trace in figure.data if trace.mode == "markers+text"
                   for text in trace.text)
    assert names == ["Acme Group", "Ruritania"]
    pairs = [h for trace in figure.data if trace.mode == "markers" for h in trace.hovertext]
    assert pairs and all("<b>Acme Group</b> – <b>Ruritania</b>" in h
                         or "<b>Ruritania</b> – <b>Acme Group</b>" in h for h in pairs)


def test_network_chart_weighs_each_pair_by_its_events_and_statements(
        store: Store, sample: tl.Timeline) -> None:
    statements = tl.statements(store)
    figure = display.network_chart(sample, statements=statements)
    middles = {trace.name: list(trace.hovertext) for trace in figure.data
               if trace.mode == "markers" and trace.name in ("acted on", "spoke about")}
    acted = tl.interactions(sample).number_of_edges()
    spoke = tl.said_about(statements).number_of_edges()
    total = {name: sum(int(h.split("</b>: ")[1].split(" ")[0]) for h in hovers)
             for name, hovers in middles.items()}
    assert total == {"acted on": acted, "spoke about": spoke}
    pair = "<b>Acme Corp</b> – <b>Ruritania</b>: 1 event (acted on)<br>Ruritania → Acme Corp, "
    assert any(h.startswith(pair) for h in middles["acted on"])
    assert all(trace.name == "unknown" for trace in figure.data if trace.mode == "markers+text")


def test_map_places_each_located_event(store: Store, sample: tl.Timeline) -> None:
    figure = display.places_map(sample, run_named(store, "list_places"))
    dots = {text: hover for trace in figure.data
            if trace.name not in (display.OTHER_PLACES, display.COUNTRIES)
            for text, hover in zip(trace.text, trace.hovertext, strict=True)}
    located = [e for e in sample.all if e.place is not None and e.place.id.split("/")[-1]
               in COORDINATES]
    assert set(dots) == {e.place.name for e in located if e.place is not None}
    assert sum(int(h.split("): ")[1].split(" events")[0]) for h in dots.values()) == len(located)
    assert all(trace.type == "scattergeo" for trace in figure.data)
    assert not figure.layout.geo.showcoastlines and not figure.layout.geo.showland  # no download


def test_enable_shows_records_as_cards(sample: tl.Timeline) -> None:
    shell = InteractiveShell.instance()
    assert display.enable(shell)
    entry = sample.entries[0]
    data, _ = shell.display_formatter.format(entry)
    assert f"<mark>{entry.trigger}</mark>" in data["text/html"]
    extraction = extractions()[0]
    data, _ = shell.display_formatter.format(extraction)
    assert "Raid in Strelsau" in data["text/html"] and "5 events" in data["text/html"]
    data, _ = shell.display_formatter.format(extraction.actors[0])
    assert "<b>Actor</b>" in data["text/html"] and "“Acme Corp” <small>" in data["text/html"]


def test_charts_of_nothing_are_empty_figures_that_say_so(store: Store) -> None:
    empty = tl.Timeline()
    assert "0 dated entries" in display.timeline_chart(empty).layout.title.text
    assert "0 actors" in display.network_chart(empty).layout.title.text
    figure = display.places_map(empty, run_named(store, "list_places"))
    assert "0 events at 0 places" in figure.layout.title.text
    assert [trace.name for trace in figure.data] == [display.COUNTRIES, display.OTHER_PLACES]


def test_map_names_the_countries_in_view_at_their_capitals(store: Store,
                                                           sample: tl.Timeline) -> None:
    """No outlines can be drawn offline; the countries around the places are named instead."""
    figure = display.places_map(sample, run_named(store, "list_places"))
    (countries,) = [trace for trace in figure.data if trace.name == display.COUNTRIES]
    named = dict(zip(countries.text, zip(countries.lat, countries.lon, strict=True), strict=True))
    assert "SERBIA" in named  # Belgrade lies beside the invented places at 45 N, 20 E
    lat, lon = named["SERBIA"]
    assert abs(lat - 44.8) < 0.2 and abs(lon - 20.5) < 0.2
    geo = figure.layout.geo
    assert all(geo.lataxis.range[0] <= la <= geo.lataxis.range[1] for la, _ in named.values())
    assert all(geo.lonaxis.range[0] <= lo <= geo.lonaxis.range[1] for _, lo in named.values())
