"""Benchmark the commands that answer from the store without extracting, as whole processes.

`kg stats` and `kg timeline --actor NAME` on an embedded store of about 250,000 triples, each
timed from start to exit (interpreter start, imports, opening the store, the answer), against the
floor of any Python program that reads such a store: `python -c "import pyoxigraph, rdflib"`.
The three run in turn (floor, stats, timeline, floor, ...) so a drift of the machine's speed
touches all of them; the figures are medians over the runs, and the ratios are medians over
ratios of one round's runs.

    python -m benchmarks.bench_startup --work DIR [--runs 15] [--triples 250000]

The store is built once with `kg ingest` from the benchmark corpus and kept in DIR.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from benchmarks import corpus
from benchmarks._measure import spread

ACTOR = "Vladimir Putin"  # an actor of the corpus (benchmarks.corpus.PEOPLE)
TRIPLES_PER_ARTICLE = 1900  # about, with the corpus defaults; only sizes the first try


def _kg() -> list[str]:
    """The `kg` command of this interpreter: its console script, else `python -m kg`."""
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg"]


def _count(store: Path) -> int:
    found = ox.Store.read_only(str(store))
    return len(found)


def build(work: Path, triples: int) -> tuple[Path, int]:
    """Return an embedded store of at least `triples` triples under `work` (built once)."""
    articles = max(1, -(-triples // TRIPLES_PER_ARTICLE))
    store = work / f"store-startup-{triples}"
    done = store / "built"
    if done.exists():
        return store, int(done.read_text("utf-8"))
    shutil.rmtree(store, ignore_errors=True)
    source = corpus.write(work / f"startup-{articles}.jsonl", articles, seed=13)
    subprocess.run([*_kg(), "ingest", str(source), "--store", str(store), "--no-progress"],
                   check=True, capture_output=True)
    count = _count(store)
    done.write_text(str(count), "utf-8")
    return store, count


def _wall(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def run(work: Path, runs: int, triples: int) -> dict[str, object]:
    store, count = build(work, triples)
    commands = {
        "floor": [sys.executable, "-c", "import pyoxigraph, rdflib"],
        "stats": [*_kg(), "stats", "--store", str(store)],
        "timeline": [*_kg(), "timeline", "--actor", ACTOR, "--store", str(store)],
    }
    for command in commands.values():  # warm the file cache; not counted
        _wall(command)
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            seconds[name].append(_wall(command))
    floor = seconds["floor"]
    result: dict[str, object] = {"triples": count, "runs": runs, "actor": ACTOR,
                                 "floor_command": "python -c 'import pyoxigraph, rdflib'"}
    for name in commands:
        result[f"{name}_ms"] = spread([s * 1000 for s in seconds[name]])
    for name in ("stats", "timeline"):
        ratios = [a / b for a, b in zip(seconds[name], floor, strict=True)]
        result[f"{name}_ratio"] = statistics.median(ratios)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", type=Path, required=True, help="folder for the corpus and store")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--triples", type=int, default=250_000)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(json.dumps(run(args.work, args.runs, args.triples)))


if __name__ == "__main__":
    main()
