"""The small hand-written word lists the actors stage reads: demonyms, titles, kinds of body."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from kg.model import ActorKind

_LEXICONS = Path(__file__).parent


def _rows(filename: str) -> list[list[str]]:
    text = (_LEXICONS / filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


# the heads that name a state organ before "of" ("Department of Labor")
_ORGAN_HEADS = frozenset({"department", "ministry", "office"})


@dataclass(frozen=True)
class Lexicon:
    """Word lists: demonym -> country code, title words, organisation-kind words and names."""

    demonyms: dict[str, str]
    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    kind_names: dict[str, ActorKind]  # whole names ("reuters")
    kind_heads: dict[str, ActorKind]  # last word of a name or the noun it modifies ("agency")
    kind_words: dict[str, ActorKind]  # anywhere in a name ("ministry")
    non_actors: frozenset[str]  # last words of names that are not actors ("conference")
    civil_nouns: frozenset[str]  # nouns a demonym makes private, not state ("Chinese airlines")

    def demonym(self, word: str) -> str | None:
        """Return the country code of a demonym ("Syrian" -> "SY"), plural or not."""
        return self.demonyms.get(word) or self.demonyms.get(word.removesuffix("s"))

    def demonym_of(self, code: str) -> str | None:
        """Return the first demonym the lexicon lists for a country code ("SY" -> "Syrian")."""
        return next((d for d, c in self.demonyms.items() if c == code), None)

    def org_kind(self, name: str, head: str | None = None) -> ActorKind | None:
        """Return the kind an organisation name or the noun it modifies tells, if any."""
        folded = name.lower().removeprefix("the ").strip()
        if folded in self.kind_names:
            return self.kind_names[folded]
        if _CALL_LETTERS.fullmatch(name.strip()):
            return "media"
        if head is not None and head.lower() in self.kind_heads:
            return self._outlet_or(self.kind_heads[head.lower()], folded.split())
        words = folded.split()
        if words and words[-1] in self.kind_heads:
            return self._outlet_or(self.kind_heads[words[-1]], words[:-1])
        # an outlet's name of one word run together from a short name and an outlet's head
        # word ("HuffPost"): an outlet, as the head word alone would say
        # (a section of its name too: "HuffPost Politics")
        parts = _CAMEL.split(name.strip().split()[0]) if words else []
        if len(parts) == 2 and parts[0][:1].isupper() \
                and self.kind_heads.get(parts[1].lower()) == "media":
            return "media"
        # a state organ's name may put its head first ("Department of Justice", "Office of
        # Management and Budget"); other heads before "of" stay words of a name ("Army of Islam"
        # is no state's army, a "Council of Foreign Relations" no government)
        opening = words[words.index("of") - 1] if "of" in words[1:] else None
        if opening in _ORGAN_HEADS:
            return "government"
        return next((self.kind_words[w] for w in words if w in self.kind_words), None)

    def _outlet_or(self, kind: ActorKind, before: list[str]) -> ActorKind:
        """Return "media" for a body's head word that a media word before it makes an outlet's
        ("Xinhua News Agency", "Sinclair Broadcasting Group"), else the head's own kind."""
        if kind in ("organisation", "government") \
                and any(self.kind_words.get(w) == "media" for w in before):
            return "media"
        return kind

    def is_actor_name(self, name: str) -> bool:
        """Tell whether a name can name an actor (not "Macworld Conference", not "USD")."""
        words = name.lower().split()
        # a suffix ("-phobia") marks a one-word name of a notion ("Islamophobia")
        return bool(words) and words[-1] not in self.non_actors and not (
            len(words) == 1 and any(s.startswith("-") and words[0].endswith(s[1:])
                                    for s in self.non_actors))

    def is_title_word(self, word: str) -> bool:
        """Tell whether a word can be part of a title ("Foreign", "Minister", "chief"), written
        with dots too ("C.E.O.")."""
        folded = word.lower()
        if folded.count(".") > 1:
            folded = folded.replace(".", "")
        return folded in self.title_heads or folded in self.title_modifiers


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the lexicon files once per process."""
    titles = _lines("titles.txt")
    names: dict[str, ActorKind] = {}
    heads: dict[str, ActorKind] = {}
    words: dict[str, ActorKind] = {}
    for word, kind, where in _rows("org_kinds.tsv"):
        {"name": names, "head": heads, "any": words}[where][word] = kind  # type: ignore[assignment]
    return Lexicon(
        demonyms={d: c for d, c in _rows("demonyms.tsv")},
        title_heads=frozenset(t[1:] for t in titles if t.startswith("*")),
        title_modifiers=frozenset(t for t in titles if not t.startswith("*")),
        kind_names=names, kind_heads=heads, kind_words=words,
        non_actors=frozenset(_lines("non_actors.txt")),
        civil_nouns=frozenset(_lines("civil_nouns.txt")),
    )


def _lines(filename: str) -> list[str]:
    text = (_LEXICONS / filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


# words of a web page's buttons and form labels, which a page's text runs into the words beside
# them ("Follow LiveblogNewest | OldestAni Vrabel", "Job: WaitressPay: $5 per hour"); no name
# of a company is made of one ("BlackBerry", "YouTube", "PayPal" are not: "Pay" only as a label's
# last part, see `run_together`)
_PAGE_WORDS = frozenset({"newest", "oldest", "featured", "share", "reply", "follow", "loading",
                         "subscribe", "liveblog", "moderator", "comments", "preview",
                         "advertisement"})
FORM_LABELS = frozenset({"name", "age", "city", "job", "pay", "occupation", "hometown"})
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# the call letters of a US broadcaster: K or W and three capitals, maybe a band ("WBUR", "KQED",
# "WMUR-TV"; FCC call signs, 47 CFR 73.3550); "WWII" and its like are no station
_CALL_LETTERS = re.compile(r"(?!WWI)[KW][A-Z]{3}(-(TV|FM|AM|DT))?")


def run_together(word: str) -> bool:
    """Tell whether a word is several run together ("CarterFlagShareLikeReplySara"): three or
    more capitals after small letters, or a capitalised word after a small one ("ChristieJEWEL");
    a name has one or two capitals inside ("McDonald", "DeSantis", "iOS"). A word whose part is
    a web page's button ("LiveblogNewest", "OldestAni") or ends in a form's label ("WaitressPay")
    is words run together too (`_PAGE_WORDS`)."""
    parts = [p.lower() for p in _CAMEL.split(word)]
    return sum(a.islower() and b.isupper() for a, b in itertools.pairwise(word)) >= 3 \
        or re.search(r"[a-z]{2}[A-Z]{2}", word) is not None \
        or len(parts) > 1 and (any(p in _PAGE_WORDS for p in parts)
                               or parts[-1] in FORM_LABELS)
