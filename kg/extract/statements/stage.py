"""Find statements: who said what, to or through whom, when, and which events they report.

Attributions come from `find`, which applies the rule tables of `rules` (cue verbs, "according to",
quotations, ...) that `Settings.disabled_rules` leaves on; each statement names its cue rule.
Speakers and channels resolve to the actors of the `actors` stage by span overlap; a speaker that
is not among them is added as a new `Actor`. A pronoun speaker ("he said") resolves as the
article's coreference (`common.coref`) resolves it, else to the latest earlier speaker or actor
mention of a compatible kind. The statement date is the time expression of
the cue's clause ("said on Tuesday"), else the publication day: wire copy reports what was said
since the last edition, so an undated "said"/"says" is taken as said on the day of publication.
Events whose trigger lies in a statement's content are linked both ways: `Statement.reports` and
`Event.source` (the innermost statement's speaker).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from kg.config import Settings
from kg.extract.common.anchor import time_anchorer
from kg.extract.common.coref import antecedents
from kg.extract.common.gender import agrees, gender_of
from kg.extract.common.names import load_lexicon, run_together
from kg.extract.common.place_cues import POSSESSIVES
from kg.extract.common.spans import SpanIndex, char_span
from kg.extract.common.text import doc_text, entities
from kg.extract.pipeline import Stage, stage_factory
from kg.extract.statements.find import AttributionFinder
from kg.extract.statements.lexicon import speech_lexicon
from kg.extract.statements.parts import Attribution
from kg.extract.statements.rules import finder
from kg.keys import actor_id, local_actor_id, statement_id
from kg.model import Actor, ActorKind, Event, Extraction, Span, Statement

_PERSONAL = {"he": "person", "she": "person", "him": "person", "her": "person"}
_NONPERSONAL = {"it", "they", "its"}
# the model's labels of the names the actors stage reads people and bodies from
_NAME_LABELS = frozenset({"PERSON", "ORG"})
_ENT_KINDS: dict[str, ActorKind] = {"PERSON": "person", "ORG": "organisation", "GPE": "other",
                                    "NORP": "group"}
# outlet words that name an outlet only inside a name ("the Times"; "five times" is none)
_OUTLET_NAMES = frozenset({"times", "post", "journal", "press", "gazette", "daily"})
_DETERMINERS = ("the ", "a ", "an ", "The ", "A ", "An ")
_SOURCE_NOUNS = frozenset({"source"})  # "a military source", "diplomatic sources": unnamed
_MILITARY_WORDS = frozenset({"military", "army", "security", "defence", "defense"})
PRONOUN_WINDOW = 400  # characters back a pronoun speaker may look for its antecedent


class _Speakers:
    """Resolve speaker and channel phrases to actor ids, adding actors the actors stage missed."""

    def __init__(self, extraction: Extraction, doc: Doc) -> None:
        self.doc = doc
        self.article_id = extraction.article.id
        self.body_start = extraction.article.body_start
        # the actors stage read every name of the body when it ran (not for an extraction made
        # by hand, as the tests of this stage make them)
        self.judged = extraction.run is not None and "actors" in extraction.run.stages
        self.index = SpanIndex(extraction)
        self.kinds: dict[str, ActorKind] = {a.id: a.kind for a in extraction.actors}
        self.actors = {a.id: a for a in extraction.actors}
        self.genders = {a.id: gender_of(a) for a in extraction.actors}
        # the speakers added: name, kind, affiliation and country, as the last mention says
        self.new: dict[str, tuple[str, ActorKind, str | None, str | None]] = {}
        self.mentions: dict[str, list[Span]] = {}  # each added speaker's mentions, in order
        self.history: list[tuple[int, str]] = []  # (offset, actor id) of resolved speakers
        self.ents = [e for e in entities(doc) if e.label_ in _ENT_KINDS]
        self.actor_records = extraction.actors
        self.coref: dict[int, str] | None = None  # made at the first pronoun speaker

    def _kind_ok(self, actor: str, pronoun: str) -> bool:
        kind = self.kinds.get(actor, "other")
        if pronoun in _PERSONAL:
            return kind in ("person", "other") and agrees(pronoun, self.genders.get(actor))
        return kind != "person"

    def _pronoun(self, head: Token) -> str | None:
        pronoun = head.lower_
        floor = head.idx - PRONOUN_WINDOW
        for offset, actor in reversed(self.history):
            if offset >= floor and self._kind_ok(actor, pronoun):
                return actor
        for mention in reversed(self.index.actors_in(max(0, floor), head.idx)):
            if self._kind_ok(mention.id, pronoun):
                return mention.id
        return None

    def _not_an_actor(self, head: Token) -> bool:
        """Tell whether a speaker's head is a name the earlier stages read and made no actor of:
        a place's ("Puerto Rico has been warning": a place stays a place), or a person's or
        body's name in the body that the actors stage, where it ran, dropped ("Politicos call
        this", "Plenty of companies": a common word the model took for a name; "Chief Executive
        Officer")."""
        if self.index.place_at(head) is not None:
            return True
        if not self.judged:
            return False
        ent = next((e for e in self.ents if e.start <= head.i < e.end), None)
        return ent is not None and ent.label_ in _NAME_LABELS \
            and ent.start_char >= self.body_start

    def _named(self, head: Token) -> str | None:
        """Return the one actor of the article a proper-noun speaker the model typed as no
        name, or as another kind's, names: by its name or an alias ("Kasich" typed a place's,
        "Chatwal" an event's, beside the actor "John Kasich" of the "Kasich" mentions), or a
        person by the last word of the name ("Risch" of "Jim Risch")."""
        if head.pos_ != "PROPN" or not head.text[:1].isupper():
            return None
        word = head.text
        found = {a.id for a in self.actors.values()
                 if word == a.name or word in a.aliases
                 or a.kind == "person" and a.name.split()[-1] == word}
        return found.pop() if len(found) == 1 else None

    def _name(self, head: Token, phrase: tuple[int, int]) -> tuple[str, ActorKind, bool]:
        """Return a missed speaker's name, kind, and whether the name is a proper name."""
        ents = [e for e in self.ents if e.start_char >= phrase[0] and e.end_char <= phrase[1]]
        lex = speech_lexicon()
        words = {w.lower() for w in doc_text(self.doc)[phrase[0]:phrase[1]].split()}
        media = bool(words & lex.media_words)
        ent = next((e for e in ents if e.start <= head.i < e.end), None)
        # (not a demonym that only qualifies the proper noun after it: "the Islamic State")
        if ent is None and ents and head.pos_ != "NOUN" and not (
                ents[-1].label_ == "NORP" and ents[-1].end == head.i and head.pos_ == "PROPN"):
            ent = ents[-1]
        if ent is not None:
            # "The New Republic's Jeet Heer" is Jeet Heer; a place's name the model typed GPE
            # that the actors stage did not take for a state ("Kasich said") is no country
            owner = next((t.i for t in ent if t.text in POSSESSIVES and t.i < head.i), None)
            name = ent.text if owner is None else self.doc[owner + 1:ent.end].text
            for det in _DETERMINERS:
                name = name.removeprefix(det)
            kind = "media" if media and ent.label_ == "ORG" else _ENT_KINDS[ent.label_]
            # words of a web page run together ("MaransFlagShareLikeReplyAni") name no one
            return name, kind, bool(name) and not any(run_together(w) for w in name.split())
        # a described speaker ("the Florida senator", "five times") is an outlet only if its
        # head noun names one ("the newspaper", "a news agency")
        text = self._unnamed(head, phrase)[0]
        outlet = head.lemma_.lower() in lex.media_words and head.lower_ not in _OUTLET_NAMES
        proper = head.pos_ == "PROPN" and all(w[:1].isupper() and not run_together(w)
                                              for w in text.split())
        # a proper name's kind as the lexicon reads it ("Islamic State": an armed group)
        named = load_lexicon().org_kind(text) if proper else None
        return text, "media" if outlet else named or "other", proper

    def _unnamed(self, head: Token, phrase: tuple[int, int]) -> tuple[str, int]:
        """Return the name of an unnamed speaker, its head and left modifiers without the
        article ("a military source" -> "military source"), and where that name ends."""
        end = head.idx + len(head) if phrase[0] <= head.idx < phrase[1] else phrase[1]
        text = doc_text(self.doc)[phrase[0]:end]
        for det in _DETERMINERS:
            text = text.removeprefix(det)
        return text, end

    def _add(self, key: str, name: str, kind: ActorKind, span: tuple[int, int], *,
             affiliation: str | None = None, country: str | None = None) -> None:
        """Record a speaker the actors stage missed, or one more mention of one recorded."""
        if key not in self.kinds or key in self.new:
            # the record is made once all are found (`added`), not again at each mention
            self.new[key] = (name, kind, affiliation, country)
            self.mentions.setdefault(key, []).append(char_span(self.doc, *span))
            self.kinds[key] = kind

    def added(self) -> list[Actor]:
        """Return the speakers added: each with what its last mention says and all mentions."""
        return [Actor(id=key, name=name, kind=kind, mentions=tuple(self.mentions[key]),
                      affiliation=affiliation, country=country)
                for key, (name, kind, affiliation, country) in self.new.items()]

    def _source(self, head: Token, phrase: tuple[int, int]) -> str | None:
        """Add an unnamed source ("a Syrian military source") as its own speaker.

        It is affiliated with the actor its modifiers name: the state's military for a
        military source when the article has one, else the state ("Syrian" -> Syria).
        """
        text, end = self._unnamed(head, phrase)
        try:
            key = local_actor_id(self.article_id, text)
        except ValueError:
            return None
        hits = [m.id for m in self.index.actors_in(phrase[0], end)]
        affiliation = hits[-1] if hits else None
        state = self.actors.get(affiliation) if affiliation else None
        if state is not None and state.kind == "country" and _MILITARY_WORDS & {
                w.lower() for w in text.split()}:
            affiliation = next((a.id for a in self.actors.values() if a.kind == "military"
                                and a.affiliation == state.id), affiliation)
        self._add(key, text, "other", (phrase[0], end), affiliation=affiliation,
                  country=state.country if state is not None else None)
        return key

    def resolve(self, head: Token | None, phrase: tuple[int, int] | None
                ) -> tuple[str | None, float]:
        """Return the actor id of a speaker phrase and how sure the resolution is."""
        if head is None or phrase is None:
            return None, 0.0
        if head.tag_ in ("WDT", "WP") and head.head.dep_ == "relcl":
            relative = head.lower_
            head = head.head.head  # "a group that endorsed ..." speaks for the group
            if relative == "who":
                head = _described_person(head)
            phrase = (head.left_edge.idx, head.idx + len(head))
        if head.pos_ == "PRON":
            if head.lower_ not in _PERSONAL and head.lower_ not in _NONPERSONAL:
                return None, 0.0
            if self.coref is None:
                self.coref = antecedents(self.doc, self.index, self.actor_records)
            found = self.coref.get(head.i) or self._pronoun(head)
            return found, 0.8
        head, phrase = _before_parenthesis(head, phrase)
        found = self.index.actor_at(head)
        nxt = self.doc[head.i + 1] if head.i + 1 < len(self.doc) else None
        if found is None and head.pos_ == "NOUN" and nxt is not None and nxt.pos_ == "PROPN":
            found = self.index.actor_at(nxt)  # "state news agency X": the descriptor is X
        if found is None and head.pos_ == "NOUN" and head.lemma_.lower() in _SOURCE_NOUNS:
            found = self._source(head, phrase)
        if found is None:
            hits = self.index.actors_in(*phrase)
            found = hits[-1].id if hits else None
        if found is None and self._not_an_actor(head):
            return None, 0.0
        if found is None:
            found = self._named(head)
        if found is None:
            name, kind, proper = self._name(head, phrase)
            try:  # "residents" of one article are not those of another
                found = actor_id(name) if proper else local_actor_id(self.article_id, name)
            except ValueError:
                return None, 0.0
            self._add(found, name, kind, phrase)
        self.history.append((head.idx, found))
        return found, 1.0


def _described_person(head: Token) -> Token:
    """Return the person a relative "who" after a prepositional phrase refers to: the name the
    phrase's noun describes ("Howard Rubel, a senior analyst at Jefferies, who notes": Howard
    Rubel, not Jefferies); else the word the parser attached the clause to."""
    noun = head
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head
    if noun is not head and noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        return noun.head
    return head


def _before_parenthesis(head: Token, phrase: tuple[int, int]) -> tuple[Token, tuple[int, int]]:
    """Return the name a parenthesis after it qualifies as the speaker: "Sen. Ted Cruz
    (R-Texas) said" is Ted Cruz, not his party and state."""
    doc = head.doc
    start = next((i for i in range(head.i - 1, max(head.i - 5, 0), -1) if doc[i].text == "("),
                 None)
    if start is None or start == 0 or doc[start - 1].pos_ != "PROPN" \
            or not any(t.text == ")" for t in doc[head.i + 1:head.i + 3]):
        return head, phrase
    name = doc[start - 1]
    return name, (min(phrase[0], name.left_edge.idx), name.idx + len(name))


def _confidence(att: Attribution, speaker: str | None, certainty: float) -> float:
    score = 0.9 if att.direct else 0.75
    if att.cue_token.lower_ == "according":
        score = 0.8
    if speaker is None:
        score = 0.5
    return round(score * (0.85 if certainty < 1.0 else 1.0), 3)


class _Triggers:
    """The events of an article by the offset of their trigger, to find those a content holds."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.events = events
        self.order = sorted(range(len(events)), key=lambda n: events[n].trigger.start)
        self.starts = [events[n].trigger.start for n in self.order]

    def within(self, start: int, end: int) -> tuple[str, ...]:
        """Return the ids of the events whose trigger starts in [start, end), in their order."""
        inside = self.order[bisect_left(self.starts, start):bisect_left(self.starts, end)]
        return tuple(self.events[n].id for n in sorted(inside))


def _sourced(events: tuple[Event, ...], statements: list[Statement]) -> list[Event]:
    """Return the events with the speaker of the innermost content holding each trigger as
    their source (the first such statement of the shortest content), if they have none yet."""
    order = sorted(range(len(events)), key=lambda n: events[n].trigger.start)
    starts = [events[n].trigger.start for n in order]
    held: dict[int, tuple[int, Statement]] = {}  # event -> (length, statement) of the innermost
    for s in statements:
        if not (s.speaker and s.content):
            continue
        start, end = s.content.start, s.content.end
        for k in range(bisect_left(starts, start), bisect_left(starts, end)):
            n = order[k]
            if n not in held or end - start < held[n][0]:
                held[n] = (end - start, s)
    out: list[Event] = []
    for n, event in enumerate(events):
        if n in held and event.source is None:
            # the speaker is a validated key of a statement: a copy need not check it again
            event = event.model_copy(update={"source": held[n][1].speaker})
        out.append(event)
    return out


class FindStatements:
    """The statements stage with one attribution finder (built from `Settings`)."""

    def __init__(self, finder: AttributionFinder) -> None:
        self.finder = finder

    def __call__(self, extraction: Extraction, doc: Doc) -> Extraction:
        """Add one `Statement` per attribution; add missing speakers; link events both ways."""
        article = extraction.article
        speakers = _Speakers(extraction, doc)
        anchorer = time_anchorer(article, doc, speakers.index.times)
        published = anchorer.published.value if anchorer.published else None
        statements: list[Statement] = []
        triggers = _Triggers(extraction.events)
        for att in self.finder.find(doc, article.body_start):
            speaker, certainty = speakers.resolve(att.speaker, att.speaker_range)
            channel, _ = speakers.resolve(att.channel, att.channel_range)
            # the cue's own time, else the narrative's day for a past cue, else the publication day
            when = anchorer.anchor(att.cue_token)
            own = when.time is not None and (when.certainty == 1.0 or when.origin == "narrative")
            content = char_span(doc, *att.content)
            statements.append(Statement(
                id=statement_id(article.id, att.cue[0]),
                speaker=speaker,
                speaker_mention=char_span(doc, *att.speaker_range) if att.speaker_range else None,
                cue=char_span(doc, *att.cue),
                content=content,
                direct=att.direct,
                channel=channel if channel != speaker else None,
                date=when.time.value if own and when.time is not None else published,
                reports=triggers.within(content.start, content.end),
                confidence=_confidence(att, speaker, certainty),
                rule=att.rule,
            ))
        added = speakers.added()
        events = _sourced(extraction.events, statements)
        return extraction.replace(events=events).extend(actors=added, statements=statements)


@stage_factory("statements", requires=("actors", "times", "events"), produces=("statements",))
def statements_stage(settings: Settings) -> Stage:
    """Build the statements stage with the rules `settings.disabled_rules` leaves on."""
    return FindStatements(finder(settings.disabled_rules))
