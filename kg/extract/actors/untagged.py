"""Find the names the model left untagged: runs of capitalised words, and groups or outlets
named next to a noun that says what they are ("the X alliance", "state news agency X")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from kg.extract.actors.records import Mention, mention_of
from kg.extract.actors.words import LEGAL_FORMS, NAME_PARTICLES, describes, noun_kind
from kg.extract.common.names import Lexicon
from kg.extract.common.tree import tree


def untagged_groups(doc: Doc, lexicon: Lexicon, placed: set[int]) -> list[Mention]:
    """Return names the model missed next to a group or outlet noun ("the X alliance").

    The noun may also come first, as a descriptor of the name ("state news agency X").
    """
    found: list[Mention] = []
    for run in propn_runs(doc, placed):
        head = run.root.head
        kind = noun_kind(lexicon, head) \
            if run.root.dep_ == "compound" else None
        after = kind in ("media", "armed_group") and head.i == run.end and head.pos_ == "NOUN"
        before = doc[run.start - 1] if run.start > 0 else None
        if not after and before is not None and describes(before, run.root):
            kind = noun_kind(lexicon, before)
        if all(t.lower_.strip(".") in LEGAL_FORMS for t in run):
            continue  # the end of a company's name ("Ford Motor Co. LLC"), not a group
        if kind in ("media", "armed_group") and (after or before is not None) \
                and any(t.pos_ == "PROPN" for t in run) and lexicon.is_actor_name(run.text):
            found.append(mention_of(run, "ORG", kind))
    return found


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
    return (token.lower_ in NAME_PARTICLES or token.text == "-") and nxt is not None \
        and (nxt.text[:1].isupper() or _joins(doc, nxt))
