"""Tests for kg.ingest.distributed on a real local Dask cluster (scheduler and worker processes)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client
from typer.testing import CliRunner

from kg.cli import app
from kg.config import Settings
from kg.errors import KGError, StoreError
from kg.ingest import distributed as distributed_module
from kg.ingest.batches import ingest
from kg.ingest.distributed import ClusterError, run
from kg.query import run_named
from kg.rdf import graph_iri, is_article_graph, provenance_iri
from kg.store import MemoryStore, OxigraphStore, RemoteStore, open_store
from tests.conftest import TEST_DATA, free_port

BATCH = TEST_DATA / "batch.jsonl"
IDS = [json.loads(line)["id"] for line in BATCH.read_text("utf-8").splitlines()]
SETTINGS = Settings(batch_size=2)

pytestmark = pytest.mark.slow


def _dask() -> str:
    beside = Path(sys.executable).parent / "dask"
    found = str(beside) if beside.exists() else shutil.which("dask")
    assert found is not None, "the dask command ships with dask[distributed]"
    return found


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start a Dask scheduler and two single-threaded workers on 127.0.0.1; yield its address."""
    address = f"tcp://127.0.0.1:{free_port()}"
    port = address.rsplit(":", 1)[1]
    logs = tmp_path_factory.mktemp("dask")
    processes = [subprocess.Popen(
        [_dask(), "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
        stdout=subprocess.DEVNULL, stderr=(logs / "scheduler.log").open("wb"))]
    try:
        time.sleep(1)
        processes.append(subprocess.Popen(
            [_dask(), "worker", address, "--nthreads", "1", "--nworkers", "2", "--no-dashboard",
             "--memory-limit", "0", "--local-directory", str(logs)],
            stdout=subprocess.DEVNULL, stderr=(logs / "worker.log").open("wb")))
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            _stop(process)


def test_distributed_run_matches_local_ingest(scheduler: str, tmp_path: Path) -> None:
    local = MemoryStore()
    expected = ingest([str(BATCH)], local, settings=SETTINGS)
    spread = OxigraphStore(tmp_path / "store")
    summary = run([str(BATCH)], settings=SETTINGS, scheduler=scheduler, store=spread, partition=2)
    assert (summary.articles, summary.triples) == (expected.articles, expected.triples)
    assert spread.graphs() == local.graphs()
    articles = [g for g in spread.graphs() if is_article_graph(g)]
    assert articles == sorted(graph_iri(key) for key in IDS)
    again = run([str(BATCH)], settings=SETTINGS, scheduler=scheduler, store=spread)
    assert (again.articles, again.skipped) == (0, len(IDS))
    spread.close()


def test_distributed_run_refreshes_graphs_made_by_another_extractor_version(
        scheduler: str, tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    first = ingest([str(BATCH)], store, settings=SETTINGS)
    other = SETTINGS.model_copy(update={"disabled_rules": ("statements.cue.anything",)})
    kept = run([str(BATCH)], settings=other, scheduler=scheduler, store=store, partition=2,
               keep_stale=True)
    assert (kept.articles, kept.refreshed, kept.kept) == (0, 0, first.articles)
    refreshed = run([str(BATCH)], settings=other, scheduler=scheduler, store=store, partition=2)
    assert (refreshed.articles, refreshed.refreshed, refreshed.skipped) == (0, first.articles, 0)
    again = run([str(BATCH)], settings=other, scheduler=scheduler, store=store, partition=2)
    assert (again.refreshed, again.skipped) == (0, first.articles)
    store.close()


def test_distributed_run_streams_into_a_sparql_server(scheduler: str,
                                                      oxigraph_server: str) -> None:
    remote = RemoteStore(oxigraph_server)
    remote.update("DROP ALL", allow_update=True)
    summary = run([str(BATCH)], settings=SETTINGS, scheduler=scheduler, store=remote,
                  partition=3)
    assert summary.articles == len(IDS)
    # every triple is an article graph's but those of the provenance graphs (the runs' times)
    times = run_named(remote, "graph_counts", graph=tuple(provenance_iri(key) for key in IDS))
    extra = sum(int(n) for _, n in times.rows)  # type: ignore[call-overload]
    assert len(times.rows) == len(IDS) and remote.triples_count() == summary.triples + extra
    remote.close()


def test_distributed_workers_write_shards(scheduler: str, tmp_path: Path) -> None:
    out = tmp_path / "shards"
    summary = run([str(BATCH)], settings=SETTINGS, scheduler=scheduler, out=out, partition=4)
    names = sorted(path.name for path in out.glob("*.nq"))
    assert names == ["part-000000.nq", "part-000001.nq"]
    loaded = OxigraphStore(tmp_path / "loaded")
    for name in names:
        loaded.load_nquads((out / name).read_bytes(), [])
    assert loaded.triples_count() == summary.triples
    assert [g for g in loaded.graphs() if is_article_graph(g)] == sorted(graph_iri(key)
                                                                      for key in IDS)
    loaded.close()


@pytest.mark.parametrize("targets", [{}, {"store": "both"}])
def test_distributed_run_needs_one_target(targets: dict[str, str], tmp_path: Path) -> None:
    options: dict[str, object] = {}
    if targets:
        options = {"store": MemoryStore(), "out": tmp_path}
    with pytest.raises(StoreError):
        run([str(BATCH)], settings=SETTINGS, scheduler="tcp://127.0.0.1:1", **options)  # type: ignore[arg-type]


def test_cli_ingest_on_dask(scheduler: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(BATCH), "--engine", "dask", "--scheduler",
                                      scheduler, "--store", str(tmp_path / "s"), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"ingested {len(IDS)} articles" in result.output


def test_distributed_run_skips_an_article_over_its_time_budget(scheduler: str,
                                                               tmp_path: Path) -> None:
    slow = tmp_path / "turkey.txt"
    slow.write_text(("Turkey said " * 3_400).strip() + "\n", encoding="utf-8")
    settings = SETTINGS.model_copy(update={"article_seconds": 0.5})
    store = OxigraphStore(tmp_path / "store")
    errors: list[KGError] = []
    summary = run([str(BATCH), str(slow)], settings=settings, scheduler=scheduler, store=store,
                  partition=4, on_error=errors.append)
    assert (summary.articles, summary.failed) == (len(IDS), 1)
    assert [g for g in store.graphs() if is_article_graph(g)] == sorted(graph_iri(key)
                                                                        for key in IDS)
    assert str(errors[0]).endswith("extraction took longer than 0.5 s; skipped")
    store.close()


def test_distributed_unreachable_scheduler_is_one_line_error(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(distributed_module, "WORKER_WAIT", 2.0)
    address = f"tcp://127.0.0.1:{free_port()}"
    started = time.monotonic()
    result = CliRunner().invoke(app, ["ingest", str(BATCH), "--engine", "dask", "--scheduler",
                                      address, "--store", str(tmp_path / "s"), "--no-progress"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: cannot reach the Dask scheduler at {address}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert time.monotonic() - started < 30


def test_distributed_no_worker_left_fails_within_the_wait(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A scheduler without workers: the run ends with a ClusterError, not a hang."""
    monkeypatch.setattr(distributed_module, "WORKER_WAIT", 3.0)
    address = f"tcp://127.0.0.1:{free_port()}"
    process = subprocess.Popen(
        [_dask(), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
         "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        started = time.monotonic()
        with pytest.raises(ClusterError, match="no Dask worker left"):
            run([str(BATCH)], settings=SETTINGS, scheduler=address,
                store=open_store(tmp_path / "s"))
        assert time.monotonic() - started < 30
    finally:
        _stop(process)


def test_distributed_scheduler_killed_mid_run_is_one_line_error(tmp_path: Path) -> None:
    """The scheduler dies while articles are in flight: `kg ingest` ends with exit code 1 and
    one `error:` line naming the scheduler (the client's own log records kept off stderr),
    within the client's reconnect wait."""
    address = f"tcp://127.0.0.1:{free_port()}"
    logs = tmp_path / "dask"
    logs.mkdir()
    scheduler = subprocess.Popen(
        [_dask(), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
         "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen(
        [_dask(), "worker", address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
         "--memory-limit", "0", "--local-directory", str(logs)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with Client(address, timeout=60) as client:
            client.wait_for_workers(1, timeout=120)
        started = time.monotonic()
        killer = threading.Timer(2.0, scheduler.kill)  # the worker is still loading the model
        killer.start()
        result = CliRunner().invoke(app, ["ingest", str(BATCH), "--engine", "dask",
                                          "--scheduler", address, "--store",
                                          str(tmp_path / "s"), "--no-progress"])
        killer.join()
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: lost the Dask scheduler at {address}")
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert time.monotonic() - started < 120
    finally:
        _stop(worker)
        _stop(scheduler)
