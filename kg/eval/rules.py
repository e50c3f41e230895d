"""Score each extraction rule on the gold: how many of the events and statements it made match a
gold event trigger or statement cue (true positives) and how many match none (false positives).

A rule's recall cannot be read off its own records (a gold item missed is missed by no rule);
`kg.eval.ablate` measures what switching a rule off does to every score instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import computed_field

from kg.errors import KGError
from kg.eval.events import event_hits
from kg.eval.gold import GoldDoc
from kg.eval.metrics import ScoreRecord
from kg.eval.statements import statement_hits
from kg.model import Event, Extraction, Statement

NO_RULE = "(no rule)"


class RuleScore(ScoreRecord):
    """True and false positives of one rule on one task, summed over the gold documents."""

    task: str  # "events", "statements", "statements_derived"
    rule: str
    tp: int = 0
    fp: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        """Return tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0


def _hits(doc: GoldDoc, extraction: Extraction
          ) -> Iterable[tuple[str, Event | Statement, bool]]:
    for event, hit in event_hits(doc, extraction) or ():
        yield "events", event, hit
    found = statement_hits(doc, extraction)
    if found is not None:
        task, pairs = found
        for statement, hit in pairs:
            yield task, statement, hit


def score_rules(docs: Sequence[GoldDoc], results: Iterable[Extraction | KGError]
                ) -> list[RuleScore]:
    """Count, per task and rule, the records that match gold (tp) and those that do not (fp).

    Rows come in task order, then by rule name; a record without a rule counts under "(no rule)".
    """
    counts: dict[tuple[str, str], list[int]] = {}
    for doc, result in zip(docs, results, strict=True):
        if isinstance(result, KGError):
            continue
        for task, record, hit in _hits(doc, result):
            row = counts.setdefault((task, record.rule or NO_RULE), [0, 0])
            row[0 if hit else 1] += 1
    order = {"events": 0, "statements": 1, "statements_derived": 2}
    return [RuleScore(task=task, rule=rule, tp=tp, fp=fp)
            for (task, rule), (tp, fp) in sorted(counts.items(),
                                                 key=lambda kv: (order.get(kv[0][0], 9), kv[0]))]


def render_rules(scores: Sequence[RuleScore]) -> str:
    """Render rule scores as one table: task, rule, tp, fp, precision."""
    width = max((len(s.rule) for s in scores), default=4)
    lines = [f"{'task':<20} {'rule':<{width}} {'tp':>6} {'fp':>6} {'prec':>6}"]
    lines += [f"{s.task:<20} {s.rule:<{width}} {s.tp:>6} {s.fp:>6} {s.precision:>6.3f}"
              for s in scores]
    return "\n".join(lines)
