"""Find attributions in a parsed article: cue, source (speaker), content, channel, direct or not.

Works on the dependency parse and the quotation spans; knows nothing of actors or records.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.common.text import doc_text, sentence_start
from kg.extract.statements.content import ContentRules, as_clause, naming_subject, that_clause
from kg.extract.statements.joins import combine
from kg.extract.statements.lexicon import SpeechLexicon
from kg.extract.statements.nocue import (
    adds_to,
    goes_on_to_act,
    imperative,
    noun_infinitive,
    on_terms,
    ongoing_role,
    purpose,
    reports_from,
    sourcing_infinitive,
    that_said,
)
from kg.extract.statements.nouns import (
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
from kg.extract.statements.parts import (
    EXPLETIVES,
    PREP_CUES,
    Attribution,
    Range,
    attribution,
    by_agent,
    first,
    kids,
    subtree,
    trimmed,
)
from kg.extract.statements.quotes import quotations

_CUE_POS = frozenset({"VERB", "NOUN", "ADJ"})  # the parts of speech of cues but these:
_STANCE_PREPS = frozenset({"against"})  # "X is against Y"
_WORD_CUES = PREP_CUES | _STANCE_PREPS  # cue words that are no verb, noun or adjective
_BREAKS = {",", ";", ":", "“", "”", '"', "(", ")", "—", "–", "."}
_COLON_LINE = re.compile(r"(:)[ \t]*\n+(?=\S)")


def _after_cue(doc: Doc, content: Range, cue_end: Token) -> Range | None:
    """Start a content after the words of its cue ("made it clear [that ...]", not "it clear")."""
    end = cue_end.idx + len(cue_end)
    return trimmed(doc, end, content[1]) if content[0] < end < content[1] else content


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
            if pos not in _CUE_POS and token.lower_ not in _WORD_CUES \
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
            elif pos == "VERB" and (purpose(token, self.lex) or noun_infinitive(token)
                                   or sourcing_infinitive(token)):
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
        return combine(doc, clipped, self.lex)

    # speaker -----------------------------------------------------------------------------

    def _speaker(self, token: Token) -> tuple[Token | None, Token | None]:
        """Return (speaker, channel) heads for a cue verb."""
        if token.lemma_.lower() in self.lex.raising_verbs:
            return None, None  # "X seems to ...": an impression nobody in the text voices
        subjects = kids(token, "nsubj")
        agent = by_agent(token)
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
        if kids(token, "nsubjpass") and agent is not None:
            return agent, None
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
        if goes_on_to_act(token, self.lex) or that_said(token) or adds_to(token, quotes) or \
                prep is not None and on_terms(token, prep):
            return None
        speaker, channel = self._speaker(token)
        if speaker is None and imperative(token) or reports_from(token) or \
                ongoing_role(token, self.lex):
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
            agent = by_agent(token)
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
        agent = by_agent(token)
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
        if not (preds and (lemma in self.lex.as_verbs or lemma in self.lex.view_verbs) or
                lemma in self.lex.announced_verbs):
            return None
        content = trimmed(token.doc, token.head.left_edge.idx, subtree(token)[1])
        agent = by_agent(token)
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
                    if goes_on_to_act(tok, self.lex) or reports_from(tok):
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
