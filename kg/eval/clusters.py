"""Cross-document event clusters scored against gold cross-document event coreference.

The gold is a SemEval-2015 TimeLine corpus folder as `/work/shared/eval` keeps it: `docs.jsonl`
(the articles) and `gold.json` (each target entity's timeline; one line of a timeline lists the
coreferent mentions of one event, across documents). The articles are ingested into a fresh
store the way `kg ingest` does (identity and event clusters included); each gold mention's
predicted cluster is the event cluster (`kg.identity.events`) of the kg event whose trigger
overlaps it (the event alone if it is in no cluster; the mention alone if no event overlaps it).

Scores: B-cubed precision, recall and F1 over the gold mentions (Bagga & Baldwin 1998), and
precision and recall of the cross-document links (pairs of gold mentions in two documents that
one cluster holds), the links an event-cluster layer is there to make.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from kg.errors import ArticleFormatError
from kg.extract.pipeline import Pipeline
from kg.ingest.batches import ingest
from kg.store import OxigraphStore
from kg.timeline import timeline

Mention = tuple[str, int, int]  # document id, start, end


class ClusterScore(BaseModel):
    """Cross-document event clustering of one corpus against its gold coreference."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    corpus: str
    mentions: int  # gold event mentions
    found: int  # of them, overlapped by a kg event
    gold_links: int  # cross-document pairs of coreferent gold mentions
    predicted_links: int  # cross-document pairs of gold mentions one kg cluster holds
    correct_links: int
    clusters: int  # kg event clusters with two reports or more
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float

    @property
    def link_precision(self) -> float:
        return self.correct_links / self.predicted_links if self.predicted_links else 0.0

    @property
    def link_recall(self) -> float:
        return self.correct_links / self.gold_links if self.gold_links else 0.0


def is_timeline_corpus(folder: Path) -> bool:
    """Tell whether a folder holds a TimeLine corpus (docs.jsonl and gold.json with timelines)."""
    return (folder / "gold.json").is_file() and (folder / "docs.jsonl").is_file()


def timeline_corpora(folders: list[Path]) -> list[Path]:
    """Return the TimeLine corpus folders among some folders and their subfolders."""
    found = []
    for folder in folders:
        candidates = [folder, *sorted(p for p in folder.iterdir() if p.is_dir())] \
            if folder.is_dir() else []
        found += [c for c in candidates if is_timeline_corpus(c)]
    return found


def gold_clusters(folder: Path) -> list[set[Mention]]:
    """Read the gold events of a TimeLine corpus as sets of coreferent mentions; lines of two
    timelines that share a mention are one event.

    Raises:
        ArticleFormatError: If gold.json is not the expected shape.
    """
    path = folder / "gold.json"
    try:
        # a mention the converter could not locate (a typo in the gold) has no offsets
        lines = [{(str(m["doc"]), int(m["start"]), int(m["end"])) for m in event["mentions"]
                  if "start" in m}
                 for line in json.loads(path.read_text("utf-8"))["timelines"]
                 for event in line["events"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise ArticleFormatError(str(path), f"not a TimeLine gold file ({exc!r})") from exc
    merged: list[set[Mention]] = []
    for line in filter(None, lines):
        joined = [group for group in merged if group & line]
        for group in joined:
            merged.remove(group)
            line |= group
        merged.append(line)
    return merged


def score_clusters(folder: Path, *, pipeline: Pipeline) -> ClusterScore:
    """Ingest a TimeLine corpus into a fresh store and score its event clusters."""
    gold = gold_clusters(folder)
    with tempfile.TemporaryDirectory(prefix="kg-eval-clusters-") as tmp, \
            OxigraphStore(Path(tmp) / "store") as store:
        ingest([str(folder / "docs.jsonl")], store, settings=pipeline.settings,
               pipeline=pipeline, identity=True)
        entries = timeline(store, factuality=None).all
    events: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    clusters: dict[str, int] = defaultdict(int)
    for entry in entries:
        events[entry.article.id].append((entry.trigger_start, entry.trigger_end,
                                         entry.cluster or entry.iri))
        if entry.cluster is not None:
            clusters[entry.cluster] = entry.reports
    gold_of = {m: i for i, group in enumerate(gold) for m in group}
    predicted: dict[Mention, str] = {}
    for mention in gold_of:
        doc, start, end = mention
        hits = sorted((min(end, e) - max(start, s), c) for s, e, c in events.get(doc, ())
                      if s < end and start < e)
        predicted[mention] = hits[-1][1] if hits else f"none/{doc}/{start}"
    found = sum(1 for m in gold_of if not predicted[m].startswith("none/"))
    return _score(folder.name, gold_of, predicted, found,
                  sum(1 for n in clusters.values() if n > 1))


def _score(corpus: str, gold: dict[Mention, int], predicted: dict[Mention, str], found: int,
           clusters: int) -> ClusterScore:
    by_gold: dict[int, set[Mention]] = defaultdict(set)
    by_pred: dict[str, set[Mention]] = defaultdict(set)
    for mention in gold:
        by_gold[gold[mention]].add(mention)
        by_pred[predicted[mention]].add(mention)
    precision = sum(len(by_gold[gold[m]] & by_pred[predicted[m]]) / len(by_pred[predicted[m]])
                    for m in gold) / len(gold) if gold else 0.0
    recall = sum(len(by_gold[gold[m]] & by_pred[predicted[m]]) / len(by_gold[gold[m]])
                 for m in gold) / len(gold) if gold else 0.0
    pairs = [(a, b) for a, b in combinations(sorted(gold), 2) if a[0] != b[0]]
    gold_links = {p for p in pairs if gold[p[0]] == gold[p[1]]}
    pred_links = {p for p in pairs if predicted[p[0]] == predicted[p[1]]}
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ClusterScore(corpus=corpus, mentions=len(gold), found=found,
                        gold_links=len(gold_links), predicted_links=len(pred_links),
                        correct_links=len(gold_links & pred_links), clusters=clusters,
                        bcubed_precision=precision, bcubed_recall=recall, bcubed_f1=f1)


def render_clusters(score: ClusterScore) -> str:
    """Return a cluster score as report lines."""
    return (f"{score.corpus}: cross-document event clusters ({score.clusters} with 2+ reports)\n"
            f"  gold mentions {score.mentions}, found by a kg event {score.found}\n"
            f"  bcubed        P {score.bcubed_precision:.3f}  R {score.bcubed_recall:.3f}  "
            f"F1 {score.bcubed_f1:.3f}\n"
            f"  cross-doc links  gold {score.gold_links}  predicted {score.predicted_links}  "
            f"correct {score.correct_links}  P {score.link_precision:.3f}  "
            f"R {score.link_recall:.3f}")
