"""Event triggers: which words name an event, as two ordered rule tables.

`TRIGGERS` reads a word's CAMEO code from the lexicon (`events.toml`); the first rule that fires
on a word makes it a candidate and names it (`Event.rule`). `VETOES` then drop candidates that
are no events ("the attack helicopter", "released a statement"), each veto seeing the candidates
the earlier ones kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.common.budget import check
from kg.extract.common.rules import Rule, RuleTable
from kg.extract.events.lexicon import NOT_AN_EVENT, EventLexicon


@dataclass(frozen=True)
class Trigger:
    """A token that names an event: its CAMEO code, lexicon label and the rule that found it."""

    token: Token
    cameo: str
    label: str
    noun: bool
    rule: str


Lookup = Callable[[Token, EventLexicon], "tuple[str, str] | None"]  # -> (CAMEO code, label)
Veto = Callable[[Trigger, Sequence[Trigger], EventLexicon], bool]  # (candidate, candidates, lex)

# named-entity labels whose words are names, not events ("Human Rights Watch")
_NAME_LABELS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW", "PRODUCT"}
_VIOLENT_ROOTS = ("14", "18", "19", "20")


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _lemma(token: Token) -> str:
    return str(token.lemma_).lower()


def _phrases(token: Token, lex: EventLexicon) -> Iterator[tuple[str, str, str]]:
    """Yield the verb's listed phrases, (table, code, label), in lookup order: the verb with a
    particle, preposition or object ("pull back", "open fire"), then with its object ("impose
    curfew")."""
    lemma = _lemma(token)
    for part in _children(token, "prt", "prep", "dobj", "advmod"):
        key = f"{lemma} {_lemma(part)}"
        if key in lex.phrasal:
            yield "phrasal", lex.phrasal[key], key
    for obj in _children(token, "dobj", "nsubjpass"):
        key = f"{lemma} {_lemma(obj)}"
        if key in lex.objects:
            yield "objects", lex.objects[key], lemma


def _first_phrase(table: str) -> Lookup:
    def lookup(token: Token, lex: EventLexicon) -> tuple[str, str] | None:
        if token.pos_ != "VERB":
            return None
        for kind, code, label in _phrases(token, lex):
            if kind == table:
                return (code, label) if code != NOT_AN_EVENT else None
        return None

    return lookup


def _verb(token: Token, lex: EventLexicon) -> tuple[str, str] | None:
    code = lex.verbs.get(_lemma(token)) if token.pos_ == "VERB" else None
    return (code, _lemma(token)) if code not in (None, NOT_AN_EVENT) else None


def _noun(token: Token, lex: EventLexicon) -> tuple[str, str] | None:
    code = lex.nouns.get(_lemma(token)) if token.pos_ == "NOUN" else None
    return (code, _lemma(token)) if code not in (None, NOT_AN_EVENT) else None


TRIGGERS: RuleTable[Lookup] = RuleTable("events.trigger", [
    Rule("events.trigger.phrasal_verb", "a verb with a listed particle, preposition or object "
         "names an event the bare verb does not", _first_phrase("phrasal"),
         examples=("The rebels pulled back from the northern town.",),
         counter=("She pulled the heavy cart up the hill.",)),
    Rule("events.trigger.verb_object", "a verb with a listed object names a narrower event than "
         "the bare verb", _first_phrase("objects"),
         examples=("The governor imposed a curfew on the capital.",),
         counter=("The governor imposed his will.",)),
    Rule("events.trigger.verb", "a verb listed in the lexicon", _verb,
         examples=("Police arrested three journalists on Tuesday.",),
         counter=("The weather stayed pleasant all week.",)),
    Rule("events.trigger.noun", "an event noun listed in the lexicon", _noun,
         examples=("The invasion shocked the whole region.",),
         counter=("The committee published its annual budget.",)),
])


def _restated_verbs(found: Sequence[Trigger]) -> set[int]:
    return {t.token.i for t in found if not t.noun}


def _listed_not_an_event(trigger: Trigger, _found: Sequence[Trigger], lex: EventLexicon) -> bool:
    if trigger.noun:
        return False
    first = next(_phrases(trigger.token, lex), None)
    return first is not None and first[1] == NOT_AN_EVENT


VETOES: RuleTable[Veto] = RuleTable("events.veto", [
    Rule("events.veto.verb_modifier", "a verb that only helps another verb or is used as an "
         "adjective ('the besieged town')",
         lambda t, _f, _l: not t.noun and t.token.dep_ in ("aux", "auxpass", "amod"),
         examples=("The besieged town ran out of food.",),
         counter=("The army besieged the town for a month.",)),
    Rule("events.veto.compound", "an event noun modifying another noun ('attack helicopter')",
         lambda t, _f, _l: t.noun and t.token.dep_ == "compound",
         examples=("An attack helicopter circled over the harbour.",),
         counter=("The attack on the harbour lasted an hour.",)),
    Rule("events.veto.name", "a noun inside a name ('Human Rights Watch', 'the Peace Accord "
         "Monitoring Group')",
         lambda t, _f, _l: t.noun and t.token.ent_type_ in _NAME_LABELS,
         examples=("The Global Fund for Aid Assistance closed.",),
         counter=("The fund for aid and assistance closed.",)),
    Rule("events.veto.talk_singular", "'talk' is an event only as 'talks'",
         lambda t, _f, _l: t.noun and t.label == "talk" and t.token.tag_ != "NNS",
         examples=("There was loose talk of a merger in the office.",),
         counter=("The talks resumed in the capital on Monday.",)),
    Rule("events.veto.listed_phrase", "the lexicon lists the verb with this particle or object "
         "as no event ('released a statement', 'meet expectations')", _listed_not_an_event,
         examples=("The ministry released a statement late on Friday.",),
         counter=("The ministry released two prisoners late on Friday.",)),
    Rule("events.veto.restated_object", "an event noun that is the object of a verb trigger only "
         "restates its action ('signed a deal')",
         lambda t, f, _l: (t.noun and t.token.dep_ in ("dobj", "nsubjpass")
                           and t.token.head.i in _restated_verbs(f)),
         examples=("The neighbours signed a border deal in March.",),
         counter=("The neighbours celebrated the border deal in March.",)),
    Rule("events.veto.restated_by_clause", "an event noun whose participle clause is a verb "
         "trigger ('the deal signed in Paris') names that one event",
         lambda t, f, _l: t.noun and any(c.i in _restated_verbs(f) and c.dep_ == "acl"
                                         for c in t.token.children),
         examples=("The treaty signed in Paris ended the long war.",),
         counter=("The treaty ended the long war.",)),
])


def _refine(token: Token, cameo: str, lex: EventLexicon) -> str:
    """Narrow a violent code by its modifier: "air strike" 195, "chemical attack" 2041."""
    if not cameo.startswith(_VIOLENT_ROOTS):
        return cameo
    words = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
    for prep in _children(token, "prep"):
        if prep.lower_ == "with":
            for obj in _children(prep, "pobj"):
                words += [obj, *_children(obj, "compound", "amod")]
    for word in words:
        code = lex.modifiers.get(_lemma(word))
        if code is not None and (code.startswith("142") == cameo.startswith("14")):
            return code
    return cameo


def find_triggers(tokens: Iterable[Token], lex: EventLexicon, triggers: Sequence[Rule[Lookup]],
                  vetoes: Sequence[Rule[Veto]]) -> list[Trigger]:
    """Return the event triggers among the tokens, in text order: the first trigger rule that
    fires on a token makes it a candidate, and the vetoes drop candidates in table order."""
    found: list[Trigger] = []
    for token in tokens:
        check()  # the per-article time budget (kg.extract.common.budget)
        for rule in triggers:
            hit = rule.apply(token, lex)
            if hit is not None:
                found.append(Trigger(token, _refine(token, hit[0], lex), hit[1],
                                     token.pos_ == "NOUN", rule.name))
                break
    for veto in vetoes:
        kept = list(found)
        found = [t for t in kept if not veto.apply(t, kept, lex)]
    return found
