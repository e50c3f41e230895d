"""The evaluation report record and its text rendering: a table per corpus, and error listings."""

from __future__ import annotations

from pydantic import computed_field

from kg.eval.identity import IdentityScore
from kg.eval.metrics import Counts, Issue, Ratio, ScoreRecord, TaskResult
from kg.model import Failure


class CorpusReport(ScoreRecord):
    """Scores of one corpus (the gold id prefix), micro-averaged over its documents."""

    corpus: str
    docs: int
    failures: tuple[Failure, ...] = ()
    tasks: tuple[TaskResult, ...] = ()
    identity: IdentityScore | None = None  # cross-document actor identity (kg.eval.identity)

    def task(self, name: str) -> TaskResult:
        """Return the result of one task.

        Raises:
            KeyError: If the task was not scored on this corpus.
        """
        for result in self.tasks:
            if result.task == name:
                return result
        raise KeyError(f"task {name!r} not scored on {self.corpus!r}; scored: "
                       f"{[t.task for t in self.tasks]}")


class EvalReport(ScoreRecord):
    """Scores of a whole evaluation run, one entry per corpus, with the wall time."""

    corpora: tuple[CorpusReport, ...]
    seconds: float = 0.0
    details: bool = False  # whether per-document issues were kept

    @computed_field  # type: ignore[prop-decorator]
    @property
    def docs(self) -> int:
        """Return how many documents were evaluated."""
        return sum(c.docs for c in self.corpora)

    def corpus(self, name: str) -> CorpusReport:
        """Return one corpus report.

        Raises:
            KeyError: If no document of that corpus was evaluated.
        """
        for report in self.corpora:
            if report.corpus == name:
                return report
        raise KeyError(f"corpus {name!r} not evaluated; evaluated: "
                       f"{[c.corpus for c in self.corpora]}")


SHOWN_FAILURES = 5  # the table lists only the first few failed documents of a corpus

_HEAD = (f"  {'task':<20}{'metric':<20}{'P':>7}{'R':>7}{'F1':>7}{'acc':>7}"
         f"{'tp':>7}{'fp':>7}{'fn':>7}")


def _counts_row(task: str, metric: str, c: Counts) -> str:
    return (f"  {task:<20}{metric:<20}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{'':>7}"
            f"{c.tp:>7}{c.fp:>7}{c.fn:>7}")


def _ratio_row(task: str, metric: str, r: Ratio) -> str:
    return f"  {task:<20}{metric + ' acc':<20}{'':>21}{r.accuracy:>7.3f}{r.correct:>7}/{r.total}"


def _f1_row(task: str, metric: str, f1: float) -> str:
    return f"  {task:<20}{metric + ' F1':<20}{'':>14}{f1:>7.3f}"


def _identity_rows(score: IdentityScore) -> list[str]:
    b3 = (f"  {'identity':<20}{'bcubed':<20}{score.precision:>7.3f}{score.recall:>7.3f}"
          f"{score.f1:>7.3f}{'':>7}  {score.found}/{score.items} gold names found")
    return [b3, _ratio_row("identity", "kind", score.kind)]


def render(report: EvalReport) -> str:
    """Render the report as one plain-text table per corpus, with the wall time at the end."""
    lines: list[str] = []
    for corpus in report.corpora:
        lines.append(f"{corpus.corpus}: {corpus.docs} docs, {len(corpus.failures)} failed")
        lines.append(_HEAD)
        for task in corpus.tasks:
            lines += [_counts_row(task.task, name, c) for name, c in task.counts.items()]
            lines += [_ratio_row(task.task, name, r) for name, r in task.ratios.items()]
            lines += [_f1_row(task.task, name, f) for name, f in task.attribute_f1.items()]
        if corpus.identity is not None:
            lines += _identity_rows(corpus.identity)
        lines += [f"  failed {f.article_id}: {f.message}" for f in corpus.failures[:SHOWN_FAILURES]]
        if len(corpus.failures) > SHOWN_FAILURES:
            lines.append(f"  ... and {len(corpus.failures) - SHOWN_FAILURES} more failures")
        lines.append("")
    rate = report.docs / report.seconds if report.seconds else 0.0
    lines.append(f"{report.docs} docs in {report.seconds:.1f} s ({rate:.1f} docs/s)")
    return "\n".join(lines)


def issues(report: EvalReport, task: str, *, metric: str | None = None) -> list[Issue]:
    """Return the kept issues of one task (and optionally one metric), in document order.

    Raises:
        ValueError: If the report was made without details, so no issues were kept.
    """
    if not report.details:
        raise ValueError("report has no per-document issues; evaluate with details=True")
    if task == "identity":
        return [i for c in report.corpora if c.identity is not None for i in c.identity.issues
                if metric is None or i.metric == metric]
    return [i for c in report.corpora for t in c.tasks if t.task == task for i in t.issues
            if metric is None or i.metric == metric]


def render_errors(report: EvalReport, task: str, *, metric: str | None = None) -> str:
    """Render the misses, false positives and wrong attributes of one task, per document.

    Raises:
        ValueError: If the report was made without details.
    """
    by_doc: dict[str, list[Issue]] = {}
    for issue in issues(report, task, metric=metric):
        by_doc.setdefault(issue.doc_id, []).append(issue)
    lines: list[str] = []
    for doc, found in by_doc.items():
        lines.append(doc)
        for issue in sorted(found, key=lambda i: (i.start, i.end)):
            detail = f"  [{issue.detail}]" if issue.detail else ""
            lines.append(f"  {issue.metric:<16}{issue.kind:<15}{issue.start:>6}-{issue.end:<6}"
                         f"{issue.text!r}{detail}")
    return "\n".join(lines)
