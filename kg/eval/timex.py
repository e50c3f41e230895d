"""TIMEX scoring, TempEval-3 Task A: strict and relaxed span F1, type and value accuracy."""

from __future__ import annotations

from kg.eval.gold import GoldDoc
from kg.eval.metrics import Issue, Ratio, TaskResult, score_spans
from kg.eval.spans import inside, same
from kg.model import Extraction


def score_timex(doc: GoldDoc, extraction: Extraction) -> TaskResult | None:
    """Score `Extraction.times` against the gold TIMEX3 layer, or None if it is not gold.

    Strict matches need identical offsets, relaxed matches any overlap (one-to-one). Type and
    value are judged on the relaxed matches; value F1 = relaxed F1 x value accuracy.
    """
    if doc.layers.status("timex") != "gold":
        return None
    regions = doc.annotated_regions
    gold = [t for t in doc.timex if inside(t.pieces, regions)]
    pred = [t for t in extraction.times if inside(((t.start, t.end),), regions)]
    gold_spans = [t.pieces for t in gold]
    pred_spans = [((t.start, t.end),) for t in pred]
    strict, _, strict_issues = score_spans(doc.id, doc.text, "strict", gold_spans, pred_spans,
                                           exact=same)
    relaxed, pairs, issues = score_spans(doc.id, doc.text, "relaxed", gold_spans, pred_spans)
    types = Ratio(correct=sum(gold[g].type == pred[p].type for g, p in pairs), total=len(pairs))
    values = Ratio(correct=sum(gold[g].value == pred[p].value for g, p in pairs),
                   total=len(pairs))
    for g, p in pairs:
        for attribute, kind in (("type", "wrong_type"), ("value", "wrong_value")):
            want, got = getattr(gold[g], attribute), getattr(pred[p], attribute)
            if want != got:
                issues.append(Issue(doc_id=doc.id, metric=attribute, kind=kind,
                                    start=gold[g].start, end=gold[g].end, text=gold[g].text,
                                    detail=f"gold {want!r}, predicted {got!r} ({pred[p].text!r})"))
    return TaskResult(task="timex", counts={"strict": strict, "relaxed": relaxed},
                      ratios={"type": types, "value": values},
                      issues=tuple(strict_issues + issues))
