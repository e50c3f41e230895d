"""The intent record of the embedded store's bulk loads: which named graphs a load is writing.

Oxigraph's bulk loader is several times faster than a transactional load but not atomic. Before
a bulk load the store writes the names of the graphs it is loading to a small file (written
beside, synced, then renamed into place), and deletes the file once the load is done. A file
still there when the store is opened is what a killed process left: those graphs may be half
written, so they are removed, and a re-run ingests those articles again (their text hash went
with them).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from kg.errors import StoreError

FILE = "kg-pending-load.json"


def begin(folder: Path, graphs: list[str]) -> None:
    """Record, durably, that the graphs `graphs` are about to be bulk loaded into `folder`.

    Raises:
        StoreError: If the record cannot be written.
    """
    path = folder / FILE
    partial = folder / f"{FILE}.part"
    try:
        with partial.open("w", encoding="utf-8") as out:
            json.dump(graphs, out)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)
    except OSError as exc:
        raise StoreError(f"cannot write {str(path)!r} before a bulk load: {exc}") from exc


def done(folder: Path) -> None:
    """Drop the record: the load it named has finished."""
    (folder / FILE).unlink(missing_ok=True)


def left_over(folder: Path) -> list[str]:
    """Return the graphs of a bulk load that did not finish (none if the last one did).

    Raises:
        StoreError: If the record is there but unreadable.
    """
    path = folder / FILE
    if not path.exists():
        return []
    try:
        graphs = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read the unfinished-load record {str(path)!r}: {exc}; if no "
                         f"kg process is writing the store, delete it and re-run the ingest"
                         ) from exc
    if not isinstance(graphs, list) or not all(isinstance(g, str) for g in graphs):
        raise StoreError(f"the unfinished-load record {str(path)!r} is not a list of graph IRIs")
    return graphs
