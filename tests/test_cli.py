"""Tests for the `kg` command through typer's CliRunner: exit codes and one line of output."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import DATA, SEED

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_extract_follows_output_contract() -> None:
    code, out, _ = _run("extract", str(SEED), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["article"]["published"].startswith("2019-08-20")
    assert doc["article"]["page_date"] == "2020-07-06"
    assert {"text", "place"} <= doc["article"]["dateline"].keys()
    assert set(doc) >= {"article", "actors", "places", "times", "events", "statements"}
    text = doc["article"]["text"]
    assert doc["article"]["text_hash"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    for actor in doc["actors"]:
        assert {"id", "name", "kind", "aliases", "mentions"} <= actor.keys()
        for mention in actor["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
    for time in doc["times"]:
        assert text[time["start"]:time["end"]] == time["text"]
        assert {"type", "value"} <= time.keys()
    for event in doc["events"]:
        assert {"id", "type", "cameo", "trigger", "agents", "targets", "place", "time",
                "source"} <= event.keys()
    for statement in doc["statements"]:
        assert {"id", "speaker", "speaker_mention", "cue", "content", "direct", "channel",
                "date", "reports"} <= statement.keys()


def test_cli_extract_jsonl_one_line_per_article() -> None:
    code, out, _ = _run("extract", str(DATA / "002_wire.jsonl"), "--format", "jsonl")
    assert code == 0
    assert [json.loads(line)["article"]["id"] for line in out.splitlines()] == [
        "002-summit", "003-convoy"]


def test_cli_extract_bad_input_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", "utf-8")
    code, out, err = _run("extract", str(tmp_path / "empty.txt"), str(SEED), "--format", "jsonl")
    assert code == 1
    assert len(out.splitlines()) == 1
    assert err.strip().splitlines() == [f"error: {tmp_path / 'empty.txt'}: file is empty"]


@pytest.mark.slow
def test_cli_ingest_query_and_reingest_is_noop(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    code, _, err = _run("ingest", str(DATA), "--store", store)
    assert code == 0, err
    _, first, _ = _run("stats", "--store", store)
    code, _, err = _run("ingest", str(DATA), "--store", store)
    assert code == 0 and "skipped 5 unchanged" in err
    _, second, _ = _run("stats", "--store", store)
    assert first == second
    code, out, _ = _run("query", "--name", "list_actors", "--store", store, "--format", "csv")
    assert code == 0 and "Vladimir Putin" in out
    code, out, _ = _run("validate", "--store", store)
    assert code == 0 and "5 of 5 article graphs conform" in out


@pytest.mark.slow
@pytest.mark.parametrize(("options", "expected"), [
    ((), "refreshed 5 made by another extractor version, skipped 0 unchanged"),
    (("--keep-stale",), "kept 5 stale made by another extractor version, skipped 0 unchanged"),
])
def test_cli_ingest_says_how_many_stale_graphs_it_refreshed(
        tmp_path: Path, options: tuple[str, ...], expected: str) -> None:
    store = str(tmp_path / "store")
    code, _, err = _run("ingest", str(DATA), "--store", store, "--no-progress")
    assert code == 0 and "refreshed 0 made by another extractor version" in err
    other = tmp_path / "other.toml"
    other.write_text('disabled_rules = ["statements.cue.anything"]\n', "utf-8")
    code, _, err = _run("ingest", str(DATA), "--store", store, "--config", str(other),
                        "--no-progress", *options)
    assert code == 0 and expected in err, err


def test_cli_query_refuses_update(tmp_path: Path) -> None:
    code, _, err = _run("query", "DELETE WHERE { ?s ?p ?o }", "--store", "memory")
    assert code == 1 and err.startswith("error:")


def test_cli_schema_is_json_schema() -> None:
    code, out, _ = _run("schema")
    assert code == 0 and json.loads(out)["title"] == "Extraction"


def test_config_help_keeps_the_table_name() -> None:
    """Rich markup must not eat "[tool.kg]" from the --config help."""
    result = runner.invoke(app, ["stats", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "[tool.kg]" in result.output
