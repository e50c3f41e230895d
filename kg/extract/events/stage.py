"""Find events: every happening the story reports, typed, with its agents, targets, place and time.

A trigger is a verb of a clause, an event noun or a predicative state, found by the rules of
`triggers`; `senses` types it (news event class, CAMEO code, TimeML class); its participants by
role (agents, targets, recipients, instruments) are read by `args` with the role rules of `rules`
(all rules listed in `rules.RULES`, each one switched off by `Settings.disabled_rules`).
Participants come from the dependency parse and are resolved to the actors of the `actors` stage
by span overlap, apposition, relative pronoun or coreference (`common.coref`); the place likewise
to the `places` stage; the time from the `times` stage (see `common.anchor`); how real the
text makes each event by the cues of `factuality`.
Who reports an event (`Event.source`) is filled in by the `statements` stage.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Sequence

from spacy.tokens import Doc

from kg.config import Settings
from kg.extract.common.anchor import time_anchorer
from kg.extract.common.rules import Rule
from kg.extract.common.spans import SpanIndex, token_span
from kg.extract.common.tree import tree
from kg.extract.events.args import ArgumentFinder
from kg.extract.events.factuality import FACTUALITY, Cues
from kg.extract.events.lexicon import lexicon, verb_index
from kg.extract.events.senses import SENSES, Senses
from kg.extract.events.triggers import VETOES, Lookup, Trigger, find_triggers, trigger_table
from kg.extract.pipeline import Stage, stage_factory
from kg.keys import event_id
from kg.model import Event, Extraction

_HYPOTHETICAL = ("possible", "planned", "demanded")  # events that may yet happen
_NEGATIVE = ("negated", "ruled_out")  # events the text says did not or will not happen


def _confidence(trigger: Trigger, agents: list[str], targets: list[str], place: str | None,
                certainty: float, hypothetical: bool) -> float:
    score = 0.5 if trigger.noun else 0.55
    score += 0.15 if agents or targets else 0.0
    score += 0.1 if agents and targets else 0.0
    score += 0.05 if place else 0.0
    score *= 0.7 + 0.3 * certainty
    return round(score * (0.8 if hypothetical else 1.0), 3)


class EventFinder:
    """The events stage: one `Event` per trigger in the story body, in text order, found and
    read by the rule tables less the rules switched off."""

    def __init__(self, disabled: Collection[str] = (), model: str = Settings().model) -> None:
        self.disabled = tuple(disabled)
        self.model = model
        self.vetoes = VETOES.active(disabled)
        self.senses = Senses(SENSES.active(disabled))
        self.factuality = Cues(FACTUALITY.active(disabled))
        self._triggers: Sequence[Rule[Lookup]] | None = None

    @property
    def triggers(self) -> Sequence[Rule[Lookup]]:
        """The trigger rules switched on, built on first use (they read the model's verbs)."""
        if self._triggers is None:
            self._triggers = trigger_table(verb_index(self.model)).active(self.disabled)
        return self._triggers

    def __call__(self, extraction: Extraction, doc: Doc) -> Extraction:
        article = extraction.article
        lex = lexicon()
        index = SpanIndex(extraction)
        args: ArgumentFinder | None = None
        anchorer = time_anchorer(article, doc, index.times)
        parse = tree(doc)
        body = bisect_left(parse.offsets, article.body_start)  # the first token of the body
        events: list[Event] = []
        for trigger in find_triggers(parse.tokens[body:], lex, self.triggers, self.vetoes,
                                     parse.pos[body:]):
            if args is None:  # coreference costs a pass over the doc: only once it is needed
                args = ArgumentFinder(extraction, doc, self.disabled, index)
            roles = args.read(trigger)
            agents, targets = roles.agents, roles.targets
            place, spot = args.place(trigger)
            anchor = anchorer.anchor(trigger.token)
            factuality = self.factuality.classify(trigger.token)
            hypothetical = factuality in _HYPOTHETICAL
            typed = self.senses.sense(trigger, lex)
            events.append(Event(
                id=event_id(article.id, trigger.token.idx),
                type=typed.type,
                cameo=typed.cameo,
                label=trigger.label,
                timeml_class=typed.timeml,
                trigger=token_span([trigger.token]),
                agents=tuple(agents),
                targets=tuple(targets),
                recipients=tuple(roles.recipients),
                instruments=tuple(roles.instruments),
                place=place,
                participants=roles.participants + ((spot,) if spot is not None else ()),
                time=anchor.time,
                time_span=anchor.span,
                time_origin=anchor.origin if anchor.time is not None else None,
                negated=factuality in _NEGATIVE,
                factuality=factuality,
                confidence=_confidence(trigger, agents, targets, place, anchor.certainty,
                                       hypothetical),
                rule=trigger.rule,
            ))
        return extraction.extend(events=events)


@stage_factory("events", requires=("times", "places", "actors"), produces=("events",))
def events_stage(settings: Settings) -> Stage:
    """Build the events stage with the rules `settings.disabled_rules` leaves on."""
    return EventFinder(settings.disabled_rules, settings.model)


find_events = EventFinder()  # the stage with every rule on
