"""The event trigger lexicons: CAMEO codes of political verbs and nouns (`events.toml`), what else
is an event in TimeML's sense and its TimeML class (`eventive.toml`), and the news event class of
a lemma (`classes.toml`). This module only loads and queries them.
"""

from __future__ import annotations

import functools
import logging
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.lookups import Lookups

PLOVER_TYPES = (
    "CONSULT", "AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
TIMEML_CLASSES = ("OCCURRENCE", "REPORTING", "PERCEPTION", "ASPECTUAL", "I_ACTION", "I_STATE",
                  "STATE")
NOT_AN_EVENT = "-"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Evidence:
    """What a listed class needs to hold (`classes.toml` [[evidence]]): a word or an entity
    type among the trigger's arguments or in its sentence."""

    classes: frozenset[str]
    scope: str  # "arguments" or "sentence"
    words: frozenset[str]
    entities: frozenset[str] = frozenset()
    lemmas: frozenset[str] = frozenset()  # empty: every lemma of the classes
    otherwise: str | None = None  # the class without it; None: the TimeML class's general one


@dataclass(frozen=True)
class EventLexicon:
    """Trigger tables read from `events.toml`, `eventive.toml` and `classes.toml` (see the
    comments there for the sources)."""

    cameo_to_plover: dict[str, str]
    verbs: dict[str, str]
    nouns: dict[str, str]
    phrasal: dict[str, str]
    objects: dict[str, str]
    modifiers: dict[str, str]
    event_nouns: frozenset[str] = frozenset()
    suffixes: tuple[str, ...] = ()
    not_nominal: frozenset[str] = frozenset()
    timeml: dict[str, str] | None = None  # lemma -> TimeML class (first list that holds it)
    classes: dict[str, str] | None = None  # lemma -> news event class
    evidence: tuple[Evidence, ...] = ()

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

    @functools.cached_property
    def phrase_heads(self) -> frozenset[str]:
        """Return every word a listed phrase (`phrasal`, `objects`) begins with: what comes
        before a space in one of their keys ("pull" of "pull back").

        Examples:
            >>> "pull" in lexicon().phrase_heads, "zzz" in lexicon().phrase_heads
            (True, False)
        """
        return frozenset(key[:at] for key in (*self.phrasal, *self.objects)
                         for at, ch in enumerate(key) if ch == " ")

    def codes(self) -> set[str]:
        """Return every CAMEO code the trigger tables use."""
        tables = (self.verbs, self.nouns, self.phrasal, self.objects, self.modifiers)
        return {code for table in tables for code in table.values() if code != NOT_AN_EVENT}

    def timeml_class(self, lemma: str) -> str:
        """Return the TimeML class a lemma names, OCCURRENCE when no list holds it.

        Examples:
            >>> lexicon().timeml_class("say"), lexicon().timeml_class("merge")
            ('REPORTING', 'OCCURRENCE')
        """
        return (self.timeml or {}).get(lemma, "OCCURRENCE")


def _read(name: str) -> dict[str, object]:
    return tomllib.loads(resources.files("kg.extract.events").joinpath(name).read_text("utf-8"))


def _first_list(table: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, words in table.items():
        for word in words:
            out.setdefault(word, key)
    return out


@functools.cache
def lexicon() -> EventLexicon:
    """Load the packaged event lexicons once."""
    cameo = _read("events.toml")
    eventive = _read("eventive.toml")
    classes = _read("classes.toml")
    nouns, morph = eventive["nouns"], eventive["morphology"]
    assert isinstance(nouns, dict) and isinstance(morph, dict)
    timeml = eventive["timeml"]
    assert isinstance(timeml, dict)
    lemmas = classes["lemmas"]
    assert isinstance(lemmas, dict)
    return EventLexicon(
        **{name: dict(cameo[name]) for name in (  # type: ignore[call-overload]
            "cameo_to_plover", "verbs", "nouns", "phrasal", "objects", "modifiers")},
        event_nouns=frozenset(nouns["events"]), suffixes=tuple(morph["suffixes"]),
        not_nominal=frozenset(morph["not_events"]), timeml=_first_list(timeml),
        classes=_first_list(lemmas), evidence=_evidences(classes.get("evidence", [])))


def _evidences(entries: object) -> tuple[Evidence, ...]:
    if not isinstance(entries, list):
        raise ValueError(f"classes.toml: [[evidence]] must be a list of tables, not {entries!r}")
    return tuple(_evidence(e) for e in entries)


def _evidence(entry: object) -> Evidence:
    if not isinstance(entry, dict) or entry.get("scope") not in ("arguments", "sentence"):
        raise ValueError(f"classes.toml: bad [[evidence]] entry {entry!r} (scope: arguments "
                         "or sentence)")
    return Evidence(classes=frozenset(entry["classes"]), scope=entry["scope"],
                    words=frozenset(entry["words"]), entities=frozenset(entry.get("entities", ())),
                    lemmas=frozenset(entry.get("lemmas", ())), otherwise=entry.get("otherwise"))


@functools.cache
def verb_index(model: str) -> frozenset[str]:
    """Return the verb lemmas of the spaCy model's lemmatizer tables (its `lemma_index`), read
    from the installed package or model folder; empty, with a warning, if it has none."""
    import spacy.util

    folder = Path(model) if Path(model).is_dir() else spacy.util.get_package_path(model)
    found = sorted(folder.glob("**/lemmatizer/lookups/lookups.bin"))
    if not found:
        _log.warning("model %r has no lemmatizer lookups; no nominalisation triggers", model)
        return frozenset()
    lookups = Lookups().from_disk(found[0].parent)
    if not lookups.has_table("lemma_index"):
        _log.warning("model %r has no lemma_index table; no nominalisation triggers", model)
        return frozenset()
    return frozenset(lookups.get_table("lemma_index")["verb"])
