"""The attribution cue lexicon: speech, thought and request verbs, and media words."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class SpeechLexicon:
    """Cue tables read from `speech.toml`."""

    clause_verbs: frozenset[str]
    object_verbs: frozenset[str]
    request_verbs: frozenset[str]
    media_words: frozenset[str]
    relay_verbs: frozenset[str]
    infinitive_verbs: frozenset[str]
    as_verbs: frozenset[str]
    view_verbs: frozenset[str]
    announced_verbs: frozenset[str]
    prep_cues: frozenset[str]
    not_speakers: frozenset[str]
    noun_cues: frozenset[str]
    copular_nouns: frozenset[str]
    noun_preps: frozenset[str]
    light_verbs: frozenset[str]
    light_nouns: frozenset[str]
    raising_verbs: frozenset[str]
    meeting_verbs: frozenset[str]
    speech_products: frozenset[str]
    attitude_adjectives: frozenset[str]
    attitude_preps: frozenset[str]
    unsourced_nouns: frozenset[str]
    stance_nouns: frozenset[str]
    stance_verbs: frozenset[str]
    survey_nouns: frozenset[str]
    inquiry_nouns: frozenset[str]
    fault_verbs: frozenset[str]
    receiving_verbs: frozenset[str]
    reaction_nouns: frozenset[str]
    view_nouns: frozenset[str]
    issuing_verbs: frozenset[str]
    issued_things: frozenset[str]

    def is_cue(self, lemma: str) -> bool:
        """Return whether a verb lemma can report speech, thought or a request, alone, with a
        preposition ("focus on") or as blame with a reason ("knocked X on Y").

        Examples:
            >>> speech_lexicon().is_cue("say"), speech_lexicon().is_cue("swim")
            (True, False)
        """
        return self.is_cue_alone(lemma) or lemma in self.prep_verbs or lemma in self.fault_verbs

    def is_cue_alone(self, lemma: str) -> bool:
        """Return whether a verb lemma is a cue without a preposition ("say", not "focus")."""
        return any(lemma in table for table in (
            self.clause_verbs, self.object_verbs, self.request_verbs, self.infinitive_verbs))

    @functools.cached_property
    def copula_cue_nouns(self) -> frozenset[str]:
        """Return the nouns whose copula can give a clause as content ("X's answer was that")."""
        return self.noun_cues | self.light_nouns | self.unsourced_nouns | self.copular_nouns

    @functools.cached_property
    def attitude_prep_adjectives(self) -> frozenset[str]:
        """Return the adjectives of the adjective + preposition attitudes ("critical")."""
        return frozenset(cue.split()[0] for cue in self.attitude_preps)

    @functools.cached_property
    def prep_verbs(self) -> frozenset[str]:
        """Return the verbs of the verb + preposition cues."""
        return frozenset(cue.split()[0] for cue in self.prep_cues)


@functools.cache
def speech_lexicon() -> SpeechLexicon:
    """Load the packaged speech cue lexicon once."""
    text = resources.files("kg.extract.statements").joinpath("speech.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return SpeechLexicon(**{name: frozenset(w.lower() for w in values)
                            for name, values in data.items()})
