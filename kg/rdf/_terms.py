"""What the writer and the reader share: IRIs of an article and of its run, class per actor kind,
literal forms, the canonical order of multi-valued fields, and the calendar reading of TIMEX3
values."""

from __future__ import annotations

import calendar
import hashlib
import json
from collections.abc import Callable, Hashable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.config import DEFAULT_BASE_IRI
from kg.keys import article_key
from kg.model import ActorKind, Extraction, ExtractionRun
from kg.rdf import _nt as nt
from kg.vocab import KG, iris

T = TypeVar("T")

ACTOR_CLASSES: dict[ActorKind, URIRef] = {
    "person": KG.Person,
    "organisation": KG.Organisation,
    "government": KG.Government,
    "military": KG.Military,
    "armed_group": KG.ArmedGroup,
    "media": KG.MediaOrganisation,
    "country": KG.State,
    "group": KG.Group,
    "product": KG.Product,
    "financial": KG.FinancialInstrument,
}
"""The subclass of kg:Actor typed next to kg:Actor for each actor kind ("other" has none)."""


def graph_iri(article_id: str, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """Return the IRI of the named graph that holds one article: kgr:graph/{key}.

    Examples:
        >>> str(graph_iri("AFP/2019 08 20"))
        'https://w3id.org/kg-timeline/id/graph/afp-2019-08-20'
    """
    return iris(base_iri).graph(article_key(article_id))


def provenance_iri(article_id: str, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """Return the IRI of the graph of an article's run times: kgr:provenance/{key}.

    Examples:
        >>> str(provenance_iri("AFP/2019 08 20"))
        'https://w3id.org/kg-timeline/id/provenance/afp-2019-08-20'
    """
    return iris(base_iri).provenance(article_key(article_id))


def is_article_graph(iri: str, base_iri: str = DEFAULT_BASE_IRI) -> bool:
    """Tell whether a named graph is an article's (kgr:graph/{key}), not one of the graphs kg keeps
    beside them (the identity graphs, the provenance graphs of run times).

    Examples:
        >>> is_article_graph(graph_iri("a1")), is_article_graph(provenance_iri("a1"))
        (True, False)
    """
    prefix = str(iris(base_iri).graph(""))
    return iri.startswith(prefix) and len(iri) > len(prefix)


def article_iri(article_id: str, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """Return the IRI of an article: kgr:article/{key}.

    Examples:
        >>> str(article_iri("000_6fba463f02e9fc5b", "https://example.org/"))
        'https://example.org/article/000_6fba463f02e9fc5b'
    """
    return iris(base_iri).article(article_key(article_id))


def run_digest(run: ExtractionRun, text_hash: str) -> str:
    """Return the key of an extraction run: a hash of the article text and of everything that
    describes the run (tool, model, stages, settings, extractor version), and no timestamp.

    One run makes one article graph: the same text extracted by the same extractor gives the same
    run IRI (re-ingest changes nothing), a changed text or extractor a new one.
    """
    return _digest({"run": run.model_dump(mode="json"), "text": text_hash})


def agent_digest(run: ExtractionRun) -> str:
    """Return the key of the software agent of a run: the tool and its version, the language model
    and its version."""
    return _digest(run.model_dump(mode="json", include={"tool", "version", "model",
                                                        "model_version"}))


def run_iri(extraction: Extraction, base_iri: str = DEFAULT_BASE_IRI) -> URIRef | None:
    """Return the IRI of the run that made an extraction's graph (kgr:run/{digest}), if it has one.

    Examples:
        >>> from kg.model import Article
        >>> run_iri(Extraction(article=Article(id="a1", text="Rain fell."))) is None
        True
    """
    if extraction.run is None:
        return None
    return iris(base_iri).run(run_digest(extraction.run, extraction.article.text_hash))


def _digest(value: object) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def decimal_literal(value: float) -> str:
    """Return `value` as an xsd:decimal (N-Triples) whose lexical form reads back to the same float.

    Turtle writers shorten xsd:double to six digits; the shortest repr as a decimal is exact.

    Examples:
        >>> decimal_literal(0.1)
        '"0.1"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    """
    return nt.typed(format(Decimal(repr(value)), "f"), XSD.decimal)


def to_float(literal: Literal) -> float:
    """Return the float of a numeric literal written by `decimal_literal` (or any numeric)."""
    return float(literal.toPython())


def json_literal(value: object) -> str:
    """Return `value` as a canonical rdf:JSON literal (N-Triples)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return nt.typed(text, RDF.JSON)


def from_json(literal: Literal) -> object:
    """Return the value of an rdf:JSON literal."""
    return json.loads(str(literal))


def is_canonical(items: Sequence[T], key: Callable[[T], Hashable]) -> bool:
    """Tell whether `items` is already in canonical order: strictly increasing by `key`."""
    keys = [key(item) for item in items]
    return all(a < b for a, b in zip(keys, keys[1:], strict=False))  # type: ignore[operator]


def calendar_point(value: str, granularity: str | None) -> tuple[str, date, date] | None:
    """Read a TIMEX3 value as a calendar point: the typed kg:date literal (N-Triples) and its day
    bounds.

    `granularity` picks the reading; None tries a year, a month, a day, then a date-time.
    Returns None when the value is no calendar point (a week, a season, "PRESENT_REF").

    Examples:
        >>> calendar_point("2019-08", "month")[1:]
        (datetime.date(2019, 8, 1), datetime.date(2019, 8, 31))
        >>> calendar_point("2019-W34", "week") is None
        True
    """
    readers = _READERS.get(granularity or "", ()) if granularity else _ALL_READERS
    for reader in readers:
        try:
            return reader(value)
        except ValueError:
            continue
    return None


def _year(value: str) -> tuple[str, date, date]:
    if len(value) != 4 or not value.isdigit():
        raise ValueError(value)
    year = int(value)
    return nt.typed(value, XSD.gYear), date(year, 1, 1), date(year, 12, 31)


def _month(value: str) -> tuple[str, date, date]:
    if len(value) != 7:
        raise ValueError(value)
    first = date.fromisoformat(f"{value}-01")
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    lexical = f"{first.year:04d}-{first.month:02d}"
    return nt.typed(lexical, XSD.gYearMonth), first, last


def _day(value: str) -> tuple[str, date, date]:
    if len(value) != 10 or value[4] != "-" or value[7] != "-":  # not a week date like 2019-W34-2
        raise ValueError(value)
    day = date.fromisoformat(value)
    return nt.literal(day), day, day


def _instant(value: str) -> tuple[str, date, date]:
    if "T" not in value:
        raise ValueError(value)
    moment = datetime.fromisoformat(value)
    return nt.literal(moment), moment.date(), moment.date()


_READERS: dict[str, tuple[Callable[[str], tuple[str, date, date]], ...]] = {
    "year": (_year,),
    "month": (_month,),
    "day": (_day,),
    "hour": (_instant,),
    "minute": (_instant,),
    "second": (_instant,),
}
_ALL_READERS = (_year, _month, _day, _instant)
