"""Cross-document event-cluster scoring (kg/eval/clusters.py): B-cubed and cross-document links
against gold coreference, and a TimeLine-format corpus run through the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.eval.clusters import _score, gold_clusters, score_clusters, timeline_corpora
from kg.extract import Pipeline

A, B, C = ("d1", 0, 5), ("d2", 10, 15), ("d3", 20, 25)


@pytest.mark.parametrize(("predicted", "expected"), [
    # every mention where gold puts it: perfect
    ({A: "x", B: "x", C: "y"}, (1.0, 1.0, 1, 1)),
    # nothing linked: precision stays perfect, recall loses the link A-B
    ({A: "x", B: "y", C: "z"}, (1.0, 2 / 3, 0, 0)),
    # everything linked: one link right out of three
    ({A: "x", B: "x", C: "x"}, (5 / 9, 1.0, 3, 1)),
])
def test_clusters_eval_bcubed_and_links(predicted: dict[tuple[str, int, int], str],
                                        expected: tuple[float, float, int, int]) -> None:
    gold = {A: 0, B: 0, C: 1}
    found = _score("t", gold, predicted, found=3, clusters=1)
    assert (round(found.bcubed_precision, 6), round(found.bcubed_recall, 6),
            found.predicted_links, found.correct_links) == tuple(
        round(x, 6) if isinstance(x, float) else x for x in expected)
    assert found.gold_links == 1


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "toy"
    folder.mkdir()
    texts = {"d1": "Acme Corp bought Zenda Bank on Monday, the companies said.",
             "d2": "Acme Corp bought Zenda Bank on Monday for $2 billion."}
    folder.joinpath("docs.jsonl").write_text("".join(
        json.dumps({"id": k, "text": v, "published": "2010-06-08"}) + "\n"
        for k, v in texts.items()), "utf-8")
    mentions = [{"doc": k, "start": v.index("bought"), "end": v.index("bought") + 6}
                for k, v in texts.items()]
    gold = {"timelines": [{"entity": "Acme Corp", "events": [{"mentions": mentions}]}]}
    folder.joinpath("gold.json").write_text(json.dumps(gold), "utf-8")
    return folder


def test_clusters_eval_reads_gold_lines_as_mention_sets(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    assert timeline_corpora([tmp_path]) == [folder]
    [event] = gold_clusters(folder)
    assert {doc for doc, _, _ in event} == {"d1", "d2"}


def test_clusters_eval_links_one_purchase_told_twice(tmp_path: Path, pipeline: Pipeline) -> None:
    found = score_clusters(_corpus(tmp_path), pipeline=pipeline)
    assert (found.mentions, found.found, found.gold_links) == (2, 2, 1)
    assert found.correct_links == found.predicted_links == 1 and found.clusters == 1
