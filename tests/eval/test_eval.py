"""Tests of kg.eval: gold loading, span matching, the per-task scorers, reports and `evaluate`."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from kg.errors import ArticleFormatError, StageError
from kg.eval import evaluate, issues, load_gold, render, render_errors, score
from kg.eval.entities import score_entities
from kg.eval.events import compatible, score_events
from kg.eval.gold import GoldDoc, Layers, read_doc
from kg.eval.spans import match, overlap, same, trimmed
from kg.eval.statements import score_statements
from kg.eval.timex import score_timex
from kg.model import Actor, ActorKind, Event, Extraction, Place, Span, Statement, TimeValue, Timex
from tests.conftest import TEST_DATA

DATA = TEST_DATA / "eval"


def _doc(name: str) -> GoldDoc:
    return read_doc(DATA / name.split("-")[0] / f"{name}.json")


def _span(doc: GoldDoc, words: str, nth: int = 1) -> Span:
    start = -1
    for _ in range(nth):
        start = doc.text.index(words, start + 1)
    return Span(start=start, end=start + len(words), text=words)


def _timex(doc: GoldDoc, words: str, value: str, kind: str = "DATE", nth: int = 1) -> Timex:
    at = _span(doc, words, nth)
    return Timex(id=f"t{at.start}", start=at.start, end=at.end, text=words, type=kind, value=value)


def _event(doc: GoldDoc, words: str, value: str | None = None) -> Event:
    return Event(id=f"e-{words.replace(' ', '-')}", type="OTHER", trigger=_span(doc, words),
                 time=TimeValue(value=value) if value else None)


def _actor(doc: GoldDoc, words: str, kind: ActorKind, nth: int = 1) -> Actor:
    return Actor(id=f"a{nth}-{words.replace(' ', '-')}", name=words, kind=kind,
                 mentions=(_span(doc, words, nth),))


def _statement(doc: GoldDoc, cue: str, speaker: str | None = None,
               content: str | None = None) -> Statement:
    return Statement(id=f"s-{cue.replace(' ', '-')}", cue=_span(doc, cue),
                     speaker_mention=_span(doc, speaker) if speaker else None,
                     content=_span(doc, content) if content else None)


# --- gold loading ---------------------------------------------------------------------------

@pytest.mark.parametrize(("dirs", "limit", "expected"), [
    ([DATA], None, ["news-1", "quotes-1", "timeml-1"]),
    ([DATA / "quotes", DATA / "news"], None, ["quotes-1", "news-1"]),
    ([DATA, DATA / "news"], 1, ["news-1", "quotes-1", "timeml-1"]),
])
def test_load_gold_reads_corpus_folders_and_parents(dirs, limit, expected):
    assert [d.id for d in load_gold(dirs, limit=limit)] == expected


def test_load_gold_limits_docs_per_corpus_evenly_spaced(tmp_path):
    for n in range(4):
        doc = json.loads((DATA / "timeml" / "timeml-1.json").read_text(encoding="utf-8"))
        doc["id"] = f"timeml-{n}"
        (tmp_path / f"{n}.json").write_text(json.dumps(doc), encoding="utf-8")
    assert [d.id for d in load_gold([tmp_path], limit=2)] == ["timeml-0", "timeml-2"]


@pytest.mark.parametrize("content", ["{not json", '{"id": "x-1"}'])
def test_read_doc_rejects_malformed_file(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ArticleFormatError) as info:
        read_doc(path)
    assert info.value.path == str(path)


def test_load_gold_rejects_folder_without_gold(tmp_path):
    with pytest.raises(ArticleFormatError):
        load_gold([tmp_path])


@pytest.mark.parametrize(("name", "published", "title"), [
    ("news-1", date(2021, 5, 4), "Harbor Co opens new plant"),
    ("timeml-1", datetime(1999, 3, 12, 18, 41), "Rain delays match"),
])
def test_gold_to_article_carries_dct_and_title(name, published, title):
    doc = _doc(name)
    article = doc.to_article()
    assert (article.id, article.text, article.published, article.title) == (
        doc.id, doc.text, published, title)


@pytest.mark.parametrize(("value", "status"), [
    ("gold", "gold"), ("gold (TimeML)", "gold"), ("derived from gold events", "derived"),
    ("none", "none"), ("", "none"),
])
def test_layers_status_reads_first_word(value, status):
    assert Layers(quotes=value).status("quotes") == status


def test_layers_status_rejects_unknown_layer():
    with pytest.raises(ValueError, match="tiems"):
        Layers().status("tiems")


# --- spans -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "shared"), [
    (((0, 5),), ((5, 9),), 0),
    (((0, 5),), ((4, 9),), 1),
    (((0, 3), (6, 9)), ((2, 7),), 2),
])
def test_spans_overlap_counts_shared_characters(a, b, shared):
    assert overlap(a, b) == shared


@pytest.mark.parametrize(("text", "span", "expected"), [
    ("\u201cWe go,\u201d she said", ((0, 8),), (1, 6)),
    ("he: no", ((2, 3),), (2, 3)),
    ("so it is", ((3, 5),), (3, 5)),
])
def test_spans_trimmed_cuts_quotes_and_punctuation(text, span, expected):
    assert trimmed(span, text) == expected


@pytest.mark.parametrize(("gold", "pred", "pairs"), [
    ([((0, 10),)], [((0, 5),), ((6, 9),)], [(0, 0)]),  # one-to-one: larger overlap wins
    ([((0, 15),)], [((0, 2),), ((13, 15),)], [(0, 1)]),  # a shared end (the head) wins
    ([((0, 4),), ((6, 9),)], [((0, 9),)], [(1, 0)]),
    ([((0, 4),), ((0, 20),)], [((0, 4),), ((2, 4),)], [(0, 0), (1, 1)]),
    ([((0, 4),)], [((2, 6),), ((0, 4),)], [(0, 1)]),  # an exact match goes first
    ([((0, 4),)], [((4, 8),)], []),
])
def test_spans_match_pairs_one_to_one(gold, pred, pairs):
    assert match(gold, pred) == pairs


def test_spans_match_exact_needs_identical_offsets():
    assert match([((0, 4),), ((6, 9),)], [((0, 4),), ((6, 8),)], exact=same) == [(0, 0)]


# --- timex ---------------------------------------------------------------------------------------

def test_timex_scores_strict_relaxed_and_value():
    doc = _doc("timeml-1")
    found = (_timex(doc, "on Friday", "1999-03-12"), _timex(doc, "next week", "1999-W12"),
             _timex(doc, "rain", "XXXX", kind="TIME"))
    result = score_timex(doc, Extraction(article=doc.to_article(), times=found))
    assert result is not None
    assert (result.counts["strict"].tp, result.counts["strict"].fp) == (1, 2)
    relaxed = result.counts["relaxed"]
    assert (relaxed.tp, relaxed.fp, relaxed.fn) == (2, 1, 0)
    assert (result.ratios["value"].correct, result.ratios["value"].total) == (1, 2)
    assert result.attribute_f1["value"] == pytest.approx(relaxed.f1 * 0.5)
    assert result.attribute_f1["type"] == pytest.approx(relaxed.f1)


def test_timex_ignores_predictions_outside_annotated_regions():
    doc = _doc("news-1")
    found = (_timex(doc, "Monday", "2021-05-03"), _timex(doc, "Tuesday", "2021-05-04"))
    result = score_timex(doc, Extraction(article=doc.to_article(), times=found))
    assert result is not None
    assert (result.counts["relaxed"].tp, result.counts["relaxed"].fp) == (1, 0)


@pytest.mark.parametrize("scorer", [score_timex, score_entities, score_events])
def test_scorers_skip_layers_that_are_not_gold(scorer):
    doc = _doc("quotes-1")
    found = Extraction(article=doc.to_article(), times=(_timex(doc, "next year", "2017"),),
                       actors=(_actor(doc, "Critics", "group"),),
                       events=(_event(doc, "buy"),))
    assert scorer(doc, found) is None


# --- entities ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("words", "kind", "nth", "correct"), [
    ("Ana Silva", "person", 1, True),
    ("Ana Silva", "organisation", 1, False),
    ("Harbor Co", "organisation", 2, True),
    ("Harbor Co", "media", 1, True),
    ("Lisbon", "country", 1, True),
    ("Lisbon", "person", 1, False),
    ("Harbor Co", "country", 1, True),  # a state may be tagged ORG
    ("Harbor Co", "other", 1, False),
])
def test_entities_maps_actor_kinds_to_gold_types(words, kind, nth, correct):
    doc = _doc("news-1")
    extraction = Extraction(article=doc.to_article(), actors=(_actor(doc, words, kind, nth),))
    result = score_entities(doc, extraction)
    assert result is not None
    assert result.counts["relaxed"].tp == 1
    assert result.ratios["type"].correct == int(correct)


def test_entities_counts_places_as_loc():
    doc = _doc("news-1")
    place = Place(id="lisbon", name="Lisbon", kind="city", mentions=(_span(doc, "Lisbon"),))
    result = score_entities(doc, Extraction(article=doc.to_article(), places=(place,)))
    assert result is not None
    assert (result.counts["strict"].tp, result.ratios["type"].correct) == (1, 1)


def test_entities_ignores_other_names_but_counts_spurious_ones():
    doc = _doc("news-1")
    found = (_actor(doc, "iPhone", "organisation"),  # a gold PRO name: out of scope
             _actor(doc, "The firm", "organisation"),  # a gold nominal coreferent
             _actor(doc, "plant", "organisation"),  # not a gold mention at all
             _actor(doc, "Harbor Co", "organisation", 3))  # outside the annotated region
    result = score_entities(doc, Extraction(article=doc.to_article(), actors=found))
    assert result is not None
    assert result.counts["relaxed"].model_dump(include={"tp", "fp", "fn"}) == {
        "tp": 0, "fp": 1, "fn": 5}


def test_entities_partial_name_matches_relaxed_only():
    doc = _doc("news-1")
    result = score_entities(doc, Extraction(article=doc.to_article(),
                                            actors=(_actor(doc, "Silva", "person"),)))
    assert result is not None
    assert (result.counts["relaxed"].tp, result.counts["strict"].tp) == (1, 0)


# --- events -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "expected"), [
    ("2021-05-03", "2021-05-03", True),
    ("2021-05", "2021-05-03", True),
    ("2021-05-03", "2021-06", False),
    ("1999-W10", "1999-03-12", True),
    ("1999-W11", "1999-03-12", False),
    ("2021-05-03T10:00", "2021-05-03", True),
    ("PRESENT_REF", "2021", False),
    ("199", "1999", True),
])
def test_events_compatible_compares_at_coarser_granularity(a, b, expected):
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


def test_events_scores_triggers_and_dates():
    doc = _doc("timeml-1")
    found = (_event(doc, "delayed", "1999-03-12"), _event(doc, "played", "1999-03"),
             _event(doc, "match"))
    result = score_events(doc, Extraction(article=doc.to_article(), events=found))
    assert result is not None
    relaxed = result.counts["relaxed"]
    assert (relaxed.tp, relaxed.fp, relaxed.fn) == (2, 1, 2)
    assert (result.ratios["date"].correct, result.ratios["date"].total) == (1, 2)
    assert result.ratios["date_compatible"].correct == 1  # a month does not fit an ISO week


def test_events_drops_composite_gold_mentions():
    doc = _doc("news-1")
    found = tuple(_event(doc, w) for w in ("opens", "opened", "said", "founded", "makes"))
    result = score_events(doc, Extraction(article=doc.to_article(), events=found))
    assert result is not None
    assert (result.counts["strict"].tp, result.counts["strict"].fn) == (5, 0)


def test_events_undated_prediction_is_wrong_date():
    doc = _doc("news-1")
    result = score_events(doc, Extraction(article=doc.to_article(),
                                          events=(_event(doc, "founded"),)))
    assert result is not None
    assert (result.ratios["date"].correct, result.ratios["date"].total) == (0, 1)


# --- statements ------------------------------------------------------------------------------

def test_statements_scores_each_part_and_triples():
    doc = _doc("quotes-1")
    found = (
        _statement(doc, "said", "The mayor", "the city needs more buses."),
        _statement(doc, "told", "she", "We will buy them"),  # one fragment of the content
        _statement(doc, "argue", "Critics"),  # content missing
        _statement(doc, "wants", "Mayor", "more buses"),  # no such attribution
    )
    result = score_statements(doc, Extraction(article=doc.to_article(), statements=found))
    assert result is not None
    counts = {name: (c.tp, c.fp, c.fn) for name, c in result.counts.items()}
    assert counts["cue"] == (3, 1, 1)
    assert counts["source"] == (3, 1, 0)
    assert counts["content"] == (2, 1, 2)
    assert counts["content_strict"] == (1, 2, 3)  # trailing "." is cut before comparing
    assert counts["triple"] == (2, 2, 2)
    assert counts["triple_strict"] == (1, 3, 3)


def test_statements_matches_missing_source_to_sourceless_gold():
    doc = _doc("quotes-1")
    found = (_statement(doc, "according to", None, "Critics argue the plan is too costly"),)
    result = score_statements(doc, Extraction(article=doc.to_article(), statements=found))
    assert result is not None
    assert (result.counts["triple"].tp, result.counts["source"].fp) == (1, 0)


def test_statements_derived_quotes_skip_content():
    doc = _doc("news-1")
    found = (_statement(doc, "said", "Ana Silva", "Harbor Co opened a plant"),)
    result = score_statements(doc, Extraction(article=doc.to_article(), statements=found))
    assert result is not None
    assert result.task == "statements_derived"
    assert "content" not in result.counts
    assert result.counts["triple"].tp == 1


# --- score, report, evaluate -----------------------------------------------------------------

def _perfect_news(doc: GoldDoc) -> Extraction:
    return Extraction(article=doc.to_article(),
                      times=(_timex(doc, "Monday", "2021-05-03"),),
                      actors=(_actor(doc, "Ana Silva", "person"),))


def test_score_counts_failures_and_goes_on():
    docs = load_gold([DATA])
    news, quotes, timeml = docs
    failure = StageError("times", quotes.id)
    failure.__cause__ = ZeroDivisionError("bad week")
    results = [_perfect_news(news), failure, Extraction(article=timeml.to_article())]
    report = score(docs, results)
    assert [c.corpus for c in report.corpora] == ["news", "quotes", "timeml"]
    assert [f.article_id for f in report.corpus("quotes").failures] == ["quotes-1"]
    assert "bad week" in report.corpus("quotes").failures[0].message
    assert report.corpus("quotes").task("statements").counts["cue"].fn == 4
    assert report.corpus("news").task("timex").counts["relaxed"].tp == 1
    assert report.corpus("timeml").task("timex").counts["relaxed"].fn == 2


def test_score_rejects_extraction_of_another_article():
    news, quotes = load_gold([DATA / "news", DATA / "quotes"])
    with pytest.raises(ValueError, match="quotes-1"):
        score([news], [Extraction(article=quotes.to_article())])


def test_render_shows_a_table_per_corpus():
    docs = load_gold([DATA])
    report = score(docs, [_perfect_news(docs[0])] + [Extraction(article=d.to_article())
                                                      for d in docs[1:]])
    text = render(report)
    for corpus in ("news: 1 docs", "quotes: 1 docs", "timeml: 1 docs"):
        assert corpus in text
    assert any(line.split()[:2] == ["entities", "relaxed"] for line in text.splitlines())


def test_report_json_round_trips():
    docs = load_gold([DATA])
    report = score(docs, [Extraction(article=d.to_article()) for d in docs], details=True)
    data = json.loads(report.model_dump_json())
    assert data["docs"] == 3
    assert data["corpora"][2]["tasks"][0]["counts"]["relaxed"]["recall"] == 0.0
    assert data["corpora"][0]["tasks"][0]["attribute_f1"] == {"type": 0.0, "value": 0.0}


def test_render_errors_lists_misses_and_false_positives():
    docs = load_gold([DATA / "timeml"])
    doc = docs[0]
    found = Extraction(article=doc.to_article(), times=(_timex(doc, "rain", "XXXX"),))
    report = score(docs, [found], details=True)
    kinds = {(i.kind, i.text) for i in issues(report, "timex", metric="relaxed")}
    assert kinds == {("miss", "Friday"), ("miss", "next week"), ("false_positive", "rain")}
    assert "'next week'" in render_errors(report, "timex")


def test_issues_need_details():
    docs = load_gold([DATA / "timeml"])
    report = score(docs, [Extraction(article=docs[0].to_article())])
    with pytest.raises(ValueError, match="details"):
        issues(report, "timex")


def test_evaluate_runs_a_real_pipeline():
    from kg.config import Settings
    from kg.extract.pipeline import Pipeline

    report = evaluate([DATA], pipeline=Pipeline(Settings(stages=())), limit=1)
    assert report.docs == 3
    assert report.seconds > 0
    assert report.corpus("news").task("timex").counts["relaxed"].fn == 3


def test_evaluate_reuses_kept_parses(tmp_path):
    from kg.config import Settings
    from kg.extract.pipeline import Pipeline

    pipeline = Pipeline(Settings())
    fresh = evaluate([DATA], pipeline=pipeline)
    first = evaluate([DATA], pipeline=pipeline, parse_cache=tmp_path)
    kept = list(tmp_path.iterdir())
    second = evaluate([DATA], pipeline=pipeline, parse_cache=tmp_path)
    assert [p.suffix for p in kept] == [".spacy"]
    assert list(tmp_path.iterdir()) == kept
    assert fresh.corpora == first.corpora == second.corpora
    assert fresh.corpus("news").task("timex").counts["relaxed"].tp > 0


def test_evaluate_parses_again_when_the_kept_file_is_unreadable(tmp_path):
    from kg.config import Settings
    from kg.extract.pipeline import Pipeline

    pipeline = Pipeline(Settings(stages=("times",)))
    first = evaluate([DATA], pipeline=pipeline, parse_cache=tmp_path)
    (kept,) = tmp_path.iterdir()
    kept.write_bytes(b"not a DocBin")
    again = evaluate([DATA], pipeline=pipeline, parse_cache=tmp_path)
    assert again.corpora == first.corpora
    assert kept.read_bytes() != b"not a DocBin"


@pytest.mark.parametrize(("agent", "place", "agent_counts", "place_counts"), [
    (("Harbor Co", 2), ("Lisbon", 1), (1, 0, 0), (1, 0, 0)),
    (("Ana Silva", 1), None, (0, 1, 1), (0, 0, 1)),
])
def test_events_judges_roles_of_matched_events(agent, place, agent_counts, place_counts):
    doc = _doc("news-1")
    actor = _actor(doc, agent[0], "organisation", agent[1])
    places = (Place(id="lisbon", name="Lisbon", mentions=(_span(doc, place[0], place[1]),)),
              ) if place else ()
    event = Event(id="e-opened", type="OTHER", trigger=_span(doc, "opened"), agents=(actor.id,),
                  place=places[0].id if places else None)
    extraction = Extraction(article=doc.to_article(), actors=(actor,), places=places,
                            events=(event,))
    result = score_events(doc, extraction)
    assert result is not None
    counts = {role: (c.tp, c.fp, c.fn) for role, c in result.counts.items()}
    assert counts["agent"] == agent_counts
    assert counts["place"] == place_counts
    assert counts["target"] == (0, 0, 1)


def test_events_skips_roles_where_participants_are_not_gold():
    doc = _doc("timeml-1")
    result = score_events(doc, Extraction(article=doc.to_article(),
                                          events=(_event(doc, "delayed"),)))
    assert result is not None
    assert "agent" not in result.counts
