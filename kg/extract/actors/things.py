"""Find the named things stories follow like actors: products and financial instruments.

A product is named by a model designation ("A380", "787", "iPhone 4", "A400M"), with the maker's
name before it ("Airbus A380", "Boeing 787 Dreamliner") and numbers or names after it; an
instrument by a market index's name ("Dow Jones Industrial Average", "S&P 500", "FTSE 100",
"Nasdaq Composite"), from `instruments.tsv`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc, Token

from kg.extract.actors.mentions import Mention, product_nouns
from kg.extract.actors.words import possessed_person
from kg.extract.common.text import entities
from kg.extract.common.tree import tree
from kg.model import ActorKind

_CAMEL = re.compile(r"^i[A-Z][A-Za-z]+$")  # iPhone, iPod, iTunes, iOS
_DESIGNATION = re.compile(r"^(\d{3,})(?:s|-[0-9A-Z]+)?$")  # 787, 787s, 777-200LR
_NAMED = re.compile(r"^([A-Z][a-z]+)$")  # Dreamliner
_NOT_MODELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "GPE",
                         "PERSON", "NORP", "LOC", "FAC"})


@functools.lru_cache(maxsize=1)
def _instruments() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    text = (Path(__file__).parent / "instruments.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return (frozenset(w for w, where in rows if where == "name"),
            frozenset(w for w, where in rows if where == "head"),
            frozenset(w for w, where in rows if where == "alone"))


_LABELS = {"financial": "FIN", "person": "PERSON"}


def thing_mentions(doc: Doc, taken: set[int]) -> list[Mention]:
    """Return the product and instrument names of a parsed article outside `taken` offsets."""
    found: list[Mention] = []
    tokens = tree(doc).tokens
    i = 0
    while i < len(doc):
        if not _may_open(tokens[i].text):
            i += 1  # most words: none of the three readings starts there
            continue
        span = _instrument(doc, i) or _product(doc, i) or _possessed(doc, i)
        if span is None or any(t.idx in taken for t in doc[span[0]:span[1]]):
            i += 1
            continue
        start, end, kind = span
        words = doc[start:end]
        found.append(Mention(words.start_char, words.end_char, words.text,
                             _LABELS.get(kind, "PRODUCT"), kind,
                             tokens=tuple(t.text for t in words)))
        i = end
    return found + _designations(doc, taken, found)


# what stands between the items of a list ("A, B, and C", "A or B"), an article aside
_LIST_GLUE = re.compile(r"^\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)(?:the\s+)?$")


def listed_products(text: str, names: Sequence[Mention]) -> list[Mention]:
    """Return the names with the kind of products where a list makes them so: a name of no kind
    of its own (the model's organisation) after a product in a list of three names or more, the
    others of which are products or of no kind ("Chrysler will cut the Chrysler Aspen, PT
    Cruiser, and Durango": a list names like things, the first says which), that the article
    names nowhere outside such lists (a maker acts elsewhere: "the 787, the A350 and Airbus ...
    Airbus said") nor as a product's maker ("Boeing" of the "Boeing 787"); two names may be a
    product and its maker's rival ("Sales of the Boeing 787 and Airbus fell"). The other names
    come back as they were."""
    ordered = sorted(names, key=lambda m: (m.start, m.end))
    lists: list[list[Mention]] = []
    for m in ordered:
        last = lists[-1][-1] if lists else None
        if last is not None and last.end <= m.start and _LIST_GLUE.match(text[last.end:m.start]):
            lists[-1].append(m)
        else:
            lists.append([m])
    typed = [items for items in lists if len(items) > 2 and items[0].kind == "product"
             and {m.kind for m in items if m.kind is not None} == {"product"}]
    inside = {id(m) for items in typed for m in items}
    elsewhere = {m.text for m in ordered if id(m) not in inside} \
        | {m.tokens[0] for m in ordered if m.kind == "product" and len(m.tokens) > 1}
    become = {id(m) for items in typed for m in items if m.kind is None and m.label == "ORG"
              and m.text not in elsewhere}
    return [dataclasses.replace(m, label="PRODUCT", kind="product") if id(m) in become else m
            for m in names]


def _designations(doc: Doc, taken: set[int], found: list[Mention]) -> list[Mention]:
    """Return the later mentions of a model the article named by its number: the number alone,
    in the plural or with a variant after a hyphen ("the 787 Dreamliner ... 46 more 787s",
    "the 777 ... The 777-200LR"); each stands for the product (its tokens are the number)."""
    # each number and the name after it ("Dreamliner" of "787 Dreamliner": "Dreamliners"),
    # with the product's name, which the actor keeps if the article names it only so later
    # (a headline's "787 Dreamliner", the body's "787s")
    numbers = {t: m.text for m in found if m.kind == "product" for t in m.tokens
               if t.isdigit() and not _year(t)}
    names = {m.tokens[k + 1]: (t, m.tokens[k + 1]) for m in found if m.kind == "product"
             for k, t in enumerate(m.tokens[:-1]) if t.isdigit() and m.tokens[k + 1].isalpha()}
    named = {**numbers, **{w: numbers[t] for w, (t, _) in names.items() if t in numbers}}
    if not named:
        return []  # no model named by its number: no word of the doc can be one
    spans = [(m.start, m.end) for m in found]
    more: list[Mention] = []
    for token in doc:
        base = _DESIGNATION.match(token.text)
        if base is None and token.text.removesuffix("s") in names:
            base = _NAMED.match(token.text.removesuffix("s"))
        if base is None or base.group(1) not in named or token.idx in taken \
                or any(s <= token.idx < e for s, e in spans) \
                or token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"):
            continue
        more.append(Mention(token.idx, token.idx + len(token.text), token.text, "PRODUCT",
                            "product", canonical=named[base.group(1)],
                            tokens=names.get(base.group(1), (base.group(1),)), refers_back=True))
    return more


def _may_open(text: str) -> bool:
    """Tell whether a word may start a thing's name: a capital, a number or a camel-case "i"
    name (the first test of `_product`, and wider than those of `_instrument` and
    `_possessed`)."""
    return text.isdigit() or text[:1].isupper() or _CAMEL.match(text) is not None


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "ADJ") \
        and token.ent_type_ not in _NOT_MODELS


def _instrument(doc: Doc, i: int) -> tuple[int, int, ActorKind] | None:
    """Read an index's name starting at token i: capitalised words (with "&" and "'s" inside)
    and the numbers after them, if the lexicon knows its opening or its last word."""
    tokens = tree(doc).tokens
    if not (tokens[i].text[:1].isupper() and tokens[i].ent_type_ not in _NOT_MODELS):
        return None
    names, heads, alone = _instruments()
    end = i
    # "Standard & Poor's 500": "&" and "'s" inside, before a capital or a number
    while end < len(doc) and (tokens[end].text[:1].isupper() and tokens[end].ent_type_ not in
                              _NOT_MODELS or end > i and tokens[end].text in ("&", "'s", "’s")
                              and end + 1 < len(doc) and (tokens[end + 1].text[:1].isupper()
                                                          or tokens[end + 1].text.isdigit())):
        end += 1
    words = _fold(doc[i:end].text)
    while end < len(doc) and tokens[end].like_num \
            and tokens[end].ent_type_ not in ("PERCENT", "MONEY"):
        end += 1
    folded = _fold(doc[i:end].text)
    opens = any(folded == n or folded.startswith(n + " ") for n in names) or words in alone
    headed = end - i > 1 and tokens[end - 1].lower_ in heads and tokens[i].pos_ == "PROPN"
    return (i, end, "financial") if opens or headed else None


def _fold(text: str) -> str:
    return text.lower().replace("’", "'").replace("'s", "").replace("-", " ")


# nouns after a name an organisation has that make it a part or a person of it, not a product
# ("Boeing's Commercial Airplanes unit", "Apple's Jobs")
_NOT_PRODUCT_HEADS = frozenset({"unit", "division", "subsidiary", "arm", "branch", "board",
                                "chief", "ceo", "president", "executive", "spokesman",
                                "spokeswoman", "founder", "boss", "team", "staff",
                                "officer", "director", "chairman", "manager"})


# last words of a name that make it a body of the organisation, not a product ("the Brennan
# Center's Democracy Program", "AP's Election Buzz" is a product)
_BODY_WORDS = frozenset({"program", "programme", "institute", "center", "centre", "fund",
                         "project", "initiative", "office", "council", "committee", "foundation",
                         "school", "college", "department", "unit", "division", "team", "lab",
                         "laboratory", "group", "bureau", "desk", "service", "services"})


def _possessed(doc: Doc, i: int) -> tuple[int, int, ActorKind] | None:
    """Read a product an organisation has, or a person (`words.possessed_person`: "The Huffington
    Post's Scott Conroy"): "Apple's OS X Tiger", "Apple's proprietary Quartz",
    "Apple Computer's Mac OS X": capitalised words after a company's possessive (and its
    adjectives), no person's name among them, nor a unit or an officer of the company. The
    possessive of what an organisation's name says it works "for" is no company's: the name goes
    on ("the Campaign for America's" + "Future"; not "The Huffington Post's" + "Scott Conroy")."""
    tokens = tree(doc).tokens
    j = i
    while j > 0 and tokens[j - 1].pos_ == "ADJ" and tokens[j - 1].text.islower():
        j -= 1
    if j < 2 or tokens[j - 1].text not in ("'s", "’s") or tokens[j - 2].ent_type_ != "ORG" \
            or j >= 3 and tokens[j - 3].lower_ == "for" and tokens[j - 1].ent_iob_ == "I" \
            or not (j == i or not tokens[i - 1].text[:1].isupper()):
        return None
    end = i
    # a word in capitals the tagger reads as a noun is part of the name before a proper noun
    # ("Apple's OS X Tiger"), not at its end ("Apple's TV ads")
    while end < len(doc) and tokens[end].text[:1].isupper() and tokens[end].ent_type_ not in \
            _NOT_MODELS and (tokens[end].pos_ == "PROPN" or tokens[end].pos_ == "NOUN"
                             and tokens[end].text.isupper()):
        end += 1
    while end > i and tokens[end - 1].pos_ != "PROPN":
        end -= 1
    after = tokens[end] if end < len(doc) else None
    # a plural name is a body of the company ("Boeing's Launch Systems"), a product is one thing
    if end == i or after is not None and after.lower_ in _NOT_PRODUCT_HEADS \
            or tokens[end - 1].lower_ in _BODY_WORDS \
            or tokens[end - 1].tag_ == "NNPS" or _plural(tokens[end - 1].text) \
            or any(t.ent_type_ == "PERSON" or t.lower_ in _NOT_PRODUCT_HEADS
                   for t in tokens[i:end]):
        return None  # nor is an officer ("Ford's Chief Executive Officer")
    # a person the model left untagged or ran into the name ("The Huffington Post's Scott
    # Conroy", "the Daily Wire's Ben Shapiro": `parts`)
    people = frozenset(e[-1].text for e in entities(doc) if e.label_ == "PERSON")
    return i, end, "person" if possessed_person(doc[i:end], people) else "product"


def _model(token: Token) -> bool:
    """Tell whether a word is a model designation: letters and digits with a capital (A380),
    a camel-case "i" name (iPhone)."""
    text = token.text
    if _CAMEL.match(text):
        return True  # whatever the model tags it ("iTunes" comes out NORP)
    if not text[:1].isupper() or token.ent_type_ in _NOT_MODELS:
        return False
    return sum(c.isdigit() for c in text) >= 3 and any(c.isalpha() for c in text) \
        and "-" not in text


def _product(doc: Doc, i: int) -> tuple[int, int, ActorKind] | None:
    """Read a product's name around token i: a maker's name, a model, numbers and names after."""
    tokens = tree(doc).tokens
    token = tokens[i]
    text = token.text
    if not _may_open(text):
        return None  # neither a number nor a model (see `_model`): most words stop here
    # the last word of a longer name before a number is its operator's, not a maker's ("an
    # American Airlines 777")
    maker = i > 0 and _capitalised(tokens[i - 1]) and tokens[i - 1].pos_ == "PROPN" \
        and tokens[i - 1].ent_iob_ != "I"
    # a bare number is a model only after a company's name or before a model's ("Boeing 787",
    # "Boeing's 747", "787 Dreamliner"; not "Flight 370")
    after = tokens[i + 1] if i + 1 < len(doc) else None
    owner = i > 1 and tokens[i - 1].text in ("'s", "’s") and tokens[i - 2].ent_type_ == "ORG"
    operator = i > 0 and tokens[i - 1].ent_iob_ == "I" and tokens[i - 1].ent_type_ == "ORG" \
        and _capitalised(tokens[i - 1]) and tokens[i - 1].pos_ == "PROPN"
    number = token.text.isdigit() and len(token.text) >= 3 and not _year(token.text) and (
        maker and tokens[i - 1].ent_type_ in ("ORG", "PRODUCT") or owner or operator
        or after is not None and _model_name(after)
        and after.ent_type_ in ("", "PRODUCT", "ORG") and token.ent_type_ not in ("ORDINAL", "DATE")
        and not _company_after(after) and not _counted(after)
        or after is not None and after.lemma_.lower() in product_nouns() and not maker
        and after.tag_ == "NN") and token.ent_type_ not in ("MONEY", "PERCENT", "QUANTITY") \
        and not (i > 0 and tokens[i - 1].is_currency)  # "$249 USD"
    if not (_model(token) or number):
        return None
    start = i - 1 if maker else i
    end = i + 1
    while end < len(doc) and end - start < 4 and (
            tokens[end].like_num or any(c.isdigit() for c in tokens[end].text)
            or _capitalised(tokens[end]) and tokens[end].pos_ == "PROPN"
            or end == i + 1 and number and _model_name(tokens[end])):
        end += 1
    return start, end, "product"


def _model_name(token: Token) -> bool:
    """Tell whether a word after a model number names the model ("787 Dreamliner", which the
    tagger may read as a common noun): capitalised inside its sentence, singular."""
    return _capitalised(token) and token.pos_ in ("PROPN", "NOUN") and not token.is_sent_start \
        and token.tag_ not in ("NNS", "NNPS") and not _plural(token.text)


def _company_after(token: Token) -> bool:
    """Tell whether a word opens a company's name of several words: a number before it counts
    what the company has ("700 United Technologies jobs"); a model's name is one word ("787
    Dreamliner")."""
    if token.ent_type_ != "ORG" or token.ent_iob_ != "B":
        return False
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.ent_iob_ == "I"


def _year(text: str) -> bool:
    """Tell whether a number reads as a year ("2007 models", "February 6, 2016")."""
    return len(text) == 4 and 1900 <= int(text) <= 2099


def _counted(token: Token) -> bool:
    """Tell whether a name after a number only modifies what the number counts: a plural
    noun follows it ("500 Apple engineers"; not "787 Dreamliner")."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.tag_ == "NNS"


def _plural(word: str) -> bool:
    """Tell whether a capitalised word looks plural ("Systems"; not "Express", "Lotus")."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3
