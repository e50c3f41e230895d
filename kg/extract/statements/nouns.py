"""Cue rules without a lone cue verb: "according to X", labels, cue nouns, light verbs."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.common.text import doc_text
from kg.extract.statements.lexicon import SpeechLexicon
from kg.extract.statements.parts import (
    EXPLETIVES,
    Attribution,
    Range,
    attribution,
    first,
    is_direct,
    kids,
    subtree,
    trimmed,
)
from kg.extract.statements.scene import Scene

_LABEL = re.compile(r"^([A-Z][^\n:]{1,40}?)(:)[ \t]+(\S[^\n]*)$", re.MULTILINE)
MAX_LABEL_TOKENS = 5
_ANSWERED_PREPS = frozenset({"to", "with", "for", "on", "over"})


def labels(scene: Scene) -> list[Attribution]:
    """Attribute "Speaker: what they said" lines, as in headlines ("Graham: Trump ... ")."""
    doc, lex = scene.doc, scene.lex
    found: list[Attribution] = []
    for line in _LABEL.finditer(doc_text(doc)):
        colon = doc.char_span(line.start(2), line.end(2))
        label = doc.char_span(line.start(1), line.end(1), alignment_mode="expand")
        if colon is None or label is None or len(label) > MAX_LABEL_TOKENS:
            continue
        words = [t for t in label if not t.is_punct]
        named = any(t.pos_ == "PROPN" or t.ent_type_ for t in words) or all(
            t.is_title for t in words)
        # a label is a name, not a clause ("Obama said: ..." has its cue in "said")
        if not named or any(t.lower_ in lex.not_speakers or t.pos_ in ("VERB", "AUX")
                            for t in words):
            continue
        content = trimmed(doc, line.start(3), line.end(3))
        if content is None or len(doc_text(doc)[content[0]:content[1]].split()) < 3 or \
                doc_text(doc)[content[0]].isdigit() or not _says_something(doc, content):
            continue
        inside = {w.i for w in words}
        head = next((t for t in reversed(words) if t.head.i not in inside), words[-1])
        if not _names_a_source(head):
            continue
        found.append(Attribution(
            cue=(line.start(2), line.end(2)), cue_token=colon[0], content=content,
            speaker=head, speaker_range=(label[0].idx, label[-1].idx + len(label[-1])),
            direct=is_direct(doc, content)))
    return found


def _names_a_source(head: Token) -> bool:
    """Return whether a label's head word names who speaks ("Sanders:", "Clinton camp:").

    "So:", "Wow:" and "Fast-forward to 2016:" name nobody; nor does a lowercase noun without a
    name before it ("One conclusion:", "Another problem for X:"), which opens a point.
    """
    if head.pos_ in ("ADV", "INTJ", "NUM"):
        return False
    return not head.is_lower or any(t.pos_ == "PROPN" for t in head.lefts)


def _says_something(doc: Doc, content: Range) -> bool:
    """Return whether a label's text is a statement (has a verb or a quote), not a name list."""
    span = doc.char_span(*content, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in span)


def according(_scene: Scene, token: Token) -> Attribution | None:
    """Attribute the clause around "according to X" (the longer side of the phrase) to X."""
    doc = token.doc
    if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    source = first(kids(to, "pobj"))
    if source is None:
        return None
    content = _beside(token, to.right_edge)
    if content is None:
        return None
    return attribution(token, content, source, cue_end=to)


def in_view(scene: Scene, token: Token) -> Attribution | None:
    """Attribute the clause around "in X's view" (the longer side of the phrase) to X.

    A view noun with a complement of its own ("in his estimation of the market") is no aside.
    """
    lex = scene.lex
    owner = first(kids(token, "poss"))
    if token.lemma_.lower() not in lex.view_nouns or token.dep_ != "pobj" or \
            token.head.lower_ != "in" or owner is None or kids(token, "prep"):
        return None
    content = _beside(token.head, token)
    return attribution(token, content, owner) if content is not None else None


def _beside(start: Token, end: Token) -> Range | None:
    """Return the longer side of the sentence around the phrase from `start` to `end`."""
    doc = start.doc
    sent = start.sent
    before = trimmed(doc, sent.start_char, start.idx)
    after = trimmed(doc, end.idx + len(end), sent.end_char)
    return after if before is None else before if after is None else (
        before if before[1] - before[0] >= after[1] - after[0] else after)


def in_survey(scene: Scene, token: Token) -> Attribution | None:
    """Attribute a sentence opening "In a <poll>, ..." to the poll: what the poll found.

    Only a sentence-initial phrase counts, and only survey nouns: "In a statement, X said"
    has its own cue in "said", and the poll then holds what its respondents "said".
    """
    lex = scene.lex
    if token.lower_ != "in" or token.i != token.sent.start:
        return None
    source = next((o for o in kids(token, "pobj") if o.lemma_.lower() in lex.survey_nouns), None)
    if source is None:
        return None
    content = trimmed(token.doc, token.right_edge.idx + len(token.right_edge), token.sent.end_char)
    if content is None:
        return None
    return attribution(token, content, source)


def noun_cue(scene: Scene, token: Token) -> Attribution | None:
    """Attribute what a cue noun reports to its possessor: "Trump's claim that ...".

    A noun of `unsourced_nouns` needs no possessor ("criticism of X" has no expressed source).
    """
    lex = scene.lex
    lemma = token.lemma_.lower()
    if lemma not in lex.noun_cues and lemma not in lex.unsourced_nouns or _answered(token):
        return None
    owners = kids(token, "poss")
    owners += [p for prep in kids(token, "prep") if prep.lower_ in ("by", "from")
               for p in kids(prep, "pobj")]
    if not owners and lemma not in lex.unsourced_nouns:
        return None
    found = _noun_content(token, lex)
    if found is None:
        return None
    content, cue_end = found
    return attribution(token, content, first(owners), cue_end=cue_end)


def copular_noun(scene: Scene, token: Token) -> Attribution | None:
    """Attribute the clause a copula gives a possessed cue noun to its possessor:
    "Ortiz's answer was that the toll stays" (cue "answer was").

    Only a clause is content; "X's statement was a reminder" says what the statement was.
    """
    lex = scene.lex
    copula = token.head
    owner = first(kids(token, "poss"))
    if token.dep_ != "nsubj" or copula.lemma_.lower() != "be" or owner is None or \
            token.lemma_.lower() not in lex.copula_cue_nouns:
        return None
    clause = next((c for c in kids(copula, "ccomp", "xcomp") if c.i > copula.i), None)
    content = trimmed(token.doc, *subtree(clause)) if clause is not None else None
    if content is None:
        return None
    return attribution(token, content, owner, cue_end=copula)


def _answered(token: Token) -> bool:
    """Return whether a cue noun is what a verb answers or deals with ("responded to questions
    about Y", "met with concerns over Y"): the topic of someone else's act, not a statement."""
    return token.dep_ == "pobj" and token.head.lower_ in _ANSWERED_PREPS


def light_cue(scene: Scene, token: Token) -> Attribution | None:
    """Attribute what a verb + speech noun reports to the verb's subject: "X made the point that".

    The cue runs from the verb over its object noun ("made several statements on").
    """
    lex = scene.lex
    subject = first(kids(token, "nsubj"))
    if token.lemma_.lower() not in lex.light_verbs or subject is None:
        return None
    for noun in kids(token, "dobj"):
        if noun.lemma_.lower() not in lex.light_nouns:
            continue
        found = _noun_content(noun, lex)
        # the parser often hangs the noun's preposition on the verb ("took a swipe | at X")
        preps = [p for p in kids(token, "prep") if p.i == noun.right_edge.i + 1
                 and p.lower_ in lex.noun_preps | {"at", "with"} and kids(p, "pobj", "pcomp")]
        if found is None and preps:
            found = subtree(kids(preps[0], "pobj", "pcomp")[0]), preps[0]
        if found is not None:
            content, cue_end = found
            return attribution(token, content, subject, cue_end=cue_end)
    return None


def reaction(scene: Scene, token: Token) -> Attribution | None:
    """Attribute the subject of "drew criticism from X" to X: what X criticised or praised.

    A verb of receiving with a reaction noun ("drew sharp criticism", "came under fire") and a
    "from" phrase names who reacted; the subject is what they reacted to. The cue runs from
    the verb over the noun.
    """
    lex = scene.lex
    subject = first(kids(token, "nsubj"))
    if token.lemma_.lower() not in lex.receiving_verbs or subject is None:
        return None
    nouns = [*kids(token, "dobj"), *(o for p in kids(token, "prep") if p.lower_ == "under"
                                     for o in kids(p, "pobj"))]
    noun = next((n for n in nouns if n.lemma_.lower() in lex.reaction_nouns), None)
    if noun is None:
        return None
    froms = [p for p in (*kids(token, "prep"), *kids(noun, "prep")) if p.lower_ == "from"]
    source = first([o for p in froms for o in kids(p, "pobj")])
    if source is None:
        return None
    return attribution(token, subtree(subject), source, cue_end=noun)


def attitude(scene: Scene, token: Token) -> Attribution | None:
    """Attribute a stance adjective's complement to the copula's subject: "X is wary of Y",
    to the subject of the clause it qualifies: "X toured the dam, confident that Y", or to the
    noun it follows: "voters wary of Y".

    The cue runs over the adjective's preposition when it follows at once ("skeptical of").
    "X made sure Y" says what X saw to, not what X is sure of.
    """
    lex = scene.lex
    after_noun = token.dep_ == "amod" and token.head.i < token.i and \
        token.head.pos_ in ("NOUN", "PROPN", "PRON")
    lemma = token.lemma_.lower()
    if lemma not in lex.attitude_adjectives and lemma not in lex.attitude_prep_adjectives or \
            token.dep_ not in ("acomp", "advcl") and not after_noun or \
            token.head.lemma_.lower() == "make":
        return None
    complement = None
    cue_end = token
    prep = ""
    for child in token.rights:
        objects = kids(child, "pobj", "pcomp")
        if child.dep_ == "prep" and objects:
            complement = subtree(objects[0])
            cue_end = child if child.i == token.i + 1 else token
            prep = child.lower_
            break
        if child.dep_ in ("xcomp", "ccomp"):
            complement = subtree(child)
            break
    content = trimmed(token.doc, *complement) if complement is not None else None
    if content is None or lemma not in lex.attitude_adjectives and \
            f"{lemma} {prep}" not in lex.attitude_preps:
        return None
    if after_noun:  # the holder's phrase ends where the adjective's starts
        found = attribution(token, content, token.head, cue_end=cue_end)
        return replace(found, speaker_range=trimmed(
            token.doc, token.head.left_edge.idx, token.left_edge.idx))
    subject = first(kids(token.head, "nsubj"))
    if subject is not None and subject.lower_ in EXPLETIVES:
        subject = None
    return attribution(token, content, subject, cue_end=cue_end)


def against(_scene: Scene, token: Token) -> Attribution | None:
    """Attribute what a copula's subject is against to the subject: "X is against the toll".

    The preposition follows the copula at once (adverbs aside); "as he was against Y" compares.
    """
    if token.lower_ != "against":
        return None
    copula = token.head
    subject = first(kids(copula, "nsubj"))
    objects = kids(token, "pobj", "pcomp")
    between = token.doc[copula.i + 1:token.i]
    if token.lower_ != "against" or token.dep_ != "prep" or copula.lemma_.lower() != "be" or \
            copula.i > token.i or \
            subject is None or subject.lower_ in EXPLETIVES or not objects or \
            kids(copula, "acomp", "attr", "mark") or any(t.dep_ not in ("advmod", "neg")
                                                         for t in between):
        return None
    content = trimmed(token.doc, *subtree(objects[0]))
    return attribution(copula, content, subject, cue_end=token) if content is not None else None


def stance_holder(scene: Scene, token: Token) -> Attribution | None:
    """Attribute a stance toward Y to the subject of "X is a supporter of Y" ("a critic of Y").

    Only a predicate noun says what its subject holds; "supporters of Y rallied" names a group.
    The content is the "of" object, or a name before the noun ("X is a Sanders supporter").
    """
    lex = scene.lex
    if token.lemma_.lower() not in lex.stance_nouns or token.dep_ != "attr":
        return None
    subject = first(kids(token.head, "nsubj"))
    if subject is None or subject.lower_ in EXPLETIVES:
        return None
    cue_end = token
    content = None
    for prep in kids(token, "prep"):
        objects = kids(prep, "pobj")
        if prep.lower_ == "of" and prep.i == token.i + 1 and objects:
            content, cue_end = subtree(objects[0]), prep
            break
    names = [c for c in kids(token, "compound") if c.pos_ == "PROPN"]
    if content is None and names:
        content = subtree(names[0])
    found = trimmed(token.doc, *content) if content is not None else None
    if found is None:
        return None
    return attribution(token, found, subject, cue_end=cue_end)


def _noun_content(token: Token, lex: SpeechLexicon) -> tuple[Range, Token] | None:
    """Return what a cue noun reports ("claim [that ...]", "remarks on [...]") and the cue end."""
    cue_end = token
    content = None
    for comp in kids(token, "acl", "ccomp", "relcl"):
        marked = any(c.lower_ in ("that", "to") for c in comp.subtree)
        if comp.i > token.i and marked and (comp.dep_ != "relcl" or doc_word(token, "that")):
            content = subtree(comp)
            break
    if content is None:
        for prep in kids(token, "prep"):
            objects = kids(prep, "pobj", "pcomp")
            if prep.lower_ in lex.noun_preps and prep.i == token.i + 1 and objects:
                content, cue_end = subtree(objects[0]), prep
                break
    if content is None:
        return None
    content = trimmed(token.doc, *content)
    return (content, cue_end) if content is not None else None


def doc_word(token: Token, word: str) -> bool:
    """Return whether the word right after a token is `word` ("claim that")."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].lower_ == word
