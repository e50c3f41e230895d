"""Find the names the model tagged, cut where it ran one name across several.

A slash, a list's comma, a joint name's hyphen or "and", an opening quote, an abbreviation's
full stop and a person in apposition part what the model read as one name; a sentence or a
headline in capitals names no one.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from kg.extract.actors.boundaries import after_possessor_body
from kg.extract.actors.words import LEGAL_FORMS, NAME_LABELS, possessed_person
from kg.extract.common.gender import is_given_name
from kg.extract.common.names import Lexicon
from kg.extract.common.place_cues import POSSESSIVES
from kg.extract.common.text import entities

_OPENING_QUOTES = frozenset({"“", "‘", "``"})

# what parts a name the model ran across: a slash ("New York Times/CBS News") or a list's bullet
# ("Illinois * Wixom Assembly Plant")
_SEPARATORS = frozenset({"/", "*", "•", "|"})


def name_parts(doc: Doc, lexicon: Lexicon, alone: frozenset[str]) -> Iterator[DocSpan]:
    """Yield the PERSON and ORG names of a parsed article, a name the model ran across a slash
    cut there: "New York Times/CBS News" (a joint poll) is two organisations, "John Moore/Getty"
    (a photo credit) the person. The model's products are read too ("the Taurus"). A sentence
    in capitals ("WASSERMAN SCHULTZ RESIGNS") names no one: the model reads capitals as names;
    nor does a name inside a headline in capitals that runs into a sentence (`_in_capitals`).
    An organisation's name run across the comma of a list is cut there too (`_listed`), one
    across the hyphen or "and" of a joint name (`_joint`), and a name run into an opening quote
    ("Christie “New Jersey’s Biggest Loser”") before it."""
    shouting: dict[int, bool] = {}
    people = frozenset(e[-1].text for e in entities(doc) if e.label_ == "PERSON")
    for ent in entities(doc):
        if ent.label_ not in NAME_LABELS and ent.label_ != "PRODUCT":
            continue
        sent = ent.sent
        if sent.start not in shouting:
            shouting[sent.start] = _shouting(sent)
        if shouting[sent.start] or _in_capitals(ent):
            continue
        quoted = next((t.i for t in ent[1:] if t.text in _OPENING_QUOTES), None)
        if quoted is not None:  # what follows the quote mark is a quotation
            ent = DocSpan(doc, ent.start, quoted, label=ent.label_)
        opens = _after_full_stop(ent)
        if opens is not None:  # "in the U.S." + "Deutsche Bank of Germany lost ..."
            ent = DocSpan(doc, opens, ent.end, label=ent.label_)
        cut_short = _runs_on(ent)
        if cut_short is not None:  # "Priorities USA Action and Correct" + "the Record"
            ent = DocSpan(doc, ent.start, cut_short, label=ent.label_)
        comma = _apposed_person(ent, people)
        if comma is not None:  # "his best friend at Lehigh, Bruce Turry"
            yield DocSpan(doc, ent.start, comma, label=ent.label_)
            yield DocSpan(doc, comma + 1, ent.end, label="PERSON")
            continue
        owner = _person_owned(ent, people)
        if owner is not None:  # "the Daily Wire's" + "Ben Shapiro"
            yield DocSpan(doc, ent.start, owner, label=ent.label_)
            yield DocSpan(doc, owner + 1, ent.end, label="PERSON")
            continue
        owned = _owned_body(ent)
        if owned is not None:  # "St. Anselm's" + "College Institute of Politics"
            yield DocSpan(doc, ent.start, owned, label=ent.label_)
            yield DocSpan(doc, owned, ent.end, label=ent.label_)
            continue
        cuts = [t.i for t in ent if t.text in _SEPARATORS or t.text == "," and _listed(ent, t.i)
                or t.text in ("-", "and") and _joint(ent, t.i, alone, lexicon)]
        if not cuts:
            yield ent
            continue
        bounds = list(zip([ent.start, *(i + 1 for i in cuts)], [*cuts, ent.end], strict=True))
        for start, end in bounds[:1] if ent.label_ == "PERSON" else bounds:
            if start < end:
                yield DocSpan(doc, start, end, label=ent.label_)


def _owned_body(ent: DocSpan) -> int | None:
    """Return where a body's name opens that the model ran on from its possessor's name, after
    the possessive ("St. Anselm's College Institute of Politics": the college's institute),
    when a body's word and another body's name follow (`boundaries.after_possessor_body`); a
    possessive before one body's word stays inside the name ("Worldwide Developer's
    Conference", an event's name)."""
    if ent.label_ != "ORG":
        return None
    doc = ent.doc
    for t in ent[1:-2]:
        if t.text in POSSESSIVES and after_possessor_body(doc, t.i + 1, ent.end) > t.i + 1:
            return t.i + 1
    return None


def _listed(ent: DocSpan, comma: int) -> bool:
    """Tell whether a comma inside an organisation's name is a list's: another name follows the
    name, or a capitalised word the model left untagged ("MPower Change, Emerge USA, Bend the Arc"),
    after a comma or "and" ("includes Lazard, Evercore Partners, Moelis & Company"), and a
    name, not a legal form, follows the comma ("Apple, Inc.", "Skadden, Arps, Slate, Meagher &
    Flom" alone stay whole)."""
    doc = ent.doc
    after = doc[comma + 1:ent.end]
    if ent.label_ != "ORG" or not len(after) or not after[0].text[:1].isupper() \
            or after.text.lower().strip(".") in LEGAL_FORMS or comma == ent.start:
        return False
    nxt = ent.end + 1
    return ent.end < len(doc) and doc[ent.end].text in (",", "and") and nxt < len(doc) \
        and (doc[nxt].ent_iob_ == "B" and doc[nxt].ent_type_ in NAME_LABELS
             or doc[nxt].is_alpha and doc[nxt].text[:1].isupper())


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _after_full_stop(ent: DocSpan) -> int | None:
    """Return where a name opens that the model ran across an abbreviation whose dot also ends
    its sentence ("the crisis in the U.S. Deutsche Bank of Germany lost $3.5 billion", "users
    in the U.S. Jobs also noted"): the name after it is a new sentence's subject, a finite verb
    follows it, and the sentence had its own finite verb before. A body of the state ("the U.S.
    Senate voted") or a clause without a verb before ("Lawmakers in the U.S. Senate voted")
    stays whole."""
    doc = ent.doc
    dots = [t.i for t in ent[:-1] if len(t.text) > 2 and t.text.endswith(".")
            and t.text.replace(".", "").isupper()]
    if not dots or ent.root.dep_ != "pobj":
        return None
    after = ent.end
    while after < len(doc) and doc[after].pos_ == "ADV":
        after += 1
    sent = ent.sent
    if after >= len(doc) or doc[after].tag_ not in _FINITE \
            or not any(t.tag_ in _FINITE for t in doc[sent.start:ent.start]):
        return None
    return dots[-1] + 1


def _runs_on(ent: DocSpan) -> int | None:
    """Return where to cut an organisation's name whose last part, after "and", goes on past
    the model's name with "the" and a capitalised word ("Priorities USA Action and Correct" +
    "the Record"): the name before "and" is whole, the cut one is not; a name whose end is its
    own ("Procter and Gamble said", "Procter and Gamble of Cincinnati") is left whole."""
    doc = ent.doc
    # the model may take the small word in ("Priorities USA Action and Correct the")
    tail = ent.end - 1 if ent[-1].lower_ == "the" else ent.end
    joins = [t.i for t in doc[ent.start + 1:tail - 1] if t.lower_ == "and"]
    if ent.label_ != "ORG" or not joins or tail + 1 >= len(doc) \
            or doc[tail].lower_ != "the" or not doc[tail + 1].text[:1].isupper() \
            or not doc[tail + 1].is_alpha:
        return None
    return joins[-1]


def _apposed_person(ent: DocSpan, people: frozenset[str]) -> int | None:
    """Return the comma of an organisation's name the model ran into the person's name in
    apposition after it ("his best friend at Lehigh, Bruce Turry"): two or more capitalised
    words after the comma, the first a given name (`gender.tsv`), the last a surname the article
    gives a person elsewhere ("Mr. Turry"); a name's own commas are no one's ("Skadden, Arps,
    Slate, Meagher & Flom"), nor is a list of clubs ("Quaker Ridge Golf Club, Beach Point
    Club")."""
    if ent.label_ != "ORG":
        return None
    comma = next((t.i for t in ent if t.text == ","), None)
    if comma is None or comma == ent.start:
        return None
    after = ent.doc[comma + 1:ent.end]
    if len(after) < 2 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in after) \
            or not is_given_name(after[0].text) or after[-1].text not in people:
        return None
    return comma


def _person_owned(ent: DocSpan, people: frozenset[str]) -> int | None:
    """Return the possessive of an organisation's name the model ran into the name of a person
    it has ("the Daily Wire's Ben Shapiro", "National Review's Jonah Goldberg" beside
    "Goldberg said"; `words.possessed_person`)."""
    if ent.label_ != "ORG":
        return None
    owner = next((t.i for t in ent[1:] if t.text in POSSESSIVES), None)
    if owner is None or not possessed_person(ent.doc[owner + 1:ent.end], people):
        return None
    return owner


def _joint(ent: DocSpan, hyphen: int, alone: frozenset[str], lexicon: Lexicon) -> bool:
    """Tell whether a hyphen or "and" inside an organisation's name joins two names, each of
    which the article or the lexicon knows alone or which says what kind of body it names in two
    words or more ("Associated Press-GfK poll" of the AP and GfK, "a Washington Post-ABC News
    poll", "a work of Cornell and Technion"); a name whose parts name no one alone stays whole
    ("Mercedes-Benz", "Rolls-Royce", "Procter and Gamble")."""
    doc = ent.doc
    def named(part: DocSpan) -> bool:
        text = part.text.lower().removeprefix("the ")
        return text in alone or len(part) > 1 and lexicon.org_kind(text) is not None
    before, after = doc[ent.start:hyphen], doc[hyphen + 1:ent.end]
    return ent.label_ == "ORG" and len(before) > 0 and len(after) > 0 and named(before) \
        and named(after)


def _in_capitals(ent: DocSpan) -> bool:
    """Tell whether a name stands in a run of three or more words in capitals, two of them of
    five letters or more: a headline in capitals ("DNC CHAIR DEBBIE WASSERMAN SCHULTZ RESIGNS
    After months of ...", "EUROPEANS ASK IF VIOLENCE IS ..."), not a row of acronyms ("NATO,
    the UN and the EU") or a name in capitals in a sentence ("said KPMG")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    def capital(i: int) -> bool:
        return doc[i].is_alpha and doc[i].text.isupper()
    if not all(capital(i) for i in range(start, end) if doc[i].is_alpha):
        return False
    while start > 0 and capital(start - 1):
        start -= 1
    while end < len(doc) and capital(end):
        end += 1
    words = [t.text for t in doc[start:end]]
    return len(words) >= 3 and sum(len(w) >= 5 for w in words) >= 2


def _shouting(sent: DocSpan) -> bool:
    """Tell whether a sentence is written in capitals: four or more words, none in small
    letters."""
    words = [t.text for t in sent if t.is_alpha and len(t.text) > 1]
    return len(words) >= 4 and all(w.isupper() for w in words)
