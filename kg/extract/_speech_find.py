"""Find attributions in a parsed article: cue, source (speaker), content, channel, direct or not.

Works on the dependency parse and the quotation spans; knows nothing of actors or records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from kg.extract._speech_lexicon import SpeechLexicon
from kg.extract._speech_quotes import quotations

Range = tuple[int, int]
_GAP = re.compile(r"[\s,:;—–-]*")
_SPEAKER_DROP = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj"}
_TRIM = " \t\n,;:—–-"
_PRONOUN_EXPLETIVE = {"it", "there"}
_LABEL = re.compile(r"^([A-Z][^\n:]{1,40}?)(:)[ \t]+(\S[^\n]*)$", re.MULTILINE)
_BREAKS = {",", ";", ":", "“", "”", '"', "(", ")", "—", "–", "."}


@dataclass(frozen=True)
class Attribution:
    """One attribution relation as character ranges, plus the tokens rules later need."""

    cue: Range
    cue_token: Token
    content: Range
    speaker: Token | None = None
    speaker_range: Range | None = None
    channel: Token | None = None
    channel_range: Range | None = None
    direct: bool = False


def _kids(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _trimmed(doc: Doc, start: int, end: int) -> Range | None:
    text = doc.text
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM + ".":
        end -= 1
    return (start, end) if end > start else None


def _subtree(token: Token) -> Range:
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge)


def noun_phrase(token: Token) -> Range:
    """Return the range of a speaker's noun phrase: the head and its left and close right modifiers."""
    right = token
    for child in token.rights:
        comma = any(t.is_punct for t in token.doc[token.i + 1:child.left_edge.i])
        if child.dep_ in _SPEAKER_DROP and (comma or child.dep_ != "appos"):
            break
        right = child.right_edge
    left = token.left_edge
    while left.i < token.i and (left.is_punct or left.is_space):
        left = left.doc[left.i + 1]
    return left.idx, right.idx + len(right)


class AttributionFinder:
    """Apply the cue rules of one lexicon to parsed articles."""

    def __init__(self, lexicon: SpeechLexicon) -> None:
        self.lex = lexicon

    def find(self, doc: Doc, start: int = 0) -> list[Attribution]:
        """Return the attributions whose cue starts at or after `start`, in text order."""
        quotes = quotations(doc.text)
        found = [a for a in (self._around_quote(doc, q, quotes) for q in quotes)
                 if a is not None and a.cue[0] >= start]
        found += [a for a in self._labels(doc) if a.cue[0] >= start]
        used = {a.cue_token.i for a in found}
        # attributions nested inside a quotation ("I think ...") are the quoted speaker's words
        quoted = [(a, b) for a, b in quotes if len(doc.text[a:b].split()) > 2]
        for token in doc:
            if token.idx < start or token.i in used or any(a < token.idx < b for a, b in quoted):
                continue
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                hit = self._according(token, quotes)
            elif token.pos_ == "VERB" and self.lex.is_cue(token.lemma_.lower()):
                hit = self._verb(token, quotes)
            else:
                hit = None
            if hit is not None:
                found.append(hit)
        found.sort(key=lambda a: a.cue[0])
        clipped = []
        for att in self._continue_quotes(doc, found, quotes):
            content = _trimmed(doc, max(att.content[0], start), att.content[1])
            if content is not None:
                clipped.append(replace(att, content=content))
        return clipped

    # content -----------------------------------------------------------------------------

    def _widen(self, doc: Doc, span: Range, quotes: list[Range]) -> Range:
        a, b = span
        for qa, qb in quotes:
            if qa < b and a < qb:
                a, b = min(a, qa), max(b, qb)
        return a, b

    def _content(self, token: Token, quotes: list[Range]) -> Range | None:
        doc = token.doc
        lemma = token.lemma_.lower()
        for comp in _kids(token, "ccomp"):
            return self._widen(doc, _subtree(comp), quotes)
        prep = self._cue_prep(token)
        if prep is not None:
            end = max(token.right_edge.i, prep.right_edge.i)
            if prep.i + 1 < len(doc) and prep.i + 1 <= end:
                return self._widen(doc, (doc[prep.i + 1].idx, doc[end].idx + len(doc[end])), quotes)
        if lemma in self.lex.request_verbs:
            objs, comps = _kids(token, "dobj"), _kids(token, "xcomp", "ccomp")
            if objs and comps:
                return _subtree(objs[0])[0], _subtree(comps[0])[1]
        if lemma in ("call", "deem", "name", "label", "dub", "brand") and _kids(token, "dobj"):
            preds = _kids(token, "dobj", "oprd", "xcomp", "ccomp", "attr", "acomp")
            end = max(_subtree(p)[1] for p in preds)
            return self._widen(doc, (_subtree(_kids(token, "dobj")[0])[0], end), quotes)
        for obj in _kids(token, "dobj"):
            span = _subtree(obj)
            if any(qa <= span[0] < qb or span[0] <= qa < span[1] for qa, qb in quotes):
                return self._widen(doc, span, quotes)
            if (lemma in self.lex.object_verbs or lemma == "say") and obj.pos_ != "PRON":
                return span
        if lemma in self.lex.infinitive_verbs:
            for comp in _kids(token, "xcomp"):
                return self._widen(doc, _subtree(comp), quotes)
        return None

    def _around(self, token: Token, speaker: Token) -> Range | None:
        """Return the sentence a parenthetical cue clause stands in, or the part before it."""
        sent = token.sent
        left = min(speaker.left_edge.idx, token.idx)
        if token.head.i < token.i and token.right_edge.i >= sent.end - 2:
            return _trimmed(token.doc, sent.start_char, left)
        return _trimmed(token.doc, sent.start_char, sent.end_char)

    def _clip(self, token: Token, speaker: Token, content: Range) -> Range | None:
        """Keep content apart from its cue and speaker, and an indirect one inside its paragraph."""
        doc = token.doc
        a, b = content
        for start, end in ((token.idx, token.idx + len(token)), noun_phrase(speaker)):
            if a < end and start < b:
                a, b = (a, start) if start > a else (max(a, end), b)
        if doc.text[a:a + 1] not in "“\"":
            par = doc.text.rfind("\n", 0, token.idx) + 1
            a = max(a, par)
            nxt = doc.text.find("\n", token.idx)
            b = min(b, nxt) if nxt != -1 and a < nxt else b
        return _trimmed(doc, a, b) if b > a else None

    def _cue_prep(self, token: Token) -> Token | None:
        """Return the particle or preposition that makes a verb a cue ("referred to", "called for")."""
        lemma = token.lemma_.lower()
        doc = token.doc
        for k in range(1, 3):
            if token.i + k >= len(doc) - 1:
                return None
            words = [lemma, *(t.lower_ for t in doc[token.i + 1:token.i + k + 1])]
            if " ".join(words) in self.lex.prep_cues:
                return doc[token.i + k]
        return None

    def _adjacent_quote(self, token: Token, speaker: Token | None, quotes: list[Range]) -> Range | None:
        doc = token.doc
        clause = [token, *([speaker] if speaker is not None else [])]
        left = min(t.left_edge.idx if t is speaker else t.idx for t in clause)
        right = max(t.idx + len(t) for t in clause)
        for qa, qb in quotes:
            if qb <= left and _GAP.fullmatch(doc.text[qb:left]):
                return qa, qb
            if qa >= right and _GAP.fullmatch(doc.text[right:qa]):
                return qa, qb
        return None

    # speaker -----------------------------------------------------------------------------

    def _speaker(self, token: Token) -> tuple[Token | None, Token | None]:
        """Return (speaker, channel) heads for a cue verb."""
        subjects = _kids(token, "nsubj")
        agent = [p for a in _kids(token, "agent") for p in _kids(a, "pobj")]
        head = token.head
        if token.lemma_.lower() in self.lex.relay_verbs and _kids(token, "dobj") and any(
                p.lower_ == "as" for p in _kids(token, "prep")):
            return _kids(token, "dobj")[0], (subjects or [None])[0]
        if token.dep_ in ("pcomp", "pobj") and head.lower_ == "as" and \
                head.head.lemma_.lower() in self.lex.relay_verbs:
            relay = head.head  # "Interfax cited X as saying"
            objects = _kids(relay, "dobj")
            channel = (_kids(relay, "nsubj") or [None])[0]
            return (objects[0] if objects else None), channel
        if _kids(token, "nsubjpass") and agent:
            return agent[0], None
        if subjects:
            subject = subjects[0]
            if subject.lower_ in _PRONOUN_EXPLETIVE and _kids(token, "auxpass"):
                return None, None
            return subject, None
        if token.dep_ == "pcomp" and head.dep_ == "prep":
            subjects = _kids(head.head, "nsubj")
            if subjects:
                return subjects[0], None
        if token.dep_ == "acl" and token.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
            return head, None
        if token.dep_ in ("advcl", "xcomp", "conj", "acl") and token.tag_ in ("VBG", "VBD", "VBZ", "VBP"):
            subjects = _kids(head, "nsubj")
            if subjects:
                return subjects[0], None
        return self._before_comma(token), None

    def _before_comma(self, token: Token) -> Token | None:
        """Return the head of "<NP>" in "<content>, <NP> said" when the parse lost the subject."""
        doc = token.doc
        start = token.i
        while start > token.sent.start and token.i - start < 16 and \
                doc[start - 1].text not in _BREAKS:
            start -= 1
        if start == token.i or start == token.sent.start or doc[start - 1].text not in ",”\"":
            return None
        words = doc[start:token.i]
        if any(t.pos_ in ("AUX",) or t.tag_ in ("VBD", "VBZ", "VBP") for t in words):
            return None
        outside = [t for t in words if not (start <= t.head.i < token.i)]
        nouns = [t for t in outside if t.pos_ in ("PROPN", "NOUN", "PRON")]
        return nouns[0] if nouns else None

    def _channel(self, token: Token) -> Token | None:
        """Return the outlet a cue verb says something to ("told AFP"), if it names media."""
        for child in _kids(token, "dobj", "dative", "agent", "prep"):
            target = (_kids(child, "pobj") or [None])[0] if child.dep_ in ("prep", "agent") else child
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
        doc = token.doc
        speaker, channel = self._speaker(token)
        content = self._content(token, quotes)
        around = False  # content around the cue: "This effect, many economists say, could ..."
        if content is None:
            if token.lemma_.lower() not in self.lex.clause_verbs:
                return None
            content = self._adjacent_quote(token, speaker, quotes)
            if content is None and token.dep_ == "parataxis" and speaker is not None:
                content = self._around(token, speaker)
                around = content is not None
        if content is None or speaker is None:
            return None
        if not around:
            content = self._clip(token, speaker, content)
            if content is None or content[0] <= token.idx < content[1]:
                return None
        prep = self._cue_prep(token)
        cue = (token.idx, (prep or token).idx + len(prep or token))
        channel = channel or self._channel(token)
        return Attribution(
            cue=cue, cue_token=token, content=content, speaker=speaker,
            speaker_range=noun_phrase(speaker), channel=channel,
            channel_range=noun_phrase(channel) if channel is not None else None,
            direct=doc.text[content[0]] in "“\"'",
        )

    def _surface_speaker(self, tokens: list[Token]) -> Token | None:
        words = [t for t in tokens if not t.is_punct]
        if not words or len(words) > 8 or any(t.pos_ in ("VERB", "AUX") for t in words):
            return None
        names = [t for t in words if t.pos_ in ("PROPN", "NOUN", "PRON")]
        return names[-1] if names else None

    def _around_quote(self, doc: Doc, quote: Range, quotes: list[Range]) -> Attribution | None:
        """Attribute a quotation by the words right after it ("..., X said") or before ("X said:")."""
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
                  if doc.text[t.idx + len(t):qa].strip(" ,:\n") == ""]
        if before:
            tok = before[-1]
            if tok.pos_ == "VERB" and tok.lemma_.lower() in self.lex.clause_verbs:
                speaker, channel = self._speaker(tok)
                if speaker is not None:
                    return self._make(tok, (qa, qb), speaker, channel)
        return None

    def _make(self, token: Token, content: Range, speaker: Token, channel: Token | None
              ) -> Attribution:
        doc = token.doc
        channel = channel or self._channel(token)
        return Attribution(
            cue=(token.idx, token.idx + len(token)), cue_token=token, content=content,
            speaker=speaker, speaker_range=noun_phrase(speaker), channel=channel,
            channel_range=noun_phrase(channel) if channel is not None else None,
            direct=doc.text[content[0]] in "“\"'")

    def _labels(self, doc: Doc) -> list[Attribution]:
        """Attribute "Speaker: what they said" lines, as in headlines ("Graham: Trump ... ")."""
        found: list[Attribution] = []
        for line in _LABEL.finditer(doc.text):
            colon = doc.char_span(line.start(2), line.end(2))
            label = doc.char_span(line.start(1), line.end(1), alignment_mode="expand")
            if colon is None or label is None or len(label) > 5:
                continue
            words = [t for t in label if not t.is_punct]
            if not any(t.pos_ == "PROPN" for t in words) or words[0].lower_ in self.lex.not_speakers:
                continue
            content = _trimmed(doc, line.start(3), line.end(3))
            head = max(words, key=lambda t: t.pos_ == "PROPN" and t.head.i not in
                       {w.i for w in words} or t.i == words[-1].i)
            if content is not None:
                found.append(Attribution(
                    cue=(line.start(2), line.end(2)), cue_token=colon[0], content=content,
                    speaker=head, speaker_range=(label[0].idx, label[-1].idx + len(label[-1])),
                    direct=doc.text[content[0]] in "“\"‘'"))
        return found

    def _according(self, token: Token, quotes: list[Range]) -> Attribution | None:
        doc = token.doc
        to = doc[token.i + 1]
        source = (_kids(to, "pobj") or [None])[0]
        if source is None:
            return None
        pp = (token.idx, to.right_edge.idx + len(to.right_edge))
        sent = token.sent
        before = _trimmed(doc, sent.start_char, pp[0])
        after = _trimmed(doc, pp[1], sent.end_char)
        content = after if before is None else before if after is None else (
            before if before[1] - before[0] >= after[1] - after[0] else after)
        if content is None:
            return None
        return Attribution(
            cue=(token.idx, to.idx + len(to)), cue_token=token, content=content,
            speaker=source, speaker_range=noun_phrase(source),
            direct=doc.text[content[0]] in "“\"")

    def _continue_quotes(self, doc: Doc, found: list[Attribution], quotes: list[Range]
                         ) -> list[Attribution]:
        """Extend a direct quote over the quotation that opens the next sentence with no cue of its own."""
        cues = [a.cue[0] for a in found]
        out: list[Attribution] = []
        for att in found:
            end = max(att.content[1], att.cue_token.sent.end_char)
            for qa, qb in quotes:
                if qa < end or not (att.direct or att.content[1] >= att.cue[1]) or \
                        doc.text[end:qa].strip():
                    continue
                sentence_end = doc.char_span(qa, qb, alignment_mode="expand")
                last = sentence_end[-1].sent.end_char if sentence_end is not None else qb
                if any(qa <= c < last for c in cues) or not att.direct:
                    break
                att = replace(att, content=(att.content[0], qb))
                end = last
            out.append(att)
        return out
