"""Event scoring: trigger spans against gold event mentions, and the date of matched events.

Triggers match gold events one-to-one by overlap ("relaxed") or identical offsets ("strict").
A discontinuous MEANTIME mention whose every piece is also a gold event of its own (coordinated
verbs, "releases ..., announces") is left out, so one trigger is not asked to match it twice.
Dates are judged on relaxed matches whose gold event has a `time_value`: "date" needs
`Event.time.value` to equal it, "date_compatible" only to agree at the coarser granularity of
the two ("2008-03" and "2008-03-06"; a day and its ISO week). An undated event is wrong on both.
Where participants are gold (MEANTIME), each matched event's agents, targets and place are judged
against its Arg0, Arg1 and Argm-LOC participants: a role is right when some mention of a record
it names overlaps a gold participant of that role (tp); a wrong one is a fp and, if the role has
gold participants, also a fn; an empty role with gold participants is a fn.
"""

from __future__ import annotations

from datetime import date

from kg.eval.gold import GoldDoc, GoldEvent
from kg.eval.metrics import Counts, Issue, Ratio, TaskResult, score_spans
from kg.eval.spans import Pieces, inside, overlap, same
from kg.model import Event, Extraction

ROLES = {"agent": "Arg0", "target": "Arg1", "place": "Argm-LOC"}


def compatible(a: str, b: str) -> bool:
    """Return whether two TIMEX3 values agree at the coarser granularity of the two.

    Examples:
        >>> compatible("2008-03", "2008-03-06"), compatible("2008-03-06", "2008-04")
        (True, False)
        >>> compatible("2013-W11", "2013-03-12"), compatible("2008", "2008-SU")
        (True, True)
        >>> compatible("199", "1998"), compatible("2008", "20081")
        (True, False)
    """
    short, long = sorted((a, b), key=len)
    boundary = len(long) == len(short) or long[len(short)] in "-T"
    if long.startswith(short) and (boundary or (short.isdigit() and len(short) < 4)):
        return True  # a shorter all-digit value is a century or decade
    week, day = sorted((a, b), key=lambda v: "-W" not in v)
    if "-W" not in week or "-W" in day:
        return False
    try:
        iso = date.fromisoformat(day[:10]).isocalendar()
    except ValueError:
        return False
    return week[:8] == f"{iso.year:04d}-W{iso.week:02d}"


def _composite(event: GoldEvent, spans: set[tuple[int, int]]) -> bool:
    return bool(event.fragments) and all(piece in spans for piece in event.pieces)


def _refs(event: Event, role: str) -> tuple[str, ...]:
    if role == "agent":
        return event.agents
    if role == "target":
        return event.targets
    return (event.place,) if event.place is not None else ()


def _roles(doc: GoldDoc, extraction: Extraction, pairs: list[tuple[GoldEvent, Event]]
           ) -> tuple[dict[str, Counts], list[Issue]]:
    mentions: dict[str, list[Pieces]] = {}
    for key, spans in [(a.id, a.mentions) for a in extraction.actors] + [
            (p.id, p.mentions) for p in extraction.places]:
        mentions.setdefault(key, []).extend(((m.start, m.end),) for m in spans)
    counts: dict[str, Counts] = {}
    issues: list[Issue] = []
    for role, label in ROLES.items():
        tp = fp = fn = 0
        for gold, pred in pairs:
            want = [p.pieces for p in gold.participants if p.role == label]
            refs = _refs(pred, role)
            got = [m for ref in refs for m in mentions.get(ref, ())]
            if any(overlap(w, g) for w in want for g in got):
                tp += 1
                continue
            fp += bool(refs)
            fn += bool(want)
            if want or refs:
                names = [p.text for p in gold.participants if p.role == label]
                issues.append(Issue(doc_id=doc.id, metric=role, kind="wrong_value",
                                    start=gold.start, end=gold.end, text=gold.text,
                                    detail=f"gold {label} {names}, predicted {list(refs)}"))
        counts[role] = Counts(tp=tp, fp=fp, fn=fn)
    return counts, issues


def _judged(doc: GoldDoc, extraction: Extraction) -> tuple[list[GoldEvent], list[Event]]:
    """Return the gold events and the predicted events whose triggers lie in annotated text."""
    regions = doc.annotated_regions
    plain = {(e.start, e.end) for e in doc.events if not e.fragments}
    gold = [e for e in doc.events if inside(e.pieces, regions) and not _composite(e, plain)]
    pred = [e for e in extraction.events if inside(((e.trigger.start, e.trigger.end),), regions)]
    return gold, pred


def event_hits(doc: GoldDoc, extraction: Extraction) -> list[tuple[Event, bool]] | None:
    """Return each judged event with whether its trigger matched a gold event (the "relaxed"
    counts of `score_events`), or None if the event layer is not gold."""
    if doc.layers.status("events") != "gold":
        return None
    gold, pred = _judged(doc, extraction)
    _, pairs, _ = score_spans(doc.id, doc.text, "relaxed", [e.pieces for e in gold],
                              [((e.trigger.start, e.trigger.end),) for e in pred])
    hit = {p for _, p in pairs}
    return [(e, n in hit) for n, e in enumerate(pred)]


def score_events(doc: GoldDoc, extraction: Extraction) -> TaskResult | None:
    """Score event triggers and dates against the gold event layer, or None if not gold."""
    if doc.layers.status("events") != "gold":
        return None
    gold, pred = _judged(doc, extraction)
    gold_spans = [e.pieces for e in gold]
    pred_spans = [((e.trigger.start, e.trigger.end),) for e in pred]
    strict, _, issues = score_spans(doc.id, doc.text, "strict", gold_spans, pred_spans,
                                    exact=same)
    relaxed, pairs, relaxed_issues = score_spans(doc.id, doc.text, "relaxed", gold_spans,
                                                 pred_spans)
    issues += relaxed_issues
    exact = near = judged = 0
    for g, p in pairs:
        want = gold[g].time_value
        if want is None:
            continue
        judged += 1
        when = pred[p].time
        got = when.value if when is not None else None
        exact += got == want
        near += got is not None and compatible(got, want)
        if got != want:
            issues.append(Issue(doc_id=doc.id, metric="date", kind="wrong_value",
                                start=gold[g].start, end=gold[g].end, text=gold[g].text,
                                detail=f"gold {want!r}, predicted {got!r}"))
    counts = {"relaxed": relaxed, "strict": strict}
    if doc.layers.status("participants") == "gold":
        roles, role_issues = _roles(doc, extraction, [(gold[g], pred[p]) for g, p in pairs])
        counts |= roles
        issues += role_issues
    return TaskResult(task="events", counts=counts,
                      ratios={"date": Ratio(correct=exact, total=judged),
                              "date_compatible": Ratio(correct=near, total=judged)},
                      issues=tuple(issues))
