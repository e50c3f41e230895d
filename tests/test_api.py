"""The public API: every name in `kg.__all__` imports, and the documented flow runs."""

from __future__ import annotations

from datetime import date

import kg


def test_api_every_public_name_imports() -> None:
    missing = [name for name in kg.__all__ if not hasattr(kg, name)]
    assert missing == []


def test_api_article_to_store_to_query(pipeline: kg.Pipeline) -> None:
    article = kg.from_text("OSLO (Newswire) – Norway signed a trade deal with Sweden on Monday.",
                           article_id="api-1", published=date(2021, 3, 3))
    extraction = pipeline.run(article)
    graph = kg.to_graph(extraction)
    assert kg.validate(graph).conforms
    assert kg.from_graph(graph) == extraction
    with kg.open_store("memory") as store:
        store.put(graph, text_hash=article.text_hash)
        stats = kg.run_named(store, "stats").records()[0]
        assert int(stats["articles"]) == 1
        # Monday before the Wednesday of publication
        assert {t.value for t in extraction.times} >= {"2021-03-01"}
