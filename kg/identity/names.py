"""What a name says about who it names, across articles: its folded forms, its parts, its initials.

Pure functions over strings; `resolve` compares the forms of two actors' names with them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# legal forms and corporate suffixes, dropped from organisation names ("General Motors Corp.")
LEGAL_FORMS = frozenset({"corp", "corporation", "inc", "incorporated", "co", "company", "ltd",
                         "limited", "llc", "plc", "ag", "sa", "nv", "gmbh", "lp", "llp", "group",
                         "holdings"})
# honorifics and courtesy titles, dropped from people's names ("Mr. Obama", "Sen. Ted Cruz")
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady",
                        "sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt", "rev", "hon",
                        "president", "senator", "governor", "secretary", "minister", "judge"})
# generational suffixes: they tell a father from his son ("Donald Trump Jr.", "Duncan Hunter Sr.")
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
# words that open many names and stand for none alone ("State" opens "State Department")
GENERIC = frozenset({"state", "house", "national", "united", "american", "new", "general", "first",
                     "federal", "international", "world", "central", "royal", "democratic",
                     "republican", "the", "university", "department", "ministry", "party"})
# last words of a body inside an organisation ("Senate Veterans Affairs Committee" of the Senate)
SUB_BODIES = frozenset({"committee", "subcommittee", "caucus", "office", "bureau", "division",
                        "unit", "board", "council", "commission", "panel", "desk", "program",
                        "programme", "center", "centre", "institute", "school", "college"})
# not "department": the Treasury Department is the Treasury
CONNECTIVES = frozenset({"of", "the", "and", "&", "for", "de", "du", "des", "la", "le", "on"})
# a state's organ named by its field either way round: "Department of Labor" is the "Labor
# Department", "Ministry of Defence" the "Defence Ministry" (not "Bank of America": a bank's or a
# university's name keeps its order, "America Bank" would be another)
ORGANS = frozenset({"department", "ministry"})
_WORD = re.compile(r"[\w&'’.-]+")
_PAIRED = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+")  # "Trans-Pacific", "Coca-Cola"


def fold(text: str) -> str:
    """Return a name folded for comparison: accents off, lower case, dots and quotes removed."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(w.replace(".", "").replace("'", "").replace("’", "")
                    for w in _WORD.findall(plain.lower())).replace("-", " ").strip()


def words(text: str) -> list[str]:
    """Return the folded words of a name, without a leading "the"."""
    found = fold(text).split()
    return found[1:] if found[:1] == ["the"] and len(found) > 1 else found


def org_core(text: str) -> str:
    """Return an organisation's name without its legal form ("general motors" for "GM Corp."),
    a state organ's with its field first ("us labor department" for "U.S. Department of Labor").

    Examples:
        >>> org_core("U.S. Department of Labor") == org_core("the US Labor Department")
        True
        >>> org_core("Bank of America")
        'bank of america'
    """
    found = words(text)
    while len(found) > 1 and found[-1] in LEGAL_FORMS:
        found.pop()
    for i, word in enumerate(found[:-2]):
        # "Department of the Treasury" is the "Treasury Department"
        field = [w for k, w in enumerate(found[i + 2:]) if k or w != "the"]
        if word in ORGANS and found[i + 1] == "of" and field and "of" not in field:
            found = [*found[:i], *field, word]
            break
    return " ".join(found)


def known_as(core: str) -> str:
    """Return the name a body goes by for one of its other names (`other_names.tsv`: "republican
    party" for "gop"), else the name itself.

    Examples:
        >>> known_as("gop"), known_as("general motors")
        ('republican party', 'general motors')
    """
    return _other_names().get(core, core)


def own_name(core: str) -> bool:
    """Tell whether a folded name is a body's own name that `other_names.tsv` lists other names
    for ("republican party", not "gop")."""
    return core in _own_names()


@functools.lru_cache(maxsize=1)
def _own_names() -> frozenset[str]:
    return frozenset(_other_names().values())


@functools.lru_cache(maxsize=1)
def _other_names() -> dict[str, str]:
    found: dict[str, str] = {}
    text = (Path(__file__).parent / "other_names.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, others = line.split("\t")
            found.update({other.strip(): name for other in others.split("|")})
    return found


def initials(text: str) -> set[str]:
    """Return the acronyms a name may go by: "USAF" for "U.S. Air Force", "BOA" and "BA" for
    "Bank of America" (with and without the connectives). A word that is an acronym itself gives
    all its letters ("UNSC" for "UN Security Council", not "USC"; "EVA Airways" goes by no
    "EA")."""
    raw = [w for w in _WORD.findall(text) if w.lower().strip(".") not in LEGAL_FORMS]
    # a hyphenated pair of capitalised words gives a letter each ("TPP" for "Trans-Pacific
    # Partnership", "HP" for "Hewlett-Packard Co.")
    split = [p for w in raw for p in (w.split("-") if _PAIRED.fullmatch(w) else (w,))]
    if len(split) < 2:
        return set()
    def letters(word: str) -> str:  # "U.S." -> "us", "Air" -> "a", "EVA" -> "eva"
        parts = [p for p in word.split(".") if p]
        if len(parts) > 1:
            return "".join(p[0] for p in parts).lower()
        return word.lower() if len(word) > 1 and word.isupper() and word.isalpha() \
            else word[0].lower()
    every = "".join(letters(w) for w in raw)
    content = "".join(letters(w) for w in raw if w.lower() not in CONNECTIVES)
    forms = {every, content}
    if len(split) > len(raw):
        forms |= {"".join(letters(w) for w in split),
                  "".join(letters(w) for w in split if w.lower() not in CONNECTIVES)}
    return {form for form in forms if len(form) >= 2}


def is_acronym(text: str) -> bool:
    """Tell whether a name is written as an acronym ("GM", "U.S.A.F.", "BoA")."""
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and " " not in text \
        and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


@dataclass(frozen=True)
class PersonName:
    """A person's name in parts: "Donald J. Trump" is "donald", ("j",), "trump"; "Donald Trump
    Jr." is "donald", (), "trump", "jr"."""

    first: str | None
    middle: tuple[str, ...]
    last: str
    suffix: str | None = None  # a generational suffix (`GENERATIONS`)

    @classmethod
    def parse(cls, text: str) -> PersonName | None:
        found = [w for w in words(text) if w not in HONORIFICS]
        suffix = found.pop() if len(found) > 1 and found[-1] in GENERATIONS else None
        found = [w for w in found if w not in GENERATIONS]
        if not found:
            return None
        if len(found) == 1:
            return cls(None, (), found[0], suffix)
        return cls(found[0], tuple(found[1:-1]), found[-1], suffix)

    def agrees(self, other: PersonName) -> bool:
        """Tell whether two names can be one person's: same surname, first names that agree (or
        one missing), and middle names that agree where both give them ("George Bush" and
        "George W. Bush" agree; "George W. Bush" and "George H. W. Bush" do not), and generational
        suffixes that agree where both give them ("Duncan Hunter Sr." is no "Duncan Hunter Jr.")."""
        if self.last != other.last:
            return False
        if self.suffix is not None and other.suffix is not None and self.suffix != other.suffix:
            return False
        if self.first is not None and other.first is not None \
                and not _part_agrees(self.first, other.first):
            return False
        if self.middle and other.middle:
            return len(self.middle) == len(other.middle) and all(
                _part_agrees(a, b) for a, b in zip(self.middle, other.middle, strict=True))
        return True

    def nicknamed(self, other: PersonName) -> bool:
        """Tell whether two names' first names agree only as a given name and a short form of
        it ("Steve" and "Stephen"), neither written as the other nor as its initial."""
        a, b = self.first, other.first
        return a is not None and b is not None and a != b and len(a) > 1 and len(b) > 1 \
            and not a.startswith(b) and not b.startswith(a) and _part_agrees(a, b)


def _part_agrees(a: str, b: str) -> bool:
    """A name part agrees with itself, with its initial ("j" and "john") and with its short
    forms (`nicknames.tsv`: "chuck" and "charles", "bill" and "william")."""
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)) \
        or bool(_given(a) & _given(b))


def _given(part: str) -> frozenset[str]:
    """Return the given names a name part may stand for: itself, or those it shortens."""
    return frozenset({part, *_nicknames().get(part, ())})


@functools.lru_cache(maxsize=1)
def _nicknames() -> dict[str, tuple[str, ...]]:
    """Return each short form with the given names it shortens ("bill" -> ("william",))."""
    found: dict[str, list[str]] = {}
    text = (Path(__file__).parent / "nicknames.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, shorts = line.split("\t")
            for short in shorts.split():
                found.setdefault(short, []).append(name)
    return {short: tuple(names) for short, names in found.items()}
