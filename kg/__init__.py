"""kg: turn news articles into an event timeline knowledge graph."""

from __future__ import annotations
