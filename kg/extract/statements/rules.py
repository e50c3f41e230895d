"""The rule tables of the statements stage, in the order the finder applies them.

`cue_rules` (what makes an attribution), `veto_rules` (what looks like a cue but reports nothing),
`content_rules` (what a cue verb reports) and `join_rules` (how attributions combine). Switch a
rule off with `Settings.disabled_rules`; `finder` builds the finder with the rest.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from kg.extract.common.rules import RuleTable
from kg.extract.statements.content_rules import CONTENT
from kg.extract.statements.cue_rules import CUES
from kg.extract.statements.find import AttributionFinder
from kg.extract.statements.join_rules import JOINS
from kg.extract.statements.lexicon import speech_lexicon
from kg.extract.statements.veto_rules import VETOES

RULES: tuple[RuleTable[Any], ...] = (CUES, VETOES, CONTENT, JOINS)


def finder(disabled: Collection[str] = ()) -> AttributionFinder:
    """Build the attribution finder with every rule not switched off by `disabled`."""
    return AttributionFinder(speech_lexicon(), cues=CUES.active(disabled),
                             vetoes=VETOES.active(disabled), content=CONTENT.active(disabled),
                             joins=JOINS.active(disabled))
