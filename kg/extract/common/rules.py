"""Rules as named data: each hand-written extraction rule is an entry of an ordered table, with a
name, a one-line reason, the function or spaCy pattern that applies it, and sentences written for
the test that it must fire on (`examples`) and must not fire on (`counter`).

A rule's name is dotted, `<stage>.<group>.<name>` ("statements.cue.according_to"); the name of
the rule that made an `Event` or a `Statement` is stored on it (`kg:rule` in RDF). A table keeps
its rules in the order they are tried; `Settings.disabled_rules` switches rules off by name or by
a prefix of names ("statements.veto" switches off every veto), which is how `kg eval --ablate`
measures what each rule buys.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

_NAME = re.compile(r"^[a-z]+(\.[a-z0-9_]+)+$")


@dataclass(frozen=True)
class Rule(Generic[T]):
    """One extraction rule: its dotted name, why it exists, what applies it, its examples, and
    what its input must show for it to find anything (`needs`: alternatives, each a few words
    that must all hold, in the vocabulary of the table's reader; a reader may skip the rule when
    none holds, and tries it always when `needs` is empty)."""

    name: str
    why: str
    apply: T
    examples: tuple[str, ...] = ()
    counter: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()

    @functools.cached_property
    def need_sets(self) -> tuple[frozenset[str], ...]:
        """The needs as sets of words, read once."""
        return tuple(frozenset(need.split()) for need in self.needs)

    def meets(self, has: AbstractSet[str]) -> bool:
        """Tell whether an input showing the words `has` meets one of the needs (any input
        does when there are none)."""
        return not self.need_sets or any(need <= has for need in self.need_sets)

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"rule name {self.name!r} is not '<stage>.<group>.<name>' in "
                             f"lowercase words")
        if not self.why.strip():
            raise ValueError(f"rule {self.name!r} says nothing of why it exists")


def is_disabled(name: str, disabled: Collection[str]) -> bool:
    """Tell whether a rule is switched off: by its own name or by a prefix of dotted parts.

    Examples:
        >>> is_disabled("statements.veto.purpose", ("statements.veto",))
        True
        >>> is_disabled("statements.vetoes", ("statements.veto",))
        False
    """
    return any(name == off or name.startswith(off + ".") for off in disabled)


class RuleTable(Generic[T]):
    """An ordered table of rules with unique names under one prefix ("statements.cue")."""

    def __init__(self, prefix: str, rules: Sequence[Rule[T]]) -> None:
        names = [rule.name for rule in rules]
        if len(set(names)) != len(names):
            raise ValueError(f"rule table {prefix!r} names a rule twice: "
                             f"{sorted({n for n in names if names.count(n) > 1})}")
        stray = [n for n in names if not n.startswith(prefix + ".")]
        if stray:
            raise ValueError(f"rules {stray} do not belong under {prefix!r}")
        self.prefix = prefix
        self.rules = tuple(rules)

    def __iter__(self) -> Iterator[Rule[T]]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def names(self) -> tuple[str, ...]:
        """The rule names, in the order the rules are tried."""
        return tuple(rule.name for rule in self.rules)

    def active(self, disabled: Collection[str] = ()) -> tuple[Rule[T], ...]:
        """Return the rules not switched off by `disabled`, in order."""
        return tuple(r for r in self.rules if not is_disabled(r.name, disabled))
