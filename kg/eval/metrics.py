"""Score records: match counts with precision/recall/F1, accuracies, and per-document issues."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, computed_field

from kg.eval.spans import Pieces, match, outer, overlap

IssueKind = Literal["miss", "false_positive", "wrong_type", "wrong_value"]


class ScoreRecord(BaseModel):
    """Base of score records: frozen, unknown fields are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def _div(num: float, den: float) -> float:
    return num / den if den else 0.0


class Counts(ScoreRecord):
    """Matched (tp), spurious (fp) and missed (fn) items, with the derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        """Return tp / (tp + fp), 0 when nothing was predicted."""
        return _div(self.tp, self.tp + self.fp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        """Return tp / (tp + fn), 0 when there is no gold item."""
        return _div(self.tp, self.tp + self.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        return _div(2 * self.precision * self.recall, self.precision + self.recall)

    def __add__(self, other: Counts) -> Counts:
        return Counts(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)


class Ratio(ScoreRecord):
    """An accuracy: how many of `total` items were `correct`."""

    correct: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float:
        """Return correct / total, 0 when there is nothing to judge."""
        return _div(self.correct, self.total)

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(correct=self.correct + other.correct, total=self.total + other.total)


class Issue(ScoreRecord):
    """One scoring error in one document, for developers hunting general faults."""

    doc_id: str
    metric: str  # the counts it belongs to, e.g. "relaxed" or "cue"
    kind: IssueKind
    start: int
    end: int
    text: str
    detail: str = ""  # gold vs predicted attribute, or the nearest gold/predicted span


class TaskResult(ScoreRecord):
    """Scores of one task (timex, entities, ...) over one or more documents."""

    task: str
    docs: int = 1
    counts: dict[str, Counts] = {}
    ratios: dict[str, Ratio] = {}
    issues: tuple[Issue, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def attribute_f1(self) -> dict[str, float]:
        """Return relaxed F1 x accuracy of each attribute judged on relaxed matches (TempEval-3)."""
        if "relaxed" not in self.counts:
            return {}
        base = self.counts["relaxed"].f1
        return {name: base * self.ratios[name].accuracy
                for name in ("type", "value", "class") if name in self.ratios}


def total(results: Iterable[TaskResult]) -> list[TaskResult]:
    """Sum results task by task (micro-average), keeping the order tasks first appear in."""
    docs: dict[str, int] = {}
    counts: dict[str, dict[str, Counts]] = {}
    ratios: dict[str, dict[str, Ratio]] = {}
    issues: dict[str, list[Issue]] = {}
    for result in results:
        task = result.task
        docs[task] = docs.get(task, 0) + result.docs
        for name, value in result.counts.items():
            counts.setdefault(task, {})[name] = counts.get(task, {}).get(name, Counts()) + value
        for name, ratio in result.ratios.items():
            ratios.setdefault(task, {})[name] = ratios.get(task, {}).get(name, Ratio()) + ratio
        issues.setdefault(task, []).extend(result.issues)
    return [TaskResult(task=task, docs=n, counts=counts.get(task, {}), ratios=ratios.get(task, {}),
                       issues=tuple(issues[task])) for task, n in docs.items()]


def score_spans(doc_id: str, text: str, metric: str, gold: Sequence[Pieces],
                pred: Sequence[Pieces], *, exact: Callable[[Pieces, Pieces], bool] | None = None,
                ignore: Callable[[int], bool] | None = None,
                allowed: Callable[[int, int], bool] | None = None,
                ) -> tuple[Counts, list[tuple[int, int]], list[Issue]]:
    """Match predictions to gold one-to-one and count them, listing misses and false positives.

    Args:
        doc_id: Document the spans come from, for the issues.
        text: Document text, to quote the spans in the issues.
        metric: Name the counts go under.
        gold: Gold spans.
        pred: Predicted spans.
        exact: Exact-match test; None means any overlap matches.
        ignore: Predictions left unmatched for which this holds are neither true nor false.
        allowed: Extra condition a `(gold_index, pred_index)` pair must meet to match.

    Returns:
        The counts, the `(gold_index, pred_index)` pairs, and the issues.
    """
    pairs = match(gold, pred, exact=exact, allowed=allowed)
    hit_gold = {g for g, _ in pairs}
    hit_pred = {p for _, p in pairs}
    issues: list[Issue] = []
    for gi, g in enumerate(gold):
        if gi not in hit_gold:
            issues.append(_issue(doc_id, text, metric, "miss", g, pred))
    fp = 0
    for pi, p in enumerate(pred):
        if pi in hit_pred or (ignore is not None and ignore(pi)):
            continue
        fp += 1
        issues.append(_issue(doc_id, text, metric, "false_positive", p, gold))
    counts = Counts(tp=len(pairs), fp=fp, fn=len(gold) - len(pairs))
    return counts, pairs, issues


def _issue(doc_id: str, text: str, metric: str, kind: IssueKind, span: Pieces,
           others: Sequence[Pieces]) -> Issue:
    start, end = outer(span)
    near = max(others, key=lambda o: overlap(span, o), default=None)
    detail = ""
    if near is not None and overlap(span, near):
        ns, ne = outer(near)
        detail = f"{'predicted' if kind == 'miss' else 'gold'} {text[ns:ne]!r}"
    return Issue(doc_id=doc_id, metric=metric, kind=kind, start=start, end=end,
                 text=text[start:end], detail=detail)
