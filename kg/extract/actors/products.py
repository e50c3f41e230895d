"""Tell the names of products and their makers from the names of companies.

"the Ford Taurus" is a model of Ford's, "Airbus" before "A380" a maker before its model
number, "electronics retailer Best Buy" a company (`company_nouns.txt`, `product_nouns.txt`).
"""

from __future__ import annotations

import functools
from pathlib import Path

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from kg.extract.actors.words import LEGAL_FORMS, NAME_LABELS, describes
from kg.extract.common.names import Lexicon
from kg.extract.common.text import entities

# second words of a company's or a body's name that name no model ("Apple Computer", "Ford Motor")
_COMPANY_WORDS = frozenset({"computer", "computers", "motor", "motors", "company", "corporation",
                            "group", "organization", "organisation", "foundation", "store",
                            "stores", "bank", "capital", "partners", "energy", "electric", "media",
                            "entertainment", "records", "studios", "pictures", "labs", "brothers",
                            "international", "america", "americas", "global", "worldwide", "usa",
                            "us", "uk", "europe", "china", "japan", "north", "south", "east",
                            "west", "center", "institute", "administration", "campaign",
                            "building", "tower", "airport", "school", "university", "college",
                            "museum", "library", "hospital", "church", "gallery", "theater",
                            "theatre", "hotel", "station", "club", "park", "zoo"})


def company_described(span: DocSpan) -> bool:
    """Tell whether a common noun for a company stands right before a name ("electronics
    retailer Best Buy"; `company_nouns.txt`)."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.tag_ == "NN" and before.text.islower() \
        and before.lemma_ in _company_nouns()


@functools.lru_cache(maxsize=1)
def _company_nouns() -> frozenset[str]:
    text = (Path(__file__).parent / "company_nouns.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


@functools.lru_cache(maxsize=1)
def product_nouns() -> frozenset[str]:
    """Return the common nouns that say what a product is (`product_nouns.txt`)."""
    text = (Path(__file__).parent / "product_nouns.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def product_ends(doc: Doc) -> frozenset[str]:
    """Return the last words of the names an article calls products (`product_nouns.txt`): a
    name in apposition to a product noun or after one that describes it; the article's other
    names ending in the word name the same product ("Tiger, the newest version ... Tiger")."""
    nouns = product_nouns()
    found: set[str] = set()
    for ent in entities(doc):
        if ent.label_ not in NAME_LABELS or ent[-1].pos_ != "PROPN":
            continue
        root = ent.root
        before = doc[ent.start - 1] if ent.start > 0 else None
        # a person's full name is no product in apposition ("her role model, Eleanor Roosevelt")
        # nor after "model" ("the model Kate Moss"); the model reads some products' names as
        # people's ("the operating system Mac OSX")
        person = ent.label_ == "PERSON" and len(ent) > 1
        apposed = [] if person else [c for c in root.children
                                     if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if not person and root.dep_ == "appos" and root.head.pos_ == "NOUN":
            apposed.append(root.head)
        if before is not None and before.pos_ == "NOUN" and describes(before, root) \
                and not (person and before.lemma_.lower() == "model"):
            apposed.append(before)
        if any(noun.lemma_.lower() in nouns for noun in apposed):
            found.add(ent[-1].text)
    return frozenset(found)


def maker_model(span: DocSpan, makers: frozenset[str], lexicon: Lexicon) -> bool:
    """Tell whether an organisation's name is a maker's and a model's ("Ford Taurus ... the
    Taurus"): two words, the first a maker the article names alone, the second no word of a
    company's name ("Ford Motor", "Apple Computer", "Clinton Foundation") and a thing the article
    calls "the", alone or, each time, after the maker's name ("the Taurus", "Chrysler will cut
    the Chrysler Aspen"; not "Northrop Grumman", a company named by two names, bare somewhere)."""
    if len(span) != 2 or span[0].text not in makers or not span[1].text[:1].isupper():
        return False
    model = span[1]
    if model.lower_.strip(".") in LEGAL_FORMS | _COMPANY_WORDS \
            or lexicon.org_kind("", model.text) is not None \
            or lexicon.org_kind(model.text) is not None or lexicon.is_title_word(model.text):
        return False
    doc = span.doc
    return all(t.i > 0 and doc[t.i - 1].lower_ == "the" for t in doc if t.text == span[0].text
               and t.i + 1 < len(doc) and doc[t.i + 1].text == model.text) \
        or any(t.text == model.text and t.i > 0 and doc[t.i - 1].lower_ == "the"
               for t in doc if t.i != model.i)


def maker_before_number(doc: Doc, span: DocSpan) -> bool:
    """Tell whether a name is a maker's name before a model number ("Airbus A380", "Boeing 747")."""
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and after.pos_ in ("PROPN", "NUM") \
        and any(c.isdigit() for c in after.text)
