"""The events stage's rules as named data, in the order they are tried: triggers, the vetoes
over them, the senses that type them, how the participants are read, and how real the text
makes each event (see `kg.extract.common.rules`).

A role rule names the tokens one construction points to for one role ("the army" in "the army
attacked" for the agent); a mention rule says how such a token reaches an actor: by its own name,
an apposition, the noun a relative pronoun stands for, or coreference ("it", "the company").

A role or place rule says what a trigger must have for it to name anything (`Rule.needs`, in the
words of `shape`: "noun" or "verb", a dependent's label such as "dobj", a preposition's word as
"prep:with", the trigger's own label as "as:conj"); `args` tries a rule only on a trigger that
has all the words of one of its needs. A need may say less than the rule tests, never more
(tests/extract/events/test_event_rules.py holds every rule to it on every word of the examples).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from kg.extract.common.rules import Rule, RuleTable
from kg.extract.common.spans import SpanIndex
from kg.extract.common.text import sentence_chars
from kg.extract.common.tree import dep, labels
from kg.extract.events.factuality import FACTUALITY
from kg.extract.events.senses import SENSES
from kg.extract.events.syntax import (
    Predicate,
    children,
    controller,
    has_object,
    lemma,
    objects_of,
    patient_subject,
    preps,
    reduced_passive,
    role_lexicon,
)
from kg.extract.events.triggers import TRIGGERS, VETOES


@dataclass(frozen=True)
class Context:
    """What role and mention rules may consult besides the parse: the actor mentions of the
    `actors` stage and the antecedents of pronouns and descriptions (`common.coref`)."""

    index: SpanIndex
    coref: Mapping[int, str]
    kinds: Mapping[str, str] = field(default_factory=dict)  # actor id -> kind
    places: Mapping[str, str] = field(default_factory=dict)  # place id -> kind

    def thing(self, token: Token) -> bool:
        """Tell whether a token names a product or a financial instrument (an actor of a kind
        that is done to, not one that acts: "the A400M flight", "iPhone pre-orders")."""
        found = self.index.actor_at(token)
        return found is not None and self.kinds.get(found) in _THINGS

    def refers_to_thing(self, token: Token) -> bool:
        """Tell whether a noun phrase's head stands for a product or an index: by its name,
        by coreference ("the device", "it") or by a name before its head ("its Airbus A400M
        transport plane")."""
        if self.thing(token):
            return True
        found = self.coref.get(token.i)
        if found is None and token.pos_ in ("NOUN", "PROPN") and token.left_edge.i < token.i:
            core = token.doc[token.left_edge.i:token.i]
            hits = self.index.actors_in(core.start_char, core.end_char)
            found = hits[-1].id if hits else None
        return found is not None and self.kinds.get(found) in _THINGS

    def party(self, token: Token) -> bool:
        """Tell whether a token stands for an actor that takes part in events (a person, an
        organisation, a country, ...), by its name or by coreference."""
        found = self.index.actor_at(token) or self.coref.get(token.i)
        return found is not None and self.kinds.get(found, "other") in _PARTIES


def shape(t: Predicate) -> frozenset[str]:
    """Return the words a rule's `needs` are written in that hold of a trigger: "noun" or
    "verb", the labels of its dependents, "prep:" and the word of each of its prepositions (see
    `syntax.preps`), and "as:" and its own label."""
    token = t.token
    return frozenset(("noun" if t.noun else "verb", "as:" + dep(token), *labels(token),
                      *["prep:" + p.lower_ for p in preps(token)]))


# (trigger, heads the earlier rules of the table found, context) -> the tokens this rule names
Heads = Callable[[Predicate, Sequence[Token], Context], list[Token]]
# (token a role rule named, context) -> the actor ids it stands for
Names = Callable[[Token, Context], list[str]]
# (token a role rule named that reaches no actor, context) -> the heads of the phrases that
# stand in the role as written (an amount, a generic noun phrase)
Phrases = Callable[[Token, Context], list[Token]]

_MOVES = ("087", "15", "19")  # codes whose "from X" is where the event happened
_THINGS = frozenset({"product", "financial"})
_PARTIES = frozenset({"person", "organisation", "government", "military", "armed_group", "media",
                      "country", "group"})
_TARGET_PREPS = {"against", "on", "upon", "at"}
_PARTNER_ROOTS = ("03", "04", "05", "06")
_LIGHT_VERBS = {"launch", "carry", "conduct", "press", "stage", "mount", "hold", "wage", "begin",
                "start", "continue", "intensify", "step", "escalate", "sign", "reach", "strike",
                "announce", "impose", "make", "issue", "lead", "order", "ink", "seal", "clinch",
                "secure", "place", "post", "report", "file", "lodge", "submit", "give",
                "deliver", "complete", "finalise", "finalize", "unveil"}
_RELATIVES = {"who", "whom", "which", "that", "whose"}
_OBJECT_POS = ("NOUN", "PROPN", "PRON", "NUM")  # and "$": "lost $6 billion"


def _light_verb_subject(t: Predicate, _h: Sequence[Token], c: Context) -> list[Token]:
    token = t.token
    if t.noun and token.dep_ == "dobj" and lemma(token.head) in _LIGHT_VERBS:
        return [s for s in children(token.head, "nsubj") if not c.thing(s)]
    return []


def _subject(t: Predicate, _h: Sequence[Token], c: Context) -> list[Token]:
    token = t.token
    if patient_subject(token) or reduced_passive(token):
        return []
    return [s for s in children(token, "nsubj") if not _thing_subject(t, s, c)]


def _thing_subject(t: Predicate, subject: Token, c: Context) -> bool:
    """Tell whether a verb's subject is a product or an index that undergoes it, the verb
    having no object or complement ("the A380 flew", "the iPod Nano comes in two colours")."""
    token = t.token
    if t.noun or children(token, "dobj", "dative", "ccomp", "xcomp") or objects_of({"for"}, token):
        return False  # "iTunes passed Wal-Mart to become", "accounts for 70%": it acts
    return c.refers_to_thing(subject)


def _passive(token: Token) -> bool:
    return bool(children(token, "auxpass"))


def _of_object(t: Predicate) -> list[Token]:
    return objects_of({"of"}, t.token) if t.noun else []


def _of_agent(t: Predicate) -> bool:
    """Tell whether an event noun's "of X" is who acts ("the efforts of the army")."""
    return t.noun and lemma(t.token) in role_lexicon().agent_of


def _by_agent(t: Predicate) -> list[Token]:
    return objects_of({"by"}, t.token) if t.noun else []


def _patient_possessor(t: Predicate, c: Context) -> bool:
    """Tell whether an event noun's possessor underwent it ("the Dow's fall", "Fokker's
    takeover by Boeing", "the A380's maiden flight", "its launch" of a product) rather than
    did it ("Airbus's delivery of the A380")."""
    if _by_agent(t) or any(c.thing(p) or c.kinds.get(c.coref.get(p.i, ""), "") in _THINGS
                           for p in children(t.token, "poss")):
        return True
    return lemma(t.token) in role_lexicon().patient_possessor and not _of_object(t)


def _controlled(t: Predicate, h: Sequence[Token], _c: Context) -> list[Token]:
    token = t.token
    if t.noun or h or children(token, "nsubj", "nsubjpass") or patient_subject(token) or \
            _passive(token):
        return []
    return controller(token)


def _gerund_subject(t: Predicate, h: Sequence[Token], _c: Context) -> list[Token]:
    token = t.token
    if t.noun or h or token.tag_ != "VBG" or token.dep_ != "pcomp" or children(
            token, "nsubj") or lemma(token) in role_lexicon().patient_subject:
        return []  # "after falling 3%": whatever fell underwent it
    prep = token.head
    up = prep.head
    if up.dep_ == "prep" and up.head.pos_ in ("VERB", "AUX"):  # "including by seizing"
        up = up.head
    if up.pos_ not in ("VERB", "AUX"):
        return []
    if prep.lower_ == "as" and children(up, "dobj"):
        return children(up, "dobj")
    return children(up, "nsubj") or controller(up)


AGENTS: RuleTable[Heads] = RuleTable("events.agent", [
    Rule("events.agent.subject", "the subject does it ('Hamas attacked'), unless it is a verb "
         "whose subject undergoes it ('the Dow fell', see roles.toml)", _subject,
         examples=("Hamas attacked Fatah in the night.",
                   "Senator Marco Rubio finished third in the caucuses.",
                   "Hillary Clinton declined to comment on the report."),
         counter=("Hamas was attacked in the night.", "Hamas attacked by Fatah\n",
                  "The Dow Jones index finished higher on Friday."),
         needs=("nsubj",)),
    Rule("events.agent.adverbial_name", "a name the parse hangs before a verb with no subject "
         "as an adverbial ('Apple unveiled Lion', 'GM, Chrysler offer buyouts'): the subject",
         lambda t, _h, c: ([m for m in children(t.token, "npadvmod") if m.i < t.token.i
                            and m.pos_ == "PROPN" and c.index.actor_at(m) is not None
                            and c.index.times_in(m.idx, m.idx + len(m)) == []]
                           if not t.noun and not reduced_passive(t.token) else []),
         examples=("Apple unveiled Lion, the new version of its system.",),
         counter=("Hamas attacked Israeli towns on Monday.",),
         needs=("verb npadvmod",)),
    Rule("events.agent.inverted_subject", "a subjectless verb whose name right after it the "
         "parse gives to a following participle ('\"...,\" said analyst John Smith, "
         "commenting on ...'): the subject of the verb",
         lambda t, _h, _c: ([s for c in children(t.token, "ccomp", "advcl", "xcomp")
                             if c.tag_ == "VBG" and c.i > t.token.i
                             for s in children(c, "nsubj") if s.left_edge.i == t.token.i + 1]
                            if not t.noun and not children(t.token, "nsubj", "nsubjpass")
                            else []),
         examples=('"The talks failed," said Hamas leader John Smith commenting on the talks.',),
         counter=('"The talks failed," John Smith said, commenting on the talks.',),
         needs=("verb ccomp", "verb advcl", "verb xcomp")),
    Rule("events.agent.passive_by", "the by-phrase of a passive verb ('was attacked by Hamas')",
         lambda t, _h, _c: [p for a in children(t.token, "agent") for p in children(a, "pobj")],
         examples=("Fatah was attacked by Hamas in the night.",),
         counter=("Fatah was attacked in the night.",),
         needs=("agent",)),
    Rule("events.agent.possessor", "the possessor of an event noun ('Russia's invasion', "
         "'Airbus's delivery of the A380'), unless it underwent it ('the Dow's fall')",
         lambda t, _h, c: ((children(t.token, "poss") if not _patient_possessor(t, c) else [])
                           if t.noun and children(t.token, "poss") else []),
         examples=("Hamas's attack shocked Fatah.",),
         counter=("The attack shocked Fatah.", "Hamas's arrest shocked Fatah."),
         needs=("noun poss",)),
    Rule("events.agent.by_phrase", "an event noun's 'by X', or 'from X' unless X is the place "
         "a move or fight came from ('criticism from Moscow', 'gunfire from helicopters', not "
         "'a withdrawal from Kabul')",
         lambda t, _h, c: [p for a in children(t.token, "prep") if a.lower_ in ("by", "from")
                           for p in children(a, "pobj")
                           if a.lower_ == "by" or not t.cameo.startswith(_MOVES)
                           or c.index.place_at(p) is None] if t.noun else [],
         examples=("The attack by Hamas shocked Fatah.",),
         counter=("The attack on Hamas shocked Fatah.",),
         needs=("noun prep:by", "noun prep:from")),
    Rule("events.agent.of_phrase", "'of X' of an event noun of acting ('the efforts of the "
         "army', 'the visit of the president'; roles.toml agent_of), not of one done to X",
         lambda t, _h, _c: _of_object(t) if _of_agent(t) else [],
         examples=("The efforts of Hamas failed.",),
         counter=("The killing of John Smith shocked Hamas.",),
         needs=("noun prep:of",)),
    Rule("events.agent.conjoined_noun", "an event noun joined to another shares its 'by X' or "
         "'from X' ('airstrikes and gunfire from helicopters')",
         lambda t, h, _c: ([p for a in children(t.token.head, "prep") if a.lower_ in ("by", "from")
                            for p in children(a, "pobj")]
                           if t.noun and not h and t.token.dep_ == "conj"
                           and t.token.head.pos_ in ("NOUN", "PROPN") else []),
         examples=("Airstrikes and machine gunfire from Hamas helicopters peppered the road.",),
         counter=("Airstrikes and gunfire hit the town of Hamas.",),
         needs=("noun as:conj",)),
    Rule("events.agent.modifier", "an actor modifying an event noun ('Russian airstrikes'), "
         "not a product or an index, which it is done to ('the A400M flight')",
         lambda t, _h, c: [m for m in children(t.token, "amod", "compound")
                           if c.index.actor_at(m) is not None and not c.thing(m)]
         if t.noun else [],
         examples=("The Hamas attack shocked Fatah.",),
         counter=("The night attack shocked Fatah.", "The iPhone 4 launch shocked Fatah."),
         needs=("noun amod", "noun compound")),
    Rule("events.agent.light_verb_subject", "the subject of a light verb whose object is the "
         "event ('Russia launched an offensive', 'Airbus inked deals'), unless a product ('the "
         "A380 made its maiden flight')", _light_verb_subject,
         examples=("Hamas launched an offensive in the south.",),
         counter=("Hamas feared an offensive in the south.",),
         needs=("noun as:dobj",)),
    Rule("events.agent.participle_head", "the noun an active participle modifies ('a militia "
         "attacking the town')",
         lambda t, _h, _c: ([t.token.head] if not t.noun and t.token.dep_ == "acl"
                            and t.token.tag_ == "VBG" and not patient_subject(t.token) else []),
         examples=("Hamas fighters attacking the town were seen by Fatah.",),
         counter=("Hamas fighters arrested by Fatah were freed.",),
         needs=("verb as:acl",)),
    Rule("events.agent.controller", "when a verb has no subject of its own, the subject of the "
         "verb it completes or is joined to, climbing xcomp/conj/participle links ('Russia "
         "vowed to invade', 'agreed to buy X and sell Y'), or the object that controls it "
         "('forced Fatah to retreat')", _controlled,
         examples=("Hamas threatened to attack Fatah.",
                   "Hamas agreed to meet Fatah and to attack Israel.",
                   "Hamas signed a deal to attack Fatah."),
         counter=("Hamas wanted Fatah to attack the town.",),
         needs=("verb as:xcomp", "verb as:conj", "verb as:advcl", "verb as:acl",
                "verb as:relcl")),
    Rule("events.agent.preposition_gerund", "a gerund after a preposition takes the subject "
         "of the verb the preposition hangs on ('Hamas widened its hold by seizing the road'), "
         "or its object after 'as' ('quoted Hamas as saying')", _gerund_subject,
         examples=("Hamas widened its hold by seizing the road.",
                   "Reuters quoted Hamas as saying it would attack Fatah."),
         counter=("Hamas was blamed for the seizing of the road.",),
         needs=("verb as:pcomp",)),
    Rule("events.agent.carried_out_by", "the by-agent of the participle that hangs on an event "
         "noun ('attacks carried out by Hamas')",
         lambda t, _h, _c: [p for v in children(t.token, "acl") if v.tag_ == "VBN"
                            for a in children(v, "agent") for p in children(a, "pobj")]
         if t.noun else [],
         examples=("Attacks carried out by Hamas were suppressed.",),
         counter=("Attacks carried out in the night by Fatah's rivals were suppressed.",),
         needs=("noun acl",)),
])


TARGETS: RuleTable[Heads] = RuleTable("events.target", [
    Rule("events.target.object", "the direct object of a verb ('invaded Ukraine'), or its "
         "object predicate ('named Mary Barra as chief'); not the distance a verb of change "
         "moved ('the Dow lost 300 points')",
         lambda t, _h, _c: [] if t.noun or patient_subject(t.token) else [
             o for o in children(t.token, "dobj", "oprd") if o.pos_ in _OBJECT_POS
             or o.tag_ == "$"],
         examples=("Hamas attacked Fatah in the night.",),
         counter=("Hamas attacked in the night.", "Hamas support fell 20 points in May."),
         needs=("verb dobj", "verb oprd")),
    Rule("events.target.patient_subject", "the subject of a verb it happens to, with no object "
         "but a distance ('the Dow fell', 'lost 300 points'; roles.toml)",
         lambda t, _h, _c: ((children(t.token, "nsubj") or controller(t.token) or (
             [t.token.head] if t.token.dep_ == "acl" and t.token.tag_ == "VBG" else []))
                            if not t.noun and patient_subject(t.token) else []),
         examples=("Fatah collapsed after Hamas attacked the town.",
                   "The index lost 300 points after Hamas attacked the town."),
         counter=("Hamas attacked the town after Fatah fled.",),
         needs=("verb",)),
    Rule("events.target.passive_subject", "the subject of a passive verb ('Ukraine was invaded')",
         lambda t, _h, _c: [] if t.noun else children(t.token, "nsubjpass"),
         examples=("Fatah was attacked in the night.",),
         needs=("verb nsubjpass",)),
    Rule("events.target.conjoined_passive", "a passive participle joined to a passive verb "
         "shares its subject ('airliners are selected and purchased by the state')",
         lambda t, _h, _c: (children(t.token.head, "nsubjpass")
                            if not t.noun and t.token.dep_ == "conj" and t.token.tag_ == "VBN"
                            and not children(t.token, "nsubj", "nsubjpass", "dobj") else []),
         examples=("Fatah was attacked and disarmed by Hamas.",),
         counter=("Fatah was attacked and Hamas disarmed the town.",),
         needs=("verb as:conj",)),
    Rule("events.target.controlled_subject", "whom a verb like 'allow' or 'force' acts on, "
         "when the parse makes it the subject of the complement ('allowed Fatah to bid')",
         lambda t, _h, _c: ([s for c in children(t.token, "ccomp") for s in children(c, "nsubj")
                             if any(a.lower_ == "to" for a in children(c, "aux"))]
                            if not t.noun and lemma(t.token) in role_lexicon().object_control
                            and not children(t.token, "dobj") else []),
         examples=("Hamas allowed Fatah to attack the town.",),
         counter=("Hamas said Fatah would attack the town.",),
         needs=("verb ccomp",)),
    Rule("events.target.headline_passive", "the subject of a passive without auxiliary, as "
         "headlines write it ('Hamas attacked by Fatah')",
         lambda t, _h, _c: children(t.token, "nsubj") if reduced_passive(t.token) else [],
         examples=("Fatah attacked by Hamas\n",),
         counter=("Fatah has attacked Hamas.",),
         needs=("nsubj",)),
    Rule("events.target.participle_head", "the noun a past participle modifies ('the convoys "
         "sent')",
         lambda t, _h, _c: ([t.token.head] if not t.noun and t.token.dep_ == "acl"
                            and t.token.tag_ != "VBG" else []),
         examples=("Hamas fighters arrested by Fatah were freed.",),
         counter=("Hamas fighters attacking the town were seen by Fatah.",),
         needs=("verb as:acl",)),
    Rule("events.target.relative_gap", "the noun a relative clause without object hangs on "
         "('the militia Hamas attacked')",
         lambda t, _h, _c: ([t.token.head] if not t.noun and t.token.dep_ == "relcl"
                            and not has_object(t.token)
                            and any(s.lower_ not in _RELATIVES
                                    for s in children(t.token, "nsubj")) else []),
         examples=("The rebels the army attacked fled to the hills.",),
         counter=("The rebels that attacked the army fled to the hills.",),
         needs=("verb as:relcl nsubj",)),
    Rule("events.target.against", "'against X', 'on X', 'upon X', 'at X' ('an attack on Kyiv'), "
         "but not the level a verb of change ends at ('the Dow closed at 8,017')",
         lambda t, _h, _c: objects_of(_TARGET_PREPS - ({"at"} if patient_subject(t.token)
                                                       else set()), t.token),
         examples=("Hamas launched an attack on Fatah.",),
         counter=("Hamas launched an attack in the spring.",),
         needs=tuple(f"prep:{w}" for w in sorted(_TARGET_PREPS))),
    Rule("events.target.partner", "'with X' of an agreement, meeting, support or cooperation",
         lambda t, _h, _c: (objects_of({"with"}, t.token)
                            if t.cameo.startswith(_PARTNER_ROOTS) else []),
         examples=("John Smith met with Hamas in Cairo.",),
         counter=("John Smith attacked with Hamas in Cairo.",),
         needs=("prep:with",)),
    Rule("events.target.withdrawn_from", "'from X' of a withdrawal: whom it withdraws from "
         "('withdrew from the alliance')",
         lambda t, _h, _c: (objects_of({"from"}, t.token)
                            if t.cameo.startswith(("087", "0874")) else []),
         examples=("The Taliban withdrew from the Hamas talks.",),
         counter=("The Taliban attacked from the Hamas compound.",),
         needs=("prep:from",)),
    Rule("events.target.of_noun", "'of X' of an event noun, what it is done to ('the invasion "
         "of Ukraine', 'the delivery of the A380'), except a meeting's or a deal's parties and "
         "the actor of an effort or a visit (agent.of_phrase)",
         lambda t, _h, c: ([] if _of_agent(t) else [
             o for o in _of_object(t) if not t.cameo.startswith(_PARTNER_ROOTS)
             or not c.party(o)]),
         examples=("The killing of John Smith shocked Hamas.",
                   "Hamas expected sales of the rifles to rise."),
         counter=("The meeting of John Smith and Hamas was short.",),
         needs=("noun prep:of",)),
    Rule("events.target.thing_modifier", "a product or index modifying an event noun is what "
         "it is done to ('the Airbus A400M flight', 'iPhone 4 pre-orders')",
         lambda t, _h, c: [m for m in children(t.token, "compound", "amod", "nmod")
                           if c.thing(m)] if t.noun else [],
         examples=("The iPhone 4 launch shocked Hamas.",),
         counter=("The Hamas attack shocked Fatah.",),
         needs=("noun compound", "noun amod", "noun nmod")),
    Rule("events.target.possessor", "the possessor of an event noun it happened to ('Hamas's "
         "arrest', 'Fokker's takeover by Boeing'), and a product's or an index's ('the A380's "
         "flight', 'its launch' of a phone)",
         lambda t, _h, c: (children(t.token, "poss") if _patient_possessor(t, c) else [])
         if t.noun and children(t.token, "poss") else [],
         examples=("Hamas's arrest shocked Fatah.",),
         counter=("Hamas's attack shocked Fatah.",),
         needs=("noun poss",)),
    Rule("events.target.controlled_passive", "a passive verb with no subject of its own "
         "undergoes what it says to the subject of the verb it completes ('the model is "
         "expected to be launched', 'units are to be allowed to bid')",
         lambda t, _h, _c: ([] if t.noun or not _passive(t.token) or children(
             t.token, "nsubj", "nsubjpass") else controller(t.token)),
         examples=("Hamas is expected to be attacked by Fatah.",),
         counter=("Hamas is expected to attack Fatah.",),
         needs=("verb auxpass",)),
    Rule("events.target.thing_subject", "a product or an index as the subject of a verb with "
         "no object undergoes it ('the A380 flew', 'the iPod Nano comes in two colours'), and "
         "of a light verb whose object is the event ('the A380 made its maiden flight')",
         lambda t, _h, c: ([s for s in children(t.token, "nsubj") if _thing_subject(t, s, c)]
                           if not t.noun else
                           [s for s in children(t.token.head, "nsubj") if c.refers_to_thing(s)]
                           if t.token.dep_ == "dobj" and lemma(t.token.head) in _LIGHT_VERBS
                           else []),
         examples=("The iPhone 4 flew over Gaza.", "The iPhone 4 made its first flight."),
         counter=("The iPhone 4 beat Fatah in Gaza.", "Hamas made its first flight."),
         needs=("verb nsubj", "noun as:dobj")),
    Rule("events.target.existential", "what 'there is' says exists ('there were 3,800 "
         "attendees', 'there were protests')",
         lambda t, _h, _c: (children(t.token, "attr") if not t.noun and lemma(t.token) == "be"
                            and children(t.token, "expl") else []),
         examples=("There were 300 protesters in Gaza.",),
         counter=("The protesters were in Gaza.",),
         needs=("verb expl attr",)),
    Rule("events.target.for_theme", "'for X' of a verb or noun of asking, bidding or "
         "supporting is what it is about ('bid for contracts', 'called for a re-run', 'support "
         "for the plan'; roles.toml for_theme)",
         lambda t, _h, _c: (objects_of({"for"}, t.token)
                            if lemma(t.token) in role_lexicon().for_theme else []),
         examples=("Hamas called for a ceasefire in Gaza.",),
         counter=("Hamas attacked Fatah for a week.",),
         needs=("prep:for",)),
    Rule("events.target.with_partner", "'with X' of competing, parting, merging or talking is "
         "the other party, not an instrument ('compete with the A380', 'part ways with the "
         "business'; roles.toml with_partner)",
         lambda t, _h, _c: (objects_of({"with"}, t.token)
                            if lemma(t.token) in role_lexicon().with_partner else []),
         examples=("Hamas will compete with the new airline.",),
         counter=("Hamas attacked the town with rockets.",),
         needs=("prep:with",)),
    Rule("events.target.change_in", "'in X' of a noun of change or of an attitude is what "
         "changes or what it is held in ('a rise in unemployment', 'turmoil in the markets'), "
         "unless X is a place or a time (roles.toml change_in)",
         lambda t, _h, c: [o for o in objects_of({"in"}, t.token)
                           if c.index.place_at(o) is None
                           and not c.index.times_in(o.idx, o.idx + len(o))]
         if t.noun and lemma(t.token) in role_lexicon().change_in else [],
         examples=("Hamas blamed a rise in unemployment.",),
         counter=("Hamas blamed a rise in Gaza.", "Hamas blamed a rise in May."),
         needs=("noun prep:in",)),
    Rule("events.target.noun_compound", "a common noun before a noun of giving, trading or "
         "change is what it is done to ('music sales', 'iPhone pre-orders', 'market "
         "turmoil'), unless it is a time",
         lambda t, _h, c: [m for m in children(t.token, "compound")
                           if m.pos_ == "NOUN" and c.index.actor_at(m) is None
                           and not c.index.times_in(m.idx, m.idx + len(m))]
         if t.noun and _changed_or_given(t) else [],
         examples=("Hamas blamed weak rifle sales.",),
         counter=("Hamas blamed a night attack.",),
         needs=("noun compound",)),
])


def _changed_or_given(t: Predicate) -> bool:
    """Tell whether an event noun is one of giving or of change (roles.toml transfer,
    change_in, patient_possessor): nouns whose modifier is their theme."""
    roles = role_lexicon()
    word = lemma(t.token)
    return word in roles.transfer or word in roles.change_in or word in roles.patient_possessor


def _to_objects(t: Predicate) -> list[Token]:
    """Return the "to X" of a trigger, also when the parse hangs it on the thing given (a
    verb's object, a noun's "of" object: "offer packages to workers")."""
    token = t.token
    found = objects_of({"to"}, token)
    for obj in _of_object(t) + ([] if t.noun else children(token, "dobj")):
        found += objects_of({"to"}, obj)
    return found


def _transfer(t: Predicate) -> bool:
    return lemma(t.token) in role_lexicon().transfer


RECIPIENTS: RuleTable[Heads] = RuleTable("events.recipient", [
    Rule("events.recipient.to_phrase", "'to X' of a verb or noun of giving ('sold rifles to "
         "Fatah', 'the delivery of the A380 to Singapore Airlines'; roles.toml)",
         lambda t, _h, _c: _to_objects(t) if _transfer(t) else [],
         examples=("Hamas sold rifles to Fatah.",),
         counter=("Hamas attacked the road to Fatah.",),
         needs=("prep:to", "noun prep:of", "verb dobj")),
    Rule("events.recipient.indirect_object", "the first of two objects of a verb of giving "
         "('lent Fatah money')",
         lambda t, _h, _c: ([d for d in children(t.token, "dative") if d.pos_ != "ADP"]
                            if _transfer(t) and not t.noun else []),
         examples=("Hamas gave the rebels money.",),
         needs=("verb dative",)),
    Rule("events.recipient.supplied_with", "the object of a verb of giving whose thing comes "
         "with 'with' ('supplied Fatah with rifles')",
         lambda t, _h, _c: (children(t.token, "dobj")
                            if _transfer(t) and not t.noun and objects_of({"with"}, t.token)
                            else []),
         examples=("Hamas donated Fatah with rifles.",),
         counter=("Hamas donated rifles to the town.",),
         needs=("verb dobj prep:with",)),
    Rule("events.recipient.asked", "the object of a verb of asking with 'for X' is whom it "
         "asks ('asked the government for aid'; roles.toml ask_for)",
         lambda t, _h, _c: (children(t.token, "dobj")
                            if not t.noun and lemma(t.token) in role_lexicon().ask_for
                            and objects_of({"for"}, t.token) else []),
         examples=("Hamas asked Fatah for rifles.",),
         counter=("Hamas asked Fatah to leave.",),
         needs=("verb dobj prep:for",)),
])


INSTRUMENTS: RuleTable[Heads] = RuleTable("events.instrument", [
    Rule("events.instrument.with", "'with X' of an event that is no meeting or deal ('attacked "
         "the town with drones'); an actor that takes part is a partner, not an instrument",
         lambda t, _h, _c: ([] if t.cameo.startswith(_PARTNER_ROOTS)
                            or lemma(t.token) in role_lexicon().with_partner
                            else objects_of({"with"}, t.token)),
         examples=("Hamas attacked the town with rockets.",),
         counter=("John Smith met with Hamas in Cairo.",),
         needs=("prep:with",)),
    Rule("events.instrument.using", "the object of 'using' hung on the event ('attacked the "
         "town using drones')",
         lambda t, _h, _c: [o for u in children(t.token, "advcl", "xcomp", "acl")
                            if lemma(u) == "use" for o in children(u, "dobj")],
         examples=("Hamas attacked the town using rockets.",),
         needs=("advcl", "xcomp", "acl")),
])


SPATIAL_PHRASE = "events.place.spatial_phrase"  # the rule whose phrases are kept unnamed
_PLACE_PREPS = {"in", "at", "near", "into", "across", "inside", "outside", "around", "through",
                "toward", "towards", "within", "on", "throughout", "to"}
# prepositions whose object is a location even when it names no place ("along the highway",
# "near the border"): such a phrase is kept as a place participant as written
# (not "through": "a chill wind blowing through law enforcement")
_SPATIAL_PREPS = {"along", "near", "across", "inside", "outside", "around", "toward", "towards",
                  "beyond", "alongside", "throughout"}


def _spatial(t: Predicate, _h: Sequence[Token], c: Context) -> list[Token]:
    return [p for p in _locatives(t.token, _SPATIAL_PREPS) if p.pos_ in ("NOUN", "PROPN")
            and c.index.actor_at(p) is None and not c.index.times_in(p.idx, p.idx + len(p))]


def _locatives(token: Token, words: set[str] | frozenset[str] = frozenset(_PLACE_PREPS)
               ) -> list[Token]:
    return objects_of(words, token)


def _object_located(t: Predicate, h: Sequence[Token], _c: Context) -> list[Token]:
    """The "in X" of what a verb acts on, when the verb has none of its own."""
    if h or t.noun:
        return []
    return [p for o in children(t.token, "dobj") for p in _locatives(o, {"in", "at", "near"})]


# prepositions whose object is where the event takes place when it is somewhere: whom it is
# against, during what ("during the auto show in Frankfurt"); not "from" or "for", whose object
# may be far away ("a sell-off stemming from the crisis in the US", "called for a truce in Idlib")
_HELD_AT = {"against", "on", "upon", "at", "during", "amid", "amidst"}


def _argument_located(t: Predicate, _h: Sequence[Token], _c: Context) -> list[Token]:
    """The "in X" of the trigger's prepositional objects and of the phrases of a participle
    hung on it ("an offensive against terrorists in Idlib", "attacks carried out by militants
    in Idlib")."""
    token = t.token
    held = [o for p in preps(token) if p.lower_ in _HELD_AT for o in children(p, "pobj")]
    held += [o for v in children(token, "acl") for p in children(v, "agent")
             for o in children(p, "pobj")]
    # and of a participle on them that says where ("during a media event held at its
    # Cupertino headquarters")
    held += [v for o in list(held) for v in _participles(o)]
    return [p for o in held for p in _locatives(o, {"in", "at", "near", "inside"})]


# marks of an adverbial clause that happens at the same time and place as its verb ("while
# campaigning in Iowa"); a participle clause with no mark is read so too ("Speaking in Iowa, ...")
_WITH_MARKS = frozenset({"while", "when", "as"})
_OTHER_TIME_PARTICIPLES = frozenset({"bear"})


def _clause_located(t: Predicate, h: Sequence[Token], _c: Context) -> list[Token]:
    """The place of a participle clause on the verb or its subject, when the verb has none of
    its own ("Speaking in Iowa, Clinton criticised Trump", "Trump, speaking at a rally in Iowa,
    said ..."); not of a clause of another time ("After he met Putin in Moscow, ...")."""
    if h or t.noun:
        return []
    token = t.token
    clauses = [v for v in children(token, "advcl") if v.tag_ in ("VBG", "VBN")
               and all(m.lower_ in _WITH_MARKS for m in children(v, "mark"))]
    clauses += [v for s in children(token, "nsubj") for v in children(s, "acl", "advcl")
                if v.tag_ == "VBG"]
    # a participle with a subject or an auxiliary is a clause of its own time ("as Trump has
    # called ...", "having ended wars in Iraq"), and one's birth is long before ("Born in Newark,
    # he was educated at ...")
    clauses = [v for v in clauses if lemma(v) not in _OTHER_TIME_PARTICIPLES
               and not children(v, "nsubj", "nsubjpass", "aux", "auxpass")]
    return [p for v in clauses for p in _locatives(v, {"in", "at", "near", "inside"})]


def _verb_of_object(t: Predicate, h: Sequence[Token], _c: Context) -> list[Token]:
    """The place of the verb whose object an event noun is ("held a rally in Iowa", "gave a
    speech at the convention in Philadelphia", "cast ballots in California")."""
    token = t.token
    if h or not t.noun or token.dep_ != "dobj" or token.head.pos_ != "VERB":
        return []
    return [p for p in _locatives(token.head, {"in", "at", "near", "inside"}) if p.i != token.i]


# the kinds of place that name where an event noun happened ("the Iowa caucuses", "the Paris
# attacks"); a country or a region before a noun is more often its topic or its party ("the
# Iran deal", "the EU-Turkey deal", "a U.S. withdrawal", "the Gulf concerns")
_NAMING_KINDS = frozenset({"city", "town", "village", "admin1", "admin2"})


def _participle_located(t: Predicate, _h: Sequence[Token], _c: Context) -> list[Token]:
    """The place of a participle that says where an event noun was held ("a media event held
    at its Cupertino headquarters", "a summit hosted in Geneva")."""
    if not t.noun:
        return []
    return [p for v in _participles(t.token) for p in _locatives(v, {"in", "at", "near", "inside"})]


def _participles(token: Token) -> list[Token]:
    """The past participles that modify a noun ("lawsuits being considered in San Diego"), not
    a clause of its own with a subject or a finite auxiliary ("the assertion that airstrikes
    are needed in Iraq")."""
    return [v for v in children(token, "acl") if v.tag_ == "VBN"
            and not children(v, "nsubj", "nsubjpass")
            and all(a.lower_ == "being" for a in children(v, "aux", "auxpass"))]


def _named_by_place(t: Predicate, h: Sequence[Token], c: Context) -> list[Token]:
    """A town or state that names an event noun ("the New Hampshire primary", "the San
    Bernardino shooting"), not a country ("the Iran deal")."""
    if h or not t.noun:
        return []
    return [m for m in children(t.token, "compound")
            if c.places.get(c.index.place_at(m) or "") in _NAMING_KINDS]


def _enclosing(t: Predicate, h: Sequence[Token], _c: Context) -> list[Token]:
    """The place of the verb an event noun completes ("was targeted in a gas attack")."""
    token = t.token
    if h or not t.noun or token.dep_ != "pobj" or token.head.head.pos_ != "VERB":
        return []
    verb = token.head.head
    return [p for p in _locatives(verb) if p.i != token.i] + children(verb, "nsubjpass")


PLACES: RuleTable[Heads] = RuleTable("events.place", [
    Rule("events.place.locative", "the object of a locative preposition ('in Idlib', 'at the "
         "border'), or 'from X' of a move ('withdrew from Kabul')",
         lambda t, _h, _c: _locatives(t.token, _PLACE_PREPS | (
             {"from"} if t.cameo.startswith(_MOVES) else set())),
         examples=("Hamas attacked Fatah in Gaza.",),
         counter=("Hamas attacked Fatah with rockets.",),
         needs=tuple(f"prep:{w}" for w in sorted(_PLACE_PREPS | {"from"}))),
    Rule("events.place.attacked", "the object or passive subject of an attack, a fight or a "
         "move: the place it struck ('shelled Idlib', 'Idlib was shelled')",
         lambda t, _h, _c: (children(t.token, "dobj", "nsubjpass")
                            if t.cameo.startswith(("19", "17", "087", "15")) else []),
         examples=("Hamas attacked Gaza at night.",),
         needs=("dobj", "nsubjpass")),
    Rule("events.place.object_located", "where the thing a verb acts on is, when the verb has "
         "no place of its own ('to implement a ceasefire in Idlib')", _object_located,
         examples=("Hamas announced a ceasefire in Gaza.",),
         counter=("Hamas announced a ceasefire with Fatah.",),
         needs=("verb dobj",)),
    Rule("events.place.argument_located", "where the trigger's prepositional object or its "
         "participle's agent is, when the trigger has no place of its own ('an offensive "
         "against rebels in Idlib', 'attacks carried out by militants in Idlib')",
         _argument_located,
         examples=("Hamas began an offensive against rebels in Gaza.",
                   "Hamas spoke during a rally held in Gaza."),
         counter=("Hamas began an offensive against rebels with rockets.",),
         needs=(*(f"prep:{w}" for w in sorted(_HELD_AT)), "acl")),
    Rule("events.place.conjoined", "a verb joined to another takes the place fronted before "
         "the first, which scopes over both ('In China, airliners are selected and "
         "purchased by the state')",
         lambda t, h, _c: ([p for p in _locatives(t.token.head) if p.i < t.token.head.i]
                           if not h and not t.noun and t.token.dep_ == "conj" else []),
         examples=("In Gaza, Hamas met Fatah and signed a deal.",),
         counter=("Hamas met Fatah in Gaza and signed a deal.",),
         needs=("verb as:conj",)),
    Rule("events.place.clause_located", "a verb takes the place of a participle clause on it "
         "or on its subject, when it has none of its own ('Speaking in Iowa, Clinton criticised "
         "Trump'), not of a clause of another time ('After he met Putin in Moscow, ...')",
         _clause_located,
         examples=("Speaking in Gaza on Monday, Hamas criticised Fatah.",
                   "Hamas, speaking at a rally in Gaza, criticised Fatah."),
         counter=("After Hamas met Fatah in Gaza, Hamas attacked Israel.",
                  "Having lived in Gaza for years, Hamas met Fatah."),
         needs=("verb advcl", "verb nsubj")),
    Rule("events.place.verb_of_object", "an event noun takes the place of the verb whose "
         "object it is ('held a rally in Iowa', 'cast ballots in California')",
         _verb_of_object,
         examples=("Hamas held a rally in Gaza on Monday.",),
         counter=("Hamas held a rally with Fatah on Monday.",),
         needs=("noun as:dobj",)),
    Rule("events.place.participle_located", "an event noun takes the place of a participle "
         "that says where it was held ('a media event held at its Cupertino headquarters')",
         _participle_located,
         examples=("Hamas spoke during a rally held in Gaza.",),
         counter=("Hamas spoke during a rally held on Monday.",
                  "Hamas rejected the assertion that talks are needed in Gaza."),
         needs=("noun acl",)),
    Rule("events.place.named_by_place", "a place that names an event noun ('the New Hampshire "
         "primary', 'the Iraq war')", _named_by_place,
         examples=("Fatah lost the Gaza election to Hamas.",),
         counter=("Fatah lost the party election to Hamas.",
                  "Hamas criticised the Iran deal on Monday."),
         needs=("noun compound",)),
    Rule(SPATIAL_PHRASE, "a spatial phrase of the trigger that names no place of the "
         "gazetteer is kept as written, a place participant ('headed south along the "
         "highway'), when no rule finds a named place", _spatial,
         examples=("Hamas fighters marched along the highway.",),
         counter=("Hamas fighters marched along with Fatah.",),
         needs=tuple(f"prep:{w}" for w in sorted(_SPATIAL_PREPS))),
    Rule("events.place.enclosing_verb", "an event noun in a phrase of a verb takes the verb's "
         "place ('Gaza, which was targeted in a rocket attack')", _enclosing,
         examples=("Gaza was targeted in a rocket attack.",),
         counter=("Hamas hit Fatah in a rocket attack.",),
         needs=("noun as:pobj",)),
])


def _named(token: Token, c: Context) -> list[str]:
    found = c.index.actor_at(token)
    return [found] if found is not None else []


def _phrase(token: Token, c: Context) -> list[str]:
    """An actor among the words before a noun's head ("Russia's army" -> Russia)."""
    if token.pos_ not in ("NOUN", "PROPN") or token.left_edge.i == token.i:
        return []
    before = token.doc[token.i - 1]  # the words from the left edge to it
    hits = c.index.actors_in(token.left_edge.idx, before.idx + len(before))
    return [hits[-1].id] if hits else []


def _antecedent(token: Token, c: Context) -> list[str]:
    """The noun a relative pronoun stands for, by name or by coreference."""
    if token.lower_ not in _RELATIVES or token.head.dep_ != "relcl":
        return []
    noun = token.head.head
    named = _named(noun, c) or [a for m in children(noun, "appos") for a in _named(m, c)]
    if named:
        return named
    found = c.coref.get(noun.i)
    return [found] if found is not None else _phrase(noun, c)


MENTIONS: RuleTable[Names] = RuleTable("events.mention", [
    Rule("events.mention.name", "a token inside an actor's mention names that actor", _named,
         examples=("Hamas attacked Fatah in the night.",)),
    Rule("events.mention.apposition", "a description with the name in apposition ('the "
         "group, Hamas, attacked')",
         lambda token, c: [a for m in children(token, "appos") for a in _named(m, c)],
         examples=("The militant group, Hamas, attacked Fatah.",)),
    Rule("events.mention.relative", "a relative pronoun stands for the noun its clause hangs "
         "on ('Hamas, which attacked Fatah')", _antecedent,
         examples=("Hamas, which attacked Fatah in May, was banned.",)),
    Rule("events.mention.coreference", "a pronoun or definite description stands for the "
         "actor `common.coref` resolves it to ('Hamas ... it attacked', 'the group')",
         lambda token, c: [c.coref[token.i]] if token.i in c.coref else [],
         examples=("Hamas left Gaza. It attacked Fatah in the night.",),
         counter=("Hamas left Gaza. The rockets attacked Fatah in the night.",)),
    Rule("events.mention.phrase", "an actor among the words before the token's head ('Hamas "
         "fighters attacked')", _phrase,
         examples=("Hamas fighters attacked Fatah in the night.",)),
])


_PHRASE_POS = ("NOUN", "PROPN", "NUM")
# pronouns that fill no role as written when they stand for no actor: the empty "it" of "it is
# expected that", "there" of "there were", and "it" that coreference could not place
_EMPTY_PRONOUNS = {"it", "there", "itself"}
_LOCATIVE = {"in", "at", "near", "inside", "within", "throughout", "around", "across"}


def _noun_phrase(token: Token, c: Context) -> list[Token]:
    if token.pos_ == "PRON" and token.text[0].isalpha() and (
            token.lower_ not in _RELATIVES | _EMPTY_PRONOUNS):  # not "'s" of "let's"
        return [token]  # "release them", "we need": the argument as written
    text = token.text
    if token.pos_ not in _PHRASE_POS and token.tag_ != "$" or not (text[:1].isalnum() or any(
            ch.isalnum() or ch in "$%" for ch in text)):
        return []
    start, end = token.idx, token.idx + len(token)
    where = token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE
    if where and c.index.place_at(token) is not None or any(
            t.start <= start and end <= t.end for t in c.index.times_in(
                *sentence_chars(token))):
        return []  # "on Monday" is when, "at Heathrow" where: no theme
    return [token]


def _relative_phrase(token: Token, _c: Context) -> list[Token]:
    """The noun a relative pronoun stands for, when it names no actor ("the plants, which GM
    closed": the plants)."""
    if token.lower_ not in _RELATIVES or token.head.dep_ != "relcl":
        return []
    noun = token.head.head
    return [noun] if noun.pos_ in _PHRASE_POS else []


PHRASES: RuleTable[Phrases] = RuleTable("events.phrase", [
    Rule("events.phrase.noun_phrase", "a noun phrase or amount that names no actor still fills "
         "its role as written: the theme of 'closed 14 plants', 'lost $6 billion', 'the index "
         "fell', the agent of 'analysts expect', a pronoun as written ('released them', 'we "
         "need'); an 'it' with no antecedent, a time or the place of a preposition ('at Heathrow') "
         "does not",
         _noun_phrase,
         examples=("Hamas closed 14 schools in May.", "Hamas lost $6 billion in May.",
                   "Hamas closed them in May."),
         counter=("It collapsed in May.", "Hamas attacked on Monday.")),
    Rule("events.phrase.relative", "a relative pronoun that names no actor stands for the noun "
         "its clause hangs on ('the schools, which Hamas closed')", _relative_phrase,
         examples=("The schools, which Hamas closed in May, were old.",),
         counter=("Hamas, which closed in May, was banned.",)),
])


RULES: tuple[RuleTable[Any], ...] = (TRIGGERS, VETOES, SENSES, AGENTS, TARGETS, RECIPIENTS,
                                     INSTRUMENTS, PLACES, MENTIONS, PHRASES, FACTUALITY)
