"""Place cues around a name in a parsed sentence: "the town of X", "X province", "in X", "X, Syria".

A strong cue (a kind-of-place noun) makes a name a place even when the NER model typed it
otherwise; a weak cue (a locative preposition, a following ", Country") only supports a
gazetteer match.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span

from kg.extract.common.names import load_lexicon
from kg.extract.common.tree import tree
from kg.model import PlaceKind

_LEXICONS = Path(__file__).parent
LOCATIVE_PREPOSITIONS = frozenset({
    "in", "near", "at", "from", "outside", "around", "into", "to", "toward", "towards",
    "across", "through", "throughout", "inside", "within", "via", "between", "nearby", "on",
    "over", "beyond", "off", "past",
})
# prepositions whose object is seldom a person: "heading towards X", "crossed into X"
DIRECTIONAL_PREPOSITIONS = frozenset({
    "toward", "towards", "into", "across", "throughout", "inside", "outside", "via", "beyond",
})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_POSSESSIVE_NAME_WORDS = frozenset({
    "people", "women", "men", "children", "workers", "veterans", "citizens", "farmers",
    "students", "mothers", "soldiers"})
_DATELINE_WINDOW = 12  # tokens after the name in which the agency or dash must come
_SKIPPABLE = frozenset({"the", "a", "an", "nearby", "neighbouring", "neighboring", "northern",
                        "southern", "eastern", "western", "central", "rebel-held", "besieged",
                        "key", "strategic", "border", "coastal", "second", "largest", "main"})


@functools.lru_cache(maxsize=1)
def place_kind_words() -> dict[str, PlaceKind]:
    """Return the kind-of-place nouns of the lexicon, lowercase word -> place kind."""
    rows = (_LEXICONS / "place_kinds.tsv").read_text(encoding="utf-8").splitlines()
    return {w: k for w, k in (r.split("\t") for r in rows if r and not r.startswith("#"))}  # type: ignore[misc]


@dataclass(frozen=True)
class Cue:
    """What the words around a name say about it being a place."""

    strong: bool = False
    weak: bool = False
    kind: PlaceKind | None = None
    within: Span | None = None  # the ", Country" after "X, Country"
    directional: bool = False  # after a preposition whose object is seldom a person


_BODY_LABELS = frozenset({"ORG", "NORP", "PERSON"})
_LIST_WORDS = frozenset({"and", "or"})  # after "X, Y": Y is the next of a list, not X's country


def cue_for(doc: Doc, start: int, end: int) -> Cue:
    """Read the place cues around tokens `start:end` of `doc`."""
    kinds = place_kind_words()
    i = start - 1
    while i >= 0 and doc[i].lower_ in _SKIPPABLE and doc[i].lower_ not in kinds:
        i -= 1
    before = doc[i] if i >= 0 else None
    after = doc[end] if end < len(doc) else None
    # "the town of X", "the provinces of X" (not "the capital of a NATO ally": X qualifies a
    # noun after it)
    modifies = after is not None and doc[end - 1].dep_ == "compound" and doc[end - 1].head == after
    if before is not None and before.lower_ == "of" and i >= 1 and not modifies:
        j = i - 1
        while j >= 0 and doc[j].lower_ in _SKIPPABLE and doc[j].lower_ not in kinds:
            j -= 1
        if j >= 0 and doc[j].lower_ in kinds:
            return Cue(strong=True, kind=kinds[doc[j].lower_])
    # "the capital X", "second city X" (not "the state Supreme Court", "state GOP officials":
    # a body the kind word qualifies; nor "state Sen. Ralph Alvarado": a title)
    if before is not None and before.lower_ in kinds and before.ent_type_ == "" \
            and doc[start].ent_type_ not in _BODY_LABELS \
            and not load_lexicon().is_title_word(doc[start].text):
        return Cue(strong=True, kind=kinds[before.lower_])
    # "X province", "X governorate" (but not "X state media", "X city council")
    # a plural after a name makes it a group, not a place ("the Warsaw Pact countries")
    # nor a kind word that begins a phrase of its own: "the French Riviera city of Nice" (the
    # city is Nice), "a Hillary town hall" (a meeting)
    if after is not None and after.lower_ in kinds and after.lower_ not in ("capital", "state") \
            and after.tag_ != "NNS" and after.dep_ != "compound":
        nxt = doc[end + 1] if end + 1 < len(doc) else None
        if nxt is None or not (nxt.pos_ in ("NOUN", "PROPN") and nxt.dep_ == "compound"
                               or nxt.lower_ == "of"):
            return Cue(strong=True, kind=kinds[after.lower_])
    within = _comma_place(doc, end)
    # a possessor is no location: "served in Obama's cabinet" is in the cabinet
    weak = before is not None and before.lower_ in LOCATIVE_PREPOSITIONS \
        and not (after is not None and after.text in POSSESSIVES)
    directional = before is not None and before.lower_ in DIRECTIONAL_PREPOSITIONS
    return Cue(weak=weak or within is not None, within=within, directional=directional)


def _comma_place(doc: Doc, end: int) -> Span | None:
    """Return the GPE in "X, GPE" right after a name, if any."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    token = doc[end + 1]
    if token.ent_type_ == "GPE" and token.ent_iob_ == "B":
        # the entity from its tokens' IOB tags: `doc.ents` builds every entity span anew on
        # each call, quadratic in an article of many "X, Country" names
        stop = end + 2
        while stop < len(doc) and doc[stop].ent_iob_ == "I":
            stop += 1
        # a list, not a containing place: "in Central America, Iraq and Afghanistan", "in
        # Paris, Ukraine, Libya and Syria" (but "Portland, Maine, and Boston")
        if stop < len(doc) and (doc[stop].lower_ in _LIST_WORDS or doc[stop].text == ","
                                and stop + 1 < len(doc) and doc[stop + 1].ent_type_ == "GPE"):
            return None
        return Span(doc, end + 1, stop, label=token.ent_type_)
    return None


def dateline_spans(doc: Doc, body_start: int) -> list[Span]:
    """Return capitalised names that open a dateline: "MAARET AL-NOMAN, Syria (AFP) -".

    Only a name in capitals at the start of a line counts, followed soon by a comma, an
    agency in brackets or a dash, as wire datelines are.
    """
    spans: list[Span] = []
    # a name in capitals, at the start of a line
    starts = (t.i for t in tree(doc).tokens if (t.is_upper or t.text in "-'’")
              and t.idx >= body_start and _line_start(doc, t.i))
    for first in starts:
        j = first
        while j < len(doc) and (doc[j].is_upper or doc[j].text in "-'’") and doc[j].text != ",":
            j += 1
        name = doc[first:j]
        letters = sum(len(t) for t in name if t.is_alpha)
        rest = doc[j:min(j + _DATELINE_WINDOW, len(doc))]
        if letters >= 4 and j < len(doc) and doc[j].text in (",", "(", "-", "–", "—") and any(
                t.text in ("(", "-", "–", "—") for t in rest):
            spans.append(name)
    return spans


def possessive_end(doc: Doc, start: int, end: int) -> int:
    """Return where a name ends before a possessive: "Idlib" of "Idlib's de-escalation zone".

    A possessive inside a fixed name ("People's Republic of China") stays.
    """
    for i in range(start + 1, end):
        if doc[i].text in POSSESSIVES and doc[i - 1].lower_ not in _POSSESSIVE_NAME_WORDS:
            return i
    return end


def _line_start(doc: Doc, i: int) -> bool:
    return i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space
