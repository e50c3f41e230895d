"""Shared helpers for the benchmarks: summary statistics, memory sampling, child runs."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import psutil

from kg.model import Article, Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.extract import Pipeline

ROOT = Path(__file__).resolve().parent.parent


def spread(values: Sequence[float]) -> dict[str, float]:
    """Return min / median / max of some measurements."""
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def rss_total() -> int:
    """Return the resident memory of this process and all its children, in bytes."""
    me = psutil.Process()
    total = me.memory_info().rss
    for child in me.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


@dataclass
class Clock:
    """Records when each article finished (seconds since `start`) and memory along the way."""

    start: float = field(default_factory=time.perf_counter)
    done: list[float] = field(default_factory=list)
    memory: list[tuple[int, int]] = field(default_factory=list)  # (articles, bytes)
    every: int = 250

    def __call__(self, count: int) -> None:
        now = time.perf_counter() - self.start
        while len(self.done) < count:
            self.done.append(now)
        if count % self.every == 0:
            self.memory.append((count, rss_total()))


class Peak:
    """Samples the memory of this process and its children in a thread; keeps the peak."""

    def __init__(self, every: float = 0.5) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)

    def _run(self, every: float) -> None:
        while not self._stop.wait(every):
            self.peak = max(self.peak, rss_total())

    def __enter__(self) -> Peak:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_total())


def windows(done: Sequence[float], parts: int) -> list[float]:
    """Return the articles/s of each of `parts` equal slices of the run, the first dropped.

    The first slice holds the warm-up (workers loading the model, first batch in flight), so the
    steady rate is measured on the others.
    """
    size = len(done) // parts
    rates = []
    for index in range(1, parts):
        begin, end = done[index * size - 1], done[(index + 1) * size - 1]
        rates.append(size / max(end - begin, 1e-9))
    return rates


def steady(done: Sequence[float], parts: int) -> float:
    """Return the articles/s after the first of `parts` slices (the warm-up), as one rate."""
    first = len(done) // parts - 1
    return (len(done) - 1 - first) / max(done[-1] - done[first], 1e-9)


def child(module: str, *args: str) -> dict[str, object]:
    """Run `python -m module args...` in a fresh process; return the JSON it prints last."""
    command = [sys.executable, "-m", module, *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> dict[str, object]:
    """Describe the machine the numbers come from."""
    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "system": platform.platform(),
        "load_average_at_start": os.getloadavg(),
    }


def timed_stages(pipeline: Pipeline, parsed: Iterable[tuple[Article, Doc]],
                 spent: dict[str, float]) -> Iterator[Extraction]:
    """Apply the pipeline's stages to parsed articles, yielding each extraction and adding the
    seconds each stage takes to `spent["stage <name>"]` (the loop both phase benchmarks time)."""
    for article, doc in parsed:
        extraction = Extraction(article=article, run=pipeline.run_info)
        for name, stage in pipeline.stages:
            began = time.perf_counter()
            extraction = stage(extraction, doc)
            spent[f"stage {name}"] = spent.get(f"stage {name}", 0.0) + time.perf_counter() - began
        yield extraction
