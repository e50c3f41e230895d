"""Keep the spaCy parses of gold documents on disk, so repeated `kg eval` runs only re-run stages.

A parse file holds every document of one run in a `DocBin` and is named by a hash of the model
(name and version), of our code inside the spaCy pipeline (sentence starts from
`kg.articles.header` and `kg.extract.nlp.model`, headline casing from `kg.extract.nlp.truecase`),
and of the texts with their story starts. Anything else changing makes a new file; an unreadable
one is parsed again.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from kg.files import write_whole
from kg.model import Article

if TYPE_CHECKING:
    from kg.extract.pipeline import Pipeline

_log = logging.getLogger(__name__)
_PARSE_CODE = ("kg.articles.header", "kg.extract.nlp.model", "kg.extract.nlp.truecase")


def _key(nlp: Language, articles: Sequence[Article]) -> str:
    digest = hashlib.sha256()
    digest.update(f"{nlp.meta.get('name')}|{nlp.meta.get('version')}|{nlp.pipe_names}".encode())
    for name in _PARSE_CODE:
        digest.update(Path(str(importlib.import_module(name).__file__)).read_bytes())
    for article in articles:
        digest.update(hashlib.sha256(f"{article.body_start}|{article.text}".encode()).digest())
    return digest.hexdigest()[:16]


def parse_cached(pipeline: Pipeline, articles: Sequence[Article], folder: Path) -> list[Doc]:
    """Return the parses of `articles`, read from `folder` if parsed before, else parsed with
    `pipeline` and kept."""
    nlp = pipeline.nlp
    path = folder / f"parses-{_key(nlp, articles)}.spacy"
    if path.exists():
        try:
            docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
            if len(docs) == len(articles):
                return docs
        except (OSError, ValueError) as exc:
            _log.warning("%s: unreadable parse file, parsing again (%s)", path, exc)
    docs = [doc for _, doc in pipeline.parse_many(articles)]
    write_whole(path, DocBin(docs=docs).to_bytes())
    return docs
