"""Tests for kg/display tables: HTML tables for timelines, statements, reports and query results."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from IPython.core.interactiveshell import InteractiveShell

from kg import display
from kg import timeline as tl
from kg.errors import KGError
from kg.identity import refresh
from kg.identity.events import refresh_events
from kg.query import run_named
from kg.rdf import to_graph
from kg.store import Store, open_store
from tests._timeline_sample import extractions


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with open_store("memory") as opened:
        for extraction in extractions():
            opened.put(to_graph(extraction), text_hash=extraction.article.text_hash)
        refresh(opened)
        refresh_events(opened)
        yield opened


@pytest.fixture(scope="module")
def sample(store: Store) -> tl.Timeline:
    return tl.timeline(store)


def test_display_timeline_table_lists_entries_and_undated(sample: tl.Timeline) -> None:
    html = display.table(sample)._repr_html_()
    assert html.count("<tr>") == len(sample) + 2  # a header row per table, dated and undated
    assert "<h5>Undated</h5>" in html and "since 2014 (until 2019-08-20)" in html
    assert '<a href="https://example.org/a1">Daily Zenda: <i>Raid in Strelsau</i></a>' in html


def test_display_timeline_table_quotes_each_sentence_with_its_trigger(
        sample: tl.Timeline) -> None:
    html = display.table(sample).text
    assert all(f"<mark>{e.trigger}</mark>" in html for e in sample.all)
    assert "Acme Corp <mark>raided</mark> the Old Bridge in Strelsau on Sunday" in html
    columns = html.count("<th ") // 2  # two tables: dated and undated
    assert html.count("<td ") == len(sample) * columns  # a cell per column in every row
    assert ">factuality</th>" in html and ">dated by</th>" in html and ">sentence</th>" in html


def test_display_escapes_text(sample: tl.Timeline) -> None:
    odd = sample.model_copy(update={"title": "<script>x</script>"})
    assert "<script>" not in display.table(odd).text


@pytest.mark.parametrize(("make", "expected"), [
    (lambda s, t: tl.statements(s), "Acme Corp broke the law"),
    (lambda s, t: tl.statements(s), "Jane Doe <mark>said</mark> Acme Corp broke the law."),
    (lambda s, t: tl.conflicts(s), "<b>time</b>"),
    (lambda s, t: tl.conflicts(s), "Ruritania said Acme Corp «raided» the Old Bridge"),
    (lambda s, t: tl.actor_report(s, "Jane Doe"), "Jane Doe: said"),
    (lambda s, t: run_named(s, "stats"), "statements"),
])
def test_display_table_renders_each_kind(store: Store, sample: tl.Timeline, make: object,
                                         expected: str) -> None:
    assert expected in display.table(make(store, sample)).text  # type: ignore[operator]


def test_display_table_refuses_other_objects() -> None:
    with pytest.raises(KGError):
        display.table([1, 2])  # type: ignore[list-item]


def test_display_enable_registers_html_formatters(sample: tl.Timeline) -> None:
    shell = InteractiveShell.instance()
    assert display.enable(shell)
    data, _ = shell.display_formatter.format(sample)
    assert "text/html" in data and "Daily Zenda" in data["text/html"]
