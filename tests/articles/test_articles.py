"""Tests for kg.articles: file formats, header dates, datelines and bad input."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from kg.articles import from_record, from_text, read_inputs
from kg.articles.header import analyse, parse_date
from kg.articles.html import MAX_DEPTH, flatten_deep, read_html
from kg.errors import ArticleFormatError
from kg.model import Article


def _read(paths: list[Path | str]) -> tuple[list[Article], list[ArticleFormatError]]:
    results = list(read_inputs(paths))
    return ([r for r in results if isinstance(r, Article)],
            [r for r in results if isinstance(r, ArticleFormatError)])


@pytest.mark.parametrize(("text", "expected"), [
    ("3 March 2021", date(2021, 3, 3)),
    ("March 3, 2021 - 09:30", datetime(2021, 3, 3, 9, 30)),
    ("2021-03-03T09:30:00", datetime(2021, 3, 3, 9, 30)),
    ("March 2021", None),
    ("no date here", None),
])
def test_header_parse_date_keeps_precision(text: str, expected: object) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("header", "published", "page_date"), [
    ("Friday 01 January 2021\nPublished: 3 March 2020 - 10:00\n", datetime(2020, 3, 3, 10, 0),
     date(2021, 1, 1)),
    ("Posted on 4 May 2018\n", date(2018, 5, 4), None),
    ("Sunday 07 June 2020\n", None, date(2020, 6, 7)),
])
def test_header_tells_publication_from_page_date(header: str, published: object,
                                                 page_date: object) -> None:
    found = analyse(header + "The council met on Monday.")
    assert (found.published, found.page_date) == (published, page_date)


@pytest.mark.parametrize(("line", "place", "region", "agency"), [
    ("OSLO, Norway (Newswire) – The talks ended.", "Oslo", "Norway", "Newswire"),
    ("NEW YORK (Wire Service) - Shares rose.", "New York", None, "Wire Service"),
    ("BEIT LAHIA, Gaza (Agency) — Rain fell.", "Beit Lahia", "Gaza", "Agency"),
])
def test_header_splits_dateline_from_story(line: str, place: str, region: str | None,
                                           agency: str) -> None:
    found = analyse(line)
    assert found.dateline is not None
    assert (found.dateline.place_name, found.dateline.region, found.dateline.agency) == (
        place, region, agency)
    assert line[found.body_start].isupper() and line[found.body_start:] != line


def test_header_no_dateline_in_plain_sentence() -> None:
    assert analyse("The minister said on Monday that talks would resume.").dateline is None


def test_articles_txt_offsets_index_whole_file(tmp_path: Path) -> None:
    text = "Sunday 07 June 2020\nPublish Date: 2 June 2020\nOSLO (Newswire) – Talks ended.\n"
    (tmp_path / "a1.txt").write_text(text, encoding="utf-8")
    [article], errors = _read([tmp_path])
    assert errors == []
    assert article.text == text
    assert article.published == date(2020, 6, 2)
    assert article.page_date == date(2020, 6, 7)
    assert article.text[article.body_start:].startswith("Talks ended.")


def test_articles_jsonl_published_overrides_text(tmp_path: Path) -> None:
    lines = [
        {"id": "r1", "text": "Publish Date: 1 May 2001\nIt rained.", "published": "2020-02-02"},
        {"id": "r2", "text": "It snowed.", "published": "2020-02-03", "title": "Snow"},
    ]
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    articles, errors = _read([tmp_path / "b.jsonl"])
    assert errors == []
    assert [(a.id, a.published) for a in articles] == [
        ("r1", date(2020, 2, 2)), ("r2", date(2020, 2, 3))]


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("empty.txt", b"", "empty"),
    ("binary.txt", b"\x00\x01\x02abc", "binary"),
    ("markup.html", b"<html><body><script>x()</script></body></html>", "no article text"),
    ("notes.docx", b"hello", "unknown extension"),
    ("bad.json", b"{not json", "invalid JSON"),
    ("notext.json", b'{"id": "x", "published": "2020-01-01"}', "'text'"),
])
def test_articles_bad_file_names_file_and_problem(tmp_path: Path, name: str, content: bytes,
                                                 problem: str) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("Publish Date: 2 June 2020\nTalks ended.", "utf-8")
    articles, errors = _read([tmp_path / name, tmp_path / "good.txt"])
    assert [a.id for a in articles] == ["good"]
    assert len(errors) == 1 and errors[0].path.endswith(name)
    assert problem in errors[0].problem


def test_articles_bad_jsonl_line_is_named_and_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n{oops\n{"id": "b", "text": "Two."}\n', "utf-8")
    articles, errors = _read([path])
    assert [a.id for a in articles] == ["a", "b"]
    assert [(e.line, e.path) for e in errors] == [(2, str(path))]


def test_articles_latin1_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "l.txt").write_bytes("Publish Date: 2 June 2020\nSão Paulo café.".encode("latin-1"))
    [article], errors = _read([tmp_path / "l.txt"])
    assert errors == [] and "São Paulo café." in article.text


def test_articles_missing_path_is_an_error() -> None:
    articles, errors = _read(["/no/such/place.txt"])
    assert articles == [] and "no such file" in errors[0].problem


def test_articles_html_reads_story_and_metadata() -> None:
    from kg.articles import from_html
    article = from_html(
        '<html lang="en"><head><title>Budget passes</title>'
        '<meta property="article:published_time" content="2021-04-05T08:00:00">'
        '</head><body><article><h1>Budget passes</h1><p>OSLO (Newswire) – The budget passed on '
        'Monday.</p></article></body></html>', article_id="h1")
    assert article.title == "Budget passes"
    assert article.published == datetime(2021, 4, 5, 8, 0)
    assert article.text[article.body_start:] == "The budget passed on Monday."


@pytest.mark.parametrize("record", [
    {"text": "x"},
    {"id": "a", "text": ""},
    {"id": "a", "text": "x", "published": "not a date"},
])
def test_articles_record_rejects_bad_fields(record: dict[str, object]) -> None:
    with pytest.raises(ArticleFormatError) as info:
        from_record(record, where="rec")
    assert info.value.path == "rec"


def test_articles_text_without_date_has_no_publication_date() -> None:
    assert from_text("Nothing dated here.", article_id="n").published is None


# issue 15: a header line of 80,000 spaces took 206 s (a lazy value before `\s*$`, then `\s+`
# before a dash, each rescanning the spaces at every step); now one pass
@pytest.mark.parametrize("line", [
    "Date: x" + " " * 80_000 + "y",
    "Published on 1" + " " * 80_000 + "2",
    " " * 80_000 + "x",
])
def test_header_with_a_line_of_many_spaces_is_read(line: str) -> None:
    header = analyse(line + "\nThe story.")
    assert (header.published, header.body_start) == (None, 0)  # a story line, not a header


@pytest.mark.parametrize("value", ["20 August 2019 " + "- " * 60, "1 " * 40_000])
def test_header_long_value_is_no_date(value: str) -> None:
    assert parse_date(value) is None


def _depth(node: Node) -> int:
    """Count the deepest chain of elements under `node`, walking iteratively."""
    deepest = 0
    stack = [(node, 0)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in current.iter())
    return deepest


# issue 15: 100,000 nested <div> took 95 s in the HTML parser (each block start tag looks down
# the whole stack of open elements); blocks past MAX_DEPTH lose their tags, never their text
@pytest.mark.parametrize("tag", ["div", "section", "blockquote"])
def test_html_deep_nesting_is_capped_and_keeps_the_text(tag: str) -> None:
    n = 100_000
    markup = f"<html><body>{f'<{tag}>' * n}<p>Hello there.</p>{f'</{tag}>' * n}</body></html>"
    flat = flatten_deep(markup)
    assert _depth(HTMLParser(flat).body) <= MAX_DEPTH + 2
    assert "Hello there." in read_html(markup).text


def test_html_within_the_depth_is_parsed_unchanged() -> None:
    markup = "<div>" * MAX_DEPTH + "<p>x</p>" + "</div>" * MAX_DEPTH
    assert flatten_deep(markup) == markup
