"""The `actors` stage: people, organisations, states and their organs named in an article.

Names come from the NER model (PERSON, ORG); states from countries and capitals that act
("Moscow supports ...") and from demonyms ("a Turkish convoy" -> Turkey, "the Syrian army" ->
the Syrian military). Mentions of one actor are merged ("Putin" -> "Vladimir Putin"), titles
and affiliations read off the words before a name, and ids made from the fullest name so the
same actor gets the same id across articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection

from spacy.tokens import Doc

from kg.config import Settings
from kg.extract.actors.common_words import (
    KnownWord,
    common_noun_actor,
    common_noun_person,
    common_word_actor,
    headline_actor,
    known_noun,
    known_word,
)
from kg.extract.actors.descriptions import join_descriptions
from kg.extract.actors.kinds import (
    FACILITY_HEADS,
    Vote,
    decided,
    kind_nouns,
    label_votes,
    mistyped_openings,
    verdict,
    votes,
)
from kg.extract.actors.mentions import (
    Mention,
    country_mentions,
    government_forces,
    name_mentions,
    propn_runs,
)
from kg.extract.actors.merge import SUB_BODIES, THINGS, Cluster, acronym, attach, member, merge
from kg.extract.actors.things import listed_products, thing_mentions
from kg.extract.common.gender import is_given_name
from kg.extract.common.names import Lexicon, load_lexicon
from kg.extract.common.text import tokens_written
from kg.extract.gazetteer.cache import load_gazetteer
from kg.extract.gazetteer.tables import Gazetteer, place_of
from kg.extract.nlp.model import load_model
from kg.extract.pipeline import Stage, stage_factory
from kg.keys import actor_id, place_id
from kg.model import Actor, ActorKind, Extraction, Place, Span

_GEONAMES = "https://sws.geonames.org/{}/"


class ActorFinder:
    """Finds and merges the actors of one article."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon,
                 known: KnownWord = lambda _word: False,
                 noun: KnownWord = lambda _word: False, disabled: tuple[str, ...] = ()) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.disabled = disabled  # rule names `Settings.disabled_rules` switches off
        self.known = known  # an English word of the model's lists (`common_words`)
        self.noun = noun  # a common noun of them
        self.generic = _generic_heads(lexicon)

    def __call__(self, extraction: Extraction, doc: Doc) -> Extraction:
        """Add the article's actors."""
        places = extraction.places
        capitals = {p.id: e.capital_of for p in places
                    if (e := self.gazetteer.get(p.id)) is not None and e.capital_of}
        # the header and dateline name the filing place and agency, not actors of the story
        body = extraction.article.body_start
        placed = {i for p in places for m in p.mentions for i in range(m.start, m.end)}
        things = [m for m in thing_mentions(doc, placed) if m.start >= body]
        names = [m for m in name_mentions(doc, self.lexicon, places, self._is_place,
                                          word=lambda w: self.known(w) or self.noun(w))
                 if m.start >= body and not any(t.start < m.end and m.start < t.end
                                                for t in things)] + things
        names = self._without_regions_typed_people(names)
        names += _defined_acronyms(doc, names)
        names = listed_products(extraction.article.text, names)
        states = [m for m in country_mentions(doc, self.lexicon, places, capitals)
                  if m.start >= body]
        states += government_forces(doc, self.lexicon, self._home(extraction))
        # a name inside a state organ's mention ("Defence Ministry" of "Turkey's Defence
        # Ministry") is that organ, which the state mention already names
        organs = [(m.start, m.end) for m in states if m.kind in ("government", "military")]
        names = [m for m in names if not any(s <= m.start and m.end <= e for s, e in organs)]
        states += self._affiliated_states(names, states, extraction)
        # "Inexperience doesn't cut it": a common word capitalised only where any word is
        clusters = [c for c in merge(names, states, self.generic)
                    if not common_word_actor(c.mentions, doc, self.known)
                    and not headline_actor(c.mentions, doc, self.known)
                    and not common_noun_person(c.mentions, doc, self.noun)
                    and not common_noun_actor(c.mentions, doc, self.noun, self.known)]
        clusters = [c for c in clusters if not _pair_of_people(c, clusters)
                    and not _kind_of_body(c, doc, self.generic)]
        taken = {i for m in [*names, *states] for i in range(m.start, m.end)}
        taken |= {i for p in places for m in p.mentions for i in range(m.start, m.end)}
        for run in propn_runs(doc, taken):
            if run.start_char < body:
                continue
            mention = Mention(run.start_char, run.end_char, run.text, "",
                              tokens=tuple(t.text for t in run))
            cluster = attach(mention, clusters)
            if cluster is not None:
                cluster.mentions.append(member(mention, cluster, self.generic))
        for mention, cluster in mistyped_openings(doc, taken, clusters, self._is_state):
            if mention.start >= body:
                cluster.mentions.append(member(mention, cluster, self.generic))
        join_descriptions(doc, taken, clusters, body)
        context = {id(c): votes(doc, c.mentions, self.disabled, labels=False) for c in clusters}
        evidence = {id(c): verdict(context[id(c)] + label_votes(c.mentions)) for c in clusters}
        # the words around the names alone say a person (`kinds.decided`)
        worded = {id(c) for c in clusters if verdict(context[id(c)]) == "person"}
        # a name the words around it say is a place ("Trump Tower") is no actor (`kinds`)
        # (not a name whose kind the lexicon read: "Colony West Golf Club")
        sited = [c for c in clusters if evidence[id(c)] == "place" and c.country is None
                 and all(m.kind in (None, "person") for m in c.mentions)]
        clusters = [c for c in clusters if not any(c is s for s in sited)]
        found = self._actors(clusters, evidence, worded)
        return extraction.extend(actors=found, places=[*self._state_places(found, places),
                                                       *_sites(sited, places)])

    def _person_like(self, words: tuple[str, ...] | list[str]) -> bool:
        """Tell whether a name of two words or more reads as a person's: capitalised words,
        none but the last a word of the model's lists, and the last (a surname may be a noun:
        "Jones", "Cook") no verb, adjective or adverb of them nor a noun that says a kind of
        body ("Rakeem Jones", "Sant Singh Chatwal"; not "Orlando Sentinel", "Dartmouth
        College", "Conservative Solutions")."""
        def capital(word: str) -> bool:
            return word[:1].isupper() and not word.isupper() \
                and all(c.isalpha() or c in "'’-" for c in word)
        if len(words) < 2 or not all(capital(w) for w in words):
            return False
        last = words[-1].lower()
        return not any(self.known(w.lower()) or self.noun(w.lower()) for w in words[:-1]) \
            and not self.known(last) and last not in self.lexicon.kind_heads \
            and last not in kind_nouns() and last not in FACILITY_HEADS

    def _is_place(self, name: str) -> bool:
        return bool(self.gazetteer.lookup(name))

    def _is_state(self, name: str) -> bool:
        """Tell whether a name is that of a country or a state or province the gazetteer knows."""
        return any(e.kind in ("country", "admin1") for e in self.gazetteer.lookup(name))

    def _without_regions_typed_people(self, names: list[Mention]) -> list[Mention]:
        """Drop a lone word the model typed as a person's name that is the name of a state or
        province the gazetteer knows ("Take Idaho Republican Sens. Mike Crapo and Jim Risch"):
        it is the place; a given name ("Virginia", `gender.tsv`) or a word of a person's longer
        name in the article ("Washington" of "George Washington") stays a person's."""
        longer = {t for m in names if m.label == "PERSON" and len(m.tokens) > 1 for t in m.tokens}
        return [m for m in names if not (
            m.label == "PERSON" and len(m.tokens) == 1 and m.text not in longer
            and not is_given_name(m.text)
            and any(e.kind == "admin1" for e in self.gazetteer.lookup(m.text)))]

    def _state_places(self, found: list[Actor], places: tuple[Place, ...]) -> list[Place]:
        """Return the countries actors belong to that the text never names as places."""
        known = {p.id for p in places}
        missing = sorted({a.country for a in found if a.country and a.country not in known})
        return [place_of(entry) for key in missing
                if (entry := self.gazetteer.get(key)) is not None]

    def _home(self, extraction: Extraction) -> str | None:
        """Return the country the story is about: the one its places in the body name most.

        The dateline's country breaks ties and stands in when the body names no place: a
        dateline is where the story was filed, and wire bureaus (Moscow, Beirut) cover their
        neighbours' wars, so "government forces" in a Moscow-datelined story about Idlib are
        Syria's.
        """
        article = extraction.article
        line = article.dateline
        entry = self.gazetteer.get(line.place) if line and line.place else None
        filed = entry.country_code if entry is not None else None
        counts = Counter(p.country_code for p in extraction.places if p.country_code
                         for m in p.mentions if m.start >= article.body_start
                         and (line is None or line.span is None or m.start >= line.span.end))
        if not counts:
            return filed
        most = max(counts.values())
        tied = sorted(code for code, n in counts.items() if n == most)
        return filed if filed in tied else tied[0]

    def _affiliated_states(self, names: list[Mention], states: list[Mention],
                           extraction: Extraction) -> list[Mention]:
        """Return state mentions for affiliations no other mention covers ("Russian President")."""
        covered = {(m.start, m.end) for m in [*names, *states]}
        countries = {(m.start, m.end): p.country_code for p in extraction.places
                     if p.kind == "country" for m in p.mentions}
        text = extraction.article.text
        found: list[Mention] = []
        for m in names:
            if m.affiliation is None or m.affiliation in covered:
                continue
            start, end = m.affiliation
            code = countries.get(m.affiliation) or self.lexicon.demonym(text[start:end])
            if code is not None:
                found.append(Mention(start, end, text[start:end], "GPE", "country", code))
                covered.add(m.affiliation)
        return found

    def _actors(self, clusters: list[Cluster], evidence: dict[int, Vote | None],
                worded: Collection[int] = ()) -> list[Actor]:
        """Turn clusters into actors, one per id, with affiliations resolved to actor ids."""
        ids = [self._canonical(c) for c in clusters]
        owner: dict[tuple[int, int], str] = {}
        for cluster, (_, key) in zip(clusters, ids, strict=True):
            for m in cluster.mentions:
                owner[(m.start, m.end)] = key
        grouped: dict[str, list[Cluster]] = defaultdict(list)
        names: dict[str, str] = {}
        for cluster, (name, key) in zip(clusters, ids, strict=True):
            grouped[key].append(cluster)
            names.setdefault(key, name)
        needed = {c.country for c in clusters if c.country}
        for code in sorted(needed):
            name, key = self._country_name(code)
            if key not in grouped:
                grouped[key] = [Cluster(country=code, kind="country")]
                names[key] = name
        states = {key: group[0].country for key, group in grouped.items()
                  if group[0].kind == "country"}
        return [self._actor(key, names[key], group, owner, states,
                            _group_verdict(group, evidence),
                            worded=all(id(c) in worded for c in group))
                for key, group in grouped.items()]

    def _canonical(self, cluster: Cluster) -> tuple[str, str]:
        if cluster.kind == "country" and cluster.country:
            return self._country_name(cluster.country)
        name = cluster.canonical or cluster.longest.text
        return name, actor_id(name)

    def _country_name(self, code: str) -> tuple[str, str]:
        entry = self.gazetteer.countries.get(code)
        name = entry.name if entry else code
        return name, actor_id(name)

    def _actor(self, key: str, name: str, group: list[Cluster],
               owner: dict[tuple[int, int], str], states: dict[str, str | None],
               evidence: Vote | None = None, *, worded: bool = False) -> Actor:
        """Build one actor; a person serving a state belongs to that state's country; the
        words around its mentions correct the kind its labels give (`kinds`)."""
        mentions = sorted({(m.start, m.end, m.text) for c in group for m in c.mentions})
        all_mentions = [m for c in group for m in c.mentions]
        kind = _kind(group, self._person_like)
        if not (kind in ("country", "military", "government") and code_of(group)):
            full = group[0].longest.tokens or group[0].longest.text.split()
            given = len(full) > 1 and is_given_name(full[0])
            kind = decided(kind, evidence, lexical=any(
                m.kind not in (None, "person") for m in all_mentions), given=given,
                personal=worded and (is_given_name(full[0]) or self._person_like(full)))
        code = next((c.country for c in group if c.country), None)
        affiliation = None
        if kind in ("military", "government") and code:
            affiliation = self._country_name(code)[1]
        for m in all_mentions:
            if m.affiliation is not None and affiliation is None:
                affiliation = _owner_of(m.affiliation, owner)
        if code is None and affiliation is not None:
            code = states.get(affiliation)
        country = self.gazetteer.countries.get(code) if code else None
        titles = list(dict.fromkeys(t for m in sorted(all_mentions, key=lambda m: m.start)
                                    for t in m.titles))
        # a capital standing for its state is a mention of the state, not one of its names
        aliases = sorted({m.text for m in all_mentions if not m.refers_back and not m.metonym}
                         - {name})
        links = (_GEONAMES.format(country.geonames_id),) if kind == "country" and country else ()
        return Actor(id=key, name=name, kind=kind, aliases=tuple(aliases), titles=tuple(titles),
                     mentions=tuple(Span(start=s, end=e, text=t) for s, e, t in mentions),
                     affiliation=affiliation if affiliation != key else None,
                     country=country.id if country else None, links=links)


# the heads of the names of bodies a state has one of, which the bare word names ("the Senate",
# "Congress", "Parliament"): every other kind-of-body head word is a generic noun (`merge`)
_ONE_PER_STATE = frozenset({"senate", "congress", "parliament", "cabinet", "presidency",
                            "government", "regime", "administration"})


def _generic_heads(lexicon: Lexicon) -> frozenset[str]:
    """Return the words that head names of bodies and name a kind of body alone ("party",
    "committee", "agency" of `org_kinds.tsv`; "program", "caucus" of `merge.SUB_BODIES`), not
    one body ("Senate"); a newspaper goes by the last word of its name ("the Times", "the
    Post"), which stays its name."""
    return (frozenset(w for w, kind in lexicon.kind_heads.items() if kind != "media")
            | SUB_BODIES) - _ONE_PER_STATE


def _kind(group: list[Cluster],
          person_like: Callable[[tuple[str, ...]], bool] = lambda _words: False) -> ActorKind:
    first = group[0]
    if first.kind in ("country", "military", "government") and first.country:
        return first.kind
    if first.label == "PERSON" or _mostly_people(group):
        # a company's name the model read as a person's: the article shortens it to its first
        # word, as an organisation ("Lockheed Martin ... Lockheed"); people go by their surname
        # (the rest of the name split off just after such a word does not count: "Lockheed"
        # ORG + "Martin" PERSON is one name the model cut in two)
        # (a surname of two words alone, "Wasserman Schultz", or a title, "Rep.", says person,
        # whatever the model typed a lone first name: "Debbie")
        full = first.longest.tokens
        mentions = [m for c in group for m in c.mentions]
        short = [m for m in mentions if len(m.tokens) == 1]
        firsts = [m for m in short if m.label == "ORG" and len(full) > 1 and m.tokens == full[:1]]
        rest = [m for m in short if m not in firsts
                and not any(0 <= m.start - f.end <= 1 for f in firsts)]
        surnamed = any(1 < len(m.tokens) < len(full) and m.tokens == full[-len(m.tokens):]
                       for m in mentions)
        titled = any(m.titles for m in mentions)
        return "organisation" if firsts and not rest and not surnamed and not titled \
            else "person"
    # a state is only one with a country code; a name that was a place somewhere else ("Kasich")
    # is no state
    found = [m.kind for c in group for m in c.mentions if m.kind and m.kind != "person"
             and (m.kind != "country" or m.country)]
    if found:
        return found[0]
    return "person" if _surnamed(group, person_like) else "organisation"


def _surnamed(group: list[Cluster], person_like: Callable[[tuple[str, ...]], bool]) -> bool:
    """Tell whether an actor the model typed a body's goes by the last word of a name that
    reads as a person's (`person_like`), as people go by their surname
    ("Sant Singh Chatwal ... Chatwal pleaded guilty", "Witold Chrabaszcz ... Braynard and
    Chrabaszcz"); a company goes by its first word ("Lockheed Martin ... Lockheed") or by one
    that says what it is ("Bank of America"), and a name the model typed a body's more than once
    is one ("McDonnell Douglas" four times beside "ending Douglas era")."""
    full = group[0].longest.tokens
    if not person_like(full):
        return False
    named = [m for c in group for m in c.mentions if not m.refers_back]
    return any(m.tokens == full[-1:] for m in named) \
        and not any(m.tokens == full[:1] for m in named) \
        and sum(m.tokens == full and m.label == "ORG" for m in named) < 2


def code_of(group: list[Cluster]) -> str | None:
    """Return the country code of the state an actor is or serves, if any."""
    return next((c.country for c in group if c.country), None)


def _group_verdict(group: list[Cluster], evidence: dict[int, Vote | None]) -> Vote | None:
    """Return the kind the words around an actor's mentions give, when its names agree."""
    found = {evidence.get(id(c)) for c in group} - {None}
    return found.pop() if len(found) == 1 else None


def _sites(sited: list[Cluster], places: tuple[Place, ...]) -> list[Place]:
    """Return the places the words around names made of would-be actors (`kinds`), one per
    name the article has no place of: a facility by its head word ("Trump Tower"), else a
    place of no known kind ("Millsfield" of a list of communities)."""
    known = {p.id for p in places}
    found: dict[str, Place] = {}
    for cluster in sited:
        name = cluster.longest.text
        key = place_id(name)
        if key in known or key in found:
            continue
        last = (cluster.longest.tokens or (name,))[-1].lower()
        found[key] = Place(id=key, name=name,
                           kind="facility" if last in FACILITY_HEADS else "other",
                           mentions=tuple(Span(start=s, end=e, text=t) for s, e, t in sorted(
                               {(m.start, m.end, m.text) for m in cluster.mentions})))
    return list(found.values())


def _defined_acronyms(doc: Doc, names: list[Mention]) -> list[Mention]:
    """Return the acronyms the article defines in brackets right after a name, as mentions of
    it: "the iPhones Software Development Kit (SDK)", "the Penske Automotive Group (PAG)" (the
    model runs the brackets into the name, or leaves the acronym untagged); a word in brackets
    that does not spell the name is something else ("Sen. Ted Cruz (R)", "Dow Jones (INDU)")."""
    ends = {m.end: m for m in names}
    taken = {i for m in names for i in range(m.start, m.end)}
    found: list[Mention] = []
    for token in tokens_written(doc, "("):
        if token.i < 1 or token.i + 2 >= len(doc) or doc[token.i + 2].text != ")":
            continue
        before, inner = doc[token.i - 1], doc[token.i + 1]
        named = ends.get(before.idx + len(before.text))
        if named is not None and inner.idx not in taken \
                and acronym(inner.text, named.tokens, closing=named.kind in THINGS):
            found.append(Mention(inner.idx, inner.idx + len(inner.text), inner.text,
                                 named.label, named.kind, tokens=(inner.text,)))
    return found


def _kind_of_body(cluster: Cluster, doc: Doc, generic: frozenset[str]) -> bool:
    """Tell whether an actor is only a word for a kind of body (`_generic_heads`) after a word
    in small letters each time: "a super PAC", "her super PAC", "a pro-Clinton super PAC" name
    no one body; "the Committee" may be the one the article is about, and stays."""
    named = [m for m in cluster.mentions if not m.refers_back]
    if not named or any(len(m.tokens) != 1 or m.tokens[0].lower() not in generic
                        or m.kind in ("country", "military", "government") for m in named):
        return False
    for m in named:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start == 0:
            return False
        before = doc[span.start - 1]
        if not before.is_alpha or not before.text.islower() or before.lower_ == "the":
            return False
    return True


def _pair_of_people(cluster: Cluster, clusters: list[Cluster]) -> bool:
    """Tell whether an actor is only a hyphenated pair of two other people's surnames ("the
    Obama-Clinton disaster" beside Barack Obama and Hillary Clinton), not a double-barrelled
    name ("Wasserman-Schultz", whose parts name no one else)."""
    named = [m for m in cluster.mentions if not m.refers_back]
    if not named or any(" " in m.text or m.text.count("-") != 1 for m in named):
        return False
    surnames = {c.longest.tokens[-1]: id(c) for c in clusters if c is not cluster
                and c.longest.label == "PERSON" and len(c.longest.tokens) > 1}
    first, second = named[0].text.split("-")
    return first in surnames and second in surnames and surnames[first] != surnames[second]


def _mostly_people(group: list[Cluster]) -> bool:
    """Tell whether the model typed most of an actor's names as a person's, whatever it typed
    the fullest ("Tashfeen Malik" ORG once, "Malik" PERSON twice): the kind is the mentions'
    evidence, not one parse's. A name a lexicon or its context gave a kind is left alone."""
    named = [m for c in group for m in c.mentions if not m.refers_back and m.label]
    people = sum(m.label == "PERSON" for m in named)
    return people * 2 > len(named) and not any(m.kind not in (None, "person") for m in named)


def _owner_of(span: tuple[int, int], owner: dict[tuple[int, int], str]) -> str | None:
    start, end = span
    return next((key for (s, e), key in owner.items() if s < end and start < e), None)


@stage_factory("actors", requires=("article", "doc", "places"), produces=("actors", "places"))
def actors_stage(settings: Settings) -> Stage:
    """Build the actors stage over the shared, cached gazetteer and word lists.

    It adds places too: the country of a state actor named only by a demonym ("French").
    """
    nlp = load_model(settings.model)
    return ActorFinder(load_gazetteer(), load_lexicon(), known_word(nlp), known_noun(nlp),
                       settings.disabled_rules)
