"""Text helpers the stages share: the article text of a parsed doc, joined once, and where each
of its sentences starts and ends, found once."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extract.common.tree import tree

_TEXT = "kg.text"
_ENTITIES = "kg.entities"
_SENTENCES = "kg.sentences"  # per token: its sentence's (start, end, start_char, end_char)
_WORDS = "kg.words"  # each word's tokens, in text order


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


def entities(doc: Doc) -> tuple[Span, ...]:
    """Return the named entities of `doc`, as `doc.ents`, made once and kept in `doc.user_data`.

    spaCy's `Doc.ents` builds a new span for every entity on each call, and the stages ask
    a dozen times an article. A doc's entities are not changed after its parse.

    Examples:
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Hamas", "left", "Gaza"], ents=["B-ORG", "O", "B-GPE"])
        >>> [(e.text, e.label_) for e in entities(doc)] == [(e.text, e.label_) for e in doc.ents]
        True
    """
    ents = doc.user_data.get(_ENTITIES)
    if not isinstance(ents, tuple):
        ents = tuple(doc.ents)
        doc.user_data[_ENTITIES] = ents
    return ents


def tokens_written(doc: Doc, word: str) -> tuple[Token, ...]:
    """Return the tokens of `doc` written `word`, in text order, as
    `[t for t in doc if t.text == word]`: the tokens are grouped by their text in one walk of
    the doc, kept in `doc.user_data` (the actors stage asks for a word's tokens a few dozen
    times an article, and each walk of a doc makes a new `Token` for each of its words).

    Examples:
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Rain", "fell", "(", "rain", ")", "Rain"])
        >>> [t.i for t in tokens_written(doc, "Rain")], tokens_written(doc, "snow")
        ([0, 5], ())
    """
    words = doc.user_data.get(_WORDS)
    if not isinstance(words, dict):
        grouped: dict[str, list[Token]] = {}
        for token in tree(doc).tokens:
            grouped.setdefault(token.text, []).append(token)
        words = {text: tuple(tokens) for text, tokens in grouped.items()}
        doc.user_data[_WORDS] = words
    found: tuple[Token, ...] = words.get(word, ())
    return found


def sentence_start(token: Token) -> int:
    """Return the index of the first token of the token's sentence, as `token.sent.start`.

    spaCy's `Token.sent` builds two spans and walks the sentence on each call; the stages ask
    it for pairs of cues and times, so the start of every token's sentence is found once per
    doc and kept in `doc.user_data`.

    Examples:
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Rain", "fell", ".", "It", "stopped"],
        ...           sent_starts=[True, False, False, True, False])
        >>> [sentence_start(t) for t in doc] == [t.sent.start for t in doc] == [0, 0, 0, 3, 3]
        True
    """
    return _sentence(token)[0]


def sentence_end(token: Token) -> int:
    """Return the index after the last token of the token's sentence, as `token.sent.end`,
    found once per doc (see `sentence_start`).

    Examples:
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Rain", "fell", ".", "It", "stopped"],
        ...           sent_starts=[True, False, False, True, False])
        >>> [sentence_end(t) for t in doc] == [t.sent.end for t in doc] == [3, 3, 3, 5, 5]
        True
    """
    return _sentence(token)[1]


def sentence_chars(token: Token) -> tuple[int, int]:
    """Return the character offsets of the token's sentence, as `token.sent.start_char` and
    `token.sent.end_char`, found once per doc (see `sentence_start`).

    Examples:
        >>> from spacy.vocab import Vocab
        >>> doc = Doc(Vocab(), words=["Rain", "fell", ".", "It", "stopped"],
        ...           sent_starts=[True, False, False, True, False])
        >>> [sentence_chars(t) for t in doc] == [(t.sent.start_char, t.sent.end_char)
        ...                                      for t in doc]
        True
    """
    _, _, start, end = _sentence(token)
    return start, end


def _sentence(token: Token) -> tuple[int, int, int, int]:
    """Return the token's sentence's token and character bounds, from one walk over the doc's
    sentences kept in `doc.user_data`."""
    doc = token.doc
    bounds = doc.user_data.get(_SENTENCES)
    if not isinstance(bounds, tuple):
        bounds = tuple((sent.start, sent.end, sent.start_char, sent.end_char)
                       for sent in doc.sents for _ in range(len(sent)))
        doc.user_data[_SENTENCES] = bounds
    found: tuple[int, int, int, int] = bounds[token.i]
    return found
