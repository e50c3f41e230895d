"""The identity graph in a store: read it into an `Index`, bring it up to date, write it back.

Two named graphs beside the article graphs: `kgr:identity` holds one `kg:CanonicalActor` per
real-world actor, `owl:sameAs` each article-level actor node it stands for, and
`prov:wasDerivedFrom` each article graph it has read; `kgr:identity/decisions` holds the
user's merges (`owl:sameAs`) and splits (`owl:differentFrom`) between actor nodes, and is never
rewritten by an update, so they survive re-ingest. Article graphs are never touched: each stays
what its article alone makes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF
from rdflib.term import Node

from kg.config import DEFAULT_BASE_IRI
from kg.identity import patch
from kg.identity.names import words
from kg.identity.patch import Triple
from kg.identity.resolve import Canonical, Decisions, Index, Member, node_kind
from kg.keys import slug
from kg.query import resolve, run_named
from kg.rdf import is_article_graph
from kg.store import Store
from kg.vocab import KG

_CHUNK = 400


def identity_iri(base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """Return the IRI of the identity graph."""
    return URIRef(f"{base_iri}identity")


def decisions_iri(base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """Return the IRI of the graph of the user's identity decisions."""
    return URIRef(f"{base_iri}identity/decisions")


def is_identity_graph(iri: str, base_iri: str = DEFAULT_BASE_IRI) -> bool:
    """Tell whether a named graph is one of the identity layer's, not an article's (the event
    clusters' graphs, `kg.identity.events`, are some of them)."""
    return iri in (identity_iri(base_iri), decisions_iri(base_iri)) \
        or str(iri).startswith(f"{base_iri}identity/events")


Stamps = dict[URIRef, tuple[str, ...]]  # article graph -> its text hashes and extractors
_STAMP = "identity"  # the identity graph's marker (`kg.identity.patch.stamp`)


@dataclass
class _Stored:
    """The identity graph as stored: its triples, the graphs read (with their stamps then), and
    the index of canonical actors it holds."""

    triples: set[Triple]
    read: Stamps
    index: Index


def stamps(store: Store, base_iri: str = DEFAULT_BASE_IRI) -> Stamps:
    """Return how each article graph of the store was made (its text hashes and extractors), to
    tell graphs written again since a layer read them; one lookup for them all."""
    graphs = [g for g in store.graphs() if is_article_graph(g, base_iri)]
    return {g: tuple(sorted(stamp.text_hashes | stamp.extractors))
            for g, stamp in store.stamps(graphs).items()}


def _decisions(store: Store, base_iri: str) -> Decisions:
    same: set[tuple[str, str]] = set()
    different: set[tuple[str, str]] = set()
    for relation, a, b in run_named(store, "identity_decisions", base_iri=base_iri,
                                    decisions=decisions_iri(base_iri)).rows:
        (same if str(relation) == "same" else different).add((str(a), str(b)))
    return Decisions(frozenset(same), frozenset(different))


def _stored(store: Store, base_iri: str, decisions: Decisions) -> _Stored:
    """Read the identity graph in one pass over its triples (no joins): what it has read and
    the canonical actors with their members."""
    iri = identity_iri(base_iri)
    triples = patch.read(store, iri)
    graphs: set[URIRef] = set()
    stamped: dict[Node, list[str]] = defaultdict(list)
    canonicals: dict[str, str] = {}  # canonical -> kind
    owner: dict[str, str] = {}
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    sources: dict[str, set[str]] = defaultdict(set)
    for s, p, o in triples:
        if p == PROV.wasDerivedFrom:
            if s == iri and isinstance(o, URIRef):
                graphs.add(o)
            else:
                sources[str(s)].add(str(o))
        elif p == KG.readStamp:
            stamped[s].append(str(o))
        elif p == RDF.type and o == KG.CanonicalActor:
            canonicals.setdefault(str(s), "")
        elif p == OWL.sameAs:
            owner[str(o)] = str(s)
        elif p == KG.name:
            names[str(s)] = str(o)
        elif p == KG.kind:
            kinds[str(s)] = str(o)
        elif p == KG.alias:
            aliases[str(s)].add(str(o))
    index = Index(decisions)
    grouped: dict[str, list[Member]] = defaultdict(list)
    for actor in sorted(owner):
        if actor not in names or actor not in kinds or owner[actor] not in canonicals:
            continue
        known = frozenset(sources.get(actor, ()))
        grouped[owner[actor]].append(Member(
            iri=actor, name=names[actor], kind=kinds[actor],
            aliases=tuple(sorted(aliases[actor] - {names[actor]})), weight=len(known),
            sources=known))
    for canonical in sorted(grouped):
        index.load(Canonical(iri=canonical, kind=kinds[canonical], members=grouped[canonical]))
    # a graph read before stamps were kept (none) is read again once: its stamp never matches
    return _Stored(triples=triples, index=index,
                   read={g: tuple(sorted(stamped.get(g, ()))) for g in graphs})


def load(store: Store, base_iri: str = DEFAULT_BASE_IRI) -> tuple[Index, set[URIRef], Decisions]:
    """Read the identity graph: the index of canonical actors, the graphs read, the decisions."""
    decisions = _decisions(store, base_iri)
    stored = _stored(store, base_iri, decisions)
    return stored.index, set(stored.read), decisions


def refresh(store: Store, *, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Bring the identity graph up to date with the article graphs of the store.

    Only the graphs it has not read, or that were written again since (their stamps differ), are
    read (their actors placed one by one, fullest names first); actor nodes of removed graphs
    that no other graph holds leave their canonical actors. The identity graph is read in one
    pass, and only the difference is written back (`kg.identity.patch`). Returns the number of
    actor nodes placed.
    """
    now = stamps(store, base_iri)
    stored = _stored(store, base_iri, _decisions(store, base_iri))
    read = stored.read
    changed = {g for g in set(read) & set(now) if read[g] != now[g]}
    new = sorted(set(now) - set(read) | changed)
    gone = set(read) - set(now) | changed
    if not new and not gone:
        return 0
    index = stored.index
    index.forget({str(g) for g in gone})
    placed = place(index, _read_members(store, new, base_iri), base_iri)
    patch.write(store, identity_iri(base_iri), stored.triples, _triples(index, now, base_iri),
                _STAMP)
    return placed


def place(index: Index, members: Iterable[Member], base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Place members in the index, fullest names first; return how many were new."""
    todo = sorted(members, key=lambda m: (-max(len(words(n)) for n in m.names), -len(m.name),
                                          m.iri))
    return index.add_many(todo, lambda member: _mint(index, member, base_iri))


def _triples(index: Index, read: Stamps, base_iri: str) -> set[Triple]:
    """The triples of the identity graph of an index and the graphs read, with their stamps."""
    iri = identity_iri(base_iri)
    found: set[Triple] = set()
    for g, stamp in read.items():
        found.add((iri, PROV.wasDerivedFrom, g))
        found.update((g, KG.readStamp, Literal(value)) for value in stamp)
    for canonical in index.canonicals.values():
        node = URIRef(canonical.iri)
        found.add((node, RDF.type, KG.CanonicalActor))
        found.add((node, KG.name, Literal(canonical.name)))
        found.add((node, KG.kind, Literal(canonical.kind)))
        found.update((node, KG.alias, Literal(name)) for name in canonical.names
                     if name != canonical.name)
        for member in canonical.members:
            ref = URIRef(member.iri)
            found.add((node, OWL.sameAs, ref))
            found.add((ref, KG.name, Literal(member.name)))
            found.add((ref, KG.kind, Literal(member.kind)))
            found.update((ref, KG.alias, Literal(alias)) for alias in member.aliases)
            found.update((ref, PROV.wasDerivedFrom, URIRef(source)) for source in member.sources)
    return found


def decide(store: Store, pairs: Sequence[tuple[str, str]], *, same: bool,
           base_iri: str = DEFAULT_BASE_IRI) -> None:
    """Record user decisions (pairs of actor node IRIs) and rebuild the identity graph with them."""
    iri = decisions_iri(base_iri)
    graph = Graph(identifier=iri)
    decisions = _decisions(store, base_iri)
    for a, b in sorted(decisions.same):
        graph.add((URIRef(a), OWL.sameAs, URIRef(b)))
    for a, b in sorted(decisions.different):
        graph.add((URIRef(a), OWL.differentFrom, URIRef(b)))
    for a, b in pairs:
        graph.remove((URIRef(a), OWL.differentFrom if same else OWL.sameAs, URIRef(b)))
        graph.remove((URIRef(b), OWL.differentFrom if same else OWL.sameAs, URIRef(a)))
        graph.add((URIRef(a), OWL.sameAs if same else OWL.differentFrom, URIRef(b)))
    if len(graph):
        store.put(graph, text_hash="decisions")
    rebuild(store, base_iri=base_iri)


def rebuild(store: Store, *, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Place every actor node of the store again (after a decision), decisions first."""
    decisions = _decisions(store, base_iri)
    index = Index(decisions)
    now = stamps(store, base_iri)
    placed = place(index, _read_members(store, sorted(now), base_iri), base_iri)
    iri = identity_iri(base_iri)
    patch.write(store, iri, patch.read(store, iri), _triples(index, now, base_iri), _STAMP)
    return placed


def _read_members(store: Store, graphs: Sequence[URIRef], base_iri: str) -> list[Member]:
    rows = [row for start in range(0, len(graphs), _CHUNK)
            for row in run_named(store, "identity_members", base_iri=base_iri,
                                 graph=tuple(graphs[start:start + _CHUNK])).records()]
    return _members(rows)


def _members(rows: Sequence[Mapping[str, Node | None]]) -> list[Member]:
    """Group rows (actor, name, kind, alias) into members; the kind most graphs give wins."""
    graphs: dict[str, set[str]] = defaultdict(set)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        actor = str(row["actor"])
        graphs[actor].add(str(row.get("graph")))
        names[actor][str(row["name"])] += 1
        kinds[actor][str(row["kind"])] += 1
        if row.get("alias") is not None:
            aliases[actor].add(str(row["alias"]))
    found = []
    for actor in sorted(names):
        name = names[actor].most_common(1)[0][0]
        kind = node_kind(kinds[actor])
        known = frozenset(g for g in graphs[actor] if g != "None")
        found.append(Member(iri=actor, name=name, kind=kind,
                            aliases=tuple(sorted(aliases[actor] - {name})),
                            weight=len(known) or 1, sources=known))
    return found


def _mint(index: Index, member: Member, base_iri: str) -> str:
    key = slug(member.name) or "actor"
    iri, n = f"{base_iri}identity/{key}", 1
    while iri in index.canonicals:
        n += 1
        iri = f"{base_iri}identity/{key}-{n}"
    return iri


def nodes_named(store: Store, name: str, *, base_iri: str = DEFAULT_BASE_IRI) -> list[str]:
    """Return the article-level actor nodes a name stands for: those that bear it themselves
    (name or alias, any case), else every node of the actor it finds (`kg.query.resolve`).

    Raises:
        UnknownNameError: If no actor has the name.
    """
    prefix = f"{base_iri}identity/"
    own = sorted({str(node) for label, node in run_named(store, "actor_names",
                                                         base_iri=base_iri).rows
                  if str(label).casefold() == name.casefold() and not str(node).startswith(prefix)})
    return own or [str(iri) for iri in resolve(store, "actor", name, base_iri=base_iri)]
