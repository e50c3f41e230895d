"""Group the actor mentions of one article into actors: "Putin" with "Vladimir Putin", "GM" too."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.extract.actors.mentions import Mention
from kg.model import ActorKind

_CONNECTIVES = frozenset({"of", "for", "and", "&", "the", "de", "du", "la", "le", "des", "on"})
_ARTICLE_PREFIX = re.compile(r"^(al|el|as|ad|ar|an|ash)-", re.IGNORECASE)
# last words of a body inside another organisation; a subset of `kg.identity.names.SUB_BODIES`,
# which also holds "office", "bureau", "board", "council" and "commission": within one article
# the "Federal Reserve Board" is the "Federal Reserve" it shortens to, across articles it is kept
# apart. (One list for both would need a module below both layers: `kg.identity` may not import
# `kg.extract`, whose package import loads every stage, nor the reverse.)
SUB_BODIES = frozenset({"committee", "subcommittee", "caucus", "program", "programme", "panel",
                         "desk", "unit", "division"})
# words that stand alone for other actors than the names they are part of: "House" in a story
# naming the White House is the House of Representatives, "State" the State Department
_GENERIC = frozenset({"group", "company", "corporation", "inc", "ltd", "co", "news", "human",
                      "rights", "international", "national", "united", "new", "general", "house",
                      "state", "states", "white"})


_STOP_WORDS = _GENERIC | _CONNECTIVES


@functools.lru_cache(maxsize=1 << 16)
def _norm(token: str) -> str:
    """Return a name word folded for comparison (the same words are compared over and over)."""
    return _ARTICLE_PREFIX.sub("", token.lower().strip(".,"))


@dataclass
class Cluster:
    """The mentions of one actor, and what they agree on."""

    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None  # ISO code of the state the actor is or belongs to
    canonical: str | None = None
    kind: ActorKind | None = None

    # what `longest` and `has_text` have read of `mentions` (which only grow), so that a
    # merge of n mentions of one actor costs O(n) rather than O(n^2)
    _read: int = field(default=0, repr=False, compare=False)
    _fullest: Mention | None = field(default=None, repr=False, compare=False)
    _fullest_named: Mention | None = field(default=None, repr=False, compare=False)
    _texts: set[str] = field(default_factory=set, repr=False, compare=False)

    def _catch_up(self) -> None:
        for m in self.mentions[self._read:]:
            if self._fullest is None or _fullness(m) > _fullness(self._fullest):
                self._fullest = m
            if not m.refers_back and (self._fullest_named is None
                                      or _fullness(m) > _fullness(self._fullest_named)):
                self._fullest_named = m
            self._texts.add(m.text.lower())
        self._read = len(self.mentions)

    @property
    def longest(self) -> Mention:
        """Return the fullest name: most words, then most characters, then first; a name that
        does not refer back, if there is one."""
        self._catch_up()
        best = self._fullest_named or self._fullest
        if best is None:
            raise ValueError("a cluster without mentions has no name")
        return best

    def has_text(self, lowered: str) -> bool:
        """Return whether a mention of the actor reads `lowered` (compared in lower case)."""
        self._catch_up()
        return lowered in self._texts

    @property
    def label(self) -> str:
        """Return the NER label of the fullest name, which the model types most reliably."""
        return self.longest.label

    def names(self) -> list[str]:
        """Return the distinct names, in order of first mention."""
        return list(dict.fromkeys(m.text for m in sorted(self.mentions, key=lambda m: m.start)))


def merge(names: Iterable[Mention], states: Iterable[Mention],
          generic: frozenset[str] = frozenset()) -> list[Cluster]:
    """Group name mentions by who they name, and state mentions by state or organ.

    A lone `generic` word that heads a fuller name of its actor ("The Party said" after the
    "Democratic Party", "the Committee" after the "Senate Judiciary Committee") joins it as a
    description referring back, not as one of its names: the word names a kind of body, and
    another article's "Party" is no Democratic Party."""
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, str], Cluster] = {}
    for m in states:
        key = (m.canonical or "", m.country or "")
        if key not in by_key:
            by_key[key] = Cluster(country=m.country, canonical=m.canonical, kind=m.kind)
            clusters.append(by_key[key])
        by_key[key].mentions.append(m)
    ordered = sorted(names, key=lambda m: (-len(m.tokens), m.start))
    # a word that opens a longer organisation name ("Ford" in "Ford Motor Company") names
    # the organisation, never a person who happens to bear it
    org_words = {m.tokens[0].lower() for m in ordered if m.label == "ORG" and len(m.tokens) > 1}
    for m in ordered:
        fits = [c for c in clusters if c.country is None and _same(m, c, org_words)]
        # "Apple" is the "Apple Inc." of its article rather than its "Apple Stores": the name
        # that adds only a legal form to it, if there is one, else the first fullest name
        # an acronym is the name it spells rather than a longer one it opens ("EP" is the
        # "European Parliament", not the "EP Committee on Civil Liberties")
        # a person's name is the person's rather than that of a longer name it is inside or
        # closes ("Clinton" is Hillary Clinton, not the "University of Arkansas Clinton School
        # of Public Service" of the same story, "Sanders" not a "New Hampshire Sanders
        # veteran"); where the model reads it as a person's, even one it opens
        target = next((c for c in fits if _legal_form_of(m, c.longest)), None) \
            or next((c for c in fits if acronym(m.text, c.longest.tokens)), None) \
            or next((c for c in fits if c.label == "PERSON" and (m.label == "PERSON" or not any(
                _opens(m, f.longest) for f in fits if f.label != "PERSON"))), None) \
            or (fits[0] if fits else None)
        if target is None:
            # a model's number standing for it keeps its name (`things._designations`)
            target = Cluster(kind=m.kind, canonical=m.canonical if m.refers_back else None)
            clusters.append(target)
        target.mentions.append(member(m, target, generic))
    return clusters


def member(m: Mention, cluster: Cluster, generic: frozenset[str]) -> Mention:
    """Return a mention as it joins an actor: a lone `generic` word heading the actor's fuller
    name as a description referring back to it (see `merge`), any other mention as it is."""
    word = _norm(m.tokens[0]) if len(m.tokens) == 1 else None
    if word in generic and cluster.mentions and len(cluster.longest.tokens) > 1 \
            and name_head(cluster.longest) == word:
        return dataclasses.replace(m, refers_back=True)
    return m


def attach(run: Mention, clusters: list[Cluster]) -> Cluster | None:
    """Return the one named actor a stray proper noun ("the Observatory") refers back to."""
    matches = [c for c in clusters if c.country is None and _part_of(run, c)]
    return matches[0] if len(matches) == 1 else None


def named_heads(clusters: list[Cluster]) -> frozenset[str | None]:
    """Return the head words of the names of every actor but people (see `antecedent`)."""
    return frozenset(name_head(m) for c in clusters if c.label != "PERSON" for m in c.mentions)


def antecedent(description: Mention, clusters: list[Cluster], heads: frozenset[str | None]
               ) -> Cluster | None:
    """Return the actor a definite description refers back to: the one most recently named
    before it by a name whose head is the description's noun ("Turkey's Defence Ministry ...
    The ministry said", "the Ministry of Health ... the ministry"); people are never described
    so. `heads` (`named_heads(clusters)`) turns away at once the descriptions that name no
    actor ("the road")."""
    head = _norm(description.tokens[-1])
    if head not in heads:
        return None
    best: tuple[int, Cluster] | None = None
    for cluster in clusters:
        if cluster.label == "PERSON":
            continue
        for m in cluster.mentions:
            if m.end <= description.start and not m.refers_back and name_head(m) == head \
                    and (best is None or m.end > best[0]):
                best = (m.end, cluster)
    return best[1] if best is not None else None


def name_head(m: Mention) -> str | None:
    """Return the head word of a name: its last word before "of" or "for", folded."""
    words = [_norm(t) for t in m.tokens or m.text.split()]
    cut = next((i for i, w in enumerate(words) if i and w in ("of", "for")), len(words))
    return words[cut - 1] if words else None


THINGS = frozenset({"product", "financial"})  # kinds of things, not agents
_LEGAL_FORMS = frozenset({"inc", "corp", "corporation", "co", "company", "ltd", "llc", "plc"})


def _same(m: Mention, cluster: Cluster, org_words: set[str]) -> bool:
    longest = cluster.longest
    if (m.kind in THINGS) != (longest.kind in THINGS):
        # "Airbus" is not its "Airbus A380"; a name of no kind of its own the article gave a
        # thing, or the thing's acronym, is the thing ("The SDK" of the "iPhone Software
        # Development Kit")
        return m.kind is None and longest.kind in THINGS and (
            cluster.has_text(m.text.lower()) or acronym(m.text, longest.tokens, closing=True))
    if m.kind in THINGS and not _keeps_model(m, longest):
        return False  # "iPhone" (the line) is not the "iPhone 3GS", nor "iPhone 4" the 3GS
    if m.kind == "product" and _line_of(m, longest):
        return False  # "iPhone" is not the "iPhone SDK", nor "Mac" the "Mac OS X"
    if longest.label == "PERSON" and m.label != "PERSON" and m.text.lower() in org_words:
        return False
    if cluster.has_text(m.text.lower()):
        return True
    if m.kind in THINGS and [_norm(t) for t in m.tokens] == [_norm(t) for t in longest.tokens]:
        return True  # "777s" stands for the "777" (`things._designations`)
    return acronym(m.text, longest.tokens, closing=m.kind in THINGS) or _part_of(m, cluster) \
        or longest.label != "PERSON" and (_clipped(m, longest) or _spelled_out(m, longest))


def _opens(short: Mention, full: Mention) -> bool:
    """Tell whether a shorter name is the opening words of a fuller one ("Trump" of the "Trump
    Organization")."""
    n = len(short.tokens)
    return n < len(full.tokens) and [_norm(t) for t in full.tokens[:n]] \
        == [_norm(t) for t in short.tokens]


def _legal_form_of(short: Mention, full: Mention) -> bool:
    """Tell whether a fuller name is a shorter one and a legal form ("Apple Inc." of "Apple")."""
    return _opens(short, full) \
        and all(_norm(t) in _LEGAL_FORMS for t in full.tokens[len(short.tokens):])


def _keeps_model(short: Mention, full: Mention) -> bool:
    """Tell whether a shorter name of a thing keeps the model designation of the fuller one (the
    words with a digit: "A380" keeps it of "Airbus A380", "iPhone" drops it of "iPhone 3GS")."""
    model = {_norm(t) for t in full.tokens if any(c.isdigit() for c in t)}
    return model <= {_norm(t) for t in short.tokens}


def _line_of(short: Mention, full: Mention) -> bool:
    """Tell whether a shorter product name is the product a fuller one is made for: its opening
    words, the rest an acronym for a kind of thing ("iPhone" of the "iPhone SDK", "Mac" of "Mac
    OS X"); a product's own short name is no such thing ("iTunes" of the "iTunes Music Store",
    "iPod" of the "iPod Nano", "Boeing 787" of the "Boeing 787 Dreamliner")."""
    return len(short.tokens) > 0 and _opens(short, full) \
        and any(_acronym_word(t) for t in full.tokens[len(short.tokens):])


def _acronym_word(word: str) -> bool:
    """Tell whether a word is written as an acronym: two capitals or more, no small letter."""
    return len(word) >= 2 and word.isalpha() and word.isupper()


def _clipped(short: Mention, full: Mention) -> bool:
    """Tell whether a name is the opening words of a fuller one, its last word clipped to four
    letters or more ("Penske Auto" of the "Penske Automotive Group"), as headlines write names;
    a word that is a whole other word is no clipping ("Penske Automotive" of "Penske Auto
    Parts" is not)."""
    a = [_norm(t) for t in short.tokens]
    b = [_norm(t) for t in full.tokens]
    return 1 < len(a) <= len(b) and a[:-1] == b[:len(a) - 1] and len(a[-1]) >= 4 \
        and b[len(a) - 1].startswith(a[-1]) and b[len(a) - 1] != a[-1]


def _spelled_out(short: Mention, full: Mention) -> bool:
    """Tell whether a name ends in the acronym of the closing words of a fuller one that opens
    alike ("iPhone SDK" of the "iPhones Software Development Kit"; a plural "s" aside)."""
    head, last = short.tokens[:-1], short.tokens[-1] if short.tokens else ""
    n = len(head)
    return 0 < n < len(full.tokens) - 1 \
        and [_norm(t).removesuffix("s") for t in full.tokens[:n]] \
        == [_norm(t).removesuffix("s") for t in head] and acronym(last, full.tokens[n:])


def _fullness(m: Mention) -> tuple[int, int, int]:
    return len(m.tokens or m.text.split()), len(m.text), -m.start


def _part_of(m: Mention, cluster: Cluster) -> bool:
    """Tell whether a shorter name is a part of the actor's fullest name."""
    short = [_norm(t) for t in m.tokens]
    full = [_norm(t) for t in cluster.longest.tokens]
    if not short or len(short) >= len(full) or all(t in _STOP_WORDS for t in short):
        return False
    if cluster.label == "PERSON":
        # a surname, or a lone first name ("Hillary" for "Hillary Clinton")
        return short == full[-len(short):] or len(short) == 1 and short == full[:1]
    # a body inside an organisation is not what its opening words name ("iPhone" of the
    # "iPhone Developer Program", "Senate" of the "Senate Veterans Affairs Committee")
    if full[-1] in SUB_BODIES and full[-1] not in short:
        return False
    return any(full[i:i + len(short)] == short for i in range(len(full) - len(short) + 1))


def acronym(text: str, tokens: tuple[str, ...], *, closing: bool = False) -> bool:
    """Tell whether `text` is the initials of a multi-word name ("GAO", "EADS"), or with
    `closing` (for things) of its last three words or more, the thing's kind after the name of
    what it is for ("SDK" of the "iPhone Software Development Kit")."""
    letters = text.replace(".", "")
    if len(letters) < 2 or not letters.isupper() or not letters.isalpha():
        return False
    words = [t for t in tokens if t.lower() not in _CONNECTIVES and t[:1].isalpha()]
    # with its legal form or without ("FDIC" of the "Federal Deposit Insurance Corporation",
    # "GM" of "General Motors Corp.")
    forms = [words]
    while len(words) > 2 and _norm(words[-1]) in _LEGAL_FORMS:
        words = words[:-1]
        forms.append(words)
    if closing and len(letters) >= 3:
        forms = [w[-len(letters):] if len(w) > len(letters) else w for w in forms]
    return any(len(w) > 1 and "".join(t[0] for t in w).upper() == letters for w in forms)
