"""Tests for kg.articles.inputs and the identity of articles: the faults of issue 15 in reading
inputs (ids, clashes, odd files, odd names, odd encodings, odd JSON), each from its
reproduction, and fuzzing of the readers over real files."""

from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.articles import read_inputs
from kg.articles.inputs import read_lines, shown
from kg.cli import app
from kg.config import Settings
from kg.errors import ArticleFormatError, KGError
from kg.ingest.batches import articles
from kg.keys import article_key
from kg.model import Article

runner = CliRunner()
GOOD = "Publish Date: 2019-08-20\nTurkey said so on Monday.\n"


def _read(paths: list[Path | str]) -> tuple[list[Article], list[ArticleFormatError]]:
    results = list(read_inputs(paths))
    return ([r for r in results if isinstance(r, Article)],
            [r for r in results if isinstance(r, ArticleFormatError)])


def _kept(paths: list[Path | str]) -> tuple[list[Article], list[KGError]]:
    errors: list[KGError] = []
    found = list(articles(paths, settings=Settings(), on_error=errors.append))
    return found, errors


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, "utf-8")
        else:
            path.write_bytes(content)


# 1. identity: unique, stable, clashes reported


@pytest.mark.parametrize(("files", "root", "ids"), [
    ({"a/x.txt": GOOD, "b/x.txt": GOOD.replace("Turkey", "Russia")}, "", ["a/x", "b/x"]),
    ({"a/x.txt": GOOD}, "", ["a/x"]),
    ({"a/x.txt": GOOD}, "a", ["x"]),
    ({"x.txt": GOOD, "y.html": "<p>Rain fell.</p>"}, "", ["x", "y"]),
])
def test_inputs_file_id_is_its_path_under_the_root(tmp_path: Path, files: dict[str, str],
                                                   root: str, ids: list[str]) -> None:
    _write(tmp_path / "c", dict(files))
    found, errors = _read([tmp_path / "c" / root])
    assert errors == []
    assert [article.id for article in found] == ids


def test_inputs_file_id_is_the_same_by_folder_glob_and_alone(tmp_path: Path) -> None:
    _write(tmp_path / "c", {"a/x.txt": GOOD, "b/y.txt": GOOD})
    by_folder, _ = _read([tmp_path / "c"])
    by_glob, _ = _read([f"{tmp_path}/c/**/*.txt"])
    assert [a.id for a in by_folder] == [a.id for a in by_glob] == ["a/x", "b/y"]


@pytest.mark.parametrize(("files", "refused"), [
    ({"x.txt": GOOD, "x.html": "<p>Russia said no.</p>"}, ["x.txt"]),
    ({"r.jsonl": json.dumps({"id": "AFP 2019 08 20", "text": "A."}) + "\n"
                 + json.dumps({"id": "afp-2019-08-20", "text": "B."}) + "\n"}, ["r.jsonl:2"]),
    ({"x.txt": GOOD, "r.json": json.dumps({"id": "x", "text": "B."})}, ["x.txt"]),
    ({"a-x.txt": GOOD, "a/x.txt": GOOD}, ["x.txt"]),
])
def test_inputs_clashing_keys_in_one_run_are_reported_not_merged(
        tmp_path: Path, files: dict[str, str], refused: list[str]) -> None:
    _write(tmp_path, dict(files))
    found, errors = _kept([tmp_path])
    keys = [article_key(article.id) for article in found]
    assert len(keys) == len(set(keys))
    assert len(errors) == len(refused)
    for error, name in zip(errors, refused, strict=True):
        assert isinstance(error, ArticleFormatError)
        assert str(error).split(": ")[0].endswith(name) and "earlier in this run" in error.problem


def test_inputs_the_same_file_given_twice_is_no_clash(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(GOOD, "utf-8")
    found, errors = _kept([tmp_path / "x.txt", tmp_path / "x.txt"])
    assert errors == [] and len(found) == 2


@pytest.mark.parametrize("name", ["日本語", "!!!", "تقرير", "خبر", "новости 1", "報道 1", "ß"])
def test_inputs_any_file_name_gives_a_usable_id(tmp_path: Path, name: str) -> None:
    (tmp_path / f"{name}.txt").write_text(GOOD, "utf-8")
    [article], errors = _read([tmp_path])
    assert errors == []
    assert article_key(article.id)


def test_inputs_non_ascii_names_get_distinct_keys(tmp_path: Path) -> None:
    names = ["تقرير 1", "خبر 1", "日本語", "中文", "!!!", "???"]
    _write(tmp_path, {f"{name}.txt": GOOD for name in names})
    found, errors = _kept([tmp_path])
    assert errors == [] and len({article_key(a.id) for a in found}) == len(names)


# 2. one odd input becomes its error; the batch goes on


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("surrogate.json", '{"id": "s", "text": "a \\ud800 b"}', "lone surrogate"),
    ("surrogate.jsonl", '{"id": "s", "text": "ok", "title": "\\udfff"}\n', "lone surrogate"),
    ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("deep.jsonl", '{"id": "d", "text": ' + "[" * 5_000 + "]" * 5_000 + "}\n",
     "nested too deeply"),
    ("number.json", '{"id": ' + "9" * 4_301 + ', "text": "x"}', "invalid JSON"),
    ("number.jsonl", '{"id": 1, "text": "x", "n": ' + "1" * 5_000 + "}\n", "invalid JSON"),
])
def test_inputs_odd_json_is_its_own_error_and_the_rest_is_read(
        tmp_path: Path, name: str, content: str, problem: str) -> None:
    _write(tmp_path, {name: content, "good.txt": GOOD})
    found, errors = _read([tmp_path])
    assert [a.id for a in found] == ["good"]
    assert len(errors) == 1 and problem in errors[0].problem and errors[0].path.endswith(name)


# 3. only regular files are read


def test_inputs_fifo_is_named_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "good.txt").write_text(GOOD, "utf-8")
    done: list[tuple[list[Article], list[ArticleFormatError]]] = []
    reader = threading.Thread(target=lambda: done.append(_read([tmp_path])), daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert done, "reading a folder with a FIFO blocked"
    found, errors = done[0]
    assert [a.id for a in found] == ["good"]
    assert sorted(Path(e.path).name for e in errors) == ["pipe.jsonl", "pipe.txt"]
    assert all("a FIFO, not a regular file" in e.problem for e in errors)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_inputs_device_is_named_not_read(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    [], [error] = _read([tmp_path])
    assert "character device" in error.problem


# 4. .jsonl streams; the size limit is per article


def test_inputs_jsonl_over_50_mb_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number in range(52):  # each line is 1 MB of padding and one small record
            out.write(" " * 1_000_000 + json.dumps({"id": f"r{number}", "text": "It rained."})
                      + "\n")
    assert path.stat().st_size > 50_000_000
    found, errors = _read([path])
    assert errors == [] and len(found) == 52


def test_inputs_jsonl_line_over_the_limit_is_its_error() -> None:
    stream = io.BufferedReader(io.BytesIO(b'{"a": 1}\n' + b" " * 300 + b"{}\n" + b"[]\n"))
    lines = list(read_lines(stream, "s.jsonl", limit=100))
    assert [number for number, _ in lines] == [1, 2, 3]
    assert isinstance(lines[1][1], ArticleFormatError) and lines[1][1].line == 2
    assert lines[2][1] == "[]\n"


def test_inputs_jsonl_splits_on_newline_only(tmp_path: Path) -> None:
    record = {"id": "u", "text": "One\u2028two\x1cthree\rfour."}
    (tmp_path / "u.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    [article], errors = _read([tmp_path / "u.jsonl"])
    assert errors == [] and article.text == record["text"]


# 5. symbolic links to folders are followed, each folder read once


def test_inputs_symlinked_folder_is_followed(tmp_path: Path) -> None:
    _write(tmp_path / "real", {"x.txt": GOOD})
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
    [article], errors = _read([tmp_path / "c"])
    assert errors == [] and article.id == "linked/x"


def test_inputs_symlink_loop_is_read_once(tmp_path: Path) -> None:
    _write(tmp_path / "c", {"a/x.txt": GOOD})
    (tmp_path / "c" / "a" / "up").symlink_to(tmp_path / "c", target_is_directory=True)
    (tmp_path / "c" / "b").symlink_to(tmp_path / "c" / "a", target_is_directory=True)
    found, errors = _read([tmp_path / "c"])
    assert errors == [] and [a.id for a in found] == ["a/x"]


# 6. names are escaped in every message


@pytest.mark.parametrize("name", ["a\nb.txt", "\x1b[31mred.txt", "tab\there.html", "nul\x7f.json"])
def test_inputs_names_are_escaped_in_error_lines(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    result = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl"])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and shown(name) in line and line.isprintable()


# 7. byte-order marks


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".json", ".html"])
def test_inputs_files_with_a_byte_order_mark_are_read(tmp_path: Path, encoding: str,
                                                      suffix: str) -> None:
    text = "Publish Date: 2019-08-20\nŞanlıurfa said so on Monday."
    body = {".txt": text, ".html": f"<p>{text}</p>",
            ".json": json.dumps({"id": "b", "text": text}, ensure_ascii=False),
            ".jsonl": json.dumps({"id": "b", "text": text}, ensure_ascii=False) + "\n"}[suffix]
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    (tmp_path / f"b{suffix}").write_bytes(bom + body.encode(encoding))
    [article], errors = _read([tmp_path / f"b{suffix}"])
    assert errors == [] and "Şanlıurfa said so on Monday." in article.text


def test_inputs_invalid_utf16_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")
    [], [error] = _read([tmp_path / "bad.txt"])
    assert "UTF-16" in error.problem


# 8. fuzzing: whatever the names, shapes, encodings and sizes, readers yield articles or errors

_NAMES = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
                 min_size=1, max_size=30).filter(lambda n: n not in {".", ".."}
                                                 and len(n.encode("utf-8")) < 200)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "text", "published", "title", "url", "x"]), inner, max_size=5),
    max_leaves=10)
_CONTENT = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.text(max_size=100), st.sampled_from(["utf-16", "utf-32", "utf-8-sig", "cp1252"]))
    .map(lambda pair: pair[0].encode(pair[1], "replace")),
    _JSON.map(lambda value: json.dumps(value).encode("utf-8")),
    st.lists(_JSON, max_size=4).map(
        lambda values: "\n".join(json.dumps(v) for v in values).encode("utf-8")),
)
_SUFFIX = st.sampled_from([".txt", ".html", ".json", ".jsonl", ".htm", "", ".TXT", ".bin"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(files=st.dictionaries(st.tuples(_NAMES, _SUFFIX).map("".join), _CONTENT, max_size=5))
def test_inputs_readers_survive_any_folder(tmp_path_factory: pytest.TempPathFactory,
                                           files: dict[str, bytes]) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    for name, content in files.items():
        (root / name).write_bytes(content)
    found, errors = _kept([root])
    keys = [article_key(article.id) for article in found]
    assert len(keys) == len(set(keys))
    for error in errors:
        assert str(error).isprintable()
    for article in found:
        article.text.encode("utf-8")  # storable: no lone surrogate


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(names=st.lists(_NAMES, min_size=1, max_size=4, unique=True))
def test_inputs_cli_reports_one_printable_line_per_bad_file(
        tmp_path_factory: pytest.TempPathFactory, names: list[str]) -> None:
    root = tmp_path_factory.mktemp("cli")
    for name in names:
        (root / f"{name}.txt").write_bytes(b"")  # all bad: the model is never loaded
    result = runner.invoke(app, ["extract", str(root), "-f", "jsonl"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    skipped = [n for n in names if n.startswith(".") or n.upper().startswith(
        ("README", "LICENSE", "LICENCE", "NOTICE"))]
    assert len(lines) == len(names) - len(skipped)
    assert all(line.startswith("error: ") and line.isprintable() for line in lines)
    assert "Traceback" not in result.stderr


def test_inputs_glob_through_a_symlink_loop_reads_each_file_once(tmp_path: Path) -> None:
    _write(tmp_path / "c", {"a/x.txt": GOOD})
    (tmp_path / "c" / "a" / "up").symlink_to(tmp_path / "c", target_is_directory=True)
    found, errors = _read([f"{tmp_path}/c/**/*.txt"])
    assert errors == [] and [a.id for a in found] == ["a/x"]
