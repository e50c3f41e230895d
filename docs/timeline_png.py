"""Redraw docs/timeline.png, the timeline chart the README shows: the sample articles in data/
ingested into a throwaway store, charted by event type, screenshot by a headless Chromium with
the network shut off (the page carries plotly.js itself).

    .venv/bin/python docs/timeline_png.py
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import plotly.io as pio

from kg import display, timeline
from kg.config import Settings
from kg.ingest import ingest
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1000, 880


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("no chromium on PATH; the README's set-up command installs it")
    with tempfile.TemporaryDirectory(prefix="kg-docs-") as folder:
        settings = Settings(store="oxigraph", store_path=str(Path(folder) / "store"))
        with open_store(settings) as store:
            ingest([ROOT / "data"], store, settings=settings)
            everything = timeline.timeline(store)
        figure = display.timeline_chart(everything, group_by="type", max_groups=8,
                                        title="The sample articles, by event type")
        figure.update_layout(width=WIDTH, height=HEIGHT)
        page = Path(folder) / "timeline.html"
        pio.write_html(figure, page, include_plotlyjs=True, config={"displayModeBar": False})
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                        "--hide-scrollbars", "--proxy-server=http://127.0.0.1:9",
                        "--virtual-time-budget=8000", f"--window-size={WIDTH},{HEIGHT}",
                        f"--screenshot={ROOT / 'docs' / 'timeline.png'}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)


if __name__ == "__main__":
    main()
