"""Find states and their organs as actors: countries and capitals that act, demonyms, and
"government forces"."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from kg.extract.actors.records import Mention
from kg.extract.common.budget import check
from kg.extract.common.names import Lexicon
from kg.extract.common.place_cues import POSSESSIVES
from kg.extract.common.text import doc_text, entities
from kg.extract.common.tree import tree
from kg.model import ActorKind, Place

_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "dative"})

_AGENT_PREPOSITIONS = frozenset({"by", "against"})

_MILITARY_HEADS = frozenset({"army", "military", "forces", "troops", "navy", "soldiers",
                             "air force", "armed forces"})

_GOVERNMENT_HEADS = frozenset({"government", "regime", "authorities", "administration",
                               "officials", "cabinet", "ministry"})
# demonyms of a state's constituent countries: their people are no alias of the state ("a
# Scottish golf course", "the Welsh team" say nothing of the United Kingdom), though an organ
# they qualify is the state's ("the English army" is the British military)
_PART_DEMONYMS = frozenset({"Scottish", "Scot", "Scots", "Welsh", "English", "Englishman",
                            "Englishmen", "Northern Irish"})


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
        if ent.text in _PART_DEMONYMS:
            continue  # "a Scottish golf course" names no act of the United Kingdom
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
