"""Extraction: importing this package registers every stage module with the pipeline."""

from __future__ import annotations

from kg.extract.pipeline import REGISTRY, Pipeline, resolve

from . import actors, events, places, statements, times

__all__ = ["REGISTRY", "Pipeline", "actors", "events", "places", "resolve", "statements", "times"]
