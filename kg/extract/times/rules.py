"""The times stage's rules as named data: the grammar's patterns, in the order they are tried,
then the vetoes over their matches (see `kg.extract.common.rules`)."""

from __future__ import annotations

from typing import Any

from kg.extract.common.rules import RuleTable
from kg.extract.times.grammar import GRAMMAR
from kg.extract.times.vetoes import VETOES

RULES: tuple[RuleTable[Any], ...] = (GRAMMAR, VETOES)
