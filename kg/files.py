"""Write a file whole or not at all: into a temporary file beside it, then renamed over it."""

from __future__ import annotations

import tempfile
from pathlib import Path


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` (making its folder), so that readers see the old file or the new.

    The bytes go to a hidden temporary file in the same folder, renamed over `path` when
    complete; on failure the temporary file is removed and `path` is as it was.

    Raises:
        OSError: If the folder or the file cannot be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.",
                                         delete=False) as out:
            partial = Path(out.name)
            out.write(data)
        partial.replace(path)
    except OSError:
        if partial is not None:
            partial.unlink(missing_ok=True)
        raise
