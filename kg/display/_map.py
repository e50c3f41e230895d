"""The map of places: one dot per place with gazetteer coordinates, sized by the number of events
there, the events listed on hover.

plotly draws coastlines and borders from topojson files it fetches from its CDN when a geo chart
is shown, and no installed package ships them; nothing may be fetched here, so the map draws no
outlines: the places are drawn on a graticule (lines every 5 degrees) in the Natural Earth
projection, fitted to the places and as wide as a notebook, with their names beside them and, for
bearings, the name of each country in view written at its capital (`_bearings`).
"""

from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import plotly.graph_objects as go

from kg.display._bearings import within
from kg.display._hover import wrapped
from kg.store import QueryResult
from kg.timeline import Timeline, TimelineEntry

_KIND_COLOURS = {"country": "#d62728", "admin1": "#ff7f0e", "admin2": "#ff7f0e",
                 "city": "#1f77b4", "town": "#2ca02c", "village": "#2ca02c",
                 "facility": "#9467bd", "region": "#8c564b"}
_GRID = {"showgrid": True, "gridcolor": "#ccc", "dtick": 5}
_MARGIN = 3.0  # degrees around the places drawn
COUNTRIES = "countries (at capitals)"  # the trace of country names, for bearings
OTHER_PLACES = "other places"  # the trace of the store's places where nothing happened
_WIDE = 1.9  # width over height of the map drawn, in a notebook's width
_NEAR = 0.7  # degrees: places closer than this get their names on different sides
_SIDES = ("middle right", "bottom left", "top left", "bottom right", "top right", "middle left")


@dataclass(frozen=True)
class Spot:
    """A place with coordinates, from a `list_places` row."""

    iri: str
    name: str
    kind: str
    latitude: float
    longitude: float


def spots(places: QueryResult) -> dict[str, Spot]:
    """Return place IRI -> `Spot` for the rows of a result with `?place`, `?name`, `?kind`,
    `?latitude` and `?longitude` (the named query `list_places`) that have coordinates."""
    found: dict[str, Spot] = {}
    for row in places.records():
        if row.get("latitude") is None or row.get("longitude") is None:
            continue
        iri = str(row["place"])
        found.setdefault(iri, Spot(iri=iri, name=str(row["name"]),
                                   kind=str(row.get("kind") or "other"),
                                   latitude=float(str(row["latitude"])),
                                   longitude=float(str(row["longitude"]))))
    return found


def places_map(entries: Timeline | Iterable[TimelineEntry], places: QueryResult, *,
               title: str = "Places") -> go.Figure:
    """Return a map of where the entries happened: a dot per place, as large as its number of
    events, coloured by place kind, with the events (date and headline) on hover.

    `places` gives the coordinates: the result of the named query `list_places` on the store
    the entries come from. Entries without a place, or at a place without coordinates (a region
    the gazetteer does not locate), are counted in the title.
    """
    items = list(entries.all) if isinstance(entries, Timeline) else list(entries)
    located = spots(places)
    at: dict[str, list[TimelineEntry]] = defaultdict(list)
    for entry in items:
        if entry.place is not None and entry.place.iri in located:
            at[entry.place.iri].append(entry)
    figure = go.Figure()
    others = [spot for iri, spot in sorted(located.items()) if iri not in at]
    if others:  # places of the store with no event here, for bearings
        figure.add_trace(go.Scattergeo(
            lat=[s.latitude for s in others], lon=[s.longitude for s in others],
            mode="markers+text", name=OTHER_PLACES, text=[s.name for s in others],
            textposition="middle right", textfont={"size": 10, "color": "#888"},
            marker={"size": 5, "color": "#aaa"}, hoverinfo="text",
            hovertext=[html.escape(f"{s.name} ({s.kind}): no events here") for s in others]))
    by_kind: dict[str, list[Spot]] = defaultdict(list)
    for iri in sorted(at, key=lambda i: located[i].name):
        by_kind[located[iri].kind].append(located[iri])
    sides = _label_sides([located[iri] for iri in at])
    for kind in sorted(by_kind):
        mine = by_kind[kind]
        figure.add_trace(go.Scattergeo(
            lat=[s.latitude for s in mine], lon=[s.longitude for s in mine],
            mode="markers+text", name=kind, text=[s.name for s in mine],
            textposition=[sides[s.iri] for s in mine], textfont={"size": 12},
            marker={"size": [8 + 6 * math.sqrt(len(at[s.iri])) for s in mine],
                    "color": _KIND_COLOURS.get(kind, "#7f7f7f"), "opacity": 0.8,
                    "line": {"color": "white", "width": 1}},
            hovertext=[_hover(s, at[s.iri]) for s in mine], hoverinfo="text"))
    placed = sum(len(found) for found in at.values())
    no_place = sum(1 for e in items if e.place is None)
    regions = Counter(e.place.name for e in items
                      if e.place is not None and e.place.iri not in located)
    note = f"{placed} events at {len(at)} places" + (
        f"; {regions.total()} at regions without a point ("
        + ", ".join(f"{name} {n}" for name, n in regions.most_common(4))
        + (", …" if len(regions) > 4 else "") + ")" if regions else "") + (
        f"; {no_place} without a place" if no_place else "")
    shown = [located[iri] for iri in at] or list(located.values())
    lats = _bounds([s.latitude for s in shown])
    lons = _bounds([s.longitude for s in shown], at_least=_width(lats))
    taken = {(round(s.latitude, 1), round(s.longitude, 1)) for s in located.values()}
    marks = within(lats, lons)
    if marks:  # under a place of the map drawn there (a capital), else on the capital
        under = [(round(m.latitude, 1), round(m.longitude, 1)) in taken for m in marks]
        figure.add_trace(go.Scattergeo(
            lat=[m.latitude for m in marks], lon=[m.longitude for m in marks],
            mode="markers+text", name=COUNTRIES,
            text=[m.country.upper() for m in marks], textfont={"size": 10, "color": "#9aa5b1"},
            textposition=["bottom center" if below else "middle center" for below in under],
            marker={"size": [24 if below else 1 for below in under], "opacity": 0},
            hoverinfo="text",
            hovertext=[html.escape(f"{m.country}: its capital {m.capital}") for m in marks]))
        figure.data = (figure.data[-1], *figure.data[:-1])  # drawn first, under the places
    figure.update_geos(
        projection_type="natural earth", lataxis={**_GRID, "range": lats},
        lonaxis={**_GRID, "range": lons}, center={"lat": sum(lats) / 2, "lon": sum(lons) / 2},
        showland=False, showocean=False, showlakes=False, showrivers=False,
        showcountries=False, showcoastlines=False, showsubunits=False, showframe=True,
        bgcolor="#f7f9fb")
    figure.update_layout(
        title={"text": f"{html.escape(title)}<br><sup>{note}; dot size: number of events</sup>"},
        legend={"title": {"text": "place kind"}}, hoverlabel={"align": "left", "bgcolor": "white"},
        margin={"l": 10, "r": 10, "t": 70, "b": 10}, height=550)
    return figure


def _hover(spot: Spot, entries: list[TimelineEntry]) -> str:
    lines = [f"{e.display_date}: {e.headline}" for e in entries]
    shown = lines[:10] + ([f"… and {len(lines) - 10} more"] if len(lines) > 10 else [])
    return (f"<b>{html.escape(spot.name)}</b> ({html.escape(spot.kind)}, "
            f"{spot.latitude:.2f}, {spot.longitude:.2f}): {len(entries)} events<br>"
            + "<br>".join(wrapped(line) for line in shown))


def _bounds(values: list[float], *, at_least: float = 10.0) -> list[float]:
    """Return a range around the values, at least `at_least` degrees wide (all of it with none).

    Examples:
        >>> _bounds([35.4, 36.2])
        [30.8, 40.8]
        >>> _bounds([35.4, 36.2], at_least=20)
        [25.8, 45.8]
    """
    if not values:
        return [-60.0, 80.0]
    low, high = min(values) - _MARGIN, max(values) + _MARGIN
    middle, half = (low + high) / 2, max((high - low) / 2, at_least / 2)
    return [round(middle - half, 2), round(middle + half, 2)]


def _width(lats: list[float]) -> float:
    """Return the degrees of longitude that make a map of these latitudes `_WIDE` times as wide
    as high (a degree of longitude is shorter away from the equator).

    Examples:
        >>> round(_width([-5.0, 5.0]), 1)
        19.0
    """
    middle = math.radians((lats[0] + lats[1]) / 2)
    return min(360.0, (lats[1] - lats[0]) * _WIDE / max(math.cos(middle), 0.2))


def _label_sides(shown: list[Spot]) -> dict[str, str]:
    """Return where each place's name goes: places close to one drawn before it get another
    side, so the names of neighbouring towns do not print over each other."""
    sides: dict[str, str] = {}
    done: list[Spot] = []
    for spot in sorted(shown, key=lambda s: (-s.latitude, s.longitude, s.iri)):
        near = sum(1 for other in done if abs(other.latitude - spot.latitude) < _NEAR
                   and abs(other.longitude - spot.longitude) < _NEAR)
        sides[spot.iri] = _SIDES[near % len(_SIDES)]
        done.append(spot)
    return sides
