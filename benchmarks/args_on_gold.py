"""Measure the events stage's argument finder and coreference on MEANTIME's gold triggers.

`kg eval` judges participants only on the events the trigger rules find; this script asks the
argument finder about every gold event mention instead: it finds the head token of the gold
trigger, reads its agents, targets, recipients and place with `ArgumentFinder`, and compares them
with the gold Arg0, Arg1, Arg2 and Argm-LOC participants by overlap with the mentions of the
actors (places) they name, as `kg.eval.events` does. It also scores within-document coreference:
each gold pronoun or definite description whose entity is named elsewhere in the document is
right when `Coreference` maps it to an actor with a mention of that entity.

    .venv/bin/python benchmarks/args_on_gold.py /work/shared/eval/meantime --parse-cache /tmp/pcache
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from kg.config import Settings
from kg.eval.gold import GoldDoc, load_gold
from kg.eval.run import gold_parses
from kg.eval.spans import inside
from kg.extract import Pipeline
from kg.extract.common.spans import SpanIndex, phrase_head
from kg.extract.events.args import ArgumentFinder
from kg.model import Extraction

ROLES = {"agent": "Arg0", "target": "Arg1", "recipient": "Arg2", "place": "Argm-LOC"}
PRONOUNS = {"he", "she", "it", "they", "its", "his", "her", "their", "him", "them"}
DEFINITE = ("the ",)


@dataclass(frozen=True)
class GoldTrigger:
    """The gold trigger as the argument finder sees one: its token and whether it is a noun."""

    token: Token
    cameo: str
    label: str
    noun: bool
    rule: str = "gold"


def _mentions(extraction: Extraction) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for record in (*extraction.actors, *extraction.places):
        out.setdefault(record.id, []).extend((m.start, m.end) for m in record.mentions)
    return out


def _hit(spans: list[tuple[int, int]], want: list[tuple[int, int]]) -> bool:
    return any(s < we and ws < e for s, e in spans for ws, we in want)


def _found(finder: ArgumentFinder, trigger: GoldTrigger, role: str) -> list[str]:
    if role == "place":
        place = finder.place(trigger)  # type: ignore[arg-type]
        return [place] if place else []
    read = getattr(finder, role + "s", None)
    return list(read(trigger)) if read else []


def score_doc(doc: GoldDoc, extraction: Extraction, parsed, counts: dict[str, Counter[str]],
              coref: Counter[str], show: bool) -> None:
    regions = doc.annotated_regions
    mentions = _mentions(extraction)
    index = SpanIndex(extraction)
    finder = ArgumentFinder(index, doc=parsed, extraction=extraction) \
        if "doc" in ArgumentFinder.__init__.__code__.co_varnames else ArgumentFinder(index)
    for event in doc.events:
        if not inside(event.pieces, regions):
            continue
        head = phrase_head(parsed, event.start, event.end)
        if head is None:
            continue
        trigger = GoldTrigger(head, "", head.lemma_, head.pos_ in ("NOUN", "PROPN"))
        agents: list[str] = []
        for role, label in ROLES.items():
            want = [(p.start, p.end) for p in event.participants if p.role == label]
            got = _found(finder, trigger, role)
            if role == "agent":
                agents = got
            elif role != "place":
                got = [g for g in got if g not in agents]
            spans = [s for ref in got for s in mentions.get(ref, ())]
            c = counts[role]
            c["gold"] += bool(want)
            c["predicted"] += bool(got)
            c["reachable"] += bool(want) and any(
                _hit(s, want) for s in mentions.values())
            if want and _hit(spans, want):
                c["tp"] += 1
            else:
                c["fp"] += bool(got)
                c["fn"] += bool(want)
                if show and (want or got):
                    names = [p.text for p in event.participants if p.role == label]
                    print(f"{doc.id} {role}: {event.text!r} gold {names} got {got} "
                          f"| {head.sent.text[:140]!r}")
    resolve = getattr(finder, "coreference", None)
    if resolve is None:
        return
    by_instance: dict[str, list[tuple[int, int]]] = {}
    for ent in doc.entities:
        iid = getattr(ent, "instance_id", None)
        if iid:
            by_instance.setdefault(iid, []).append((ent.start, ent.end))
    for ent in doc.entities:
        text = ent.text.lower()
        iid = getattr(ent, "instance_id", None)
        kind = "pronoun" if text in PRONOUNS else \
            "nominal" if text.startswith(DEFINITE) and ent.syntactic_type == "NOM" else None
        if kind is None or not iid or not inside(((ent.start, ent.end),), regions):
            continue
        others = [s for s in by_instance[iid] if s != (ent.start, ent.end) and s[0] < ent.start]
        if not others:
            continue
        coref[kind + " gold"] += 1
        head = phrase_head(parsed, ent.start, ent.end)
        actor = resolve.get(head.i) if head is not None else None
        if actor is None:
            continue
        coref[kind + " resolved"] += 1
        ok = _hit(mentions.get(actor, []), others)
        coref[kind + " right"] += ok
        if show and not ok:
            print(f"{doc.id} coref: {ent.text!r} -> {actor} | {head.sent.text[:120]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--parse-cache", type=Path)
    parser.add_argument("--show", action="store_true", help="print each miss")
    args = parser.parse_args()
    # GoldEntity drops instance_id; read it again with a record that keeps it
    from kg.eval import gold as goldmod

    class Entity(goldmod.GoldEntity):
        instance_id: str | None = None

    goldmod.GoldDoc.model_fields["entities"].annotation = tuple[Entity, ...]
    goldmod.GoldDoc.model_rebuild(force=True)
    docs = load_gold([args.gold])
    pipeline = Pipeline(Settings(stages=("times", "places", "actors")))
    parses = gold_parses(docs, pipeline, args.parse_cache)
    counts: dict[str, Counter[str]] = {role: Counter() for role in ROLES}
    coref: Counter[str] = Counter()
    for doc, parsed in zip(docs, parses, strict=True):
        extraction = pipeline.apply(doc.to_article(), parsed)
        score_doc(doc, extraction, parsed, counts, coref, args.show)
    print(f"{'role':10} {'gold':>5} {'reach':>5} {'pred':>5} {'tp':>4}  {'P':>5} {'R':>5} "
          f"{'F1':>5}  R/reachable")
    for role, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rr = c["tp"] / c["reachable"] if c["reachable"] else 0.0
        print(f"{role:10} {c['gold']:5} {c['reachable']:5} {c['predicted']:5} {c['tp']:4}  "
              f"{p:5.3f} {r:5.3f} {f:5.3f}  {rr:5.3f}")
    for kind in ("pronoun", "nominal"):
        gold, done, right = (coref[f"{kind} {k}"] for k in ("gold", "resolved", "right"))
        if gold:
            print(f"coreference {kind}: {gold} gold, {done} resolved, {right} right: "
                  f"accuracy {right / gold:.3f}, precision {right / done if done else 0:.3f}")


if __name__ == "__main__":
    main()
