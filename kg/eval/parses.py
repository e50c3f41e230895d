"""Keep the spaCy parses of gold documents on disk, so repeated `kg eval` runs only re-run stages.

A parse file holds every document of one run in a `DocBin` and is named by a hash of the model
(name and version), of our code inside the spaCy pipeline (sentence starts from
`kg.articles.header` and `kg.extract.nlp.model`, headline casing from `kg.extract.nlp.truecase`),
and of the texts. Anything else changing makes a new file; an unreadable one is parsed again.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from kg.files import write_whole

_log = logging.getLogger(__name__)
_PARSE_CODE = ("kg.articles.header", "kg.extract.nlp.model", "kg.extract.nlp.truecase")


def _key(nlp: Language, texts: Sequence[str]) -> str:
    digest = hashlib.sha256()
    digest.update(f"{nlp.meta.get('name')}|{nlp.meta.get('version')}|{nlp.pipe_names}".encode())
    for name in _PARSE_CODE:
        digest.update(Path(str(importlib.import_module(name).__file__)).read_bytes())
    for text in texts:
        digest.update(hashlib.sha256(text.encode()).digest())
    return digest.hexdigest()[:16]


def parse_cached(nlp: Language, texts: Sequence[str], folder: Path, *, batch_size: int
                 ) -> list[Doc]:
    """Return the parses of `texts`, read from `folder` if parsed before, else parsed and kept."""
    path = folder / f"parses-{_key(nlp, texts)}.spacy"
    if path.exists():
        try:
            docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
            if len(docs) == len(texts):
                return docs
        except (OSError, ValueError) as exc:
            _log.warning("%s: unreadable parse file, parsing again (%s)", path, exc)
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    write_whole(path, DocBin(docs=docs).to_bytes())
    return docs
