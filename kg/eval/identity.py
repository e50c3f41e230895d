"""Cross-document identity scoring (MEANTIME): actor nodes of all documents against gold entities.

Gold items are the named mentions (`syntactic_type == "NAM"`) linked to a DBpedia resource, inside
the annotated regions; two items are one gold entity when they share the resource. Each item's
predicted entity is the canonical actor (`kg.identity`, placed over the actors of every document at
once, as one store would hold them) of the actor mention that overlaps it most, or the place of the
place mention (places are one node per gazetteer id across documents); an item no mention overlaps
is an entity of its own. B-cubed precision and recall average, over the items, the share of the
item's predicted (gold) entity that is in its gold (predicted) one (Bagga & Baldwin 1998).

Kind accuracy is judged on the items an actor mention overlaps: the canonical actor's kind must fit
the gold type (`kg.eval.entities.ACTOR_TYPES`; products are PRO, financial instruments FIN).
A state acting ("Britain said") is the country it is (`Actor.country`), as its place mentions are.

With `details`, the errors are kept as issues (`kg eval --errors identity`): a gold name put apart
from most of its entity's names ("miss"), a name joined to an entity most of whose names are
another gold entity's ("false_positive"), and a kind that does not fit the gold type ("wrong_type").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import cast

from kg.eval.entities import ACTOR_TYPES
from kg.eval.gold import GoldDoc, GoldEntity
from kg.eval.metrics import Issue, IssueKind, Ratio, ScoreRecord
from kg.eval.spans import inside, overlap
from kg.identity import Index, Member
from kg.identity.graph import place
from kg.identity.resolve import node_kind
from kg.model import ActorKind, Extraction


class IdentityScore(ScoreRecord):
    """B-cubed scores of cross-document identity, and kind accuracy, over one corpus."""

    items: int = 0  # gold named mentions with a DBpedia reference
    found: int = 0  # of them, overlapped by an actor or place mention
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    kind: Ratio = Ratio()
    issues: tuple[Issue, ...] = ()


def score_identity(pairs: Sequence[tuple[GoldDoc, Extraction]], *, details: bool = False
                   ) -> IdentityScore | None:
    """Score the actor nodes of a corpus against its gold entities, or None if it has none.

    With `details`, keep the split names, wrong joins and wrong kinds as issues.
    """
    pairs = [(doc, ex) for doc, ex in pairs if doc.layers.status("entities") == "gold"]
    if not pairs:
        return None
    index = Index()
    members = _members([ex for _, ex in pairs])
    place(index, members, base_iri="canonical/")
    gold: list[str] = []
    pred: list[str] = []
    where: list[tuple[str, GoldEntity]] = []
    kind = Ratio()
    issues: list[Issue] = []
    for doc, extraction in pairs:
        for entity in _items(doc):
            gold.append(str(entity.external_ref))
            where.append((doc.id, entity))
            found, actor_kind = _predicted(entity, extraction, index)
            pred.append(found or f"none/{doc.id}/{entity.start}")
            if actor_kind is not None:
                types = ACTOR_TYPES.get(cast("ActorKind", actor_kind), frozenset())
                kind += Ratio(correct=int(str(entity.type) in types), total=1)
                if str(entity.type) not in types:
                    issues.append(_issue(doc.id, entity, "wrong_type",
                                         f"gold {entity.type}, predicted {actor_kind} "
                                         f"({_label(pred[-1], index)})"))
    precision, recall = _bcubed(gold, pred)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if details:
        issues += _cluster_issues(gold, pred, where, index)
    return IdentityScore(items=len(gold), found=sum(not p.startswith("none/") for p in pred),
                         precision=round(precision, 4), recall=round(recall, 4),
                         f1=round(f1, 4), kind=kind,
                         issues=tuple(sorted(issues, key=lambda i: (i.doc_id, i.start, i.end,
                                                                    i.metric)))
                         if details else ())


_METRIC: dict[IssueKind, str] = {"miss": "split", "false_positive": "joined",
                                  "wrong_type": "kind"}


def _issue(doc_id: str, entity: GoldEntity, kind: IssueKind, detail: str) -> Issue:
    return Issue(doc_id=doc_id, metric=_METRIC[kind], kind=kind, start=entity.start,
                 end=entity.end, text=entity.text, detail=detail)


def _label(pred: str, index: Index) -> str:
    """Name a predicted entity: a canonical actor's name, else the place or "nothing"."""
    found = index.canonicals.get(pred)
    if found is not None:
        return found.name
    return "no mention" if pred.startswith("none/") else pred


def _cluster_issues(gold: Sequence[str], pred: Sequence[str],
                    where: Sequence[tuple[str, GoldEntity]], index: Index) -> list[Issue]:
    """Return the items apart from their gold entity's main node, and those in another's."""
    by_gold: dict[str, Counter[str]] = defaultdict(Counter)
    by_pred: dict[str, Counter[str]] = defaultdict(Counter)
    for g, p in zip(gold, pred, strict=True):
        by_gold[g][p] += 1
        by_pred[p][g] += 1
    found: list[Issue] = []
    for g, p, (doc_id, entity) in zip(gold, pred, where, strict=True):
        main = min(by_gold[g].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if p != main:
            found.append(_issue(doc_id, entity, "miss",
                                f"{g.rsplit('/', 1)[-1]} is {_label(p, index)!r} here, "
                                f"{_label(main, index)!r} in {by_gold[g][main]} other names"))
        owner = min(by_pred[p].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if g != owner:
            found.append(_issue(doc_id, entity, "false_positive",
                                f"{g.rsplit('/', 1)[-1]} joined to {_label(p, index)!r}, "
                                f"{by_pred[p][owner]} names of which are "
                                f"{owner.rsplit('/', 1)[-1]}"))
    return found


def _items(doc: GoldDoc) -> list[GoldEntity]:
    return [e for e in doc.entities if e.syntactic_type == "NAM" and e.external_ref
            and inside(e.pieces, doc.annotated_regions)]


def _members(extractions: Sequence[Extraction]) -> list[Member]:
    """The actor nodes of all the documents, as one store would hold them (one per actor id)."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, set[str]] = defaultdict(set)
    sources: dict[str, set[str]] = defaultdict(set)
    for extraction in extractions:
        for actor in extraction.actors:
            sources[actor.id].add(extraction.article.id)
            names[actor.id][actor.name] += 1
            kinds[actor.id][actor.kind] += 1
            aliases[actor.id].update(actor.aliases)
    found = []
    for key in sorted(names):
        name = names[key].most_common(1)[0][0]
        kind = node_kind(kinds[key])
        found.append(Member(iri=key, name=name, kind=kind,
                            aliases=tuple(sorted(aliases[key] - {name})),
                            weight=sum(names[key].values()),
                            sources=frozenset(sources[key])))
    return found


def _predicted(entity: GoldEntity, extraction: Extraction, index: Index
               ) -> tuple[str | None, str | None]:
    """Return the entity a gold mention is predicted to be, and the actor kind if an actor.

    Of several mentions inside one gold name, the last is taken: an English noun phrase ends in
    its head ("Apple's OS X Tiger", "Ford CEO Alan Mulally").
    """
    best: tuple[int, str, str | None] | None = None
    for actor in extraction.actors:
        for span in actor.mentions:
            shared = span.end if overlap(entity.pieces, ((span.start, span.end),)) else 0
            if shared and (best is None or shared > best[0]):
                canonical = index.canonicals[index.of_member[actor.id]]
                # a state acting is the country it is (kg:country), one node across documents
                same = f"place/{actor.country}" if actor.kind == "country" and actor.country \
                    else canonical.iri
                best = (shared, same, canonical.kind)
    for found in extraction.places:
        for span in found.mentions:
            shared = span.end if overlap(entity.pieces, ((span.start, span.end),)) else 0
            if shared and (best is None or shared > best[0]):
                best = (shared, f"place/{found.id}", None)
    return (best[1], best[2]) if best is not None else (None, None)


def _bcubed(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """Return B-cubed precision and recall of a predicted clustering of items against gold."""
    if not gold:
        return 0.0, 0.0
    gold_size = Counter(gold)
    pred_size = Counter(pred)
    both = Counter(zip(gold, pred, strict=True))
    precision = sum(both[(g, p)] / pred_size[p] for g, p in zip(gold, pred, strict=True))
    recall = sum(both[(g, p)] / gold_size[g] for g, p in zip(gold, pred, strict=True))
    return precision / len(gold), recall / len(gold)
