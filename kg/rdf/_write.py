"""Write one `Extraction` as the triples of its named graph, each term in N-Triples form."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from kg.config import DEFAULT_BASE_IRI
from kg.errors import MappingError
from kg.keys import article_key
from kg.model import (
    Actor,
    Article,
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
from kg.rdf import _nt as nt
from kg.rdf._terms import (
    ACTOR_CLASSES,
    agent_digest,
    calendar_point,
    decimal_literal,
    is_canonical,
    json_literal,
    run_digest,
)
from kg.vocab import CAMEO, EVENT_CLASS, GEONAMES, KG, Iris, bind_prefixes, iris

T = TypeVar("T")
NTriple = tuple[str, str, str]  # subject, predicate and object, each in N-Triples form
_TYPE = RDF.type  # read once: rdflib's RDF namespace resolves each attribute in Python


def to_graph(extraction: Extraction, *, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """Map an extraction to an rdflib graph named kgr:graph/{article key}.

    The same extraction always gives the same triples (no blank nodes, no timestamps), and
    `from_graph` gives the extraction back exactly.

    Args:
        extraction: Everything read out of one article.
        base_iri: Base of the instance IRIs (`Settings.base_iri`).

    Returns:
        A new graph whose identifier is the article's named graph IRI, prefixes bound.

    Raises:
        MappingError: If two records of one kind share an id, two spans with the same
            offsets carry different text, or a value cannot be written as RDF.
    """
    name, found = triples(extraction, base_iri=base_iri)
    graph = Graph(identifier=name, bind_namespaces="none")
    bind_prefixes(graph, base_iri)
    # parsed from the very text that `to_nquads` writes, so the two cannot differ; pyoxigraph
    # parses it (rdflib's N-Triples parser takes ~3x as long), each distinct term converted once
    text = "".join(f"{s} {p} {o} .\n" for s, p, o in found)
    terms: dict[object, Node] = {}

    def term(value: object) -> Node:
        known = terms.get(value)
        if known is None:
            known = terms[value] = nt.rdflib_term(value)
        return known

    graph.addN((term(t.subject), term(t.predicate), term(t.object), graph)
               for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    return graph


def triples(extraction: Extraction, *, base_iri: str = DEFAULT_BASE_IRI
            ) -> tuple[URIRef, list[NTriple]]:
    """Return the named graph IRI of an extraction and its triples, each once, terms as N-Triples.

    These triples are the one description of an article's graph: `to_graph` parses them and
    `kg.rdf.to_nquads` joins them into N-Quads lines.

    Raises:
        MappingError: As `to_graph`.
    """
    key = article_key(extraction.article.id)
    kgr = iris(base_iri)
    found: dict[NTriple, None] = {}  # insertion-ordered set: a triple may be written twice
    _Writer(found, kgr, key).extraction(extraction)
    return kgr.graph(key), list(found)


class _Writer:
    """Adds the triples of one extraction to one graph; the field <-> property table."""

    def __init__(self, found: dict[NTriple, None], kgr: Iris, key: str) -> None:
        self.found = found
        self.kgr = kgr
        self.key = key
        self.article = nt.iri(kgr.article(key))
        self.mentions: dict[tuple[int, int], tuple[str, str]] = {}  # offsets -> node, text
        # kgr:mention/{key}/{start}-{end}: checked once as an IRI, then only integers vary
        prefix = nt.iri(kgr.mention(key, 0, 0))
        self.mention_prefix = prefix[:-len("0-0>")]

    def add(self, node: str, prop: URIRef, value: str) -> None:
        """Add the triple (node, prop, value); node and value are already in N-Triples form."""
        self.found[(node, nt.iri(prop), value)] = None

    def extraction(self, extraction: Extraction) -> None:
        add, node = self.add, self.article
        self.article_node(extraction.article)
        if extraction.run is not None:
            self.run(extraction.run, extraction.article.text_hash)
        order: dict[str, list[str]] = {}
        _record_order(order, "actors", extraction.actors, lambda r: r.id, lambda r: r.id)
        _record_order(order, "places", extraction.places, lambda r: r.id, lambda r: r.id)
        _record_order(order, "times", extraction.times, lambda r: r.id,
                      lambda r: (r.start, r.end, r.id))
        _record_order(order, "events", extraction.events, lambda r: r.id,
                      lambda r: (r.trigger.start, r.trigger.end, r.id))
        _record_order(order, "statements", extraction.statements, lambda r: r.id,
                      lambda r: (r.cue.start, r.cue.end, r.id))
        if order:
            add(node, KG.order, json_literal(order))
        for actor in extraction.actors:
            self.actor(actor)
        for place in extraction.places:
            self.place(place)
        for timex in extraction.times:
            self.timex(timex)
        for event in extraction.events:
            self.event(event)
        for statement in extraction.statements:
            self.statement(statement)

    def article_node(self, article: Article) -> None:
        add, node = self.add, self.article
        add(node, _TYPE, nt.iri(KG.Article))
        add(node, KG.articleId, nt.literal(article.id))
        add(node, KG.text, nt.text(article.text))  # long and unique: not cached
        add(node, KG.textHash, nt.literal(article.text_hash))
        add(node, KG.language, nt.literal(article.language))
        add(node, KG.bodyStart, nt.literal(article.body_start))
        self.optional(node, KG.url, article.url)
        self.optional(node, KG.title, article.title)
        self.optional(node, KG.publisher, article.publisher)
        self.optional(node, KG.published, article.published)
        self.optional(node, KG.pageDate, article.page_date)
        self.optional(node, KG.sourcePath, article.source_path)
        dateline = article.dateline
        if dateline is not None:
            add(node, KG.dateline, nt.literal(dateline.text))
            if dateline.span is not None:
                add(node, KG.datelineMention, self.mention(dateline.span))
            if dateline.place is not None:
                add(node, KG.datelinePlace, nt.iri(self.kgr.place(dateline.place)))
            self.optional(node, KG.datelinePlaceName, dateline.place_name)
            self.optional(node, KG.datelineRegion, dateline.region)
            self.optional(node, KG.agency, dateline.agency)

    def run(self, run: ExtractionRun, text_hash: str) -> None:
        """The PROV-O account of the graph: it was generated by a run, which used the article and
        was associated with the software. No timestamps here (`kg.rdf.run_times` gives them, for
        the article's provenance graph), so the same input gives the same triples."""
        add = self.add
        node = nt.iri(self.kgr.run(run_digest(run, text_hash)))
        agent = nt.iri(self.kgr.agent(agent_digest(run)))
        graph = nt.iri(self.kgr.graph(self.key))
        add(graph, _TYPE, nt.iri(PROV.Entity))
        add(graph, PROV.wasGeneratedBy, node)
        add(node, _TYPE, nt.iri(KG.ExtractionRun))
        add(node, _TYPE, nt.iri(PROV.Activity))  # the PROV-O view, without a reasoner
        add(node, PROV.used, self.article)
        add(node, PROV.wasAssociatedWith, agent)
        add(node, KG.settingsHash, nt.literal(run.settings_hash))
        self.optional(node, KG.extractor, run.extractor)
        order: dict[str, list[str]] = {}
        self.literals(node, KG.stage, "stage", run.stages, order)
        if order:
            add(node, KG.order, json_literal(order))
        add(agent, _TYPE, nt.iri(PROV.SoftwareAgent))
        add(agent, KG.tool, nt.literal(run.tool))
        add(agent, KG.toolVersion, nt.literal(run.version))
        add(agent, KG.model, nt.literal(run.model))
        add(agent, KG.modelVersion, nt.literal(run.model_version))

    def actor(self, actor: Actor) -> None:
        add, node = self.add, nt.iri(self.kgr.actor(actor.id))
        add(node, _TYPE, nt.iri(KG.Actor))
        if actor.kind in ACTOR_CLASSES:
            add(node, _TYPE, nt.iri(ACTOR_CLASSES[actor.kind]))
        add(node, KG.reportedIn, self.article)
        add(node, KG.name, nt.literal(actor.name))
        add(node, KG.kind, nt.literal(actor.kind))
        if actor.affiliation is not None:
            add(node, KG.affiliation, nt.iri(self.kgr.actor(actor.affiliation)))
        if actor.country is not None:
            add(node, KG.country, nt.iri(self.kgr.place(actor.country)))
        order: dict[str, list[str]] = {}
        self.literals(node, KG.alias, "alias", actor.aliases, order)
        self.literals(node, KG.title, "title", actor.titles, order)
        self.spans(node, KG.hasMention, "hasMention", actor.mentions, order)
        self.links(node, KG.sameAs, "sameAs", actor.links, URIRef, order)
        if order:
            add(node, KG.order, json_literal(order))

    def place(self, place: Place) -> None:
        add, node = self.add, nt.iri(self.kgr.place(place.id))
        add(node, _TYPE, nt.iri(KG.Place))
        add(node, KG.reportedIn, self.article)
        add(node, KG.name, nt.literal(place.name))
        add(node, KG.kind, nt.literal(place.kind))
        if place.within is not None:
            add(node, KG.locatedIn, nt.iri(self.kgr.place(place.within)))
        if place.geonames_id is not None:
            add(node, KG.geonamesId, nt.literal(place.geonames_id))
            add(node, KG.sameAs, nt.iri(GEONAMES[f"{place.geonames_id}/"]))
        self.optional(node, KG.countryCode, place.country_code)
        if place.latitude is not None:
            add(node, KG.latitude, decimal_literal(place.latitude))
        if place.longitude is not None:
            add(node, KG.longitude, decimal_literal(place.longitude))
        if place.confidence is not None:
            add(node, KG.confidence, decimal_literal(place.confidence))
        order: dict[str, list[str]] = {}
        self.literals(node, KG.alias, "alias", place.aliases, order)
        self.spans(node, KG.hasMention, "hasMention", place.mentions, order)
        if order:
            add(node, KG.order, json_literal(order))

    def timex(self, timex: Timex) -> None:
        add, node = self.add, nt.iri(self.kgr.timex(timex.id))
        add(node, _TYPE, nt.iri(KG.TimeExpression))
        add(node, KG.reportedIn, self.article)
        add(node, KG.hasMention, self.mention(timex.span))
        add(node, KG.timeText, nt.literal(timex.text))
        self.time(node, timex.time)

    def event(self, event: Event) -> None:
        add, node = self.add, nt.iri(self.kgr.event(event.id))
        add(node, _TYPE, nt.iri(KG.Event))
        add(node, KG.reportedIn, self.article)
        add(node, KG.eventType, nt.iri(EVENT_CLASS[event.type]))
        if event.cameo is not None:
            add(node, KG.cameo, nt.iri(CAMEO[event.cameo]))
        self.optional(node, KG.label, event.label)
        self.optional(node, KG.timemlClass, event.timeml_class)
        add(node, KG.trigger, self.mention(event.trigger))
        if event.place is not None:
            add(node, KG.atPlace, nt.iri(self.kgr.place(event.place)))
        if event.time is not None:
            self.time(node, event.time)
        if event.time_span is not None:
            add(node, KG.timeMention, self.mention(event.time_span))
            add(node, KG.timeText, nt.literal(event.time_span.text))
        if event.source is not None:
            add(node, KG.attributedTo, nt.iri(self.kgr.actor(event.source)))
        add(node, KG.negated, nt.literal(event.negated))
        add(node, KG.factuality, nt.literal(event.factuality))
        self.optional(node, KG.timeOrigin, event.time_origin)
        add(node, KG.confidence, decimal_literal(event.confidence))
        self.optional(node, KG.rule, event.rule)
        order: dict[str, list[str]] = {}
        self.links(node, KG.hasAgent, "hasAgent", event.agents, self.kgr.actor, order)
        self.links(node, KG.hasTarget, "hasTarget", event.targets, self.kgr.actor, order)
        self.links(node, KG.hasRecipient, "hasRecipient", event.recipients, self.kgr.actor, order)
        self.links(node, KG.hasInstrument, "hasInstrument", event.instruments, self.kgr.actor,
                   order)
        for n, participant in enumerate(event.participants):
            self.participant(node, n, participant)
        if order:
            add(node, KG.order, json_literal(order))

    def participant(self, event: str, n: int, participant: Participant) -> None:
        add, node = self.add, f"{event[:-1]}/participant/{n}>"
        add(event, KG.hasParticipant, node)
        add(node, _TYPE, nt.iri(KG.Participant))
        add(node, KG.participantRole, nt.literal(participant.role))
        add(node, KG.hasMention, self.mention(participant.mention))
        if participant.actor is not None:
            add(node, KG.refersTo, nt.iri(self.kgr.actor(participant.actor)))

    def statement(self, statement: Statement) -> None:
        add, node = self.add, nt.iri(self.kgr.statement(statement.id))
        add(node, _TYPE, nt.iri(KG.Statement))
        add(node, KG.reportedIn, self.article)
        add(node, KG.cue, self.mention(statement.cue))
        if statement.speaker is not None:
            add(node, KG.speaker, nt.iri(self.kgr.actor(statement.speaker)))
        if statement.speaker_mention is not None:
            add(node, KG.speakerMention, self.mention(statement.speaker_mention))
        if statement.content is not None:
            add(node, KG.content, self.mention(statement.content))
        if statement.channel is not None:
            add(node, KG.channel, nt.iri(self.kgr.actor(statement.channel)))
        if statement.date is not None:
            add(node, KG.timeValue, nt.literal(statement.date))
            point = calendar_point(statement.date, None)
            if point is not None:
                add(node, KG.date, point[0])
                add(node, KG.earliest, nt.literal(point[1]))
                add(node, KG.latest, nt.literal(point[2]))
        add(node, KG.direct, nt.literal(statement.direct))
        add(node, KG.confidence, decimal_literal(statement.confidence))
        self.optional(node, KG.rule, statement.rule)
        order: dict[str, list[str]] = {}
        self.links(node, KG.reports, "reports", statement.reports, self.kgr.event, order)
        if order:
            add(node, KG.order, json_literal(order))

    def time(self, node: str, time: TimeValue) -> None:
        add = self.add
        add(node, KG.timeValue, nt.literal(time.value))
        add(node, KG.timeType, nt.literal(time.type))
        add(node, KG.granularity, nt.literal(time.granularity))
        self.optional(node, KG.timeMod, time.mod)
        if time.begin is not None:
            add(node, KG.earliest, nt.literal(time.begin))
        if time.end is not None:
            add(node, KG.latest, nt.literal(time.end))
        point = calendar_point(time.value, time.granularity)
        if point is not None:
            add(node, KG.date, point[0])

    def mention(self, span: Span) -> str:
        offsets = (span.start, span.end)
        known = self.mentions.get(offsets)
        if known is None:
            node = f"{self.mention_prefix}{span.start}-{span.end}>"
            self.mentions[offsets] = (node, span.text)
            add = self.add
            add(node, _TYPE, nt.iri(KG.Mention))
            add(node, KG.beginIndex, nt.literal(span.start))
            add(node, KG.endIndex, nt.literal(span.end))
            add(node, KG.anchorOf, nt.literal(span.text))
            add(node, KG.inArticle, self.article)
            return node
        if known[1] != span.text:
            raise MappingError(f"spans {span.start}-{span.end} of article {self.key!r} differ in "
                               f"text: {known[1]!r} and {span.text!r}; a span's text must be "
                               f"what stands at its offsets")
        return known[0]

    def optional(self, node: str, prop: URIRef, value: str | date | None) -> None:
        if value is not None:
            self.add(node, prop, nt.literal(value))

    def literals(self, node: str, prop: URIRef, name: str, values: Sequence[str],
                 order: dict[str, list[str]]) -> None:
        for value in values:
            self.add(node, prop, nt.literal(value))
        if not is_canonical(values, _same):
            order[name] = list(values)

    def links(self, node: str, prop: URIRef, name: str, keys: Sequence[str],
              mint: Callable[[str], URIRef], order: dict[str, list[str]]) -> None:
        for key in keys:
            self.add(node, prop, nt.iri(mint(key)))
        if not is_canonical(keys, _same):
            order[name] = list(keys)

    def spans(self, node: str, prop: URIRef, name: str, spans: Sequence[Span],
              order: dict[str, list[str]]) -> None:
        for span in spans:
            self.add(node, prop, self.mention(span))
        if not is_canonical(spans, _offsets):
            order[name] = [f"{span.start}-{span.end}" for span in spans]


def _same(value: str) -> str:
    return value


def _offsets(span: Span) -> tuple[int, int]:
    return (span.start, span.end)


def _record_order(order: dict[str, list[str]], name: str, records: Sequence[T],
                  ident: Callable[[T], str], key: Callable[[T], Hashable]) -> None:
    ids = [ident(record) for record in records]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        raise MappingError(f"two {name} share the id {duplicate!r}; ids must be unique")
    if not is_canonical(records, key):
        order[name] = ids
