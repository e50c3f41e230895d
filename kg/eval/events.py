"""Event scoring: trigger spans against gold event mentions, and the date of matched events.

Triggers match gold events one-to-one by overlap ("relaxed") or identical offsets ("strict").
A discontinuous MEANTIME mention whose every piece is also a gold event of its own (coordinated
verbs, "releases ..., announces") is left out, so one trigger is not asked to match it twice.
Dates are judged on relaxed matches whose gold event has a `time_value`: "date" needs
`Event.time.value` to equal it, "date_compatible" only to agree at the coarser granularity of
the two ("2008-03" and "2008-03-06"; a day and its ISO week). An undated event is wrong on both.
Where participants are gold (MEANTIME), each matched event's agents, targets and place are judged
against its Arg0, Arg1 and Argm-LOC participants: a role is right when some mention of a record
it names, or a phrase it read for that role (`Event.participants`: "it" standing for GM, a
theme that is no actor like "14 plants"), overlaps a gold participant of that role (tp); a wrong
one is a fp and, if the role has gold participants, also a fn; an empty role with gold
participants is a fn. The phrase is the argument as written, so a pronoun counts by its span
(as SRL scoring does); whom it stands for is measured apart (`tests/extract/common` coreference).
The same judgement is also given as an accuracy per role ("agent acc": of the found gold events
with a gold Arg0, the share whose agents are right), which is how the issue states its targets;
Arg2 is judged against `Event.recipients`.
"dated_found" is the share of all judged gold events with a `time_value` that were found and
rightly dated. "class" (TimeML class accuracy on relaxed matches) and "factuality" (see
`kg.eval.factuality`) are judged only where the gold has them and the predictions of the
document carry any, so they appear once the pipeline fills `Event.timeml_class` and
`Event.factuality`.
"""

from __future__ import annotations

from datetime import date
from typing import get_args

from kg.eval.factuality import gold_factuality, reality
from kg.eval.gold import GoldDoc, GoldEvent
from kg.eval.metrics import Counts, Issue, Ratio, TaskResult, score_spans
from kg.eval.spans import Pieces, inside, overlap, same
from kg.model import Event, Extraction, TimemlClass

ROLES = {"agent": "Arg0", "target": "Arg1", "recipient": "Arg2", "place": "Argm-LOC"}
TIMEML_CLASSES = frozenset(get_args(TimemlClass))


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
    if role == "recipient":
        return event.recipients
    return (event.place,) if event.place is not None else ()


def _roles(doc: GoldDoc, extraction: Extraction, pairs: list[tuple[GoldEvent, Event]]
           ) -> tuple[dict[str, Counts], dict[str, Ratio], list[Issue]]:
    mentions: dict[str, list[Pieces]] = {}
    for key, spans in [(a.id, a.mentions) for a in extraction.actors] + [
            (p.id, p.mentions) for p in extraction.places]:
        mentions.setdefault(key, []).extend(((m.start, m.end),) for m in spans)
    counts: dict[str, Counts] = {}
    ratios: dict[str, Ratio] = {}
    issues: list[Issue] = []
    for role, label in ROLES.items():
        tp = fp = fn = judged = 0
        for gold, pred in pairs:
            want = [p.pieces for p in gold.participants if p.role == label]
            refs = _refs(pred, role)
            got = [m for ref in refs for m in mentions.get(ref, ())] + [
                ((p.mention.start, p.mention.end),) for p in pred.participants if p.role == role]
            if role != "place":
                refs += tuple(p.mention.text for p in pred.participants
                              if p.role == role and p.actor is None)
            judged += bool(want)
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
        ratios[role] = Ratio(correct=tp, total=judged)
    return counts, ratios, issues


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
    """Score event triggers, dates, roles, classes and factuality against the gold event layer,
    or return None if it is not gold."""
    if doc.layers.status("events") != "gold":
        return None
    gold, pred = _judged(doc, extraction)
    gold_spans = [e.pieces for e in gold]
    pred_spans = [((e.trigger.start, e.trigger.end),) for e in pred]
    strict, _, issues = score_spans(doc.id, doc.text, "strict", gold_spans, pred_spans,
                                    exact=same)
    relaxed, pairs, relaxed_issues = score_spans(doc.id, doc.text, "relaxed", gold_spans,
                                                 pred_spans)
    # a strict miss or false positive that is also a relaxed one is listed once, as relaxed
    loose = {(i.kind, i.start, i.end) for i in relaxed_issues}
    issues = [i for i in issues if (i.kind, i.start, i.end) not in loose]
    issues += [_described(i, gold) if i.kind == "miss" else i for i in relaxed_issues]
    matched = [(gold[g], pred[p]) for g, p in pairs]
    ratios, date_issues = _dates(doc, gold, matched)
    issues += date_issues
    counts = {"relaxed": relaxed, "strict": strict}
    counts["relaxed_statements"], ratios["dated_found_statements"] = _with_statements(
        doc, extraction, gold, pred)
    if any(e.timeml_class is not None for e in pred):
        ratios["class"], found = _attribute(doc, "class", [
            (g, g.event_class if g.event_class in TIMEML_CLASSES else None, p.timeml_class)
            for g, p in matched])
        issues += found
    if any(e.factuality is not None for e in pred):
        ratios["factuality"], found = _attribute(doc, "factuality", [
            (g, gold_factuality(g), reality(p.factuality) if p.factuality else None)
            for g, p in matched])
        issues += found
    if doc.layers.status("participants") == "gold":
        roles, role_ratios, role_issues = _roles(doc, extraction, matched)
        counts |= roles
        ratios |= role_ratios
        issues += role_issues
    return TaskResult(task="events", counts=counts, ratios=ratios, issues=tuple(issues))


def _with_statements(doc: GoldDoc, extraction: Extraction, gold: list[GoldEvent],
                     pred: list[Event]) -> tuple[Counts, Ratio]:
    """Count statement cues as reporting events too, as the issue's first figures did (a cue
    on an event's trigger counts once): the relaxed counts, and the share of dated gold events
    found and rightly dated."""
    spans = [((e.trigger.start, e.trigger.end),) for e in pred]
    dates = [e.time.value if e.time is not None else None for e in pred]
    for statement in extraction.statements:
        cue = ((statement.cue.start, statement.cue.end),)
        if inside(cue, doc.annotated_regions) and not any(overlap(cue, s) for s in spans):
            spans.append(cue)
            dates.append(statement.date)
    counts, pairs, _ = score_spans(doc.id, doc.text, "relaxed_statements",
                                   [e.pieces for e in gold], spans)
    right = sum(gold[g].time_value is not None and gold[g].time_value == dates[p]
                for g, p in pairs)
    return counts, Ratio(correct=right, total=sum(e.time_value is not None for e in gold))


def _dates(doc: GoldDoc, gold: list[GoldEvent], matched: list[tuple[GoldEvent, Event]]
           ) -> tuple[dict[str, Ratio], list[Issue]]:
    """Judge the dates of matched gold events that have one, and the share of all dated gold
    events that were found and rightly dated."""
    exact = near = judged = 0
    issues: list[Issue] = []
    for g, p in matched:
        want = g.time_value
        if want is None:
            continue
        judged += 1
        got = p.time.value if p.time is not None else None
        exact += got == want
        near += got is not None and compatible(got, want)
        if got != want:
            issues.append(Issue(doc_id=doc.id, metric="date", kind="wrong_value",
                                start=g.start, end=g.end, text=g.text,
                                detail=f"gold {want!r}, predicted {got!r}"))
    dated = sum(e.time_value is not None for e in gold)
    return {"date": Ratio(correct=exact, total=judged),
            "date_compatible": Ratio(correct=near, total=judged),
            "dated_found": Ratio(correct=exact, total=dated)}, issues


def _attribute(doc: GoldDoc, metric: str, judged: list[tuple[GoldEvent, str | None, str | None]]
               ) -> tuple[Ratio, list[Issue]]:
    """Compare one attribute of matched events where the gold gives it (None: not judged)."""
    right = total_ = 0
    issues: list[Issue] = []
    for g, want, got in judged:
        if want is None:
            continue
        total_ += 1
        right += got == want
        if got != want:
            issues.append(Issue(doc_id=doc.id, metric=metric, kind="wrong_value",
                                start=g.start, end=g.end, text=g.text,
                                detail=f"gold {want!r}, predicted {got!r}"))
    return Ratio(correct=right, total=total_), issues


def _described(issue: Issue, gold: list[GoldEvent]) -> Issue:
    """Add the gold class, part of speech and date to a missed event, to group misses by."""
    event = next(e for e in gold if (e.start, e.end) == (issue.start, issue.end))
    facts = [f"class {event.event_class or '-'}", f"pos {event.pos or '-'}"]
    if event.time_value is not None:
        facts.append(f"dated {event.time_value}")
    if issue.detail:
        facts.append(issue.detail)
    return issue.model_copy(update={"detail": ", ".join(facts)})
