"""Run every benchmark in one go and print the results table (Markdown) and JSON.

    python -m benchmarks.run            # full: 2,000 articles, 10,000 for memory, >=1M triples
    python -m benchmarks.run --quick    # a few minutes: 300 articles, 1,000 for memory

Each configuration runs in its own fresh process; articles/s are steady rates over slices of one
run (min / median / max over the slices, the warm-up slice dropped), wall times include loading
the model and the gazetteers.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import corpus
from benchmarks._measure import child, machine, spread, steady, windows

SLICES = 5


def _ingest(corpus_path: Path, kind: str, jobs: int, store: Path | None) -> dict[str, object]:
    args = ["one", "--kind", kind, "--jobs", str(jobs), "--corpus", str(corpus_path)]
    if store is not None:
        args += ["--store", str(store)]
    result = child("benchmarks.bench_ingest", *args)
    done = result.pop("done")
    assert isinstance(done, list)
    result["rate"] = {"steady": steady(done, SLICES), **spread(windows(done, SLICES))}
    result["wall_rate"] = len(done) / float(result["wall"])  # type: ignore[arg-type]
    return result


def run(quick: bool, work: Path, nprocess: bool) -> dict[str, object]:
    """Run the benchmarks with files under `work`; return every measurement."""
    articles = 300 if quick else 2000
    memory_articles = 1000 if quick else 10000
    main_corpus = corpus.write(work / f"corpus-{articles}.jsonl", articles, seed=7)
    memory_corpus = corpus.write(work / f"memory-{memory_articles}.jsonl", memory_articles,
                                 seed=11, sentences=6)
    results: dict[str, object] = {"date": datetime.now(UTC).isoformat(timespec="minutes"),
                                  "machine": machine(), "quick": quick,
                                  "corpus_articles": articles,
                                  "memory_articles": memory_articles}
    runs: dict[str, dict[str, object]] = {}
    began = time.perf_counter()
    runs["phases"] = child("benchmarks.bench_phases", "--corpus", str(main_corpus),
                           "--articles", "150")
    for jobs in (1, 2):
        runs[f"spacy-{jobs}"] = _ingest(main_corpus, "spacy", jobs, None)
        store = work / f"store-kg-{jobs}"
        shutil.rmtree(store, ignore_errors=True)
        runs[f"kg-{jobs}"] = _ingest(main_corpus, "kg", jobs, store)
    if nprocess:
        store = work / "store-nprocess"
        shutil.rmtree(store, ignore_errors=True)
        runs["kg-nprocess-2"] = _ingest(main_corpus, "kg-nprocess", 2, store)
        shutil.rmtree(store, ignore_errors=True)
    store = work / "store-memory"
    shutil.rmtree(store, ignore_errors=True)
    runs["memory"] = _ingest(memory_corpus, "kg", 1, store)
    shutil.rmtree(store, ignore_errors=True)
    runs["store"] = child("benchmarks.bench_store", "--store", str(work / "store-kg-2"),
                          "--repeats", "5" if quick else "15")
    runs["startup"] = child("benchmarks.bench_startup", "--work", str(work),
                            "--runs", "5" if quick else "15")
    results["runs"] = runs
    results["seconds"] = time.perf_counter() - began
    return results


def _median(run: object) -> float:
    assert isinstance(run, dict)
    return float(run["rate"]["steady"])


def table(results: dict[str, object]) -> str:
    """Render the headline table as Markdown."""
    runs = results["runs"]
    assert isinstance(runs, dict)
    rows = ["| what | measured | target | met |", "|---|---|---|---|"]
    spacy1, kg1, spacy2, kg2 = (runs[k] for k in ("spacy-1", "kg-1", "spacy-2", "kg-2"))

    def rate(run: dict[str, object]) -> str:
        r = run["rate"]
        assert isinstance(r, dict)
        return (f"{r['steady']:.1f} art/s (slices {r['min']:.1f} / {r['median']:.1f} / "
                f"{r['max']:.1f})")

    ratio1 = _median(kg1) / _median(spacy1)
    ratio2 = _median(kg2) / _median(spacy2)
    rows.append(f"| kg ingest / nlp.pipe, 1 process | {ratio1:.2f} ({rate(kg1)} vs "
                f"{rate(spacy1)}) | >= 0.80 | {'yes' if ratio1 >= 0.8 else 'no'} |")
    rows.append(f"| kg ingest / nlp.pipe, 2 processes | {ratio2:.2f} ({rate(kg2)} vs "
                f"{rate(spacy2)}) | >= 0.80 | {'yes' if ratio2 >= 0.8 else 'no'} |")
    scale = _median(kg2) / _median(kg1)
    spacy_scale = _median(spacy2) / _median(spacy1)
    rows.append(f"| kg ingest --jobs 2 / --jobs 1 | {scale:.2f}x (spaCy itself: "
                f"{spacy_scale:.2f}x) | >= 1.7x | {'yes' if scale >= 1.7 else 'no'} |")
    memory = runs["memory"]
    assert isinstance(memory, dict)
    samples = memory["memory"]
    assert isinstance(samples, list)
    peak = float(memory["rss_peak"]) / 2**30
    first, middle, last = samples[0], samples[len(samples) // 2], samples[-1]
    pooled = float(kg2["rss_peak"]) / 2**30
    rows.append(f"| peak memory, {results['memory_articles']:,} articles, --jobs 1 | "
                f"{peak:.2f} GiB; {first[1] / 2**30:.2f} GiB at {first[0]:,}, "
                f"{middle[1] / 2**30:.2f} at {middle[0]:,}, {last[1] / 2**30:.2f} at "
                f"{last[0]:,} (--jobs 2, all processes: {pooled:.2f} GiB) | flat, < 1.5 GiB | "
                f"{'yes' if peak < 1.5 else 'no'} |")
    store = runs["store"]
    assert isinstance(store, dict)
    whole, subset = store["whole"], store["subset"]
    for part in (subset, whole):
        ox_ms = part["oxigraph_ms"]
        line = (f"| timeline query, {int(part['triples']):,} triples, embedded on disk | "
                f"median {ox_ms['median']:.1f} ms ({ox_ms['min']:.1f}-{ox_ms['max']:.1f}), "
                f"{part['rows']} rows")
        if part is subset:
            rdf_ms = part["rdflib_ms"]
            line += (f"; rdflib in memory {rdf_ms['median']:.0f} ms "
                     f"({part['speedup_vs_rdflib']:.0f}x)")
        rows.append(f"{line} | <= 20 ms | {'yes' if ox_ms['median'] <= 20 else 'no'} |")
    for part in (subset, whole):
        user_ms = part["timeline_ms"]
        rows.append(f"| kg timeline --actor NAME --from --to, {int(part['triples']):,} triples "
                    f"(name found in any case, then {part['rows']} entries read) | median "
                    f"{user_ms['median']:.0f} ms ({user_ms['min']:.0f}-{user_ms['max']:.0f}) | "
                    f"< 1 s | {'yes' if user_ms['median'] < 1000 else 'no'} |")
    export = subset["export"]
    secs, ratios = export["seconds"], export["ratio_to_native_dump"]
    rows.append(f"| export {int(subset['triples']):,} triples | N-Quads {secs['nquads']:.1f} s "
                f"(native dump, 1.0), TriG {secs['trig']:.1f} s ({ratios['trig']:.2f}), Turtle "
                f"{secs['turtle']:.1f} s ({ratios['turtle']:.2f}) | reported | yes |")
    rows.extend(startup_rows(runs["startup"]))
    return "\n".join(rows)


def startup_rows(startup: object) -> list[str]:
    """Render `kg stats` and `kg timeline --actor` against the floor of reading a store."""
    assert isinstance(startup, dict)
    floor = startup["floor_ms"]["median"]
    rows = []
    for name, label in (("stats", "kg stats"), ("timeline", "kg timeline --actor NAME")):
        ms, ratio = startup[f"{name}_ms"], startup[f"{name}_ratio"]
        rows.append(f"| {label}, {int(startup['triples']):,} triples, whole process | "
                    f"{ratio:.2f}x of python -c 'import pyoxigraph, rdflib' (median "
                    f"{ms['median']:.0f} ms, {ms['min']:.0f}-{ms['max']:.0f}; floor "
                    f"{floor:.0f} ms) | <= 2x | {'yes' if ratio <= 2 else 'no'} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--nprocess", action="store_true",
                        help="also measure spaCy's n_process with stages in the parent")
    parser.add_argument("--work", type=Path, help="folder for corpora and stores (kept)")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    results = run(args.quick, work, args.nprocess)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), "utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
