"""Named-entity scoring (MEANTIME): actor and place mentions against gold proper-name mentions.

Gold targets are the entity mentions with `syntactic_type == "NAM"` whose instance type is PER,
ORG or LOC, the types kg extracts. Predictions are every mention of `Extraction.actors` and
`Extraction.places`, identical spans merged. Matching is one-to-one by overlap ("relaxed"), and
by identical offsets ("strict"). An unmatched prediction is not a false positive when it overlaps
a gold name of another type (PRO, FIN, MIX, untyped) or a name used as a modifier (PRE.NAM), or
when it has exactly the offsets of some other gold mention (a pronoun or nominal coreferent).
Types are judged on relaxed matches: person -> PER; organisation, government, military,
armed_group, media, group -> ORG; country -> LOC or ORG (MEANTIME tags states either way, so
both count as correct); every place -> LOC; "other" is never correct.
"""

from __future__ import annotations

from kg.eval.gold import GoldDoc, GoldEntity
from kg.eval.metrics import Issue, Ratio, TaskResult, score_spans
from kg.eval.spans import Pieces, inside, overlap, same
from kg.model import ActorKind, Extraction

TYPES = ("PER", "ORG", "LOC")
NAMES = ("NAM", "PRE.NAM")
ACTOR_TYPES: dict[ActorKind, frozenset[str]] = {
    "person": frozenset({"PER"}),
    "organisation": frozenset({"ORG"}),
    "government": frozenset({"ORG"}),
    "military": frozenset({"ORG"}),
    "armed_group": frozenset({"ORG"}),
    "media": frozenset({"ORG"}),
    "group": frozenset({"ORG"}),
    "product": frozenset({"PRO"}),
    "financial": frozenset({"FIN"}),
    "country": frozenset({"LOC", "ORG"}),
    "other": frozenset(),
}


def predicted_mentions(extraction: Extraction) -> dict[tuple[int, int], frozenset[str]]:
    """Return every actor and place mention span with the gold types it may stand for."""
    found: dict[tuple[int, int], frozenset[str]] = {}
    for actor in extraction.actors:
        for span in actor.mentions:
            key = (span.start, span.end)
            found[key] = found.get(key, frozenset()) | ACTOR_TYPES[actor.kind]
    for place in extraction.places:
        for span in place.mentions:
            key = (span.start, span.end)
            found[key] = found.get(key, frozenset()) | {"LOC"}
    return dict(sorted(found.items()))


def is_target(entity: GoldEntity) -> bool:
    """Return whether a gold mention is a name of a type kg extracts."""
    return entity.syntactic_type == "NAM" and entity.type in TYPES


def score_entities(doc: GoldDoc, extraction: Extraction) -> TaskResult | None:
    """Score actor and place mentions against gold named entities, or None if not gold."""
    if doc.layers.status("entities") != "gold":
        return None
    regions = doc.annotated_regions
    mentions = [e for e in doc.entities if inside(e.pieces, regions)]
    gold = [e for e in mentions if is_target(e)]
    others = [e for e in mentions if not is_target(e)]
    # a product or an instrument claims no PER, ORG or LOC name: those are scored by identity
    found = {k: v for k, v in predicted_mentions(extraction).items()
             if inside((k,), regions) and (v & set(TYPES) or not v & {"PRO", "FIN"})}
    pred: list[Pieces] = [(k,) for k in found]
    pred_types = list(found.values())
    gold_spans = [e.pieces for e in gold]

    def ignore(pi: int) -> bool:
        return any((o.syntactic_type in NAMES and overlap(o.pieces, pred[pi]))
                   or same(o.pieces, pred[pi]) for o in others)

    strict, _, issues = score_spans(doc.id, doc.text, "strict", gold_spans, pred,
                                    exact=same, ignore=ignore)
    relaxed, pairs, relaxed_issues = score_spans(doc.id, doc.text, "relaxed", gold_spans, pred,
                                                 ignore=ignore)
    issues += relaxed_issues
    correct = 0
    for g, p in pairs:
        if gold[g].type in pred_types[p]:
            correct += 1
            continue
        start, end = pred[p][0]
        issues.append(Issue(doc_id=doc.id, metric="type", kind="wrong_type", start=gold[g].start,
                            end=gold[g].end, text=gold[g].text,
                            detail=f"gold {gold[g].type}, predicted {sorted(pred_types[p])} "
                                   f"({doc.text[start:end]!r})"))
    return TaskResult(task="entities", counts={"relaxed": relaxed, "strict": strict},
                      ratios={"type": Ratio(correct=correct, total=len(pairs))},
                      issues=tuple(issues))
