"""The identity layer: one canonical actor per real-world actor across the articles of a store.

Article graphs stay what each article alone makes (deterministic, re-ingest changes nothing); the
identity graph beside them links each canonical actor to the article-level actor nodes that name it
(`owl:sameAs`), and is brought up to date incrementally after ingest and remove (`refresh`). Name
lookups (`kg.query.resolve`) go through it, so "GM" finds the nodes named "General Motors". Users'
merges and splits (`decide`) are kept in a graph of their own and survive re-ingest.
"""

from kg.identity.graph import (
    decide,
    decisions_iri,
    identity_iri,
    is_identity_graph,
    nodes_named,
    rebuild,
    refresh,
)
from kg.identity.listing import CanonicalActor, MentionRef, canonical_actors
from kg.identity.resolve import Canonical, Decisions, Index, Member

__all__ = [
    "Canonical",
    "CanonicalActor",
    "Decisions",
    "Index",
    "Member",
    "MentionRef",
    "canonical_actors",
    "decide",
    "decisions_iri",
    "identity_iri",
    "is_identity_graph",
    "nodes_named",
    "rebuild",
    "refresh",
]
