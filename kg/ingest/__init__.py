"""The write path: read articles, extract them in batches (one process, worker processes or a
Dask cluster), and store one named graph per article, or write N-Quads shards for a bulk loader.

- `batches`: `ingest`, `extract` and `shard`, the entry points;
- `workers`: extraction in worker processes, with the parent as the one writer;
- `distributed`: the same pipeline on a Dask cluster;
- `shards`: N-Quads shard files;
- `progress`: the progress bar and its estimate.
"""

from __future__ import annotations

from kg.ingest.batches import IngestSummary, extract, ingest, shard

__all__ = ["IngestSummary", "extract", "ingest", "shard"]
