"""The vetoes of the statements stage: constructions that look like a cue but report nothing.

A veto stops the cue rules it guards at a word. Each veto's `examples` hold a cue it stops
(switched off, the cue makes a statement); its `counter` sentences are ones it leaves alone.
"""

from __future__ import annotations

from kg.extract.common.rules import Rule, RuleTable
from kg.extract.statements import nocue
from kg.extract.statements.cue_rules import CUES
from kg.extract.statements.scene import Veto, WordCue

_WORDS = tuple(r.name for r in CUES if isinstance(r.apply, WordCue))  # every word rule
_VERBS = ("statements.cue.stance_participle", "statements.cue.view_participle",
          "statements.cue.verb")  # the verb rules after the light verbs and reactions
_VERB = ("statements.cue.verb",)
_QUOTED_VERB = ("statements.cue.quote_after", "statements.cue.verb")


def _veto(name: str, why: str, apply: Veto, examples: tuple[str, ...],
          counter: tuple[str, ...] = ()) -> Rule[Veto]:
    return Rule(f"statements.veto.{name}", why, apply, examples, counter)


VETOES: RuleTable[Veto] = RuleTable("statements.veto", [
    _veto("in_quotation", "a cue inside a quotation is the quoted speaker's words",
          Veto(nocue.in_quotation, _WORDS),
          ("“I think the dam is safe,” the engineer said.",),
          ("The engineer said “yes.”",)),
    _veto("markup", "a word right after “<” or “/” is a markup tag's name or a slashed "
          "alternative, no cue",
          Veto(nocue.markup, _WORDS),
          ("The mayor said/claimed that the bridge is closed.",),
          ("The mayor said the bridge was closed.",)),
    _veto("purpose", "an infinitive of purpose under a meeting verb is an agenda",
          Veto(nocue.purpose, _VERBS),
          ("The ministers met in Ankara to discuss the war.",),
          ("The ministers met in Ankara to announce that the war was over.",)),
    _veto("noun_infinitive", "the infinitive of a noun is what was decided, not said",
          Veto(nocue.noun_infinitive, _VERBS),
          ("Her decision to criticize the mayor surprised the council.",),
          ("She decided to criticize the mayor.",)),
    _veto("sourcing_infinitive", "why a source is unnamed is not what the source said",
          Veto(nocue.sourcing_infinitive, _VERBS),
          ("The official was not authorized to discuss the talks.",),
          ("The official wanted to discuss the talks.",)),
    _veto("relayed", "in “cited X as saying” the relay verb carries the attribution",
          Veto(nocue.relayed, _VERB),
          ("Interfax cited the minister as saying the talks had failed.",),
          ("The minister was saying that the talks had failed.",)),
    _veto("goes_on_to_act", "“went on to win” tells what X did next, not what X said",
          Veto(nocue.goes_on_to_act, _QUOTED_VERB),
          ("Maria Costa went on to win the race.",),
          ("The mayor continued to criticize the toll.",)),
    _veto("that_said", "“That said, ...” is a concession, not a report",
          Veto(nocue.that_said, _VERB),
          ("That said, the bridge stays closed.",),
          ("The mayor said that the bridge stays closed.",)),
    _veto("puts_out", "releasing or unveiling a thing that is no words (a product, hostages) "
          "reports nothing",
          Veto(nocue.puts_out, _VERB),
          ("Apple released a new device on Tuesday.", "The rebels released two hostages."),
          ("The White House released a statement on Tuesday.",)),
    _veto("adds_to", "“added a clause to the bill” puts something into something",
          Veto(nocue.adds_to, _VERB),
          ("The mayor added, to the council, that the toll was unfair.",),
          ("The senator added that the bill was unfair.",)),
    _veto("on_terms", "“spoke on condition of anonymity” states the terms of speaking",
          Veto(nocue.on_terms, _VERB),
          ("The official spoke on condition of anonymity.",),
          ("The official spoke on the new toll.",)),
    _veto("imperative", "an imperative bids the reader; nobody is reported",
          Veto(nocue.imperative, _VERB),
          ("Consider the case of the old harbour.",),
          ("The mayor considered the case of the old harbour.",)),
    _veto("reports_from", "“X reported from Washington” names where a journalist worked",
          Veto(nocue.reports_from, _QUOTED_VERB),
          ("Maria Costa reported from Kabul on the talks.",),
          ("Maria Costa reported from Washington that the talks had failed.",)),
    _veto("ongoing_role", "a progressive relative clause tells what its antecedent is doing",
          Veto(nocue.ongoing_role, _VERB),
          ("Donors who are backing the mayor gave money to the campaign.",),
          ("Donors who are saying that the mayor will win gave money.",)),
])
