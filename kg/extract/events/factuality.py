"""How real the text makes an event (GRaSP/FactBank spirit): asserted, negated, possible,
planned, demanded, ruled out, or reported by someone.

`FACTUALITY` is an ordered table of named cues; the first whose test fires on the trigger gives
its value, and an event no cue fires on is asserted. A cue looks at the trigger and the clause
around it: its own negation and auxiliaries, the verb or noun it depends on ("urged Turkey to
withdraw", "a plan to bail out"), a condition ("if talks fail"). In examples and counter-examples
the trigger is the word in [brackets].

A cue says what a trigger must have for it to fire (`Rule.needs`, in the words of `cue_shape`:
"verb" for a verb or auxiliary trigger and "other" for any other, "as:" and the trigger's own
label, the labels of its dependents); `Cues` tries a cue only on a trigger that has all the words
of one of its needs. A need may say less than the cue tests, never more
(tests/extract/events/test_event_rules.py holds every cue to it on every word of the examples).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.common.anchor import clause_head
from kg.extract.common.rules import Rule, RuleTable
from kg.extract.common.tree import children as _deps
from kg.extract.common.tree import dep, labels, per_token
from kg.extract.common.tree import head as head_of
from kg.model import Factuality

_FUTURE = {"will", "wo", "shall", "'ll"}
_MODAL = {"may", "might", "could", "can", "should", "must", "ca"}
_REFUSE = {"refuse", "reject", "deny", "decline", "veto", "rule", "dismiss", "rebuff"}
_ALLOW = {"allow", "let", "permit", "accept", "tolerate"}
_DEMAND = {"call", "urge", "demand", "ask", "appeal", "press", "request", "insist", "order",
           "push", "command", "instruct", "plead", "beg", "encourage", "advise", "invite"}
_PLAN = {"plan", "intend", "aim", "prepare", "schedule", "agree", "decide", "promise", "vow",
         "pledge", "threaten", "seek", "want", "hope", "expect", "set", "due", "propose",
         "offer", "consider", "mull", "weigh"}
_PLAN_NOUNS = {"plan", "proposal", "threat", "bid", "intention", "pledge", "promise", "offer",
               "decision", "agreement", "deal", "call", "demand", "ultimatum", "request",
               "appeal", "order"}
_DEMAND_NOUNS = {"call", "demand", "ultimatum", "request", "appeal", "order"}
_ANNOUNCE = {"announce", "unveil", "outline", "propose", "detail"}
_POSSIBLE = {"possible", "likely", "unlikely", "probable", "may", "perhaps", "possibly",
             "probably", "reportedly", "allegedly", "potential", "potentially"}
_CONDITION = {"if", "unless", "whether"}
_SPEECH = {"say", "tell", "claim", "report", "allege", "believe", "think", "add", "state",
           "announce", "confirm", "suggest", "insist", "warn", "accuse", "argue", "explain",
           "write", "note", "acknowledge", "admit", "estimate", "fear", "suspect", "predict"}
_COMPLEMENT = ("pobj", "prep", "dobj", "xcomp", "ccomp", "acl", "pcomp", "attr", "oprd",
               "nsubjpass")
# verbs whose "to" complement happened (or did not): "managed to", "began to", "failed to"
_IMPLICATIVE = {"manage", "fail", "begin", "start", "continue", "try", "attempt", "stop",
                "cease", "help", "use", "seem", "appear", "happen", "tend", "come", "get",
                "go", "dare", "bother", "forget", "remember", "neglect", "resume", "keep"}
_LIGHT = {"launch", "carry", "conduct", "stage", "mount", "hold", "wage", "make", "take",
          "give", "have", "reach", "sign", "issue", "impose", "begin", "start"}


@per_token
def _verb(trigger: Token) -> Token:
    """Return the verb whose auxiliaries and negation speak for the trigger: the trigger itself
    if it is a verb, the verb of its clause otherwise ("launched an [attack]")."""
    return trigger if trigger.pos_ in ("VERB", "AUX") else clause_head(trigger)


@per_token
def _governor(trigger: Token) -> Token | None:
    """Return the word the trigger's clause (or noun phrase) is a complement of: "urged" in
    "urged Turkey to [withdraw]", "call" in "a call for a [ceasefire]", "plan" in "a plan to
    [bail]". A conjunct has its first conjunct's governor; a subject, a relative or adverbial
    clause is no complement and has none."""
    token = trigger
    while (up := head_of(token)).i != token.i:
        label = dep(token)
        if label == "conj":
            token = up
            continue
        if label not in _COMPLEMENT:
            return None
        token = up
        if token.pos_ in ("VERB", "NOUN", "ADJ", "AUX") and not _light(token, trigger):
            return token
    return None


def _light(word: Token, trigger: Token) -> bool:
    """Tell whether `word` is a light verb carrying a noun trigger ("launched an attack")."""
    return trigger.pos_ == "NOUN" and word.lemma_ in _LIGHT and head_of(trigger).i == word.i


@per_token
def _negated(verb: Token) -> bool:
    return bool(_deps(verb, "neg")) or any(c.lower_ in ("never", "no")
                                           for c in _deps(verb, "advmod", "det"))


@per_token
def _auxes(verb: Token) -> frozenset[str]:
    return frozenset(a.lower_ for a in _deps(verb, "aux", "auxpass"))


def ruled_out(trigger: Token) -> bool:
    """A negated future or permission, or a refusal or denial governing the trigger."""
    verb = _verb(trigger)
    if _negated(verb) and _auxes(verb) & (_FUTURE | {"would", "can", "ca", "could"}):
        return True
    head = _governor(trigger)
    if head is None:
        return False
    if head.lemma_ in _ALLOW and _negated(head):
        return True
    return head.lemma_ in _REFUSE and head.pos_ == "VERB"


def negated(trigger: Token) -> bool:
    """Negation of the trigger's own clause, "no" before a noun trigger, or "not" on the verb a
    noun trigger is the object of ("did not launch an [attack]")."""
    if _negated(trigger) or any(c.lower_ in ("no", "without") for c in _deps(trigger, "det")):
        return True
    if trigger.pos_ == "NOUN" and dep(trigger) == "dobj" and head_of(trigger).lemma_ in _LIGHT:
        return _negated(head_of(trigger))
    if trigger.pos_ == "NOUN" and dep(trigger) == "pobj" and head_of(trigger).lower_ == "without":
        return True
    return dep(trigger) == "xcomp" and _negated(head_of(trigger))


def conditional(trigger: Token) -> bool:
    """A clause marked "if"/"unless", or one whose condition is such a clause."""
    verb = _verb(trigger)
    if any(m.lower_ in _CONDITION for m in _deps(verb, "mark")):
        return True
    return any(m.lower_ in _CONDITION for c in _deps(verb, "advcl") for m in _deps(c, "mark"))


def demanded(trigger: Token) -> bool:
    """A demand, call, request or order governs the trigger."""
    head = _governor(trigger)
    if head is None:
        return False
    return head.lemma_ in (_DEMAND if head.pos_ == "VERB" else _DEMAND_NOUNS)


def future(trigger: Token) -> bool:
    """Future tense: "will", "shall", "is going to", "is to", or "would" reporting a future
    ("he said he would [meet] them next Friday")."""
    verb = _verb(trigger)
    auxes = _auxes(verb)
    if auxes & _FUTURE:
        return True
    head = _governor(trigger)
    if "would" in auxes:
        return head is not None and head.lemma_ in _SPEECH
    if dep(verb) == "xcomp" and head_of(verb).lower_ == "going":
        return True
    return dep(verb) == "xcomp" and head_of(verb).lemma_ == "be"


def intended(trigger: Token) -> bool:
    """A plan, intention, threat, promise or decision governs the trigger, or an announcement
    has it as its object ("announced 10,000 job [cuts]")."""
    head = _governor(trigger)
    if head is None:
        return False
    if trigger.pos_ == "NOUN" and dep(trigger) == "dobj" and head.lemma_ in _ANNOUNCE:
        return True
    if head.pos_ == "NOUN":
        return head.lemma_ in _PLAN_NOUNS
    return head.lemma_ in _PLAN


def infinitive(trigger: Token) -> bool:
    """A "to" clause names an event still to come after the one it hangs on ("signed a contract
    to [supply] 14 aircraft"), unless its verb says it happened ("managed to [land]")."""
    if trigger.pos_ != "VERB" or not any(a.tag_ == "TO" for a in _deps(trigger, "aux")):
        return False
    head = _governor(trigger) or head_of(trigger)
    return head.lemma_ not in _IMPLICATIVE


def modal(trigger: Token) -> bool:
    """A modal auxiliary or an adverb or adjective of possibility on the trigger's clause."""
    verb = _verb(trigger)
    if _auxes(verb) & (_MODAL | {"would"}):
        return True
    words = [*_deps(verb, "advmod", "acomp"), *_deps(trigger, "amod", "advmod")]
    return any(w.lower_ in _POSSIBLE for w in words)


def reported(trigger: Token) -> bool:
    """The trigger's clause is what a speech or cognitive verb reports ("officials said the
    army [shelled] the town")."""
    head = _governor(trigger)
    while head is not None and head.pos_ != "VERB":
        head = _governor(head)
    return head is not None and head.lemma_ in _SPEECH and bool(_deps(head, "nsubj"))


@dataclass(frozen=True)
class Cue:
    """A factuality cue: the value it gives and the test on the trigger token."""

    value: Factuality
    test: Callable[[Token], bool]


def cue_shape(trigger: Token) -> frozenset[str]:
    """Return the words a cue's `needs` are written in that hold of a trigger: "verb" (a verb
    or an auxiliary, whose own auxiliaries and negation the cues read) or "other" (whose
    clause's verb they read), "as:" and its own label, and the labels of its dependents."""
    return frozenset(("verb" if trigger.pos_ in ("VERB", "AUX") else "other",
                      "as:" + dep(trigger), *labels(trigger)))


# a trigger has a governor (`_governor`) only as a complement or a conjunct
_GOVERNED = tuple(f"as:{label}" for label in ("conj", *_COMPLEMENT))

FACTUALITY: RuleTable[Cue] = RuleTable("events.factuality", [
    Rule("events.factuality.ruled_out", "a negated future or permission, a refusal or denial "
         "rules the event out",
         Cue("ruled_out", ruled_out),
         examples=("We will not allow the [destruction] of property.",
                   "Turkey refused to [withdraw] its troops.",
                   "The army won't [retreat] from the city."),
         counter=("Turkey [withdrew] its troops.", "The army did not [retreat]."),
         needs=("other", *(f"verb {n} {a}" for n in ("neg", "advmod", "det")
                            for a in ("aux", "auxpass")), *_GOVERNED)),
    Rule("events.factuality.negated", "the text says the event did not happen",
         Cue("negated", negated),
         examples=("The army did not [retreat].", "There was no [attack] on the town.",
                   "The rebels never [attacked] the base."),
         counter=("The army [retreated].",),
         needs=("neg", "advmod", "det", "as:dobj", "as:pobj", "as:xcomp")),
    Rule("events.factuality.conditional", "an event under a condition may happen",
         Cue("possible", conditional),
         examples=("If talks fail, the army would [attack] the town.",
                   "The rebels will withdraw if the army [stops] shelling."),
         counter=("The army [attacked] the town after talks failed.",),
         needs=("other", "verb mark", "verb advcl")),
    Rule("events.factuality.demanded", "a call, demand or request for the event",
         Cue("demanded", demanded),
         examples=("The UN urged Turkey to [withdraw] its troops.",
                   "Protesters called for a [ceasefire].",
                   "The council demanded the [release] of the prisoners."),
         counter=("Turkey [withdrew] its troops.",),
         needs=_GOVERNED),
    Rule("events.factuality.future", "future tense: the event is to come",
         Cue("planned", future),
         examples=("Turkey will [withdraw] its troops.",
                   "The minister said he would [meet] youth leaders next Friday.",
                   "The company is going to [close] the plant."),
         counter=("Turkey [withdrew] its troops.",),
         needs=("other", "verb aux", "verb auxpass", "verb as:xcomp")),
    Rule("events.factuality.intended", "a plan, intention, threat or promise of the event",
         Cue("planned", intended),
         examples=("Airbus plans to [deliver] the first A380 in October.",
                   "The rebels threatened to [attack] the capital.",
                   "A plan to [bail] out the carmakers failed.",
                   "Airbus announced 10,000 job [cuts]."),
         counter=("Airbus [delivered] the first A380.",),
         needs=_GOVERNED),
    Rule("events.factuality.infinitive", "a 'to' clause tells of an event still to come",
         Cue("planned", infinitive),
         examples=("The consortium signed a contract to [supply] 14 aircraft.",
                   "Studios are in talks to [settle] on prices."),
         counter=("The pilot managed to [land] the plane.",
                  "The army [shelled] the town."),
         needs=("verb aux",)),
    Rule("events.factuality.modal", "a modal or an adverb of possibility: the event may happen",
         Cue("possible", modal),
         examples=("The strike could [spread] to other cities.",
                   "The talks may [collapse].", "The bank would [lose] money."),
         counter=("The strike [spread] to other cities.",),
         needs=("other", "aux", "auxpass", "advmod", "acomp", "amod")),
    Rule("events.factuality.reported", "a speech or cognitive verb with a speaker reports the "
         "event: true as someone tells it",
         Cue("reported", reported),
         examples=("Officials said the army [shelled] the town.",
                   "Analysts believe the company [lost] money."),
         counter=("The army [shelled] the town.", "Officials [said] the army shelled the town."),
         needs=_GOVERNED),
])


class Cues:
    """The factuality cues switched on, and for each shape of trigger (`cue_shape`) those whose
    `needs` it meets, in table order: worked out once per shape, which many triggers share
    (most triggers are asserted, so every cue is tried on them; most need a dependent, an
    auxiliary or a label the trigger lacks)."""

    def __init__(self, rules: Sequence[Rule[Cue]] = FACTUALITY.rules) -> None:
        self.rules = tuple(rules)
        self._fits: dict[tuple[bool, str, tuple[str, ...]], tuple[Rule[Cue], ...]] = {}

    def fit(self, trigger: Token) -> tuple[Rule[Cue], ...]:
        """Return the cues that may fire on `trigger`."""
        key = (trigger.pos_ in ("VERB", "AUX"), dep(trigger), tuple(labels(trigger)))
        found = self._fits.get(key)
        if found is None:
            has = cue_shape(trigger)
            found = self._fits[key] = tuple(rule for rule in self.rules if rule.meets(has))
        return found

    def classify(self, trigger: Token) -> Factuality:
        """Return the factuality of the event a trigger names, as `classify` does."""
        return classify(trigger, self.fit(trigger))


def classify(trigger: Token, rules: Collection[Rule[Cue]] = FACTUALITY.rules) -> Factuality:
    """Return the factuality of the event a trigger names: the value of the first cue that
    fires, else "asserted"."""
    for rule in rules:
        if rule.apply.test(trigger):
            return rule.apply.value
    return "asserted"


def firing(trigger: Token, rules: Collection[Rule[Cue]] = FACTUALITY.rules) -> str | None:
    """Return the name of the first cue that fires on a trigger, if any."""
    return next((rule.name for rule in rules if rule.apply.test(trigger)), None)
