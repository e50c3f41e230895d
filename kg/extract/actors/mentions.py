"""Find the mentions of actors in a parsed article: names, titles, demonyms and metonyms.

Each mention says which actor it names only loosely (its text, NER label, a country code, a
kind); `merge` groups them into actors. The concerns live in modules of their own: where the
model's names are cut (`parts`), a name's boundaries (`boundaries`), titles (`titles`), media,
products, names that name no actor (`non_actors`), states (`states`) and untagged names
(`untagged`).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from kg.extract.actors.boundaries import (
    named_body,
    trim_name,
    without_demonym,
    without_epithet,
    without_lead_words,
    without_party_majority,
    without_possessing_place,
    without_titles,
    without_trailing_titles,
)
from kg.extract.actors.media import media_names
from kg.extract.actors.non_actors import (
    greeted,
    in_title_of_work,
    joined_names,
    located,
    only_modifier,
    ranked,
    thing_named_for,
)
from kg.extract.actors.parts import name_parts
from kg.extract.actors.products import (
    company_described,
    maker_before_number,
    maker_model,
    product_ends,
    product_nouns,
)
from kg.extract.actors.records import Mention, mention_of
from kg.extract.actors.states import country_mentions, government_forces
from kg.extract.actors.titles import after_title_field, read_titles, titled_person
from kg.extract.actors.untagged import propn_runs, untagged_groups
from kg.extract.actors.words import NAME_LABELS, describes, noun_kind
from kg.extract.common.names import Lexicon
from kg.extract.common.text import entities
from kg.model import Place

__all__ = ["Mention", "country_mentions", "government_forces", "name_mentions", "product_nouns",
           "propn_runs"]


def name_mentions(doc: Doc, lexicon: Lexicon, places: tuple[Place, ...],
                  is_place: Callable[[str], bool] = lambda name: False, *,
                  word: Callable[[str], bool] = lambda word: False) -> list[Mention]:
    """Return the PERSON and ORG names that are not places, trimmed, with titles and kinds.

    A name the places stage left out but the gazetteer knows (`is_place`) is no actor where it
    stands after a locative preposition ("a convoy heading towards X", "fighting in X").
    `word` tells an English word of the model's lists (`common_words`): a demonym before an
    organisation's one-word name that is none is cut (`without_demonym`).
    """
    placed = {i for p in places for m in p.mentions for i in range(m.start, m.end)}
    found: list[Mention] = []
    media = media_names(doc, lexicon)
    products = product_ends(doc)
    makers = frozenset(e.text for e in entities(doc) if e.label_ == "ORG" and len(e) == 1)
    models = frozenset(e[1].text for e in entities(doc) if e.label_ == "ORG" and len(e) == 2
                       and e[0].text in makers)
    named = frozenset(w for e in entities(doc) if e.label_ in NAME_LABELS
                       for w in ([t.text for t in e] if e.label_ == "PERSON" else [e[0].text]))
    bodies = frozenset(e.text.removeprefix("The ").removeprefix("the ") for e in entities(doc)
                       if e.label_ == "ORG" and len(e) > 1) | lexicon.kind_names.keys()
    model_names = {(e.start, e.end) for e in entities(doc)}  # `name_parts` yields some cut shorter
    surnames = frozenset(e[-1].text for e in entities(doc) if e.label_ == "PERSON" and len(e) > 1)
    people = frozenset(e[-1].text for e in entities(doc)
                       if e.label_ == "PERSON" and "-" not in e.text)
    alone = frozenset(e.text.lower() for e in entities(doc)) | lexicon.kind_names.keys()
    # a person's names and surnames, by the person names they are read from (`without_epithet`)
    persons: dict[str, set[str]] = {}
    for e in entities(doc):
        if e.label_ == "PERSON":
            persons.setdefault(e.text, set()).add(e.text)
            persons.setdefault(e[-1].text, set()).add(e.text)
    greetings = greeted(doc)
    for ent in name_parts(doc, lexicon, alone):
        # a part cut from a longer name that the gazetteer knows is the place ("Illinois" of
        # "Illinois * Wixom Assembly Plant")
        if located(ent, is_place) or (ent.start, ent.end) not in model_names \
                and is_place(ent.text):
            continue
        label = ent.label_
        if not lexicon.is_actor_name(ent.text):
            continue  # an event's name, whatever a possessive inside cuts it to ("Worldwide
            # Developer's Conference" is no "Worldwide Developer")
        span = trim_name(doc, ent, lexicon, extend=label != "PERSON" or len(ent) < 2, alone=alone)
        if span is not None and label == "ORG":
            span = without_party_majority(without_possessing_place(span, is_place))
        if span is not None and all(lexicon.is_title_word(t.text) or t.lower_ in ("of", "and")
                                    for t in span):
            continue  # a title without a name ("Chief Executive Officer")
        body = named_body(span, bodies) if span is not None and label == "PERSON" else None
        if body is not None:
            span, label = body, "ORG"  # "the Obama White House" is the White House
        elif span is not None and label == "PERSON":
            span = without_titles(doc, without_lead_words(span), lexicon)
            span = without_epithet(span, lexicon, persons)
            if len(span) == 1 and span.text in media:
                label = "ORG"  # "said on Twitter": a medium, whatever the model typed
            if joined_names(span, people) or thing_named_for(span, lexicon):
                continue
        elif span is not None and (person := after_title_field(doc, span, lexicon)) is not None:
            span, label = person, "PERSON"  # "Secretary of Defense Leon Panetta"
        elif span is not None and titled_person(doc, span, lexicon, surnames):
            span, label = without_titles(doc, span, lexicon), "PERSON"  # "Spokeswoman X Y"
        elif span is not None:
            # "Sirius XM Vice President"; a part of a longer body's name stays whole
            # ("Homeland Security" of the "Department of Homeland Security")
            span = without_trailing_titles(span, lexicon, ahead=not any(
                span.text in b and span.text != b for b in bodies))
        if span is None or any(i in placed for i in range(span.start_char, span.end_char)) \
                or not lexicon.is_actor_name(span.text) or span.text in greetings \
                or in_title_of_work(span):
            continue
        # a name cut at a list's comma (`parts._listed`); not one cut at a slash ("Handout/Reuters")
        cut = ent.end < len(doc) and doc[ent.end].text == "," \
            and (ent.start, ent.end) not in model_names
        if label == "ORG" and (only_modifier(doc, span, lexicon, cut=cut)
                               or maker_before_number(doc, span) or ranked(span, lexicon)):
            continue
        if label == "ORG":
            span = without_demonym(span, lexicon, word)
        if label == "PRODUCT":
            # the model's products are noisy ("Broncos", "Philosophers"): one counts with a
            # model number ("C-17") or as the model of a maker's name ("the Taurus" of "Ford
            # Taurus"); not the end of a name the model cut ("Lockheed" ORG + "Martin"
            # PRODUCT), nor a name the article gives a person or a company elsewhere ("Rubio" of
            # "Marco Rubio", "Carrier" of "Carrier Corp.")
            # ("The Ford Taurus": the model's "Taurus" with its maker's name before it)
            if (ent.start == 0 or doc[ent.start - 1].ent_type_ not in NAME_LABELS) \
                    and span.text not in named and (span.text in models or ent.text in models
                                                    or any(c.isdigit() for c in span.text)):
                found.append(mention_of(span, "PRODUCT", "product"))
            continue
        if span[-1].text in products or label == "ORG" and maker_model(span, makers, lexicon):
            found.append(mention_of(span, "PRODUCT", "product"))
            continue
        head = _governing_noun(span)
        # a noun a name modifies tells its kind for an outlet or a group ("Interfax news
        # agency", "the Hayat Tahrir al-Sham alliance"); "U.N. forces" are not the U.N., and a
        # person's full name before a noun compound is no outlet ("a Donald Trump press event")
        head_kind = noun_kind(lexicon, head) if head is not None \
            else None
        head_kind = head_kind if head_kind in ("media", "armed_group") else None
        if head is not None and label == "PERSON" and head.dep_ == "compound" \
                and head.i >= span.end:
            head_kind = None
        # a person's full name ending in a word that heads outlets ("Jim Press", "Ann Post")
        # stays a person's unless the whole name is a known outlet's
        person_name = len(span) > 1 and span.text.lower() not in lexicon.kind_names \
            and lexicon.org_kind(span.text) == "media"
        if label == "PERSON" and head_kind is None and not company_described(span) \
                and (person_name or lexicon.org_kind(span.text) is None):
            titles, affiliation = read_titles(doc, span, lexicon)
            found.append(mention_of(span, "PERSON", "person", titles=titles,
                                     affiliation=affiliation))
        else:
            kind = head_kind or lexicon.org_kind(span.text) \
                or lexicon.org_kind(ent.text.removeprefix(span.text))
            found.append(mention_of(span, "ORG", kind))
    return found + untagged_groups(doc, lexicon, placed)


def _governing_noun(span: DocSpan) -> Token | None:
    """Return the noun a name modifies or stands in apposition to ("Interfax news agency")."""
    root = span.root
    if root.dep_ in ("compound", "amod", "appos") and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head
    apposed = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if apposed:
        return apposed[0]
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and describes(before, root):
        return before
    return None
