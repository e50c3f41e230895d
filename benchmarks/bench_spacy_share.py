"""How much of the stages' CPU time is spaCy's own code (Token/Span/Doc attributes and objects).

    python -m benchmarks.bench_spacy_share --corpus C.jsonl --articles 30 --rounds 8

Parses the articles once, then runs every stage (and the JSON writing) over the parsed docs
`rounds` times, timing each by CPU, and keeps the least of the rounds. With `perf` installed
(Linux, `kernel.perf_event_paranoid` <= 2) the rounds run under `perf record --call-graph dwarf`
attached to this process only after the parse, and each sample is sorted by the native frames
between its leaf and the nearest Python frame: inside spaCy's Cython modules (a getter such as
`Token.text`, `doc[i]`, a `Token` made or freed, a string decoded from the StringStore), in
pydantic-core, in the regular expression engine, in the cyclic garbage collector, or the
interpreter running kg's own code. The spaCy share is what a plain-Python view of the parse
could save at most (less the cost of building it); the rest it cannot touch.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from kg.articles import read_inputs
from kg.config import Settings
from kg.export import extraction_json
from kg.extract import Pipeline
from kg.model import Article, Extraction

_SPACY = ("spacy/tokens/", "spacy/strings.", "preshed/maps.", "spacy/lexeme.", "spacy/attrs.")
_KINDS = (("pydantic", ("_pydantic_core",)), ("regex", ("sre_", "_sre.", "pattern_")),
          ("gc", ("gc_collect",)))
_PERF_HZ = "250"


def _rounds(pipeline: Pipeline, parsed: list[tuple[Article, object]], rounds: int
            ) -> dict[str, float]:
    """Run the stages `rounds` times; return the least CPU ms per article of each, and in all."""
    best: dict[str, float] = {}
    for _ in range(rounds):
        spent: dict[str, float] = defaultdict(float)
        for article, doc in parsed:
            extraction = Extraction(article=article, run=pipeline.run_info)
            for name, stage in pipeline.stages:
                began = time.process_time()
                extraction = stage(extraction, doc)  # type: ignore[arg-type]
                spent[name] += time.process_time() - began
            began = time.process_time()
            extraction_json(extraction)
            spent["json"] += time.process_time() - began
        spent["total"] = sum(spent.values())
        for name, seconds in spent.items():
            best[name] = min(best.get(name, float("inf")), 1000 * seconds / len(parsed))
    return {name: round(ms, 2) for name, ms in best.items()}


def _classify(script: str) -> dict[str, object]:
    """Sort `perf script` samples by the native frames above their nearest Python frame."""
    kinds: Counter[str] = Counter()
    getters: Counter[str] = Counter()
    for sample in script.split("\n\n"):
        frames = [line.strip() for line in sample.strip().splitlines() if line.strip()]
        if not frames:
            continue
        kind, outer = "interpreter (kg's own code)", ""
        for frame in frames:
            if "_PyEval_EvalFrameDefault" in frame:
                break
            if any(part in frame for part in _SPACY):
                kind, outer = "spacy", frame
            elif kind != "spacy":
                for name, marks in _KINDS:
                    if any(mark in frame for mark in marks):
                        kind = name
        kinds[kind] += 1
        if outer:
            found = re.search(r"__pyx_\w+", outer)
            getters[found.group(0) if found else outer] += 1
    total = sum(kinds.values())
    return {
        "samples": total,
        "share": {k: round(v / total, 3) for k, v in kinds.most_common()},
        "spacy_entry_points": {k: round(v / total, 4) for k, v in getters.most_common(15)},
    }


def run(corpus: Path, count: int, rounds: int) -> dict[str, object]:
    pipeline = Pipeline(Settings())
    items = [a for a in itertools.islice(read_inputs([corpus]), count) if isinstance(a, Article)]
    parsed: list[tuple[Article, object]] = list(pipeline.parse_many(items))
    _rounds(pipeline, parsed, 1)  # warm up: first-call costs stay out
    result: dict[str, object] = {"articles": len(parsed)}
    perf = shutil.which("perf")
    if perf is None:
        result["stages_cpu_ms_per_article"] = _rounds(pipeline, parsed, rounds)
        return result
    with tempfile.TemporaryDirectory() as folder:
        data = str(Path(folder) / "perf.data")
        recorder = subprocess.Popen(
            [perf, "record", "-q", "-F", _PERF_HZ, "--call-graph", "dwarf,16384",
             "-p", str(os.getpid()), "-o", data],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.5)  # let perf attach
        result["stages_cpu_ms_per_article"] = _rounds(pipeline, parsed, rounds)
        recorder.send_signal(signal.SIGINT)
        recorder.wait()
        script = subprocess.run([perf, "script", "-i", data, "-F", "ip,sym,dso"],
                                capture_output=True, text=True, check=True).stdout
    result["perf"] = _classify(script)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    print(json.dumps(run(args.corpus, args.articles, args.rounds), indent=1))


if __name__ == "__main__":
    main()
