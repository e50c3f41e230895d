"""Tests for kg/timeline/_sentence.py: the sentence around a trigger, found without a parser in
the stored text, and trimmed around the trigger when long."""

from __future__ import annotations

import pytest

from kg.timeline._sentence import MAX_CHARS, sentence_around, sentences

TEXT = ("Rebels leave Idlib town\n"
        "MAARET AL-NOMAN, Syria (AFP) - Mr. Assad's forces entered the U.S.-backed zone on "
        "Tuesday. \"We will stay,\" Gen. J. Smith said. Talks failed!\n"
        "Shelling went on\nthrough the night. (Three died.) 2019 was calm.")


CASES = [
    ("leave", "Rebels leave Idlib town"),  # a headline ends at its line break
    ("entered", "MAARET AL-NOMAN, Syria (AFP) - Mr. Assad's forces entered the U.S.-backed "
                "zone on Tuesday."),  # "Mr." and "U.S." end no sentence
    ("stay", "\"We will stay,\" Gen. J. Smith said."),  # nor a title or an initial
    ("failed", "Talks failed!"),
    ("Shelling", "Shelling went on\nthrough the night."),  # a wrapped line goes on in lower case
    ("died", "(Three died.)"),
    ("calm", "2019 was calm."),
]


@pytest.mark.parametrize(("trigger", "sentence"), CASES)
def test_sentence_around_finds_the_sentence_of_a_trigger(trigger: str, sentence: str) -> None:
    start = TEXT.index(trigger)
    found = sentence_around(TEXT, start, start + len(trigger))
    assert found.text == sentence == TEXT[found.start:found.end]
    assert not found.cut_before and not found.cut_after


def test_sentences_split_the_text_in_order() -> None:
    assert [TEXT[first:last] for first, last in sentences(TEXT)] == [s for _, s in CASES]


@pytest.mark.parametrize("where", [0.0, 0.5, 0.98])
def test_sentence_around_trims_a_long_sentence_at_words_around_the_trigger(where: float) -> None:
    words = [f"w{i}" for i in range(300)]
    text = " ".join(words) + "."
    at = text.index(words[int(len(words) * where)] + " ")
    found = sentence_around(text, at, at + 4)
    assert found.start <= at and at + 4 <= found.end
    assert len(found.text) <= MAX_CHARS
    assert len(found.text) > MAX_CHARS - 10  # the room goes to the other side near an end
    assert found.text.split()[0] in words and found.text.rstrip(".").split()[-1] in words
    assert found.cut_before == (found.start > 0) and found.cut_after == (found.end < len(text))


def test_sentence_around_keeps_a_trigger_across_a_boundary() -> None:
    text = "It ended. Then it began again."
    found = sentence_around(text, text.index("ended"), text.index("began"))
    assert found.text == text
