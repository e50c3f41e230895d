"""Opens a store (in memory, embedded Oxigraph on disk, or a remote SPARQL endpoint) that keeps one
named graph per article and answers SPARQL over their union.

`open_store` picks the backend from a spec: "memory", an http(s) URL, or a directory path (the
default, an embedded pyoxigraph store). Every backend follows the `Store` protocol.
"""

from __future__ import annotations

from pathlib import Path

from kg.config import Settings
from kg.errors import ConfigError
from kg.store.base import DumpFormat, QueryResult, Stamp, Store
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import RemoteStore

__all__ = [
    "DumpFormat",
    "MemoryStore",
    "OxigraphStore",
    "QueryResult",
    "RemoteStore",
    "Stamp",
    "Store",
    "open_store",
]


def open_store(spec: str | Path | Settings) -> Store:
    """Open the store a spec names.

    Args:
        spec: "memory"; an "http://" or "https://" URL of an oxigraph server (see
            `RemoteStore` for other servers); a directory path for an embedded store; or
            `Settings`, whose `store` field ("memory", "oxigraph", "remote") picks the backend,
            with `store_path` or `endpoint` and `batch_size`.

    Returns:
        The open store; use it as a context manager to close it.

    Raises:
        ConfigError: If the settings ask for a remote store without an endpoint.
        StoreError: If the store cannot be opened.

    Examples:
        >>> with open_store("memory") as store:
        ...     store.graphs()
        []
    """
    if isinstance(spec, Settings):
        if spec.store == "memory":
            return MemoryStore(batch_size=spec.batch_size)
        if spec.store == "remote":
            if not spec.endpoint:
                raise ConfigError("settings ask for a remote store but give no endpoint")
            return RemoteStore(spec.endpoint, batch_size=spec.batch_size)
        return OxigraphStore(spec.store_path, batch_size=spec.batch_size, wait=spec.lock_wait)
    text = str(spec)
    if text == "memory":
        return MemoryStore()
    if text.startswith(("http://", "https://")):
        return RemoteStore(text)
    return OxigraphStore(text)
