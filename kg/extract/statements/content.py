"""What a cue verb reports: `ContentRules` tries the content rules (`content_rules`, written in
`reported`) in order, and holds the helpers they share and where a reported span ends.

Works on the dependency parse and the quotation spans; the cue rules decide which tokens are
cues and who speaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from kg.extract.common.rules import Rule
from kg.extract.common.text import doc_text
from kg.extract.common.tree import tree
from kg.extract.statements.lexicon import SpeechLexicon
from kg.extract.statements.parts import EXPLETIVES, Range, kids, noun_phrase, subtree, trimmed

_GAP = re.compile(r"[\s,:;—–-]*")
_COLON = re.compile(r"\s*:")  # blanks, then the colon that hands on to a quotation
_FAR_PREPS = {"about", "of", "against"}  # "spoke to reporters about": "on" may start a date
_WHEN = {"DATE", "TIME"}
_CLAUSE_TAIL = {"advcl", "conj", "cc", "punct", "parataxis", "relcl", "dep"}
NAMING_VERBS = {"call", "deem", "name", "label", "dub", "brand"}
_MODIFIERS = {"acl", "amod"}  # a participle that modifies a noun ("a band called X")
_FINDING_VERBS = {"find"}  # "the inquiry found no evidence": its object is what it reports
_APPOINTING = {"name"}  # "X named Y [as] its chief": an appointment, not a view of Y
_VIEW_NAMING = NAMING_VERBS - _APPOINTING  # naming verbs that state a view ("called Y weak")
_ASKING = {"ask", "wonder", "declare", "disclose"}  # "asked if", "must declare whether"
_QUESTION_WORDS = {"how", "when", "where", "why", "what", "whether", "which", "who"}
_FAULT_PREPS = {"for", "over", "on", "with"}  # "hit X over Y", "charged X with murder"
_COMPARED = {"acomp", "oprd", "dobj", "attr"}  # "was [higher] than", "gave her [more] than"
MAX_PREP_WORDS = 4  # words after the verb in a cue ("come out in favor of")


def that_clause(token: Token) -> bool:
    """Return whether a verb with a subject takes a "that" clause ("X made clear that ...").

    Whatever the verb, a subject that states, shows or holds a proposition is a source.
    """
    subjects = kids(token, "nsubj")
    if not subjects or subjects[0].lower_ in EXPLETIVES or token.lemma_ == "be":
        return False
    return any(comp.i > token.i and marked_that(comp) for comp in kids(token, "ccomp"))


def marked_that(clause: Token) -> bool:
    """Return whether a clause opens with the complementiser "that"."""
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.lefts)


def named_without_object(token: Token) -> Range | None:
    """Return what a naming verb calls someone when the parse lost its object.

    In "X called Y “a liar”" the parser often hangs Y inside the predicate (an "oprd" with
    no "dobj"); the predicate's subtree then holds both Y and what Y is called. A participle
    naming a noun ("a band called X") says what the thing is called, not what anyone said, and
    "named" so parsed is mostly an appointment ("the board named Y its chief").
    """
    if token.lemma_.lower() not in _VIEW_NAMING or kids(token, "dobj") or \
            token.dep_ in _MODIFIERS and not naming_subject(token):
        return None
    preds = [p for p in kids(token, "oprd") if p.i > token.i]
    if not preds:
        return None
    return subtree(preds[0])[0], max(subtree(p)[1] for p in preds)


def naming_subject(token: Token) -> bool:
    """Return whether a naming participle is really the verb of the noun before it.

    The parser often reads "Beruff called the plan “weak”" as "Beruff [who was] called ...".
    A noun without an article is the speaker then; "a band called X" keeps its article.
    """
    return token.dep_ == "acl" and token.lemma_.lower() in _VIEW_NAMING and \
        token.head.i < token.i and not kids(token.head, "det") and bool(kids(token, "oprd"))


def as_clause(token: Token) -> Range | None:
    """Return the clause an "as X said" clause comments on, without the "as" clause itself."""
    if token.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ == "as"
                                        for m in token.lefts):
        return None
    if kids(token, "xcomp", "dobj", "ccomp", "oprd"):
        return None  # "as X continued to climb" tells when, not what X said
    head_start, head_end = subtree(token.head)
    own_start, own_end = subtree(token)
    if head_end - own_end > own_start - head_start:  # the longer side is the commented clause
        return trimmed(token.doc, own_end, head_end)
    return trimmed(token.doc, head_start, own_start)


# how a content stands to its cue: a clause the cue reports (kept apart from cue and speaker),
# the sentence around a cue clause ("This, X said, is ..."), or a whole passive clause
How = Literal["clause", "around", "whole"]
NOTHING: Range = (-1, -1)  # a content rule's answer that the verb reports nothing of its own


@dataclass(frozen=True)
class ContentRule:
    """A content rule: what it finds (cue verb, speaker, quotations) and how that stands."""

    find: Callable[[ContentRules, Token, Token | None, list[Range]], Range | None]
    how: How = "clause"
    fallback: bool = False  # tried even after a rule found that the verb reports nothing


class ContentRules:
    """Find the content of cue verbs with the tables of one lexicon and the active rules."""

    def __init__(self, lexicon: SpeechLexicon, rules: Sequence[Rule[ContentRule]] = ()) -> None:
        self.lex = lexicon
        self.rules = tuple(rules)

    def as_view(self, token: Token) -> Range | None:
        """Return what a view verb judges and how: "sees [Y as a threat]", "Y is seen [as a foe]".

        Without an "as" phrase the verb reports no view ("saw the film").
        """
        if token.lemma_.lower() not in self.lex.as_verbs:
            return None
        judged = kids(token, "dobj", "nsubjpass")
        if not judged:
            return None
        # the parser hangs the "as" phrase on the verb or on its object ("see [the dam as ...]")
        phrases = [p for p in (*kids(token, "prep"), *kids(judged[0], "prep"))
                   if p.lower_ == "as" and p.i > token.i
                   and kids(p, "pobj", "pcomp", "amod", "acomp")]
        if not phrases:
            return None
        end = max(subtree(judged[0])[1], subtree(phrases[0])[1])
        if judged[0].dep_ == "nsubjpass":  # the subject comes before the cue: keep what follows
            return phrases[0].idx, end
        return subtree(judged[0])[0], end

    def find(self, token: Token, speaker: Token | None, quotes: list[Range]
             ) -> tuple[Range, How] | None:
        """Return what a cue verb reports and how, by the first content rule that finds it.

        A rule that finds the verb reports nothing of its own (`NOTHING`) leaves only the
        fallback rules to try.
        """
        nothing = False
        for rule in self.rules:
            if nothing and not rule.apply.fallback:
                continue
            found = rule.apply.find(self, token, speaker, quotes)
            if found == NOTHING:
                nothing = True
            elif found is not None:
                return found, rule.apply.how
        return None

    def passive(self, token: Token) -> Range | None:
        """Return the clause of a passive cue with no other content: "[X is known as Y]".

        PolNeAR takes the whole clause, subject and cue included, as what is attributed to
        the unnamed source of a passive ("X was declared the winner", "X is considered an asset").
        A negated passive ("X was not reported") says that nothing was said.
        """
        subjects = kids(token, "nsubjpass")
        if not subjects or not kids(token, "auxpass") or kids(token, "agent", "neg") or \
                not self.lex.is_cue_alone(token.lemma_.lower()):
            return None
        end = token.idx + len(token)
        for child in token.rights:
            if child.dep_ in _CLAUSE_TAIL:
                break
            if child.dep_ != "agent":  # the agent is the source, not what it said
                end = max(end, subtree(child)[1])
        return trimmed(token.doc, subtree(subjects[0])[0], end)

    def around(self, token: Token, speaker: Token) -> Range | None:
        """Return the sentence a parenthetical cue clause stands in, or the part before it."""
        sent = token.sent
        left = min(speaker.left_edge.idx, token.idx)
        if token.head.i < token.i and token.right_edge.i >= sent.end - 2:
            return trimmed(token.doc, sent.start_char, left)
        return trimmed(token.doc, sent.start_char, sent.end_char)

    def clip(self, token: Token, speaker: Token | None, content: Range) -> Range | None:
        """Keep content apart from its cue and speaker, and an indirect one inside its paragraph."""
        doc = token.doc
        a, b = content
        parts = [(token.idx, token.idx + len(token))]
        parts += [noun_phrase(speaker)] if speaker is not None else []
        for start, end in parts:
            if a < end and start < b:
                a, b = (a, start) if start > a else (max(a, end), b)
        if doc_text(doc)[a:a + 1] not in "“\"":
            par = doc_text(doc).rfind("\n", 0, token.idx) + 1
            a = max(a, par)
            nxt = doc_text(doc).find("\n", token.idx)
            b = min(b, nxt) if nxt != -1 and a < nxt else b
        return trimmed(doc, a, b) if b > a else None

    def finding(self, token: Token) -> bool:
        """Return whether a verb reports what an inquiry found: "The poll found wide support".

        Only an inquiry's finding is its content; "X found a job" reports nothing.
        """
        return token.lemma_.lower() in _FINDING_VERBS and any(
            s.lemma_.lower() in self.lex.inquiry_nouns for s in kids(token, "nsubj"))

    def fault(self, token: Token) -> Range | None:
        """Return the object and the fault a verb of blame finds in it ("hit X over Y").

        Without the reason ("for", "over", "on", "with" after the object, not a date) the verb
        reports no attack: "hit the wall", "charged the phone", "hits Boston on Monday".
        """
        objects = kids(token, "dobj")
        if token.lemma_.lower() not in self.lex.fault_verbs or not objects:
            return None
        span = subtree(objects[0])
        reasons = [p for p in kids(token, "prep") if p.lower_ in _FAULT_PREPS
                   and p.idx >= span[1] and kids(p, "pobj", "pcomp")
                   and kids(p, "pobj", "pcomp")[0].ent_type_ not in _WHEN]
        return (span[0], subtree(reasons[-1])[1]) if reasons else None

    def with_reason(self, token: Token, span: Range, quotes: list[Range]) -> Range:
        """Extend an object content over "for ...", "as ...", "of ..." ("criticized X for Y")."""
        end = span[1]
        for prep in kids(token, "prep"):
            if prep.lower_ in ("for", "as", "of", "over") and prep.idx >= span[1]:
                end = max(end, subtree(prep)[1])
        return widen((span[0], end), quotes)

    def cue_prep(self, token: Token) -> Token | None:
        """Return the particle or preposition that makes a verb a cue ("referred to")."""
        lemma = token.lemma_.lower()
        if lemma not in self.lex.prep_verbs and " " not in lemma:
            return None  # most verbs begin no such cue
        tokens = tree(token.doc).tokens
        words = [lemma]  # the verb and the words after it, one more each round
        for k in range(1, MAX_PREP_WORDS + 1):
            if token.i + k >= len(tokens) - 1:
                break
            words.append(tokens[token.i + k].lower_)
            if " ".join(words) in self.lex.prep_cues:
                return tokens[token.i + k]
        # "complained to the council about": the verb's own preposition, further on; "spoke
        # with reporters about", "talked at a town hall about": the parser hangs it on the noun
        far = [*kids(token, "prep"), *(q for p in kids(token, "prep") for o in kids(p, "pobj")
                                       for q in kids(o, "prep") if q.lower_ == "about")]
        return next((p for p in far if p.i > token.i + 1
                     and p.lower_ in _FAR_PREPS and f"{lemma} {p.lower_}" in self.lex.prep_cues),
                    None)

    def adjacent_quote(self, token: Token, speaker: Token | None, quotes: list[Range]
                        ) -> Range | None:
        """Return a quotation right before or after the cue clause, if any."""
        doc = token.doc
        clause = [token, *([speaker] if speaker is not None else [])]
        left = min(t.left_edge.idx if t is speaker else t.idx for t in clause)
        right = max(t.idx + len(t) for t in clause)
        for qa, qb in quotes:
            if qb <= left and _GAP.fullmatch(doc_text(doc)[qb:left]):
                return qa, qb
            if qa >= right and _GAP.fullmatch(doc_text(doc)[right:qa]):
                return qa, qb
        return self._quote_after_colon(token, quotes)

    def _quote_after_colon(self, token: Token, quotes: list[Range]) -> Range | None:
        """Return a quotation after a colon that ends the cue's phrase ("said on Twitter: “...”").

        The words between the cue and the colon say where or how it was said; the colon hands
        on to the quotation.
        """
        text = doc_text(token.doc)
        colon = _COLON.match(text, token.right_edge.idx + len(token.right_edge))
        if colon is None:
            return None
        start = colon.end()
        for qa, qb in quotes:
            if qa >= start and not text[start:qa].strip():
                return qa, qb
        return None


def question(token: Token) -> Range | None:
    """Return the "if" or "whether" question of an asking verb ("asked if he would run").

    The parser often takes the question for an adverbial clause; only a verb of asking or
    telling makes it the content ("would say no if asked" is a condition).
    """
    if token.lemma_.lower() not in _ASKING:
        return None
    for clause in kids(token, "advcl"):
        marks = {m.lower_ for m in kids(clause, "mark")}
        if clause.i > token.i and marks & {"if", "whether"} and "as" not in marks:
            return subtree(clause)
    return None


def wh_infinitive(token: Token) -> Range | None:
    """Return the question infinitive of a verb of knowing or telling ("knows how to win").

    The content runs from the question word ("how", "when", "what") after the verb over the
    infinitive; a relative word before the verb ("which X estimated to cost") asks nothing.
    """
    for clause in kids(token, "xcomp", "advcl"):
        words = [w for w in clause.children
                 if w.lower_ in _QUESTION_WORDS and token.i < w.i < clause.i]
        if clause.i > token.i and words and kids(clause, "aux") and \
                kids(clause, "aux")[0].lower_ == "to":
            return words[0].idx, subtree(clause)[1]
    return None


def compared(token: Token) -> Range | None:
    """Return the clause a "than" clause measures against what someone thought or said.

    "Turnout was higher than most analysts had forecast": the analysts forecast a lower
    turnout, and the content is the compared clause up to "than" ("Turnout was higher"). The
    "than" clause needs a subject of its own: in "sooner than expected" nobody expects.
    """
    marks = [m for m in kids(token, "mark") if m.lower_ == "than"]
    if token.dep_ != "advcl" or not marks or not kids(token, "nsubj"):
        return None
    head = token.head
    clause = head.head if head.dep_ in _COMPARED and head.head.i != head.i else head
    return trimmed(token.doc, subtree(clause)[0], marks[0].idx)


def widen(span: Range, quotes: list[Range]) -> Range:
    """Widen a content to take in whole every quotation it overlaps."""
    a, b = span
    for qa, qb in quotes:
        if qa < b and a < qb:
            a, b = min(a, qa), max(b, qb)
    return a, b
