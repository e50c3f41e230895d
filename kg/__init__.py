"""kg: turn news articles into an event timeline knowledge graph.

Read articles, extract actors, places, times, events and statements, map them to RDF (one named
graph per article), store them, and query them with SPARQL or networkx timeline helpers.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

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

try:
    __version__ = version("kg")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "Actor", "Article", "Dateline", "Event", "Extraction", "KGError", "Pipeline", "Place",
    "Settings", "Span", "Statement", "Store", "TimeValue", "Timex", "__version__", "extract",
    "from_graph", "from_html", "from_record", "from_text", "ingest", "load_settings",
    "open_store", "read_inputs", "run_named", "run_text", "to_graph", "validate",
]
