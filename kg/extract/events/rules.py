"""The events stage's rules as named data, in the order they are tried: triggers, the vetoes
over them, the senses that type them, then how agents and targets are read (see
`kg.extract.common.rules`)."""

from __future__ import annotations

from typing import Any

from kg.extract.common.rules import RuleTable
from kg.extract.events.args import AGENTS, TARGETS
from kg.extract.events.senses import SENSES
from kg.extract.events.triggers import TRIGGERS, VETOES

RULES: tuple[RuleTable[Any], ...] = (TRIGGERS, VETOES, SENSES, AGENTS, TARGETS)
