"""kg: turn news articles into an event timeline knowledge graph.

Read articles, extract actors, places, times, events and statements, map them to RDF (one named
graph per article), store them, and query them with SPARQL or networkx timeline helpers.

The public names are imported on first use (PEP 562), so `import kg` and the commands that do
not extract never load spaCy or pySHACL.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING

from kg.lazy import lazy_names

if TYPE_CHECKING:
    __version__: str
    from kg.articles import from_html, from_record, from_text, read_inputs
    from kg.config import Settings, load_settings
    from kg.errors import KGError
    from kg.extract import Pipeline
    from kg.ingest.batches import extract, ingest
    from kg.model import (
        Actor,
        Article,
        Dateline,
        Event,
        Extraction,
        Place,
        Span,
        Statement,
        TimeValue,
        Timex,
    )
    from kg.query import run_named, run_text
    from kg.rdf import from_graph, to_graph
    from kg.store import Store, open_store
    from kg.validate import validate

# public name -> the module that defines it
_WHERE = {
    "from_html": "kg.articles", "from_record": "kg.articles", "from_text": "kg.articles",
    "read_inputs": "kg.articles",
    "Settings": "kg.config", "load_settings": "kg.config",
    "KGError": "kg.errors",
    "Pipeline": "kg.extract",
    "extract": "kg.ingest.batches", "ingest": "kg.ingest.batches",
    "Actor": "kg.model", "Article": "kg.model", "Dateline": "kg.model", "Event": "kg.model",
    "Extraction": "kg.model", "Place": "kg.model", "Span": "kg.model", "Statement": "kg.model",
    "TimeValue": "kg.model", "Timex": "kg.model",
    "run_named": "kg.query", "run_text": "kg.query",
    "from_graph": "kg.rdf", "to_graph": "kg.rdf",
    "Store": "kg.store", "open_store": "kg.store",
    "validate": "kg.validate",
}

__all__ = [
    "Actor", "Article", "Dateline", "Event", "Extraction", "KGError", "Pipeline", "Place",
    "Settings", "Span", "Statement", "Store", "TimeValue", "Timex", "__version__", "extract",
    "from_graph", "from_html", "from_record", "from_text", "ingest", "load_settings",
    "open_store", "read_inputs", "run_named", "run_text", "to_graph", "validate",
]


_named, __dir__ = lazy_names(__name__, _WHERE, globals())


def __getattr__(name: str) -> object:
    """Import a public name from its module on first use, and keep it here."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("kg")
        except PackageNotFoundError:  # running from a source tree that is not installed
            found = "0+unknown"
        globals()[name] = found
        return found
    return _named(name)


class _Package(ModuleType):
    """The import system binds each submodule it loads as an attribute of its package; two public
    functions are named like submodules (`extract`, `validate`), and those names keep meaning the
    functions, as when this module imported them eagerly."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _WHERE and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
