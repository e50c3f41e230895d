"""A person's grammatical gender as one article shows it, for pronoun agreement.

"Mrs. Clinton said ... after he suggested a ban": "he" cannot be Mrs. Clinton. The evidence is
the person's titles and honorifics ("Mrs.", "Spokeswoman", "Queen") and a common given name
("Hillary Clinton"), from `gender.tsv`; a person with none, or with evidence both ways, agrees
with every personal pronoun, as before.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from kg.model import Actor

Gender = Literal["m", "f"]
_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Gender], dict[str, Gender]]:
    """Title words and given names -> gender, read once from `gender.tsv`."""
    titles: dict[str, Gender] = {}
    given: dict[str, Gender] = {}
    text = (Path(__file__).parent / "gender.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, gender, kind = line.split("\t")
        if gender not in ("m", "f") or kind not in ("title", "given"):
            raise ValueError(f"gender.tsv: bad row {line!r} (gender m|f, kind title|given)")
        (titles if kind == "title" else given)[word] = "m" if gender == "m" else "f"
    return titles, given


def _words(title: str) -> list[str]:
    words = title.lower().replace(".", " ").split()
    return [*words, " ".join(words)]


def gender_of(actor: Actor) -> Gender | None:
    """Return the gender an article's titles and given name give a person, or None where
    they give none or disagree ("Mrs. Clinton" f; "Spokesman John Kirby" m; "Clinton" None)."""
    if actor.kind != "person":
        return None
    titles, given = _table()
    seen = {titles[w] for t in actor.titles for w in _words(t) if w in titles}
    first = actor.name.split()[0].lower() if " " in actor.name else ""
    if first in given:
        seen.add(given[first])
    return seen.pop() if len(seen) == 1 else None


def gender_word(word: str) -> Gender | None:
    """Return the gender a title or noun marks ("spokeswoman" f, "mayor" None)."""
    return _table()[0].get(word.lower())


def is_given_name(word: str) -> bool:
    """Tell whether a word is a given name of `gender.tsv` ("Jeb", "Hillary")."""
    return word.lower() in _table()[1]


def pronoun_gender(word: str) -> Gender | None:
    """Return the gender a personal pronoun marks ("she" f, "his" m), else None."""
    word = word.lower()
    return "m" if word in _MALE else "f" if word in _FEMALE else None


def agrees(word: str, gender: Gender | None) -> bool:
    """Tell whether a pronoun may stand for a person of that gender (unknown agrees)."""
    marked = pronoun_gender(word)
    return marked is None or gender is None or marked == gender
