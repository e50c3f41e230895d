"""Find attributions in a parsed article: cue, source (speaker), content, channel, direct or not.

Works on the dependency parse and the quotation spans; knows nothing of actors or records.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract._speech_content import ContentRules, as_clause, naming_subject, that_clause
from kg.extract._speech_lexicon import SpeechLexicon
from kg.extract._speech_nouns import (
    according,
    against,
    attitude,
    copular_noun,
    in_survey,
    in_view,
    labels,
    light_cue,
    noun_cue,
    reaction,
    stance_holder,
)
from kg.extract._speech_parts import (
    EXPLETIVES,
    Attribution,
    Range,
    attribution,
    first,
    kids,
    subtree,
    trimmed,
)
from kg.extract._speech_quotes import quotations
from kg.extract._text import doc_text, sentence_start

_CUE_POS = frozenset({"VERB", "NOUN", "ADJ"})  # the parts of speech of cues but these:
_PREP_CUES = frozenset({"according", "in"})  # "according to X", "in a poll by X"
_STANCE_PREPS = frozenset({"against"})  # "X is against Y"
_BREAKS = {",", ";", ":", "“", "”", '"', "(", ")", "—", "–", "."}
_CONTRASTS = frozenset({"while", "whereas", "though", "although", "but"})
_COLON_LINE = re.compile(r"(:)[ \t]*\n+(?=\S)")
_TERMS = frozenset({"condition", "record", "background"})  # "spoke on condition of anonymity"
_CONTINUING = frozenset({"continue", "go"})  # "X continued to attack Y", "X went on to say"


def _unnest(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """Drop attributions whose cue lies in the indirect content of another cue.

    "X said Y wants Z": what Y wants is part of what X said, and PolNeAR-style annotation seldom
    splits it off. Before its cue, a content's own main clause does not nest ("Y wants Z, X said"),
    but cues deeper in it do ("Y, who wants Z, left, X said"). A cue with a named speaker under a
    "Name:" label and a relative clause judging its antecedent ("X proposed a toll, which Y called
    unfair") do not nest. A speaker's own follow-up ("X said A, adding B") stays, and the earlier
    content ends where it starts; the speaker's infinitive or gerund is no follow-up ("X pledged to
    oppose Y"); a follow-up that is all of the earlier content is one cue with it ("X went on to
    praise Y", "X issued a statement saying Y"). Another speaker's cue set against the content ("X
    said A, while Y said B") stays too, and ends it. "According to Z", "Z reported" and "In a Z
    poll" nest every cue of their content, quoted or before them ("“A,” X said, according to Z"). A
    content running over several sentences (a paragraph after "X wrote:") nests the cues of all of
    them.
    """
    out: list[Attribution | None] = list(found)
    for n, att in enumerate(found):
        main = att.cue_token.dep_ in ("ccomp", "advcl", "ROOT")
        for m, other in enumerate(out):
            # "X said Y, according to Z": Z's report holds what X said, whatever the order
            relayed = other is not None and _relays(other.cue_token)
            if m == n or m > n and main and not relayed or other is None or \
                    other.direct and not relayed or \
                    _labelled_by(att, other) or _reports_antecedent(att.cue_token) or \
                    not other.content[0] <= att.cue[0] < other.content[1] or \
                    att.speaker is not None and _passive_clause(other):
                continue
            if _coordinated(att.cue_token, other.cue_token) and other.speaker is not None:
                att = replace(att, speaker=other.speaker, speaker_range=other.speaker_range)
                out[n] = att
            if m < n and _contrasted(att, other):
                cut = trimmed(doc, other.content[0], _before_conjunction(att.cue_token).idx)
                if cut is not None:
                    out[m] = replace(other, content=cut)
                    continue
            # "X pledged to oppose Y", "X praised Y for backing Z": what X pledged or praised
            if att.speaker is None or att.speaker != other.speaker or \
                    att.cue_token.dep_ in ("xcomp", "pcomp"):
                out[n] = None
                break
            cut = trimmed(doc, other.content[0], _before_conjunction(att.cue_token).idx)
            if cut is not None and m < n:
                out[m] = replace(other, content=cut)
            elif cut is None and m < n:  # "X went on to praise Y": one cue, "went on to praise"
                out[m] = replace(other, cue=(other.cue[0], att.cue[1]), content=att.content,
                                 direct=att.direct)
                out[n] = None
                break
    return [a for a in out if a is not None]


def _outside_other_cues(found: list[Attribution]) -> list[Attribution]:
    """Drop attributions whose cue word lies inside a longer cue of another attribution.

    "X expressed concern about Y" is one attribution; the noun rule would find "concern about"
    again inside the light-verb cue "expressed concern about".
    """
    return [a for a in found if not any(
        b.cue != a.cue and b.cue[0] <= a.cue[0] and a.cue[1] <= b.cue[1] for b in found)]


def _one_per_cue(found: list[Attribution]) -> list[Attribution]:
    """Join the attributions of one cue into one whose content runs over all of theirs.

    "“A,” miners chanted, “B.”" is one attribution with its content in two pieces, A and B.
    """
    out: dict[Range, Attribution] = {}
    for att in found:
        seen = out.get(att.cue)
        out[att.cue] = att if seen is None else replace(
            seen, content=(min(seen.content[0], att.content[0]),
                           max(seen.content[1], att.content[1])))
    return list(out.values())


def _join(found: list[Attribution],
          outer_of: Callable[[Attribution, list[Attribution]], Attribution | None], *,
          widen: bool = False) -> list[Attribution]:
    """Join each attribution with the outer one `outer_of` finds for it into one attribution.

    The joined cue runs from the outer cue over the inner one, with the outer speaker; its
    content ends where the later of the two contents ends and starts where the outer one does
    (or the earlier of the two, if `widen`).
    """
    out = list(found)
    for att in found:
        outer = outer_of(att, out) if att in out else None
        if outer is None or outer not in out:
            continue
        out = [a for a in out if a is not outer and a is not att]
        start = min(outer.content[0], att.content[0]) if widen else outer.content[0]
        out.append(replace(outer, cue=(outer.cue[0], att.cue[1]),
                           content=(start, max(outer.content[1], att.content[1]))))
    return sorted(out, key=lambda a: a.cue[0])


def _raised(found: list[Attribution], lex: SpeechLexicon) -> list[Attribution]:
    """Join a raising-verb cue and the cue of its predicate into one: "X seemed to indicate Y".

    The cue runs from the raising verb over the predicate's cue ("seemed to indicate",
    "appeared pleased with"); like the raising verb's own, the attribution has no source and
    holds the whole impression, from X to the end of what the predicate reports.
    """
    raising = {a.cue_token.i: a for a in found
               if a.cue_token.lemma_.lower() in lex.raising_verbs}

    def outer_of(att: Attribution, _out: list[Attribution]) -> Attribution | None:
        token = att.cue_token
        outer = raising.get(token.head.i)
        if outer is None or token.dep_ not in ("xcomp", "acomp") or token.i < outer.cue_token.i:
            return None
        return outer

    return _join(found, outer_of)


def _introduced(found: list[Attribution]) -> list[Attribution]:
    """Join a cue and a participle that introduces the same content: "X emailed Y saying: “A”".

    The participle stands between the cue and the content both found ("explained it by saying:",
    "sent a message saying:"); the cue runs over both, and the speaker is the cue's (the parser
    often takes "supporters saying" for a noun and its participle).
    """

    def outer_of(att: Attribution, out: list[Attribution]) -> Attribution | None:
        earlier = [a for a in out if a.cue[1] <= att.cue[0] and a.content[0] == att.content[0]
                   and att.cue[1] <= att.content[0]]
        return earlier[-1] if att.cue_token.tag_ == "VBG" and earlier else None

    return _join(found, outer_of)


def _continued(found: list[Attribution]) -> list[Attribution]:
    """Join "continue"/"go on" and the cue it continues into one: "X continued his attacks on Y".

    The cue runs over both ("went on to say", "Continuing to explain"), the speaker is the one
    who continues, and the content holds what both report ("continued her attacks on Y: “A”").
    """
    by_token = {a.cue_token.i: a for a in found if a.cue_token.lemma_.lower() in _CONTINUING}

    def outer_of(att: Attribution, _out: list[Attribution]) -> Attribution | None:
        token = att.cue_token
        outer = by_token.get(token.head.i)
        if outer is None or token.dep_ not in ("xcomp", "dobj") or token.i < outer.cue_token.i:
            return None
        return outer

    return _join(found, outer_of, widen=True)


def _labelled_by(att: Attribution, label: Attribution) -> bool:
    """Return whether a cue under a "Name: text" label has a named speaker of its own.

    Under "JOEL BENENSON: This is a man who said ..." or a headline "X: I Fear Y" the label's
    speaker says it all; a section "Rubio: Retirement accounts. Senator Rubio proposed ..." has
    its own attributions.
    """
    return label.cue_token.text == ":" and att.speaker is not None and \
        att.speaker.pos_ == "PROPN"


def _relays(cue: Token) -> bool:
    """Return whether a cue hands on a report: "according to Z", "Z reported", "in a Z poll"."""
    return cue.lower_ in _PREP_CUES or cue.lemma_.lower() == "report"


def _coordinated(cue: Token, outer: Token) -> bool:
    """Return whether a cue without a subject of its own is a second verb of the outer cue's
    speaker that the parse joined to the reported clause: "X said A and [promised] B".

    The same tense as the outer cue tells it from a verb of the clause ("X said Y left and
    hid").
    """
    return cue.dep_ == "conj" and cue.tag_ == outer.tag_ and cue.i > outer.i and \
        not kids(cue, "nsubj", "nsubjpass")


def _contrasted(att: Attribution, outer: Attribution) -> bool:
    """Return whether a cue of another speaker answers the outer content ("A, while Y said B").

    The parser often hangs a "while"/"but" clause inside the outer content; a clause with a
    speaker of its own, set against the outer one, is the second speaker's words.
    """
    cue = att.cue_token
    if att.speaker is None or att.speaker == outer.speaker or att.speaker.i > cue.i:
        return False
    marks = [c.lower_ for c in kids(cue, "mark")]
    joined = cue.dep_ == "conj" and any(c.lower_ in _CONTRASTS for c in kids(cue.head, "cc"))
    return joined or any(w in _CONTRASTS for w in marks)


def _before_conjunction(cue: Token) -> Token:
    """Return the first token of a cue's clause, its coordinating conjunction included."""
    doc = cue.doc
    start = cue.left_edge
    while start.i > 0 and doc[start.i - 1].dep_ == "cc" and doc[start.i - 1].head == cue.head:
        start = doc[start.i - 1]
    return start


def _after_cue(doc: Doc, content: Range, cue_end: Token) -> Range | None:
    """Start a content after the words of its cue ("made it clear [that ...]", not "it clear")."""
    end = cue_end.idx + len(cue_end)
    return trimmed(doc, end, content[1]) if content[0] < end < content[1] else content


def _passive_clause(att: Attribution) -> bool:
    """Return whether an attribution is a whole passive clause ("X is known as Y"), cue inside."""
    return att.content[0] <= att.cue[0] < att.content[1] and bool(kids(att.cue_token, "nsubjpass"))


def _reports_antecedent(cue: Token) -> bool:
    """Return whether a relative-clause cue judges its antecedent ("a toll, which X called bad")."""
    if cue.dep_ != "relcl":
        return False
    gaps = [*kids(cue, "dobj"), *(s for c in kids(cue, "ccomp") for s in kids(c, "nsubj"))]
    return any(t.tag_ in ("WDT", "WP") for t in gaps)


def _after_dateline(subject: Token, cue: Token) -> Token:
    """Return the subject after a dateline the parse ran into it ("LONDON (AP) — X said")."""
    doc = subject.doc
    dashes = [t for t in doc[subject.i:cue.i] if t.text in ("—", "–", "-", "--")]
    if not dashes or not any(t.text == "(" for t in doc[subject.left_edge.i:dashes[-1].i]):
        return subject
    words = doc[dashes[-1].i + 1:cue.i]
    heads = [t for t in words if not words.start <= t.head.i < words.end
             and t.pos_ in ("PROPN", "NOUN", "PRON")]
    return heads[0] if heads else subject


def _purpose(token: Token, lex: SpeechLexicon) -> bool:
    """Tell whether a cue verb is the agenda of a meeting: an infinitive of purpose under it.

    "They met in Ankara to discuss the war" says why they met, not what was said. Only
    meeting verbs count: "X sent envoys to ask Y" or "X worked to emphasise Y" still report
    what X asked or stressed, and an infinitive with a clause of its own ("met to announce
    that ...") still reports.
    """
    return token.dep_ == "advcl" and token.tag_ == "VB" \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
        and token.head.lemma_.lower() in lex.meeting_verbs \
        and not any(c.dep_ == "ccomp" for c in token.children)


def _sourcing_infinitive(token: Token) -> bool:
    """Return whether an infinitive says why a source is unnamed, not what the source said.

    "X, who requested anonymity to discuss the talks" and "X was not authorized to discuss
    the talks" are the terms of a newswire source; what X said follows elsewhere.
    """
    if token.tag_ != "VB" or token.dep_ not in ("xcomp", "advcl", "acl") or \
            not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return False
    head = token.head
    return head.lemma_.lower() == "authorize" or any(
        w.lower_ == "anonymity" for w in head.subtree if w.i < token.i)


def _noun_infinitive(token: Token) -> bool:
    """Return whether a verb is the infinitive of a noun ("her decision to endorse X").

    What someone decided, refused or was pressed to say is not what they said, and
    PolNeAR seldom takes it for an attribution.
    """
    return token.dep_ == "acl" and token.tag_ == "VB" and token.head.pos_ == "NOUN"


def _goes_on_to_act(token: Token, lex: SpeechLexicon) -> bool:
    """Return whether "go on" or "continue" hands on to an infinitive that reports nothing.

    "X went on to say Y" or "continued to praise Y" continues what X said; "Boston went on to
    win the series" or "X continues to face questions" tells what X did or does.
    """
    if token.lemma_.lower() not in _CONTINUING:
        return False
    acts = [c for c in kids(token, "xcomp", "advcl") if c.tag_ == "VB" and c.i > token.i
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    return bool(acts) and not lex.is_cue(acts[0].lemma_.lower())


def _on_terms(token: Token, prep: Token) -> bool:
    """Return whether a cue's "on" states the terms of speaking, not a topic.

    "X spoke on condition of anonymity" or "went on the record" says how X spoke, not about what.
    """
    if prep.lower_ != "on":
        return False
    objects = kids(prep, "pobj") or kids(token, "dobj")
    return any(o.lemma_.lower() in _TERMS for o in objects)


def _imperative(token: Token) -> bool:
    """Return whether a cue verb is an imperative ("Consider the case of X", "Just ask Y").

    The writer bids the reader; nobody is reported.
    """
    return token.dep_ == "ROOT" and token.tag_ == "VB" and \
        not kids(token, "nsubj", "nsubjpass", "aux", "auxpass")


def _reports_from(token: Token) -> bool:
    """Return whether "X reported from Y" names where a journalist worked, not a report.

    "Costa reported from Washington." closes an article; a report has an object or a clause
    ("X reported from Kabul that ...").
    """
    return token.lemma_.lower() == "report" and not kids(token, "dobj", "ccomp") and \
        any(p.lower_ == "from" for p in kids(token, "prep"))


def _ongoing_role(token: Token, lex: SpeechLexicon) -> bool:
    """Return whether a relative clause in the progressive describes what its antecedent is
    doing ("Y, who is challenging X for the seat", "donors who are backing X").

    Such a clause introduces the antecedent by its current part in events; it reports no
    statement, unless the verb reports words or thought ("who is saying that ...").
    """
    return token.dep_ == "relcl" and token.tag_ == "VBG" and \
        token.lemma_.lower() not in lex.clause_verbs and \
        any(a.dep_ == "aux" and a.lemma_ == "be" for a in token.children)


def _adds_to(token: Token, quotes: list[Range]) -> bool:
    """Return whether "add" puts something into something ("added a clause to the bill").

    "X added: ..." reports words; "X added a new title to his resume" or "the delay adds to
    the drama" joins one thing to another. A quoted "to" ("adding “to all the voters ...”") is
    part of what was said.
    """
    return token.lemma_.lower() == "add" and any(
        p.lower_ == "to" and p.i > token.i and not any(qa <= p.idx < qb for qa, qb in quotes)
        for p in kids(token, "prep", "dative"))


def _that_said(token: Token) -> bool:
    """Return whether a "said" opens a sentence as "That said, ...", a concession, not a report."""
    doc = token.doc
    return token.lemma_.lower() == "say" and token.i > 0 and token.i + 1 < len(doc) \
        and doc[token.i - 1].lower_ == "that" and bool(doc[token.i - 1].is_sent_start) \
        and doc[token.i + 1].text == ","


class AttributionFinder:
    """Apply the cue rules of one lexicon to parsed articles."""

    def __init__(self, lexicon: SpeechLexicon) -> None:
        self.lex = lexicon
        self.rules = ContentRules(lexicon)

    def find(self, doc: Doc, start: int = 0) -> list[Attribution]:
        """Return the attributions whose cue starts at or after `start`, in text order."""
        quotes = quotations(doc_text(doc))
        found = [a for a in (self._around_quote(doc, q, quotes) for q in quotes)
                 if a is not None and a.cue[0] >= start]
        found += [a for a in labels(doc, self.lex) if a.cue[0] >= start]
        found += [a for a in self._colon_lines(doc, quotes) if a.cue[0] >= start]
        used = {a.cue_token.i for a in found}
        # attributions nested inside a quotation ("I think ...") are the quoted speaker's words
        text = doc_text(doc)
        quoted = [(a, b) for a, b in quotes if len(text[a:b].split()) > 2]
        for token in doc:
            pos = token.pos_
            if pos not in _CUE_POS and token.lower_ not in _PREP_CUES | _STANCE_PREPS \
                    or token.idx < start \
                    or token.i in used \
                    or any(a < token.idx < b for a, b in quoted) \
                    or text[token.idx - 1:token.idx] in ("<", "/"):
                continue  # a markup tag ("<tweet author=...>") is no verb
            if token.lower_ == "according" and token.i + 1 < len(doc) \
                    and doc[token.i + 1].lower_ == "to":
                hit = according(token)
            elif token.lower_ == "in":
                hit = in_survey(token, self.lex)
            elif token.lower_ in _STANCE_PREPS:
                hit = against(token)
            elif pos == "VERB" and (light := light_cue(token, self.lex)) is not None:
                hit = light
            elif pos == "VERB" and (answer := reaction(token, self.lex)) is not None:
                hit = answer
            elif pos == "VERB" and (_purpose(token, self.lex) or _noun_infinitive(token)
                                   or _sourcing_infinitive(token)):
                hit = None  # "X met to discuss Y": the aim of a meeting, not what anyone said
            elif pos == "VERB" and (held := self._stance_participle(token)) is not None:
                hit = held
            elif pos == "VERB" and (named := self._view_participle(token)) is not None:
                hit = named
            elif pos == "VERB" and (self.lex.is_cue(token.lemma_.lower())
                                    or that_clause(token)
                                    or self.rules.as_view(token) is not None):
                hit = self._verb(token, quotes)
            elif pos == "NOUN":
                hit = noun_cue(token, self.lex) or stance_holder(token, self.lex) \
                    or copular_noun(token, self.lex) or in_view(token, self.lex)
            elif pos == "ADJ":
                hit = attitude(token, self.lex)
            else:
                hit = None
            if hit is not None:
                found.append(hit)
        found.sort(key=lambda a: a.cue[0])
        clipped = []
        for att in self._continue_quotes(doc, found, quotes):
            content = trimmed(doc, max(att.content[0], start), att.content[1])
            if content is not None:
                clipped.append(replace(att, content=content))
        joined = _continued(_introduced(_raised(_outside_other_cues(_one_per_cue(clipped)),
                                                self.lex)))
        return _unnest(doc, joined)

    # speaker -----------------------------------------------------------------------------

    def _speaker(self, token: Token) -> tuple[Token | None, Token | None]:
        """Return (speaker, channel) heads for a cue verb."""
        if token.lemma_.lower() in self.lex.raising_verbs:
            return None, None  # "X seems to ...": an impression nobody in the text voices
        subjects = kids(token, "nsubj")
        agent = [p for a in kids(token, "agent") for p in kids(a, "pobj")]
        head = token.head
        relayed = [c for p in kids(token, "prep") if p.lower_ == "as"
                   for c in kids(p, "pcomp") if self.lex.is_cue(c.lemma_.lower())]
        if token.lemma_.lower() in self.lex.relay_verbs and kids(token, "dobj") and relayed:
            return kids(token, "dobj")[0], first(subjects)
        if token.dep_ in ("pcomp", "pobj") and head.lower_ == "as" and \
                head.head.lemma_.lower() in self.lex.relay_verbs:
            relay = head.head  # "Interfax cited X as saying"
            objects = kids(relay, "dobj")
            channel = first(kids(relay, "nsubj"))
            return (objects[0] if objects else None), channel
        if kids(token, "nsubjpass") and agent:
            return agent[0], None
        if subjects:
            subject = subjects[0]
            if subject.lower_ in EXPLETIVES and kids(token, "auxpass"):
                return None, None
            return _after_dateline(subject, token), None
        if token.dep_ == "pcomp" and head.dep_ == "prep":
            subjects = kids(head.head, "nsubj")
            if subjects:
                return subjects[0], None
        if naming_subject(token):
            return head, None  # "Beruff called the plan “weak”", parsed as a participle
        if token.dep_ == "acl" and token.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
            # "X issued a statement saying ...": the statement speaks for whoever issued it
            issuer = kids(head.head, "nsubj") if head.dep_ == "dobj" else []
            if head.lemma_.lower() in self.lex.speech_products and issuer:
                return issuer[0], None
            return head, None
        climb = token
        for _ in range(3):  # "X announced ... and vowed", "X, saying ...", "ready to back"
            if climb.dep_ not in ("advcl", "xcomp", "conj", "acl") or climb.head.i == climb.i:
                break
            climb = climb.head
            # "X wrote that Y knew it, saying ...": the participle goes with the reporting verb
            while token.tag_ == "VBG" and climb.dep_ == "ccomp" and \
                    self.lex.is_cue(climb.head.lemma_.lower()) and kids(climb.head, "nsubj"):
                climb = climb.head
            subjects = kids(climb, "nsubj")
            if subjects:
                return subjects[0], None
        return self._before_comma(token), None

    def _before_comma(self, token: Token) -> Token | None:
        """Return the head of "<NP>" in "<content>, <NP> said" when the parse lost the subject."""
        doc = token.doc
        first_word = sentence_start(token)
        start = token.i
        while start > first_word and token.i - start < 16 and doc[start - 1].text not in _BREAKS:
            start -= 1
        if start == token.i or start == first_word or doc[start - 1].text not in ",”\"":
            return None
        words = doc[start:token.i]
        if any(t.pos_ in ("AUX",) or t.tag_ in ("VBD", "VBZ", "VBP") for t in words):
            return None
        outside = [t for t in words if not (start <= t.head.i < token.i)]
        nouns = [t for t in outside if t.pos_ in ("PROPN", "NOUN", "PRON")]
        return nouns[0] if nouns else None

    def _channel(self, token: Token) -> Token | None:
        """Return the outlet a cue verb says something to ("told AFP"), if it names media."""
        for child in kids(token, "dobj", "dative", "agent", "prep"):
            target: Token | None = child
            if child.dep_ in ("prep", "agent"):
                target = first(kids(child, "pobj"))
            if child.dep_ == "prep" and child.lower_ not in ("to", "with", "by"):
                continue
            if target is not None and self._is_media(target):
                return target
        return None

    def _is_media(self, token: Token) -> bool:
        words = {t.lower_ for t in token.subtree}
        return bool(words & self.lex.media_words) and token.pos_ == "PROPN" or \
            token.lower_ in self.lex.media_words and token.pos_ == "PROPN"

    # rules -------------------------------------------------------------------------------

    def _verb(self, token: Token, quotes: list[Range]) -> Attribution | None:
        head = token.head
        if head.lower_ == "as" and head.head.lemma_.lower() in self.lex.relay_verbs and \
                kids(head.head, "dobj"):
            return None  # "cited X as saying": the relay verb carries the attribution
        prep = self.rules.cue_prep(token)
        if prep is None and not self.lex.is_cue_alone(token.lemma_.lower()) and \
                not that_clause(token) and self.rules.as_view(token) is None and \
                self.rules.fault(token) is None:
            return None  # "focus" is a cue only as "focus on", "hit" as "hit X over Y"
        if _goes_on_to_act(token, self.lex) or _that_said(token) or _adds_to(token, quotes) or \
                prep is not None and _on_terms(token, prep):
            return None
        speaker, channel = self._speaker(token)
        if speaker is None and _imperative(token) or _reports_from(token) or \
                _ongoing_role(token, self.lex):
            return None
        content = self.rules.content(token, quotes)
        around = False  # content around the cue: "This effect, many economists say, could ..."
        if content is None and token.lemma_.lower() in self.lex.clause_verbs:
            content = self.rules.adjacent_quote(token, speaker, quotes)
            if content is None and speaker is not None:
                content = as_clause(token)
                around = content is not None
            if content is None and token.dep_ == "parataxis" and speaker is not None:
                content = self.rules.around(token, speaker)
                around = content is not None
        if content is None and (clause := self.rules.passive(token)) is not None:
            agent = first([p for a in kids(token, "agent") for p in kids(a, "pobj")])
            return self._make(token, clause, agent, None, cue_end=prep)
        # a cue with syntactic content but no source stays ("It is expected that ...")
        if content is None or speaker is None and around:
            return None
        if not around:
            content = self.rules.clip(token, speaker, content)
            if content is not None and prep is not None:
                content = _after_cue(token.doc, content, prep)
            if content is None or content[0] <= token.idx < content[1]:
                return None
        return self._make(token, content, speaker, channel, cue_end=prep)

    def _stance_participle(self, token: Token) -> Attribution | None:
        """Attribute the noun a stance participle modifies to its agent: "a bill opposed by Y".

        "The measure, opposed by unions, failed": the unions' stance is toward the measure,
        the noun phrase the participle hangs on (without the participle's own phrase).
        """
        if token.dep_ != "acl" or token.tag_ != "VBN" or \
                token.lemma_.lower() not in self.lex.stance_verbs:
            return None
        agent = first([p for a in kids(token, "agent") for p in kids(a, "pobj")])
        noun = token.head
        if agent is None or noun.i > token.i:
            return None
        end = min(token.left_edge.idx, noun.right_edge.idx + len(noun.right_edge))
        content = trimmed(token.doc, noun.left_edge.idx, end)
        return self._make(token, content, agent, None) if content is not None else None

    def _view_participle(self, token: Token) -> Attribution | None:
        """Attribute a noun and the view a participle takes of it: "a state seen as critical".

        "X, known as Y", "a group known for Y", "emails now deemed classified": the participle
        judges the noun it hangs on by a predicate ("as" or "for" phrase, or a bare one). The
        content is the noun phrase with the participle's phrase; the agent, if any, holds the
        view. A participle without a predicate ("a rate not seen since 1960") judges nothing,
        but one of an announcement or a forecast ("a deal announced Friday", "a ruling expected
        next week") reports the noun itself.
        """
        lemma = token.lemma_.lower()
        if token.dep_ != "acl" or token.tag_ != "VBN" or token.head.i > token.i:
            return None
        preds = [c for c in token.children if c.dep_ in ("oprd", "xcomp") or
                 c.dep_ == "prep" and c.lower_ in ("as", "for")]
        if not (preds and lemma in self.lex.as_verbs | self.lex.view_verbs or
                lemma in self.lex.announced_verbs):
            return None
        content = trimmed(token.doc, token.head.left_edge.idx, subtree(token)[1])
        agent = first([p for a in kids(token, "agent") for p in kids(a, "pobj")])
        return self._make(token, content, agent, None) if content is not None else None

    def _surface_speaker(self, tokens: list[Token]) -> Token | None:
        words = [t for t in tokens if not t.is_punct]
        if not words or len(words) > 8 or any(t.pos_ in ("VERB", "AUX") for t in words):
            return None
        names = [t for t in words if t.pos_ in ("PROPN", "NOUN", "PRON")]
        return names[-1] if names else None

    def _around_quote(self, doc: Doc, quote: Range, quotes: list[Range]) -> Attribution | None:
        """Attribute a quotation by the words after it ("..., X said") or before ("X said:")."""
        qa, qb = quote
        span = doc.char_span(qa, qb, alignment_mode="expand")
        if span is None:
            return None
        after = list(doc[span.end:span.end + 12])
        after = after[:next((n for n, t in enumerate(after) if t.is_sent_start and n > 0
                             or t.text in "“\"" or t.idx > qb + 120), len(after))]
        if after and after[0].text in ",—" or after and after[0].is_alpha:
            for n, tok in enumerate(after):
                if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() not in self.lex.clause_verbs:
                    break
                if tok.pos_ == "VERB" and tok.lemma_.lower() in self.lex.clause_verbs:
                    if _goes_on_to_act(tok, self.lex) or _reports_from(tok):
                        break  # "“A.” X continued to visit Y": what X did, not said
                    speaker = self._surface_speaker(after[:n])
                    if speaker is None:
                        rest = after[n + 1:]
                        rest = rest[:next((k for k, t in enumerate(rest) if t.is_punct
                                           or t.pos_ == "ADP"), len(rest))]
                        speaker = self._surface_speaker(rest)
                    if speaker is not None:
                        return self._make(tok, (qa, qb), speaker, None)
                    break
        before = [t for t in doc[max(0, span.start - 3):span.start]
                  if doc_text(doc)[t.idx + len(t):qa].strip(" ,:\n") == ""]
        if before:
            tok = before[-1]
            if tok.pos_ == "VERB" and tok.lemma_.lower() in self.lex.clause_verbs:
                speaker, channel = self._speaker(tok)
                if speaker is not None:
                    return self._make(tok, (qa, qb), speaker, channel)
            if tok.text == ":":
                return self._colon(tok, (qa, qb), quotes)
        return None

    def _colon_lines(self, doc: Doc, quotes: list[Range]) -> list[Attribution]:
        """Attribute the paragraph after a line ending "X wrote:" to X, unless it is a quotation.

        A quotation after the colon is attributed by `_around_quote` already.
        """
        text = doc_text(doc)
        found: list[Attribution] = []
        for line in _COLON_LINE.finditer(text):
            colon = doc.char_span(line.start(1), line.end(1))
            nxt = line.end()
            end = text.find("\n", nxt)
            content = trimmed(doc, nxt, len(text) if end == -1 else end)
            if colon is None or content is None or any(qa <= content[0] < qb for qa, qb in quotes):
                continue
            att = self._colon(colon[0], content, quotes)
            # without quote marks only a reporting verb says the paragraph is someone's words
            if att is not None and self.lex.is_cue_alone(att.cue_token.lemma_.lower()):
                found.append(att)
        return found

    def _colon(self, colon: Token, quote: Range, quotes: list[Range]) -> Attribution | None:
        """Attribute a quotation introduced by a clause and a colon ("X went further: “...”").

        A verb inside a quotation before the colon is no introducing clause ("“Y is leaving,”
        by Z: “...”" quotes a headline).
        """
        verbs = [t for t in colon.sent if t.i < colon.i and t.pos_ == "VERB" and kids(t, "nsubj")
                 and not any(qa <= t.idx < qb for qa, qb in quotes)]
        if not verbs:
            return None
        verb = verbs[-1]
        speaker = kids(verb, "nsubj")[0]
        if speaker.pos_ == "PRON" and speaker.lower_ in ("i", "we", "you", "it"):
            return None
        # "X joined the protest, saying on Twitter: “...”": the reporting participle introduces it
        saying = [t for t in colon.sent if verb.i < t.i < colon.i and t.tag_ == "VBG"
                  and t.lemma_.lower() in self.lex.clause_verbs and t.head.i == verb.i]
        return self._make(saying[-1] if saying else verb, quote, speaker, None)

    def _make(self, token: Token, content: Range, speaker: Token | None, channel: Token | None,
              *, cue_end: Token | None = None) -> Attribution:
        return attribution(token, content, speaker, cue_end=cue_end,
                           channel=channel or self._channel(token))

    def _continue_quotes(self, doc: Doc, found: list[Attribution], quotes: list[Range]
                         ) -> list[Attribution]:
        """Extend a direct quote over a following quotation that has no cue of its own."""
        cues = [a.cue[0] for a in found]
        out: list[Attribution] = []
        for att in found:
            end = max(att.content[1], att.cue_token.sent.end_char)
            for qa, qb in quotes if att.direct else []:
                if qa < end:
                    continue
                span = doc.char_span(qa, qb, alignment_mode="expand")
                last = span[-1].sent.end_char if span is not None else qb
                if doc_text(doc)[end:qa].strip() or any(qa <= c < last for c in cues):
                    break
                att = replace(att, content=(att.content[0], qb))
                end = max(qb, last)
            out.append(att)
        return out
