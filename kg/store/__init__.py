"""Opens a store (in memory, embedded Oxigraph on disk, or a remote SPARQL endpoint) that keeps one
named graph per article and answers SPARQL over their union.

`open_store` picks the backend from a spec: "memory", an http(s) URL, or a directory path (the
default, an embedded pyoxigraph store). Every backend follows the `Store` protocol.

The backends are imported when first named (PEP 562): a command on the embedded store loads
neither rdflib's SPARQL engine (the memory store) nor httpx (the remote store).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.config import Settings
from kg.errors import ConfigError
from kg.lazy import lazy_names
from kg.store.base import DumpFormat, OpenMode, QueryResult, Stamp, Store

if TYPE_CHECKING:
    from kg.store.memory import MemoryStore
    from kg.store.oxigraph import OxigraphStore
    from kg.store.remote import RemoteStore

# backend class -> the module that defines it
_BACKENDS = {"MemoryStore": "kg.store.memory", "OxigraphStore": "kg.store.oxigraph",
             "RemoteStore": "kg.store.remote"}

__all__ = [
    "DumpFormat",
    "MemoryStore",
    "OpenMode",
    "OxigraphStore",
    "QueryResult",
    "RemoteStore",
    "Stamp",
    "Store",
    "open_store",
]


__getattr__, __dir__ = lazy_names(__name__, _BACKENDS, globals())


def open_store(spec: str | Path | Settings, *, mode: OpenMode = "create") -> Store:
    """Open the store a spec names.

    Args:
        spec: "memory"; an "http://" or "https://" URL of an oxigraph server (see
            `RemoteStore` for other servers); a directory path for an embedded store; or
            `Settings`, whose `store` field ("memory", "oxigraph", "remote") picks the backend,
            with `store_path`, or `endpoint`, `server` and the endpoint URLs, and `batch_size`.
        mode: For an embedded store: "create" makes a missing folder; "write" and "read" refuse
            one ("no store at ..."); "read" also opens, read-only, a store another process
            holds (a notebook), as it is at that moment.

    Returns:
        The open store; use it as a context manager to close it.

    Raises:
        ConfigError: If the settings ask for a remote store without an endpoint.
        StoreError: If the store cannot be opened, or `mode` asks for a store that is not there.

    Examples:
        >>> with open_store("memory") as store:
        ...     store.graphs()
        []
    """
    if isinstance(spec, Settings):
        if spec.store == "memory":
            from kg.store.memory import MemoryStore

            return MemoryStore(batch_size=spec.batch_size)
        if spec.store == "remote":
            if not spec.endpoint and not (spec.query_url and spec.update_url):
                raise ConfigError("settings ask for a remote store but give no endpoint "
                                  "(endpoint, or query_url and update_url)")
            from kg.store.remote import RemoteStore

            return RemoteStore.from_settings(spec)
        from kg.store.oxigraph import OxigraphStore

        return OxigraphStore(spec.store_path, batch_size=spec.batch_size, wait=spec.lock_wait,
                             mode=mode)
    text = str(spec)
    if text == "memory":
        from kg.store.memory import MemoryStore

        return MemoryStore()
    if text.startswith(("http://", "https://")):
        from kg.store.remote import RemoteStore

        return RemoteStore(text)
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore(text, mode=mode)
