"""Benchmark what the identity layer adds to `kg ingest`: the same articles with and without it.

Ingests a JSON Lines corpus into a fresh store twice as `kg ingest` does (one extraction process),
once without the identity refresh and once with it, then adds one more article to the full store
and times its ingest and its refresh apart (resolution must stay incremental: one more article
costs what its own actors cost, not a re-placement of the store).

    python -m benchmarks.bench_identity --corpus C.jsonl --work DIR [--rounds 1]
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path


def _ingest(corpus: Path, store_path: Path, *, identity: bool) -> tuple[float, float]:
    """Ingest into a fresh store; return the seconds of ingest and of the identity refresh."""
    from kg.config import Settings
    from kg.extract import Pipeline
    from kg.identity import refresh
    from kg.ingest.batches import ingest
    from kg.store import OxigraphStore

    settings = Settings()
    pipeline = Pipeline(settings)
    pipeline.nlp  # noqa: B018 - load the model before the clock starts
    shutil.rmtree(store_path, ignore_errors=True)
    with OxigraphStore(store_path) as store:
        started = time.perf_counter()
        ingest([corpus], store, settings=settings, pipeline=pipeline)
        stored = time.perf_counter() - started
        resolved = 0.0
        if identity:
            started = time.perf_counter()
            refresh(store, base_iri=settings.base_iri)
            resolved = time.perf_counter() - started
    return stored, resolved


def _one_more(corpus: Path, extra: Path, store_path: Path) -> tuple[float, float]:
    """Add one article to a resolved store; return its ingest and refresh seconds."""
    from kg.config import Settings
    from kg.identity import refresh
    from kg.ingest.batches import ingest
    from kg.store import OxigraphStore

    settings = Settings()
    with OxigraphStore(store_path) as store:
        started = time.perf_counter()
        ingest([extra], store, settings=settings)
        stored = time.perf_counter() - started
        started = time.perf_counter()
        refresh(store, base_iri=settings.base_iri)
        return stored, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    lines = args.corpus.read_text(encoding="utf-8").splitlines()
    args.work.mkdir(parents=True, exist_ok=True)
    base, extra = args.work / "base.jsonl", args.work / "extra.jsonl"
    base.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    extra.write_text(lines[-1] + "\n", encoding="utf-8")
    rounds = []
    for _ in range(args.rounds):
        bare, _ = _ingest(base, args.work / "bare", identity=False)
        stored, resolved = _ingest(base, args.work / "resolved", identity=True)
        one, one_resolved = _one_more(base, extra, args.work / "resolved")
        rounds.append({"articles": len(lines) - 1, "ingest_without_s": round(bare, 2),
                       "ingest_with_s": round(stored + resolved, 2),
                       "refresh_s": round(resolved, 2),
                       "ratio": round(bare / (stored + resolved), 3),
                       "refresh_share_of_its_run": round(resolved / (stored + resolved), 3),
                       "one_more_ingest_s": round(one, 3),
                       "one_more_refresh_s": round(one_resolved, 3)})
    print(json.dumps(rounds, indent=2))


if __name__ == "__main__":
    main()
