"""Trim a name's boundaries: articles, lead words, titles and epithets are not part of a name.

A name the model tagged may open with words no name opens with ("Certainly Donald Trump",
"Gov. Jeb Bush", "the 2012 ...") or end in a title ("Sirius XM Vice President"); one it cut
short may go on before it ("Hayat" + "Tahrir al-Sham") or inside a hyphenated word.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from kg.extract.actors.words import LEGAL_FORMS, NAME_PARTICLES
from kg.extract.common.gender import is_given_name
from kg.extract.common.names import FORM_LABELS, Lexicon, run_together
from kg.extract.common.place_cues import POSSESSIVES, possessive_end

# brackets an editor puts into a quotation ("Secretary [Hillary] Clinton"; `_outside_brackets`)
_OPENING_BRACKETS = frozenset({"[", "(", "{"})
_CLOSING_BRACKETS = frozenset({"]", ")", "}"})
_DASHES = frozenset({"-", "--", "–", "—"})  # a dash between two things (`_beside_spaced_dash`)
_GLUED_BREAK = re.compile(r"\w[.,;:]?(--|—)\w")  # "wounded.--Kevin", one token
# words that name what kind of body a name is, of which a possessor's name may own the first
# ("St. Anselm's College Institute of Politics"; `after_possessor_body`)
_BODY_WORDS = frozenset({"college", "university", "school", "institute", "center", "centre",
                         "foundation", "museum", "hospital", "church", "library", "academy",
                         "program", "council", "committee", "project"})
# words said of a person before the name, as an insult or praise, that name no one ("Fascist
# Trump" on a shirt, "Crooked Hillary", "Lyin' Ted"; `without_epithet`); adjectives that also
# open names stay out ("Rush", "Marine", "Virgin", "Young", "Little")
_EPITHETS = frozenset({"fascist", "crooked", "lyin", "lyin'", "lying", "crazy", "sleazy", "phony",
                       "corrupt", "racist", "nasty", "goofy", "failing", "disgraced", "dishonest",
                       "evil", "dear", "beloved", "brave", "poor", "comrade", "tricky"})
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

# words inside an organisation's name that the model may open the name after ("Deferred Action
# for Childhood Arrivals" tagged from "Childhood"; `_name_start`)
_NAME_JOINERS = frozenset({"for", "of"})

_ADJECTIVE_SUFFIXES = ("-run", "-backed", "-led", "-held", "-controlled", "-based", "-linked")

# parties' adjectives, and the chambers they may hold (`without_party_majority`)
_PARTY_ADJECTIVES = frozenset({"democratic", "republican", "gop", "conservative", "liberal",
                               "labour", "labor"})

_CHAMBERS = frozenset({"senate", "house", "congress", "parliament", "assembly", "legislature"})


def trim_name(doc: Doc, span: DocSpan, lexicon: Lexicon | None = None, *, extend: bool = True,
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
                           and doc[start].lower_ not in NAME_PARTICLES
                           or doc[start].lower_ in _NOT_NAME_WORDS and start < end - 1
                           # a sentence glued to the name by a dash ("wounded.--Kevin Johnson")
                           or start < end - 1 and _GLUED_BREAK.search(doc[start].text)):
        start += 1
    start, end = _outside_brackets(doc, start, end)
    start, end = _beside_spaced_dash(doc, start, end, alone)
    start = after_possessor_body(doc, start, end)
    end = possessive_end(doc, start, end)
    # and a form's label the page runs into it ("Name: Gabrielle Hatcher Age: 27"), and a
    # rank or count after a person's name ("Ted Cruz 1, John Kasich 2, Marco Rubio 3")
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or span.label_ == "PERSON" and doc[end - 1].is_digit
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


def _outside_brackets(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of a name the model ran across a bracket an editor put into a quotation
    ("Secretary [Hillary] Clinton"): what stands after the last closing bracket and before an
    opening one; the name's words outside the brackets name the actor ("Clinton")."""
    closing = [i for i in range(start, end - 1) if doc[i].text in _CLOSING_BRACKETS]
    if closing:
        start = closing[-1] + 1
    opening = next((i for i in range(start + 1, end) if doc[i].text in _OPENING_BRACKETS), None)
    return start, end if opening is None else opening


def _beside_spaced_dash(doc: Doc, start: int, end: int, alone: frozenset[str]
                       ) -> tuple[int, int]:
    """Return the bounds of a name the model ran across a dash with spaces on both sides.

    What follows the last such dash is the name where a dateline stands before it ("BERLIN -
    Donald Trump may be testing") or the article names it on its own elsewhere (`alone`: "Weak -
    Rubio - weak on illegal immigration" beside "Marco Rubio"); a name spaced around its hyphen
    stays whole ("Wal - Mart"). What stands before the first dash is the name where no
    capitalised word follows ("according to the Tax Policy Center - half a percentage point",
    "Mr. Trump - 60 percent")."""
    dashes = [i for i in range(start + 1, end - 1)
              if doc[i].text in _DASHES and doc[i].whitespace_ and doc[i - 1].whitespace_]
    if not dashes:
        return start, end
    after = doc[dashes[-1] + 1:end]
    if not any(t.text[:1].isupper() for t in after):
        return start, dashes[0]
    words, whole = after.text.lower(), doc[start:end].text.lower()
    if all(t.text.isupper() for t in doc[start:dashes[-1]] if t.is_alpha) \
            or any(a == words or a.endswith(f" {words}") and a != whole for a in alone):
        return dashes[-1] + 1, end
    return start, end


def after_possessor_body(doc: Doc, start: int, end: int) -> int:
    """Return where a name opens that the model began at the body of a possessor's name: a
    possessive, then a body's word, then another body's name ("St. Anselm's College Institute
    of Politics" is the college's institute, "Institute of Politics"); a name with one body's
    word stays whole ("Harvard's Kennedy School of Government", "Trump's Foundation")."""
    if start == 0 or doc[start - 1].text not in POSSESSIVES or end - start < 2 \
            or doc[start].lower_ not in _BODY_WORDS \
            or not any(t.lower_ in _BODY_WORDS for t in doc[start + 1:end]) \
            or not doc[start + 1].text[:1].isupper():
        return start
    return start + 1


def _name_start(doc: Doc, start: int, lexicon: Lexicon | None, *, across: bool) -> int:
    """Return where a name opens that the model began at `start`: untagged proper nouns just
    before it ("Hayat" + "Tahrir al-Sham") that are no title words ("Minister") or legal forms
    ("LLC"). With `across` (an organisation's name), "for" or "of" between such words and the
    name joins them ("Deferred Action for" + "Childhood Arrivals"); a title before it ("Chairman
    of" + "Goldman Sachs") or words in small letters ("voted for" + ...) join none."""
    def opens(i: int) -> bool:
        word = doc[i]
        return word.pos_ == "PROPN" and word.ent_type_ == "" and word.text[:1].isupper() \
            and word.lower_.strip(".") not in LEGAL_FORMS and word.lower_ not in _NOT_NAME_WORDS \
            and not (lexicon is not None and (lexicon.is_title_word(word.text)
                                              or _descriptor(doc, i, lexicon)))
    while True:
        while start > 0 and opens(start - 1):
            start -= 1
        if not (across and start > 1 and doc[start - 1].lower_ in _NAME_JOINERS
                and opens(start - 2)):
            return start
        start -= 1


def _descriptor(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """Tell whether the word at `i` is a body's head word after a word in small letters, a
    noun that says what the name after it is ("the super PAC Patriot Majority PAC"), not a
    word of that name; an outlet's head word opens names ("the Times Editorial Board")."""
    kind = lexicon.kind_heads.get(doc[i].lower_)
    return kind is not None and kind != "media" and i > 0 and doc[i - 1].is_alpha \
        and doc[i - 1].text.islower()


def _hyphenated(doc: Doc, start: int, end: int, alone: frozenset[str]) -> tuple[int, int]:
    """Return the bounds of a name the model cut inside a hyphenated word, widened to the whole
    word: "Glass" of "the Glass-Steagall firewall", "Frank" of "Dodd-Frank"; a stance is no
    part of it ("pro-Kloppenburg", small letters), nor a hyphen inside the model's name, where
    `parts._joint` may have cut it ("Associated Press-GfK"), nor one between two names the article
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


def without_lead_words(span: DocSpan) -> DocSpan:
    """Drop the words the model took into a person's name that a name never opens with: verbs,
    adverbs and function words ("Follow Ian Hanchett", "After Telling Jeb Bush", "Certainly
    Donald Trump"), as the tagger reads them; a name's own words are proper nouns."""
    start = span.start
    while start < span.end - 1 and (span.doc[start].pos_ in _NOT_NAME_OPENERS
                                    or span.doc[start].lower_ in _NOT_NAME_WORDS):
        start += 1
    return span.doc[start:span.end]


def without_titles(doc: Doc, span: DocSpan, lexicon: Lexicon) -> DocSpan:
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


def without_trailing_titles(span: DocSpan, lexicon: Lexicon, *, ahead: bool = True
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


def without_party_majority(span: DocSpan) -> DocSpan:
    """Drop a party's adjective before the bare name of a chamber: it tells who holds it ("a
    Democratic Senate", "the Republican Congress"), not which body it is; a party's own bodies
    keep it ("Democratic National Committee", "Republican Party")."""
    if len(span) == 2 and span[0].lower_ in _PARTY_ADJECTIVES and span[1].lower_ in _CHAMBERS:
        return span[1:]
    return span


def without_possessing_place(span: DocSpan, is_place: Callable[[str], bool]) -> DocSpan:
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


def named_body(span: DocSpan, bodies: frozenset[str]) -> DocSpan | None:
    """Return the organisation a name the model typed as a person ends in, if the article
    names it alone elsewhere or the lexicon knows it ("the Obama White House" is the White
    House); an organisation's own longer name stays whole ("U.S. Air Force")."""
    for start in range(span.start + 1, span.end - 1):
        tail = span.doc[start:span.end].text
        if tail in bodies or tail.lower() in bodies:
            return span.doc[start:span.end]
    return None


def without_epithet(span: DocSpan, lexicon: Lexicon, people: dict[str, set[str]]) -> DocSpan:
    """Drop an epithet or a demonym the model took into a person's name ("Fascist Trump",
    "Crooked Hillary Clinton", "Brazilian Lula"): a word of `_EPITHETS` or a demonym, before a
    name the article gives a person elsewhere (`people`: a name or surname -> the person names
    it is read from), not only inside this very name, or a gerund opening the sentence ("Bashing
    Trump may be job one"); a first word that may be a name stays
    ("Rush Limbaugh", "Marine Le Pen", "Virgin Atlantic": no epithets)."""
    first = span[0]
    if len(span) < 2 or is_given_name(first.text) \
            or not people.get(span[1:].text, set()) - {span.text} \
            or not (first.lower_ in _EPITHETS or lexicon.demonym(first.text) is not None
                    or _gerund_opening(first)):
        return span
    return span[1:]


def _gerund_opening(word: Token) -> bool:
    """Tell whether a word opening a sentence reads as a gerund, the verb of which the name
    after it is the object ("Bashing Trump may be job one")."""
    return bool(word.is_sent_start) and len(word.text) > 5 and word.lower_.endswith("ing")


def without_demonym(span: DocSpan, lexicon: Lexicon, word: Callable[[str], bool]) -> DocSpan:
    """Drop a demonym before an organisation's one-word name that is no English word ("the
    Brazilian Bovespa", "the Japanese Nikkei"): it says whose the body is; a name whose second
    word is a word keeps its demonym ("American Express", "British Airways"), as does a longer
    one ("Brazilian Development Bank") or one the lexicon knows whole."""
    if len(span) != 2 or lexicon.demonym(span[0].text) is None or word(span[1].lower_) \
            or not span[1].text[:1].isupper() or span[1].lower_.strip(".") in LEGAL_FORMS \
            or span.text.lower() in lexicon.kind_names or lexicon.org_kind(span.text) is not None:
        return span
    return span[1:]
