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
# nouns that name a work whose title may follow them (`in_title_of_work`), the small words a
# title keeps in small letters, and the marks inside one
_WORK_NOUNS = frozenset({"book", "film", "movie", "show", "novel", "memoir", "documentary",
                         "album", "song", "series", "play", "podcast", "episode", "musical",
                         "sitcom", "biography", "miniseries"})
_TITLE_SMALL_WORDS = frozenset({"to", "the", "of", "a", "an", "and", "or", "in", "on", "for",
                                "with", "at", "from", "is", "are"})
_TITLE_MARKS = frozenset({",", ":", "“", "‘", '"', "''", "``", "'"})
# words that greet a day ("Happy Cinco de Mayo!", "Merry Christmas,"; `greeted`)
_GREETINGS = frozenset({"happy", "merry"})


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


def in_title_of_work(span: DocSpan) -> bool:
    """Tell whether a name stands in the title of a book, film or show, after the noun that
    says so ("Thomas Frank's new book Listen, Liberal Or, Whatever Happened to the Party of
    People?", "the film American Sniper"): the title runs from a capitalised word right after
    the noun through capitalised and small words to the name. A name after a small word ("a
    book on Hillary Clinton") or one that acts ("the book Trump wrote") is no title."""
    doc = span.doc
    if span.root.dep_ in ("nsubj", "nsubjpass"):
        return False
    sent_start = span.sent.start
    i = span.start - 1
    while i > sent_start and (doc[i].text[:1].isupper() or doc[i].lower_ in _TITLE_SMALL_WORDS
                              or doc[i].text in _TITLE_MARKS):
        i -= 1
    noun = doc[i]
    after = doc[span.end] if span.end < len(doc) else None
    if i == span.start - 1 and after is not None and after.pos_ in ("VERB", "AUX"):
        return False  # the subject of a clause the parse missed ("the book Trump wrote")
    first = next((t for t in doc[i + 1:span.end] if t.is_alpha), None)
    return noun.pos_ == "NOUN" and noun.text.islower() and noun.lemma_ in _WORK_NOUNS \
        and first is not None and first.text[:1].isupper()


def greeted(doc: Doc) -> frozenset[str]:
    """Return the names an article greets ("“Happy Cinco de Mayo!,” he tweeted"): a day or a
    feast, no actor, wherever the article names it ("on Cinco de Mayo, a day on which ...")."""
    found: set[str] = set()
    for ent in entities(doc):
        words = ent[1:] if ent[0].lower_ in _GREETINGS else ent
        before = doc[words.start - 1] if words.start > 0 else None
        after = doc[ent.end] if ent.end < len(doc) else None
        if len(words) and before is not None and before.lower_ in _GREETINGS \
                and after is not None and after.text in ("!", ","):
            found.update((words.text, doc[words.start - 1:ent.end].text))
    return frozenset(found)
