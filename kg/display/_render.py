"""An offline plotly renderer for notebooks: plotly.js is written into the notebook once (as
plotly's own "notebook" renderer does) and each chart is HTML with no script from the network
(plotly's renderer adds MathJax from a CDN to every chart; these charts need no LaTeX)."""

from __future__ import annotations

from typing import Any

import plotly.io as pio
from plotly.io.base_renderers import NotebookRenderer

NAME = "kg_offline"
DEFAULT = f"plotly_mimetype+{NAME}"  # JupyterLab draws the figure; HTML exports show the chart


class OfflineRenderer(NotebookRenderer):  # type: ignore[misc]
    """plotly's notebook renderer without the MathJax download."""

    def to_mimebundle(self, fig_dict: dict[str, Any]) -> dict[str, str]:
        html = pio.to_html(fig_dict, config=self.config, auto_play=self.auto_play,
                           include_plotlyjs=False, include_mathjax=False, full_html=False,
                           animation_opts=self.animation_opts, default_width="100%",
                           default_height=525, validate=False)
        return {"text/html": html}


def use_offline_renderer() -> str:
    """Register the offline renderer and make it plotly's default; return the default's name."""
    pio.renderers[NAME] = OfflineRenderer()
    pio.renderers.default = DEFAULT
    return DEFAULT
