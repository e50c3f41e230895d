"""The `places` stage: find place names, resolve them in the gazetteer, merge their mentions.

Names come from the NER model (GPE, LOC, FAC) and from names it typed otherwise or missed
when a place cue says so ("the town of X", "X province", "in X" with a gazetteer match, a
capitalised dateline). Each name is resolved to a GeoNames place where it can be, preferring
places in the countries the article is about, and the places that contain it are added too. A
resolved place carries how sure its reading is (`Place.confidence`: how far it is ahead of the
other readings of its name).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from spacy.tokens import Doc

from kg.config import Settings
from kg.extract.common.gender import is_given_name
from kg.extract.common.names import Lexicon, load_lexicon
from kg.extract.gazetteer.cache import load_gazetteer
from kg.extract.gazetteer.tables import Entry, Gazetteer, fold, place_of
from kg.extract.pipeline import Stage, stage_factory
from kg.extract.places.candidates import (
    PLACE_FIRST_WORDS,
    PLACE_LABELS,
    Candidate,
    candidates,
    conjuncts,
    personal_names,
    place_like,
    place_word,
)
from kg.keys import place_id
from kg.model import Article, Extraction, Place, PlaceKind

_LABEL_KIND: dict[str, PlaceKind] = {"FAC": "facility", "LOC": "region", "GPE": "other"}
_KIND_RANK: dict[str, float] = {"continent": 8.0, "country": 8.0, "admin1": 5.5}
_SETTLEMENTS = frozenset({"city", "town", "village"})
_MIN_WEAK_POPULATION = (10_000, 100_000)
_NAME_LABELS = frozenset({"PERSON", "ORG"})
_MIN_UNCUED_POPULATION = 1_000_000  # a city the model mistypes, without any cue
_MIN_SMALL_POPULATION = 5_000  # smaller places resolve only when a cue names their kind
# What a reading's own name, the article's countries and a capital add to its ranking score
# (`_score`), in orders of magnitude of population: a capital abroad outranks a town a
# thousand times smaller in the article's country ("the attacks in Paris" in US news is not
# Paris, Texas), a city ten times smaller at home outranks a bigger one abroad ("Manchester" in
# the New Hampshire primary), and an English exonym of a city a hundred times bigger than the
# village of that name outranks it ("Cologne", not Cologne in Lombardy).
_PRIMARY = 2.0
_IN_CONTEXT = 3.0
_CAPITAL = 1.5


class PlaceFinder:
    """Finds, resolves and merges the places of one article."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon

    def __call__(self, extraction: Extraction, doc: Doc) -> Extraction:
        """Add the article's places and point its dateline at the dateline place."""
        article = extraction.article
        known = self.gazetteer.knows
        found = [m for m in candidates(doc, article, lambda name: known(fold(name)),
                                       self._weak_match) if self._could_be_place(m)]
        mentions = self._accept(found, doc)
        entries, sure = self._resolve(mentions)
        places = self._places(mentions, entries, sure)
        result = extraction.extend(places=places)
        dated = _with_dateline_place(article, mentions, entries, places)
        return result.extend(article=dated) if dated is not None else result

    def _accept(self, found: list[Candidate], doc: Doc) -> list[Candidate]:
        """Keep the candidates that are places: typed so, cued, or named like a cued place."""
        personal = personal_names(doc, found, self.lexicon)
        firms = self._firm_names(found)
        accepted = [m for m in found if self._is_place(m, personal) and fold(m.text) not in firms]
        names = {fold(m.text) for m in accepted}
        spans = {(m.start, m.end) for m in accepted}
        # a name the gazetteer does not know spreads only to mentions the model reads as places:
        # "the province of Twitter" (a joke) does not make every "Twitter" a province
        accepted += [m for m in found if (m.start, m.end) not in spans
                     and fold(m.text) in names and fold(m.text) not in personal
                     and (m.label in PLACE_LABELS or self.gazetteer.knows(fold(m.text))
                          or _facility_named(m.text))]
        accepted = conjuncts(doc, found, accepted) + accepted
        unique: dict[tuple[int, int], Candidate] = {}
        for m in sorted(accepted, key=lambda m: (m.start, -m.end, not m.dateline)):
            unique.setdefault((m.start, m.end), m)
        return list(unique.values())

    def _firm_names(self, found: list[Candidate]) -> set[str]:
        """Return the names the gazetteer does not know that the model reads as an organisation
        somewhere in the article and no cue calls a place: "Verizon", typed GPE, ORG, NORP and
        once LOC in one story, is a firm."""
        cued = {fold(m.text) for m in found if m.cue.strong or m.dateline}
        return {key for m in found if m.label == "ORG" and (key := fold(m.text)) not in cued
                and not self.gazetteer.knows(key) and not _facility_named(m.text)}

    def _is_place(self, m: Candidate, personal: set[str]) -> bool:
        """Decide one candidate; a name used for a person anywhere in the article needs a cue."""
        if not any(c.isupper() for c in m.text):
            return False  # "its Mexican sister city" names no place called "sister"
        if m.dateline or m.cue.strong:
            return True
        if fold(m.text) in personal or m.label == "NORP" or not m.text[:1].isupper():
            return False
        if self._named_after_place(m.text) or _person_shaped(m.text, self.gazetteer):
            return False
        if m.label in PLACE_LABELS:
            # an unknown one-word GPE needs a cue ("Touché" is none); LOC names land and sea
            return m.label != "GPE" or place_like(m.text) or any(
                e.kind in _KIND_RANK or e.population >= _MIN_SMALL_POPULATION
                for e in self._sure(m.text))
        if m.cue.weak and self._weak_match(m.text, _MIN_WEAK_POPULATION[m.label in _NAME_LABELS]):
            return True
        if m.cue.directional and self._weak_match(m.text, _MIN_SMALL_POPULATION):
            return True  # "heading towards X": a town the model took for a person
        return m.label != "PERSON" and self._weak_match(m.text, _MIN_UNCUED_POPULATION,
                                                        ("country", "continent"))

    def _could_be_place(self, m: Candidate) -> bool:
        """Rule out demonyms ("Canadian") and company names ("China Eastern Airlines")."""
        if self.lexicon.demonym(m.text) is not None:
            return False
        words = m.text.split()
        return len(words) < 2 or self.lexicon.kind_heads.get(words[-1].lower()) != "organisation"

    def _named_after_place(self, name: str) -> bool:
        """Tell whether an unknown name is a team's, a firm's or a paper's named after a place:
        a well-known place followed by words that name no kind of place ("New York Jets",
        "Denver Broncos", "Cambridge Analytica"; not "Orlando International Airport",
        "Scarborough Shoal", "Miami-Dade County")."""
        words = name.split()
        if len(words) < 2 or self.gazetteer.knows(fold(name)):
            return False
        for cut in range(1, len(words)):
            rest = words[cut:]
            if cut == 1 and words[0].lower() in PLACE_FIRST_WORDS:
                continue  # "Central America" is no body named after Central, Louisiana
            if any(e.kind == "continent" for e in self._sure(" ".join(words[:cut]))):
                continue  # "Asia Pacific" is a region, not a body named after Asia, Turkey
            if self._weak_match(" ".join(words[:cut]), kinds=("country", "admin1")) \
                    and all(w[:1].isupper() for w in rest):
                return not any(place_word(w) for w in rest)
        return False

    def _weak_match(self, name: str, population: int = _MIN_WEAK_POPULATION[0],
                    kinds: Iterable[str] = _KIND_RANK) -> bool:
        """Tell whether a name is a sure gazetteer place: a country, or a big enough city."""
        for entry in self._sure(name):
            if not self.gazetteer.is_primary(entry, name):
                continue
            if entry.kind in kinds or entry.population >= population:
                return True
        return False

    def _sure(self, name: str) -> list[Entry]:
        """Look a name up, except an acronym that is no country's ("GAO" is not Gao, Mali)."""
        entries = self.gazetteer.lookup(name)
        if _acronym(name):
            return [e for e in entries if e.kind == "country"]
        return entries

    def _resolve(self, mentions: list[Candidate]
                 ) -> tuple[dict[tuple[int, int], Entry], dict[tuple[int, int], float]]:
        """Resolve each mention, preferring places in the countries the article names; return the
        reading of each mention and how sure it is (`_sureness`).

        Mentions of one name share a resolution, except that a name cued as a settlement ("the
        city of Aleppo") and as an area ("the province of Aleppo") resolves once for each.
        """
        by_name: dict[str, list[Candidate]] = defaultdict(list)
        for m in mentions:
            by_name[fold(m.text)].append(m)
        hits = {key: self._hits(ms) for key, ms in by_name.items()}
        context: Counter[str] = Counter()
        for key, entries in hits.items():
            if entries and len({e.country_code for e in entries}) == 1:
                context[entries[0].country_code or ""] += len(by_name[key])
        resolved: dict[tuple[int, int], Entry] = {}
        sure: dict[tuple[int, int], float] = {}
        for key, entries in hits.items():
            entries = self._not_abroad(by_name[key], entries, context)
            if not entries:
                continue
            fallback = next((m.cue.kind for m in by_name[key] if m.cue.kind), None)
            states = self._states_named(by_name[key][0].text, entries)
            for m in by_name[key]:
                scores = {e: self._score(e, m.text, m.cue.kind or fallback, context, states)
                          for e in entries}
                best = max(entries, key=scores.__getitem__)
                resolved[(m.start, m.end)] = best
                share = _sureness(scores[best][0], [score for score, _ in scores.values()])
                if share is not None:
                    sure[(m.start, m.end)] = share
        stray: set[str] = set()
        for m in mentions:  # "Paris, Texas": a place named after a comma contains the first
            outer = resolved.get((m.cue.within.start_char, m.cue.within.end_char)) \
                if m.cue.within is not None else None
            inside = [e for e in hits[fold(m.text)] if outer is not None and _inside(e, outer)]
            if outer is not None and not inside and outer.kind in ("country", "admin1") \
                    and all(e.kind in _SETTLEMENTS for e in hits[fold(m.text)]):
                stray.add(fold(m.text))  # a town said to be in a state, not a list of states
            if inside:
                resolved[(m.start, m.end)] = max(inside, key=lambda e: e.population)
                sizes = [math.log10(e.population + 1) for e in inside]
                share = _sureness(max(sizes), sizes)
                sure.pop((m.start, m.end), None)
                if share is not None:
                    sure[(m.start, m.end)] = share
        # a name placed in a state or country where the gazetteer has no place of that name is
        # none of its places elsewhere: "Newtown, Connecticut" is not Newtown, Australia
        for m in mentions:
            if fold(m.text) in stray:
                resolved.pop((m.start, m.end), None)
                sure.pop((m.start, m.end), None)
        return resolved, sure

    def _hits(self, mentions: list[Candidate]) -> list[Entry]:
        """Return the readings of a name: its own-name places if any, else its alternates.

        Without a cue, small places and readings of a facility name are left out ("White
        House" is not a town in Tennessee, nor Casablanca by translation).
        """
        cued = any(m.cue.strong or m.dateline for m in mentions)
        name = mentions[0].text
        entries = self.gazetteer.lookup(name, loose=True) if cued else self._sure(name)
        if cued:
            # a reading by another name of a place of another kind than the cue says is none:
            # "the province of Twitter" (a joke) is not Atwater, a Californian town
            kinds = {m.cue.kind for m in mentions if m.cue.kind}
            return [e for e in entries if self.gazetteer.is_primary(e, name) or not kinds
                    or any(_agrees(e, kind) for kind in kinds)]
        own = [e for e in entries if self.gazetteer.is_primary(e, name)]
        entries = own or entries
        # a name the model reads as a building and never as a state or town is none of the small
        # places of that name ("the White House" is no town in Tennessee)
        if any(m.label == "FAC" for m in mentions) and not any(m.label == "GPE" for m in mentions):
            return []
        return [e for e in entries if e.kind in _KIND_RANK or e.population >= _MIN_SMALL_POPULATION]

    def _not_abroad(self, mentions: list[Candidate], entries: list[Entry],
                    context: Counter[str]) -> list[Entry]:
        """Drop the readings of an uncued name that are first-level divisions of a country the
        article names by no other name, when the model reads the name as land or sea rather
        than a state or town, or the name is not the division's own: "Long Island" is not the
        Bahamas' district, "the Gulf" not Papua New Guinea's province, "the St. Louis area" not
        Saint-Louis in Senegal."""
        if any(m.cue.strong or m.dateline for m in mentions):
            return entries
        name = mentions[0].text
        own = len(mentions) if len({e.country_code for e in entries}) == 1 else 0
        land = all(m.label == "LOC" for m in mentions)
        return [e for e in entries if e.kind != "admin1"
                or context.get(e.country_code or "", 0) > own
                or not land and self.gazetteer.is_primary(e, name)]

    def _states_named(self, name: str, readings: list[Entry]) -> frozenset[str | None]:
        """Return the codes of the countries a name names, looked up once per name and only when
        a capital is among its readings (`_score`: a city-state's capital is no rival of it)."""
        if not any(e.capital_of for e in readings):
            return frozenset()
        return frozenset(e.country_code for e in self.gazetteer.lookup(name)
                         if e.kind == "country")

    def _score(self, entry: Entry, name: str, kind: PlaceKind | None,
               context: Counter[str], states: frozenset[str | None]) -> tuple[float, int]:
        """Rank a reading: a cue's kind first, then size, own name, the article's countries."""
        score = _KIND_RANK.get(entry.kind, math.log10(entry.population + 1))
        score += _PRIMARY if self.gazetteer.is_primary(entry, name) else 0.0
        score += _IN_CONTEXT if context.get(entry.country_code or "") else 0.0
        # a city-state's capital bears its name and is no rival of it ("Singapore": `states`)
        score += _CAPITAL if entry.capital_of and entry.country_code not in states else 0.0
        if kind is not None:
            settled = entry.kind in _SETTLEMENTS
            score += 10.0 if (kind in _SETTLEMENTS) == settled else -10.0
        return score, entry.geonames_id or 0

    def _places(self, mentions: list[Candidate], entries: dict[tuple[int, int], Entry],
                sure: dict[tuple[int, int], float]) -> list[Place]:
        """Merge mentions into places and add the places that contain them."""
        groups: dict[str, list[Candidate]] = defaultdict(list)
        found: dict[str, Entry | None] = {}
        for m in mentions:
            entry = entries.get((m.start, m.end))
            pid = entry.id if entry else place_id(m.text)
            groups[pid].append(m)
            found[pid] = entry
        places = [self._place(pid, found[pid], ms, entries, sure) for pid, ms in groups.items()]
        known = {p.id for p in places}
        for entry in [e for e in found.values() if e is not None]:
            parent = self.gazetteer.get(entry.within or "")
            while parent is not None and parent.id not in known:
                known.add(parent.id)
                places.append(place_of(parent))
                parent = self.gazetteer.get(parent.within or "")
        return places

    def _place(self, pid: str, entry: Entry | None, mentions: list[Candidate],
               entries: dict[tuple[int, int], Entry], sure: dict[tuple[int, int], float]
               ) -> Place:
        counts = Counter(m.text for m in mentions)
        # the name as most often written, in ordinary case rather than a dateline's capitals
        surface = max(counts, key=lambda text: (not text.isupper(), counts[text]))
        spans = tuple(m.span for m in mentions)
        kind = next((m.cue.kind for m in mentions if m.cue.kind and not m.dateline), None)
        if entry is not None:
            shares = [sure[(m.start, m.end)] for m in mentions if (m.start, m.end) in sure]
            # the text's "the town of X" beats a kind guessed from the population
            told = kind in _SETTLEMENTS and entry.kind in _SETTLEMENTS and kind != entry.kind
            return place_of(entry, surface, spans, {m.text for m in mentions},
                            kind=kind if told else None,
                            confidence=_cut(sum(shares) / len(shares)) if shares else None)
        kind = kind or next((m.cue.kind for m in mentions if m.cue.kind), None)
        kind = kind or _LABEL_KIND.get(mentions[0].label, "other")
        within = next((entries.get((m.cue.within.start_char, m.cue.within.end_char))
                       for m in mentions if m.cue.within), None)
        return Place(id=pid, name=surface, kind=kind, within=within.id if within else None,
                     country_code=within.country_code if within else None,
                     aliases=tuple(sorted({m.text for m in mentions} - {surface})),
                     mentions=spans)


def _acronym(name: str) -> bool:
    """Tell whether a name is written as an acronym ("GAO", "NATO", "U.N.")."""
    return name.replace(".", "").isupper()


def _facility_named(name: str) -> bool:
    """Tell whether a name of several words says it is a place ("Scarborough Shoal", "Public
    Square"), whatever the model types it."""
    return any(place_word(w) for w in name.split()[1:])


def _person_shaped(name: str, gazetteer: Gazetteer) -> bool:
    """Tell whether an unknown name of two or three words opens with a common given name, as a
    reporter's credit does ("Reporting by Dustin Volz": the model may read it as a region);
    not a name with a word of a kind of place ("Victoria Station")."""
    words = name.split()
    return 1 < len(words) <= 3 and is_given_name(words[0]) \
        and not gazetteer.knows(fold(name)) and not any(place_word(w) for w in words[1:])


def _with_dateline_place(article: Article, mentions: list[Candidate],
                         entries: dict[tuple[int, int], Entry], places: list[Place]
                         ) -> Article | None:
    """Return the article with its dateline pointing at its place, or None if nothing to set."""
    line = article.dateline
    if line is None or line.place is not None:
        return None
    first = next((m for m in mentions if m.dateline), None)
    if first is None:
        return None
    entry = entries.get((first.start, first.end))
    pid = entry.id if entry else place_id(first.text)
    if pid not in {p.id for p in places}:
        return None
    dateline = {**line.model_dump(), "place": pid, "place_name": line.place_name or first.text}
    return Article.model_validate({**article.model_dump(), "dateline": dateline})


def _sureness(chosen: float, scores: list[float]) -> float | None:
    """Return how sure a gazetteer reading is: its share of a softmax over the ranking scores of
    all the readings of the name (0.95 for one three points ahead of the next, such as a primary
    name or a place in the article's country; 0.5 for a tie), cut to three decimals, so below 1.
    None for a name with one reading: there was no choice to be sure of.

    Examples:
        >>> _sureness(7.0, [7.0]), _sureness(10.0, [10.0, 7.0]), _sureness(4.0, [4.0, 4.0])
        (None, 0.952, 0.5)
    """
    if len(scores) < 2:
        return None
    return _cut(1.0 / sum(math.exp(score - chosen) for score in scores))


def _cut(value: float) -> float:
    """Cut a share below 1 to three decimals (rounding could make 0.9996 a certain 1.0)."""
    return math.floor(value * 1000) / 1000


def _agrees(entry: Entry, kind: PlaceKind) -> bool:
    """Tell whether a gazetteer reading is of the kind a cue names: a settlement for a
    settlement ("the town of X"), an area for an area ("the province of X")."""
    return (entry.kind in _SETTLEMENTS) == (kind in _SETTLEMENTS)


def _inside(entry: Entry, outer: Entry) -> bool:
    if outer.kind == "country":
        return entry.country_code == outer.country_code and entry.id != outer.id
    return entry.within == outer.id


@stage_factory("places", requires=("article", "doc"), produces=("places",))
def places_stage(settings: Settings) -> Stage:
    """Build the places stage over the shared, cached gazetteer."""
    return PlaceFinder(load_gazetteer(), load_lexicon())
