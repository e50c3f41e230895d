"""The times stage's rules as named data: the grammar's patterns, in the order they are tried
(see `kg.extract.common.rules`)."""

from __future__ import annotations

from typing import Any

from kg.extract.common.rules import RuleTable
from kg.extract.times.grammar import GRAMMAR

RULES: tuple[RuleTable[Any], ...] = (GRAMMAR,)
