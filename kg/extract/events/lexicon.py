"""The event trigger lexicon: verb and event-noun lemmas mapped to CAMEO codes and PLOVER types.

The table lives in `events.toml`; this module only loads and queries it.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

PLOVER_TYPES = (
    "CONSULT", "AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
NOT_AN_EVENT = "-"


@dataclass(frozen=True)
class EventLexicon:
    """Trigger tables read from `events.toml` (see the comments there for the sources)."""

    cameo_to_plover: dict[str, str]
    verbs: dict[str, str]
    nouns: dict[str, str]
    phrasal: dict[str, str]
    objects: dict[str, str]
    modifiers: dict[str, str]

    def plover(self, cameo: str) -> str:
        """Return the PLOVER type of a CAMEO code: the entry of its longest listed prefix.

        Raises:
            KeyError: If no prefix of the code is listed.

        Examples:
            >>> lexicon().plover("0874")
            'RETREAT'
            >>> lexicon().plover("195")
            'ASSAULT'
        """
        for cut in range(len(cameo), 1, -1):
            if cameo[:cut] in self.cameo_to_plover:
                return self.cameo_to_plover[cameo[:cut]]
        raise KeyError(f"CAMEO code {cameo!r} has no PLOVER type; known roots: "
                       f"{sorted(self.cameo_to_plover)}")

    def codes(self) -> set[str]:
        """Return every CAMEO code the trigger tables use."""
        tables = (self.verbs, self.nouns, self.phrasal, self.objects, self.modifiers)
        return {code for table in tables for code in table.values() if code != NOT_AN_EVENT}


@functools.cache
def lexicon() -> EventLexicon:
    """Load the packaged event lexicon once."""
    text = resources.files("kg.extract.events").joinpath("events.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return EventLexicon(**{name: dict(data[name]) for name in (
        "cameo_to_plover", "verbs", "nouns", "phrasal", "objects", "modifiers")})
