"""Read the named graph of one article back into its `Extraction`."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from pydantic import ValidationError
from rdflib import Graph, Literal, URIRef
from rdflib.exceptions import UniquenessError
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from kg.config import DEFAULT_BASE_IRI
from kg.errors import MappingError
from kg.keys import article_key
from kg.model import (
    Actor,
    Article,
    Dateline,
    Event,
    Extraction,
    ExtractionRun,
    Participant,
    Place,
    Span,
    Statement,
    TimeValue,
    Timex,
)
from kg.rdf._terms import from_json, to_float
from kg.vocab import CAMEO, EVENT_CLASS, KG, Iris, iris

T = TypeVar("T")


def from_graph(graph: Graph, *, base_iri: str = DEFAULT_BASE_IRI) -> Extraction:
    """Map the graph of one article, as written by `to_graph`, back to its extraction.

    Args:
        graph: A graph holding exactly one kg:Article (one named graph of a store).
        base_iri: Base of the instance IRIs the graph was written with.

    Returns:
        The extraction, equal to the one `to_graph` was given.

    Raises:
        MappingError: If the graph holds no article or several, a required value is missing,
            a single value is repeated, or an IRI is not under `base_iri`.
    """
    articles = list(graph.subjects(RDF.type, KG.Article))
    if len(articles) != 1:
        raise MappingError(f"graph {graph.identifier!r} holds {len(articles)} articles; "
                           f"from_graph needs exactly one")
    reader = _Reader(graph, iris(base_iri), articles[0])
    try:
        return reader.extraction()
    except ValidationError as exc:
        raise MappingError(f"graph {graph.identifier!r} does not map to valid records: "
                           f"{exc.errors()[0]['msg']}") from exc


class _Reader:
    """Reads records out of one article graph; the inverse of `_write._Writer`."""

    def __init__(self, graph: Graph, kgr: Iris, article: Node) -> None:
        self.graph = graph
        self.kgr = kgr
        self.node = article
        self.key = ""

    def extraction(self) -> Extraction:
        article = self.article()
        key = article_key(article.id)
        if self.node != self.kgr.article(key):
            raise MappingError(f"article node {self.node!r} is not {self.kgr.article(key)!r}; "
                               f"was the graph written with another base IRI?")
        self.key = key
        order = self.order(self.node)
        nodes = self.subjects
        return Extraction(
            article=article,
            actors=_ordered(order.get("actors"), [self.actor(n) for n in nodes(KG.Actor)],
                            lambda r: r.id, lambda r: r.id),
            places=_ordered(order.get("places"), [self.place(n) for n in nodes(KG.Place)],
                            lambda r: r.id, lambda r: r.id),
            times=_ordered(order.get("times"), [self.timex(n) for n in nodes(KG.TimeExpression)],
                           lambda r: r.id, lambda r: (r.start, r.end, r.id)),
            events=_ordered(order.get("events"), [self.event(n) for n in nodes(KG.Event)],
                            lambda r: r.id, lambda r: (r.trigger.start, r.trigger.end, r.id)),
            statements=_ordered(order.get("statements"),
                                [self.statement(n) for n in nodes(KG.Statement)],
                                lambda r: r.id, lambda r: (r.cue.start, r.cue.end, r.id)),
            run=self.run(),
        )

    def subjects(self, cls: URIRef) -> list[Node]:
        return list(self.graph.subjects(RDF.type, cls))

    def article(self) -> Article:
        node = self.node
        dateline = None
        text = self.value(node, KG.dateline)
        if text is not None:
            span = self.value(node, KG.datelineMention)
            place = self.value(node, KG.datelinePlace)
            dateline = Dateline(
                text=text,
                span=None if span is None else self.span(span),
                place=None if place is None else self.key_of(place, "place/"),
                place_name=self.value(node, KG.datelinePlaceName),
                region=self.value(node, KG.datelineRegion),
                agency=self.value(node, KG.agency),
            )
        return Article(
            id=self.required(node, KG.articleId),
            text=self.required(node, KG.text),
            url=self.value(node, KG.url),
            title=self.value(node, KG.title),
            publisher=self.value(node, KG.publisher),
            published=self.value(node, KG.published),
            page_date=self.value(node, KG.pageDate),
            dateline=dateline,
            language=self.required(node, KG.language),
            body_start=self.required(node, KG.bodyStart),
            source_path=self.value(node, KG.sourcePath),
        )

    def run(self) -> ExtractionRun | None:
        runs = self.subjects(KG.ExtractionRun)
        if not runs:
            return None
        if len(runs) > 1:
            raise MappingError(f"graph {self.graph.identifier!r} holds {len(runs)} extraction "
                               f"runs; an article graph is generated by one")
        node = runs[0]
        agent = self.required(node, PROV.wasAssociatedWith, python=False)
        order = self.order(node)
        return ExtractionRun(
            tool=self.required(agent, KG.tool),
            version=self.required(agent, KG.toolVersion),
            model=self.required(agent, KG.model),
            model_version=self.required(agent, KG.modelVersion),
            stages=self.literals(node, KG.stage, order.get("stage")),
            settings_hash=self.required(node, KG.settingsHash),
            extractor=self.value(node, KG.extractor),
        )

    def actor(self, node: Node) -> Actor:
        order = self.order(node)
        return Actor(
            id=self.key_of(node, "actor/"),
            name=self.required(node, KG.name),
            kind=self.required(node, KG.kind),
            aliases=self.literals(node, KG.alias, order.get("alias")),
            titles=self.literals(node, KG.title, order.get("title")),
            mentions=self.spans(node, KG.hasMention, order.get("hasMention")),
            affiliation=self.optional_key(node, KG.affiliation, "actor/"),
            country=self.optional_key(node, KG.country, "place/"),
            links=tuple(_ordered(order.get("sameAs"),
                                 [str(o) for o in self.graph.objects(node, KG.sameAs)],
                                 _same, _same)),
        )

    def place(self, node: Node) -> Place:
        order = self.order(node)
        latitude = self.value(node, KG.latitude, python=False)
        longitude = self.value(node, KG.longitude, python=False)
        confidence = self.value(node, KG.confidence, python=False)
        return Place(
            id=self.key_of(node, "place/"),
            name=self.required(node, KG.name),
            kind=self.required(node, KG.kind),
            within=self.optional_key(node, KG.locatedIn, "place/"),
            geonames_id=self.value(node, KG.geonamesId),
            country_code=self.value(node, KG.countryCode),
            latitude=None if latitude is None else to_float(latitude),
            longitude=None if longitude is None else to_float(longitude),
            confidence=None if confidence is None else to_float(confidence),
            aliases=self.literals(node, KG.alias, order.get("alias")),
            mentions=self.spans(node, KG.hasMention, order.get("hasMention")),
        )

    def timex(self, node: Node) -> Timex:
        span = self.span(self.required(node, KG.hasMention, python=False))
        time = self.time(node)
        if time is None:
            raise MappingError(f"time expression {node!r} has no kg:timeValue")
        return Timex(id=self.key_of(node, "timex/"), start=span.start, end=span.end,
                     text=span.text, type=time.type, value=time.value,
                     granularity=time.granularity, begin=time.begin, until=time.end,
                     mod=time.mod)

    def event(self, node: Node) -> Event:
        order = self.order(node)
        cameo = self.value(node, KG.cameo, python=False)
        time_span = self.value(node, KG.timeMention, python=False)
        return Event(
            id=self.key_of(node, "event/"),
            type=_local(self.required(node, KG.eventType, python=False), str(EVENT_CLASS)),
            cameo=None if cameo is None else _local(cameo, str(CAMEO)),
            label=self.value(node, KG.label),
            timeml_class=self.value(node, KG.timemlClass),
            trigger=self.span(self.required(node, KG.trigger, python=False)),
            agents=self.links(node, KG.hasAgent, "actor/", order.get("hasAgent")),
            targets=self.links(node, KG.hasTarget, "actor/", order.get("hasTarget")),
            recipients=self.links(node, KG.hasRecipient, "actor/", order.get("hasRecipient")),
            instruments=self.links(node, KG.hasInstrument, "actor/", order.get("hasInstrument")),
            place=self.optional_key(node, KG.atPlace, "place/"),
            participants=self.participants(node),
            time=self.time(node),
            time_span=None if time_span is None else self.span(time_span),
            source=self.optional_key(node, KG.attributedTo, "actor/"),
            negated=self.required(node, KG.negated),
            factuality=self.value(node, KG.factuality) or "asserted",
            time_origin=self.value(node, KG.timeOrigin),
            confidence=to_float(self.required(node, KG.confidence, python=False)),
            rule=self.value(node, KG.rule),
        )

    def participants(self, node: Node) -> tuple[Participant, ...]:
        """Read an event's participants back in the order of the n of their IRIs."""
        prefix = f"{node}/participant/"
        found: list[tuple[int, Participant]] = []
        for item in self.graph.objects(node, KG.hasParticipant):
            n = _local(item, prefix)
            if not n.isdigit():
                raise MappingError(f"participant {item!r} is not numbered under {prefix!r}")
            found.append((int(n), Participant(
                role=self.required(item, KG.participantRole),
                mention=self.span(self.required(item, KG.hasMention, python=False)),
                actor=self.optional_key(item, KG.refersTo, "actor/"))))
        return tuple(p for _, p in sorted(found, key=lambda f: f[0]))

    def statement(self, node: Node) -> Statement:
        order = self.order(node)
        speaker_mention = self.value(node, KG.speakerMention, python=False)
        content = self.value(node, KG.content, python=False)
        return Statement(
            id=self.key_of(node, "statement/"),
            speaker=self.optional_key(node, KG.speaker, "actor/"),
            speaker_mention=None if speaker_mention is None else self.span(speaker_mention),
            cue=self.span(self.required(node, KG.cue, python=False)),
            content=None if content is None else self.span(content),
            direct=self.required(node, KG.direct),
            channel=self.optional_key(node, KG.channel, "actor/"),
            date=self.value(node, KG.timeValue),
            reports=self.links(node, KG.reports, "event/", order.get("reports")),
            confidence=to_float(self.required(node, KG.confidence, python=False)),
            rule=self.value(node, KG.rule),
        )

    def time(self, node: Node) -> TimeValue | None:
        value = self.value(node, KG.timeValue)
        if value is None:
            return None
        return TimeValue(type=self.required(node, KG.timeType), value=value,
                         granularity=self.required(node, KG.granularity),
                         begin=self.value(node, KG.earliest), end=self.value(node, KG.latest),
                         mod=self.value(node, KG.timeMod))

    def span(self, node: Node) -> Span:
        return Span(start=self.required(node, KG.beginIndex),
                    end=self.required(node, KG.endIndex),
                    text=self.required(node, KG.anchorOf))

    def spans(self, node: Node, prop: URIRef, order: list[str] | None) -> tuple[Span, ...]:
        if order is not None:
            return tuple(self.span(self.kgr.mention(self.key, *_offsets(item))) for item in order)
        found = [self.span(o) for o in self.graph.objects(node, prop)]
        return tuple(sorted(found, key=lambda s: (s.start, s.end)))

    def literals(self, node: Node, prop: URIRef, order: list[str] | None) -> tuple[str, ...]:
        found = [str(o) for o in self.graph.objects(node, prop)]
        return tuple(_ordered(order, found, _same, _same))

    def links(self, node: Node, prop: URIRef, kind: str, order: list[str] | None
              ) -> tuple[str, ...]:
        found = [self.key_of(o, kind) for o in self.graph.objects(node, prop)]
        return tuple(_ordered(order, found, _same, _same))

    def optional_key(self, node: Node, prop: URIRef, kind: str) -> str | None:
        found = self.value(node, prop, python=False)
        return None if found is None else self.key_of(found, kind)

    def key_of(self, node: Node, kind: str) -> str:
        return _local(node, self.kgr.base + kind)

    def order(self, node: Node) -> dict[str, list[str]]:
        found = self.value(node, KG.order, python=False)
        if found is None:
            return {}
        value = from_json(found)
        if not isinstance(value, dict):
            raise MappingError(f"kg:order of {node!r} is not a JSON object: {found!r}")
        return value

    def value(self, node: Node, prop: URIRef, *, python: bool = True) -> Any:
        try:
            found = self.graph.value(node, prop, any=False)
        except UniquenessError as exc:
            raise MappingError(f"{node!r} has several values of {prop!r}; it takes one") from exc
        if found is None or not python:
            return found
        return found.toPython() if isinstance(found, Literal) else found

    def required(self, node: Node, prop: URIRef, *, python: bool = True) -> Any:
        found = self.value(node, prop, python=python)
        if found is None:
            raise MappingError(f"{node!r} has no value of {prop!r}, which it needs")
        return found


def _local(node: object, prefix: str) -> str:
    text = str(node)
    if not isinstance(node, URIRef) or not text.startswith(prefix) or len(text) == len(prefix):
        raise MappingError(f"{node!r} is not an IRI under {prefix!r}")
    return text[len(prefix):]


def _offsets(item: str) -> tuple[int, int]:
    start, _, end = item.partition("-")
    return int(start), int(end)


def _same(value: str) -> str:
    return value


def _ordered(order: list[str] | None, records: Iterable[T], ident: Callable[[T], str],
             key: Callable[[T], Hashable]) -> list[T]:
    """Put records in the order the writer recorded, or else in canonical order."""
    if order is None:
        return sorted(records, key=key)  # type: ignore[arg-type]
    by_id: dict[str, T] = {}
    for record in records:
        by_id.setdefault(ident(record), record)
    try:
        return [by_id[item] for item in order]
    except KeyError as exc:
        raise MappingError(f"kg:order names {exc.args[0]!r}, which the graph does not "
                           f"hold") from exc
