"""Evaluation of the extraction pipeline on gold data: `evaluate`, `render`, `render_errors`."""

from __future__ import annotations

from kg.eval.gold import GoldDoc, load_gold
from kg.eval.metrics import Counts, Issue, Ratio, TaskResult
from kg.eval.report import CorpusReport, EvalReport, issues, render, render_errors
from kg.eval.run import evaluate, score

__all__ = ["Counts", "CorpusReport", "EvalReport", "GoldDoc", "Issue", "Ratio",
           "TaskResult", "evaluate", "issues", "load_gold", "render", "render_errors", "score"]
