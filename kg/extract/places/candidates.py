"""Candidate place names in a parsed article: entities, capitalised runs, datelines, with cues.

Also reads which names the article uses for people, so that "President Obama" is no town.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from kg.extract.common.budget import check
from kg.extract.common.names import Lexicon
from kg.extract.common.place_cues import (
    Cue,
    cue_for,
    dateline_spans,
    place_kind_words,
    possessive_end,
)
from kg.extract.common.text import entities
from kg.extract.common.tree import tree
from kg.extract.gazetteer.tables import fold
from kg.model import Article, PlaceKind, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_OTHER_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"})
DATELINE_CUE = Cue(strong=True, kind="city")  # a dateline names the city a story was filed in
# an unknown name of several words the model calls GPE is a place only if it reads as one
PLACE_FIRST_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern",
                                "eastern", "western", "central", "upper", "lower", "greater",
                                "new", "old", "mount", "lake", "port", "fort", "saint", "st."})
_PLACE_LAST_WORDS = frozenset({"union", "republic", "kingdom", "emirates", "states", "territory",
                               "territories", "strip", "bank", "coast", "islands", "island",
                               "heights", "valley", "county", "province", "region", "city"})
# words of a name that say it names a place or a facility, whatever comes before them
# ("Orlando International Airport", "Scarborough Shoal"), unlike a team's or a firm's ("New
# York Jets", "Cambridge Analytica"): see `place_word`
_FACILITY_WORDS = frozenset({
    "airport", "airfield", "park", "square", "plaza", "street", "avenue", "road", "boulevard",
    "highway", "bridge", "tower", "towers", "hall", "statehouse", "capitol", "courthouse",
    "stadium", "arena", "center", "centre", "station", "prison", "jail", "base", "camp",
    "harbor", "harbour", "bay", "beach", "gulf", "sea", "ocean", "river", "lake", "canal",
    "strait", "shoal", "reef", "peninsula", "mountains", "mountain", "hills", "hill", "desert",
    "forest", "falls", "springs", "gardens", "grounds", "border", "crossing", "zone", "mall",
    "hospital", "school", "university", "college", "church", "mosque", "cathedral", "palace",
    "hotel", "beltway", "metro", "area", "side", "village", "heights", "island", "islands",
})

@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    """A name that may be a place: where it stands, its NER label and its cue."""

    label: str  # NER label, "" for a name the model did not tag
    cue: Cue
    dateline: bool = False

    @property
    def span(self) -> Span:
        return Span(start=self.start, end=self.end, text=self.text)


def place_word(word: str) -> bool:
    """Tell whether a word of a name says it is a place or facility ("County", "Airport").

    Examples:
        >>> place_word("Airport"), place_word("County"), place_word("Jets")
        (True, True, False)
    """
    lower = word.lower()
    return lower in _FACILITY_WORDS or lower in _PLACE_LAST_WORDS or lower in place_kind_words()


def place_like(name: str) -> bool:
    """Tell whether an unknown name reads as a place ("West Germany", "Soviet Union")."""
    words = name.lower().split()
    return len(words) > 1 and (words[0] in PLACE_FIRST_WORDS or words[-1] in _PLACE_LAST_WORDS)


def personal_names(doc: Doc, found: list[Candidate], lexicon: Lexicon) -> set[str]:
    """Return the names the article uses for people ("President Obama", "Obama").

    That is a name after a title, a word of a person's name, or a name the model tags PERSON
    at least as often as anything else and that never follows a locative preposition.
    """
    votes: Counter[tuple[str, bool]] = Counter()
    for ent in entities(doc):
        votes[(fold(ent.text), ent.label_ == "PERSON")] += 1
    names = {fold(t.text) for e in entities(doc) if e.label_ == "PERSON" and len(e) > 1 for t in e}
    # a name also written after "in" or "from" is a place the model sometimes calls a person
    located = {fold(m.text) for m in found if m.cue.weak or m.cue.strong}
    for m in found:
        first = doc.char_span(m.start, m.end, alignment_mode="expand")
        before = doc[first.start - 1] if first is not None and first.start > 0 else None
        key = fold(m.text)
        titled = before is not None and before.text[:1].isupper() \
            and lexicon.is_title_word(before.text)
        tagged = votes[(key, True)] and votes[(key, True)] >= votes[(key, False)]
        if titled or tagged and key not in located:
            names.add(key)
    return names


def candidates(doc: Doc, article: Article, known: Callable[[str], bool],
               sure: Callable[[str], bool]) -> Iterator[Candidate]:
    """Yield every name that might be a place, trimmed and with its cue.

    `known` tells whether the gazetteer has a name at all, `sure` whether it is a well-known
    place, as both parts of a name the model ran together must be ("Idlib Ankara").
    """
    covered: set[int] = set()
    for ent in entities(doc):
        check()  # the per-article time budget (kg.extract.common.budget)
        covered.update(range(ent.start, ent.end))
        if ent.label_ in PLACE_LABELS or ent.label_ in _OTHER_NAME_LABELS:
            yield from _split(doc, ent, ent.label_, known, sure)
    run: list[int] = []
    for token in [*tree(doc).tokens, None]:
        if token is not None and token.text[:1].isupper() and token.pos_ == "PROPN" \
                and token.i not in covered:
            run.append(token.i)
            continue
        if run:
            yield from _split(doc, doc[run[0]:run[-1] + 1], "", known, sure)
        run = []
    for span in dateline_spans(doc, article.body_start):
        yield Candidate(span.start_char, span.end_char, span.text, "", DATELINE_CUE, True)
    yield from _reader_dateline(article)


def _split(doc: Doc, span: DocSpan, label: str, known: Callable[[str], bool],
           sure: Callable[[str], bool]) -> Iterator[Candidate]:
    """Trim a name ("the", possessive, a trailing kind noun) and yield it with its cue.

    A name the model ran together ("Idlib Ankara") that the gazetteer knows only in two
    parts is yielded as two names.
    """
    start, end = span.start, span.end
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    end = possessive_end(doc, start, end)
    while end > start and doc[end - 1].is_punct:
        end -= 1
    # a name that reads as one place as a whole is not split ("Central America" is not the
    # town of Central, Louisiana, and America)
    if end - start > 1 and not known(doc[start:end].text) \
            and not place_like(doc[start:end].text):
        parts = [i for i in range(start + 1, end)
                 if sure(doc[start:i].text) and sure(doc[i:end].text)]
        if parts and label in PLACE_LABELS:
            yield from _split(doc, doc[start:parts[0]], label, known, sure)
            yield from _split(doc, doc[parts[0]:end], label, known, sure)
            return
    kind: PlaceKind | None = None
    last = doc[end - 1]
    # "Hama province", but "Islamic State" is no state called Islamic
    if end - start > 1 and last.lower_ in place_kind_words() and not known(doc[start:end].text) \
            and (last.is_lower or sure(doc[start:end - 1].text)):
        kind = place_kind_words()[doc[end - 1].lower_]
        end -= 1
    if start >= end:
        return
    cue = cue_for(doc, start, end)
    if kind is not None:
        cue = Cue(strong=True, kind=kind, within=cue.within)
    name = doc[start:end]
    yield Candidate(name.start_char, name.end_char, name.text, label, cue)


def conjuncts(doc: Doc, names: list[Candidate], accepted: list[Candidate]) -> list[Candidate]:
    """Return candidates coordinated with a cued place, with its cue ("provinces of A and B")."""
    by_root = {r: m for m in accepted if not m.dateline and (r := _root(doc, m)) is not None}
    found: list[Candidate] = []
    taken = set(accepted)  # a set: `m not in accepted` on the list was quadratic
    for m in names:
        head = doc[r] if (r := _root(doc, m)) is not None else None
        while head is not None and head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
            cued = by_root.get(head.i)
            if cued is not None and (m not in taken or cued.cue.kind and not m.cue.kind):
                found.append(Candidate(m.start, m.end, m.text, m.label, cued.cue))
                break
    return found


def _root(doc: Doc, m: Candidate) -> int | None:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root.i if span is not None else None


def _reader_dateline(article: Article) -> Iterator[Candidate]:
    """Yield the dateline place the article reader found, where its text can be located.

    The reader may give the name in other letter case than the text ("MAARET AL-NOMAN").
    """
    line = article.dateline
    if line is None or not line.place_name:
        return
    name = line.place_name.split(",")[0].strip()
    start, end = (line.span.start, line.span.end) if line.span else (0, len(article.text))
    found = article.text.lower().find(name.lower(), start, end) if name else -1
    if found >= 0:
        text = article.text[found:found + len(name)]
        yield Candidate(found, found + len(name), text, "", DATELINE_CUE, True)
