"""The join rules of the statements stage: how the attributions found are combined, in order.

Each rule's `examples` get other statements (more, fewer, or other cues or contents) with the
rule switched off; its `counter` sentences get the same statements either way.
"""

from __future__ import annotations

from kg.extract.common.rules import Rule, RuleTable
from kg.extract.statements import joins
from kg.extract.statements.joins import Join


def _join(name: str, why: str, apply: Join, examples: tuple[str, ...],
          counter: tuple[str, ...] = ()) -> Rule[Join]:
    return Rule(f"statements.join.{name}", why, apply, examples, counter)


JOINS: RuleTable[Join] = RuleTable("statements.join", [
    _join("continue_quote", "a direct quote runs on over the next quotation without a cue",
          joins.continue_quote,
          ("“The bridge is closed,” the mayor said. “It will stay closed until June.”",),
          ("“The bridge is closed,” the mayor said. The council met on Monday.",)),
    _join("one_per_cue", "the attributions of one cue are one: “A,” X chanted “B.”",
          joins.one_per_cue,
          ("Outside the hall, “Close the mine,” miners chanted “Pay us what you owe.”",),
          ("“We stay,” the miners chanted.",)),
    _join("outside_other_cues", "a cue inside a longer cue is that cue: X expressed concern "
          "about Y",
          joins.outside_other_cues,
          ("The mayor expressed concern about the new toll.",),
          ("The mayor's concern about the toll grew.",)),
    _join("raised", "a raising verb and its predicate's cue are one: X seemed to indicate Y",
          joins.raised,
          ("The mayor seemed to indicate that the toll would stay.",),
          ("The mayor seemed tired.",)),
    _join("introduced", "a cue and the participle that introduces its content are one",
          joins.introduced,
          ("The mayor emailed residents saying: “The bridge is closed.”",),
          ("The mayor emailed residents on Monday.",)),
    _join("continued", "“continue” and the cue it continues are one: X continued her attacks",
          joins.continued,
          ("The mayor continued her attacks on the council: “The toll is unfair.”",),
          ("The mayor continued the meeting.",)),
    _join("unnest", "a cue inside another's indirect content is part of it: X said Y wants Z",
          joins.unnest,
          ("The mayor said the council wants a new toll.",),
          ("The mayor said the bridge is closed.",)),
])
