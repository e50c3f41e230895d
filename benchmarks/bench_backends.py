"""Compare every read command of `kg` on the embedded store, an Oxigraph server and a Virtuoso
server holding the same articles, and time them.

The articles are a JSON Lines file or a folder, or (without one) `--articles N` synthetic
articles of `benchmarks.corpus`. They are ingested into an embedded store by `kg ingest`; the
servers (started here on 127.0.0.1, as the tests start them) get the same graphs by `kg ingest`
too with `--ingest`, else by the remote store's batched, verified load of the embedded store's
N-Quads (the path `kg ingest` takes, without extracting three times). Then every command of
`tests/store/_commands.py` runs on each backend and its answer is compared with the embedded
store's: identical, or the first line that differs.

    .venv/bin/python -m benchmarks.bench_backends --input articles.jsonl --work /tmp/bb
    .venv/bin/python -m benchmarks.bench_backends --articles 300 --max-rows 1000
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import corpus
from benchmarks._measure import ROOT
from tests.conftest import free_port, start_oxigraph, start_virtuoso, stop_oxigraph
from tests.store._commands import (
    RDF_FORMATS,
    arguments,
    commands,
    comparable,
    copy_graphs,
    differences,
)

KG = str(Path(sys.executable).parent / "kg")


def kg(before: list[str], store: list[str], *args: str, check: bool = True) -> str:
    """Run `kg BEFORE ARGS STORE`; return stdout (a failure: its exit code and last error line),
    or with `check` raise on a failure."""
    done = subprocess.run([KG, *before, *args, *store], capture_output=True, text=True,
                          timeout=3600, cwd=ROOT)
    if done.returncode:
        error = f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1:]}"
        if check:
            raise RuntimeError(f"kg {' '.join(args)}: {error}")
        return error
    return done.stdout


def _slow(command: tuple[str, ...]) -> bool:
    """Tell whether a command reads the whole store (validate, an RDF export)."""
    return command[0] == "validate" or (command[0] == "export" and command[-1] in RDF_FORMATS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path,
                        help="articles: a JSON Lines file or a folder (else synthetic ones)")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-backends"))
    parser.add_argument("--max-rows", type=int, default=10_000,
                        help="Virtuoso's ResultSetMaxRows (its default: 10,000)")
    parser.add_argument("--ingest", action="store_true", help="kg ingest into the servers too")
    parser.add_argument("--embedded", type=Path,
                        help="an embedded store already holding the articles (only read)")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    parser.add_argument("--servers", nargs=2, metavar=("OXIGRAPH_URL", "VIRTUOSO_URL"),
                        help="servers already running and holding the articles (with "
                             "--embedded): compare only")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    source = args.input
    if source is None:
        source = args.work / "articles.jsonl"
        corpus.write(source, args.articles)
    embedded = args.embedded or args.work / "embedded"
    if args.embedded is None:
        started = time.perf_counter()
        kg([], ["--store", str(embedded)], "ingest", str(source), "--no-progress")
        print(f"embedded ingest: {time.perf_counter() - started:.0f} s", flush=True)
    servers = []
    if args.servers:
        ox_url, vi_url = args.servers
    else:
        ox_port, vi_port = free_port(), free_port()
        ox_url, vi_url = f"http://127.0.0.1:{ox_port}", f"http://127.0.0.1:{vi_port}"
        servers = [start_oxigraph(args.work / "oxigraph", ox_port),
                   start_virtuoso(args.work / "virtuoso", vi_port, free_port(), args.max_rows)]
    targets = {
        "embedded": ([], ["--store", str(embedded)]),
        "oxigraph": (["--server", "oxigraph"], ["--store", ox_url]),
        "virtuoso": (["--server", "virtuoso", "--max-rows", str(args.max_rows)],
                     ["--store", vi_url]),
    }
    results: dict[str, object] = {"source": str(source), "max_rows": args.max_rows}
    try:
        for name in () if args.servers else ("oxigraph", "virtuoso"):
            before, store = targets[name]
            started = time.perf_counter()
            if args.ingest:
                kg(before, store, "ingest", str(source), "--no-progress")
            else:
                copy_graphs(embedded, store[1], name,
                            args.max_rows if name == "virtuoso" else None)
            results[f"{name} load s"] = round(time.perf_counter() - started, 1)
            print(f"{name} {'ingest' if args.ingest else 'load'}: "
                  f"{results[f'{name} load s']} s", flush=True)
        picked = arguments(lambda *a: kg([], targets["embedded"][1], *a))
        answers: dict[str, dict[tuple[str, ...], object]] = {name: {} for name in targets}
        timings: dict[str, dict[str, float]] = {name: {} for name in targets}
        # each command on every backend in turn, reported as it ends; the slowest (validate,
        # the RDF exports: the whole store) last
        for command in sorted(commands(picked), key=_slow):
            line = []
            for name, (before, store) in targets.items():
                started = time.perf_counter()
                out = kg(before, store, *command, check=False)
                timings[name][" ".join(command)] = round(time.perf_counter() - started, 2)
                answers[name][command] = comparable(command, out)
                line.append(f"{name} {timings[name][' '.join(command)]:7.1f} s")
            wrong = [name for name in ("oxigraph", "virtuoso") if differences(
                {command: answers[name][command]}, {command: answers["embedded"][command]})]
            print(f"{'same' if not wrong else 'DIFF ' + ','.join(wrong):<10} {'  '.join(line)}"
                  f"  kg {' '.join(command)[:90]}", flush=True)
        for name in ("oxigraph", "virtuoso"):
            wrong = differences(answers[name], answers["embedded"])
            results[f"{name} differs"] = wrong
            print(f"{name}: {len(answers['embedded']) - len(wrong)} of "
                  f"{len(answers['embedded'])} commands give the embedded store's answer")
            for line in wrong:
                print("  ", line)
        results["timings"] = timings
        for name in targets:
            print(f"{name}: validate {timings[name]['validate']} s, export nquads "
                  f"{timings[name]['export --format nquads']} s, all commands "
                  f"{sum(timings[name].values()):.0f} s")
    finally:
        for process in servers:
            stop_oxigraph(process)
    if args.out:
        args.out.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
