"""Reliability: bad input is reported and skipped, stores survive crashes and rivals, nothing in
an article is executed or fetched, and readers only fail with our own errors."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.articles import from_html, from_record, from_text
from kg.articles.header import analyse
from kg.cli import app
from kg.errors import ArticleFormatError
from kg.extract import Pipeline
from kg.query import run_named
from kg.rdf import from_graph, is_article_graph, to_graph
from kg.store import OxigraphStore, _pending
from tests.conftest import DATA

runner = CliRunner()
GOOD = "Publish Date: 2 June 2020\nOSLO (Newswire) – The council met on Monday, officials said."


def _mixed_folder(root: Path) -> dict[str, str]:
    """Write good and bad inputs; return each bad file name with the problem it must report."""
    root.mkdir()
    (root / "good1.txt").write_text(GOOD, "utf-8")
    (root / "good2.jsonl").write_text(
        json.dumps({"id": "g2", "text": "Talks ended on Friday.", "published": "2021-05-07"})
        + "\n{broken\n" + json.dumps({"id": "g3", "published": "2021-05-07"}) + "\n", "utf-8")
    (root / "latin1.txt").write_bytes(("Publish Date: 1 May 2020\nCafé owners in São Paulo "
                                       "protested on Tuesday.").encode("latin-1"))
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)))
    (root / "markup.html").write_text("<html><head><script>alert(1)</script></head><body>"
                                      "<nav>menu</nav></body></html>", "utf-8")
    (root / "notext.json").write_text(json.dumps({"id": "x", "published": "2020-01-01"}), "utf-8")
    (root / "slides.pptx").write_bytes(b"PK\x03\x04")
    (root / "huge.txt").write_text("Publish Date: 2 June 2020\n" + "word " * 250_001, "utf-8")
    return {
        "empty.txt": "file is empty", "binary.txt": "binary", "markup.html": "no article text",
        "notext.json": "no 'text' field", "slides.pptx": "unknown extension",
        "good2.jsonl:2": "invalid JSON", "good2.jsonl:3": "no 'text' field",
        "huge.txt": "the limit is 1,000,000",
    }


@pytest.mark.slow
def test_reliability_mixed_folder_reports_each_bad_file_and_stores_the_good(tmp_path: Path
                                                                             ) -> None:
    expected = _mixed_folder(tmp_path / "in")
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--store", str(store)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(expected)
    for name, problem in expected.items():
        assert any(f"{name}: " in line and problem in line for line in errors), (name, errors)
    assert "ingested 3 articles" in result.stderr and f"{len(expected)} failed" in result.stderr
    assert "Traceback" not in result.stderr
    with OxigraphStore(store) as opened:
        assert len(_articles(opened)) == 3


def test_reliability_strict_stops_at_first_error(tmp_path: Path) -> None:
    _mixed_folder(tmp_path / "in")
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "--strict", "-f", "jsonl"])
    assert result.exit_code == 1
    assert len([line for line in result.stderr.splitlines() if line.startswith("error:")]) == 1


def test_reliability_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    config = tmp_path / "kg.toml"
    config.write_text("lock_wait = 0.5\n", "utf-8")
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    with OxigraphStore(tmp_path / "store"):
        result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--store",
                                     str(tmp_path / "store"), "--config", str(config)])
    assert result.exit_code == 1
    assert "in use by another process" in result.stderr


@pytest.mark.slow
def test_reliability_kill_9_leaves_only_whole_articles_and_rerun_finishes(tmp_path: Path) -> None:
    records = [json.dumps({"id": f"r{i:03d}", "published": f"2020-03-0{1 + i % 9}",
                           "text": f"OSLO (Newswire) – Minister {name} met officials in Oslo on "
                                   f"Monday. {name} said talks would resume in {1990 + i}."})
               # enough articles that the run cannot finish between two looks at the store
               for i, name in enumerate(["Ann Berg", "Ola Dahl", "Kari Lie", "Per Moe"] * 100)]
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(records) + "\n", "utf-8")
    config = tmp_path / "kg.toml"
    config.write_text("batch_size = 4\n", "utf-8")
    store = tmp_path / "store"
    command = [sys.executable, "-m", "kg", "ingest", str(source), "--store", str(store),
               "--config", str(config)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    # kill it during its third bulk load: the intent record exists while a load runs, and two
    # loads have finished by then (watching the file needs no copy of a store being written)
    pending, loads, loading = store / _pending.FILE, 0, False
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and loads < 3:
        now_loading = pending.exists()
        loads += now_loading and not loading
        loading = now_loading
        time.sleep(0.002)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with OxigraphStore(store) as opened:
        graphs = _articles(opened)
        for iri in graphs:  # each stored article is whole: it maps back and forth unchanged
            graph = run_named(opened, "graph_triples", graph=iri).graph()
            assert isomorphic(to_graph(from_graph(graph)), graph)
    assert 0 < len(graphs) < len(records)
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"skipped {len(graphs)} unchanged" in rerun.stderr
    with OxigraphStore(store) as opened:
        assert len(_articles(opened)) == len(records)


def _articles(store: OxigraphStore) -> list[URIRef]:
    """The store's article graphs (not the identity layer's or the provenance graphs)."""
    return [iri for iri in store.graphs() if is_article_graph(iri)]


def test_reliability_html_is_read_without_running_or_fetching(monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("reading an article tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    article = from_html(
        '<!DOCTYPE html [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><html><head>'
        '<script src="http://127.0.0.1:9/a.js"></script><link rel="stylesheet" '
        'href="http://127.0.0.1:9/s.css"></head><body><article><p>OSLO (Wire) – Rain fell.</p>'
        '<img src="http://127.0.0.1:9/i.png" onerror="alert(1)"><iframe src="http://127.0.0.1:9/">'
        '</iframe><script>document.write("injected")</script><p>&x; Calm &amp; dry.</p>'
        '</article></body></html>', article_id="h")
    assert "injected" not in article.text and "alert" not in article.text
    assert "Rain fell." in article.text and "Calm & dry." in article.text


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(text=st.text(max_size=400))
def test_reliability_text_reader_fails_only_with_our_errors(text: str) -> None:
    try:
        article = from_text(text, article_id="p")
    except ArticleFormatError:
        return
    assert article.text == text
    header = analyse(text)
    assert 0 <= header.body_start <= len(text)
    if header.dateline is not None and header.dateline.span is not None:
        span = header.dateline.span
        assert text[span.start:span.end] == span.text


@settings(max_examples=200, deadline=None)
@given(record=st.dictionaries(
    st.sampled_from(["id", "text", "published", "title", "url", "publisher", "extra"]),
    st.one_of(st.none(), st.integers(), st.text(max_size=40), st.dates().map(str),
              st.lists(st.integers(), max_size=2))))
def test_reliability_record_reader_fails_only_with_our_errors(record: dict[str, object]) -> None:
    try:
        article = from_record(record, where="rec")
    except ArticleFormatError as error:
        assert error.path == "rec"
        return
    assert article.text == record["text"]


@settings(max_examples=100, deadline=None)
@given(markup=st.text(alphabet=st.sampled_from(list("<>/=\"' abcpscriptbodyhtml&;#x\n")),
                      max_size=300))
def test_reliability_html_reader_fails_only_with_our_errors(markup: str) -> None:
    try:
        article = from_html(markup, article_id="h")
    except ArticleFormatError:
        return
    assert article.text.strip()


def test_reliability_sample_data_has_no_bad_input() -> None:
    result = runner.invoke(app, ["extract", str(DATA / "004_chemical_report.json"), "-f", "jsonl"])
    assert result.exit_code == 0 and result.stderr == ""


_TIME_WORDS = ["last", "next", "year", "week", "Monday", "Tuesday", "January", "December",
               "since", "ago", "three", "days", "the", "early", "hours", "of", "2017", "1990s",
               "recent", "weeks", "tomorrow", "yesterday", "quarter", "spring", "every",
               "morning", "decade", "century", "21:19", "Aug.", "20", ",", "in", "on"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from(_TIME_WORDS), min_size=1, max_size=12),
       published=st.one_of(st.none(), st.dates(), st.datetimes()))
def test_reliability_times_never_crash_on_any_publication_date(
        pipeline: Pipeline, words: list[str], published: date | datetime | None) -> None:
    article = from_text(" ".join(words) + ".", article_id="t", published=published)
    extraction = pipeline.apply(article, pipeline.nlp(article.text))
    for timex in extraction.times:
        assert article.text[timex.start:timex.end] == timex.text
        assert timex.begin is None or timex.until is None or timex.begin <= timex.until


def _ingest(inputs: list[Path], store: Path) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["ingest", *map(str, inputs), "--store", str(store)])
    assert "Traceback" not in result.stderr
    return result.exit_code, [line for line in result.stderr.splitlines()
                              if line.startswith("error:")]


def _texts(store: Path) -> list[str]:
    with OxigraphStore(store) as opened:
        rows = opened.query("PREFIX kg: <https://w3id.org/kg-timeline/ontology#> "
                            "SELECT ?text WHERE { GRAPH ?g { ?a kg:text ?text } } ORDER BY ?text")
        return [str(row[0]) for row in rows.rows]


def test_reliability_same_file_name_in_two_folders_is_two_articles(tmp_path: Path) -> None:
    # issue 15, fault 1: c/a/x.txt and c/b/x.txt shared one graph with two text hashes
    (tmp_path / "c" / "a").mkdir(parents=True)
    (tmp_path / "c" / "b").mkdir()
    (tmp_path / "c" / "a" / "x.txt").write_text("Publish Date: 2019-08-20\nTurkey said so on "
                                                "Monday.\n", "utf-8")
    (tmp_path / "c" / "b" / "x.txt").write_text("Publish Date: 2019-08-21\nRussia said no on "
                                                "Tuesday.\n", "utf-8")
    store = tmp_path / "S"
    assert _ingest([tmp_path / "c"], store) == (0, [])
    assert len(_texts(store)) == 2
    result = runner.invoke(app, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output
    # across runs: another file claiming a stored id is refused, the stored article stays
    other = tmp_path / "S2"
    assert _ingest([tmp_path / "c" / "a"], other) == (0, [])
    code, errors = _ingest([tmp_path / "c" / "b"], other)
    assert code == 1 and len(errors) == 1 and "already stored from" in errors[0]
    assert _texts(other) == ["Publish Date: 2019-08-20\nTurkey said so on Monday.\n"]
    # the same file, changed, still replaces its own article
    (tmp_path / "c" / "a" / "x.txt").write_text("Publish Date: 2019-08-22\nIran said yes.\n",
                                                "utf-8")
    assert _ingest([tmp_path / "c" / "a"], other) == (0, [])
    assert _texts(other) == ["Publish Date: 2019-08-22\nIran said yes.\n"]


def test_reliability_odd_inputs_do_not_stop_the_batch(tmp_path: Path) -> None:
    # issue 15, faults 2, 3 and 7: each odd input is one error line; the good ones are stored
    root = tmp_path / "in"
    root.mkdir()
    for name in ("日本語.txt", "!!!.txt", "تقرير.txt"):
        (root / name).write_text(GOOD, "utf-8")
    (root / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    (root / "surrogate.json").write_text('{"id": "s", "text": "\\ud800"}', "utf-8")
    (root / "deep.json").write_text("[" * 50_000 + "]" * 50_000, "utf-8")
    (root / "number.jsonl").write_text('{"id": ' + "7" * 4_400 + ', "text": "x"}\n', "utf-8")
    os.mkfifo(root / "pipe.txt")
    code, errors = _ingest([root], tmp_path / "S")
    assert code == 1
    assert sorted(line.split(": ")[1].rsplit("/", 1)[-1] for line in errors) == [
        "deep.json", "number.jsonl:1", "pipe.txt", "surrogate.json"]
    assert len(_texts(tmp_path / "S")) == 4
