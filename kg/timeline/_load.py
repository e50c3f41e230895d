"""Read timeline entries and statements out of any store with the named queries in kg/queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import TypeVar, get_args

from rdflib import Dataset, Graph, Literal, URIRef, namespace
from rdflib.term import Node

from kg.config import DEFAULT_BASE_IRI
from kg.errors import QueryError
from kg.model import Factuality
from kg.query import lookup, run_named
from kg.store import QueryResult, Store
from kg.timeline._dates import make_when, sort_key
from kg.timeline._records import (
    ActorReport,
    ArticleRef,
    Ref,
    StatementEntry,
    Timeline,
    TimelineEntry,
    When,
)
from kg.timeline._sentence import sentence_around, sentences
from kg.vocab import EVENT_CLASS, EVENT_CLASSES, KG, PLOVER_TYPES, iris

Source = Store | Graph
FACTUALITIES: tuple[Factuality, ...] = get_args(Factuality)
# what a timeline shows unless asked otherwise: what the text asserts, itself or through someone
# who says so; negated, possible, planned, demanded and ruled-out events on request
FACTUAL: tuple[Factuality, ...] = ("asserted", "reported")
Row = Mapping[str, Node | None]
# kg:date is typed by granularity (ontology/README.md), so its datatype tells the granularity
_GRAINS = {str(namespace.XSD.gYear): "year", str(namespace.XSD.gYearMonth): "month",
           str(namespace.XSD.date): "day", str(namespace.XSD.dateTime): "second"}


def as_store(source: Source) -> Store:
    """Return the store to query: a store as it is, an rdflib Graph or Dataset copied into memory.

    A Dataset keeps its named graphs; a plain Graph becomes one named graph (its identifier, if it
    is an IRI).

    Raises:
        QueryError: If the source is neither a store nor an rdflib graph.
    """
    if isinstance(source, Store):
        return source
    if not isinstance(source, Graph):
        raise QueryError(f"cannot read a timeline from {type(source).__name__!r}; give a Store "
                         "or an rdflib Graph or Dataset")
    from kg.store.memory import MemoryStore  # rdflib's SPARQL engine, for graphs only

    store = MemoryStore()
    graphs = [g for g in source.graphs() if len(g)] if isinstance(source, Dataset) else [source]
    for graph in graphs:
        named = graph
        if not isinstance(graph.identifier, URIRef) or str(graph.identifier).startswith(
                "urn:x-rdflib:"):
            named = Graph(identifier=URIRef("urn:kg:graph:default"))
            for triple in graph:
                named.add(triple)
        hashes = sorted(str(value) for value in named.objects(None, KG.textHash))
        store.put(named, text_hash=hashes[0] if hashes else "unknown")
    return store


def timeline(source: Source, *, place: str | None = None, actor: str | None = None,
             event_type: str | None = None, start: date | str | None = None,
             end: date | str | None = None, article: str | None = None,
             with_statements: bool = True, factuality: Collection[str] | None = FACTUAL,
             base_iri: str = DEFAULT_BASE_IRI, title: str | None = None) -> Timeline:
    """Return the events that match, oldest first, with undated events kept apart.

    Args:
        source: A store, or an rdflib Graph or Dataset.
        place: A place by name or alias (any case), id or IRI; places inside it count too.
        actor: An actor taking part as agent or target (name, alias, id or IRI).
        event_type: A news event class such as "business.deal" (a broader one such as
            "business" takes its subclasses), its IRI, or a PLOVER type such as "ASSAULT" (any
            case), which names its class of the conflict branch.
        start: Keep events whose last possible day is on or after this day.
        end: Keep events whose first possible day is on or before this day.
        article: Only events reported in this article (id or IRI).
        with_statements: With `actor` (and no event type), also the actor's statements, each
            as the event of its saying (`TimelineEntry.kind` "statement").
        factuality: Only events of these factualities (`FACTUALITIES`; None for all); by
            default what the text asserts itself or through someone (`FACTUAL`). Statements
            are asserted.
        base_iri: Base of the instance IRIs.
        title: Title to carry (defaults to one naming the filters).

    Returns:
        A new `Timeline`; with `start` or `end` given, undated events cannot match and are left
        out, otherwise they are listed in `Timeline.undated`.

    Raises:
        QueryError: If a parameter is invalid (an event type that is no event class, a
            factuality that is none of `FACTUALITIES`) or the query fails.
    """
    wanted = None if factuality is None else set(factuality)
    if wanted is not None and wanted - set(FACTUALITIES):
        raise QueryError(f"unknown factuality {sorted(wanted - set(FACTUALITIES))}; "
                         f"factualities: {list(FACTUALITIES)}")
    if event_type is not None and event_type.upper() not in PLOVER_TYPES \
            and event_type.lower() not in EVENT_CLASSES \
            and not event_type.startswith(str(EVENT_CLASS)):
        raise QueryError(f"unknown event type {event_type!r}; event classes: "
                         f"{list(EVENT_CLASSES)}, or a PLOVER type: {list(PLOVER_TYPES)}")
    store = as_store(source)
    actors = None if actor is None else actor_iris(store, actor, base_iri=base_iri)
    events = _matching(store, place, actors, base_iri)
    filtered = any(value is not None for value in (place, actor, event_type, start, end))
    entries = _read_entries(store, events, base_iri, event_type=event_type, start=start, end=end,
                            article=article, every=not filtered)
    if wanted is not None:
        entries = {iri: e for iri, e in entries.items() if e.factuality in wanted}
    if with_statements and actors and event_type is None and place is None \
            and (wanted is None or "asserted" in wanted):
        for entry in _said(store, actors, start, end, article, base_iri):
            entries.setdefault(entry.iri, entry)
    found = with_sentences(store, entries.values(), base_iri=base_iri)
    ordered = sorted(with_roles(found, actors) if actors else found, key=sort_key)
    filters = {"place": place, "actor": actor, "type": event_type, "from": start, "to": end,
               "article": article}
    named = ", ".join(f"{key} {value}" for key, value in filters.items() if value)
    return Timeline(entries=tuple(e for e in ordered if e.dated),
                    undated=tuple(e for e in ordered if not e.dated),
                    title=title or (f"Timeline: {named}" if named else "Timeline"))


def _read_entries(store: Store, events: tuple[URIRef, ...] | None, base_iri: str, *,
                  event_type: str | None = None, start: date | str | None = None,
                  end: date | str | None = None, article: str | None = None,
                  every: bool = False) -> dict[str, TimelineEntry]:
    """Read the entries of some events (None: every event that passes the filters), each with
    its participants and its event cluster (`kg.identity.events`); `every` reads the
    participants of the whole store (or article) in one query, cheaper when nothing filters."""
    rows = [row for chunk in _chunks(events) for row in run_named(
        store, "timeline_events", base_iri=base_iri, type=event_type, start=start, end=end,
        article=article, event=chunk).records()]
    found = tuple(dict.fromkeys(row["event"] for row in rows if isinstance(row["event"], URIRef)))
    people = _participants(store, base_iri, article, None if every else found)
    themes = _themes(store, base_iri, article, None if every else found)
    clusters = _clusters(store, found, base_iri)
    entries: dict[str, TimelineEntry] = {}
    for row in rows:
        iri = str(row["event"])
        if iri not in entries:  # an event stored twice (two names of its place) shows once
            entries[iri] = _entry(row, people.get(iri, {}), base_iri)
            if iri in themes:
                entries[iri] = entries[iri].model_copy(update={"themes": tuple(themes[iri])})
            if iri in clusters:
                cluster, reports = clusters[iri]
                entries[iri] = entries[iri].model_copy(
                    update={"cluster": cluster, "reports": reports})
    return entries


def _clusters(store: Store, events: tuple[URIRef, ...], base_iri: str
              ) -> dict[str, tuple[str, int]]:
    """Return the event cluster of each event that has one, and its report count."""
    return {str(row["event"]): (str(row["cluster"]), _int(row["reports"]))
            for chunk in _chunks(events) if chunk
            for row in run_named(store, "event_clusters", base_iri=base_iri,
                                 event=chunk).records()}


def entries_of(source: Source, events: Iterable[str], *, base_iri: str = DEFAULT_BASE_IRI
               ) -> list[TimelineEntry]:
    """Return the timeline entries of some events (by IRI), in time order, with sentences."""
    store = as_store(source)
    wanted = tuple(sorted({URIRef(e) for e in events}))
    if not wanted:
        return []
    found = _read_entries(store, wanted, base_iri)
    return sorted(with_sentences(store, found.values(), base_iri=base_iri), key=sort_key)


def statements(source: Source, *, speaker: str | None = None, about: str | None = None,
               article: str | None = None, base_iri: str = DEFAULT_BASE_IRI
               ) -> list[StatementEntry]:
    """Return reported statements (who said what about whom), in article and text order, each
    with the sentence of its cue (`StatementEntry.sentence`).

    Args:
        source: A store, or an rdflib Graph or Dataset.
        speaker: Only statements by this actor (name, alias, id or IRI).
        about: Only statements naming this actor, or reporting an event it takes part in.
        article: Only statements reported in this article (id or IRI).
        base_iri: Base of the instance IRIs.

    Raises:
        QueryError: If a parameter is invalid or the query fails.
    """
    store = as_store(source)
    wanted = None if about is None else {str(iri) for iri in actor_iris(
        store, about, base_iri=base_iri)}
    # `about` is matched here against the subjects read anyway, not by the query's own `about`
    # filter: an EXISTS per statement and per node of the actor took minutes on 200 articles
    rows = run_named(store, "statement_entries", base_iri=base_iri, speaker=speaker,
                     article=article).records()
    subjects: dict[str, list[Ref]] = defaultdict(list)
    for row in run_named(store, "statement_subjects", base_iri=base_iri,
                         article=article).records():
        ref = _ref(row["actor"], row["name"], base_iri)
        if ref is not None and ref not in subjects[str(row["statement"])]:
            subjects[str(row["statement"])].append(ref)
    found: dict[str, StatementEntry] = {}
    for row in rows:
        iri = str(row["statement"])
        if iri in found or (wanted is not None and not any(
                ref.iri in wanted for ref in subjects.get(iri, ()))):
            continue
        value = _text(row["timeValue"])
        when = None if value is None else make_when(
            value, earliest=_date(row["earliest"]), latest=_date(row["latest"]),
            granularity=_granularity(row["date"]))
        found[iri] = StatementEntry(
            iri=iri, id=_id(iri, base_iri), speaker=_ref(row["by"], row["byName"], base_iri),
            cue=str(row["cue"]), cue_start=_int(row["cueBegin"]), cue_end=_int(row["cueEnd"]),
            content=_text(row["content"]), direct=bool(_python(row["direct"])),
            channel=_ref(row["channel"], row["channelName"], base_iri),
            about=tuple(subjects.get(iri, ())), when=when, article=_article(row, base_iri))
    return with_sentences(store, found.values(), base_iri=base_iri)


def actor_report(source: Source, actor: str, *, base_iri: str = DEFAULT_BASE_IRI
                 ) -> ActorReport:
    """Return what an actor did (events it is agent or target of) and said (its statements).

    Raises:
        QueryError: If the query fails.
    """
    store = as_store(source)
    return ActorReport(actor=actor,
                       did=timeline(store, actor=actor, with_statements=False,
                                    base_iri=base_iri),
                       said=tuple(statements(store, speaker=actor, base_iri=base_iri)))


def event_graph(source: Source, entries: Timeline | list[TimelineEntry],
                *, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """Return the RDF triples describing the given events (see `kg/queries/event_graph.rq`).

    Raises:
        QueryError: If the query fails.
    """
    store = as_store(source)
    items = entries.all if isinstance(entries, Timeline) else entries
    graph = Graph()
    for entry in items:
        for triple in run_named(store, "event_graph", base_iri=base_iri,
                                event=URIRef(entry.iri)).graph():
            graph.add(triple)
        _add_sentence(graph, entry, base_iri)
    return graph


def _add_sentence(graph: Graph, entry: TimelineEntry, base_iri: str) -> None:
    """Add the entry's sentence as a mention of its own, the `kg:sentence` of its trigger."""
    found, trigger = entry.sentence, graph.value(URIRef(entry.iri), KG.trigger)
    if found is None or not isinstance(trigger, URIRef):
        return
    node = iris(base_iri).mention(entry.article.id, found.start, found.end)
    graph.add((trigger, KG.sentence, node))
    graph.add((node, namespace.RDF.type, KG.Mention))
    graph.add((node, KG.beginIndex, Literal(found.start)))
    graph.add((node, KG.endIndex, Literal(found.end)))
    graph.add((node, KG.anchorOf, Literal(found.text)))
    graph.add((node, KG.inArticle, URIRef(entry.article.iri)))


Quoted = TypeVar("Quoted", TimelineEntry, StatementEntry)


def with_sentences(source: Source, entries: Iterable[Quoted], *,
                   base_iri: str = DEFAULT_BASE_IRI) -> list[Quoted]:
    """Return the entries, each with the sentence it comes from (`sentence`), cut from its
    article's stored text around its trigger, or a statement's cue (an article without text, or
    offsets outside it, give none).

    One query reads the texts of all the entries' articles (a few hundred at a time).

    Raises:
        QueryError: If the query fails.
    """
    items, store = list(entries), as_store(source)
    articles = tuple(dict.fromkeys(URIRef(entry.article.iri) for entry in items))
    texts = {str(row["article"]): str(row["text"]) for chunk in _chunks(articles) if chunk
             for row in run_named(store, "article_texts", base_iri=base_iri,
                                  article=chunk).records()}
    spans = {iri: sentences(text) for iri, text in texts.items()}
    out = []
    for entry in items:
        text = texts.get(entry.article.iri)
        start, end = _offsets(entry)
        if text is None or not 0 <= start <= end <= len(text):
            out.append(entry)
            continue
        found = sentence_around(text, start, end, spans=spans[entry.article.iri])
        out.append(entry.model_copy(update={"sentence": found}))
    return out


def _offsets(entry: TimelineEntry | StatementEntry) -> tuple[int, int]:
    if isinstance(entry, TimelineEntry):
        return entry.trigger_start, entry.trigger_end
    end = entry.cue_end if entry.cue_end is not None else entry.cue_start + len(entry.cue)
    return entry.cue_start, end


def actor_iris(store: Store, actor: str, *, base_iri: str = DEFAULT_BASE_IRI
               ) -> tuple[URIRef, ...]:
    """Return the IRIs of the actors a name stands for (name, alias in any case, id or IRI).

    The one place where a timeline matches an actor's name: through the identity graph, every
    node of the same canonical actor (`kg.query.lookup`).

    Raises:
        UnknownNameError: If no actor has the name (see `kg.query.unknown_names_as_empty`).
    """
    return lookup(store, "actor", actor, base_iri=base_iri)


def _said(store: Store, actors: tuple[URIRef, ...], start: date | str | None,
          end: date | str | None, article: str | None, base_iri: str) -> list[TimelineEntry]:
    """Return the statements of the actors as entries, in the date range if one is given."""
    rows = run_named(store, "statement_entries", base_iri=base_iri,
                     speaker=tuple(str(a) for a in actors), article=article).records()
    first, last = _day(start), _day(end)
    found: dict[str, TimelineEntry] = {}
    for row in rows:
        iri = str(row["statement"])
        earliest, latest = _date(row["earliest"]), _date(row["latest"])
        if (first is not None and (latest is None or latest < first)) or \
                (last is not None and (earliest is None or earliest > last)):
            continue
        value = _text(row["timeValue"])
        when = None if value is None else make_when(
            value, earliest=earliest, latest=latest, granularity=_granularity(row["date"]))
        speaker = _ref(row["by"], row["byName"], base_iri)
        cue = str(row["cue"])
        found.setdefault(iri, TimelineEntry(
            iri=iri, id=_id(iri, base_iri), type="STATEMENT", label=cue.lower(), trigger=cue,
            trigger_start=_int(row["cueBegin"]), trigger_end=_int(row["cueEnd"]), when=when,
            agents=(speaker,) if speaker is not None else (), kind="statement",
            source=_ref(row["channel"], row["channelName"], base_iri),
            content=_text(row["content"]), article=_article(row, base_iri)))
    return list(found.values())


def _day(value: date | str | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _matching(store: Store, place: str | None, actors: tuple[URIRef, ...] | None,
              base_iri: str) -> tuple[URIRef, ...] | None:
    """Return the events at the place and with the actor (None if neither is given).

    Each filter starts from the IRIs its name stands for, so a big store is not read event by
    event; the rest of the timeline is then read for these events only.
    """
    matches: list[set[URIRef]] = []
    if place is not None:
        matches.append(_events(run_named(store, "events_by_place", base_iri=base_iri,
                                         place=place)))
    if actors is not None:
        matches.append(_events(run_named(store, "event_actors", base_iri=base_iri,
                                         actor=tuple(str(a) for a in actors))) if actors else set())
    if not matches:
        return None
    return tuple(sorted(set.intersection(*matches)))


# Oxigraph plans a VALUES block of more than 1,000 rows as a scan of every event joined with it
# (seconds on a big store) and a smaller one as lookups (milliseconds), so long lists of events
# are read a few hundred at a time.
_CHUNK = 500
# a lone pronoun as a theme says nothing without its antecedent ("released them")
_PRONOUNS = frozenset({"it", "they", "them", "he", "him", "she", "her", "we", "us", "you", "i",
                       "me", "this", "that", "these", "those", "its", "their", "his", "which",
                       "who", "whom", "what", "something", "everything", "anything"})


def _chunks(events: tuple[URIRef, ...] | None) -> Iterator[tuple[URIRef, ...] | None]:
    """Yield `events` a few hundred at a time: nothing for none, None (no filter) as it is."""
    if events is None:
        yield None
        return
    for start in range(0, len(events), _CHUNK):
        yield events[start:start + _CHUNK]


def _events(result: QueryResult) -> set[URIRef]:
    return {event for event in result.column("event") if isinstance(event, URIRef)}


def _participants(store: Store, base_iri: str, article: str | None,
                  events: tuple[URIRef, ...] | None) -> dict[str, dict[str, list[Ref]]]:
    found: dict[str, dict[str, list[Ref]]] = defaultdict(lambda: defaultdict(list))
    rows = (row for chunk in _chunks(events) for row in run_named(
        store, "event_actors", base_iri=base_iri, article=article, event=chunk).records())
    for row in rows:
        ref = _ref(row["actor"], row["name"], base_iri)
        roles = found[str(row["event"])][str(row["role"])]
        if ref is not None and all(known.iri != ref.iri for known in roles):
            roles.append(ref)
    return found


def _themes(store: Store, base_iri: str, article: str | None,
            events: tuple[URIRef, ...] | None) -> dict[str, list[str]]:
    """Return each event's target phrases that name no actor, in text order, but a lone
    pronoun ("them"), which says nothing without its antecedent."""
    found: dict[str, list[str]] = defaultdict(list)
    # the role is compared here, not bound: Virtuoso 7's SPARQL compiler fails on the bound
    # string beside bound IRIs ("ssg_print_rvr_fixed_val(): no SPART_VARR_FIXED")
    rows = (row for chunk in _chunks(events) for row in run_named(
        store, "event_phrases", base_iri=base_iri, article=article, event=chunk).records())
    for row in rows:
        text = " ".join(str(row["phrase"]).split())
        if str(row["role"]) == "target" and row["actor"] is None \
                and text.lower() not in _PRONOUNS:
            phrases = found[str(row["event"])]
            if text not in phrases:
                phrases.append(text)
    return found


def with_roles(entries: Iterable[TimelineEntry], actors: Iterable[URIRef]
               ) -> list[TimelineEntry]:
    """Return the entries, each with the roles one of `actors` takes in it."""
    wanted = {str(a) for a in actors}
    out = []
    for entry in entries:
        roles = tuple(role for role, refs in (
            ("agent", entry.agents), ("target", entry.targets),
            ("recipient", entry.recipients), ("instrument", entry.instruments))
            if any(ref.iri in wanted for ref in refs))
        out.append(entry.model_copy(update={"roles": roles}) if roles else entry)
    return out


def _entry(row: Row, people: Mapping[str, list[Ref]], base_iri: str) -> TimelineEntry:
    iri = str(row["event"])
    value = _text(row["timeValue"])
    when: When | None = None
    if value is not None:
        when = make_when(value, type=_text(row["timeType"]), granularity=_text(row["granularity"]),
                         mod=_text(row["timeMod"]), earliest=_date(row["earliest"]),
                         latest=_date(row["latest"]), text=_text(row["timeText"]))
    return TimelineEntry(
        iri=iri, id=_id(iri, base_iri), type=_local(row["eventType"]),
        cameo=_local(row["cameo"]) if row["cameo"] is not None else None,
        label=_text(row["label"]), trigger=str(row["trigger"]),
        trigger_start=_int(row["triggerBegin"]),
        trigger_end=_int(row["triggerEnd"]), when=when,
        place=_ref(row["at"], row["placeName"], base_iri),
        agents=tuple(people.get("agent", ())), targets=tuple(people.get("target", ())),
        recipients=tuple(people.get("recipient", ())),
        instruments=tuple(people.get("instrument", ())),
        source=_ref(row["source"], row["sourceName"], base_iri),
        article=_article(row, base_iri), negated=bool(_python(row["negated"])),
        factuality=_text(row["factuality"]) or "asserted",
        time_origin=_text(row["timeOrigin"]),
        confidence=float(str(row["confidence"] or 0.5)))


def _article(row: Row, base_iri: str) -> ArticleRef:
    iri = str(row["article"])
    published = _python(row["published"])
    return ArticleRef(iri=iri, id=_id(iri, base_iri).removeprefix("article/"),
                   published=published if isinstance(published, date | datetime) else None,
                   publisher=_text(row["publisher"]), title=_text(row["title"]),
                   url=_text(row.get("url")))


def _ref(node: Node | None, name: Node | None, base_iri: str) -> Ref | None:
    if node is None:
        return None
    iri = str(node)
    ident = _id(iri, base_iri)
    return Ref(iri=iri, id=ident, name=str(name) if name is not None else ident.split("/")[-1])


def _id(iri: str, base_iri: str) -> str:
    return iri[len(base_iri):] if iri.startswith(base_iri) else iri


def _local(node: Node | None) -> str:
    return str(node).rstrip("/").rsplit("/", 1)[-1]


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _python(node: Node | None) -> object:
    return node.toPython() if isinstance(node, Literal) else node


def _date(node: Node | None) -> date | None:
    value = _python(node)
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _granularity(point: Node | None) -> str:
    datatype = point.datatype if isinstance(point, Literal) else None
    return _GRAINS.get(str(datatype), "unknown")


def _int(node: Node | None) -> int:
    return int(str(node)) if node is not None else 0
