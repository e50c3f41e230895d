"""Tests for the `events` stage: triggers, types, arguments, place, time and negation."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kg.extract.common.anchor import is_calendar
from kg.extract.events.lexicon import PLOVER_TYPES, lexicon
from kg.extract.events.stage import find_events
from kg.keys import actor_id, place_id
from kg.model import Actor, Article, Extraction, Place, Span, Timex

PUBLISHED = date(2021, 3, 10)  # a Wednesday


def _spans(text: str, name: str) -> tuple[Span, ...]:
    return tuple(Span(start=m.start(), end=m.end(), text=name)
                 for m in re.finditer(re.escape(name), text, re.IGNORECASE))


def _extract(nlp, text: str, *, actors=(), places=(), times=()):
    """Run the events stage on `text` with hand-built actors, places and times."""
    extraction = Extraction(
        article=Article(id="t1", text=text, published=PUBLISHED),
        actors=tuple(Actor(id=actor_id(n), name=n, kind=k, mentions=_spans(text, n))
                     for n, k in actors),
        places=tuple(Place(id=place_id(n), name=n, mentions=_spans(text, n)) for n in places),
        times=tuple(Timex(id=f"t{text.index(w)}", start=text.index(w),
                          end=text.index(w) + len(w), text=w, value=v) for w, v in times),
    )
    return find_events(extraction, nlp(text)).events


@pytest.mark.parametrize(("text", "label", "plover", "cameo"), [
    ("The rebels withdrew from the valley.", "withdraw", "RETREAT", "0874"),
    ("The rebels pulled back from the valley.", "pull back", "RETREAT", "0874"),
    ("Jets carried out an air strike near the dam.", "strike", "ASSAULT", "195"),
    ("The militia launched an offensive against the port.", "offensive", "ASSAULT", "190"),
    ("The army captured the hilltop village.", "capture", "COERCE", "192"),
    ("Soldiers surrounded the old fortress.", "surround", "COERCE", "191"),
    ("The town was hit by a chemical attack.", "attack", "ASSAULT", "2041"),
    ("The two governments signed a trade pact.", "sign", "SUPPORT", "057"),
    ("The opposition denounced the new law.", "denounce", "ACCUSE", "111"),
    ("Police arrested three journalists.", "arrest", "COERCE", "173"),
    ("Thousands of workers protested in the square.", "protest", "PROTEST", "140"),
    ("The ministers met in the capital.", "meet", "CONSULT", "040"),
    ("The navy deployed two frigates.", "deploy", "MOBILIZE", "154"),
])
def test_find_events_types_trigger(nlp, text, label, plover, cameo):
    events = [e for e in _extract(nlp, text) if e.cameo is not None]
    assert [(e.label, e.type, e.cameo) for e in events] == [
        (label, f"conflict.{plover.lower()}", cameo)]
    event = events[0]
    assert text[event.trigger.start:event.trigger.end] == event.trigger.text


@pytest.mark.parametrize(("text", "word", "kind", "timeml"), [
    ("Airbus delivered the first A380 to Singapore Airlines.", "delivered",
     "business.delivery", "OCCURRENCE"),
    ("The delivery of the A380 was delayed.", "delivery", "business.delivery", "OCCURRENCE"),
    ("The merger of the two banks closed in May.", "merger", "business.deal", "OCCURRENCE"),
    ("The layoffs hit the plant hard.", "layoffs", "business.employment", "OCCURRENCE"),
    ("The carmaker's bankruptcy filing came on Monday.", "filing", "law.lawsuit", "OCCURRENCE"),
    ("The storm flooded the coast.", "storm", "disaster.natural", "OCCURRENCE"),
    ("Voters went to the polls in the election.", "election", "politics.election", "OCCURRENCE"),
    ("The company said profits would rise.", "said", "communication.statement", "REPORTING"),
    ("Investors fear a recession.", "fear", "general.attitude", "I_STATE"),
    ("The talks continued into the night.", "continued", "general.aspectual", "ASPECTUAL"),
    ("The firm was insolvent by March.", "insolvent", "business.bankruptcy", "STATE"),
    ("Shares of the carmaker fell 3% on Monday.", "fell", "markets.price_change", "OCCURRENCE"),
    ("Hillary Clinton attacked Donald Trump over his tax plan.", "attacked",
     "politics.criticism", "OCCURRENCE"),
    ("The minister said the finance bill would be withdrawn.", "withdrawn",
     "politics.policy_change", "OCCURRENCE"),
    ("The party hopes to capture votes in the north.", "capture", "politics.election",
     "OCCURRENCE"),
    # classes.toml evidence: "fire" dismisses only people or staff
    ("The carmaker will fire 3,000 employees.", "fire", "business.employment", "OCCURRENCE"),
    ("The campaign has come under fire for violence.", "fire", "general.occurrence",
     "OCCURRENCE"),
    ("The senator fired back at his rival.", "fired", "general.occurrence", "OCCURRENCE"),
])
def test_find_events_types_by_sense(nlp, text, word, kind, timeml):
    found = {e.trigger.text: (e.type, e.timeml_class) for e in _extract(nlp, text)}
    assert found[word] == (kind, timeml)


@pytest.mark.parametrize("text", [
    "The weather was pleasant all week.",
    "The Human Rights Council is in Geneva.",
    "The old station stands near the river.",
])
def test_find_events_ignores_non_events(nlp, text):
    assert [e.trigger.text for e in _extract(nlp, text) if e.cameo is not None] == []
    assert [e.trigger.text for e in _extract(nlp, text)
            if e.timeml_class not in ("STATE", "OCCURRENCE") or e.label == "station"] == []


def test_find_events_one_event_for_signing_a_deal(nlp):
    events = _extract(nlp, "The neighbours signed a border deal.")
    assert [e.label for e in events] == ["sign"]


@pytest.mark.parametrize(("text", "agents", "targets"), [
    ("The army attacked the rebels.", ["the army"], ["the rebels"]),
    ("The rebels were attacked by the army.", ["the army"], ["the rebels"]),
    ("The army launched an attack on the rebels.", ["the army"], ["the rebels"]),
    ("The rebels withdrew from the army's positions.", ["the rebels"], ["the army"]),
])
def test_find_events_resolves_agents_and_targets(nlp, text, agents, targets):
    events = [e for e in _extract(nlp, text, actors=[("the army", "military"),
                                                     ("the rebels", "armed_group")])
              if e.cameo is not None]  # the political event, not "launched"
    assert len(events) == 1
    assert list(events[0].agents) == [actor_id(a) for a in agents]
    assert list(events[0].targets) == [actor_id(t) for t in targets]


@pytest.mark.parametrize(("text", "place"), [
    ("Troops withdrew from Bazaria on Monday.", "Bazaria"),
    ("Fighters attacked a checkpoint in Bazaria.", "Bazaria"),
    ("The army seized Bazaria after a long siege.", "Bazaria"),
])
def test_find_events_place_from_locative_phrase(nlp, text, place):
    events = _extract(nlp, text, places=[place])
    assert events[0].place == place_id(place)


def test_find_events_place_absent_without_locative(nlp):
    events = _extract(nlp, "Bazaria said troops withdrew.", places=["Bazaria"])
    assert [e.place for e in events if e.label == "withdraw"] == [None]


@pytest.mark.parametrize(("text", "negated"), [
    ("The army did not attack the town.", True),
    ("The army never withdrew.", True),
    ("The army attacked the town.", False),
])
def test_find_events_negation(nlp, text, negated):
    assert [e.negated for e in _extract(nlp, text)] == [negated]


def test_find_events_time_from_own_clause(nlp):
    text = "The rebels withdrew on Monday."
    events = _extract(nlp, text, times=[("Monday", "2021-03-08")])
    assert events[0].time.value == "2021-03-08"
    assert events[0].time_span.text == "Monday"


def test_find_events_time_from_year_keeps_granularity(nlp):
    text = "The village was shelled in 2017."
    events = _extract(nlp, text, times=[("2017", "2017")])
    assert events[0].time.value == "2017"


def test_find_events_present_tense_takes_publication_day(nlp):
    events = _extract(nlp, "The rebels are withdrawing from the valley.")
    assert events[0].time.value == PUBLISHED.isoformat()
    assert events[0].time_span is None


def test_find_events_past_tense_inherits_narrative_time(nlp):
    text = "Rebels attacked the base on Monday. Troops withdrew after the battle."
    events = _extract(nlp, text, times=[("Monday", "2021-03-08")])
    by_label = {e.label: e for e in events}
    assert by_label["withdraw"].time.value == "2021-03-08"
    assert by_label["withdraw"].confidence < by_label["attack"].confidence


def test_find_events_durations_do_not_date_events(nlp):
    text = "The rebels attacked for three days."
    events = _extract(nlp, text, times=[("three days", "P3D")])
    assert events[0].time.value == PUBLISHED.isoformat()


def test_find_events_skips_header_before_body(nlp):
    text = "Attack report\nThe army attacked the town."
    extraction = Extraction(article=Article(id="t2", text=text, published=PUBLISHED,
                                            body_start=text.index("The")))
    events = find_events(extraction, nlp(text)).events
    assert [e.trigger.start for e in events] == [text.index("attacked")]


def test_lexicon_codes_have_plover_types():
    lex = lexicon()
    for code in lex.codes():
        assert re.fullmatch(r"\d{3,4}", code), code
        assert lex.plover(code) in PLOVER_TYPES


def test_lexicon_agrees_with_vocab_table():
    from kg.vocab import CAMEO_TO_PLOVER

    lex = lexicon()
    for code in lex.codes():
        assert CAMEO_TO_PLOVER.get(code) == lex.plover(code), code


@pytest.mark.parametrize(("value", "kind", "expected"), [
    ("2019-08-20", "DATE", True), ("2019-W34", "DATE", True), ("2017", "DATE", True),
    ("P3D", "DURATION", False), ("PRESENT_REF", "DATE", False), ("XXXX-WXX-1", "SET", False),
])
def test_is_calendar(value, kind, expected):
    timex = Timex(id="t", start=0, end=1, text="x", type=kind, value=value)
    assert is_calendar(timex) is expected


def test_lexicon_classes_are_concepts_of_the_scheme():
    from kg.vocab import EVENT_CLASSES
    lex = lexicon()
    assert set((lex.classes or {}).values()) <= set(EVENT_CLASSES)
    assert {f"conflict.{p.lower()}" for p in PLOVER_TYPES} <= set(EVENT_CLASSES)


def test_lexicon_timeml_lists_name_timeml_classes():
    from kg.extract.events.lexicon import TIMEML_CLASSES
    assert set((lexicon().timeml or {}).values()) <= set(TIMEML_CLASSES) - {"OCCURRENCE"}


@pytest.mark.parametrize(("text", "word", "role", "who"), [
    # roles.toml `process`: a process that goes on is the theme of "continue", a person acts
    ("The fighting continued after the army attacked the town.", "continued", "target",
     "The fighting"),
    ("The borrowing persisted for years.", "persisted", "target", "The borrowing"),
    ("John Smith continued, citing the losses.", "continued", "agent", "John Smith"),
    ("The army continued to attack the town.", "continued", "agent", "The army"),
    ("John Smith asked the army to cease firing.", "cease", "agent", "the army"),
    # `person_acts`: a person who loses (a race) is who did it; a market undergoes it
    ("John Smith lost badly in Ohio.", "lost", "agent", "John Smith"),
    ("The index lost 300 points on Monday.", "lost", "target", "The index"),
])
def test_find_events_subject_role_of_process_verbs(nlp, text, word, role, who):
    events = _extract(nlp, text, actors=[("John Smith", "person"), ("the army", "military")])
    event = next(e for e in events if e.trigger.text == word)
    assert (role, who) in [(p.role, p.mention.text) for p in event.participants]
