"""The sentence that starts the story comes from the article (its `body_start`), not from a
second analysis of the header."""

from __future__ import annotations

from kg.extract.nlp.model import article_doc

TEXT = "Alpha beta gamma delta said the minister on Monday."


def test_the_story_starts_where_the_article_says(nlp) -> None:  # type: ignore[no-untyped-def]
    start = TEXT.index("gamma")
    doc = nlp(article_doc(nlp, TEXT, start))
    assert [t.text for t in doc if t.is_sent_start][:2] == ["Alpha", "gamma"]


def test_a_doc_of_bare_text_has_its_header_analysed(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    assert [t.text for t in doc if t.is_sent_start] == ["Alpha"]
