"""Find the article files that inputs name (files, folders, globs) and read their bytes safely.

Only regular files are opened (a FIFO or device is named in an error, never read), reads are
bounded, text is decoded by its byte-order mark (UTF-8, UTF-16, UTF-32) or else as UTF-8 with a
Windows-1252 fallback, and JSON Lines stream one line at a time. Every path shown in a message
goes through `shown`, so a name cannot break a line or reach the terminal as a control sequence.
"""

from __future__ import annotations

import codecs
import glob
import io
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ArticleFormatError

TEXT_SUFFIXES = (".txt", ".html", ".htm")  # one article per file, its id from the file's path
RECORD_SUFFIXES = (".json", ".jsonl")  # records that carry their own ids
SUFFIXES = (*TEXT_SUFFIXES, *RECORD_SUFFIXES)
MAX_BYTES = 50_000_000  # one article (a file, or one line of a .jsonl) larger than this is refused
STDIN = "<stdin>"

# UTF-32 first: its little-endian mark begins with UTF-16's
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Input:
    """One article file found among the inputs, with the id its articles get if it has none.

    `name` is the path relative to the input root (the folder walked, the fixed part of a glob,
    or the folder of a file named alone), without its suffix and joined by "/": `c/a/x.txt`
    under `c` is "a/x". It depends on that path alone, never on which other files exist.
    """

    path: Path
    name: str


def shown(text: str) -> str:
    """Return `text` with every unprintable character escaped as in `repr`, fit for one line.

    Examples:
        >>> shown("a\\nb\\x1b[31m.txt")
        'a\\\\nb\\\\x1b[31m.txt'
        >>> shown("日本語.txt")
        '日本語.txt'
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def expand(inputs: Iterable[str | Path]) -> Iterator[Input | ArticleFormatError]:
    """Turn files, folders (recursively, sorted) and globs into article files.

    "-" stands for standard input (read as JSON Lines). In folders, hidden files and the
    folder's own documentation (README, LICENSE, NOTICE, *.md) are passed over; any other file
    with an unknown extension, and anything that is not a regular file, is yielded so that
    reading it reports the problem. Symbolic links to folders are followed; a folder reached a
    second time (a link loop, or two links to one folder) is read once, where it is first met in
    sorted order, and a warning names the other path.
    """
    for item in inputs:
        text = str(item)
        path = Path(text)
        if text == "-":
            yield Input(path, "-")
        elif _is_dir(path):
            yield from _walk(path)
        elif path.exists() or path.is_symlink():
            yield Input(path, _name(path, path.parent))
        elif any(ch in text for ch in "*?["):
            root = Path(*(list(_fixed_parts(path)) or ["."]))
            matches = _once(Path(p) for p in glob.glob(text, recursive=True)
                            if not _is_dir(Path(p)))
            if not matches:
                yield ArticleFormatError(shown(text), "no file matches this pattern")
            yield from (Input(match, _name(match, root)) for match in matches)
        else:
            yield ArticleFormatError(shown(text), "no such file or folder")


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _once(paths: Iterable[Path]) -> list[Path]:
    """Return the paths sorted, each file once: "**" follows links to folders, loops included,
    so one file can match under many paths; the shortest path is kept."""
    seen: set[tuple[int, int]] = set()
    kept: list[Path] = []
    for path in sorted(paths, key=lambda p: (len(p.parts), p)):
        try:
            info = path.stat()
        except (OSError, ValueError):
            kept.append(path)  # reading it will report the problem
            continue
        if (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            kept.append(path)
    return sorted(kept)


def _fixed_parts(pattern: Path) -> Iterator[str]:
    for part in pattern.parts:
        if any(ch in part for ch in "*?["):
            return
        yield part


def _name(path: Path, root: Path) -> str:
    try:
        relative = path.relative_to(root)
    except ValueError:
        relative = Path(path.name)
    parts = list(relative.parts)
    if not parts:
        return path.stem
    parts[-1] = Path(parts[-1]).stem
    return "/".join(parts)


def _walk(root: Path) -> Iterator[Input | ArticleFormatError]:
    problems: list[OSError] = []
    found: list[Path] = []
    seen: dict[tuple[int, int], str] = {}
    for folder, dirs, files in os.walk(root, onerror=problems.append, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError as exc:
            problems.append(exc)
            dirs[:] = []
            continue
        first = seen.setdefault((info.st_dev, info.st_ino), folder)
        if first != folder:  # a link back to a folder already read: read it once
            _log.warning("%s: same folder as %s (a symbolic link), read once", shown(folder),
                         shown(first))
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += (Path(folder) / name for name in files if not _skipped(name))
    for problem in problems:
        where = problem.filename or str(root)
        yield ArticleFormatError(shown(str(where)),
                                 f"cannot list folder: {problem.strerror or problem}")
    yield from (Input(path, _name(path, root)) for path in sorted(found))


def _skipped(name: str) -> bool:
    upper = name.upper()
    return (name.startswith(".") or name.lower().endswith(".md")
            or upper.startswith(("README", "LICENSE", "LICENCE", "NOTICE")))


def open_regular(path: Path, name: str) -> io.BufferedReader:
    """Open a regular file for reading in binary, refusing folders, FIFOs, devices and sockets.

    The type is checked before opening (opening a device can have effects) and again on the
    open file; the open never blocks (a FIFO is opened without waiting for a writer).

    Raises:
        ArticleFormatError: If the path is not a regular file or cannot be opened.
    """
    try:
        _check_regular(os.stat(path).st_mode, name)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ArticleFormatError(name, f"cannot read file: {exc.strerror or exc}") from exc
    try:
        _check_regular(os.fstat(fd).st_mode, name)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _check_regular(mode: int, name: str) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((label for test, label in _KINDS if test(mode)), "not a regular file")
    raise ArticleFormatError(name, f"{kind}, not a regular file: only regular files are read")


def read_bounded(stream: io.BufferedReader, name: str, limit: int = MAX_BYTES) -> bytes:
    """Read a whole stream of at most `limit` bytes (whatever its size claimed when opened).

    Raises:
        ArticleFormatError: If it holds more.
    """
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ArticleFormatError(name, f"file is larger than {limit // 1_000_000} MB")
    return data


def decode(raw: bytes, name: str) -> str:
    """Decode a file's bytes: by its byte-order mark, else UTF-8, else Windows-1252.

    Raises:
        ArticleFormatError: If the file is empty, binary, or invalid in the encoding its mark
            names.
    """
    for mark, encoding in _BOMS:
        if raw.startswith(mark):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ArticleFormatError(
                    name, f"not valid {encoding.upper()} (as its byte-order mark says): "
                          f"{exc.reason} at byte {exc.start}") from exc
            if not text.strip():
                raise ArticleFormatError(name, "file is empty")
            return text
    if not raw.strip():
        raise ArticleFormatError(name, "file is empty")
    if b"\x00" in raw[:8192]:
        raise ArticleFormatError(name, "file is binary, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # not UTF-8: read as Windows-1252, the usual encoding of older Western news pages
        return raw.decode("cp1252", errors="replace")


def read_lines(stream: io.BufferedReader, name: str, limit: int = MAX_BYTES
               ) -> Iterator[tuple[int, str | ArticleFormatError]]:
    """Yield the numbered lines of a JSON Lines stream, one at a time, each at most `limit` bytes.

    Lines end at "\\n" only (a record may hold U+2028 or other line breaks inside a string). A
    UTF-16 or UTF-32 byte-order mark switches the decoding; otherwise each line is UTF-8, or
    Windows-1252 when it is not. A line over the limit is skipped with an error in its place.
    """
    head = stream.peek(4)[:4]
    wide = next((enc for mark, enc in _BOMS if head.startswith(mark) and enc != "utf-8-sig"), None)
    if wide is not None:
        yield from _wide_lines(stream, name, wide, limit)
        return
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit + 1)) and not rest.endswith(b"\n"):
                pass  # skip to the end of the long line, a bounded piece at a time
            yield number, ArticleFormatError(name, f"line is larger than {limit // 1_000_000} MB",
                                             line=number)
            continue
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        try:
            yield number, line.decode("utf-8")
        except UnicodeDecodeError:
            yield number, line.decode("cp1252", errors="replace")


def _wide_lines(stream: io.BufferedReader, name: str, encoding: str, limit: int
                ) -> Iterator[tuple[int, str | ArticleFormatError]]:
    reader = io.TextIOWrapper(stream, encoding=encoding, newline="\n")
    number = 0
    try:
        while line := reader.readline(limit + 1):
            number += 1
            if len(line) > limit and not line.endswith("\n"):
                while (rest := reader.readline(limit + 1)) and not rest.endswith("\n"):
                    pass
                yield number, ArticleFormatError(
                    name, f"line is larger than {limit // 1_000_000} MB", line=number)
                continue
            yield number, line
    except UnicodeDecodeError as exc:
        yield number + 1, ArticleFormatError(
            name, f"not valid {encoding.upper()} (as its byte-order mark says): {exc.reason}; "
                  "the rest of the file is not read", line=number + 1)
    finally:
        reader.detach()  # the caller owns the stream (standard input stays open)
