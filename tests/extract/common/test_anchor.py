"""Tests for kg.extract.common.anchor: each trigger's time, with its origin and certainty."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.common.anchor import TimeAnchorer
from kg.model import Article

PUBLISHED = date(2021, 3, 10)  # a Wednesday


def _anchors(pipeline, text: str) -> dict[str, tuple[str | None, str | None, float]]:
    """Anchor every verb and noun of `text` (in text order) after the real times stage."""
    article = Article(id="t1", text=text, published=PUBLISHED)
    [(_, doc)] = list(pipeline.parse_many([article]))
    extraction = pipeline.apply(article, doc)
    anchorer = TimeAnchorer(extraction.article, doc, list(extraction.times))
    found = {}
    for token in doc:
        if token.pos_ in ("VERB", "NOUN"):
            anchor = anchorer.anchor(token)
            found[token.text] = (anchor.time.value if anchor.time else None, anchor.origin,
                                 anchor.certainty)
    return found


@pytest.mark.parametrize(("text", "word", "value", "origin"), [
    # a weekday at the end of the sentence beats the day carried from the sentence before
    ("Russian jets bombed Idlib on March 2. Turkish troops withdrew from the post on Tuesday.",
     "withdrew", "2021-03-09", "stated"),
    # ... also for a coordinated clause with the same subject
    ("Russian jets bombed Idlib on March 2. Rebels attacked a convoy and killed 12 soldiers "
     "near the border on Tuesday.", "attacked", "2021-03-09", "stated"),
    # a background clause keeps its own year; the main clause keeps its own day
    ("Syrian forces captured Khan Shaykhun on Monday, which was targeted in a sarin gas attack "
     "in 2017.", "attack", "2017", "stated"),
    ("Syrian forces captured Khan Shaykhun on Monday, which was targeted in a sarin gas attack "
     "in 2017.", "captured", "2021-03-08", "stated"),
    # a governing clause's time
    ("Residents said on Tuesday the army shelled the town.", "shelled", "2021-03-09", "stated"),
    # a past clause without a time takes the narrative's day
    ("Russian jets bombed Idlib on March 2. Rebels shelled the airport.", "shelled",
     "2021-03-02", "narrative"),
    # a background clause's day is not the narrative's
    ("Troops entered the town, which was bombed on March 2. Rebels shelled the airport.",
     "shelled", "2021-03-10", "published"),
    # a day still to come is not the narrative's
    ("The offer runs until March 30. Rebels shelled the airport.", "shelled", "2021-03-10",
     "published"),
    # a participle clause takes the tense of the clause it hangs on
    ("Russian jets bombed Idlib on March 2. Jobs unveiled the phone, saying it was new.",
     "saying", "2021-03-02", "narrative"),
    # the story's own day outlasts a flashback to another period ...
    ("Jobs unveiled the phone on March 9. In April 2020, a blog published a photo of it. "
     "Jobs praised the design.", "praised", "2021-03-09", "narrative"),
    # ... an older day does not: the story has moved to another period
    ("Sanders voted against the war on Sept. 11, 2001. In 2010, he opposed the tax cuts. "
     "He gave a long speech.", "gave", "2021-03-10", "published"),
    # a coarser time that holds the older day leaves it
    ("Sanders voted against the war on Sept. 11, 2001. In 2001, he opposed the tax cuts. "
     "He gave a long speech.", "gave", "2001-09-11", "narrative"),
    # a year that modifies a noun dates the noun and a past clause, not a present one
    ("The senator backs the rules and embraces the 2010 banking law.", "embraces", "2021-03-10",
     "published"),
    ("The senator backs the rules and embraces the 2010 banking law.", "backs", "2021-03-10",
     "published"),
    ("The senator backs the rules and embraces the 2010 banking law.", "law", "2010", "stated"),
    ("The company posted its 2007 results.", "posted", "2007", "stated"),
    ("The senator can win Tuesday's primary.", "win", "2021-03-09", "stated"),  # a day does
    # ... nor a year of a thing someone else owns
    ("The senator repeated Wallace's 1963 refrain.", "repeated",
     "2021-03-10", "published"),
    ("The senator echoed his 2008 campaign.", "echoed", "2008", "stated"),
    # a conjunct told in the present does not take its coordinated clause's old year ...
    ("Sanders marched in the 1963 protest and says he wants to end profiling.", "says",
     "2021-03-10", "published"),
    ("Sanders marched in the 1963 protest and says he wants to end profiling.", "end",
     "2021-03-10", "published"),
    ("Sanders marched in the 1963 protest and says he wants to end profiling.", "marched",
     "1963", "stated"),
    # a day on a noun of a present clause is that thing's, neither the clause's nor the story's
    ("He boasts about his votes: the war, the bailout and the Patriot Act after the Sept. 11, "
     "2001, attacks. He secured money for "
     "farmers.", "boasts", "2021-03-10", "published"),
    ("He boasts about his votes: the war, the bailout and the Patriot Act after the Sept. 11, "
     "2001, attacks. He secured money for "
     "farmers.", "secured", "2021-03-10", "published"),
    # a year in a phrase describing the subject dates who the subject is, not what it does
    ("The move pays off, said David Axelrod, the top strategist on Obama's 2008 campaign.",
     "said", "2021-03-10", "published"),
    ("The 2008 crisis hit the banks hard.", "hit", "2008", "stated"),
    ("The mayor of Paris in 2010 said the plan failed.", "said", "2010", "stated"),
    # ... but a day of the story's own week it does
    ("Sanders marched on Tuesday and says he wants to end profiling.", "says", "2021-03-09",
     "stated"),
    # present tense: the publication day, said so
    ("The rebels hold the airport.", "hold", "2021-03-10", "published"),
])
def test_anchor_time_and_origin(pipeline, text, word, value, origin):
    assert _anchors(pipeline, text)[word][:2] == (value, origin)


def test_anchor_certainty_falls_from_stated_to_published(pipeline):
    found = _anchors(pipeline, "Russian jets bombed Idlib on March 2. Rebels shelled the "
                               "airport. The rebels hold the airport.")
    assert found["bombed"][2] > found["hold"][2] > found["shelled"][2]


def test_anchor_without_publication_day_has_no_time(pipeline):
    article = Article(id="t1", text="The rebels hold the airport.")
    [(_, doc)] = list(pipeline.parse_many([article]))
    extraction = pipeline.apply(article, doc)
    anchor = TimeAnchorer(extraction.article, doc, list(extraction.times)).anchor(doc[2])
    assert (anchor.time, anchor.origin) == (None, None)
