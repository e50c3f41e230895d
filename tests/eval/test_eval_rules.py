"""Tests of `kg eval --by-rule` and `--ablate`: rule scores add up to the task scores, and
switching off a rule that made a matching statement lowers the score it contributed to."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from kg.cli import app
from kg.config import Settings
from kg.eval import load_gold, score
from kg.eval.ablate import ablate, compare
from kg.eval.rules import score_rules
from kg.eval.run import gold_results
from kg.extract import rule_tables
from kg.extract.pipeline import Pipeline
from tests.conftest import TEST_DATA

DATA = TEST_DATA / "eval"


def test_every_stage_with_rules_lists_them_in_rule_tables() -> None:
    names = [rule.name for table in rule_tables() for rule in table]
    assert len(names) == len(set(names))
    assert {name.split(".")[0] for name in names} >= {"statements", "events"}


def test_rule_scores_add_up_to_the_cue_and_trigger_counts(pipeline: Pipeline) -> None:
    docs = load_gold([DATA])
    results = list(gold_results(docs, pipeline=pipeline))
    report = score(docs, results)
    rows = score_rules(docs, results)
    quotes = report.corpus("quotes").task("statements").counts["cue"]
    statement_rows = [r for r in rows if r.task == "statements"]
    assert sum(r.tp for r in statement_rows) == quotes.tp > 0
    assert sum(r.fp for r in statement_rows) == quotes.fp
    assert all(r.rule != "(no rule)" for r in rows)


def test_switching_off_every_cue_rule_loses_every_cue_match(pipeline: Pipeline) -> None:
    docs = load_gold([DATA])
    base, [ablation], _ = ablate(docs, ["statements.cue"], pipeline=pipeline)
    [cue] = [c for c in ablation.changes if (c.corpus, c.task, c.metric) ==
             ("quotes", "statements", "cue")]
    before = base.corpus("quotes").task("statements").counts["cue"]
    assert cue.before == before.f1 > 0 and cue.after == 0
    assert f"tp -{before.tp}" in cue.detail


def test_rerunning_one_stage_gives_what_a_whole_run_without_the_rule_gives(
        pipeline: Pipeline) -> None:
    docs = load_gold([DATA])
    rows = score_rules(docs, list(gold_results(docs, pipeline=pipeline)))
    rule = max((r for r in rows if r.task == "statements"), key=lambda r: r.tp).rule
    base, [ablation], _ = ablate(docs, [rule], pipeline=pipeline)
    without = Pipeline(Settings(disabled_rules=(rule,)), nlp=pipeline.nlp)
    whole = score(docs, list(gold_results(docs, pipeline=without)))
    assert ablation.changes == tuple(compare(base, whole))


def test_ablating_a_rule_of_a_stage_not_run_says_so() -> None:
    docs = load_gold([DATA])
    pipeline = Pipeline(Settings(stages=("times",)))
    _, [ablation], _ = ablate(docs, ["statements.cue.anything"], pipeline=pipeline)
    assert ablation.note == "stage 'statements' is not run" and not ablation.changes


def test_cli_prints_rule_scores_and_ablations_as_json(tmp_path) -> None:
    result = CliRunner().invoke(app, ["eval", str(DATA), "--by-rule", "--ablate", "--json",
                                      "--rules", "statements.cue", "--parse-cache",
                                      str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["by_rule"] and data["ablations"]
    assert all(a["rule"].startswith("statements.cue.") for a in data["ablations"])
    assert data["report"]["corpora"]


def test_cli_refuses_a_rule_prefix_that_names_no_rule() -> None:
    result = CliRunner().invoke(app, ["eval", str(DATA), "--ablate", "--rules", "nosuch."])
    assert result.exit_code != 0
    assert "no rule name starts with ['nosuch.']" in result.output


def test_gold_loading_skips_a_folder_in_another_benchmark_format(tmp_path) -> None:
    shutil.copytree(DATA, tmp_path / "eval")
    other = tmp_path / "eval" / "timeline"
    other.mkdir()
    (other / "MANIFEST.json").write_text(json.dumps({"benchmark": "SemEval-2015 Task 4"}))
    assert [d.id for d in load_gold([tmp_path / "eval"])] == [d.id for d in load_gold([DATA])]
