"""Decide which article-level actor nodes name one real-world actor, one new node at a time.

An `Index` holds the canonical actors found so far and the forms of their names; `Index.add`
places one more article-level actor (a `Member`) in an existing canonical actor or a new one, and
never moves the members already placed, so adding an article costs what its own actors cost.
Evidence, tried in order (the first that finds exactly one canonical actor decides; one that finds
several leaves the member on its own rather than guess):

1. the same name or alias, folded, without legal forms ("General Motors Corp." = "General Motors");
2. for people, agreeing name parts: surname, first name or its initial, middle names and
   generational suffixes where both give them ("Donald J. Trump" = "Donald Trump" = "Trump"; not
   "Bill Clinton" = "Hillary Clinton"); a suffix one name lacks tells two people apart where an
   article names both apart ("Donald Trump Jr." beside "Donald J. Trump");
3. for organisations, an acronym of the other's name ("GM", "USAF" for "U.S. Air Force");
4. for organisations, a one-word short form that opens exactly one known name ("Ford" for
   "Ford Motor Company");
5. for organisations and things, a short form an article uses for its own full name ("Apple" in
   the article of "Apple Computer"), which joins the one actor the store knows by that short form
   (or that shortens its own name to it) only with evidence from the names around them: their
   articles share the name of some other person or organisation ("Steve Jobs"), and no article
   names both apart ("Apple Corps" and "Apple Computer" in one lawsuit story are two actors).

Kinds must agree (people with people, organisations of any kind with organisations, ...), except
that a lone word typed as an organisation may be a person's surname in a headline ("Trump"). A
user's decisions (`Decisions`) come first: members said to be the same join, members said to
differ never share a canonical actor.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kg.identity.names import (
    GENERIC,
    LEGAL_FORMS,
    SUB_BODIES,
    PersonName,
    fold,
    initials,
    is_acronym,
    known_as,
    org_core,
    own_name,
    words,
)

_ORGANISATIONS = frozenset({"organisation", "government", "military", "armed_group", "media"})
# the families whose names an article may shorten to a part another actor bears ("Apple")
_SHORTENED = frozenset({"organisation", "product", "financial"})
# the families whose names around an actor are evidence of who it is
_CONTEXT = frozenset({"person", "organisation", "product"})
# an actor an article only describes has an id of the article's own (`kg.keys.local_actor_id`)
_LOCAL = "--"
WIDELY_NAMED = 4  # articles naming a person whose surname alone, typed otherwise, is theirs


def family(kind: str) -> str:
    """Return the family of an actor kind: kinds of one family may name one actor."""
    return "organisation" if kind in _ORGANISATIONS else kind


@dataclass(frozen=True)
class Member:
    """One article-level actor node: its IRI, the names the articles give it, and its kind."""

    iri: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    weight: int = 1  # the number of article graphs that hold the node
    sources: frozenset[str] = frozenset()  # those graphs, where known

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def local(self) -> bool:
        """An actor its article only describes ("a military source"): no one in other articles."""
        return _LOCAL in self.iri.rsplit("/", 1)[-1]

    @property
    def weak(self) -> bool:
        """A one-word name typed as an organisation or left untyped may be a person's surname."""
        return len(words(self.name)) == 1 and not is_acronym(self.name) \
            and self.kind in ("organisation", "other")


@dataclass(frozen=True)
class Decisions:
    """What users decided: pairs of member IRIs that are one actor, or two."""

    same: frozenset[tuple[str, str]] = frozenset()
    different: frozenset[tuple[str, str]] = frozenset()

    def apart(self, a: str, b: str) -> bool:
        return (a, b) in self.different or (b, a) in self.different


@dataclass
class Canonical:
    """One real-world actor: its IRI and the article-level nodes that name it."""

    iri: str
    kind: str
    members: list[Member] = field(default_factory=list)

    @property
    def name(self) -> str:
        """A body's own name where other names of it are listed ("Republican Party" over "GOP",
        `other_names.tsv`); else the name of the member most articles hold ("Apple" over a rarer
        "Apple Inc."), a person's full name if one is known ("Barack Obama" over "OBAMA" and
        "Obama"); then the one in mixed case, the fullest (most words, longest), then the first
        placed."""
        named = [m for m in self.members if self.kind == "person"
                 and (p := PersonName.parse(m.name)) is not None and p.first is not None]
        best = max(named or self.members,
                   key=lambda m: (self.kind != "person" and own_name(org_core(m.name)), m.weight,
                                  not m.name.isupper(),
                                  0 if is_acronym(m.name) else len(words(m.name)), len(m.name)))
        return best.name

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(n for m in self.members for n in m.names))

    def person(self) -> PersonName | None:
        return PersonName.parse(self.name) if self.kind == "person" else None


class Index:
    """The canonical actors of a store and the forms of their names, for placing new members."""

    def __init__(self, decisions: Decisions | None = None) -> None:
        self.decisions = decisions or Decisions()
        self.canonicals: dict[str, Canonical] = {}
        self.of_member: dict[str, str] = {}
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._short: dict[str, set[str]] = defaultdict(set)
        self._surname: dict[str, set[str]] = defaultdict(set)
        self._acronym: dict[str, set[str]] = defaultdict(set)
        # "s&p|500" of "S&P 500" (written as an acronym: True) and of "Standard & Poor's 500"
        self._tails: dict[tuple[bool, str], set[str]] = defaultdict(set)
        self._models: dict[str, set[str]] = defaultdict(set)  # "787 dreamliner" of "Boeing 787 ..."
        self._opening: dict[str, set[str]] = defaultdict(set)
        # the name keys of the people and organisations each graph names, for evidence
        self._context: dict[str, set[str]] = defaultdict(set)
        self._spread: Counter[str] = Counter()  # in how many graphs each of those keys is
        self._people: set[str] = set()  # the surnames of the people known

    def load(self, canonical: Canonical) -> None:
        """Take in a canonical actor as stored, members and all."""
        self.canonicals[canonical.iri] = canonical
        for member in canonical.members:
            self.of_member[member.iri] = canonical.iri
            self._index(canonical, member)

    def add(self, member: Member, mint: str) -> str:
        """Place a member; return its canonical actor's IRI (`mint` if it starts a new one).

        A member placed before stays where it is, with the graphs and aliases it is now known by.
        """
        if member.iri in self.of_member:
            self._update(member)
            return self.of_member[member.iri]
        target = self._decided(member) or self._match(member)
        if target is None:
            found = self._shortened(member)
            best = max(found.values(), default=0)
            ranked = sorted(iri for iri, n in found.items() if n == best)
            target = self.canonicals[ranked[0]] if len(ranked) == 1 else None
        return self._join(member, target, mint)

    def add_many(self, members: Sequence[Member], mint: Callable[[Member], str]) -> int:
        """Place members in the order given; return how many were new.

        A member that only a short form can place (tier 5) waits until the others are placed;
        then the waiting member with the strongest evidence is placed first, and so on, so that
        "Apple Inc." joins "Apple Computer" before "Apple Stores" can.
        """
        self.note(m for m in members if m.iri not in self.of_member)
        waiting: list[Member] = []
        fresh = 0
        for member in members:
            if member.iri in self.of_member:
                self._update(member)
                continue
            fresh += 1
            target = self._decided(member) or self._match(member)
            if target is None and self._shortened(member):
                waiting.append(member)
            else:
                self._join(member, target, mint(member))
        while waiting:
            scored = [(n, -i, iri) for i, m in enumerate(waiting)
                      for iri, n in self._shortened(m).items()]
            if scored:
                _, i, iri = max(scored)
                self._join(waiting.pop(-i), self.canonicals[iri], "")
            else:
                first = waiting.pop(0)
                self._join(first, None, mint(first))
        return fresh

    def _join(self, member: Member, target: Canonical | None, mint: str) -> str:
        if target is None:
            target = Canonical(iri=mint, kind=member.kind)
            self.canonicals[mint] = target
        target.members.append(member)
        target.kind = _kind(target.members)
        self.of_member[member.iri] = target.iri
        self._index(target, member)
        return target.iri

    def _update(self, member: Member) -> None:
        canonical = self.canonicals[self.of_member[member.iri]]
        for i, known in enumerate(canonical.members):
            if known.iri == member.iri:
                sources = known.sources | member.sources
                canonical.members[i] = Member(
                    iri=known.iri, name=known.name, kind=known.kind,
                    aliases=tuple(sorted(set(known.aliases) | set(member.aliases))),
                    weight=len(sources) or known.weight + member.weight, sources=sources)

    def forget(self, graphs: set[str]) -> None:
        """Drop removed graphs from the members' sources, and the members left with none."""
        for canonical in list(self.canonicals.values()):
            for i, known in enumerate(canonical.members):
                if known.sources & graphs:
                    sources = known.sources - graphs
                    canonical.members[i] = Member(iri=known.iri, name=known.name,
                                                  kind=known.kind, aliases=known.aliases,
                                                  weight=len(sources), sources=sources)
        gone = [m.iri for c in self.canonicals.values() for m in c.members
                if m.sources == frozenset() and m.weight == 0]
        for iri in gone:
            self.remove(iri, reindex=False)
        if gone:
            self._rebuild()

    def remove(self, iri: str, *, reindex: bool = True) -> None:
        """Drop a member no article names any more, and its canonical actor if it was the last."""
        owner = self.of_member.pop(iri, None)
        if owner is None:
            return
        canonical = self.canonicals[owner]
        canonical.members = [m for m in canonical.members if m.iri != iri]
        if not canonical.members:
            del self.canonicals[owner]
        if reindex:
            self._rebuild()

    def _rebuild(self) -> None:
        for table in (self._exact, self._short, self._surname, self._acronym, self._tails,
                      self._models, self._opening, self._context):
            table.clear()
        self._spread.clear()
        self._people.clear()
        for canonical in self.canonicals.values():
            for member in canonical.members:
                self._index(canonical, member)

    def note(self, members: Iterable[Member]) -> None:
        """Take in the names of members about to be placed, as evidence for each other."""
        for member in members:
            self._note(member)

    def _note(self, member: Member) -> None:
        if family(member.kind) in _CONTEXT and not member.local:
            key = _key(member.name, member.kind)
            for graph in member.sources:
                if key not in self._context[graph]:
                    self._context[graph].add(key)
                    self._spread[key] += 1

    def _index(self, canonical: Canonical, member: Member) -> None:
        self._note(member)
        if member.local:
            return  # an actor its article only describes ("the company") is no one elsewhere
        own = words(member.name)
        for name in member.names:
            short = name != member.name and family(member.kind) in _SHORTENED \
                and _short_form(words(name), own)
            if short and (_sub_body(words(name), own) or _inner(words(name), own)):
                continue  # "Senate" of the "Senate Veterans Affairs Committee" is the Senate
            # "Apple" of "Apple Corps" in its article may be another Apple elsewhere: a short
            # form only takes a name that is the same short form ("Apple", not "Apple Inc.")
            (self._short if short else self._exact)[_key(name, member.kind)].add(canonical.iri)
            if family(member.kind) == "person" or member.weak:
                parsed = PersonName.parse(name)
                if parsed is not None:
                    self._surname[parsed.last].add(canonical.iri)
                    if family(member.kind) == "person":
                        self._people.add(parsed.last)
            else:
                for key in _acronym_tails(name):
                    self._tails[_opens_acronym(name), key].add(canonical.iri)
                if member.kind == "product":
                    self._models[_model(name)].add(canonical.iri)
            if family(member.kind) != "person" and not member.weak and not is_acronym(name):
                for form in initials(name):
                    self._acronym[form].add(canonical.iri)
                core = org_core(name).split()
                if len(core) > 1 and core[-1] not in SUB_BODIES and member.kind != "product":
                    self._opening[core[0]].add(canonical.iri)

    def _decided(self, member: Member) -> Canonical | None:
        for a, b in sorted(self.decisions.same):
            other = b if a == member.iri else a if b == member.iri else None
            if other is not None and other in self.of_member:
                return self.canonicals[self.of_member[other]]
        return None

    def _match(self, member: Member) -> Canonical | None:
        if member.local:
            return None
        for tier in (self._by_name, self._by_short, self._by_person, self._by_acronym,
                     self._by_model, self._by_opening):
            found = [c for c in (self.canonicals[i] for i in sorted(tier(member)))
                     if self._fits(member, c)]
            if len(found) > 1:
                found = _most_specific(member, found)
            if len(found) > 1:
                found = _in_story(member, found)
            if len(found) > 1:
                found = _salient(found)
            if len(found) == 1:
                return found[0]
            if found:
                return None
        return None

    def _fits(self, member: Member, canonical: Canonical) -> bool:
        if any(self.decisions.apart(member.iri, m.iri) for m in canonical.members):
            return False
        mine, theirs = family(member.kind), family(canonical.kind)
        if theirs == "person" and mine != "person" and member.weak:
            return self._named_beside(member, canonical)
        if mine == theirs or "other" in (mine, theirs):
            return True
        return mine == "person" and all(m.weak for m in canonical.members)

    def _named_beside(self, member: Member, canonical: Canonical) -> bool:
        """Tell whether an article of a member names the person too (where its articles are
        known): a lone word typed as an organisation or untyped is the surname of a person its
        own story names ("Trump" in a headline over "Donald Trump"), not of one it never names
        ("Washington" is no George Washington, "Guardian" no Don Guardian), unless the store
        names the person widely ("McConnell" of a story that names no Mitch McConnell)."""
        if not member.sources or \
                len({g for m in canonical.members for g in m.sources}) >= WIDELY_NAMED:
            return True
        # the person's other names: the member's own word is in its own story
        names = {_key(n, canonical.kind) for n in canonical.names} - \
            {_key(n, canonical.kind) for n in member.names}
        return any(names & self._context.get(g, set()) for g in member.sources)

    def _by_name(self, member: Member) -> set[str]:
        # the member's own name only: its aliases may be short forms shared by others ("Clinton")
        return set(self._exact.get(_key(member.name, member.kind), ()))

    def _by_short(self, member: Member) -> set[str]:
        # a name that is itself only the short form ("Apple"), never a full one ("Apple Inc."),
        # a state organ's either way round ("Department of Education" of the "U.S. Department
        # of Education")
        key = _key(member.name, member.kind)
        own = words(member.name)
        return set(self._short.get(key, ())) if len(own) == 1 or own[-1] not in LEGAL_FORMS \
            else set()

    def _by_person(self, member: Member) -> set[str]:
        if family(member.kind) != "person" and not member.weak:
            return set()
        mine = PersonName.parse(_fullest(member.names))
        if mine is None:
            return set()
        found = set()
        bearers = {iri: self.canonicals[iri].person() or PersonName.parse(
            self.canonicals[iri].name) for iri in sorted(self._surname.get(mine.last, ()))}
        # where the store knows other people of the surname ("Carrie Cohen", "Larry Cohen"),
        # a short form of a given name is no proof ("Steve Cohen" the congressman, "Stephen S.
        # Cohen" the economist): their articles must share some other name
        common = any(p is not None and p.first is not None and not mine.agrees(p)
                     for p in bearers.values())
        for iri, theirs in bearers.items():
            if theirs is not None and mine.agrees(theirs) and (
                    not (common and mine.nicknamed(theirs))
                    or self._evidence(member, self.canonicals[iri]) > 0) \
                    and not _other_generation(member, mine, self.canonicals[iri]):
                found.add(iri)
        return found

    def _by_acronym(self, member: Member) -> set[str]:
        if family(member.kind) == "person":
            return set()
        # an acronym the member's own name holds as a word is no acronym of another's ("TV" of
        # "BFM TV" is not the "Trump Victory" fund)
        own = words(member.name)
        found = {iri for name in member.names if is_acronym(name)
                 and not (name != member.name and _short_form(words(name), own))
                 for iri in self._acronym.get(fold(name).replace(" ", ""), ())
                 if not self._spelled_otherwise(member, self.canonicals[iri], name)}
        # a full name joins an actor known by its acronym if the acronym has three letters or
        # more ("USAF"); two letters stand for too many names ("AP")
        for form in initials(member.name) if not is_acronym(member.name) else ():
            if len(form) >= 3:
                found |= {iri for iri in self._exact.get(_key(form, member.kind), ())
                          if any(is_acronym(n) for n in self.canonicals[iri].names)
                          and not self._spelled_otherwise(member, self.canonicals[iri], form)}
        # an acronym of the opening words, the rest the same ("S&P 500", "Standard & Poor's 500"),
        # of the member's own name: an alias may be a line's name two products share ("OS X" of
        # "OS X Tiger" and of "Mac OS X Lion")
        # one side written as an acronym: two full names with the same initials are not one
        # ("Alabama Democratic Party", "Arizona Democratic Party"; "American Bar Association",
        # "American Bankers Association")
        other = not _opens_acronym(member.name)
        found |= {iri for key in _acronym_tails(member.name)
                  for iri in self._tails.get((other, key), ())}
        return found

    @staticmethod
    def _spelled_otherwise(member: Member, canonical: Canonical, acronym: str) -> bool:
        """Tell whether an acronym stands for two full names here: the member's own and
        another the actor bears ("DNC" of the Democratic National Committee is not the
        Democratic National Convention; "BS" of Big Sisters is not Bear Stearns)."""
        form = fold(acronym).replace(" ", "")
        mine = {org_core(n) for n in member.names if not is_acronym(n) and form in initials(n)}
        theirs = {org_core(n) for n in canonical.names if not is_acronym(n)
                  and form in initials(n)}
        return bool(mine) and bool(theirs) and not mine & theirs

    def _by_model(self, member: Member) -> set[str]:
        # a model by its designation, with its maker's name or without ("Boeing 787
        # Dreamliner", "787 Dreamliner"); a model keeps its number ("iPhone" is no "iPhone 4")
        if member.kind != "product" or not _designated(words(member.name)):
            return set()
        return set(self._models.get(_model(member.name), ()))

    def _by_opening(self, member: Member) -> set[str]:
        # a one-word name of the member's own, or an alias that is no short form of its own
        # name ("Apple" of the "Apple Inc." node opens "Apple Corps" too: not evidence)
        own = words(member.name)
        # an index's acronym opens its full name too ("FTSE" of "FTSE 100")
        spelled = family(member.kind) == "financial"
        one = [w[0] for n in member.names if len(w := words(n)) == 1
               and (spelled or not is_acronym(n))
               and w[0] not in GENERIC and (n == member.name or not _short_form(w, own))]
        # a product's one-word name opening another's is another product ("Mac" of "Mac OS X")
        if family(member.kind) in ("person", "product") or not one:
            return set()
        return {iri for w in one for iri in self._opening.get(w, ())}


    def _shortened(self, member: Member) -> dict[str, int]:
        """Return the actors a short form an article uses for the member's name stands for
        elsewhere, or that shorten their own names to the member's, each with the number of
        other names their articles share (evidence; those with none are left out)."""
        if family(member.kind) not in _SHORTENED or member.local:
            return {}
        own = words(member.name)
        # a short form that is also a person's name stands for too much ("Trump" of "Trump
        # University" and of "Trump Administration"); a body inside another is not that other
        # ("Senate" of the "Senate Veterans Affairs Committee")
        shorts = {key for n in member.aliases if _opens(words(n), own)
                  and (key := _key(n, member.kind)) not in self._people
                  and not _sub_body(words(n), own)}
        # two products of one line both shorten to the line's name ("OS X" of "OS X Tiger" and
        # of "Mac OS X Lion"): a product's short form takes an actor of that name only
        tables = (self._exact,) if member.kind == "product" else (self._exact, self._short)
        found = {iri for key in shorts for table in tables for iri in table.get(key, ())}
        if _key(member.name, member.kind) not in self._people:
            found |= {iri for iri in self._short.get(_key(member.name, member.kind), ())
                      if any(_opens(own, words(n)) for n in self.canonicals[iri].names)}
        scored = {iri: self._evidence(member, self.canonicals[iri]) for iri in sorted(found)
                  if self._fits(member, self.canonicals[iri])}
        return {iri: n for iri, n in scored.items() if n > 0}

    def _evidence(self, member: Member, canonical: Canonical) -> int:
        """Count the other people and organisations the articles of a member and of an actor
        both name, leaving out those a third of the store names ("Donald Trump" in a store of
        campaign news tells nothing); none if one of the articles names both apart."""
        theirs = {g for m in canonical.members for g in m.sources}
        if member.sources & theirs:
            return 0
        names = {_key(n, m.kind) for m in (member, *canonical.members) for n in m.names}
        mine = {k for g in member.sources for k in self._context.get(g, ())} - names
        common = max(3.0, len(self._context) / 3)
        return sum(1 for k in mine & {k for g in theirs for k in self._context.get(g, ())}
                   if self._spread[k] <= common)


# kinds in the order a tie between an actor node's graphs is broken: those read off words
# around a name (a model's number, "web browser Safari", a state's organ, an outlet's noun)
# before the model's label for a name ("Safari" PERSON in another article), an organisation
# before a person (the model reads companies' names as people's: "Best Buy"), "other" last
_TIE_RANK = {kind: i for i, kind in enumerate((
    "product", "financial", "country", "government", "military", "armed_group", "media", "group",
    "organisation", "person", "other"))}


def node_kind(counts: Mapping[str, int]) -> str:
    """Return the kind of an actor node its graphs give most often; a tie goes to the kind
    read off the words around a name ("web browser Safari" a product in one article, "Safari"
    a person by the model's label in another). "other" (a speaker the statements stage added
    with no kind of its own) counts only where no graph gives a kind ("Facebook" a medium in
    one article, "other" in two, is a medium).

    Examples:
        >>> node_kind({"person": 1, "product": 1})
        'product'
        >>> node_kind({"person": 2, "product": 1})
        'person'
        >>> node_kind({"other": 2, "media": 1})
        'media'
    """
    known = {kind: n for kind, n in counts.items() if kind != "other"}
    return min((known or counts).items(),
               key=lambda kv: (-kv[1], _TIE_RANK.get(kv[0], len(_TIE_RANK)), kv[0]))[0]


def _kind(members: Sequence[Member]) -> str:
    """Return the kind most of an actor's articles give it (the first placed breaks ties), a
    person's where one is named in full: a lone word typed as an organisation or left untyped
    (a headline's "Trump") does not count against a full name, nor does "other" against a kind."""
    people = any(m.kind == "person" and not m.weak for m in members)
    votes: Counter[str] = Counter()
    for m in members:
        if m.kind != "other" and not (people and m.weak):
            votes[m.kind] += m.weight
    if not votes:
        return members[0].kind
    most = max(votes.values())
    return next(m.kind for m in members if votes.get(m.kind) == most)


def _key(name: str, kind: str) -> str:
    """The folded form two names of one actor share: legal forms and honorifics dropped."""
    if family(kind) == "person":
        parsed = PersonName.parse(name)
        if parsed is not None:
            return " ".join([*filter(None, [parsed.first]), *parsed.middle, parsed.last,
                             *filter(None, [parsed.suffix])])
    return known_as(org_core(name))


def _short_form(short: list[str], full: list[str]) -> bool:
    """Tell whether a name is a strict run of the words of a fuller name ("Apple" of "Apple
    Corps"), which an article may use for it but others for another."""
    n = len(short)
    return 0 < n < len(full) and any(full[i:i + n] == short for i in range(len(full) - n + 1))


def _opens(short: list[str], full: list[str]) -> bool:
    """Tell whether a short form is the opening words of a fuller name, the part that tells it
    apart ("Apple" of "Apple Computer"), not a closing head word many names share ("Post" of
    "Washington Post", "State" of "Islamic State")."""
    return _short_form(short, full) and full[:len(short)] == short \
        and not all(w in GENERIC for w in short)


def _model(name: str) -> str:
    """Return a product's name without its maker's, the first word, where the rest holds the
    model's number ("787 dreamliner" of "Boeing 787 Dreamliner", "a380" of "Airbus A380")."""
    found = words(name)
    rest = found[1:]
    return " ".join(rest if _designated(rest) else found)


def _designated(name: Sequence[str]) -> bool:
    """Tell whether a name's words hold a model's designation, three digits or more ("787",
    "a380"); "iPhone 4" is no "iOS 4"."""
    return any(sum(c.isdigit() for c in w) >= 3 for w in name)


def _opens_acronym(name: str) -> bool:
    """Tell whether a name's first word is written as an acronym ("S&P 500")."""
    return bool(name.split()) and is_acronym(name.split()[0])


def _acronym_tails(name: str) -> set[str]:
    """Return the keys a name shares with the names that spell its opening words out, or
    shorten them to an acronym, the last one or two words the same: "s&p|500" for "S&P 500"
    and for "Standard & Poor's 500"."""
    found = words(name)
    if len(found) < 2:
        return set()
    if _opens_acronym(name):
        return {f"{found[0].replace(' ', '')}|{' '.join(found[1:])}"} if len(found) <= 3 else set()
    return {f"{form}|{' '.join(found[k:])}" for k in range(max(2, len(found) - 2), len(found))
            for form in initials(" ".join(found[:k])) if len(form) >= 2}


def _inner(short: list[str], full: list[str]) -> bool:
    """Tell whether a short form is neither the opening nor the closing words of a fuller name:
    the head noun a qualifier follows ("Congress" of the "American Congress of Obstetricians"
    is the Congress elsewhere, and in that story most likely too)."""
    n = len(short)
    return full[:n] != short and full[-n:] != short


def _sub_body(short: list[str], full: list[str]) -> bool:
    """Tell whether a full name names a body of the organisation its opening words name: it
    ends in a word for a body (`SUB_BODIES`: "committee", "office") the short form lacks."""
    return full[-1] in SUB_BODIES and full[-1] not in short


def _other_generation(member: Member, mine: PersonName, canonical: Canonical) -> bool:
    """Tell whether an article names the member and one of the actor's people apart, one of
    them with a generational suffix the other lacks, both by more than a surname: "Donald Trump
    Jr." beside "Donald J. Trump" in one story is his son, where "Joseph R. Biden Jr." alone is
    Joe Biden (and "Alito" beside "Samuel A. Alito Jr." is the same judge)."""
    for known in canonical.members:
        if known.iri == member.iri or not known.sources & member.sources:
            continue
        theirs = PersonName.parse(known.name)
        if theirs is not None and theirs.suffix != mine.suffix \
                and (mine if mine.suffix is None else theirs).first is not None:
            return True
    return False


def _fullest(names: tuple[str, ...]) -> str:
    return max(names, key=lambda n: (len(words(n)), len(n)))


def _most_specific(member: Member, found: list[Canonical]) -> list[Canonical]:
    """Among several canonical actors a member fits, keep the ones of its own kind family, then
    the people with a first name (a full name joins "Donald Trump", not a lone "Trump")."""
    same = [c for c in found if family(c.kind) == family(member.kind)] or found
    named = [c for c in same if (p := c.person()) is not None and p.first is not None]
    return named or same


def _in_story(member: Member, found: list[Canonical]) -> list[Canonical]:
    """Among several canonical actors a member fits, keep those named in one of its own
    articles, if any: an acronym beside its full name is that name ("DFA spokesman Neil Sroka"
    in a story of Democracy for America, not the Dodd-Frank Act)."""
    return [c for c in found if any(member.sources & m.sources for m in c.members)] or found


def _salient(found: list[Canonical]) -> list[Canonical]:
    """Among several canonical actors a short name fits, keep the one the store names in at
    least three times as many articles as any other ("Obama" is Barack Obama in a store where
    Michelle Obama is rare); else all of them, and the name stays ambiguous."""
    ranked = sorted(found, key=lambda c: -sum(m.weight for m in c.members))
    first, second = (sum(m.weight for m in c.members) for c in ranked[:2])
    return ranked[:1] if first >= 3 * second else ranked
