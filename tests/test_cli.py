"""Tests for the `kg` command through typer's CliRunner: exit codes and one line of output."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import cast

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


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A real embedded store holding the sample articles."""
    store = str(tmp_path_factory.mktemp("cli") / "store")
    code, _, err = _run("ingest", str(DATA), "--store", store, "--no-progress")
    assert code == 0, err
    return store


@pytest.mark.parametrize("command", [
    ("stats",), ("query", "--name", "stats"), ("query", "--allow-update", "CLEAR ALL"),
    ("timeline",), ("timeline", "--format", "csv", "--out", "{out}"),
    ("export", "--out", "{out}"), ("export", "--format", "graphml"), ("validate",),
    ("actors",), ("actors", "merge", "Turkey", "Ankara"), ("remove", "000_6fba463f02e9fc5b"),
])
@pytest.mark.parametrize("made", [False, True])
def test_cli_commands_on_a_missing_store_refuse_and_create_nothing(
        tmp_path: Path, command: tuple[str, ...], made: bool) -> None:
    """A mistyped --store (or a folder with no store) is an error, not an empty answer, and no
    store folder, store file or --out file is left behind."""
    folder = tmp_path / "store"
    if made:
        folder.mkdir()
    args = [part.replace("{out}", str(tmp_path / "out.txt")) for part in command]
    code, out, err = _run(*args, "--store", str(folder))
    assert code == 1
    assert err == f"error: no store at '{folder}'; run kg ingest first or pass --store\n"
    assert out == ""
    assert sorted(p.name for p in tmp_path.rglob("*")) == (["store"] if made else [])


@pytest.mark.parametrize(("option", "value"), [
    ("--from", "2019-13-01"), ("--to", "2019-02-30"), ("--from", "2019-8-1"),
    ("--as-of", "yesterday"), ("--to", "20190801"),
])
def test_cli_timeline_bad_day_names_the_option_and_value(option: str, value: str) -> None:
    result = runner.invoke(app, ["timeline", option, value, "--store", "memory"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert f"Invalid value for '{option}': '{value}' is not a day as YYYY-MM-DD" in result.stderr
    assert "start" not in result.stderr and "end" not in result.stderr


def _entries(store: str, *options: str) -> list[dict[str, object]]:
    code, out, err = _run("timeline", "--store", store, "--format", "json", *options)
    assert code == 0, err
    entries: list[dict[str, object]] = json.loads(out)["entries"]
    return entries


def _holds(entry: dict[str, object], day: str) -> bool:
    when = cast("dict[str, str]", entry["when"])
    return when["earliest"] <= day <= (when["latest"] or when["earliest"])


@pytest.mark.parametrize("day", ["2019-08-20", "2017-04-07", "2017-07-01", "1990-01-01"])
def test_cli_timeline_as_of_keeps_what_held_on_that_day(ingested: str, day: str) -> None:
    everything = _entries(ingested)
    held = _entries(ingested, "--as-of", day)
    assert [e["iri"] for e in held] == [e["iri"] for e in everything if _holds(e, day)]
    known = _entries(ingested, "--as-of", day, "--known-then")
    published = {e["iri"] for e in held
                 if str(cast("dict[str, str]", e["article"])["published"])[:10] <= day}
    assert {e["iri"] for e in known} == published


def test_cli_timeline_as_of_finds_events_and_known_then_drops_later_reports(
        ingested: str) -> None:
    """On the day of the Khan Shaykhun strike, the store knows of it, from a report published
    months later: --known-then leaves that report out."""
    held = _entries(ingested, "--as-of", "2017-04-07")
    known = _entries(ingested, "--as-of", "2017-04-07", "--known-then")
    assert held and len(known) < len(held)


def test_cli_timeline_known_then_needs_as_of() -> None:
    code, _, err = _run("timeline", "--known-then", "--store", "memory")
    assert code == 2 and "--known-then needs --as-of" in err


HOLD = """
import sys, time
from kg.store import open_store
store = open_store(sys.argv[1])
print("held", flush=True)
time.sleep(120)
"""


def test_cli_reads_a_store_a_notebook_holds_and_names_it_to_writers(
        ingested: str, tmp_path: Path) -> None:
    """Another process (a notebook's kernel) holds the store: read-only commands answer as
    usual; a writer waits lock_wait seconds, then names the process and how to release it."""
    code, before, _ = _run("stats", "--store", ingested)
    assert code == 0
    config = tmp_path / "kg.toml"
    config.write_text("lock_wait = 0.5\n", "utf-8")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, ingested], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        code, during, err = _run("stats", "--store", ingested)
        assert (code, during) == (0, before), err
        code, out, _ = _run("timeline", "--store", ingested, "--as-of", "2019-08-20")
        assert code == 0 and "As of 2019-08-20" in out
        code, _, err = _run("remove", "000_6fba463f02e9fc5b", "--store", ingested,
                            "--config", str(config))
        assert code == 1
        assert f"in use by another process, process {holder.pid} (" in err
        assert "close it there" in err and "--store" in err
    finally:
        holder.kill()
        holder.wait()
    code, after, _ = _run("stats", "--store", ingested)
    assert after == before


@pytest.mark.parametrize("value", ["rumoured", "asserted,rumoured", ""])
def test_cli_timeline_refuses_unknown_factuality_before_opening_the_store(
        tmp_path: Path, value: str) -> None:
    result = runner.invoke(app, ["timeline", "--factuality", value, "--store",
                                 str(tmp_path / "store")], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert f"Invalid value for '--factuality': unknown factuality '{value}'" in result.stderr
    assert not (tmp_path / "store").exists()
