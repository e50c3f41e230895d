"""Find the mentions of actors in a parsed article: names, titles, demonyms and metonyms.

Each mention says which actor it names only loosely (its text, NER label, a country code, a
kind); `merge` groups them into actors.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from kg.extract.common.budget import check
from kg.extract.common.gender import is_given_name
from kg.extract.common.names import FORM_LABELS, Lexicon, run_together
from kg.extract.common.place_cues import POSSESSIVES, possessive_end
from kg.extract.common.text import doc_text, entities
from kg.extract.common.tree import tree
from kg.model import ActorKind, Place

_NAME_LABELS = frozenset({"PERSON", "ORG"})
_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "dative"})
_AGENT_PREPOSITIONS = frozenset({"by", "against"})
_MILITARY_HEADS = frozenset({"army", "military", "forces", "troops", "navy", "soldiers",
                             "air force", "armed forces"})
_GOVERNMENT_HEADS = frozenset({"government", "regime", "authorities", "administration",
                               "officials", "cabinet", "ministry"})
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "da", "du", "von", "van",
                             "der", "la", "le"})
_REPORTER_NOUNS = frozenset({"news", "correspondent", "reporter", "source", "report"})
# prepositions after which a name the gazetteer knows is where something is, not who acts;
# "to", "from", "with" and "at" also take people ("a letter to X", "talks with X")
_WHERE_PREPOSITIONS = frozenset({"in", "near", "towards", "toward", "into", "outside", "around",
                                 "inside", "across", "through", "throughout", "within"})
_LEGAL_FORMS = frozenset({"llc", "inc", "corp", "co", "ltd", "plc"})
# words inside an organisation's name that the model may open the name after ("Deferred Action
# for Childhood Arrivals" tagged from "Childhood"; `_name_start`)
_NAME_JOINERS = frozenset({"for", "of"})
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
# parts of speech no person's name opens with (the tagger reads "Follow" in "Follow Ian Hanchett
# on Twitter" as a verb even inside the entity)
_NOT_NAME_OPENERS = frozenset({"VERB", "AUX", "ADV", "ADP", "SCONJ", "CCONJ", "DET", "PRON",
                               "PART", "INTJ"})
# words that open no name, however the tagger reads them capitalised ("Because Loki, the god")
_NOT_NAME_WORDS = frozenset({"because", "but", "and", "or", "if", "when", "while", "after",
                             "before", "since", "although", "though", "so", "then", "also", "even",
                             "just", "still", "yet", "meanwhile", "however", "certainly",
                             "perhaps", "maybe", "only", "unlike", "like", "with", "without",
                             "besides", "despite", "including", "beyond", "amid", "among",
                             "against", "except"})
# determiners that quantify what follows; capitalised at a sentence's start the model runs them
# into a name ("No State of the Union address", "Every Trump voter"); tagged as determiners only
_QUANTIFIERS = frozenset({"no", "every", "each", "any", "some", "another", "this", "that",
                          "these", "those", "all"})
# ordinals that rank a noun: a name opened by one before a common noun is a category of it ("a
# First World economy", "Third World countries"), not an actor (`_ranked`)
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                       "eighth", "ninth", "tenth"})
_OPENING_QUOTES = frozenset({"“", "‘", "``"})
# parties' adjectives, and the chambers they may hold (`_without_party_majority`)
_PARTY_ADJECTIVES = frozenset({"democratic", "republican", "gop", "conservative", "liberal",
                               "labour", "labor"})
_CHAMBERS = frozenset({"senate", "house", "congress", "parliament", "assembly", "legislature"})
# what parts a name the model ran across: a slash ("New York Times/CBS News") or a list's bullet
# ("Illinois * Wixom Assembly Plant")
_SEPARATORS = frozenset({"/", "*", "•", "|"})
# "on Twitter", "via Facebook", "to Twitter" (after a verb: "took to", "posted on")
_MEDIUM_PREPOSITIONS = frozenset({"on", "via", "to"})
_POST_NOUNS = frozenset({"account", "feed", "post", "posts", "page", "accounts", "followers",
                         "message", "messages", "video", "videos", "tweet", "tweets"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"})
# what the tokenizer leaves glued to a name's last word: "Trump‘s", "Trump's", "Cruz—35"
_GLUED = re.compile(r"(['’‘]s?|[—–]\d.*)$")
_ADJECTIVE_SUFFIXES = ("-run", "-backed", "-led", "-held", "-controlled", "-based", "-linked")


@dataclass(frozen=True)
class Mention:
    """One stretch of text naming an actor, with what the words around it say."""

    start: int
    end: int
    text: str
    label: str  # PERSON / ORG / NORP / GPE, or "" for a name the model did not tag
    kind: ActorKind | None = None
    country: str | None = None  # ISO code when the mention names a state or its organ
    canonical: str | None = None  # a name the actor must carry ("Syrian military")
    titles: tuple[str, ...] = ()
    affiliation: tuple[int, int] | None = None  # char span of the affiliated actor's mention
    tokens: tuple[str, ...] = field(default=(), compare=False)
    refers_back: bool = False  # a description ("the ministry") of an actor named before it
    metonym: bool = False  # a capital standing for its state ("Moscow says"): no name of it


def name_mentions(doc: Doc, lexicon: Lexicon, places: tuple[Place, ...],
                  is_place: Callable[[str], bool] = lambda name: False) -> list[Mention]:
    """Return the PERSON and ORG names that are not places, trimmed, with titles and kinds.

    A name the places stage left out but the gazetteer knows (`is_place`) is no actor where it
    stands after a locative preposition ("a convoy heading towards X", "fighting in X").
    """
    placed = {i for p in places for m in p.mentions for i in range(m.start, m.end)}
    found: list[Mention] = []
    media = _media(doc, lexicon)
    products = _products(doc)
    makers = frozenset(e.text for e in entities(doc) if e.label_ == "ORG" and len(e) == 1)
    models = frozenset(e[1].text for e in entities(doc) if e.label_ == "ORG" and len(e) == 2
                       and e[0].text in makers)
    named = frozenset(w for e in entities(doc) if e.label_ in _NAME_LABELS
                      for w in ([t.text for t in e] if e.label_ == "PERSON" else [e[0].text]))
    bodies = frozenset(e.text.removeprefix("The ").removeprefix("the ") for e in entities(doc)
                       if e.label_ == "ORG" and len(e) > 1) | lexicon.kind_names.keys()
    model_names = {(e.start, e.end) for e in entities(doc)}  # `_parts` yields some cut shorter
    surnames = frozenset(e[-1].text for e in entities(doc) if e.label_ == "PERSON" and len(e) > 1)
    people = frozenset(e[-1].text for e in entities(doc)
                       if e.label_ == "PERSON" and "-" not in e.text)
    alone = frozenset(e.text.lower() for e in entities(doc)) | lexicon.kind_names.keys()
    for ent in _parts(doc, lexicon, alone):
        # a part cut from a longer name that the gazetteer knows is the place ("Illinois" of
        # "Illinois * Wixom Assembly Plant")
        if _located(ent, is_place) or (ent.start, ent.end) not in model_names \
                and is_place(ent.text):
            continue
        label = ent.label_
        if not lexicon.is_actor_name(ent.text):
            continue  # an event's name, whatever a possessive inside cuts it to ("Worldwide
            # Developer's Conference" is no "Worldwide Developer")
        span = _trim(doc, ent, lexicon, extend=label != "PERSON" or len(ent) < 2, alone=alone)
        if span is not None and label == "ORG":
            span = _without_party_majority(_without_possessing_place(span, is_place))
        if span is not None and all(lexicon.is_title_word(t.text) or t.lower_ in ("of", "and")
                                    for t in span):
            continue  # a title without a name ("Chief Executive Officer")
        body = _named_body(span, bodies) if span is not None and label == "PERSON" else None
        if body is not None:
            span, label = body, "ORG"  # "the Obama White House" is the White House
        elif span is not None and label == "PERSON":
            span = _without_titles(doc, _without_lead_words(span), lexicon)
            if len(span) == 1 and span.text in media:
                label = "ORG"  # "said on Twitter": a medium, whatever the model typed
            if _joined_names(span, people) or _thing_named_for(span, lexicon):
                continue
        elif span is not None and _titled_person(doc, span, lexicon, surnames):
            span, label = _without_titles(doc, span, lexicon), "PERSON"  # "Spokeswoman X Y"
        elif span is not None:
            # "Sirius XM Vice President"; a part of a longer body's name stays whole
            # ("Homeland Security" of the "Department of Homeland Security")
            span = _without_trailing_titles(span, lexicon, ahead=not any(
                span.text in b and span.text != b for b in bodies))
        if span is None or any(i in placed for i in range(span.start_char, span.end_char)) \
                or not lexicon.is_actor_name(span.text):
            continue
        # a name cut at a list's comma (`_listed`); not one cut at a slash ("Handout/Reuters")
        cut = ent.end < len(doc) and doc[ent.end].text == "," \
            and (ent.start, ent.end) not in model_names
        if label == "ORG" and (_only_modifier(doc, span, lexicon, cut=cut) or _maker(doc, span)
                               or _ranked(span, lexicon)):
            continue
        if label == "PRODUCT":
            # the model's products are noisy ("Broncos", "Philosophers"): one counts with a
            # model number ("C-17") or as the model of a maker's name ("the Taurus" of "Ford
            # Taurus"); not the end of a name the model cut ("Lockheed" ORG + "Martin"
            # PRODUCT), nor a name the article gives a person or a company elsewhere ("Rubio" of
            # "Marco Rubio", "Carrier" of "Carrier Corp.")
            # ("The Ford Taurus": the model's "Taurus" with its maker's name before it)
            if (ent.start == 0 or doc[ent.start - 1].ent_type_ not in _NAME_LABELS) \
                    and span.text not in named and (span.text in models or ent.text in models
                                                    or any(c.isdigit() for c in span.text)):
                found.append(_mention(span, "PRODUCT", "product"))
            continue
        if span[-1].text in products or label == "ORG" and _maker_model(span, makers, lexicon):
            found.append(_mention(span, "PRODUCT", "product"))
            continue
        head = _governing_noun(span)
        # a noun a name modifies tells its kind for an outlet or a group ("Interfax news
        # agency", "the Hayat Tahrir al-Sham alliance"); "U.N. forces" are not the U.N., and a
        # person's full name before a noun compound is no outlet ("a Donald Trump press event")
        head_kind = lexicon.org_kind("", head.text) if head is not None else None
        head_kind = head_kind if head_kind in ("media", "armed_group") else None
        if head is not None and label == "PERSON" and head.dep_ == "compound" \
                and head.i >= span.end:
            head_kind = None
        # a person's full name ending in a word that heads outlets ("Jim Press", "Ann Post")
        # stays a person's unless the whole name is a known outlet's
        person_name = len(span) > 1 and span.text.lower() not in lexicon.kind_names \
            and lexicon.org_kind(span.text) == "media"
        if label == "PERSON" and head_kind is None and not _company_described(span) \
                and (person_name or lexicon.org_kind(span.text) is None):
            titles, affiliation = _titles(doc, span, lexicon)
            found.append(_mention(span, "PERSON", "person", titles=titles,
                                  affiliation=affiliation))
        else:
            kind = head_kind or lexicon.org_kind(span.text) \
                or lexicon.org_kind(ent.text.removeprefix(span.text))
            found.append(_mention(span, "ORG", kind))
    return found + _untagged_groups(doc, lexicon, placed)


def _parts(doc: Doc, lexicon: Lexicon, alone: frozenset[str]) -> Iterator[DocSpan]:
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
        if ent.label_ not in _NAME_LABELS and ent.label_ != "PRODUCT":
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
        cuts = [t.i for t in ent if t.text in _SEPARATORS or t.text == "," and _listed(ent, t.i)
                or t.text in ("-", "and") and _joint(ent, t.i, alone, lexicon)]
        if not cuts:
            yield ent
            continue
        bounds = list(zip([ent.start, *(i + 1 for i in cuts)], [*cuts, ent.end], strict=True))
        for start, end in bounds[:1] if ent.label_ == "PERSON" else bounds:
            if start < end:
                yield DocSpan(doc, start, end, label=ent.label_)


def _listed(ent: DocSpan, comma: int) -> bool:
    """Tell whether a comma inside an organisation's name is a list's: another name follows the
    name, or a capitalised word the model left untagged ("MPower Change, Emerge USA, Bend the Arc"),
    after a comma or "and" ("includes Lazard, Evercore Partners, Moelis & Company"), and a
    name, not a legal form, follows the comma ("Apple, Inc.", "Skadden, Arps, Slate, Meagher &
    Flom" alone stay whole)."""
    doc = ent.doc
    after = doc[comma + 1:ent.end]
    if ent.label_ != "ORG" or not len(after) or not after[0].text[:1].isupper() \
            or after.text.lower().strip(".") in _LEGAL_FORMS or comma == ent.start:
        return False
    nxt = ent.end + 1
    return ent.end < len(doc) and doc[ent.end].text in (",", "and") and nxt < len(doc) \
        and (doc[nxt].ent_iob_ == "B" and doc[nxt].ent_type_ in _NAME_LABELS
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


def _joined_names(span: DocSpan, people: frozenset[str]) -> bool:
    """Tell whether a hyphenated name joins the surnames of two people the article names apart
    ("the Obama-Clinton disaster" beside "Obama" and "Hillary Clinton"); a double-barrelled
    name whose parts are no one else's stays ("Wasserman-Schultz")."""
    parts = span.text.split("-")
    return len(parts) == 2 and " " not in span.text and parts[0] != parts[1] \
        and all(p in people for p in parts)


def _thing_named_for(span: DocSpan, lexicon: Lexicon) -> bool:
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


def _without_possessing_place(span: DocSpan, is_place: Callable[[str], bool]) -> DocSpan:
    """Read an organisation's name that ends in "for" and a place whose possessive follows.

    A capitalised word after the possessive goes on with the name, which runs through it
    ("Campaign for America's Future", "Citizens for America's Security Fund"); a small word
    opens what the organisation works for, and the name is cut before "for" ("with Technion
    for China's first hi-tech university" names Technion). A possessive after the whole name
    ("Center for American Progress's report") is not read here."""
    doc = span.doc
    if len(span) < 3 or span[-2].lower_ != "for" or span.end + 1 >= len(doc) \
            or doc[span.end].text not in POSSESSIVES or not is_place(span[-1].text):
        return span
    end = span.end + 1
    while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha \
            and not doc[end].is_sent_start:
        end += 1
    return doc[span.start:end] if end > span.end + 1 else doc[span.start:span.end - 2]


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


def _without_party_majority(span: DocSpan) -> DocSpan:
    """Drop a party's adjective before the bare name of a chamber: it tells who holds it ("a
    Democratic Senate", "the Republican Congress"), not which body it is; a party's own bodies
    keep it ("Democratic National Committee", "Republican Party")."""
    if len(span) == 2 and span[0].lower_ in _PARTY_ADJECTIVES and span[1].lower_ in _CHAMBERS:
        return span[1:]
    return span


def _shouting(sent: DocSpan) -> bool:
    """Tell whether a sentence is written in capitals: four or more words, none in small
    letters."""
    words = [t.text for t in sent if t.is_alpha and len(t.text) > 1]
    return len(words) >= 4 and all(w.isupper() for w in words)


def _located(ent: DocSpan, is_place: Callable[[str], bool]) -> bool:
    """Tell whether a name is the object of a locative preposition and a gazetteer place."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in _WHERE_PREPOSITIONS \
        and is_place(ent.text)


def _untagged_groups(doc: Doc, lexicon: Lexicon, placed: set[int]) -> list[Mention]:
    """Return names the model missed next to a group or outlet noun ("the X alliance").

    The noun may also come first, as a descriptor of the name ("state news agency X").
    """
    found: list[Mention] = []
    for run in propn_runs(doc, placed):
        head = run.root.head
        kind = lexicon.org_kind("", head.text) if run.root.dep_ == "compound" else None
        after = kind in ("media", "armed_group") and head.i == run.end and head.pos_ == "NOUN"
        before = doc[run.start - 1] if run.start > 0 else None
        if not after and before is not None and _describes(before, run.root):
            kind = lexicon.org_kind("", before.text)
        if all(t.lower_.strip(".") in _LEGAL_FORMS for t in run):
            continue  # the end of a company's name ("Ford Motor Co. LLC"), not a group
        if kind in ("media", "armed_group") and (after or before is not None) \
                and any(t.pos_ == "PROPN" for t in run) and lexicon.is_actor_name(run.text):
            found.append(_mention(run, "ORG", kind))
    return found


def _describes(noun: Token, name: Token) -> bool:
    """Tell whether a common noun just before a name describes it ("news agency" X)."""
    return noun.pos_ == "NOUN" and (noun.head == name
                                    or noun.head == name.head and noun.dep_ == name.dep_)


def propn_runs(doc: Doc, taken: set[int]) -> Iterator[DocSpan]:
    """Yield runs of capitalised words outside entities and known mentions ("the Observatory").

    The model tags a bare surname at the start of a sentence as a common noun ("Jobs said"),
    so any capitalised word counts; the caller keeps only runs that name a known actor. Name
    particles and hyphens join a run ("Tahrir al-Sham").
    """
    run: list[Token] = []
    for token in [*tree(doc).tokens, None]:
        # the capital letter first: most words fail there, before any costlier attribute
        if token is not None and (token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN")
                                  or run and _joins(doc, token)) \
                and token.ent_type_ == "" and token.idx not in taken:
            run.append(token)
            continue
        if run:
            yield doc[run[0].i:run[-1].i + 1]
        run = []


def _joins(doc: Doc, token: Token) -> bool:
    """Tell whether a particle or hyphen continues a name ("al" and "-" in "Tahrir al-Sham")."""
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (token.lower_ in _NAME_PARTICLES or token.text == "-") and nxt is not None \
        and (nxt.text[:1].isupper() or _joins(doc, nxt))


def country_mentions(doc: Doc, lexicon: Lexicon, places: tuple[Place, ...],
                     capitals: dict[str, str]) -> list[Mention]:
    """Return states as actors: countries and capitals that act, and demonyms.

    Args:
        doc: The parsed article.
        lexicon: The word lists.
        places: The places found by the places stage.
        capitals: Place id of a national capital -> the country's ISO code.
    """
    found: list[Mention] = []
    for place in places:
        code = place.country_code if place.kind == "country" else capitals.get(place.id)
        if code is None:
            continue
        for m in place.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            owned = _possessed_organ(doc, span, lexicon, code) if span is not None else None
            if owned is not None:
                found.append(owned)  # "Syria's foreign ministry" is the Syrian Foreign Ministry
            elif span is not None and _acts(span.root):
                found.append(Mention(m.start, m.end, m.text, "GPE", "country", code,
                                     metonym=place.kind != "country"))
    for ent in entities(doc):
        code = lexicon.demonym(ent.text) if ent.label_ in ("NORP", "GPE") else None
        if code is None:
            continue
        head = ent.root.head if ent.root.dep_ in ("amod", "compound") else None
        if head is not None and head.lower_ in lexicon.civil_nouns:
            continue
        organ = _organ(head) if head is not None else None
        if head is not None and organ is not None:
            end = head.idx + len(head.text)
            demonym = lexicon.demonym_of(code) or ent.text  # "English army" is the British one
            found.append(Mention(ent.start_char, end, doc_text(doc)[ent.start_char:end], "NORP",
                                 organ, code, _organ_name(demonym, doc[ent.end:head.i + 1],
                                                          organ)))
            continue  # the organ stands for its state, which it is affiliated with
        found.append(Mention(ent.start_char, ent.end_char, ent.text, "NORP", "country", code))
    return found


def government_forces(doc: Doc, lexicon: Lexicon, home: str | None) -> list[Mention]:
    """Return "government forces" as the military of the country the article is about.

    Only a bare "government"/"regime" before an army noun counts; "Syrian government forces"
    is read with its demonym instead.
    """
    demonym = lexicon.demonym_of(home) if home else None
    if demonym is None:
        return []
    found: list[Mention] = []
    for token in tree(doc).tokens:
        check()  # the per-article time budget (kg.extract.common.budget)
        if token.lower_ not in _MILITARY_HEADS or token.ent_type_:
            continue
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod")]
        if any(c.ent_type_ for c in modifiers) or not any(
                c.lower_ in ("government", "regime") and c.i == token.i - 1 for c in modifiers):
            continue
        start = doc[token.i - 1].idx
        end = token.idx + len(token.text)
        found.append(Mention(start, end, doc_text(doc)[start:end], "", "military", home,
                             f"{demonym} military"))
    return found


def _possessed_organ(doc: Doc, span: DocSpan, lexicon: Lexicon, code: str) -> Mention | None:
    """Return the organ a country's possessive names ("Turkey's Defence Ministry"), if any."""
    root = span.root
    head = root.head
    organ = _organ(head) if root.dep_ == "poss" and head.i > root.i else None
    if organ is None:
        return None
    demonym = lexicon.demonym_of(code) or span.text
    words = [t for t in doc[span.end:head.i + 1] if t.text not in POSSESSIVES]
    end = head.idx + len(head.text)
    return Mention(span.start_char, end, doc_text(doc)[span.start_char:end], "GPE", organ, code,
                   _organ_name(demonym, words, organ), tokens=tuple(t.text for t in words))


def _organ_name(demonym: str, words: DocSpan | list[Token], organ: ActorKind) -> str:
    """Name a state organ by its state: "Syrian military", "Syrian Foreign Ministry".

    A ministry keeps its own name, qualified by the state, so that two states' defence
    ministries get two ids; other organs are the state's military or government.
    """
    named = [t for t in words if t.pos_ in ("ADJ", "NOUN", "PROPN")]
    if organ == "government" and named and named[-1].lower_ == "ministry":
        return " ".join([demonym, *(t.text[:1].upper() + t.text[1:] for t in named)])
    return f"{demonym} {organ}"


def _organ(head: Token) -> ActorKind | None:
    """Return the kind of state organ a demonym modifies ("army", "government"), if any."""
    if head.lower_ in _MILITARY_HEADS:
        return "military"
    if head.lower_ in _GOVERNMENT_HEADS:
        return "government"
    return None


def _acts(token: Token) -> bool:
    """Tell whether a name stands where an actor does: subject, object, possessor, "by X"."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ in _AGENT_DEPS:
        return True
    if token.dep_ == "pobj" and token.head.lower_ in _AGENT_PREPOSITIONS:
        return True
    return any(child.dep_ == "relcl" for child in token.children)


def _trim(doc: Doc, span: DocSpan, lexicon: Lexicon | None = None, *, extend: bool = True,
          alone: frozenset[str] = frozenset()) -> DocSpan | None:
    """Cut a name to its proper-noun core; None if no name is left.

    Drops a leading article, anything from a possessive on, trailing punctuation and
    lowercase words ("Interfax news"), and (if `extend`) takes in untagged proper nouns just
    before it ("Hayat" + "Tahrir al-Sham") unless they are title words ("Minister") or legal forms
    ("LLC"). A person's full name is not extended: the words before it are epithets or the end of
    something else ("Crooked Hillary Clinton", "Co. LLC Jim Press").
    """
    start, end = span.start, span.end
    # an article, punctuation, a common word the model ran into a name ("power - Wall
    # Street"), or a year or count before it ("the 2012 Deferred Action for Childhood
    # Arrivals"); name particles stay ("al-Qaeda")
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct
                           or doc[start].is_digit and start < end - 1
                           or doc[start].lower_ in _QUANTIFIERS and doc[start].pos_ == "DET"
                           or doc[start].text in POSSESSIVES
                           or doc[start].text.islower() and doc[start].is_alpha
                           and doc[start].lower_ not in _NAME_PARTICLES
                           or doc[start].lower_ in _NOT_NAME_WORDS and start < end - 1):
        start += 1
    end = possessive_end(doc, start, end)
    # and a form's label the page runs into it ("Name: Gabrielle Hatcher Age: 27")
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].text[:1].islower() or doc[end - 1].text[:1] == "@"
                           or end - 1 > start and end < len(doc) and doc[end].text == ":"
                           and doc[end - 1].lower_ in FORM_LABELS):
        end -= 1
    # a common noun opening a sentence that the model ran into the small words after it
    # ("Community health care clinics were expanded") is no name; "Reuters news" is one
    if end == start + 1 < span.end and doc[start].pos_ == "NOUN" and doc[start].is_sent_start:
        return None
    if start == span.start and extend:
        start = _name_start(doc, start, lexicon, across=span.label_ == "ORG")
    if start >= end:
        return None
    start, end = _hyphenated(doc, start, end, alone)
    name = doc[start:end]
    if not any(t.text[:1].isupper() for t in name) or name.text.lower().endswith(
            _ADJECTIVE_SUFFIXES) or (len(name) == 1 and name[0].tag_ in ("JJ", "JJR", "JJS")
                                     and name[0].lower_.startswith("pro")):
        return None
    # a stance ("Anti-TPP", "pro-Kloppenburg", "non-Latino") or a lone initial ("X.") names no
    # one, nor does a lawsuit ("Walmart Stores v. Dukes") or words run together ("ReplySara
    # Bondioli", of a web page's buttons)
    if name.text.lower().startswith(("anti-", "pro-", "non-")) \
            or len(name.text.replace(".", "").strip()) <= 1 \
            or any(t.text in ("v.", "vs.", "v", "vs") or run_together(t.text) for t in name):
        return None
    return name


def _name_start(doc: Doc, start: int, lexicon: Lexicon | None, *, across: bool) -> int:
    """Return where a name opens that the model began at `start`: untagged proper nouns just
    before it ("Hayat" + "Tahrir al-Sham") that are no title words ("Minister") or legal forms
    ("LLC"). With `across` (an organisation's name), "for" or "of" between such words and the
    name joins them ("Deferred Action for" + "Childhood Arrivals"); a title before it ("Chairman
    of" + "Goldman Sachs") or words in small letters ("voted for" + ...) join none."""
    def opens(i: int) -> bool:
        word = doc[i]
        return word.pos_ == "PROPN" and word.ent_type_ == "" and word.text[:1].isupper() \
            and word.lower_.strip(".") not in _LEGAL_FORMS and word.lower_ not in _NOT_NAME_WORDS \
            and not (lexicon is not None and lexicon.is_title_word(word.text))
    while True:
        while start > 0 and opens(start - 1):
            start -= 1
        if not (across and start > 1 and doc[start - 1].lower_ in _NAME_JOINERS
                and opens(start - 2)):
            return start
        start -= 1


def _hyphenated(doc: Doc, start: int, end: int, alone: frozenset[str]) -> tuple[int, int]:
    """Return the bounds of a name the model cut inside a hyphenated word, widened to the whole
    word: "Glass" of "the Glass-Steagall firewall", "Frank" of "Dodd-Frank"; a stance is no
    part of it ("pro-Kloppenburg", small letters), nor a hyphen inside the model's name, where
    `_joint` may have cut it ("Associated Press-GfK"), nor one between two names the article
    knows `alone` ("the AP-GfK Poll") or next to an acronym ("a UN-OPCW inquiry")."""
    def glued(i: int) -> bool:  # "-" at i, touching the capitalised words on both sides
        return 0 < i < len(doc) - 1 and doc[i].text == "-" and doc[i].ent_iob_ == "O" \
            and not (doc[i - 1].lower_ in alone and doc[i + 1].lower_ in alone) \
            and not doc[i - 1].text.isupper() and not doc[i + 1].text.isupper() \
            and not doc[i - 1].whitespace_ \
            and not doc[i].whitespace_ and doc[i - 1].text[:1].isupper() \
            and doc[i + 1].text[:1].isupper() and doc[i + 1].is_alpha and doc[i - 1].is_alpha
    while glued(end):
        end += 2
    while glued(start - 1):
        start -= 2
    return start, end


def _clipped(span: DocSpan) -> tuple[int, int]:
    """Return the character offsets of a name without what the tokenizer left glued to its
    last word: a possessive with an odd quote ("Trump‘s") or a dash and a number ("Cruz—35")."""
    found = _GLUED.search(span[-1].text)
    cut = len(span[-1].text) - found.start() if found and found.start() > 0 else 0
    return span.start_char, span.end_char - cut


def _company_described(span: DocSpan) -> bool:
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


def _products(doc: Doc) -> frozenset[str]:
    """Return the last words of the names an article calls products (`product_nouns.txt`): a
    name in apposition to a product noun or after one that describes it; the article's other
    names ending in the word name the same product ("Tiger, the newest version ... Tiger")."""
    nouns = product_nouns()
    found: set[str] = set()
    for ent in entities(doc):
        if ent.label_ not in _NAME_LABELS or ent[-1].pos_ != "PROPN":
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
        if before is not None and before.pos_ == "NOUN" and _describes(before, root) \
                and not (person and before.lemma_.lower() == "model"):
            apposed.append(before)
        if any(noun.lemma_.lower() in nouns for noun in apposed):
            found.add(ent[-1].text)
    return frozenset(found)


def _named_body(span: DocSpan, bodies: frozenset[str]) -> DocSpan | None:
    """Return the organisation a name the model typed as a person ends in, if the article
    names it alone elsewhere or the lexicon knows it ("the Obama White House" is the White
    House); an organisation's own longer name stays whole ("U.S. Air Force")."""
    for start in range(span.start + 1, span.end - 1):
        tail = span.doc[start:span.end].text
        if tail in bodies or tail.lower() in bodies:
            return span.doc[start:span.end]
    return None


def _without_lead_words(span: DocSpan) -> DocSpan:
    """Drop the words the model took into a person's name that a name never opens with: verbs,
    adverbs and function words ("Follow Ian Hanchett", "After Telling Jeb Bush", "Certainly
    Donald Trump"), as the tagger reads them; a name's own words are proper nouns."""
    start = span.start
    while start < span.end - 1 and (span.doc[start].pos_ in _NOT_NAME_OPENERS
                                    or span.doc[start].lower_ in _NOT_NAME_WORDS):
        start += 1
    return span.doc[start:span.end]


def _media(doc: Doc, lexicon: Lexicon) -> frozenset[str]:
    """Return the one-word names the model typed as people that the article uses as a medium
    ("said on Twitter", "took to Twitter", "Twitter's director") and never as a person's: with
    a title ("Mr. X"), or as the surname or first name of a longer name."""
    single: dict[str, list[Token]] = {}
    longer: set[str] = set()
    for ent in entities(doc):
        if ent.label_ == "PERSON" and len(ent) == 1:
            single.setdefault(ent.text, []).append(ent[0])
        elif ent.label_ == "PERSON":
            longer.update(t.text for t in ent)
    return frozenset(name for name, tokens in single.items() if name not in longer
                     and any(_as_medium(t, lexicon) for t in tokens)
                     and not any(_titled(t, lexicon) for t in tokens))


def _titled(token: Token, lexicon: Lexicon) -> bool:
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is not None and (lexicon.is_title_word(before.text)
                                   or before.text.rstrip(".").lower() in _HONORIFICS)


def _as_medium(token: Token, lexicon: Lexicon) -> bool:
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in _MEDIUM_PREPOSITIONS:
        return head.head.pos_ in ("VERB", "AUX") or head.head.lower_ in _POST_NOUNS
    return token.dep_ == "poss" and head.lower_ in _POST_NOUNS | lexicon.title_heads


def _without_titles(doc: Doc, span: DocSpan, lexicon: Lexicon) -> DocSpan:
    """Drop title words the model took into a name ("Gov. Jeb Bush" -> "Jeb Bush"), and a
    title in the plural before the names of several holders ("Presidents Obama and Bush")."""
    start = span.start
    while start < span.end - 1 and (lexicon.is_title_word(doc[start].text)
                                    or _plural_title(doc[start].lower_, lexicon)):
        start += 1
    return doc[start:span.end]


def _plural_title(word: str, lexicon: Lexicon) -> bool:
    """Tell whether a word is a title head in the plural ("presidents", "senators")."""
    return len(word) > 4 and word.endswith("s") and word[:-1] in lexicon.title_heads


def _without_trailing_titles(span: DocSpan, lexicon: Lexicon, *, ahead: bool = True
                             ) -> DocSpan:
    """Drop a person's title the model ran into an organisation's name ("Sirius XM Vice
    President", "Democratic National Committee Chair", "Obama Education" before "Secretary");
    an office named with "of" keeps its title ("Office of the Attorney General")."""
    end = span.end
    while end > span.start + 1 and lexicon.is_title_word(span.doc[end - 1].text):
        end -= 1
    # the title's head may stand after the name ("Obama Education" of "Obama Education
    # Secretary Arne Duncan")
    words = span.doc[end:span.end + int(ahead)]
    if not any(t.lower_ in lexicon.title_heads for t in words) \
            or span.doc[end - 1].lower_ in ("of", "for", "and", "the", "to"):
        return span
    return span.doc[span.start:end]


def _titled_person(doc: Doc, span: DocSpan, lexicon: Lexicon, surnames: frozenset[str]
                   ) -> bool:
    """Tell whether a name the model typed as an organisation is a title and a person's name
    ("Spokeswoman Sandy Angers"): title words, then two or more capitalised words that name no
    kind of body, or the surname of a person the article names in full ("AG Lynch" of Loretta
    Lynch; not "Senate Finance Committee")."""
    i = span.start
    while i < span.end and lexicon.is_title_word(doc[i].text):
        i += 1
    rest = doc[i:span.end]
    return i > span.start and any(t.lower_ in lexicon.title_heads for t in doc[span.start:i]) \
        and (len(rest) >= 2 or rest.text in surnames) \
        and all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in rest) \
        and lexicon.org_kind(rest.text) is None


def _maker_model(span: DocSpan, makers: frozenset[str], lexicon: Lexicon) -> bool:
    """Tell whether an organisation's name is a maker's and a model's ("Ford Taurus ... the
    Taurus"): two words, the first a maker the article names alone, the second no word of a
    company's name ("Ford Motor", "Apple Computer", "Clinton Foundation") and a thing the article
    calls "the", alone or, each time, after the maker's name ("the Taurus", "Chrysler will cut
    the Chrysler Aspen"; not "Northrop Grumman", a company named by two names, bare somewhere)."""
    if len(span) != 2 or span[0].text not in makers or not span[1].text[:1].isupper():
        return False
    model = span[1]
    if model.lower_.strip(".") in _LEGAL_FORMS | _COMPANY_WORDS \
            or lexicon.org_kind("", model.text) is not None \
            or lexicon.org_kind(model.text) is not None or lexicon.is_title_word(model.text):
        return False
    doc = span.doc
    return all(t.i > 0 and doc[t.i - 1].lower_ == "the" for t in doc if t.text == span[0].text
               and t.i + 1 < len(doc) and doc[t.i + 1].text == model.text) \
        or any(t.text == model.text and t.i > 0 and doc[t.i - 1].lower_ == "the"
               for t in doc if t.i != model.i)


def _maker(doc: Doc, span: DocSpan) -> bool:
    """Tell whether a name is a maker's name before a model number ("Airbus A380", "Boeing 747")."""
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and after.pos_ in ("PROPN", "NUM") \
        and any(c.isdigit() for c in after.text)


def _governing_noun(span: DocSpan) -> Token | None:
    """Return the noun a name modifies or stands in apposition to ("Interfax news agency")."""
    root = span.root
    if root.dep_ in ("compound", "amod", "appos") and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head
    apposed = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if apposed:
        return apposed[0]
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and _describes(before, root):
        return before
    return None


def _only_modifier(doc: Doc, span: DocSpan, lexicon: Lexicon, *, cut: bool = False) -> bool:
    """Tell whether a one-word ORG name is only ever an adjective of a noun ("Takfiri militants").

    A name that modifies an outlet, an office or a title ("Interfax news agency", "AFP
    correspondent", "Observatory chief") still names an organisation.
    """
    if len(span) != 1 or span.text.isupper() or span.text.lower() in lexicon.kind_names:
        return False
    if any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == span.text for e in entities(doc)):
        return False  # a surname the model typed ORG ("Mulally plans")
    # the model's names that are or open it, and a name `_parts` cut from a longer one
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


def _ranked(span: DocSpan, lexicon: Lexicon) -> bool:
    """Tell whether a name opened by an ordinal modifies a common noun, as a category of it ("a
    strong First World economy", "Third World countries"); a name that acts ("First Data said"),
    a whole name ("Fifth Third Bank") or one before a title ("a Fifth Circuit judge") stays."""
    root = span.root
    head = root.head
    return span[0].lower_ in _ORDINALS and len(span) > 1 and root.dep_ in ("compound", "amod") \
        and head.pos_ == "NOUN" and head.i >= span.end and head.lower_ not in lexicon.title_heads \
        and lexicon.org_kind("", head.text) is None


def _titles(doc: Doc, span: DocSpan, lexicon: Lexicon
            ) -> tuple[tuple[str, ...], tuple[int, int] | None]:
    """Read "Russian Foreign Minister X": the title words before a name and who they serve."""
    i = span.start - 1
    while i >= 0 and lexicon.is_title_word(doc[i].text):
        i -= 1
    words = doc[i + 1:span.start]
    if not any(t.lower_ in lexicon.title_heads for t in words):
        return _apposed_title(doc, span, lexicon)
    title = words.text
    if i < 0 or not doc[i].text[:1].isupper():
        return (title,), None
    j = i
    while j > 0 and doc[j - 1].text[:1].isupper() and doc[j - 1].ent_iob_ == "I":
        j -= 1
    k = i
    if doc[k].text in POSSESSIVES and k > 0:
        k -= 1
    return (title,), (doc[j].idx, doc[k].idx + len(doc[k].text))


def _apposed_title(doc: Doc, span: DocSpan, lexicon: Lexicon
                   ) -> tuple[tuple[str, ...], tuple[int, int] | None]:
    """Read "X, chief executive of Y": a title after a name and the organisation it serves."""
    i = span.end
    if i >= len(doc) or doc[i].text != ",":
        return (), None
    j = i + 1
    while j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    k = j
    while k < len(doc) and (lexicon.is_title_word(doc[k].text) or doc[k].lower_ == "and"):
        k += 1
    words = doc[j:k]
    if not any(t.lower_ in lexicon.title_heads for t in words):
        return (), None
    if k + 1 < len(doc) and doc[k].lower_ == "of" and doc[k + 1].ent_type_ in ("ORG", "GPE"):
        ent = next(e for e in entities(doc) if e.start <= k + 1 < e.end)
        trimmed = _trim(doc, ent) or ent
        return (words.text,), (trimmed.start_char, trimmed.end_char)
    return (words.text,), None


def _mention(span: DocSpan, label: str, kind: ActorKind | None, *, titles: tuple[str, ...] = (),
             affiliation: tuple[int, int] | None = None) -> Mention:
    start, end = _clipped(span)
    text = doc_text(span.doc)[start:end]
    tokens = (*(t.text for t in span[:-1]), text[span[-1].idx - start:])
    return Mention(start, end, text, label, kind, titles=titles, affiliation=affiliation,
                   tokens=tokens)
