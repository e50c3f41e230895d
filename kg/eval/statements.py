"""Statement scoring: cue, source and content spans, and whole attribution triples.

Each part is matched one-to-one on its own, by overlap ("cue") and by "strict" offsets after
cutting blanks, quote marks and edge punctuation off both spans ("cue_strict"); a discontinuous
gold span matches by overlap with any fragment, and strictly by its outer bounds. A predicted
source is `Statement.speaker_mention`. A triple matches when the cues match and the sources and
the contents each match or are both absent. PolNeAR quotes are scored as "statements"; MEANTIME
quotes, derived from speech events, as "statements_derived" without content (it is rarely
annotated there), so their triple is cue + source.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.eval.gold import GoldDoc, GoldQuote, GoldSpan
from kg.eval.metrics import Counts, Issue, TaskResult, score_spans
from kg.eval.spans import Pieces, inside, overlap, trimmed
from kg.model import Extraction, Span, Statement

Test = Callable[[Pieces, Pieces], bool]


def _gold(span: GoldSpan | None) -> Pieces | None:
    return span.pieces if span is not None else None


def _pred(span: Span | None) -> Pieces | None:
    return ((span.start, span.end),) if span is not None else None


def _agree(test: Test, gold: Pieces | None, pred: Pieces | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return test(gold, pred)


def _judged(doc: GoldDoc, extraction: Extraction) -> tuple[list[GoldQuote], list[Statement]]:
    """Return the gold quotes and the predicted statements whose cues lie in annotated text."""
    regions = doc.annotated_regions
    quotes = [q for q in doc.quotes if q.cue is not None and inside(q.cue.pieces, regions)]
    preds = [s for s in extraction.statements if inside(((s.cue.start, s.cue.end),), regions)]
    return quotes, preds


def _task(doc: GoldDoc) -> str | None:
    status = doc.layers.status("quotes")
    return None if status == "none" else "statements" if status == "gold" else "statements_derived"


def statement_hits(doc: GoldDoc, extraction: Extraction
                   ) -> tuple[str, list[tuple[Statement, bool]]] | None:
    """Return the statements task and each judged statement with whether its cue matched a gold
    cue (the "cue" counts of `score_statements`), or None if the layer is "none"."""
    task = _task(doc)
    if task is None:
        return None
    quotes, preds = _judged(doc, extraction)
    gold = [q.cue.pieces for q in quotes if q.cue is not None]
    _, pairs, _ = score_spans(doc.id, doc.text, "cue", gold, [_pred(s.cue) or () for s in preds])
    hit = {p for _, p in pairs}
    return task, [(s, n in hit) for n, s in enumerate(preds)]


def score_statements(doc: GoldDoc, extraction: Extraction) -> TaskResult | None:
    """Score statements against gold (or derived) quotes, or None if the layer is "none"."""
    task = _task(doc)
    if task is None:
        return None
    with_content = task == "statements"
    quotes, preds = _judged(doc, extraction)
    text = doc.text

    def loose(a: Pieces, b: Pieces) -> bool:
        return overlap(a, b) > 0

    def strict(a: Pieces, b: Pieces) -> bool:
        return trimmed(a, text) == trimmed(b, text)

    parts: list[tuple[str, Callable[[Statement], Span | None], list[Pieces | None]]] = [
        ("cue", lambda s: s.cue, [_gold(q.cue) for q in quotes]),
        ("source", lambda s: s.speaker_mention, [_gold(q.speaker) for q in quotes]),
    ]
    if with_content:
        parts.append(("content", lambda s: s.content, [_gold(q.content) for q in quotes]))
    counts: dict[str, Counts] = {}
    issues: list[Issue] = []
    for name, get, gold_parts in parts:
        gold = [g for g in gold_parts if g is not None]
        pred = [p for p in (_pred(get(s)) for s in preds) if p is not None]
        for metric, exact in ((name, None), (f"{name}_strict", strict)):
            counts[metric], _, found = score_spans(doc.id, text, metric, gold, pred, exact=exact)
            issues += found
    gold_rows = [[_gold(q.cue), _gold(q.speaker), _gold(q.content)] for q in quotes]
    pred_rows = [[_pred(s.cue), _pred(s.speaker_mention), _pred(s.content)] for s in preds]
    checked = (1, 2) if with_content else (1,)
    for metric, test in (("triple", loose), ("triple_strict", strict)):

        def allowed(g: int, p: int, test: Test = test) -> bool:
            return all(_agree(test, gold_rows[g][i], pred_rows[p][i]) for i in checked)

        counts[metric], _, found = score_spans(
            doc.id, text, metric, [r[0] for r in gold_rows if r[0] is not None],
            [r[0] for r in pred_rows if r[0] is not None],
            exact=test if metric == "triple_strict" else None, allowed=allowed)
        issues += found
    return TaskResult(task=task, counts=counts, issues=tuple(issues))
