"""Content rules: what a cue verb reports, one function per construction.

Each takes the `ContentRules` of a lexicon, the cue verb, its speaker (or None) and the article's
quotations, and returns the reported range or None; `content_rules` orders them.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.statements.content import (
    NAMING_VERBS,
    NOTHING,
    ContentRules,
    as_clause,
    compared,
    marked_that,
    named_without_object,
    question,
    wh_infinitive,
    widen,
)
from kg.extract.statements.parts import Range, kids, subtree

_TOPIC_PREPS = {"about", "of", "on", "against"}
_WHEN = {"DATE", "TIME"}
_ANSWERS = {"so", "yes", "no"}
_VAGUE_OBJECTS = {"it", "this", "that", "what"}
_ASPECTUAL = {"continue"}  # "continued delivering the speech" goes on, it reports nothing

Speaker = Token | None
Quotes = list[Range]


def as_view(rules: ContentRules, token: Token, _speaker: Speaker, quotes: Quotes) -> Range | None:
    view = rules.as_view(token)
    return widen(view, quotes) if view is not None else None


def complement(_rules: ContentRules, token: Token, _speaker: Speaker, quotes: Quotes
               ) -> Range | None:
    comps = kids(token, "ccomp")
    return widen(subtree(comps[0]), quotes) if comps else None


def if_question(_rules: ContentRules, token: Token, _speaker: Speaker, quotes: Quotes
                ) -> Range | None:
    found = question(token)
    return widen(found, quotes) if found is not None else None


def wh_question(_rules: ContentRules, token: Token, _speaker: Speaker, quotes: Quotes
                ) -> Range | None:
    found = wh_infinitive(token)
    return widen(found, quotes) if found is not None else None


def statement_that(_rules: ContentRules, token: Token, _speaker: Speaker, quotes: Quotes
                   ) -> Range | None:
    for clause in (c for p in kids(token, "prep") for o in kids(p, "pobj") for c in o.rights):
        if clause.dep_ in ("acl", "ccomp", "relcl") and marked_that(clause):
            return widen(subtree(clause), quotes)
    return None


def impression(rules: ContentRules, token: Token, _speaker: Speaker, _quotes: Quotes
               ) -> Range | None:
    if token.lemma_.lower() not in rules.lex.raising_verbs:
        return None
    preds = [*kids(token, "xcomp", "oprd", "acomp"),
             *(p for p in kids(token, "prep") if p.lower_ == "like" and p.i > token.i)]
    subjects = kids(token, "nsubj")
    if not preds:
        return NOTHING  # "X appeared on television": an appearance, no impression
    return (subtree(subjects[0])[0], subtree(preds[-1])[1]) if subjects else None


def after_prep(rules: ContentRules, token: Token, _speaker: Speaker, quotes: Quotes
               ) -> Range | None:
    doc = token.doc
    prep = rules.cue_prep(token)
    if prep is None:
        return None
    end = max(token.right_edge.i, prep.right_edge.i)
    if prep.i + 1 < len(doc) and prep.i + 1 <= end:
        return widen((doc[prep.i + 1].idx, doc[end].idx + len(doc[end])), quotes)
    return None


def request(rules: ContentRules, token: Token, _speaker: Speaker, _quotes: Quotes
            ) -> Range | None:
    if token.lemma_.lower() not in rules.lex.request_verbs:
        return None
    objs, comps = kids(token, "dobj"), kids(token, "xcomp", "ccomp")
    return (subtree(objs[0])[0], subtree(comps[0])[1]) if objs and comps else None


def naming(_rules: ContentRules, token: Token, _speaker: Speaker, quotes: Quotes
           ) -> Range | None:
    if token.lemma_.lower() not in NAMING_VERBS or not kids(token, "dobj"):
        return None
    preds = kids(token, "dobj", "oprd", "xcomp", "ccomp", "attr", "acomp")
    end = max(subtree(p)[1] for p in preds)
    return widen((subtree(kids(token, "dobj")[0])[0], end), quotes)


def naming_lost_object(_rules: ContentRules, token: Token, _speaker: Speaker, quotes: Quotes
                       ) -> Range | None:
    named = named_without_object(token)
    return widen(named, quotes) if named is not None else None


def direct_object(rules: ContentRules, token: Token, _speaker: Speaker, quotes: Quotes
                  ) -> Range | None:
    lemma = token.lemma_.lower()
    lex = rules.lex
    for obj in kids(token, "dobj"):
        span = subtree(obj)
        if any(qa <= span[0] < qb or span[0] <= qa < span[1] for qa, qb in quotes):
            return widen(span, quotes)
        # "endorsed him" reports a stance on a person; "denied it" names no content
        if lemma in lex.object_verbs and obj.lower_ not in _VAGUE_OBJECTS or \
                lemma == "say" and obj.pos_ != "PRON" or rules.finding(token):
            return rules.with_reason(token, span, quotes)
        if (faulted := rules.fault(token)) is not None:
            return widen(faulted, quotes)
        if obj.tag_ in ("WP", "WDT") and lemma in lex.object_verbs:
            # "what he described as volatile": the relative pronoun and what it is called
            as_phrase = [p for p in kids(token, "prep") if p.lower_ == "as"]
            if as_phrase:
                return widen((span[0], subtree(as_phrase[0])[1]), quotes)
    return None


def gerund(rules: ContentRules, token: Token, _speaker: Speaker, quotes: Quotes) -> Range | None:
    lemma = token.lemma_.lower()
    if lemma in rules.lex.object_verbs or \
            lemma in rules.lex.clause_verbs and lemma not in _ASPECTUAL:
        for comp in kids(token, "xcomp"):
            if comp.tag_ == "VBG" and comp.i > token.i:
                return widen(subtree(comp), quotes)
    return None


def antecedent(rules: ContentRules, token: Token, _speaker: Speaker, _quotes: Quotes
               ) -> Range | None:
    if token.lemma_.lower() in rules.lex.object_verbs and token.dep_ == "relcl" and \
            kids(token, "nsubj") and not kids(token, "dobj", "ccomp", "xcomp", "prep"):
        head = token.head  # "a deal she once supported": the antecedent is the object
        return head.left_edge.idx, head.idx + len(head)
    return None


def answer(_rules: ContentRules, token: Token, _speaker: Speaker, _quotes: Quotes
           ) -> Range | None:
    for word in token.rights:  # "said so", "said no"
        if word.lower_ in _ANSWERS and word.i == token.i + 1:
            return word.idx, word.idx + len(word)
    return None


def passive_subject(rules: ContentRules, token: Token, _speaker: Speaker, quotes: Quotes
                    ) -> Range | None:
    passive = kids(token, "nsubjpass")
    if passive and kids(token, "agent") and token.lemma_.lower() in rules.lex.object_verbs:
        return rules.with_reason(token, subtree(passive[0]), quotes)
    return None


def infinitive(rules: ContentRules, token: Token, _speaker: Speaker, quotes: Quotes
               ) -> Range | None:
    comps = kids(token, "xcomp")
    if token.lemma_.lower() in rules.lex.infinitive_verbs and comps:
        return widen(subtree(comps[0]), quotes)
    return None


def topic(_rules: ContentRules, token: Token, _speaker: Speaker, quotes: Quotes) -> Range | None:
    for prep in kids(token, "prep"):  # "boasted of his skills", "complained to X about Y"
        objects = [o for o in kids(prep, "pobj", "pcomp") if o.ent_type_ not in _WHEN]
        if prep.lower_ in _TOPIC_PREPS and objects and prep.i > token.i:
            return widen(subtree(objects[0]), quotes)
    return None


def than(rules: ContentRules, token: Token, _speaker: Speaker, _quotes: Quotes) -> Range | None:
    return compared(token) if token.lemma_.lower() in rules.lex.clause_verbs else None


def adjacent_quote(rules: ContentRules, token: Token, speaker: Speaker, quotes: Quotes
                   ) -> Range | None:
    if token.lemma_.lower() not in rules.lex.clause_verbs:
        return None
    return rules.adjacent_quote(token, speaker, quotes)


def commented(rules: ContentRules, token: Token, speaker: Speaker, _quotes: Quotes
              ) -> Range | None:
    if token.lemma_.lower() not in rules.lex.clause_verbs or speaker is None:
        return None
    return as_clause(token)


def parenthetical(rules: ContentRules, token: Token, speaker: Speaker, _quotes: Quotes
                  ) -> Range | None:
    if token.lemma_.lower() not in rules.lex.clause_verbs or speaker is None or \
            token.dep_ != "parataxis":
        return None
    return rules.around(token, speaker)


def passive_clause(rules: ContentRules, token: Token, _speaker: Speaker, _quotes: Quotes
                   ) -> Range | None:
    return rules.passive(token)
