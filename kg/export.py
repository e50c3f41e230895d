"""Write extractions and stored graphs out: JSON, JSON Lines, Turtle, TriG, N-Quads, JSON-LD.

Serialising is rdflib's; JSON-LD is compacted with our context in `ontology/context.jsonld`.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Iterable
from typing import BinaryIO, Literal, TextIO

from rdflib import Dataset, Graph

from kg.config import DEFAULT_BASE_IRI
from kg.errors import KGError
from kg.model import Extraction
from kg.rdf import to_graph
from kg.store import Store
from kg.vocab import bind_prefixes, ontology_path

RecordFormat = Literal["json", "jsonl"]
RdfFormat = Literal["turtle", "trig", "nquads", "jsonld"]
RDF_FORMATS: tuple[RdfFormat, ...] = ("turtle", "trig", "nquads", "jsonld")
_RDFLIB_NAMES = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


@functools.lru_cache(maxsize=1)
def jsonld_context() -> dict[str, object]:
    """Return our JSON-LD context (the value of "@context" in ontology/context.jsonld)."""
    with ontology_path("context.jsonld").open(encoding="utf-8") as handle:
        document = json.load(handle)
    context: dict[str, object] = document["@context"]
    return context


def extraction_json(extraction: Extraction, *, indent: int | None = 2) -> str:
    """Return one extraction as JSON following the `kg extract` output contract."""
    return extraction.model_dump_json(indent=indent)


def serialize(graph: Graph | Dataset, fmt: RdfFormat, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """Serialise a graph or dataset with rdflib, binding our prefixes and JSON-LD context.

    Raises:
        KGError: If the format is unknown.
    """
    if fmt not in _RDFLIB_NAMES:
        raise KGError(f"unknown RDF format {fmt!r}; expected one of {list(_RDFLIB_NAMES)}")
    bind_prefixes(graph, base_iri)
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    if fmt in ("trig", "nquads") and not isinstance(graph, Dataset):
        dataset = Dataset()
        bind_prefixes(dataset, base_iri)
        named = dataset.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
        return dataset.serialize(format=_RDFLIB_NAMES[fmt])
    return graph.serialize(format=_RDFLIB_NAMES[fmt])


def write_extractions(out: TextIO, extractions: Iterable[Extraction],
                      fmt: RecordFormat | RdfFormat, *, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Write each extraction as it comes: one JSON object, JSON line or RDF document per article.

    Returns:
        How many extractions were written.
    """
    count = 0
    for extraction in extractions:
        if fmt == "json":
            out.write(extraction_json(extraction) + "\n")
        elif fmt == "jsonl":
            out.write(extraction_json(extraction, indent=None) + "\n")
        else:
            out.write(serialize(to_graph(extraction, base_iri=base_iri), fmt, base_iri=base_iri))
        out.flush()
        count += 1
    return count


def export_store(store: Store, out: BinaryIO, fmt: RdfFormat, *,
                 base_iri: str = DEFAULT_BASE_IRI) -> None:
    """Write everything in a store: N-Quads and TriG by the store's own dump; Turtle as the
    union of the article graphs; JSON-LD with one named graph per article, compacted.

    Raises:
        KGError: If the format is unknown.
    """
    if fmt in ("nquads", "trig"):
        store.dump(out, fmt)
        return
    if fmt not in RDF_FORMATS:
        raise KGError(f"unknown RDF format {fmt!r}; expected one of {list(RDF_FORMATS)}")
    buffer = io.BytesIO()
    store.dump(buffer, "nquads")
    dataset = Dataset()
    dataset.parse(data=buffer.getvalue(), format="nquads")
    if fmt == "turtle":
        union = Graph()
        for subject, predicate, obj, _graph in dataset.quads((None, None, None, None)):
            union.add((subject, predicate, obj))
        out.write(serialize(union, "turtle", base_iri=base_iri).encode("utf-8"))
    else:
        out.write(serialize(dataset, "jsonld", base_iri=base_iri).encode("utf-8"))
