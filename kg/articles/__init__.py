"""Read article files (.txt, .html, .json, .jsonl) into `Article` records.

The only code that knows article file formats. Offsets in every record index `Article.text`:
for `.txt` the whole file as decoded, for `.json`/`.jsonl` the `text` field, for `.html` the
story text read out of the markup. Bad input becomes an `ArticleFormatError` naming the file
(and line), yielded in place of the article so a batch goes on.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path

from pydantic import ValidationError

from kg.articles.header import analyse, parse_date
from kg.articles.html import read_html
from kg.errors import ArticleFormatError
from kg.keys import slug
from kg.model import Article

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
MAX_BYTES = 50_000_000  # a single article larger than this is refused, not read into memory

ReadResult = Article | ArticleFormatError


def expand(inputs: Iterable[str | Path]) -> Iterator[Path | ArticleFormatError]:
    """Turn files, folders (recursively, sorted) and globs into article file paths.

    "-" stands for standard input (read as JSON Lines). In folders, hidden files and the
    folder's own documentation (README, LICENSE, NOTICE, *.md) are passed over; any other file
    with an unknown extension is yielded so that reading it reports the problem.
    """
    for item in inputs:
        text = str(item)
        path = Path(text)
        if text == "-":
            yield path
        elif path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        elif any(ch in text for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not matches:
                yield ArticleFormatError(text, "no file matches this pattern")
            yield from matches
        else:
            yield ArticleFormatError(text, "no such file or folder")


def _walk(root: Path) -> Iterator[Path | ArticleFormatError]:
    problems: list[OSError] = []
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=problems.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += (Path(folder) / name for name in files if not _skipped(name))
    for problem in problems:
        where = problem.filename or str(root)
        yield ArticleFormatError(str(where), f"cannot list folder: {problem.strerror or problem}")
    yield from sorted(found)


def _skipped(name: str) -> bool:
    upper = name.upper()
    return (name.startswith(".") or name.lower().endswith(".md")
            or upper.startswith(("README", "LICENSE", "LICENCE", "NOTICE")))


def read_inputs(inputs: Iterable[str | Path]) -> Iterator[ReadResult]:
    """Read every article named by `inputs`; errors are yielded in place, never raised."""
    for path in expand(inputs):
        if isinstance(path, ArticleFormatError):
            yield path
        else:
            yield from read_path(path)


def read_path(path: Path) -> Iterator[ReadResult]:
    """Read one file (or "-" for stdin) into articles, yielding an error for each bad part."""
    name = str(path)
    if name == "-":
        yield from _read_jsonl(sys.stdin, "<stdin>")
        return
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield ArticleFormatError(name, f"unknown extension {suffix or '(none)'!r}; "
                                       f"expected one of {', '.join(SUFFIXES)}")
        return
    try:
        if path.stat().st_size > MAX_BYTES:
            yield ArticleFormatError(name, f"file is larger than {MAX_BYTES // 1_000_000} MB")
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield ArticleFormatError(name, f"cannot read file: {exc.strerror or exc}")
        return
    try:
        text = _decode(raw, name)
        if suffix == ".jsonl":
            yield from _read_jsonl(text.splitlines(), name)
        elif suffix == ".json":
            yield _from_json(text, name)
        elif suffix in (".html", ".htm"):
            yield from_html(text, article_id=path.stem, source_path=name)
        else:
            yield from_text(text, article_id=path.stem, source_path=name)
    except ArticleFormatError as exc:
        yield exc


def _decode(raw: bytes, name: str) -> str:
    if not raw.strip():
        raise ArticleFormatError(name, "file is empty")
    if b"\x00" in raw[:8192]:
        raise ArticleFormatError(name, "file is binary, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # not UTF-8: read as Windows-1252, the usual encoding of older Western news pages
        return raw.decode("cp1252", errors="replace")


def from_text(text: str, *, article_id: str, published: date | datetime | None = None,
              title: str | None = None, url: str | None = None, publisher: str | None = None,
              language: str = "en", source_path: str | None = None) -> Article:
    """Build an article from plain text, reading dates and dateline from its header.

    A `published` given by the caller overrides anything found in the text.

    Raises:
        ArticleFormatError: If the text is blank.
    """
    where = source_path or article_id
    if not text.strip():
        raise ArticleFormatError(where, "article text is empty")
    header = analyse(text, title=title)
    try:
        return Article(
            id=_safe_id(article_id, where), text=text, url=url, title=title, publisher=publisher,
            # a page or crawl date is never taken for the publication date
            published=published or header.published,
            page_date=header.page_date, dateline=header.dateline, language=language,
            body_start=header.body_start, source_path=source_path,
        )
    except ValidationError as exc:
        raise ArticleFormatError(where, _first_error(exc)) from exc


def from_html(markup: str, *, article_id: str, source_path: str | None = None) -> Article:
    """Build an article from an HTML page: its story text and its metadata.

    Raises:
        ArticleFormatError: If the page holds no story text.
    """
    where = source_path or article_id
    page = read_html(markup)
    if not page.text.strip():
        raise ArticleFormatError(where, "HTML page holds no article text (only markup)")
    published = parse_date(page.published) if page.published else None
    return from_text(page.text, article_id=article_id, published=published, title=page.title,
                     url=page.url, publisher=page.publisher, language=page.language or "en",
                     source_path=source_path)


def from_record(record: Mapping[str, object], *, where: str) -> Article:
    """Build an article from a JSON record with `id`, `text`, `published` and optional fields.

    Raises:
        ArticleFormatError: If a required field is missing or a value is invalid.
    """
    for required in ("id", "text"):
        if not isinstance(record.get(required), str | int) or record.get(required) == "":
            raise ArticleFormatError(where, f"record has no {required!r} field")
    text = record["text"]
    if not isinstance(text, str):
        raise ArticleFormatError(where, f"'text' must be a string, got {type(text).__name__}")
    published = record.get("published")
    when: date | datetime | None = None
    if isinstance(published, str) and published.strip():
        when = parse_date(published)
        if when is None:
            raise ArticleFormatError(where, f"cannot read published date {published!r}")
    elif published is not None:
        raise ArticleFormatError(where, f"'published' must be a date string, got {published!r}")
    return from_text(
        text, article_id=str(record["id"]), published=when, title=_opt(record, "title"),
        url=_opt(record, "url"), publisher=_opt(record, "publisher") or _opt(record, "source"),
        language=_opt(record, "language") or "en", source_path=where,
    )


def _opt(record: Mapping[str, object], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _from_json(text: str, name: str) -> Article:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleFormatError(name, f"invalid JSON: {exc.msg} at line {exc.lineno}") from exc
    if not isinstance(record, dict):
        raise ArticleFormatError(name, "a .json file must hold one JSON object (use .jsonl "
                                       "for many records)")
    return from_record(record, where=name)


def _read_jsonl(lines: Iterable[str], name: str) -> Iterator[ReadResult]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ArticleFormatError(name, f"invalid JSON: {exc.msg}", line=number)
            continue
        if not isinstance(record, dict):
            yield ArticleFormatError(name, "line is not a JSON object", line=number)
            continue
        try:
            yield from_record(record, where=f"{name}:{number}")
        except ArticleFormatError as exc:
            yield ArticleFormatError(name, exc.problem, line=number)


def _safe_id(article_id: str, where: str) -> str:
    article_id = article_id.strip()
    if not article_id or any(ch.isspace() for ch in article_id):
        try:
            return slug(article_id)
        except ValueError as exc:
            raise ArticleFormatError(where, f"unusable article id {article_id!r}") from exc
    return article_id


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"])
    return f"invalid {field}: {error['msg']}"


__all__ = ["SUFFIXES", "expand", "from_html", "from_record", "from_text", "read_inputs",
           "read_path"]
