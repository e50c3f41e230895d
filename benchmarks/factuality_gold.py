"""Measure the factuality cues alone on every gold event trigger (MEANTIME, TimeML).

Each gold event's trigger token (the token at its start) is classified by
`kg.extract.events.factuality.classify` and compared with the gold attributes, both reduced to
coarse classes the two annotations share:
- MEANTIME (certainty, polarity, time): polarity NEG -> "neg"; certainty POSSIBLE or PROBABLE ->
  "uncertain"; time FUTURE -> "future"; CERTAIN, POS, NON_FUTURE -> "fact" (others are skipped);
- TimeML (polarity, modality): polarity NEG -> "neg"; a modality -> "uncertain"; else "fact";
- kg: negated, ruled_out -> "neg"; possible -> "uncertain"; planned, demanded -> "future" ("fact"
  on TimeML, which marks no future); asserted, reported -> "fact".

    .venv/bin/python benchmarks/factuality_gold.py /work/shared/eval/meantime \
        --parse-cache /tmp/pcache
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from kg.eval.gold import gold_files, load_gold
from kg.eval.run import gold_parses
from kg.extract.events.factuality import classify, firing
from kg.extract.pipeline import Pipeline

_KG = {"negated": "neg", "ruled_out": "neg", "possible": "uncertain", "planned": "future",
       "demanded": "future", "asserted": "fact", "reported": "fact"}


def gold_class(extra: dict[str, Any], meantime: bool) -> str | None:
    """Return a raw gold event's coarse factuality class, or None if the gold does not say."""
    polarity, certainty = extra.get("polarity"), extra.get("certainty")
    if polarity == "NEG":
        return "neg"
    if meantime:
        if certainty in ("POSSIBLE", "PROBABLE"):
            return "uncertain"
        if extra.get("time") == "FUTURE":
            return "future"
        ok = (certainty, polarity, extra.get("time")) == ("CERTAIN", "POS", "NON_FUTURE")
        return "fact" if ok else None
    if polarity is None:
        return None
    modality = (extra.get("modality") or "").strip().lower()
    return "uncertain" if modality and modality != "none" else "fact"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, nargs="+")
    parser.add_argument("--parse-cache", type=Path)
    parser.add_argument("--errors", action="store_true", help="print each wrong class")
    args = parser.parse_args()
    docs = load_gold(args.gold)
    # the gold records keep no factuality attributes (yet), so they are read from the files
    raw = {}
    for folder in args.gold:
        for path in gold_files(folder):
            data = json.loads(path.read_text(encoding="utf-8"))
            raw[data["id"]] = {e["start"]: e for e in data.get("events", [])}
    parses = gold_parses(docs, Pipeline(), args.parse_cache)
    pairs: Counter[tuple[str, str]] = Counter()
    for gold, doc in zip(docs, parses, strict=True):
        by_start = {t.idx: t for t in doc}
        timeml = gold.corpus != "meantime"
        for event in gold.events:
            attributes = raw.get(gold.id, {}).get(event.start, {})
            want, token = gold_class(attributes, not timeml), by_start.get(event.start)
            if want is None or token is None:
                continue
            got = _KG[classify(token)]
            if timeml and got == "future":
                got = "fact"
            pairs[want, got] += 1
            if args.errors and want != got:
                print(f"{gold.id}\t{event.text}\tgold {want}\tgot {got} ({firing(token)})"
                      f"\t{token.sent.text.strip()[:150]!r}")
    total = sum(pairs.values())
    right = sum(n for (want, got), n in pairs.items() if want == got)
    print(f"factuality acc {right / total:.3f} ({right}/{total})")
    for label in sorted({w for w, _ in pairs} | {g for _, g in pairs}):
        tp = pairs[label, label]
        fp = sum(n for (w, g), n in pairs.items() if g == label and w != label)
        fn = sum(n for (w, g), n in pairs.items() if w == label and g != label)
        print(f"  {label:10} gold {tp + fn:5}  P {tp / max(tp + fp, 1):.3f}  "
              f"R {tp / max(tp + fn, 1):.3f}")


if __name__ == "__main__":
    main()
