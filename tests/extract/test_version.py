"""Tests for kg.extract.version: the extractor version follows the code, lexicons and settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.config import Settings
from kg.extract import version
from kg.extract.version import extractor_version, source_digest

PACKAGE = Path(version.__file__).resolve().parent


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A copy of the kg/extract folder to edit."""
    return Path(shutil.copytree(PACKAGE, tmp_path / "extract",
                                ignore=shutil.ignore_patterns("__pycache__")))


@pytest.mark.parametrize("lexicon", ["events/events.toml", "common/titles.txt",
                                     "actors/descriptors.tsv"])
def test_version_source_digest_changes_with_a_lexicon(sources: Path, lexicon: str) -> None:
    before = source_digest(sources)
    path = sources / lexicon
    path.write_bytes(path.read_bytes() + b"\n")
    assert source_digest(sources) != before


@pytest.mark.parametrize("name", ["notes.md", "__pycache__/pipeline.cpython-311.pyc"])
def test_version_source_digest_ignores_other_files(sources: Path, name: str) -> None:
    before = source_digest(sources)
    (sources / name).parent.mkdir(exist_ok=True)
    (sources / name).write_bytes(b"not extraction")
    assert source_digest(sources) == before


def test_version_source_digest_is_the_same_for_a_copy(sources: Path) -> None:
    assert source_digest(sources) == source_digest(PACKAGE)


@pytest.mark.parametrize("changed", [
    Settings(disabled_rules=("statements.cue.anything",)),
    Settings(stages=("times", "places")),
    Settings(base_iri="https://example.org/"),
])
def test_version_changes_with_the_settings_fingerprint(changed: Settings) -> None:
    assert extractor_version(changed) != extractor_version(Settings())


@pytest.mark.parametrize("settings", [Settings()])
def test_version_changes_with_the_sources(sources: Path, settings: Settings) -> None:
    edited = sources / "common" / "titles.txt"
    edited.write_text(edited.read_text("utf-8") + "archduke\n", "utf-8")
    assert extractor_version(settings, sources=source_digest(sources)) != \
        extractor_version(settings)
    assert extractor_version(settings) == extractor_version(settings.model_copy())
