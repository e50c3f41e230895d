"""The events stage's rules as named data, in the order they are tried: triggers, the vetoes
over them, then how agents and targets are read and how real each event is (see
`kg.extract.common.rules`)."""

from __future__ import annotations

from typing import Any

from kg.extract.common.rules import RuleTable
from kg.extract.events.args import AGENTS, TARGETS
from kg.extract.events.factuality import FACTUALITY
from kg.extract.events.triggers import TRIGGERS, VETOES

RULES: tuple[RuleTable[Any], ...] = (TRIGGERS, VETOES, AGENTS, TARGETS, FACTUALITY)
