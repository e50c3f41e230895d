"""Tell the names that name no actor where they stand.

A place after a locative preposition, a name that only ever modifies a noun ("Takfiri
militants"), a category ranked by an ordinal ("Third World countries"), two surnames joined
("the Obama-Clinton disaster") and a thing named for its authors ("the Dodd-Frank law").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from kg.extract.common.names import Lexicon
from kg.extract.common.text import entities

_REPORTER_NOUNS = frozenset({"news", "correspondent", "reporter", "source", "report"})

# prepositions after which a name the gazetteer knows is where something is, not who acts;
# "to", "from", "with" and "at" also take people ("a letter to X", "talks with X")
_WHERE_PREPOSITIONS = frozenset({"in", "near", "towards", "toward", "into", "outside", "around",
                                 "inside", "across", "through", "throughout", "within"})

# ordinals that rank a noun: a name opened by one before a common noun is a category of it ("a
# First World economy", "Third World countries"), not an actor (`ranked`)
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                       "eighth", "ninth", "tenth"})


def joined_names(span: DocSpan, people: frozenset[str]) -> bool:
    """Tell whether a hyphenated name joins the surnames of two people the article names apart
    ("the Obama-Clinton disaster" beside "Obama" and "Hillary Clinton"); a double-barrelled
    name whose parts are no one else's stays ("Wasserman-Schultz")."""
    parts = span.text.split("-")
    return len(parts) == 2 and " " not in span.text and parts[0] != parts[1] \
        and all(p in people for p in parts)


def thing_named_for(span: DocSpan, lexicon: Lexicon) -> bool:
    """Tell whether a hyphenated name without a given name only ever stands between "the" and
    a common noun it names ("the Glass-Steagall firewall", "the Dodd-Frank law"): a law or a
    thing named for its authors, no person; a person named so elsewhere too ("They met the
    Wasserman-Schultz campaign. Wasserman-Schultz said nothing.") or before a title stays."""
    if "-" not in span.text or " " in span.text:
        return False
    doc = span.doc
    width = len(span)
    found = [i for i in range(len(doc) - width + 1)
             if doc[i].text == span[0].text and doc[i:i + width].text == span.text]
    def named_for(i: int) -> bool:
        after = doc[i + width] if i + width < len(doc) else None
        return i > 0 and doc[i - 1].lower_ == "the" and after is not None \
            and after.pos_ == "NOUN" and after.text.islower() \
            and not lexicon.is_title_word(after.text)
    return bool(found) and all(named_for(i) for i in found)


def located(ent: DocSpan, is_place: Callable[[str], bool]) -> bool:
    """Tell whether a name is the object of a locative preposition and a gazetteer place."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in _WHERE_PREPOSITIONS \
        and is_place(ent.text)


def only_modifier(doc: Doc, span: DocSpan, lexicon: Lexicon, *, cut: bool = False) -> bool:
    """Tell whether a one-word ORG name is only ever an adjective of a noun ("Takfiri militants").

    A name that modifies an outlet, an office or a title ("Interfax news agency", "AFP
    correspondent", "Observatory chief") still names an organisation.
    """
    if len(span) != 1 or span.text.isupper() or span.text.lower() in lexicon.kind_names:
        return False
    if any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == span.text for e in entities(doc)):
        return False  # a surname the model typed ORG ("Mulally plans")
    # the model's names that are or open it, and a name `name_parts` cut from a longer one
    # ("Lazard" of "Lazard, Evercore Partners")
    for other in [span, *entities(doc)] if cut else entities(doc):
        if other.text != span.text and not other.text.startswith(span.text + " "):
            continue
        root = other.root
        if root.dep_ not in ("compound", "amod") or root.head.pos_ != "NOUN":
            return False
        head = root.head.lower_
        if lexicon.org_kind("", head) not in (None, "armed_group") \
                or lexicon.is_title_word(head) or head in _REPORTER_NOUNS:
            return False
    return True


def ranked(span: DocSpan, lexicon: Lexicon) -> bool:
    """Tell whether a name opened by an ordinal modifies a common noun, as a category of it ("a
    strong First World economy", "Third World countries"); a name that acts ("First Data said"),
    a whole name ("Fifth Third Bank") or one before a title ("a Fifth Circuit judge") stays."""
    root = span.root
    head = root.head
    return span[0].lower_ in _ORDINALS and len(span) > 1 and root.dep_ in ("compound", "amod") \
        and head.pos_ == "NOUN" and head.i >= span.end and head.lower_ not in lexicon.title_heads \
        and lexicon.org_kind("", head.text) is None
