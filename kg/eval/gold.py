"""Gold documents of the shared evaluation format, read into frozen records.

The format is documented in `shared/eval/README.md`: one JSON file per document, offsets into
`text` (end exclusive), a `layers` table saying which annotation types are gold, and
`annotated_regions` limiting where predictions count.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kg.articles.header import analyse
from kg.errors import ArticleFormatError
from kg.model import Article

_log = logging.getLogger(__name__)


class GoldRecord(BaseModel):
    """Base of gold records: frozen, and fields the scorers do not use are ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)


class GoldSpan(GoldRecord):
    """A stretch of gold text; a discontinuous span lists its pieces in `fragments`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = ""
    fragments: tuple[GoldSpan, ...] = ()

    @property
    def pieces(self) -> tuple[tuple[int, int], ...]:
        """Return the character ranges to score: the fragments, or the whole span."""
        if self.fragments:
            return tuple((f.start, f.end) for f in self.fragments)
        return ((self.start, self.end),)


class GoldEntity(GoldSpan):
    """An entity mention: instance type (PER/ORG/LOC/...) and syntactic type (NAM/NOM/...)."""

    type: str | None = None
    syntactic_type: str | None = None
    external_ref: str | None = None  # the DBpedia resource the mention names, if linked


class GoldTimex(GoldSpan):
    """A TIMEX3 mention with its type and normalised value."""

    type: str
    value: str | None = None


class GoldParticipant(GoldSpan):
    """A participant of an event mention and its PropBank role (Arg0, Arg1, Argm-LOC, ...)."""

    role: str


class GoldEvent(GoldSpan):
    """An event mention, its class, participants, the date it is anchored to (if any) and the
    attributes its factuality is read from (`kg.eval.factuality`)."""

    event_class: str | None = Field(default=None, alias="class")
    time_value: str | None = None
    participants: tuple[GoldParticipant, ...] = ()
    factuality: str | None = None  # our own annotations: one of kg's factuality values
    polarity: str | None = None  # MEANTIME and TimeML: POS / NEG / UNDERSPECIFIED
    certainty: str | None = None  # MEANTIME: CERTAIN / POSSIBLE / PROBABLE / UNDERSPECIFIED
    time: str | None = None  # MEANTIME: FUTURE / NON_FUTURE / UNDERSPECIFIED
    modality: str | None = None  # TimeML: the modal word ("would", "could", ...)
    pos: str | None = None  # part of speech of the trigger (VERB, NOUN, ...)
    tense: str | None = None  # TimeML: PAST / PRESENT / FUTURE / INFINITIVE / ...


class GoldQuote(GoldRecord):
    """An attribution relation: source (speaker), cue and content spans, each optional."""

    speaker: GoldSpan | None = None
    cue: GoldSpan | None = None
    content: GoldSpan | None = None


class Layers(GoldRecord):
    """Which annotation types are gold: "gold ...", "derived ..." or "none"."""

    entities: str = "none"
    timex: str = "none"
    events: str = "none"
    quotes: str = "none"
    participants: str = "none"

    def status(self, layer: str) -> str:
        """Return "gold", "derived" or "none" for a layer name.

        Raises:
            ValueError: If the layer is not one of entities, timex, events, quotes, participants.
        """
        if layer not in type(self).model_fields:
            known = sorted(type(self).model_fields)
            raise ValueError(f"unknown gold layer {layer!r}; known layers: {known}")
        word = str(getattr(self, layer)).split(maxsplit=1)
        return word[0].lower() if word and word[0].lower() in ("gold", "derived") else "none"


class GoldDoc(GoldRecord):
    """One gold document: text, date, title, scored regions, layers and annotations."""

    id: str
    text: str
    dct: datetime | date | None = None
    title: str | None = None
    publisher: str | None = None
    annotated_regions: tuple[tuple[int, int], ...] | None = None
    layers: Layers = Layers()
    entities: tuple[GoldEntity, ...] = ()
    timex: tuple[GoldTimex, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    quotes: tuple[GoldQuote, ...] = ()

    @property
    def corpus(self) -> str:
        """Return the corpus name: the id prefix before the first hyphen."""
        return self.id.split("-", 1)[0]

    def to_article(self) -> Article:
        """Return the article the pipeline reads: id, text, title, publisher and the DCT."""
        published = self.dct
        if isinstance(published, datetime) and published.time() == datetime.min.time():
            published = published.date()
        return Article(id=self.id, text=self.text, title=self.title, publisher=self.publisher,
                       published=published)

    def story_start(self) -> int:
        """Return where the story begins after header lines, for the parse: gold texts carry
        no reader's `body_start`, and every part of them is scored."""
        return analyse(self.text).body_start


def read_doc(path: Path) -> GoldDoc:
    """Read one gold JSON file.

    Raises:
        ArticleFormatError: If the file cannot be read or does not fit the gold format.
    """
    try:
        return GoldDoc.model_validate_json(path.read_bytes())
    except (OSError, ValidationError) as exc:
        raise ArticleFormatError(str(path), f"not a gold document: {exc}") from exc


def gold_files(directory: Path) -> list[Path]:
    """Return the gold JSON files of a corpus folder, or of every corpus folder below it.

    Below a folder of corpus folders, a folder whose first JSON file is no gold document (a
    benchmark in another format, such as a cross-document timeline task) is skipped with a
    warning.

    Raises:
        ArticleFormatError: If the directory holds no gold JSON file.
    """
    files = sorted(directory.glob("*.json"))
    if not files:
        for folder in sorted(p for p in directory.iterdir() if p.is_dir()):
            found = sorted(folder.glob("*.json"))
            try:
                if found:
                    read_doc(found[0])
            except ArticleFormatError as exc:
                _log.warning("skipping %s: not a folder of gold documents (%s)", folder,
                             str(exc).splitlines()[0])
                continue
            files += found
    if not files:
        raise ArticleFormatError(str(directory), "no gold *.json files here or one level down")
    return files


def load_gold(directories: Iterable[Path], *, limit: int | None = None) -> list[GoldDoc]:
    """Read the gold documents of each directory, in file order.

    Args:
        directories: Corpus folders, or folders holding corpus folders.
        limit: Keep at most this many documents per corpus, evenly spaced in file order, so
            that a small sample still spans the publishers and sources a corpus is sorted by.

    Raises:
        ArticleFormatError: If a directory holds no gold files or a file is malformed.
    """
    paths = dict.fromkeys(f.resolve() for d in directories for f in gold_files(Path(d)))
    docs = [read_doc(path) for path in paths]
    if limit is None:
        return docs
    by_corpus: dict[str, list[GoldDoc]] = {}
    for doc in docs:
        by_corpus.setdefault(doc.corpus, []).append(doc)
    keep = {id(group[i * len(group) // limit])
            for group in by_corpus.values() for i in range(min(limit, len(group)))}
    return [doc for doc in docs if id(doc) in keep]
