"""Measure the events stage's argument finder and coreference on MEANTIME's gold triggers.

`kg eval` judges participants only on the events the trigger rules find; this script asks the
argument finder about every gold event mention instead: it finds the head token of the gold
trigger, reads its agents, targets, recipients and place with `ArgumentFinder`, and compares them
with the gold Arg0, Arg1, Arg2 and Argm-LOC participants by overlap with the mentions of the
actors (places) they name, as `kg.eval.events` does. It also scores within-document coreference:
each gold pronoun or definite description whose entity is named elsewhere in the document is
right when `common.coref` maps it to an actor with an earlier mention of that entity. Roles are
scored twice: by overlap with the gold participant's own mention ("mention"), and with any
mention of its gold entity ("entity"), so that "it" resolved to Airbus counts where the gold
participant is the pronoun.

    .venv/bin/python benchmarks/args_on_gold.py /work/shared/eval/meantime --parse-cache /tmp/pcache
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from kg.config import Settings
from kg.eval.gold import GoldDoc, load_gold
from kg.eval.run import gold_parses
from kg.eval.spans import inside
from kg.extract import Pipeline
from kg.extract.common.spans import phrase_head
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


def _roles(finder: ArgumentFinder, trigger: GoldTrigger) -> dict[str, list[str]]:
    """Read the roles as the events stage does: each actor in the first role that takes it."""
    roles = finder.read(trigger)
    place = finder.place(trigger)
    return {"agent": roles.agents, "target": roles.targets, "recipient": roles.recipients,
            "place": [place] if place else []}


def _instances(path: Path) -> tuple[dict[str, str], dict[str, list[tuple[int, int]]]]:
    """Return each gold entity mention's instance, and the mentions of each instance."""
    raw = json.loads(path.read_text("utf-8"))
    of = {e["id"]: e["instance_id"] for e in raw["entities"] if e.get("instance_id")}
    spans: dict[str, list[tuple[int, int]]] = {}
    for e in raw["entities"]:
        if e.get("instance_id"):
            spans.setdefault(e["instance_id"], []).append((e["start"], e["end"]))
    return of, spans


def score_doc(doc: GoldDoc, path: Path, extraction: Extraction, parsed,
              counts: dict[str, Counter[str]], coref: Counter[str], show: bool,
              disabled: tuple[str, ...] = ()) -> None:
    regions = doc.annotated_regions
    mentions = _mentions(extraction)
    finder = ArgumentFinder(extraction, parsed, disabled)
    instance_of, by_instance = _instances(path)
    raw = json.loads(path.read_text("utf-8"))
    participants = {(e["start"], e["end"]): e["participants"] for e in raw["events"]}
    for event in doc.events:
        if not inside(event.pieces, regions):
            continue
        head = phrase_head(parsed, event.start, event.end)
        if head is None:
            continue
        trigger = GoldTrigger(head, "", head.lemma_, head.pos_ in ("NOUN", "PROPN"))
        found = _roles(finder, trigger)
        for role, label in ROLES.items():
            want = [(p.start, p.end) for p in event.participants if p.role == label]
            ids = [p.get("mention_id") for p in participants.get((event.start, event.end), ())
                   if p["role"] == label]
            entity = [s for m in ids if m in instance_of for s in by_instance[instance_of[m]]]
            got = found[role]
            spans = [s for ref in got for s in mentions.get(ref, ())]
            c = counts[role]
            c["gold"] += bool(want)
            c["predicted"] += bool(got)
            c["reachable"] += bool(want) and any(
                _hit(s, want + entity) for s in mentions.values())
            c["entity tp"] += bool(want) and _hit(spans, want + entity)
            if want and _hit(spans, want):
                c["tp"] += 1
            else:
                c["fp"] += bool(got)
                c["fn"] += bool(want)
                if show and (want or got) and (got or any(
                        _hit(s, want + entity) for s in mentions.values())):
                    names = [p.text for p in event.participants if p.role == label]
                    print(f"{doc.id} {role}: {event.text!r} gold {names} got {got} "
                          f"| {head.sent.text[:140]!r}")
    resolve = finder.coreference
    for ent in doc.entities:
        text = ent.text.lower()
        iid = next((instance_of[m] for m, (a, b) in _ids(raw) if (a, b) == (ent.start, ent.end)
                    and m in instance_of), None)
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


def _ids(raw: dict) -> list[tuple[str, tuple[int, int]]]:
    return [(e["id"], (e["start"], e["end"])) for e in raw["entities"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--parse-cache", type=Path)
    parser.add_argument("--show", action="store_true", help="print each miss")
    parser.add_argument("--disable", action="append", default=[],
                        help="switch a rule (or a prefix of rules) off, as Settings does")
    args = parser.parse_args()
    paths = sorted(args.gold.glob("*.json"))
    docs = load_gold([args.gold])
    pipeline = Pipeline(Settings(stages=("times", "places", "actors")))
    parses = gold_parses(docs, pipeline, args.parse_cache)
    counts: dict[str, Counter[str]] = {role: Counter() for role in ROLES}
    coref: Counter[str] = Counter()
    for doc, path, parsed in zip(docs, paths, parses, strict=True):
        if json.loads(path.read_text("utf-8"))["id"] != doc.id:
            raise SystemExit(f"{path}: not the file of gold document {doc.id!r}")
        extraction = pipeline.apply(doc.to_article(), parsed)
        score_doc(doc, path, extraction, parsed, counts, coref, args.show,
                  tuple(args.disable))
    print(f"{'role':10} {'gold':>5} {'reach':>5} {'pred':>5} {'tp':>4}  {'P':>5} {'R':>5} "
          f"{'F1':>5}  R/reach  entity: tp  R")
    for role, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rr = c["tp"] / c["reachable"] if c["reachable"] else 0.0
        print(f"{role:10} {c['gold']:5} {c['reachable']:5} {c['predicted']:5} {c['tp']:4}  "
              f"{p:5.3f} {r:5.3f} {f:5.3f}  {rr:5.3f}  {c['entity tp']:10} "
              f"{c['entity tp'] / c['gold'] if c['gold'] else 0:.3f}")
    for kind in ("pronoun", "nominal"):
        gold, done, right = (coref[f"{kind} {k}"] for k in ("gold", "resolved", "right"))
        if gold:
            print(f"coreference {kind}: {gold} gold, {done} resolved, {right} right: "
                  f"accuracy {right / gold:.3f}, precision {right / done if done else 0:.3f}")


if __name__ == "__main__":
    main()
