"""Extraction: importing this package registers every stage with the pipeline.

One subpackage per stage (`times`, `places`, `actors`, `events`, `statements`), each with its
`stage.py`, its modules and its lexicons; `common` holds what several stages share, `gazetteer`
the place tables, `nlp` the spaCy model and the components we add to it. Stages never import
each other.
"""

from __future__ import annotations

from typing import Any

from kg.extract.actors import kinds as actor_kinds
from kg.extract.actors import stage as actors
from kg.extract.common.rules import RuleTable
from kg.extract.events import rules as event_rules
from kg.extract.events import stage as events
from kg.extract.pipeline import REGISTRY, Pipeline, resolve
from kg.extract.places import stage as places
from kg.extract.statements import rules as statement_rules
from kg.extract.statements import stage as statements
from kg.extract.times import rules as time_rules
from kg.extract.times import stage as times

__all__ = ["REGISTRY", "Pipeline", "actors", "events", "places", "resolve", "rule_tables",
           "statements", "times"]


def rule_tables() -> tuple[RuleTable[Any], ...]:
    """Return every stage's rule tables, in pipeline order (what `kg eval --by-rule` and
    `--ablate` go through)."""
    return (*time_rules.RULES, actor_kinds.KIND_RULES, *event_rules.RULES,
            *statement_rules.RULES)
