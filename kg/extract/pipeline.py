"""The stage registry, `@stage`, and the `Pipeline` that applies stages in order over spaCy docs.

A stage is `(extraction, doc) -> extraction`: it reads the article's spaCy `Doc` and the records
earlier stages produced, and returns a new `Extraction`. This module never imports a stage module;
`kg/extract/__init__.py` does, and so registers them all.
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

from spacy.language import Language
from spacy.tokens import Doc

from kg.config import Settings
from kg.errors import (
    ArticleTimeoutError,
    KGError,
    ParseError,
    StageError,
    StageOrderError,
    UnknownStageError,
)
from kg.extract.common.budget import OutOfTime, check, within
from kg.extract.nlp.model import article_doc, load_model
from kg.extract.version import extractor_version
from kg.model import Article, Extraction, ExtractionRun

Stage = Callable[[Extraction, Doc], Extraction]
StageFactory = Callable[[Settings], Stage]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep the cyclic garbage collector from running during one article's stages.

    The stages make tens of thousands of records, tokens and memos that live until the article
    is done, beside a parsed batch of docs; every collection the allocations set off walked all
    of them and freed almost nothing (they are freed by reference counting when the article
    ends): ~7 ms an article, a sixth of the stages. The collector runs again after the article,
    when its objects are gone (it stays off if it was off).
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its name, what it reads, what it adds, and how to build it."""

    name: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]
    factory: StageFactory


REGISTRY: dict[str, StageSpec] = {}


def stage(name: str, *, requires: tuple[str, ...] = (), produces: tuple[str, ...] = ()
          ) -> Callable[[Stage], Stage]:
    """Register a stateless stage function under `name`."""

    def register(fn: Stage) -> Stage:
        REGISTRY[name] = StageSpec(name, requires, produces, lambda _settings: fn)
        return fn

    return register


def stage_factory(name: str, *, requires: tuple[str, ...] = (), produces: tuple[str, ...] = ()
                  ) -> Callable[[StageFactory], StageFactory]:
    """Register a factory that builds a stage needing loaded resources from `Settings`."""

    def register(factory: StageFactory) -> StageFactory:
        REGISTRY[name] = StageSpec(name, requires, produces, factory)
        return factory

    return register


def resolve(names: Iterable[str]) -> list[StageSpec]:
    """Look up stages by name and check every `requires` against earlier `produces`.

    Raises:
        UnknownStageError: If a name is not registered.
        StageOrderError: If a stage needs something no earlier stage produces.
    """
    specs: list[StageSpec] = []
    available = {"article", "doc"}
    for name in names:
        if name not in REGISTRY:
            raise UnknownStageError(name, REGISTRY)
        spec = REGISTRY[name]
        for need in spec.requires:
            if need not in available:
                raise StageOrderError(name, need)
        available.update(spec.produces)
        specs.append(spec)
    return specs


def _tool_version() -> str:
    try:
        return version("kg")
    except PackageNotFoundError:
        return "0+unknown"


class Pipeline:
    """Runs the configured stages over articles, parsing them in batches with `nlp.pipe`."""

    def __init__(self, settings: Settings | None = None, *, nlp: Language | None = None) -> None:
        self.settings = settings or Settings()
        self.specs = resolve(self.settings.stages)
        self.nlp = nlp if nlp is not None else load_model(self.settings.model)
        self.nlp.max_length = max(self.nlp.max_length, self.settings.max_chars)
        self.stages = [(spec.name, spec.factory(self.settings)) for spec in self.specs]
        self.run_info = ExtractionRun(
            version=_tool_version(),
            model=self.settings.model,
            model_version=str(self.nlp.meta.get("version", "unknown")),
            stages=tuple(spec.name for spec in self.specs),
            settings_hash=self.settings.fingerprint(),
            extractor=extractor_version(self.settings),
        )

    def apply(self, article: Article, doc: Doc, *, after: Extraction | None = None,
              first: int = 0, last: int | None = None) -> Extraction:
        """Apply every stage to one parsed article, or only the stages `first` to `last` (an
        index range) to what the earlier stages made (`after`), as `kg eval --ablate` does.

        The stages share a budget of `settings.article_seconds`, checked between them and
        inside their longest loops (`kg.extract.common.budget`).

        Raises:
            StageError: If a stage fails with anything but a `KGError`.
            ArticleTimeoutError: If the stages take longer than `settings.article_seconds`.
        """
        extraction = Extraction(article=article, run=self.run_info) if after is None else after
        seconds = self.settings.article_seconds
        with within(seconds), _collector_paused():
            for name, fn in self.stages[first:last]:
                try:
                    check()
                    extraction = fn(extraction, doc)
                except KGError:
                    raise
                except OutOfTime:
                    raise ArticleTimeoutError(article.id, seconds) from None
                except Exception as exc:
                    raise StageError(name, article.id) from exc
        return extraction

    def run(self, article: Article) -> Extraction:
        """Extract one article."""
        return self.apply(article, self.nlp(article_doc(self.nlp, article.text,
                                                        article.body_start)))

    def run_many(self, articles: Iterable[Article], *, batch_size: int | None = None
                 ) -> Iterator[Extraction | KGError]:
        """Extract many articles, parsing them in batches with `nlp.pipe`.

        A failure on one article is yielded in its place, so the rest of the batch goes on.
        """
        return self.apply_many(self.parse_each(articles, batch_size=batch_size))

    def parse_many(self, articles: Iterable[Article], *, batch_size: int | None = None
                   ) -> Iterator[tuple[Article, Doc]]:
        """Parse articles in batches with `nlp.pipe`, each Doc knowing where its story begins."""
        size = batch_size or self.settings.batch_size
        docs = ((article_doc(self.nlp, a.text, a.body_start), a) for a in articles)
        for doc, article in self.nlp.pipe(docs, as_tuples=True, batch_size=size):
            yield article, doc

    def parse_each(self, articles: Iterable[Article], *, batch_size: int | None = None
                   ) -> Iterator[tuple[Article, Doc | KGError]]:
        """Parse articles like `parse_many`, yielding a `ParseError` for an article spaCy fails on.

        A batch that fails is parsed again one article at a time, so only the article that makes
        spaCy raise is lost.
        """
        size = batch_size or self.settings.batch_size
        pending = iter(articles)
        while batch := list(itertools.islice(pending, size)):
            try:
                parsed: list[tuple[Article, Doc | KGError]] = list(
                    self.parse_many(batch, batch_size=size))
            except Exception:  # noqa: BLE001  (any failure inside spaCy; retried one by one)
                parsed = [(article, self._parse_one(article)) for article in batch]
            yield from parsed

    def _parse_one(self, article: Article) -> Doc | KGError:
        try:
            return self.nlp(article_doc(self.nlp, article.text, article.body_start))
        except KGError as exc:
            return exc
        except Exception as exc:  # noqa: BLE001  (spaCy's failure becomes the article's error)
            error = ParseError(article.id)
            error.__cause__ = exc
            return error

    def apply_many(self, parsed: Iterable[tuple[Article, Doc | KGError]]
                   ) -> Iterator[Extraction | KGError]:
        """Apply the stages to parsed articles, yielding a failure in its article's place."""
        for article, doc in parsed:
            if isinstance(doc, KGError):
                yield doc
                continue
            try:
                yield self.apply(article, doc)
            except KGError as exc:
                yield exc
