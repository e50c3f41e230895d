"""Run the pipeline over gold documents and score every task, corpus by corpus."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.eval.entities import score_entities
from kg.eval.events import score_events
from kg.eval.gold import GoldDoc, load_gold
from kg.eval.identity import score_identity
from kg.eval.metrics import TaskResult, total
from kg.eval.report import CorpusReport, EvalReport
from kg.eval.statements import score_statements
from kg.eval.timex import score_timex
from kg.model import Article, Extraction, Failure

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.extract.pipeline import Pipeline

_log = logging.getLogger(__name__)

Scorer = Callable[[GoldDoc, Extraction], TaskResult | None]
SCORERS: tuple[Scorer, ...] = (score_timex, score_entities, score_events, score_statements)


def score(docs: Sequence[GoldDoc], results: Iterable[Extraction | KGError], *,
          details: bool = False) -> EvalReport:
    """Score extractions (or failures), given in the order of `docs`, per corpus.

    Args:
        docs: Gold documents.
        results: One extraction or error per document, in the same order.
        details: Keep the per-document issues (misses, false positives, wrong attributes).

    Raises:
        ValueError: If an extraction belongs to another article than its gold document.
    """
    per_corpus: dict[str, list[TaskResult]] = {}
    failures: dict[str, list[Failure]] = {}
    counts: dict[str, int] = {}
    extracted: dict[str, list[tuple[GoldDoc, Extraction]]] = {}
    for doc, result in zip(docs, results, strict=True):
        counts[doc.corpus] = counts.get(doc.corpus, 0) + 1
        _log.debug("scoring %s", doc.id)
        tasks = per_corpus.setdefault(doc.corpus, [])
        if isinstance(result, KGError):
            cause = f": {result.__cause__!r}" if result.__cause__ is not None else ""
            failures.setdefault(doc.corpus, []).append(
                Failure(article_id=doc.id, message=f"{result}{cause}"))
            result = Extraction(article=doc.to_article())  # a failed article found nothing
        if result.article.id != doc.id:
            raise ValueError(f"extraction of {result.article.id!r} given for gold doc {doc.id!r}")
        extracted.setdefault(doc.corpus, []).append((doc, result))
        for scorer in SCORERS:
            found = scorer(doc, result)
            if found is not None:
                tasks.append(found if details else found.model_copy(update={"issues": ()}))
    corpora = tuple(CorpusReport(corpus=name, docs=counts[name],
                                 failures=tuple(failures.get(name, ())), tasks=tuple(total(tasks)),
                                 identity=score_identity(extracted[name],
                                                                 details=details))
                    for name, tasks in per_corpus.items())
    return EvalReport(corpora=corpora, details=details)


def gold_results(docs: Sequence[GoldDoc], *, pipeline: Pipeline,
                 parse_cache: Path | None = None) -> Iterator[Extraction | KGError]:
    """Run `pipeline` over gold documents, yielding one extraction or failure per document.

    With `parse_cache`, the spaCy parses are kept in that folder and reused on the next run
    (see `kg.eval.parses`), so a run costs only the extraction stages.
    """
    articles = [doc.to_article() for doc in docs]
    return pipeline.apply_many(zip(articles, gold_parses(docs, pipeline, parse_cache),
                                   strict=True))


def gold_parses(docs: Sequence[GoldDoc], pipeline: Pipeline, parse_cache: Path | None
                ) -> list[Doc]:
    """Return the spaCy parses of the gold texts, from `parse_cache` when it holds them."""
    articles = [Article(id=doc.id, text=doc.text, body_start=doc.story_start()) for doc in docs]
    if parse_cache is None:
        return [parsed for _, parsed in pipeline.parse_many(articles)]
    from kg.eval.parses import parse_cached

    return parse_cached(pipeline, articles, parse_cache)


def evaluate(gold_dirs: Sequence[Path], *, pipeline: Pipeline, limit: int | None = None,
             details: bool = False, parse_cache: Path | None = None) -> EvalReport:
    """Run `pipeline` over the gold documents of `gold_dirs` and score what it finds.

    Args:
        gold_dirs: Corpus folders of gold JSON files, or folders holding such corpus folders.
        pipeline: The extraction pipeline to measure.
        limit: Take at most this many documents of each corpus, evenly spaced in file order.
        details: Keep per-document issues for `render_errors`.
        parse_cache: Keep the spaCy parses in this folder and reuse them on the next run
            (see `kg.eval.parses`), so a run costs only the extraction stages.

    Raises:
        ArticleFormatError: If a folder holds no gold file or a file is malformed.
    """
    started = time.perf_counter()
    docs = load_gold(gold_dirs, limit=limit)
    report = score(docs, gold_results(docs, pipeline=pipeline, parse_cache=parse_cache),
                   details=details)
    return report.model_copy(update={"seconds": round(time.perf_counter() - started, 2)})
