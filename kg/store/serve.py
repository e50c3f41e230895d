"""`kg serve`: a read-only SPARQL endpoint over the embedded store, with a query page.

The server is Oxigraph's own (`oxigraph serve-read-only`, from the `oxigraph` package: the
SPARQL 1.1 protocol at `/query` and a YASGUI query page at `/`), started over the store folder
with the union of the named graphs as the default graph, as kg's queries expect. This process
holds the store open while the server runs, so no `kg ingest` writes under a reader (Oxigraph's
read-only mode does not allow a writer beside it); it is released when the server stops.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from kg.errors import StoreError
from kg.store.oxigraph import OxigraphStore

DEFAULT_BIND = "127.0.0.1:7878"


def server_binary() -> str:
    """Return the path of the `oxigraph` server program.

    Raises:
        StoreError: If it is not installed.
    """
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise StoreError("the oxigraph server program is missing: pip install oxigraph")
    return found


def _check_bind(bind: str) -> tuple[str, int]:
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise StoreError(f"--bind takes HOST:PORT (say {DEFAULT_BIND}), got {bind!r}")
    return host.strip("[]"), int(port)


@contextmanager
def serving(location: str | Path, bind: str = DEFAULT_BIND, *, timeout: float = 30.0,
            start_wait: float = 30.0) -> Iterator[str]:
    """Serve the embedded store at `location` read-only on `bind`; yield the base URL.

    Raises:
        StoreError: If the folder holds no store, is in use, the address is taken or the server
            does not start within `start_wait` seconds.
    """
    host, port = _check_bind(bind)
    path = Path(location)
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
    held = OxigraphStore(path, mode="write")  # a store must be there already
    with held:  # held open: no writer while the server reads
        held.settle()  # no compaction of ours may delete files under the server
        process = subprocess.Popen(
            [server_binary(), "serve-read-only", "--location", str(path), "--bind", bind,
             "--union-default-graph", "--timeout-s", str(max(1, round(timeout)))],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait(process, url, start_wait)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait(process: subprocess.Popen[bytes], url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1).is_success:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            error = process.stderr.read().decode(errors="replace") if process.stderr and \
                process.poll() is not None else "no answer"
            line = next((x for x in error.splitlines() if x.strip()), "no answer")
            raise StoreError(f"the SPARQL server did not start on {url}: {line[:200]}")
        time.sleep(0.1)
