"""`kg extract` against bare `nlp.pipe` with the same model, side by side in one process.

    python -m benchmarks.bench_extract --corpus C.jsonl --articles 100 --rounds 3 [--profile]

Both read the same articles of dense news (`benchmarks.corpus`: the seed article's density).
"spaCy" is `spacy.load(model).pipe(texts)`, the model as installed; "kg" is what `kg extract
--format json` does after start-up: read the inputs, parse them with kg's pipeline (the model
plus kg's sentence-start and headline components), run every stage and write each extraction as
JSON (to a null sink). Rounds alternate which goes first (spaCy, kg, kg, spaCy, ...), so a
machine shared with other jobs slows both alike; the ratio is the median of the rounds' ratios,
of wall time and of this process's CPU time (steadier on a loaded machine).
`--profile` adds one kg pass that times the parse, each stage and the JSON writing separately
(wall time of one pass: compare its parse with the spaCy passes of the same load, not with their
best), the CPU time of each parse component of both models run side by side, and one kg pass
under cProfile whose own time is summed by kg package and listed by function.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import json
import pstats
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import spacy

from benchmarks._measure import timed_stages
from kg.articles import read_inputs
from kg.config import Settings
from kg.export import extraction_json, write_extractions
from kg.extract import Pipeline
from kg.extract.nlp.model import article_doc
from kg.ingest.batches import extract
from kg.model import Article

_TOP = 25  # functions listed from the profile


class _Null(io.TextIOBase):
    """A text sink that keeps nothing (what `kg extract > /dev/null` costs to write)."""

    def write(self, text: str) -> int:
        return len(text)


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(began: tuple[float, float]) -> tuple[float, float]:
    """Return the wall and CPU seconds since `began` (CPU time: this process's threads, which a
    machine shared with other jobs disturbs less than wall time)."""
    now = _clocks()
    return now[0] - began[0], now[1] - began[1]


def _spacy(model: spacy.language.Language, texts: list[str], batch_size: int
           ) -> tuple[float, float]:
    began = _clocks()
    for _ in model.pipe(texts, batch_size=batch_size):
        pass
    return _since(began)


def _kg(corpus: Path, count: int, settings: Settings, pipeline: Pipeline) -> tuple[float, float]:
    began = _clocks()
    inputs = itertools.islice(extract([corpus], settings=settings, pipeline=pipeline), count)
    write_extractions(_Null(), inputs, "json")
    return _since(began)


def _phases(items: list[Article], pipeline: Pipeline) -> dict[str, float]:
    """Return ms per article spent parsing, in each stage and writing JSON."""
    spent: dict[str, float] = defaultdict(float)
    began = time.perf_counter()
    parsed = list(pipeline.parse_many(items))
    spent["parse (kg's nlp.pipe)"] = time.perf_counter() - began
    for extraction in timed_stages(pipeline, parsed, spent):
        began = time.perf_counter()
        extraction_json(extraction)
        spent["write json"] += time.perf_counter() - began
    return {k: round(1000 * v / len(items), 2) for k, v in spent.items()}


def _components(items: list[Article], models: dict[str, spacy.language.Language],
                batch_size: int, rounds: int) -> dict[str, dict[str, float]]:
    """Return the CPU ms per article of each pipeline component of each model, run one
    component at a time over all the articles; the models alternate within each round and the
    least of the rounds is kept, so the parse of kg and of bare spaCy compare at the same load."""
    best: dict[str, dict[str, float]] = {label: {} for label in models}
    for _ in range(rounds):
        for label, nlp in models.items():
            docs = [article_doc(nlp, a.text, a.body_start) for a in items]
            for name, component in nlp.pipeline:
                began = time.process_time()
                docs = list(component.pipe(docs, batch_size=batch_size)
                            if hasattr(component, "pipe") else map(component, docs))
                spent = 1000 * (time.process_time() - began) / len(items)
                best[label][name] = round(min(best[label].get(name, spent), spent), 2)
    return {label: {**spent, "total": round(sum(spent.values()), 2)}
            for label, spent in best.items()}


def _profile(corpus: Path, count: int, settings: Settings, pipeline: Pipeline
             ) -> dict[str, object]:
    """Profile one kg pass; sum own time by package (kg's stage packages apart) and list the
    functions with the most own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    _kg(corpus, count, settings, pipeline)
    profiler.disable()
    stats = pstats.Stats(profiler)
    by_package: dict[str, float] = defaultdict(float)
    rows = []
    for (path, line, name), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        parts = Path(path).parts
        if "kg" in parts:
            at = parts.index("kg")
            package = "/".join(parts[at:at + (3 if parts[at + 1:at + 2] == ("extract",) else 2)])
        elif "site-packages" in parts:
            package = parts[parts.index("site-packages") + 1]
        else:
            package = "python"
        by_package[package] += own
        rows.append((own, cumulative, calls, f"{'/'.join(parts[-3:])}:{line}({name})"))
    rows.sort(reverse=True)
    return {
        "own_ms_per_article_by_package": {
            k: round(1000 * v / count, 2)
            for k, v in sorted(by_package.items(), key=lambda kv: -kv[1]) if v / count > 5e-4},
        "top_functions_own_ms_per_article": [
            {"function": where, "own": round(1000 * own / count, 2),
             "cumulative": round(1000 * cum / count, 2), "calls": calls}
            for own, cum, calls, where in rows[:_TOP]],
    }


def run(corpus: Path, count: int, rounds: int, profile: bool) -> dict[str, object]:
    """Time `rounds` alternating pairs of spaCy and kg passes over the first `count` articles."""
    settings = Settings()
    pipeline = Pipeline(settings)
    bare = spacy.load(settings.model)
    items = [a for a in itertools.islice(read_inputs([corpus]), count) if isinstance(a, Article)]
    texts = [a.text for a in items]
    # kg reads a corpus of exactly these articles: reading on would parse a whole batch
    # (settings.batch_size) past the last one timed
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines(keepends=True)
             if line.strip()]
    corpus = Path(tempfile.mkdtemp()) / corpus.name
    corpus.write_text("".join(lines[:count]), encoding="utf-8")
    _spacy(bare, texts[:5], settings.batch_size)  # warm both up: first-call costs stay out
    _kg(corpus, 5, settings, pipeline)
    spacy_s: list[tuple[float, float]] = []
    kg_s: list[tuple[float, float]] = []
    for n in range(rounds):
        first_spacy = n % 2 == 0
        if first_spacy:
            spacy_s.append(_spacy(bare, texts, settings.batch_size))
        kg_s.append(_kg(corpus, len(items), settings, pipeline))
        if not first_spacy:
            spacy_s.append(_spacy(bare, texts, settings.batch_size))
    ratios = [s[0] / k[0] for s, k in zip(spacy_s, kg_s, strict=True)]
    cpu_ratios = [s[1] / k[1] for s, k in zip(spacy_s, kg_s, strict=True)]
    words = sum(len(t.split()) for t in texts) / len(texts)
    result: dict[str, object] = {
        "articles": len(items), "words_per_article": round(words),
        "spacy_articles_per_s": [round(len(items) / s[0], 2) for s in spacy_s],
        "kg_articles_per_s": [round(len(items) / k[0], 2) for k in kg_s],
        "ratio_per_round": [round(r, 3) for r in ratios],
        "ratio_median": round(statistics.median(ratios), 3),
        "cpu_ratio_per_round": [round(r, 3) for r in cpu_ratios],
        "cpu_ratio_median": round(statistics.median(cpu_ratios), 3),
    }
    if profile:
        result["phases_ms_per_article"] = _phases(items, pipeline)
        result["spacy_ms_per_article"] = round(1000 * min(s[0] for s in spacy_s) / len(items), 2)
        result["parse_components_cpu_ms_per_article"] = _components(
            items, {"spacy": bare, "kg": pipeline.nlp}, settings.batch_size, rounds)
        result["profile"] = _profile(corpus, len(items), settings, pipeline)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    print(json.dumps(run(args.corpus, args.articles, args.rounds, args.profile), indent=1))


if __name__ == "__main__":
    main()
