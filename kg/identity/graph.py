"""The identity graph in a store: read it into an `Index`, bring it up to date, write it back.

Two named graphs beside the article graphs: `kgr:identity` holds one `kg:CanonicalActor` per
real-world actor, `owl:sameAs` each article-level actor node it stands for, and
`prov:wasDerivedFrom` each article graph it has read; `kgr:identity/decisions` holds the
user's merges (`owl:sameAs`) and splits (`owl:differentFrom`) between actor nodes, and is never
rewritten by an update, so they survive re-ingest. Article graphs are never touched: each stays
what its article alone makes.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF
from rdflib.term import Node

from kg.config import DEFAULT_BASE_IRI
from kg.identity.names import words
from kg.identity.resolve import Canonical, Decisions, Index, Member
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


def _sources(store: Store, base_iri: str
             ) -> tuple[set[URIRef], dict[str, set[str]], Decisions]:
    """Read the graphs the identity graph has read, each node's graphs, and the decisions."""
    read: set[URIRef] = set()
    sources: dict[str, set[str]] = defaultdict(set)
    same: set[tuple[str, str]] = set()
    different: set[tuple[str, str]] = set()
    rows = [*run_named(store, "identity_sources", base_iri=base_iri,
                       identity=identity_iri(base_iri)).rows,
            *run_named(store, "identity_decisions", base_iri=base_iri,
                       decisions=decisions_iri(base_iri)).rows]
    for relation, a, b in rows:
        if str(relation) == "read" and isinstance(b, URIRef):
            read.add(b)
        elif str(relation) == "source":
            sources[str(a)].add(str(b))
        elif str(relation) == "same":
            same.add((str(a), str(b)))
        elif str(relation) == "different":
            different.add((str(a), str(b)))
    return read, sources, Decisions(frozenset(same), frozenset(different))


def load(store: Store, base_iri: str = DEFAULT_BASE_IRI) -> tuple[Index, set[URIRef], Decisions]:
    """Read the identity graph: the index of canonical actors, the graphs read, the decisions."""
    read, sources, decisions = _sources(store, base_iri)
    return _index(store, base_iri, sources, decisions), read, decisions


def _index(store: Store, base_iri: str, sources: dict[str, set[str]], decisions: Decisions
           ) -> Index:
    index = Index(decisions)
    rows = run_named(store, "identity_canonicals", base_iri=base_iri,
                     identity=identity_iri(base_iri)).records()
    kinds = {str(r["canonical"]): str(r["ckind"]) for r in rows}
    owner = {str(r["actor"]): str(r["canonical"]) for r in rows}
    grouped: dict[str, list[Member]] = defaultdict(list)
    for member in _members(rows):
        known = frozenset(sources.get(member.iri, ()))
        grouped[owner[member.iri]].append(Member(
            iri=member.iri, name=member.name, kind=member.kind, aliases=member.aliases,
            weight=len(known), sources=known))
    for iri in sorted(grouped):
        index.load(Canonical(iri=iri, kind=kinds[iri], members=grouped[iri]))
    return index


def refresh(store: Store, *, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Bring the identity graph up to date with the article graphs of the store.

    Only the graphs it has not read are read (their actors placed one by one, fullest names
    first); actor nodes of removed graphs that no other graph holds leave their canonical actors.
    The identity graph alone is read, never the other article graphs. Returns the number of actor
    nodes placed.
    """
    read, sources, decisions = _sources(store, base_iri)
    present = {g for g in store.graphs() if is_article_graph(g, base_iri)}
    new = sorted(present - read)
    gone = read - present
    if not new and not gone:
        return 0
    index = _index(store, base_iri, sources, decisions)
    index.forget({str(g) for g in gone})
    placed = place(index, _read_members(store, new, base_iri), base_iri)
    write(store, index, present, base_iri)
    return placed


def place(index: Index, members: Iterable[Member], base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Place members in the index, fullest names first; return how many were new."""
    todo = sorted(members, key=lambda m: (-max(len(words(n)) for n in m.names), -len(m.name),
                                          m.iri))
    return index.add_many(todo, lambda member: _mint(index, member, base_iri))


def write(store: Store, index: Index, read: Iterable[URIRef], base_iri: str = DEFAULT_BASE_IRI
          ) -> None:
    """Replace the identity graph with the index and the list of graphs read."""
    iri = identity_iri(base_iri)
    graph = Graph(identifier=iri)
    for g in sorted(read):
        graph.add((iri, PROV.wasDerivedFrom, g))
    for canonical in index.canonicals.values():
        node = URIRef(canonical.iri)
        graph.add((node, RDF.type, KG.CanonicalActor))
        graph.add((node, KG.name, Literal(canonical.name)))
        graph.add((node, KG.kind, Literal(canonical.kind)))
        for name in canonical.names:
            if name != canonical.name:
                graph.add((node, KG.alias, Literal(name)))
        for member in canonical.members:
            ref = URIRef(member.iri)
            graph.add((node, OWL.sameAs, ref))
            graph.add((ref, KG.name, Literal(member.name)))
            graph.add((ref, KG.kind, Literal(member.kind)))
            for alias in member.aliases:
                graph.add((ref, KG.alias, Literal(alias)))
            for source in sorted(member.sources):
                graph.add((ref, PROV.wasDerivedFrom, URIRef(source)))
    store.put(graph, text_hash=_digest(graph))


def decide(store: Store, pairs: Sequence[tuple[str, str]], *, same: bool,
           base_iri: str = DEFAULT_BASE_IRI) -> None:
    """Record user decisions (pairs of actor node IRIs) and rebuild the identity graph with them."""
    iri = decisions_iri(base_iri)
    graph = Graph(identifier=iri)
    _, _, decisions = _sources(store, base_iri)
    for a, b in sorted(decisions.same):
        graph.add((URIRef(a), OWL.sameAs, URIRef(b)))
    for a, b in sorted(decisions.different):
        graph.add((URIRef(a), OWL.differentFrom, URIRef(b)))
    for a, b in pairs:
        graph.remove((URIRef(a), OWL.differentFrom if same else OWL.sameAs, URIRef(b)))
        graph.remove((URIRef(b), OWL.differentFrom if same else OWL.sameAs, URIRef(a)))
        graph.add((URIRef(a), OWL.sameAs if same else OWL.differentFrom, URIRef(b)))
    if len(graph):
        store.put(graph, text_hash=_digest(graph))
    rebuild(store, base_iri=base_iri)


def rebuild(store: Store, *, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Place every actor node of the store again (after a decision), decisions first."""
    _, _, decisions = _sources(store, base_iri)
    index = Index(decisions)
    present = {g for g in store.graphs() if is_article_graph(g, base_iri)}
    placed = place(index, _read_members(store, sorted(present), base_iri), base_iri)
    write(store, index, present, base_iri)
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
        kind = min(kinds[actor].items(), key=lambda kv: (-kv[1], kv[0] == "other", kv[0]))[0]
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


def _digest(graph: Graph) -> str:
    """A stamp for an identity graph, from its sorted triples (it has no article text to hash)."""
    lines = sorted(" ".join(term.n3() for term in triple) for triple in graph)
    return "identity:" + hashlib.sha256("\n".join(lines).encode()).hexdigest()


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
