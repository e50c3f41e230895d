"""Parse headlines in Title Case or CAPITALS as if they were written in running-text case.

The small English model reads "Clinton Slams Trump On Abortion" as one long name: no verb, and
one PERSON "Clinton Slams Trump". The `kg_headline_case` component finds such lines, writes each
word as the article itself writes it elsewhere ("slams", but "Trump"), or, for a word the article
uses nowhere else, in lower case if it is an English word the model's lemmatizer knows, parses
that line again, and puts its tags, lemmas, parse and entities on the original tokens. The text
and the token boundaries of the article do not change.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, cast

import numpy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from kg.extract.common.text import doc_text

if TYPE_CHECKING:
    from thinc.types import Ints2d

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]['\"’”)]*\s+|[\"“‘(]|\n\s*)$")
_ATTRS: list[int | str] = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD"]
_POS = ("verb", "adj", "adv")  # not nouns: the noun list holds names ("morton", "clinton")
MIN_WORDS = 3  # fewer words are a name, a label or a byline, not a headline
MAX_CHARS = 240  # a longer line is a paragraph
TITLE_SHARE = 0.8  # of the content words capitalised, for a Title Case line
MAX_ACRONYM = 4  # letters of a word in a line of capitals that may be an acronym ("NATO")


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of lines written in Title Case or in capitals.

    Examples:
        >>> headline_lines("Mayor Vows To Fight Cuts\\nThe mayor said she would fight.")
        [(0, 24)]
    """
    found = []
    for line in _LINE.finditer(text):
        if len(line.group()) > MAX_CHARS:
            continue
        words = _WORD.findall(line.group())
        content = [w for w in words if w.lower() not in STOP_WORDS and len(w) > 1]
        if len(words) < MIN_WORDS or len(content) < 2:
            continue
        capitalised = sum(w[0].isupper() for w in content)
        if capitalised >= TITLE_SHARE * len(content):
            start = line.start() + len(line.group()) - len(line.group().lstrip())
            found.append((start, line.start() + len(line.group().rstrip())))
    return found


class _Casing:
    """How an article writes its words outside headlines: lower case, capitalised, or not at all."""

    def __init__(self, text: str, headlines: Iterable[tuple[int, int]],
                 known: Callable[[str], bool]) -> None:
        self.known = known
        self.lower: Counter[str] = Counter()
        self.capital: dict[str, Counter[str]] = {}  # inside a sentence: a name's spelling
        self.initial: Counter[str] = Counter()  # capitalised first words of sentences
        cut = [0]
        for start, end in headlines:
            cut += [start, end]
        cut.append(len(text))
        for part in range(0, len(cut), 2):
            self._count(text, cut[part], cut[part + 1])

    def _count(self, text: str, start: int, end: int) -> None:
        for match in _WORD.finditer(text, start, end):
            word = match.group()
            if word.islower():
                self.lower[word] += 1
            elif _SENTENCE_START.search(text[max(0, match.start() - 4):match.start()]):
                self.initial[word.lower()] += 1
            else:
                self.capital.setdefault(word.lower(), Counter())[word] += 1

    def running(self, word: str, *, capitals: bool) -> str:
        """Return `word` as running text would write it: "Slams" -> "slams", "Trump" kept.

        A word the article uses nowhere else is written in lower case if it is a stop word or
        a verb, adjective or adverb the lemmatizer knows; nouns keep their capital, as the word
        lists hold many names. In a line of capitals such a word is capitalised ("OLYMPICS" ->
        "Olympics"), but a short one is taken for an acronym ("NATO").
        """
        key = word.lower()
        written = self.capital.get(key)
        capital = sum(written.values()) if written else 0
        if self.lower[key] > capital:
            return key
        if written:
            return written.most_common(1)[0][0]
        if self.initial[key] or key == "i":
            return word if not capitals else word.capitalize()
        if key in STOP_WORDS or self.known(key):
            return key
        if word.isupper() and (not capitals or len(word) <= MAX_ACRONYM):
            return word  # an acronym the article never spells out ("SCOTUS")
        return word.capitalize() if capitals else word


def truecase(line: str, casing: _Casing) -> str:
    """Return `line` with each word in running-text case; the first word keeps its capital."""
    out = list(line)
    capitals = not any(c.islower() for c in line)
    for n, match in enumerate(_WORD.finditer(line)):
        word = match.group()
        new = casing.running(word, capitals=capitals)
        if n == 0 and new.islower():
            new = new[0].upper() + new[1:]
        if len(new) == len(word):
            out[match.start():match.end()] = new
    return "".join(out)


def _known_word(nlp: Language) -> Callable[[str], bool]:
    """Return a test of whether a lower-case word is in the lemmatizer's English word lists."""
    if "lemmatizer" not in nlp.pipe_names:
        return lambda _word: False
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    index, exceptions, rules = (lookups.get_table(t) for t in
                                ("lemma_index", "lemma_exc", "lemma_rules"))
    tables = [(index.get(p, ()), exceptions.get(p, {}), rules.get(p, [])) for p in _POS]

    def known(word: str) -> bool:
        return any(word in base or word in irregular or any(
            word.endswith(old) and word[:len(word) - len(old)] + new in base
            for old, new in suffixes) for base, irregular, suffixes in tables)

    return known


def _own_trees(line: Span) -> bool:
    """Return whether the parse of `line` is trees of its own: no arc leaves or enters it
    (but the line break after it, which hangs on a word of the line)."""
    inside = range(line.start, line.end)
    return all(t.head.i in inside and all(c.i in inside or c.is_space for c in t.children)
               for t in line)


def _aligned(line: Span, parsed: Doc) -> bool:
    return len(parsed) == len(line) and all(
        t.idx - line.start_char == p.idx and len(t) == len(p)
        for t, p in zip(line, parsed, strict=True))


def _copy(doc: Doc, lines: list[tuple[Span, Doc]]) -> None:
    """Put the annotations of each parsed (truecased) line on the tokens of its `line`."""
    lines = [(line, parsed) for line, parsed in lines
             if _aligned(line, parsed) and _own_trees(line)]
    if not lines:
        return
    full = numpy.asarray(doc.to_array(_ATTRS))
    ents = list(doc.ents)
    for line, parsed in lines:
        full[line.start:line.end] = numpy.asarray(parsed.to_array(_ATTRS))
        ents = [e for e in ents if e.end <= line.start or e.start >= line.end]
        ents += [Span(doc, line.start + e.start, line.start + e.end, label=e.label_)
                 for e in parsed.ents]
    doc.from_array(_ATTRS, cast("Ints2d", full))
    doc.ents = sorted(ents, key=lambda e: e.start)


class HeadlineCase:
    """The `kg_headline_case` component: re-parse Title Case and capital lines (see module).

    `pipe` parses the headlines of a whole batch of articles together, as `nlp.pipe` does.
    """

    NAME = "kg_headline_case"

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.known = _known_word(nlp)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Re-parse the headlines of `docs`, a batch at a time, and yield the docs in order."""
        for batch in minibatch(docs, batch_size):  # type: ignore[no-untyped-call]
            jobs = [(doc, line, cased) for doc in batch for line, cased in self._headlines(doc)]
            parsed = self._parse([cased for _, _, cased in jobs])
            for doc in batch:
                _copy(doc, [(line, p) for (d, line, _), p in zip(jobs, parsed, strict=True)
                            if d is doc])
                yield doc

    def _headlines(self, doc: Doc) -> list[tuple[Span, str]]:
        """Return each headline of `doc` that truecasing changes, with its truecased text."""
        text = doc_text(doc)
        lines = headline_lines(text)
        if not lines:
            return []
        casing = _Casing(text, lines, self.known)
        found = []
        for start, end in lines:
            line = doc.char_span(start, end)
            cased = truecase(text[start:end], casing)
            if line is not None and cased != text[start:end]:
                found.append((line, cased))
        return found

    def _parse(self, texts: list[str]) -> list[Doc]:
        docs = [self.nlp.make_doc(text) for text in texts]
        for name, component in self.nlp.pipeline:
            if name != self.name and not name.startswith("kg_") and docs:
                docs = list(component.pipe(docs) if hasattr(component, "pipe")
                            else map(component, docs))
        return docs


@Language.factory(HeadlineCase.NAME)
def make_headline_case(nlp: Language, name: str) -> HeadlineCase:
    """Build the `kg_headline_case` component for `nlp`."""
    return HeadlineCase(nlp, name)
