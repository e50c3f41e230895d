"""Tests for notebooks/: each notebook runs top to bottom in a real kernel (nbclient) on a
throwaway store and leaves data/ untouched; the walk-through, exported to HTML (nbconvert), shows
its three kinds of chart with the marks the library gives for data/, and renders in a headless
Chromium with the network shut off."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from kg import display, timeline
from kg.config import Settings
from kg.extract import Pipeline
from kg.ingest import ingest
from kg.query import run_named
from kg.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WALKTHROUGH = ROOT / "notebooks" / "walkthrough.ipynb"
PLOTLY = "application/vnd.plotly.v1+json"
_RUNS: dict[Path, tuple[nbformat.NotebookNode, dict[str, str], dict[str, str]]] = {}


def _fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(path: Path) -> tuple[nbformat.NotebookNode, dict[str, str], dict[str, str]]:
    """Execute a notebook once per test session: the notebook, and data/ before and after."""
    if path not in _RUNS:
        before = _fingerprint(ROOT / "data")
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()  # raises CellExecutionError on the first failing cell
        _RUNS[path] = (notebook, before, _fingerprint(ROOT / "data"))
    return _RUNS[path]


def _outputs(notebook: nbformat.NotebookNode) -> list[Any]:
    return [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]


def _figures(notebook: nbformat.NotebookNode) -> dict[str, dict[str, Any]]:
    """Return the plotly figures the notebook shows, by the first line of their title."""
    figures = [out["data"][PLOTLY] for out in _outputs(notebook) if PLOTLY in out.get("data", {})]
    return {figure["layout"]["title"]["text"].split("<br>")[0]: figure for figure in figures}


def _marks(figure: dict[str, Any], kind: str) -> list[Any]:
    return [mark for trace in figure["data"] if trace["type"] == kind for mark in trace["y"]]


def test_notebook_folder_has_notebooks() -> None:
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_outputs_are_stripped(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path: Path) -> None:
    notebook, before, after = _run(path)
    outputs = _outputs(notebook)
    assert not [out for out in outputs if out.output_type == "error"]
    assert [out for out in outputs if "text/html" in out.get("data", {})]
    assert after == before


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[Store]:
    """data/ as the walk-through ingests it, read by the library in this process."""
    settings = Settings(store="oxigraph", store_path=str(tmp_path_factory.mktemp("store")))
    with open_store(settings) as opened:
        ingest([ROOT / "data"], opened, settings=settings, pipeline=pipeline, identity=True)
        yield opened


@pytest.mark.slow
def test_walkthrough_timeline_charts_mark_every_entry(store: Store) -> None:
    figures = _figures(_run(WALKTHROUGH)[0])
    everything = timeline.timeline(store)
    by_type = figures["All events, by type"]
    marks = _marks(by_type, "bar") + _marks(by_type, "scatter")
    assert len(marks) == len(everything.entries) > 0
    assert len(_marks(by_type, "scatter")) == sum(
        1 for e in everything.entries if e.when and e.when.latest in (None, e.when.earliest))
    lanes = {label.rsplit(" (", 1)[0] for label in by_type["layout"]["yaxis"]["ticktext"]}
    assert lanes == {e.type for e in everything.entries}
    window = timeline.between(everything, date(2019, 8, 15), date(2019, 8, 25))
    by_actor = figures[window.title]
    assert len(_marks(by_actor, "bar") + _marks(by_actor, "scatter")) == len(window.entries)
    hovers = [h for trace in by_actor["data"] for h in trace["hovertext"]]
    assert sum("<b>" in h and "“" in h for h in hovers) == sum(
        1 for e in window.entries if e.sentence is not None)  # each mark quotes its sentence


@pytest.mark.slow
def test_walkthrough_network_names_actors_and_colours_kinds(store: Store) -> None:
    network = _figures(_run(WALKTHROUGH)[0])["Who acted on whom, who spoke about whom"]
    kinds = display.actor_kinds(run_named(store, "list_actors"))
    names = {str(row["name"]): kinds.get(str(row["actor"]), display.UNKNOWN)
             for row in run_named(store, "list_actors").records()}
    for actor, (_, name) in display.canonical_map(display.canonical_actors(store)).items():
        names.setdefault(name, kinds.get(actor, display.UNKNOWN))  # a canonical name
    nodes = [(trace["name"], text) for trace in network["data"]
             if trace["mode"] == "markers+text" for text in trace["text"]]
    assert nodes and all(names[text].replace("_", " ") == kind for kind, text in nodes)
    assert not [text for _, text in nodes if "/" in text]  # names, never ids
    widths = [trace["line"]["width"] for trace in network["data"] if trace["mode"] == "lines"]
    assert len(set(widths)) > 1  # edges weighed by their number of events


@pytest.mark.slow
def test_walkthrough_map_places_located_events(store: Store) -> None:
    places = _figures(_run(WALKTHROUGH)[0])["Where the events happened"]
    located = display.spots(run_named(store, "list_places"))
    everything = timeline.timeline(store)
    at = {e.place.name for e in everything.all if e.place and e.place.iri in located}
    dots = {text for trace in places["data"]
            if trace["name"] not in (display.OTHER_PLACES, display.COUNTRIES)
            for text in trace["text"]}
    assert dots == at and at
    assert all(trace["type"] == "scattergeo" for trace in places["data"])


@pytest.mark.slow
def test_walkthrough_html_renders_its_charts_offline(tmp_path: Path) -> None:
    notebook = _run(WALKTHROUGH)[0]
    shown = len(_figures(notebook))
    page, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    charts = [out["data"]["text/html"] for out in _outputs(notebook)
              if PLOTLY in out.get("data", {})]
    assert len(charts) == shown >= 4 and page.count('class="plotly-graph-div"') == shown
    assert not [c for c in charts if re.search(r"<script[^>]+src=", c)]  # nothing to fetch
    assert page.count("plotly.js v") >= 1  # the library itself is written into the page
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("no Chromium to render the page")
    (tmp_path / "walkthrough.html").write_text(page, encoding="utf-8")
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu",
         "--proxy-server=http://127.0.0.1:9",  # the network is shut off
         "--virtual-time-budget=20000", "--dump-dom", (tmp_path / "walkthrough.html").as_uri()],
        capture_output=True, text=True, timeout=300, check=True).stdout
    assert dom.count('class="main-svg"') >= 2 * shown  # plotly drew each chart
    assert 'class="geolayer"' in dom and 'class="trace scattergeo"' in dom  # the map
