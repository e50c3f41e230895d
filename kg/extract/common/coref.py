"""Coreference inside one article: which actor a pronoun or a definite description stands for.

Rules of our own, offline, in one left-to-right pass: each pronoun ("he", "its", "they") and each
definite description of `coref.toml` ("the company", "the planemaker", "the president") takes
the most salient earlier actor mention that agrees with it in kind (a person for "he"/"she", of
the gender the person's titles, given name or an earlier resolved pronoun show (`common.gender`:
"Mrs. Clinton ... he" is someone else), no person for "it"/"they", an organisation for "the
company", a person with that title for "the president"): the nearest sentence first, and in a
sentence a subject before other mentions, then the latest. A person no actor names, as a subject
("the mayor was wrong after he ..."), competes too: a pronoun it wins stays unresolved. A
possessive in a phrase fronted before the main clause takes its subject ("After its launch,
Apple ..."). A resolved pronoun is itself a mention the next one can take. "It" is left
alone when it is expletive ("it is expected that") or when the subject before it is a thing no
actor names ("The SDK ... it"), which it more likely means. The result is a mapping from token
index to actor id; the actors stage's records stay as they are.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from spacy.attrs import ORTH, POS
from spacy.strings import get_string_id
from spacy.symbols import NOUN, PRON
from spacy.tokens import Doc, Token

from kg.extract.common.gender import Gender, agrees, gender_of, gender_word, pronoun_gender
from kg.extract.common.spans import SpanIndex, phrase_head
from kg.extract.common.tree import feature, tree
from kg.model import Actor

_PERSONAL = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_SINGULAR = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
# kinds "they" stands for wherever they stand ("the rebels ... they"); other bodies (a company,
# a state) only as a subject, since "they" after one in another role more often means people
_PLURAL_KINDS = frozenset({"group", "armed_group", "military"})
_SUBJECTS = ("nsubj", "nsubjpass")
_SPEAKERS = frozenset({"my", "our", "your"})  # possessives of who speaks in a quote
_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
_NOBODY = "#"  # key prefix of an unnamed person ("the mayor"): a pronoun taking it stays unresolved
PRONOUN_SENTENCES = 1  # sentences back (besides its own) a pronoun looks for its antecedent
DESCRIPTION_SENTENCES = 4  # likewise for a definite description


@dataclass(frozen=True)
class CorefLexicon:
    """The description nouns of `coref.toml`: kinds they stand for, and role titles."""

    kinds: Mapping[str, frozenset[str]]
    titles: frozenset[str]
    people: frozenset[str]  # nouns for a person no actor names ("a man", "his wife")


@functools.lru_cache(maxsize=1)
def coref_lexicon() -> CorefLexicon:
    """Return the description lexicon, read once from `coref.toml`."""
    text = resources.files("kg.extract.common").joinpath("coref.toml").read_text("utf-8")
    table = tomllib.loads(text)
    return CorefLexicon(kinds={k: frozenset(v) for k, v in table["kinds"].items()},
                        titles=frozenset(table["titles"]["words"]),
                        people=frozenset(table["people"]["words"]))


@dataclass(frozen=True)
class _Mention:
    """An actor mention as salience sees it: head token, sentence, whether it is a subject."""

    i: int
    sent: int
    actor: str
    subject: bool


_OPENING = frozenset(get_string_id(mark) for mark in ("\u201c", "``"))
_CLOSING = frozenset(get_string_id(mark) for mark in ("\u201d", "''"))
_STRAIGHT = get_string_id('"')
_CANDIDATE_POS = frozenset({NOUN, PRON})  # what may be an anaphor or an unnamed person


def _quoted(doc: Doc) -> list[bool]:
    """Tell for each token whether it stands inside quotation marks (curly, or straight ones
    taken in pairs). Reads the tokens' text as string ids, without making a `Token` each."""
    inside, straight = False, False
    marks = [False] * len(doc)
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        if orth in _OPENING:
            inside = True
        elif orth in _CLOSING:
            inside = False
        elif orth == _STRAIGHT:
            straight = not straight
        else:
            marks[i] = inside or straight
    return marks


def _subject(token: Token) -> bool:
    """Tell whether a mention is a subject or names the owner or kind of one ("Apple's music
    service passed Wal-Mart": Apple is as salient as the subject)."""
    if token.dep_ in ("poss", "compound"):
        token = token.head
    return token.dep_ in _SUBJECTS


def _expletive(token: Token) -> bool:
    """Tell whether "it" stands for nothing: "it is likely that ...", "it is expected that"."""
    if token.dep_ == "expl":
        return True
    head = token.head
    if token.dep_ not in _SUBJECTS or head.i == token.i:
        return False
    return any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > token.i
               for c in head.children) \
        and (head.lemma_ in ("be", "seem", "appear", "take", "remain", "become")
             or token.dep_ == "nsubjpass" or any(c.dep_ == "acomp" for c in head.children))


class _Resolver:
    """One pass over an article, mapping anaphors to actors."""

    def __init__(self, doc: Doc, index: SpanIndex, actors: Iterable[Actor]) -> None:
        self.doc = doc
        self.index = index
        self.lex = coref_lexicon()
        actors = tuple(actors)
        self.kinds = {a.id: a.kind for a in actors}
        self.genders: dict[str, Gender | None] = {a.id: gender_of(a) for a in actors}
        self.titles = {a.id: {w.lower() for t in a.titles for w in t.split()}
                       for a in actors if a.kind == "person"}
        self.words = {a.id: {w.lower() for n in (a.name, *a.aliases) for w in n.split()}
                      for a in actors}
        self.sent = [0] * len(doc)
        self.subjects: list[list[Token]] = []  # the noun subjects of each sentence, in order
        parse = tree(doc)
        for n, sent in enumerate(doc.sents):
            self.subjects.append([])
            for token in parse.tokens[sent.start:sent.end]:
                self.sent[token.i] = n
                if parse.deps[token.i] in _SUBJECTS and token.pos_ in ("NOUN", "PROPN", "PRON"):
                    self.subjects[n].append(token)
        self.seen: list[_Mention] = []
        self.found: dict[int, str] = {}
        self.quoted = _quoted(doc)

    def _agrees(self, token: Token, actor: str) -> bool:
        word, kind = token.lower_, self.kinds.get(actor, "other")
        if word in _PERSONAL:
            return kind == "person" and agrees(word, self.genders.get(actor))
        if word in _SINGULAR:
            return kind != "person"
        if word in _PLURAL:
            return kind != "person"
        noun = token.lemma_.lower()
        if noun in self.lex.titles and noun not in self.lex.kinds:
            return noun in self.titles.get(actor, ())
        return kind in self.lex.kinds.get(noun, ()) or (
            kind == "person" and token.lower_ in self.titles.get(actor, ()))

    def _bound(self, token: Token, mention: _Mention) -> bool:
        """Tell whether a mention is the subject of the pronoun's own verb, which a non-reflexive
        object pronoun cannot mean ("Hamas attacked them")."""
        if token.dep_ not in ("dobj", "dative", "pobj") or token.lower_.endswith(("self", "ves")):
            return False
        verb = token.head.head if token.dep_ == "pobj" else token.head
        return self.doc[mention.i].head.i == verb.i and mention.subject

    def _thing_subject(self, token: Token) -> bool:
        """Tell whether the latest subject before "it"/"they" is a thing no actor names."""
        here = self.sent[token.i]
        before = [s for s in self.subjects[here] if s.i < token.i]
        if not before and here > 0:
            before = self.subjects[here - 1]
        if not before:
            return False
        last = before[-1]
        if last.pos_ == "PRON" or self._named(last) or last.i in self.found:
            return False
        plural = "Plur" in feature(last, "Number")
        return plural == (token.lower_ in _PLURAL)

    def _named(self, noun: Token) -> bool:
        """Tell whether a noun names an actor itself or by its apposition or proper-noun
        modifier ("the largest car manufacturer General Motors", "Another automaker, GM")."""
        return any(self.index.actor_at(t) is not None for t in [noun, *(
            c for c in noun.children if c.dep_ == "appos"
            or (c.dep_ == "compound" and c.pos_ == "PROPN"))])

    def _cataphor(self, token: Token) -> str | None:
        """The subject of the main clause for a pronoun in a phrase fronted before it ("After
        its launch, Apple ...", "During an event at its headquarters, Apple released")."""
        root = token.sent.root
        subjects = [c for c in root.children if c.dep_ in _SUBJECTS and c.i > token.i]
        if not subjects or token.lower_ in _PERSONAL or token.dep_ != "poss":
            return None  # "after its launch"; a fronted "it" more often means a thing
        fronted = [c for c in root.children if c.i < subjects[0].i
                   and c.dep_ in ("prep", "advcl", "npadvmod")]
        if not any(c.left_edge.i <= token.i <= c.right_edge.i for c in fronted):
            return None
        subject = subjects[0]
        for noun in [subject, *(c for c in subject.children if c.dep_ in ("appos", "compound")
                                or c.dep_ == "poss")]:
            actor = self.index.actor_at(noun)
            if actor is not None:
                return actor if self._agrees(token, actor) else None
        return None

    def _pick(self, token: Token, window: int) -> str | None:
        here = self.sent[token.i]
        best: tuple[int, int, int] | None = None
        pick: str | None = None
        named = self._named_by_modifier(token, window)
        for mention in reversed(self.seen):
            if mention.sent < here - window:
                break
            if mention.i == token.i or not self._agrees(token, mention.actor) or \
                    self._bound(token, mention) or (named and mention.actor not in named):
                continue
            if token.lower_ in _PLURAL and not mention.subject and \
                    self.kinds.get(mention.actor) not in _PLURAL_KINDS:
                continue
            rank = (here - mention.sent, 0 if mention.subject else 1, -mention.i)
            if best is None or rank < best:
                best, pick = rank, mention.actor
        return pick

    def _named_by_modifier(self, token: Token, window: int) -> frozenset[str]:
        """The earlier actors in reach whose name holds a modifier word of a description ("the
        computer maker" is Apple Computer, not the nearer Apple Corps); none for a pronoun."""
        if token.pos_ != "NOUN":
            return frozenset()
        words = {c.lower_ for c in token.children
                 if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "PROPN", "ADJ")}
        here = self.sent[token.i]
        return frozenset(m.actor for m in self.seen if m.sent >= here - window
                         and words & self.words.get(m.actor, set())
                         and self._agrees(token, m.actor))

    def _description(self, token: Token) -> bool:
        """Tell whether a noun is a definite description of `coref.toml` ("the planemaker")."""
        noun = token.lemma_.lower()
        if (noun not in self.lex.kinds and noun not in self.lex.titles) or token.pos_ != "NOUN":
            return False
        kids = list(token.children)
        if any(c.dep_ in ("appos", "relcl") or (c.dep_ == "compound" and c.pos_ == "PROPN")
               for c in kids) or token.dep_ == "compound":
            return False  # "the company Airbus", "the Airbus plane": named there
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in kids):
            return False  # "the president of Ukraine" is named by its complement
        return any(c.dep_ == "det" and c.lower_ in _DETERMINERS for c in kids)

    def _anaphor(self, token: Token) -> str | None:
        word = token.lower_
        if word in _PERSONAL or word in _SINGULAR or word in _PLURAL:
            if token.pos_ != "PRON" or (word == "it" and _expletive(token)):
                return None
            ahead = self._cataphor(token)
            if ahead is not None:
                return ahead
            if word not in _PERSONAL and self._thing_subject(token):
                return None
            return self._pick(token, PRONOUN_SENTENCES)
        if token.pos_ == "NOUN" and self._description(token) and \
                self.index.actor_at(token) is None:
            return self._pick(token, DESCRIPTION_SENTENCES)
        return None

    def _unnamed_person(self, token: Token) -> bool:
        """Tell whether a noun is the singular subject of its clause and a person no actor
        names ("the man shouted", "a senator said", "the mayor of Roanoke was wrong"), which a
        later "he"/"she" more likely means; not "the senator", which may describe one."""
        if token.pos_ != "NOUN" or token.dep_ not in _SUBJECTS or token.tag_ != "NN" or \
                token.head.tag_ == "VBG" or self.quoted[token.i] or self._named(token) or any(
                    c.dep_ == "poss" and c.lower_ in _SPEAKERS for c in token.children):
            return False  # '"If my son were in Iraq," he said'; 'his brother suffering led him'
        noun = token.lemma_.lower()
        if noun in self.lex.people:
            return True
        return noun in self.lex.titles and any(
            (c.dep_ == "det" and c.lower_ in ("a", "an", "another"))
            or (c.dep_ == "prep" and c.lower_ == "of") for c in token.children)

    def run(self) -> dict[int, str]:
        heads: dict[int, str] = {}
        for occurrence in self.index.actors:
            head = phrase_head(self.doc, occurrence.start, occurrence.end)
            if head is not None:
                heads.setdefault(head.i, occurrence.id)
        tokens = tree(self.doc).tokens
        # only a noun or a pronoun can be an anaphor or an unnamed person: the rest of the
        # tokens, most of them, are skipped without a `Token` read
        for i, pos in enumerate(self.doc.to_array(POS).tolist()):
            actor = heads.get(i)
            if actor is None and pos not in _CANDIDATE_POS:
                continue
            token = tokens[i]
            if actor is None:
                actor = self._anaphor(token)
                if actor is not None and not actor.startswith(_NOBODY):
                    self.found[token.i] = actor
                if actor is not None and self.genders.get(actor) is None:
                    self.genders[actor] = pronoun_gender(token.lower_)  # "Clinton ... she"
                if actor is None and self._unnamed_person(token):
                    actor = f"{_NOBODY}{token.i}"  # a person in the salience list, no actor
                    self.kinds[actor] = "person"
                    self.genders[actor] = gender_word(token.lemma_)
            if actor is not None:
                self.seen.append(_Mention(token.i, self.sent[token.i], actor, _subject(token)))
        return self.found


def antecedents(doc: Doc, index: SpanIndex, actors: Iterable[Actor]) -> dict[int, str]:
    """Return the actor id each resolved pronoun or definite description stands for, keyed by
    its token index.

    Args:
        doc: The parsed article.
        index: The actor mentions of the `actors` stage.
        actors: The actor records, for their kinds and titles.
    """
    return _Resolver(doc, index, actors).run()
