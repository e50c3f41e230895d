"""Read article files (.txt, .html, .json, .jsonl) into `Article` records.

The only code that knows article file formats. Offsets in every record index `Article.text`:
for `.txt` the whole file as decoded, for `.json`/`.jsonl` the `text` field, for `.html` the
story text read out of the markup. Bad input, whatever went wrong, becomes an
`ArticleFormatError` naming the file (and line), yielded in place of the article so a batch goes
on. Finding and opening files is `kg.articles.inputs`.

Identity: a `.txt` or `.html` article's id is its path relative to the input root without the
suffix (`c/a/x.txt` under `c` is "a/x"); a record's id is its own `id` field. Its source
(`Article.source_path`, stored as `kg:sourcePath`) is the file's absolute path, or for a record
the absolute path of its file and its line (`<stdin>:LINE` on standard input).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path

from pydantic import ValidationError

from kg.articles.header import analyse, parse_date
from kg.articles.html import read_html
from kg.articles.inputs import (
    MAX_BYTES,
    RECORD_SUFFIXES,
    STDIN,
    SUFFIXES,
    TEXT_SUFFIXES,
    Input,
    decode,
    expand,
    open_regular,
    read_bounded,
    read_lines,
    shown,
)
from kg.errors import ArticleFormatError
from kg.keys import article_key
from kg.model import Article

ReadResult = Article | ArticleFormatError


def read_inputs(inputs: Iterable[str | Path]) -> Iterator[ReadResult]:
    """Read every article named by `inputs`; errors are yielded in place, never raised."""
    for item in expand(inputs):
        if isinstance(item, ArticleFormatError):
            yield item
        else:
            yield from read_path(item.path, article_id=item.name)


def read_path(path: Path, *, article_id: str | None = None) -> Iterator[ReadResult]:
    """Read one file (or "-" for stdin) into articles, yielding an error for each bad part.

    Args:
        path: The file.
        article_id: The id of a `.txt` or `.html` article (its path relative to the input
            root, see `kg.articles.inputs.Input`); the file's stem if not given.
    """
    text = str(path)
    if text == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        lines = (read_lines(stdin, STDIN) if stdin is not None
                 else enumerate(sys.stdin, start=1))
        yield from _guarded(_read_jsonl(lines, STDIN, STDIN), STDIN)
        return
    name = shown(text)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield ArticleFormatError(name, f"unknown extension {suffix or '(none)'!r}; "
                                       f"expected one of {', '.join(SUFFIXES)}")
        return
    yield from _guarded(_read_file(path, name, article_id or path.stem), name)


def _guarded(results: Iterator[ReadResult], name: str) -> Iterator[ReadResult]:
    """Yield the results of reading one input; whatever goes wrong becomes its error."""
    try:
        yield from results
    except ArticleFormatError as exc:
        yield exc
    except Exception as exc:  # noqa: BLE001 - one odd input must not stop the batch
        yield ArticleFormatError(name, f"cannot read: {_described(exc)}")


def _described(exc: BaseException) -> str:
    text = shown(str(exc))
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def _read_file(path: Path, name: str, article_id: str) -> Iterator[ReadResult]:
    source = shown(os.path.abspath(path))
    suffix = path.suffix.lower()
    with open_regular(path, name) as stream:
        if suffix == ".jsonl":
            yield from _read_jsonl(read_lines(stream, name), name, source)
            return
        text = decode(read_bounded(stream, name, MAX_BYTES), name)
    if suffix == ".json":
        yield _from_json(text, name, source)
    elif suffix in (".html", ".htm"):
        yield from_html(text, article_id=article_id, source_path=source, where=name)
    else:
        yield from_text(text, article_id=article_id, source_path=source, where=name)


def different_source(stored: str, new: str | None) -> bool:
    """Tell whether an article from `new` may not replace the one stored from `stored`.

    A file's article replaces only the article of the same file (same absolute path); a record
    replaces a record of the same id from any file (its id is its identity, as when a feed
    delivers an update); a record and a file never replace each other. A stored relative path
    (written before sources were absolute) or a missing source is not compared.

    Examples:
        >>> different_source("/c/a/x.txt", "/c/b/x.txt")
        True
        >>> different_source("/c/feed-1.jsonl:4", "/c/feed-2.jsonl:9")
        False
        >>> different_source("/c/feed.jsonl:4", "/c/x.txt")
        True
    """
    if new is None:
        return False
    stored_file, new_file = _file_source(stored), _file_source(new)
    if stored_file and new_file:
        return os.path.isabs(stored) and stored != new
    return stored_file != new_file


def _file_source(source: str) -> bool:
    return Path(source).suffix.lower() in TEXT_SUFFIXES


def from_text(text: str, *, article_id: str, published: date | datetime | None = None,
              title: str | None = None, url: str | None = None, publisher: str | None = None,
              language: str = "en", source_path: str | None = None,
              where: str | None = None) -> Article:
    """Build an article from plain text, reading dates and dateline from its header.

    A `published` given by the caller overrides anything found in the text. An id with
    whitespace or unprintable characters is replaced by its key (`kg.keys.article_key`).

    Args:
        where: How to name the input in an error (`source_path` or the id if not given).

    Raises:
        ArticleFormatError: If the text is blank, a value is not valid Unicode (a lone
            surrogate), or the id is empty.
    """
    where = where or source_path or article_id
    if not text.strip():
        raise ArticleFormatError(where, "article text is empty")
    fields = {"text": text, "title": title, "url": url, "publisher": publisher,
              "language": language, "source_path": source_path}
    for field, value in fields.items():
        _check_unicode(value, field, where)
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


def _check_unicode(value: str | None, field: str, where: str) -> None:
    if value is None:
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: it cannot be stored or printed
        bad = value[exc.start:exc.end]
        raise ArticleFormatError(where, f"{field} is not valid Unicode: lone surrogate {bad!r} "
                                        f"at character {exc.start}") from exc


def from_html(markup: str, *, article_id: str, source_path: str | None = None,
              where: str | None = None) -> Article:
    """Build an article from an HTML page: its story text and its metadata.

    Raises:
        ArticleFormatError: If the page holds no story text.
    """
    where = where or source_path or article_id
    page = read_html(markup)
    if not page.text.strip():
        raise ArticleFormatError(where, "HTML page holds no article text (only markup)")
    published = parse_date(page.published) if page.published else None
    return from_text(page.text, article_id=article_id, published=published, title=page.title,
                     url=page.url, publisher=page.publisher, language=page.language or "en",
                     source_path=source_path, where=where)


def from_record(record: Mapping[str, object], *, where: str, source: str | None = None
                ) -> Article:
    """Build an article from a JSON record with `id`, `text`, `published` and optional fields.

    Args:
        record: The decoded JSON object.
        where: How to name the record in an error ("feed.jsonl:12").
        source: Its source, kept as `Article.source_path` (`where` if not given).

    Raises:
        ArticleFormatError: If a required field is missing or a value is invalid.
    """
    for required in ("id", "text"):
        value = record.get(required)
        if not isinstance(value, str | int) or isinstance(value, bool) or value == "":
            raise ArticleFormatError(where, f"record has no {required!r} field")
    text = record["text"]
    if not isinstance(text, str):
        raise ArticleFormatError(where, f"'text' must be a string, got {type(text).__name__}")
    published = record.get("published")
    when: date | datetime | None = None
    if isinstance(published, str) and published.strip():
        _check_unicode(published, "published", where)
        when = parse_date(published)
        if when is None:
            raise ArticleFormatError(where, f"cannot read published date {published!r}")
    elif published is not None:
        raise ArticleFormatError(where, f"'published' must be a date string, got {published!r}")
    return from_text(
        text, article_id=_record_id(record["id"], where), published=when,
        title=_opt(record, "title"), url=_opt(record, "url"),
        publisher=_opt(record, "publisher") or _opt(record, "source"),
        language=_opt(record, "language") or "en", source_path=source or where, where=where,
    )


def _record_id(value: object, where: str) -> str:
    if isinstance(value, str):
        _check_unicode(value, "id", where)
        return value
    try:
        return str(value)
    except ValueError as exc:  # an integer beyond Python's digit limit for str()
        raise ArticleFormatError(where, f"'id' is too long a number: {exc}") from exc


def _opt(record: Mapping[str, object], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _parse_json(text: str, name: str, line: int | None = None) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = "" if line is not None else f" at line {exc.lineno}"
        raise ArticleFormatError(name, f"invalid JSON: {exc.msg}{where}", line=line) from exc
    except RecursionError as exc:
        raise ArticleFormatError(name, "invalid JSON: nested too deeply", line=line) from exc
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise ArticleFormatError(name, f"invalid JSON: {shown(str(exc))[:200]}",
                                 line=line) from exc


def _from_json(text: str, name: str, source: str) -> Article:
    record = _parse_json(text, name)
    if not isinstance(record, dict):
        raise ArticleFormatError(name, "a .json file must hold one JSON object (use .jsonl "
                                       "for many records)")
    return from_record(record, where=name, source=source)


def _read_jsonl(lines: Iterable[tuple[int, str | ArticleFormatError]], name: str, source: str
                ) -> Iterator[ReadResult]:
    for number, line in lines:
        if isinstance(line, ArticleFormatError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            record = _parse_json(line, name, line=number)
            if not isinstance(record, dict):
                raise ArticleFormatError(name, "line is not a JSON object", line=number)
            yield from_record(record, where=f"{name}:{number}", source=f"{source}:{number}")
        except ArticleFormatError as exc:
            yield ArticleFormatError(name, exc.problem, line=number)
        except Exception as exc:  # noqa: BLE001 - one odd record must not stop the file
            yield ArticleFormatError(name, f"cannot read: {_described(exc)}", line=number)


def _safe_id(article_id: str, where: str) -> str:
    article_id = article_id.strip()
    if not article_id:
        raise ArticleFormatError(where, "empty article id")
    if any(ch.isspace() or not ch.isprintable() for ch in article_id):
        return article_key(article_id)
    return article_id


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"])
    return f"invalid {field}: {error['msg']}"


__all__ = ["MAX_BYTES", "RECORD_SUFFIXES", "SUFFIXES", "TEXT_SUFFIXES", "Input",
           "different_source", "expand", "from_html", "from_record", "from_text", "read_inputs",
           "read_path", "shown"]
