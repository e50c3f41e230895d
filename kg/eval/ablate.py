"""Ablation: what each extraction rule buys, as the change in every score when it is switched off.

The gold texts are parsed once (from the parse cache when given), the stages run once with every
rule on, and what each stage made is kept; then, per rule, the stage that owns the rule
("statements.cue.x" belongs to the `statements` stage) runs again with that rule switched off
(`Settings.disabled_rules`), the stages after it only on the documents where that stage's records
changed, and the report is compared metric by metric.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg.config import Settings
from kg.errors import KGError
from kg.eval.gold import GoldDoc
from kg.eval.metrics import ScoreRecord
from kg.eval.report import EvalReport
from kg.eval.run import gold_parses, score
from kg.model import Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.extract.pipeline import Pipeline


class Change(ScoreRecord):
    """One score that moved: F1 of a counts metric or accuracy of a ratio, before and after."""

    corpus: str
    task: str
    metric: str
    before: float
    after: float
    detail: str = ""  # "tp -12, fp +3, fn +12" or "correct -1 of 40"

    @property
    def delta(self) -> float:
        """Return after - before."""
        return self.after - self.before


class Ablation(ScoreRecord):
    """What switching one rule off changed on the gold."""

    rule: str
    changes: tuple[Change, ...] = ()
    note: str = ""


def _signed(name: str, value: int) -> str:
    return f"{name} {value:+d}"


def compare(before: EvalReport, after: EvalReport) -> list[Change]:
    """List the metrics whose counts or ratios differ between two reports of the same docs."""
    changes: list[Change] = []
    for old_corpus in before.corpora:
        new_corpus = after.corpus(old_corpus.corpus)
        for old in old_corpus.tasks:
            new = new_corpus.task(old.task)
            for metric, a in old.counts.items():
                b = new.counts[metric]
                if a != b:
                    moved = [(n, getattr(b, n) - getattr(a, n)) for n in ("tp", "fp", "fn")]
                    detail = ", ".join(_signed(n, d) for n, d in moved if d)
                    changes.append(Change(corpus=old_corpus.corpus, task=old.task, metric=metric,
                                          before=a.f1, after=b.f1, detail=detail))
            for metric, r in old.ratios.items():
                s = new.ratios[metric]
                if r != s:
                    detail = f"correct {s.correct - r.correct:+d} of {s.total}"
                    changes.append(Change(corpus=old_corpus.corpus, task=old.task, metric=metric,
                                          before=r.accuracy, after=s.accuracy, detail=detail))
    return changes


def _staged(pipeline: Pipeline, docs: Sequence[GoldDoc], parsed: Sequence[Doc]
            ) -> list[list[Extraction] | KGError]:
    """Run the stages once per document, keeping what each made (index 0: the bare article)."""
    out: list[list[Extraction] | KGError] = []
    for doc, parse in zip(docs, parsed, strict=True):
        steps = [Extraction(article=doc.to_article(), run=pipeline.run_info)]
        try:
            for index in range(len(pipeline.stages)):
                steps.append(pipeline.apply(steps[-1].article, parse, after=steps[-1],
                                            first=index, last=index + 1))
        except KGError as exc:
            out.append(exc)
            continue
        out.append(steps)
    return out


def _same(a: Extraction, b: Extraction) -> bool:
    """Tell whether two extractions of one article hold the same records (runs may differ)."""
    return (a.times, a.places, a.actors, a.events, a.statements) == \
        (b.times, b.places, b.actors, b.events, b.statements)


def _without(pipeline: Pipeline, rule: str) -> Pipeline:
    from kg.extract.pipeline import Pipeline

    data = pipeline.settings.model_dump()
    data["disabled_rules"] = (*pipeline.settings.disabled_rules, rule)
    return Pipeline(Settings.model_validate(data), nlp=pipeline.nlp)


def ablate(docs: Sequence[GoldDoc], rules: Sequence[str], *, pipeline: Pipeline,
           parse_cache: Path | None = None
           ) -> tuple[EvalReport, list[Ablation], list[Extraction | KGError]]:
    """Score the gold with every rule on, then with each of `rules` switched off in turn.

    Returns:
        The report with every rule on, one `Ablation` per rule in the order given, and the
        extraction (or failure) of each document with every rule on.
    """
    parsed = gold_parses(docs, pipeline, parse_cache)
    staged = _staged(pipeline, docs, parsed)
    results = [s if isinstance(s, KGError) else s[-1] for s in staged]
    base = score(docs, results)
    names = [name for name, _ in pipeline.stages]
    ablations: list[Ablation] = []
    for rule in rules:
        owner = rule.split(".", 1)[0]
        if owner not in names:
            ablations.append(Ablation(rule=rule, note=f"stage {owner!r} is not run"))
            continue
        first = names.index(owner)
        variant = _without(pipeline, rule)
        changed: list[Extraction | KGError] = []
        for steps, parse in zip(staged, parsed, strict=True):
            if isinstance(steps, KGError):
                changed.append(steps)
                continue
            try:
                own = variant.apply(steps[first].article, parse, after=steps[first],
                                    first=first, last=first + 1)
                # stages are deterministic: when the rule's own stage made the same records,
                # so does every stage after it
                changed.append(steps[-1] if _same(own, steps[first + 1]) else
                               variant.apply(own.article, parse, after=own, first=first + 1))
            except KGError as exc:
                changed.append(exc)
        ablations.append(Ablation(rule=rule, changes=tuple(compare(base, score(docs, changed)))))
    return base, ablations, results


def render_ablations(ablations: Sequence[Ablation], *, strict: bool = False) -> str:
    """Render one block per rule: each score that moved when the rule was off (the "_strict"
    variants of span metrics only with `strict`)."""
    lines: list[str] = []
    for ablation in ablations:
        shown = [c for c in ablation.changes if strict or not c.metric.endswith("_strict")]
        if ablation.note:
            lines.append(f"{ablation.rule}: {ablation.note}")
        elif not shown:
            lines.append(f"{ablation.rule}: no score changes when it is off")
        else:
            lines.append(f"{ablation.rule}: when it is off")
            lines += [f"  {c.corpus} {c.task} {c.metric}: {c.before:.4f} -> {c.after:.4f} "
                      f"({c.delta:+.4f}; {c.detail})" for c in shown]
    return "\n".join(lines)
