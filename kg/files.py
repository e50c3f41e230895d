"""Write a file whole or not at all: into a temporary file beside it, then renamed over it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def whole_file(path: Path) -> Iterator[BinaryIO]:
    """Open a binary stream whose bytes replace `path` only if the block ends without an error.

    The bytes go to a hidden temporary file in the same folder (so the rename cannot cross file
    systems), flushed to disk and renamed over `path` when the block ends; if it raises, the
    temporary file is removed and `path` is left as it was.

    Raises:
        OSError: If the folder does not exist, `path` is a folder, or the file cannot be written.
    """
    if path.is_dir():
        raise IsADirectoryError(21, "is a folder", str(path))
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.",
                                     delete=False) as out:
        partial = Path(out.name)
        try:
            # a temporary file is private (0600); the file replaced keeps its mode, a new one
            # gets the mode open() would give it
            os.chmod(out.fileno(), path.stat().st_mode & 0o7777 if path.exists() else _mode())
            yield out  # type: ignore[misc]  # a NamedTemporaryFile opened "w+b" is a BinaryIO
            out.flush()
            os.fsync(out.fileno())
        except BaseException:
            out.close()
            partial.unlink(missing_ok=True)
            raise
    try:
        partial.replace(path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise


def _mode() -> int:
    """Return the mode a new file gets from open(): 0o666 less the process umask."""
    mask = os.umask(0o022)  # the umask can only be read by setting it: put it back at once
    os.umask(mask)
    return 0o666 & ~mask


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` (making its folder), so that readers see the old file or the new.

    The bytes go to a hidden temporary file in the same folder, renamed over `path` when
    complete; on failure the temporary file is removed and `path` is as it was.

    Raises:
        OSError: If the folder or the file cannot be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with whole_file(path) as out:
        out.write(data)
