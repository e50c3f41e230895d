"""The canonical actors of a store as records: kind, names, aliases, articles and every mention."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, ConfigDict

from kg.config import DEFAULT_BASE_IRI
from kg.identity.graph import load
from kg.query import run_named
from kg.store import Store


class MentionRef(BaseModel):
    """Where an article names an actor: the article id and character offsets into its text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    article: str
    start: int
    end: int


class CanonicalActor(BaseModel):
    """One real-world actor across the store, and the article-level actor nodes it stands for."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    iri: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    nodes: tuple[str, ...]
    articles: int
    mentions: tuple[MentionRef, ...]


def canonical_actors(store: Store, *, base_iri: str = DEFAULT_BASE_IRI, described: bool = True
                     ) -> list[CanonicalActor]:
    """Return the canonical actors of the identity graph, most articles first, then by name.

    With `described` false, leave out the actors an article only describes ("a military source",
    "some families"): each is its article's own, no one another article can name.
    """
    index, _, _ = load(store, base_iri)
    mentions: dict[str, list[MentionRef]] = defaultdict(list)
    for actor, _article, article_id, start, end in run_named(store, "actor_mentions",
                                                               base_iri=base_iri).rows:
        mentions[str(actor)].append(MentionRef(article=str(article_id), start=int(str(start)),
                                               end=int(str(end))))
    found = []
    for canonical in index.canonicals.values():
        if not described and all(m.local for m in canonical.members):
            continue
        spans = sorted({m for member in canonical.members for m in mentions[member.iri]},
                       key=lambda m: (m.article, m.start, m.end))
        found.append(CanonicalActor(
            iri=canonical.iri, name=canonical.name, kind=canonical.kind,
            aliases=tuple(sorted(set(canonical.names) - {canonical.name})),
            nodes=tuple(sorted(m.iri for m in canonical.members)),
            articles=len({m.article for m in spans}), mentions=tuple(spans)))
    return sorted(found, key=lambda c: (-c.articles, -len(c.mentions), c.name, c.iri))
