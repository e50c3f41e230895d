"""Read the titles around a person's name and the organisation they serve.

"Russian Foreign Minister X", "X, chief executive of Y", and a name the model typed as an
organisation that is a title and a person's name ("Spokeswoman Sandy Angers").
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from kg.extract.actors.boundaries import trim_name
from kg.extract.common.gender import is_given_name
from kg.extract.common.names import Lexicon
from kg.extract.common.place_cues import POSSESSIVES
from kg.extract.common.text import entities


def read_titles(doc: Doc, span: DocSpan, lexicon: Lexicon
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
        trimmed = trim_name(doc, ent) or ent
        return (words.text,), (trimmed.start_char, trimmed.end_char)
    return (words.text,), None


def titled_person(doc: Doc, span: DocSpan, lexicon: Lexicon, surnames: frozenset[str]
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


def after_title_field(doc: Doc, span: DocSpan, lexicon: Lexicon) -> DocSpan | None:
    """Return the person's name a name the model ran from a title's field into ("Secretary of
    Defense Leon Panetta" tagged from "Defense"): after "of" and a title's head word, the words
    from a given name on, all proper nouns; None for any other name ("Secretary of Homeland
    Security" names a body, "Bank of America" no title)."""
    if span.start < 2 or doc[span.start - 1].lower_ != "of" \
            or doc[span.start - 2].lower_ not in lexicon.title_heads:
        return None
    for k in range(span.start + 1, span.end - 1):
        if is_given_name(doc[k].text) and all(t.text[:1].isupper() and t.pos_ == "PROPN"
                                              for t in doc[k:span.end]):
            return doc[k:span.end]
    return None
