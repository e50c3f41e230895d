"""The attribution cue lexicon: speech, thought and request verbs, and media words."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class SpeechLexicon:
    """Cue tables read from `lexicons/speech.toml`."""

    clause_verbs: frozenset[str]
    object_verbs: frozenset[str]
    request_verbs: frozenset[str]
    call_preps: frozenset[str]
    media_words: frozenset[str]
    relay_verbs: frozenset[str]

    def is_cue(self, lemma: str) -> bool:
        """Return whether a verb lemma can report speech, thought or a request.

        Examples:
            >>> speech_lexicon().is_cue("say"), speech_lexicon().is_cue("walk")
            (True, False)
        """
        return lemma in self.clause_verbs or lemma in self.object_verbs or lemma in self.request_verbs


@functools.cache
def speech_lexicon() -> SpeechLexicon:
    """Load the packaged speech cue lexicon once."""
    text = resources.files("kg.extract").joinpath("lexicons/speech.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return SpeechLexicon(**{name: frozenset(w.lower() for w in values)
                            for name, values in data.items()})
