"""The doc's tree gives what spaCy's own Token attributes give, on a real parsed article."""

from __future__ import annotations

from kg.extract.common.tree import ancestors, children, dep, head, tree
from kg.extract.pipeline import Pipeline
from kg.model import Article


def test_tree_matches_spacy(pipeline: Pipeline, seed_article: Article) -> None:
    doc = next(iter(pipeline.parse_many([seed_article])))[1]
    parse = tree(doc)
    assert len(parse.tokens) == len(doc) > 100
    for token in doc:
        assert children(token) == list(token.children)
        assert children(token, "nsubj", "dobj") == [
            c for c in token.children if c.dep_ in ("nsubj", "dobj")]
        assert head(token) == token.head
        assert dep(token) == token.dep_
        assert ancestors(token) == list(token.ancestors)
    assert tree(doc) is parse  # built once per doc


def test_tree_follows_the_doc_asked_about(pipeline: Pipeline) -> None:
    first = pipeline.nlp("Troops left Idlib.")
    second = pipeline.nlp("Rebels shelled the town on Monday.")
    assert [dep(t) for t in first] == [t.dep_ for t in first]
    assert [dep(t) for t in second] == [t.dep_ for t in second]
    assert [head(t).i for t in first] == [t.head.i for t in first]
