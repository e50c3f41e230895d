"""Tell a common word the model took for a one-word name only because it is capitalised.

A word that opens a sentence, or stands in a run of capitalised words (a headline in Title Case
inside the body, "Jeb Bush Hits Marco Rubio On Rape Exception For Abortions"), is capitalised
whatever it is; the model often reads such a word as a name ("Hackers also accessed ...",
"Jokes are told", "Exit polling showed", "Rape Exception For Abortions"). An actor named only by
such one-word mentions is no actor when the word is an English word the model's lemmatizer knows
as a verb, adjective or adverb, or is the plural of one of its nouns, the tagger reads it as a
common word (not a proper noun: "Google CEO Sundar Pichai"), and the article never writes it
capitalised anywhere else: a name the article means is capitalised in the middle of
some sentence too. A singular noun of the lists does not count: the list holds names ("trump",
"hizbollah", "thales", "ford"), and neither does a state's, an organ's or a group's name
("Republicans").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.extract.actors.records import Mention
from kg.extract.common.gender import is_given_name
from kg.extract.common.text import tokens_written

_POS = ("verb", "adj", "adv")
_KINDS = frozenset({None, "person", "organisation", "product", "financial", "media"})
# tokens that do not break a run of capitalised words ("CNN's Fault", "Cruz: It's All")
_IN_RUN = frozenset({"'s", "’s", "'", "’", ":", "-", "–", "—", ",", '"', "“", "”"})

# what a Title Case headline runs across (no comma: a list of names is none), and the small
# words only a headline capitalises (`_title_case_run`)
_IN_HEADLINE = frozenset({"'s", "’s", "'", "’", ":", "-", "–", "—"})
_HEADLINE_SMALL = frozenset({"to", "of", "on", "in", "for", "after", "at", "with", "by", "from",
                             "into", "over", "about", "against", "than", "as", "and", "or",
                             "but", "is", "are", "was", "were", "be", "has", "have", "will"})

# endings of abstract nouns: a lone one capitalised where any word is names nothing
# ("Inexperience doesn't cut it", "Solidarity with the victims"; `common_noun_actor`)
_ABSTRACT_ENDINGS = ("ness", "ity", "ence", "ance", "ment", "ism", "ship", "hood", "tion", "sion",
                     "dom")

# marks after which a clause opens with a capital ("together: Solidarity with the victims")
_OPENERS = frozenset({":", "“", '"', "‘", "''", "``"})

KnownWord = Callable[[str], bool]


def known_word(nlp: Language | None) -> KnownWord:
    """Return a test of whether a lowercase word is a verb, adjective or adverb of the
    lemmatizer's English word lists (in any form), or the plural of one of its nouns; with no
    lemmatizer, no word is known."""
    if nlp is None or "lemmatizer" not in nlp.pipe_names:
        return lambda _word: False
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    if "lemma_index" not in lookups.tables:
        return lambda _word: False
    index = lookups.get_table("lemma_index")
    exceptions = lookups.get_table("lemma_exc") if "lemma_exc" in lookups.tables else {}
    rules = lookups.get_table("lemma_rules") if "lemma_rules" in lookups.tables else {}
    tables = [(frozenset(index.get(p, ())), exceptions.get(p, {}), rules.get(p, []))
              for p in _POS]
    nouns = frozenset(index.get("noun", ()))
    plurals = [(old, new) for old, new in rules.get("noun", []) if old]

    def known(word: str) -> bool:
        return any(word in base or word in irregular or any(
            word.endswith(old) and word[:len(word) - len(old)] + new in base
            for old, new in suffixes) for base, irregular, suffixes in tables) \
            or word not in nouns and any(word.endswith(old) and word[:len(word) - len(old)] + new
                                         in nouns for old, new in plurals)

    return known


def known_noun(nlp: Language | None) -> KnownWord:
    """Return a test of whether a lowercase word is a noun of the lemmatizer's English word
    lists ("drama", "order"); with no lemmatizer, no word is known."""
    if nlp is None or "lemmatizer" not in nlp.pipe_names:
        return lambda _word: False
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    if "lemma_index" not in lookups.tables:
        return lambda _word: False
    nouns = frozenset(lookups.get_table("lemma_index").get("noun", ()))
    return lambda word: word in nouns


def loosely_capitalised(token: Token) -> bool:
    """Tell whether a word's capital says nothing: it opens its sentence or line, or every word
    before it in its sentence is capitalised (a Title Case run)."""
    if token.is_sent_start or token.i == 0:
        return True
    for before in reversed(token.sent[:token.i - token.sent.start]):
        if before.is_space or before.text in _IN_RUN or before.is_punct \
                or not before.text[:1].isalpha():
            continue
        if not before.text[:1].isupper():
            return False
    return True


def common_word_actor(mentions: list[Mention], doc: Doc, known: KnownWord) -> bool:
    """Tell whether an actor is named only by a common word capitalised where any word is.

    Examples are in the module docstring; `tests/extract/actors/test_actors.py` runs them.
    """
    named = [m for m in mentions if not m.refers_back]
    if not named or any(len(m.tokens) != 1 or m.country or m.kind not in _KINDS for m in named):
        return False
    words = {m.text for m in named}
    if len(words) != 1 or not known(next(iter(words)).lower()):
        return False
    word = next(iter(words))
    if not word[:1].isupper():
        return False  # "iPods" is written so wherever it stands
    tokens = tokens_written(doc, word)
    return bool(tokens) and all(loosely_capitalised(t) and t.pos_ != "PROPN" for t in tokens)


def _title_case_run(doc: Doc, i: int) -> bool:
    """Tell whether a word stands in a headline written in Title Case inside the body: a run of
    five or more capitalised words, one of them past the first a preposition, a conjunction or
    an auxiliary capitalised ("Donald Trump Booed After Telling Jeb Bush To Pipe Down"); a name
    in a sentence ("Ray Young said", "Bank of America") is in none, nor is a list of names
    ("Quaker Ridge Golf Club, Beach Point Club, The Lotos Club") or a name before another
    ("Fox News Channel's The Kelly File")."""
    def capital(j: int) -> bool:
        return doc[j].text[:1].isupper() and doc[j].text[:1].isalpha()
    def inside(j: int) -> bool:
        return capital(j) or doc[j].text in _IN_HEADLINE
    start, end = i, i + 1
    while start > 0 and inside(start - 1):
        start -= 1
    while end < len(doc) and inside(end):
        end += 1
    words = [t for t in doc[start:end] if capital(t.i)]
    return len(words) >= 5 and any(t.lower_ in _HEADLINE_SMALL for t in words[1:])


def headline_actor(mentions: list[Mention], doc: Doc, known: KnownWord) -> bool:
    """Tell whether an actor of two words or more is only read off a Title Case headline in the
    body and ends or opens with a common word capitalised there alone: "Trump Wants" of "Donald
    Trump Wants To Do Things ...", "Bash Fed" of "... Wife Joke To Bash Fed Chair Janet Yellen",
    "Pipe Down" of "Told Jeb Bush To Pipe Down". The word (a verb, adjective or adverb of the
    model's lists) is capitalised nowhere a capital means a name. A person's name opened by a
    given name ("Jeb Bush" in the same headline, `gender.tsv`), or one whose words the article
    capitalises in sentences, stays."""
    named = [m for m in mentions if not m.refers_back]
    if not named or any(len(m.tokens) < 2 or m.country for m in named):
        return False
    spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in named]
    if any(s is None or not _title_case_run(doc, s.start) for s in spans):
        return False
    if any(s is not None and is_given_name(s[0].text) for s in spans):
        return False  # a person's name ("Jeb Bush" of "Told Jeb Bush To Pipe Down")
    edges = {t.text for s in spans if s is not None for t in (s[0], s[-1])}
    return any(word[:1].isupper() and known(word.lower()) and all(
        loosely_capitalised(t) or _title_case_run(doc, t.i) for t in tokens_written(doc, word))
        for word in edges)


def common_noun_person(mentions: list[Mention], doc: Doc, noun: KnownWord) -> bool:
    """Tell whether a person is named only by one word that is a common noun the article also
    writes in small letters ("Drama unfolds in the photo line ... the drama", "an Executive
    Order ... the order", "the Leave campaign ... voted to leave"): a person's name is not a
    word of the text; a given name stays (`gender.tsv`), and so does a surname the article
    never writes small ("Trump", "Bush")."""
    named = [m for m in mentions if not m.refers_back]
    if not named or any(len(m.tokens) != 1 or m.label != "PERSON" for m in named):
        return False
    words = {m.text for m in named}
    word = next(iter(words))
    if len(words) != 1 or not word[:1].isupper() or is_given_name(word) \
            or not noun(word.lower()):
        return False
    return any(t.lower_ == word.lower() and t.text.islower() for t in doc)


def common_noun_actor(mentions: list[Mention], doc: Doc, noun: KnownWord, known: KnownWord
                      ) -> bool:
    """Tell whether an actor is named only by one common noun capitalised where any word is, as
    the parse reads it: an abstract noun ("Inexperience doesn't cut it", "together: Solidarity
    with the victims"), a noun that qualifies another ("Law professor Tim Canova"), or a plural
    that a verb agrees with where the model reads a person ("Politicos call this the
    expectations game"; a person is one). A name the article writes capitalised elsewhere, a
    given name (`gender.tsv`), a subject in the past ("Law said") or a possessor ("Clinton's
    super PACs") stays."""
    named = [m for m in mentions if not m.refers_back]
    if not named or any(len(m.tokens) != 1 or m.country or m.kind not in _KINDS for m in named):
        return False
    words = {m.text for m in named}
    word = next(iter(words))
    if len(words) != 1 or not word[:1].isupper() or word.isupper() or is_given_name(word):
        return False
    tokens = tokens_written(doc, word)
    # after a colon or an opening quote a clause may open with a capital too
    if not tokens or not all(loosely_capitalised(t) or t.i > 0 and doc[t.i - 1].text in _OPENERS
                             for t in tokens):
        return False
    lower = word.lower()
    abstract = noun(lower) and lower.endswith(_ABSTRACT_ENDINGS)
    qualifier = all(t.pos_ == "NOUN" and t.dep_ == "compound" and t.head.pos_ == "NOUN"
                    and t.head.text.islower() and noun(t.lemma_.lower()) for t in tokens)
    plural = lower.endswith("s") and known(lower) and not noun(lower) \
        and all(t.ent_type_ == "PERSON" and t.dep_ == "nsubj" and t.head.tag_ == "VBP"
                and not any(c.dep_ == "conj" for c in t.children) for t in tokens)
    return abstract or qualifier or plural
