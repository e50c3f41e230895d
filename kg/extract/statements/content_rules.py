"""The content rules of the statements stage: what a cue verb reports, in the order tried.

The first rule that finds a content wins. The fallbacks at the end are tried when no rule before
them finds one. Each rule's `examples` get another content (or none) with the rule switched off;
its `counter` sentences get the same statements either way.
"""

from __future__ import annotations

from kg.extract.common.rules import Rule, RuleTable
from kg.extract.statements import reported as r
from kg.extract.statements.content import ContentRule


def _content(name: str, why: str, apply: ContentRule, examples: tuple[str, ...],
             counter: tuple[str, ...] = ()) -> Rule[ContentRule]:
    return Rule(f"statements.content.{name}", why, apply, examples, counter)


CONTENT: RuleTable[ContentRule] = RuleTable("statements.content", [
    _content("as_view", "a view verb's object and its “as” phrase: X sees Y as a threat",
             ContentRule(r.as_view),
             ("The mayor sees the dam as a threat to the town.",),
             ("The mayor saw the film on Monday.",)),
    _content("complement", "the clause complement of the cue: X said Y would go",
             ContentRule(r.complement),
             ("The governor said the bridge would reopen in June.",),
             ("The senator referred to the flooding in the valley.",)),
    _content("if_question", "the “if” question of an asking verb: X asked if Y",
             ContentRule(r.if_question),
             ("The council asked the mayor if the toll would stay.",),
             ("The mayor would say no if asked.",)),
    _content("wh_question", "a question infinitive: X knows how to win",
             ContentRule(r.wh_question),
             ("The coach explained how to win the title.",),
             ("The coach explained the plan to the team.",)),
    _content("statement_that", "a that-clause on the cue's object: X said in a statement that Y",
             ContentRule(r.statement_that),
             ("The union wrote in a letter that the strike would continue.",),
             ("The union wrote a letter to the council.",)),
    _content("impression", "a raising verb's subject and predicate: X seemed ready to go; "
             "without a predicate it reports nothing (X appeared on television)",
             ContentRule(r.impression),
             ("The mayor appeared on television about the toll.",),
             ("The mayor appeared in court on Monday.",)),
    _content("after_prep", "what follows the preposition of a prepositional cue: X referred to Y",
             ContentRule(r.after_prep),
             ("The senator referred to the flooding in the valley.",),
             ("The senator said the bridge was closed.",)),
    _content("request", "a request's object and what it is asked to do: X urged Y to go",
             ContentRule(r.request),
             ("The council urged residents to leave the valley.",),
             ("The council urged calm.",)),
    _content("naming", "a naming verb's object and name: X called Y a disaster",
             ContentRule(r.naming),
             ("The mayor called the plan a disaster.",),
             ("The mayor said the plan was a disaster.",)),
    _content("naming_lost_object", "a naming verb whose object the parse hung in the predicate",
             ContentRule(r.naming_lost_object),
             ("Ortiz called Trump “a fraud” and left.",),
             ("The mayor called Brenner a liar.",)),
    _content("direct_object", "each object in turn: quoted, an object verb's with its reason "
             "(X criticized Y for Z), a blamed one and its fault, a relative one called “as” Y",
             ContentRule(r.direct_object),
             ("The mayor criticized the council for its silence.",),
             ("The mayor denied it.",)),
    _content("gerund", "a gerund clause of the cue: X endorsed putting cameras on officers",
             ContentRule(r.gerund),
             ("The mayor endorsed putting cameras on police officers.",),
             ("The mayor continued delivering the speech.",)),
    _content("antecedent", "the antecedent of a relative clause cue: a deal she supported",
             ContentRule(r.antecedent),
             ("It was a deal she once supported.",),
             ("It was a deal that she signed.",)),
    _content("answer", "a one-word answer: X said so, X said no",
             ContentRule(r.answer),
             ("The mayor said no.",),
             ("The mayor said nothing.",)),
    _content("passive_subject", "the subject of a passive object verb with an agent: Y was "
             "criticized by X",
             ContentRule(r.passive_subject),
             ("The plan was criticized by the unions.",),
             ("The plan was approved by the council.",)),
    _content("infinitive", "the infinitive of a verb that reports one: X promised to cut taxes",
             ContentRule(r.infinitive),
             ("The mayor promised to cut taxes.",),
             ("The mayor said the council would cut taxes.",)),
    _content("topic", "the object of a topic preposition: X boasted of Y",
             ContentRule(r.topic),
             ("The mayor boasted of his skills.",),
             ("The mayor spoke on Monday.",)),
    _content("than", "the clause a “than” clause measures: Y was higher than X forecast",
             ContentRule(r.than),
             ("Turnout was higher than most analysts had forecast.",),
             ("The toll was raised sooner than expected.",)),
    _content("adjacent_quote", "a quotation right before or after a cue clause",
             ContentRule(r.adjacent_quote, fallback=True),
             ("“Never again,” the mayor, who was tired, insisted.",),
             ("The mayor said the bridge is safe.",)),
    _content("commented", "the clause an “as X said” clause comments on",
             ContentRule(r.commented, "around", fallback=True),
             ("As the mayor noted, the bridge is closed.",),
             ("As the river rose, the mayor closed the bridge.",)),
    _content("parenthetical", "the sentence a parenthetical cue clause stands in: A, X said, B",
             ContentRule(r.parenthetical, "around", fallback=True),
             ("The harbour, the port authority said, is closed to ships.",),
             ("The mayor said the bridge is closed.",)),
    _content("passive_clause", "the whole clause of a passive cue without an agent: X is known "
             "as Y",
             ContentRule(r.passive_clause, "whole", fallback=True),
             ("The senator is known as a fierce critic.",),
             ("The senator was not reported as a critic.",)),
])
