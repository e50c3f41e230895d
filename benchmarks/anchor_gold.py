"""Measure the time anchorer alone on every gold event trigger, whatever the trigger stage finds.

For each gold event with a `time_value` (MEANTIME: the date its TLINKs anchor it to), the token
at the start of its trigger is anchored by `kg.extract.common.anchor.TimeAnchorer` (fed every
gold trigger of the document in text order, as if the trigger inventory found them all) and the
anchored value compared with the gold one: exact, and compatible (agree at the coarser
granularity), overall and by the anchor's origin (stated, narrative, published).

    .venv/bin/python benchmarks/anchor_gold.py /work/shared/eval/meantime --parse-cache /tmp/pcache
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from kg.eval.events import compatible
from kg.eval.gold import load_gold
from kg.eval.run import gold_parses
from kg.extract.common.anchor import TimeAnchorer
from kg.extract.pipeline import Pipeline
from kg.model import Extraction


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, nargs="+")
    parser.add_argument("--parse-cache", type=Path)
    parser.add_argument("--errors", action="store_true", help="print each wrong anchor")
    args = parser.parse_args()
    docs = load_gold(args.gold)
    pipeline = Pipeline()
    parses = gold_parses(docs, pipeline, args.parse_cache)
    results = pipeline.apply_many(zip([d.to_article() for d in docs], parses, strict=True))
    total: Counter[str] = Counter()
    exact: Counter[str] = Counter()
    near: Counter[str] = Counter()
    for gold, doc, extraction in zip(docs, parses, results, strict=True):
        if not isinstance(extraction, Extraction):
            continue
        anchorer = TimeAnchorer(extraction.article, doc, list(extraction.times))
        by_start = {t.idx: t for t in doc}
        for event in sorted(gold.events, key=lambda e: e.start):
            token = by_start.get(event.start)
            if token is None:
                continue
            anchor = anchorer.anchor(token)
            if event.time_value is None:
                continue
            got = anchor.time.value if anchor.time is not None else None
            origin = anchor.origin or "none"
            for key in ("all", origin):
                total[key] += 1
                exact[key] += got == event.time_value
                near[key] += got is not None and compatible(got, event.time_value)
            if args.errors and got != event.time_value:
                print(f"{gold.id}\t{event.text}\t{origin}\tgold {event.time_value}\tgot {got}"
                      f"\t{token.sent.text.strip()[:160]!r}")
    for key in sorted(total, key=lambda k: (k != "all", k)):
        print(f"{key:10} {total[key]:4}  exact {exact[key] / total[key]:.3f}"
              f"  compatible {near[key] / total[key]:.3f}")


if __name__ == "__main__":
    main()
