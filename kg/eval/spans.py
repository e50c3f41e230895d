"""Span comparison for scoring: overlap, exact match, one-to-one matching and region filters.

A span is a tuple of pieces `(start, end)` (end exclusive): one piece for a plain span, several
for a discontinuous gold span. Matching is one-to-one and greedy: candidate pairs are taken in
order of exact match first, then a shared end (the head of an English phrase comes last: in
"US automaker GM" a predicted "GM" beats "US"), then the larger overlap relative to the union of
both spans, then text order. So each gold item and each prediction is used at most once, and
true positives count the same for precision and recall.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence

Pieces = tuple[tuple[int, int], ...]

# quote marks and punctuation that may or may not be inside a span's boundary
_LOOSE = " \t\r\n\"'“”‘’«»`.,;:!?-—–()[]"


def overlap(a: Pieces, b: Pieces) -> int:
    """Return how many characters two spans share.

    Examples:
        >>> overlap(((0, 5),), ((3, 9),))
        2
        >>> overlap(((0, 2), (6, 9)), ((3, 5),))
        0
    """
    return sum(max(0, min(ae, be) - max(a_s, bs)) for a_s, ae in a for bs, be in b)


def _length(span: Pieces) -> int:
    return sum(end - start for start, end in span)


def outer(span: Pieces) -> tuple[int, int]:
    """Return the outer start and end of a span."""
    return min(s for s, _ in span), max(e for _, e in span)


def trimmed(span: Pieces, text: str) -> tuple[int, int]:
    """Return the outer range with surrounding blanks, quote marks and punctuation cut off.

    A span made only of such characters (a ":" cue) is returned unchanged.

    Examples:
        >>> trimmed(((0, 6),), '"Yes," he')
        (1, 4)
        >>> trimmed(((2, 3),), 'he: no')
        (2, 3)
    """
    start, end = outer(span)
    s, e = start, end
    while s < e and text[s] in _LOOSE:
        s += 1
    while e > s and text[e - 1] in _LOOSE:
        e -= 1
    return (s, e) if s < e else (start, end)


def same(a: Pieces, b: Pieces) -> bool:
    """Return whether two spans have identical outer offsets."""
    return outer(a) == outer(b)


def inside(span: Pieces, regions: Sequence[tuple[int, int]] | None) -> bool:
    """Return whether a span starts inside one of the regions (None = the whole text)."""
    if regions is None:
        return True
    start = outer(span)[0]
    return any(rs <= start < re for rs, re in regions)


def match(gold: Sequence[Pieces], pred: Sequence[Pieces], *,
          exact: Callable[[Pieces, Pieces], bool] | None = None,
          allowed: Callable[[int, int], bool] | None = None) -> list[tuple[int, int]]:
    """Pair gold and predicted spans one-to-one; return `(gold_index, pred_index)` pairs.

    Args:
        gold: Gold spans.
        pred: Predicted spans.
        exact: If given, only pairs for which it holds are matched (exact scoring); otherwise
            any overlap of at least one character is a match (relaxed scoring).
        allowed: Optional extra condition on a `(gold_index, pred_index)` pair.

    Examples:
        >>> match([((0, 5),), ((10, 14),)], [((2, 12),), ((11, 13),)])
        [(0, 0), (1, 1)]
        >>> match([((0, 5),)], [((0, 5),), ((1, 4),)], exact=same)
        [(0, 0)]
    """
    bounds = [outer(p) for p in pred]
    order = sorted(range(len(pred)), key=lambda i: bounds[i])
    starts = [bounds[i][0] for i in order]
    longest = max((e - s for s, e in bounds), default=0)
    candidates = []
    for gi, g in enumerate(gold):
        g_start, g_end = outer(g)
        # only predictions whose outer range overlaps the gold's can overlap or equal it
        for k in range(bisect_left(starts, g_start - longest), bisect_left(starts, g_end)):
            pi = order[k]
            if bounds[pi][1] <= g_start:
                continue
            p = pred[pi]
            shared = overlap(g, p)
            is_exact = exact(g, p) if exact is not None else same(g, p)
            if (exact is not None and not is_exact) or (exact is None and shared == 0):
                continue
            if allowed is not None and not allowed(gi, pi):
                continue
            union = _length(g) + _length(p) - shared
            ends = outer(g)[1] == bounds[pi][1]
            candidates.append((not is_exact, not ends, -shared / max(union, 1), gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for *_, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)
