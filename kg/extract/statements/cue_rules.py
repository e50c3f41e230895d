"""The cue rules of the statements stage, in the order they are tried.

Quotation rules go first, one quotation at a time; then the rules that scan the whole text; then
the word rules, one word at a time, where the first rule that fires on a word wins. Each rule's
`examples` must yield a statement made by it, its `counter` sentences must not.
"""

from __future__ import annotations

from kg.extract.common.rules import Rule, RuleTable
from kg.extract.statements import nouns, quoted, verbs
from kg.extract.statements.scene import Cue, DocCue, QuoteCue, WordCue

_VERB = frozenset({"VERB"})
_NOUN = frozenset({"NOUN"})


def _cue(name: str, why: str, apply: Cue, examples: tuple[str, ...],
         counter: tuple[str, ...] = ()) -> Rule[Cue]:
    return Rule(f"statements.cue.{name}", why, apply, examples, counter)


CUES: RuleTable[Cue] = RuleTable("statements.cue", [
    _cue("quote_after", "a quotation and the reporting clause after it: “A,” X said",
         QuoteCue(quoted.quote_after),
         ("“We will not leave the valley,” the spokesman said.",),
         ("The gate bore the word “closed” in red letters.",)),
    _cue("quote_before", "a reporting verb right before a quotation: X said “A”",
         QuoteCue(quoted.quote_before),
         ("The mayor said “the bridge is closed until June.”",),
         ("The mayor painted “The Old Bridge” last year.",)),
    _cue("quote_colon", "a clause and a colon before a quotation: X went further: “A”",
         QuoteCue(quoted.quote_colon),
         ("The mayor went further: “The bridge will never reopen.”",),
         ("We said it before: “Never again.”",)),
    _cue("label", "a headline or transcript label: Speaker: what they said",
         DocCue(nouns.labels),
         ("Brenner: Harbour fees will rise next year\nThe port issued new rules.",),
         ("So: the harbour is closed again\nShips wait outside the port.",)),
    _cue("colon_line", "a line ending in a reporting clause and a colon, then the paragraph said",
         DocCue(quoted.colon_lines),
         ("The minister wrote:\nThe harbour will stay closed until the spring.",),
         ("The minister visited the harbour:\nShips were waiting outside.",)),
    _cue("according_to", "the clause around “according to X” is X's",
         WordCue(nouns.according, words=frozenset({"according"})),
         ("According to the ministry, five soldiers were wounded.",),
         ("Five soldiers were wounded near the border.",)),
    _cue("in_survey", "a sentence opening “In a poll, ...” holds what the poll found",
         WordCue(nouns.in_survey, words=frozenset({"in"})),
         ("In a recent poll, most voters backed the new toll.",),
         ("In the morning, most voters backed the new toll.",)),
    _cue("against", "what a copula's subject is against: X is against Y",
         WordCue(nouns.against, words=frozenset({"against"})),
         ("The senator is against the new toll.",),
         ("The boat drifted against the pier.",)),
    _cue("light_verb", "a light verb and a speech noun: X made the point that Y",
         WordCue(nouns.light_cue, _VERB, lemmas=lambda lex: lex.light_verbs),
         ("The senator made the point that the toll was unfair.",),
         ("The senator made a cake for the party.",)),
    _cue("reaction", "a receiving verb and a reaction noun: Y drew criticism from X",
         WordCue(nouns.reaction, _VERB, lemmas=lambda lex: lex.receiving_verbs),
         ("The plan drew sharp criticism from the unions.",),
         ("The plan drew a large crowd to the square.",)),
    _cue("stance_participle", "a stance participle and its agent: a bill opposed by X",
         WordCue(verbs.stance_participle, _VERB,
                 lemmas=lambda lex: lex.stance_verbs),
         ("The measure, opposed by the unions, failed in the senate.",),
         ("The measure, passed by the senate, took effect in May.",)),
    _cue("view_participle", "a participle judging the noun it follows: a state seen as critical",
         WordCue(verbs.view_participle, _VERB),
         ("The dam, seen as critical to the region, was repaired.",),
         ("The dam, built in 1960, was repaired.",)),
    _cue("verb", "a reporting verb and what it reports: X said Y, X referred to Y",
         WordCue(verbs.verb, _VERB),
         ("The governor said the bridge would reopen in June.",),
         ("The governor visited the bridge in June.",)),
    _cue("noun", "a cue noun and its possessor: X's claim that Y",
         WordCue(nouns.noun_cue, _NOUN,
                 lemmas=lambda lex: lex.noun_cues | lex.unsourced_nouns),
         ("The union's warning that wages would fall came too late.",),
         ("The union's office is near the port.",)),
    _cue("stance_noun", "a predicate stance noun: X is a critic of Y",
         WordCue(nouns.stance_holder, _NOUN, lemmas=lambda lex: lex.stance_nouns),
         ("The mayor is a fierce critic of the toll.",),
         ("Critics of the toll rallied in the square.",)),
    _cue("copular_noun", "a possessed cue noun and the clause a copula gives it: X's answer was Y",
         WordCue(nouns.copular_noun, _NOUN, lemmas=lambda lex: lex.copula_cue_nouns),
         ("Ortiz's answer was that the toll stays.",),
         ("Ortiz's statement was a reminder of the past.",)),
    _cue("in_view", "the clause around “in X's view” is X's",
         WordCue(nouns.in_view, _NOUN, lemmas=lambda lex: lex.view_nouns),
         ("In her view, the toll is unfair to the poor.",),
         ("The view from the bridge is wide.",)),
    _cue("attitude", "a stance adjective and its complement: X is wary of Y",
         WordCue(nouns.attitude, frozenset({"ADJ"}), lemmas=lambda lex: lex.attitude_adjectives
                 | lex.attitude_prep_adjectives),
         ("The mayor is wary of the new toll.",),
         ("The mayor is tall.",)),
])
