"""The stages of two versions of kg side by side in one process, over the same parsed docs.

    python -m benchmarks.bench_stages_ab --base REV --corpus C.jsonl --articles 30 --rounds 10

For speed work on the stages, whose changes (a few tenths of a millisecond an article) are
smaller than the noise of whole-process or whole-round timings on a shared machine (two
identical trees timed as separate processes, least of 6 rounds each, differed by 1.2 ms in the
events stage). The package as of git revision `--base` is copied to a temporary folder as
`kgbase` (its imports and package resources renamed; its spaCy components re-exported from
`kg`, since spaCy registers a component factory once per process) and run beside the working
tree's `kg` over the same parsed docs: for each round and article both run every stage and the
JSON writing, in alternating order, with the garbage collector off, and each (article, stage)
keeps its least CPU time over the rounds; the sums are reported in ms per article, with the
difference, and whether both wrote the same JSON (the extractor hash aside). Two copies of one
tree differ by ~0.1-0.2 ms in all (`--base HEAD` with a clean tree).

`--collector` times instead what `kg extract` runs after the parse, with the garbage collector
on: each version's `Pipeline.apply` and JSON writing over all the docs (all held, as a parsed
batch is), CPU time of whole rounds in alternating order; the median and least of the rounds and
the median of the paired differences, in ms per article.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import io
import itertools
import json
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks._measure import ROOT

_IMPORT = re.compile(r"(^|[^A-Za-z0-9_\"':/-])kg\.([a-z_])", re.MULTILINE)


def _copy_base(revision: str, folder: Path) -> None:
    """Write the `kg` package of `revision` to `folder/kgbase`, renamed to `kgbase`."""
    archive = subprocess.run(["git", "archive", revision, "kg"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    (folder / "kg").rename(folder / "kgbase")
    for path in (folder / "kgbase").rglob("*.py"):
        text = _IMPORT.sub(r"\1kgbase.\2", path.read_text("utf-8"))
        text = re.sub(r"^import kg$", "import kgbase", text, flags=re.MULTILINE)
        text = text.replace("from kg import", "from kgbase import")
        text = text.replace('resources.files("kg', 'resources.files("kgbase')
        path.write_text(text, "utf-8")
    for path in (folder / "kgbase" / "extract" / "nlp").glob("*.py"):
        name = path.stem
        path.write_text("from kg.extract.nlp import *  # noqa: F403\n" if name == "__init__" else
                        f"from kg.extract.nlp import {name} as _m\n"
                        "globals().update({k: v for k, v in vars(_m).items()"
                        " if not k.startswith('__')})\n", "utf-8")


def _version(package: str, corpus: Path, count: int) -> tuple[Any, ...]:
    """Return one version's pipeline, record classes, JSON writer and articles."""
    config = importlib.import_module(f"{package}.config")
    extract = importlib.import_module(f"{package}.extract")
    model = importlib.import_module(f"{package}.model")
    export = importlib.import_module(f"{package}.export")
    articles = importlib.import_module(f"{package}.articles")
    pipeline = extract.Pipeline(config.Settings())
    items = [a for a in itertools.islice(articles.read_inputs([corpus]), count)
             if isinstance(a, model.Article)]
    return pipeline, model.Extraction, export.extraction_json, items


@contextlib.contextmanager
def _versions(base: str, corpus: Path, count: int
              ) -> Iterator[tuple[dict[str, tuple[Any, ...]], list[Any]]]:
    """Yield `base` (copied as a renamed package) and the working tree, each as `_version`
    gives it, and the articles' docs parsed once by the working tree's pipeline."""
    with tempfile.TemporaryDirectory() as folder:
        _copy_base(base, Path(folder))
        sys.path.insert(0, folder)
        versions = {"base": _version("kgbase", corpus, count),
                    "branch": _version("kg", corpus, count)}
        yield versions, [doc for _, doc in versions["branch"][0].parse_many(versions["branch"][3])]


def _once(version: tuple[Any, ...], n: int, doc: Any, best: dict[tuple[int, str], float]) -> str:
    pipeline, extraction_type, to_json, items = version
    extraction = extraction_type(article=items[n], run=pipeline.run_info)
    for name, stage in pipeline.stages:
        began = time.process_time()
        extraction = stage(extraction, doc)
        best[n, name] = min(best.get((n, name), float("inf")), time.process_time() - began)
    began = time.process_time()
    text: str = to_json(extraction)
    best[n, "json"] = min(best.get((n, "json"), float("inf")), time.process_time() - began)
    return text


def _same(first: str, second: str) -> bool:
    a, b = json.loads(first), json.loads(second)
    a["run"].pop("extractor", None)
    b["run"].pop("extractor", None)
    return bool(a == b)


def run(base: str, corpus: Path, count: int, rounds: int) -> dict[str, object]:
    """Time the stages of `base` and of the working tree; return ms per article of each."""
    with _versions(base, corpus, count) as (versions, docs):
        bests: dict[str, dict[tuple[int, str], float]] = {"base": {}, "branch": {}}
        same = True
        gc.disable()
        try:
            for r in range(rounds):
                for n, doc in enumerate(docs):
                    order = ["base", "branch"] if (r + n) % 2 == 0 else ["branch", "base"]
                    out = {label: _once(versions[label], n, doc, bests[label])
                           for label in order}
                    same = same and (r > 0 or _same(out["base"], out["branch"]))
                gc.enable()
                gc.collect()
                gc.disable()
        finally:
            gc.enable()
    result: dict[str, object] = {"base_revision": base, "articles": len(docs), "rounds": rounds,
                                 "same_output": same}
    for label, best in bests.items():
        sums: dict[str, float] = defaultdict(float)
        for (_, name), seconds in best.items():
            sums[name] += seconds
        sums["total"] = sum(sums.values())
        result[label] = {k: round(1000 * v / len(docs), 2) for k, v in sums.items()}
    old, new = result["base"], result["branch"]
    assert isinstance(old, dict) and isinstance(new, dict)
    result["delta"] = {k: round(new[k] - old[k], 2) for k in old}
    return result


def run_applied(base: str, corpus: Path, count: int, rounds: int) -> dict[str, object]:
    """Time `Pipeline.apply` and the JSON of `base` and of the working tree, collector on."""
    with _versions(base, corpus, count) as (versions, docs):
        spent: dict[str, list[float]] = {"base": [], "branch": []}
        for r in range(rounds):
            for label in ("base", "branch") if r % 2 == 0 else ("branch", "base"):
                pipeline, _, to_json, items = versions[label]
                began = time.process_time()
                for article, doc in zip(items, docs, strict=True):
                    to_json(pipeline.apply(article, doc))
                spent[label].append(1000 * (time.process_time() - began) / len(docs))
    paired = [new - old for old, new in zip(spent["base"], spent["branch"], strict=True)]
    return {"base_revision": base, "articles": len(docs), "rounds": rounds,
            **{label: {"median": round(statistics.median(times), 2),
                       "least": round(min(times), 2)} for label, times in spent.items()},
            "paired_difference_median": round(statistics.median(paired), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="HEAD", help="git revision to compare against")
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--collector", action="store_true",
                        help="time Pipeline.apply and JSON per round, garbage collector on")
    args = parser.parse_args()
    measure = run_applied if args.collector else run
    print(json.dumps(measure(args.base, args.corpus, args.articles, args.rounds), indent=1))


if __name__ == "__main__":
    main()
