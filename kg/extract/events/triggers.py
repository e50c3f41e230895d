"""Event triggers: which words name an event in TimeML's sense, as two ordered rule tables.

`TRIGGERS` first reads a word's CAMEO code from the political lexicon (`events.toml`), then takes
any other verb of a clause, listed event nouns, nominalisations of verbs and predicative states
(`eventive.toml`); the first rule that fires on a word makes it a candidate and names it
(`Event.rule`). `VETOES` then drop candidates that are no events ("the attack helicopter",
"released a statement", "according to"), each veto seeing the candidates the earlier ones kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.extract.common.budget import check
from kg.extract.common.rules import Rule, RuleTable
from kg.extract.common.tree import children as _children
from kg.extract.events.lexicon import NOT_AN_EVENT, EventLexicon


@dataclass(frozen=True, slots=True)
class Trigger:
    """A token that names an event: its CAMEO code ("" when the political lexicon has none),
    lexicon label and the rule that found it."""

    token: Token
    cameo: str
    label: str
    noun: bool
    rule: str


Lookup = Callable[[Token, EventLexicon], "tuple[str | None, str] | None"]  # -> (CAMEO, label)
Veto = Callable[[Trigger, Sequence[Trigger], EventLexicon], bool]  # (candidate, candidates, lex)

# named-entity labels whose words are names, not events ("Human Rights Watch")
_NAME_LABELS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW", "PRODUCT"}
_VIOLENT_ROOTS = ("14", "18", "19", "20")
# words that name a happening only as the head of a clause, never as a helper
_CLAUSE_DEPS = {"aux", "auxpass", "amod", "compound", "prep", "mark", "det", "nummod", "case"}
_PRED_DEPS = {"acomp", "oprd", "ROOT", "conj", "ccomp", "xcomp", "advcl"}
# the parts of speech some trigger rule takes (each rule tests its own first); a proper noun is a
# name, never a trigger
_EVENTIVE_POS = {"VERB", "NOUN", "ADJ"}
# participles that only name or place something ("a firm called Acme", "known as", "based in")
_NAMING = {"call", "know", "name", "dub", "title", "base", "headquarter", "locate", "situate",
           "entitle", "label", "nickname", "brand"}


_WHEN = frozenset({"DATE", "TIME"})


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _phrases(token: Token, lex: EventLexicon) -> tuple[tuple[str, str, str], ...]:
    """Return the verb's listed phrases, (table, code, label), in lookup order: the verb with a
    particle, preposition or object ("pull back", "open fire"), then with its object ("impose
    curfew"). Three trigger rules ask it of the same verb in turn: the answer for the token
    last asked about is kept."""
    last = _LAST_PHRASES.get()
    if last is not None and last[0] is token.doc and last[1] == token.i and last[2] is lex:
        return last[3]
    lemma = _lemma(token)
    found: list[tuple[str, str, str]] = []
    if lemma in lex.phrase_heads:  # most verbs begin no listed phrase
        for part in _children(token, "prt", "prep", "dobj", "advmod"):
            key = f"{lemma} {_lemma(part)}"
            if key not in lex.phrasal:
                continue
            if part.dep_ == "prep" and any(c.ent_type_ in _WHEN for c in part.children):
                continue  # a time's preposition is no particle: "fired Comey on Tuesday"
            found.append(("phrasal", lex.phrasal[key], key))
        for obj in _children(token, "dobj", "nsubjpass"):
            key = f"{lemma} {_lemma(obj)}"
            if key in lex.objects:
                found.append(("objects", lex.objects[key], lemma))
    phrases = tuple(found)
    _LAST_PHRASES.set((token.doc, token.i, lex, phrases))
    return phrases


_LAST_PHRASES: ContextVar[tuple[Doc, int, EventLexicon, tuple[tuple[str, str, str], ...]] | None] \
    = ContextVar("kg_last_phrases", default=None)


def _first_phrase(table: str) -> Lookup:
    def lookup(token: Token, lex: EventLexicon) -> tuple[str | None, str] | None:
        if token.pos_ != "VERB":
            return None
        for kind, code, label in _phrases(token, lex):
            if kind == table:
                return (code, label) if code != NOT_AN_EVENT else None
        return None

    return lookup


def _verb(token: Token, lex: EventLexicon) -> tuple[str | None, str] | None:
    code = lex.verbs.get(_lemma(token)) if token.pos_ == "VERB" else None
    if code in (None, NOT_AN_EVENT):
        return None
    phrases = _phrases(token, lex)  # "released a statement" is no CAMEO release
    first = phrases[0] if phrases else None
    return (code, _lemma(token)) if first is None or first[1] != NOT_AN_EVENT else None


def _noun(token: Token, lex: EventLexicon) -> tuple[str | None, str] | None:
    code = lex.nouns.get(_lemma(token)) if token.pos_ == "NOUN" else None
    return (code, _lemma(token)) if code not in (None, NOT_AN_EVENT) else None


def _clause_verb(token: Token, _lex: EventLexicon) -> tuple[str | None, str] | None:
    if token.pos_ != "VERB" or token.dep_ in _CLAUSE_DEPS:
        return None
    return None, _lemma(token)


def _event_noun(token: Token, lex: EventLexicon) -> tuple[str | None, str] | None:
    lemma = _lemma(token)
    return (None, lemma) if token.pos_ == "NOUN" and lemma in lex.event_nouns else None


def _stems(word: str, suffix: str) -> Iterator[str]:
    """Yield the verbs a nominalisation may come from: "delivery" -> "deliver", "closure" ->
    "close", "bidding" -> "bid", "decision" -> "decide", "suspension" -> "suspend"."""
    base = word[:-len(suffix)]
    yield from (base, base + "e")
    if len(base) > 2 and base[-1] == base[-2]:
        yield base[:-1]  # a doubled consonant: "bidding", "occurrence"
    if suffix == "tion":
        yield word[:-3] + "e"  # "production" -> "produce", "creation" -> "create"
        yield word[:-3]  # "election" -> "elect"
        yield from (word[:-5], word[:-5] + "e", word[:-6])  # "cancellation", "organisation"
    if suffix == "sion":
        yield from (base + "de", base + "d", base + "t")  # decide, suspend, admit-like
    if suffix == "ery":
        yield word[:-1]  # "delivery" -> "deliver"


def nominal_verb(lemma: str, lex: EventLexicon, verbs: frozenset[str]) -> str | None:
    """Return the verb a noun lemma is a nominalisation of, if it is one and is no listed
    non-event ("station", "government").

    Examples:
        >>> from kg.extract.events.lexicon import lexicon
        >>> verbs = frozenset({"deliver", "close", "bid", "announce", "state"})
        >>> [nominal_verb(w, lexicon(), verbs) for w in ("delivery", "closure", "bidding")]
        ['deliver', 'close', 'bid']
        >>> nominal_verb("station", lexicon(), verbs) is None
        True
    """
    if lemma in lex.not_nominal:
        return None
    for suffix in lex.suffixes:
        if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
            for stem in _stems(lemma, suffix):
                if stem in verbs:
                    return stem
    return None


def _nominalisation(verbs: frozenset[str]) -> Lookup:
    # the answer for a lemma, kept for the lexicon last asked with (the suffix and stem tests
    # are the same for every noun of one lemma; an article repeats its nouns)
    known: list[tuple[EventLexicon, dict[str, bool]]] = []

    def lookup(token: Token, lex: EventLexicon) -> tuple[str | None, str] | None:
        if token.pos_ != "NOUN" or token.is_upper:
            return None
        lemma = _lemma(token)
        if not known or known[0][0] is not lex:
            known[:] = [(lex, {})]
        answers = known[0][1]
        nominal = answers.get(lemma)
        if nominal is None:
            nominal = answers[lemma] = nominal_verb(lemma, lex, verbs) is not None
        return (None, lemma) if nominal else None

    return lookup


def _predicate_state(token: Token, lex: EventLexicon) -> tuple[str | None, str] | None:
    lemma = _lemma(token)
    if token.pos_ != "ADJ" or token.dep_ not in _PRED_DEPS:
        return None
    return (None, lemma) if lex.timeml_class(lemma) == "STATE" else None


def trigger_table(verbs: frozenset[str] = frozenset()) -> RuleTable[Lookup]:
    """Return the trigger rules, the nominalisation rule reading the given verb lemmas."""
    return RuleTable("events.trigger", [*_POLITICAL, *_eventive(verbs)])


_POLITICAL: list[Rule[Lookup]] = [
    Rule("events.trigger.phrasal_verb", "a verb with a listed particle, preposition or object "
         "names an event the bare verb does not", _first_phrase("phrasal"),
         examples=("The rebels pulled back from the northern town.",),
         counter=("She pulled the heavy cart up the hill.",
                  "Trump fired James Comey on Tuesday.")),
    Rule("events.trigger.verb_object", "a verb with a listed object names a narrower event than "
         "the bare verb", _first_phrase("objects"),
         examples=("The governor imposed a curfew on the capital.",),
         counter=("The governor imposed his will.",)),
    Rule("events.trigger.verb", "a verb listed in the lexicon, unless listed with this particle "
         "or object as no political event ('released a statement', 'meet expectations')", _verb,
         examples=("Police arrested three journalists on Tuesday.",),
         counter=("The weather stayed pleasant all week.",
                  "The ministry released a statement late on Friday.")),
    Rule("events.trigger.noun", "an event noun listed in the lexicon", _noun,
         examples=("The invasion shocked the whole region.",),
         counter=("The committee published its annual budget.",)),
]


def _eventive(verbs: frozenset[str]) -> list[Rule[Lookup]]:
    return [
        Rule("events.trigger.clause_verb", "any other verb that heads a clause reports a "
             "happening (TimeML: occurrences, reporting, aspectual, I_ACTION, I_STATE)",
             _clause_verb,
             examples=("Airbus delivered the first plane to the airline.",
                       "The company said profits would rise."),
             counter=("The existing plant is old.",)),
        Rule("events.trigger.event_noun", "a noun of the event-noun list ('bankruptcy', "
             "'storm', 'election', 'lay-off')", _event_noun,
             examples=("The storm hit the coast.", "The bankruptcy shocked investors."),
             counter=("The building hit the headlines.",)),
        Rule("events.trigger.nominalisation", "a noun made from a verb ('delivery', "
             "'announcement', 'closure', 'bidding') names that verb's event",
             _nominalisation(verbs),
             examples=("The cancellation surprised the passengers.",),
             counter=("The station surprised the passengers.",)),
        Rule("events.trigger.predicate_state", "a predicative adjective of a listed state "
             "('the firm is insolvent', 'he was unable to attend')", _predicate_state,
             examples=("The carmaker was insolvent by March.",),
             counter=("The red carmaker was small.",)),
    ]


TRIGGERS: RuleTable[Lookup] = trigger_table()
# the one part of speech each trigger rule takes (its first test); a rule not named takes any
TRIGGER_POS = {"events.trigger.phrasal_verb": "VERB", "events.trigger.verb_object": "VERB",
           "events.trigger.verb": "VERB", "events.trigger.noun": "NOUN",
           "events.trigger.clause_verb": "VERB", "events.trigger.event_noun": "NOUN",
           "events.trigger.nominalisation": "NOUN", "events.trigger.predicate_state": "ADJ"}


_CLITICS = frozenset({"'s", "'re", "'m", "'ll", "'ve", "'d", "n't"})  # ’ read as '


def _restated_verbs(found: Sequence[Trigger]) -> set[int]:
    """Return the positions of the verb triggers with a CAMEO code among the candidates (kept
    for the candidate list last asked about: a veto asks it of the same list for each noun)."""
    last = _LAST_RESTATED.get()
    if last is not None and last[0] is found and last[1] == len(found):
        return last[2]
    verbs = {t.token.i for t in found if not t.noun and t.cameo}
    _LAST_RESTATED.set((found, len(found), verbs))
    return verbs


_LAST_RESTATED: ContextVar[tuple[Sequence[Trigger], int, set[int]] | None] = ContextVar(
    "kg_last_restated", default=None)


VETOES: RuleTable[Veto] = RuleTable("events.veto", [
    Rule("events.veto.no_word", "a trigger with no letter is punctuation the parse read as a "
         "verb (a dash: 'Trump’s absurd ― and dangerous ― remarks')",
         lambda t, _f, _l: not any(ch.isalpha() for ch in t.token.text),
         examples=("We compiled a list of Trump’s absurd ― and dangerous ― anti-Latino "
                   "remarks.",),
         counter=("We compiled a list of his remarks.",)),
    Rule("events.veto.clitic", "a contracted 'is', 'are', 'am', 'will', 'have' or 'not' "
         "the parse read as a verb ('that’s a surefire ticket', 'we’re losing') is no event",
         lambda t, _f, _l: not t.noun and t.token.lower_.replace("’", "'") in _CLITICS,
         examples=("Still, it’s interesting to reflect on the turn of events.",),
         counter=("Still, the senator reflected on the turn of events.",)),
    Rule("events.veto.verb_modifier", "a verb that only helps another verb or is used as an "
         "adjective ('the besieged town')",
         lambda t, _f, _l: not t.noun and t.token.dep_ in ("aux", "auxpass", "amod"),
         examples=("The besieged town ran out of food.",),
         counter=("The army besieged the town for a month.",)),
    Rule("events.veto.going_to", "'going to' only marks the future of the verb it governs",
         lambda t, _f, _l: not t.noun and t.label == "go" and t.token.tag_ == "VBG"
         and any(c.dep_ == "xcomp" for c in t.token.children),
         examples=("Prices are going to rise next year.",),
         counter=("Prices are going up next year.",)),
    Rule("events.veto.naming_participle", "a participle that names or places a thing ('a firm "
         "called Acme', 'known as', 'based in Paris')",
         lambda t, _f, _l: not t.noun and t.label in _NAMING and t.token.dep_ == "acl"
         and t.token.tag_ == "VBN",
         examples=("A firm called Acme bought the plant.",),
         counter=("The firm was called to testify.",)),
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
    Rule("events.veto.restated_object", "an event noun that is the object of a verb trigger only "
         "restates its action ('signed a deal')",
         lambda t, f, _l: (t.noun and t.token.dep_ in ("dobj", "nsubjpass")
                           and t.token.head.i in _restated_verbs(f)),
         examples=("The neighbours signed a border deal in March.",),
         counter=("The neighbours celebrated the border deal in March.",)),
    Rule("events.veto.restated_by_clause", "an event noun whose participle clause is a verb "
         "trigger ('the deal signed in Paris') names that one event",
         lambda t, f, _l: t.noun and any(c.dep_ == "acl" and c.i in _restated_verbs(f)
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
                  vetoes: Sequence[Rule[Veto]], tags: Iterable[str] | None = None
                  ) -> list[Trigger]:
    """Return the event triggers among the tokens, in text order: the first trigger rule that
    fires on a token makes it a candidate, and the vetoes drop candidates in table order.
    `tags` are the tokens' parts of speech, when known (`tree(doc).pos`: each `Token.pos_`
    decodes a new string, and most words are none of a trigger's)."""
    found: list[Trigger] = []
    # each part of speech tries only the rules that take it (the rest test it first and fail)
    by_pos = {pos: [r for r in triggers if TRIGGER_POS.get(r.name, pos) == pos]
              for pos in _EVENTIVE_POS}
    if tags is None:
        tokens = list(tokens)
        tags = [token.pos_ for token in tokens]
    for token, pos in zip(tokens, tags, strict=True):
        check()  # the per-article time budget (kg.extract.common.budget)
        if pos not in _EVENTIVE_POS:
            continue
        for rule in by_pos[pos]:
            hit = rule.apply(token, lex)
            if hit is not None:
                found.append(Trigger(token, _refine(token, hit[0] or "", lex), hit[1],
                                     pos == "NOUN", rule.name))
                break
    for veto in vetoes:
        kept = list(found)
        found = [t for t in kept if not veto.apply(t, kept, lex)]
    return found
