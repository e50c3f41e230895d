"""Text helpers the stages share: the article text of a parsed doc, joined once."""

from __future__ import annotations

from spacy.tokens import Doc

_TEXT = "kg.text"


def doc_text(doc: Doc) -> str:
    """Return the text of `doc`, joined from its tokens once and kept in `doc.user_data`.

    spaCy's `Doc.text` joins every token again on each call, which made the stages quadratic
    in the article length (one join per cue, span or phrase looked at).

    Examples:
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Rain", "fell"])
        >>> doc_text(doc) == doc.text == doc_text(doc)
        True
    """
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT] = text
    return text
