"""Tests of the event scores of kg.eval: role accuracy, class, factuality, dated share, the
statement-inclusive counts, the miss listing, and our own gold annotation of the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.eval import evaluate, issues, render_errors, score
from kg.eval.events import score_events
from kg.eval.factuality import gold_factuality
from kg.eval.gold import GoldDoc, GoldEvent, load_gold
from kg.model import Actor, Event, Extraction, Span, Statement, TimeValue
from tests.conftest import ROOT, SEED

SEED_GOLD = ROOT / "gold" / "seed"
TEXT = "Harbor Co sold a plant to Ana Silva on Monday, the firm said. It will open a shop."


def _span(words: str, nth: int = 1) -> Span:
    start = -1
    for _ in range(nth):
        start = TEXT.index(words, start + 1)
    return Span(start=start, end=start + len(words), text=words)


def _gold_span(words: str, **extra: object) -> dict[str, object]:
    span = _span(words)
    return {"text": words, "start": span.start, "end": span.end, **extra}


def _doc(**attributes: dict[str, object]) -> GoldDoc:
    """A gold doc of three events; `attributes` adds gold fields to the event of that trigger."""
    events = [
        _gold_span("sold", id="e1", time_value="2021-05-03", participants=[
            _gold_span("Harbor Co", role="Arg0"), _gold_span("a plant", role="Arg1"),
            _gold_span("Ana Silva", role="Arg2")]),
        _gold_span("said", id="e2", time_value="2021-05-04", participants=[
            _gold_span("the firm", role="Arg0")]),
        _gold_span("open", id="e3", participants=[_gold_span("It", role="Arg0")]),
    ]
    for event in events:
        event.update(attributes.get(str(event["text"]), {}))
    return GoldDoc.model_validate({
        "id": "news-9", "text": TEXT, "dct": "2021-05-04",
        "layers": {"events": "gold", "participants": "gold (PropBank roles)"},
        "events": events})


def _event(words: str, **fields: object) -> Event:
    return Event(id=f"e-{words}", type="OTHER", trigger=_span(words), **fields)


def _actor(words: str) -> Actor:
    return Actor(id=words.lower().replace(" ", "-"), name=words, mentions=(_span(words),))


@pytest.mark.parametrize(("attributes", "expected"), [
    ({"factuality": "planned"}, "planned"),
    ({"factuality": "reported"}, "asserted"),
    ({"polarity": "POS", "certainty": "CERTAIN", "time": "NON_FUTURE"}, "asserted"),
    ({"polarity": "POS", "certainty": "CERTAIN", "time": "FUTURE"}, "planned"),
    ({"polarity": "POS", "certainty": "PROBABLE", "time": "FUTURE"}, "possible"),
    ({"polarity": "NEG", "certainty": "CERTAIN", "time": "NON_FUTURE"}, "negated"),
    ({"polarity": "NEG", "certainty": "CERTAIN", "time": "FUTURE"}, "ruled_out"),
    ({"polarity": "UNDERSPECIFIED", "certainty": "UNDERSPECIFIED", "time": "FUTURE"}, None),
    ({"polarity": "POS", "tense": "PAST"}, "asserted"),
    ({"polarity": "POS", "tense": "FUTURE"}, "planned"),
    ({"polarity": "POS", "modality": "would", "tense": "NONE"}, "possible"),
    ({"polarity": "POS", "modality": "should", "tense": "NONE"}, "demanded"),
    ({"polarity": "NEG", "modality": "will", "tense": "NONE"}, "ruled_out"),
    ({"polarity": "NEG", "tense": "PAST"}, "negated"),
    ({"polarity": "POS", "tense": "INFINITIVE"}, None),
    ({}, None),
])
def test_gold_factuality_maps_corpus_attributes(attributes, expected):
    assert gold_factuality(GoldEvent(start=0, end=4, **attributes)) == expected


def test_events_role_accuracy_counts_found_events_with_that_role():
    doc = _doc()
    actors = (_actor("Harbor Co"), _actor("Ana Silva"))
    extraction = Extraction(article=doc.to_article(), actors=actors, events=(
        _event("sold", agents=("harbor-co",), recipients=("ana-silva",)),
        _event("open", agents=("harbor-co",))))
    result = score_events(doc, extraction)
    assert result is not None
    acc = {role: (r.correct, r.total) for role, r in result.ratios.items()
           if role in ("agent", "target", "recipient")}
    assert acc == {"agent": (1, 2), "target": (0, 1), "recipient": (1, 1)}


def test_events_dated_share_counts_every_dated_gold_event():
    doc = _doc()
    extraction = Extraction(article=doc.to_article(), events=(
        _event("sold", time=TimeValue(value="2021-05-03")), _event("open")))
    result = score_events(doc, extraction)
    assert result is not None
    assert (result.ratios["date"].correct, result.ratios["date"].total) == (1, 1)
    assert (result.ratios["dated_found"].correct, result.ratios["dated_found"].total) == (1, 2)


def test_events_with_statements_count_a_cue_as_a_reporting_event():
    doc = _doc()
    statement = Statement(id="s1", cue=_span("said"), date="2021-05-04")
    extraction = Extraction(article=doc.to_article(), events=(_event("sold"),),
                            statements=(statement,))
    result = score_events(doc, extraction)
    assert result is not None
    assert result.counts["relaxed"].tp == 1
    assert result.counts["relaxed_statements"].tp == 2
    assert result.ratios["dated_found_statements"].correct == 1  # "said", rightly dated


@pytest.mark.parametrize(("predicted", "expected"), [
    ({}, None),  # predictions without a class: not judged
    ({"sold": "OCCURRENCE", "said": "STATE"}, (1, 2)),
])
def test_events_class_is_judged_once_predictions_carry_it(predicted, expected):
    doc = _doc(sold={"class": "OCCURRENCE"}, said={"class": "REPORTING"})
    extraction = Extraction(article=doc.to_article(), events=tuple(
        _event(w, timeml_class=predicted.get(w)) for w in ("sold", "said")))
    result = score_events(doc, extraction)
    assert result is not None
    ratio = result.ratios.get("class")
    assert (None if ratio is None else (ratio.correct, ratio.total)) == expected


@pytest.mark.parametrize(("predicted", "expected"), [
    ({"sold": "reported", "open": "planned"}, (2, 2)),  # "reported" scores as asserted
    ({"sold": "negated", "open": "planned"}, (1, 2)),
])
def test_events_factuality_is_judged_where_the_gold_has_it(predicted, expected):
    doc = _doc(sold={"polarity": "POS", "certainty": "CERTAIN", "time": "NON_FUTURE"},
               open={"factuality": "planned"})
    extraction = Extraction(article=doc.to_article(), events=tuple(
        _event(w, factuality=f) for w, f in predicted.items()))
    result = score_events(doc, extraction)
    assert result is not None
    ratio = result.ratios.get("factuality")
    assert (None if ratio is None else (ratio.correct, ratio.total)) == expected


def test_render_errors_describes_missed_events():
    doc = _doc(said={"class": "REPORTING", "pos": "VERB"})
    report = score([doc], [Extraction(article=doc.to_article(), events=(_event("sold"),))],
                   details=True)
    misses = {i.text: i.detail for i in issues(report, "events", metric="relaxed")}
    assert misses["said"].startswith("class REPORTING, pos VERB, dated 2021-05-04")
    assert "class REPORTING" in render_errors(report, "events", metric="relaxed")


def test_seed_gold_annotates_the_seed_article_text():
    [doc] = load_gold([SEED_GOLD])
    assert doc.text == SEED.read_text(encoding="utf-8")
    spans = [*doc.events, *doc.timex, *(p for e in doc.events for p in e.participants)]
    assert all(doc.text[s.start:s.end] == s.text for s in spans)
    assert {gold_factuality(e) for e in doc.events} <= {
        "asserted", "negated", "possible", "planned", "demanded", "ruled_out"}


def test_seed_gold_is_scored_by_evaluate(pipeline):
    report = evaluate([SEED_GOLD], pipeline=pipeline)
    events = report.corpus("seed").task("events")
    assert {"agent", "place", "date", "dated_found"} <= set(events.ratios)
    assert events.counts["relaxed"].tp + events.counts["relaxed"].fn == len(
        load_gold([Path(SEED_GOLD)])[0].events)
