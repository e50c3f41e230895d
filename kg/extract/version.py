"""The extractor version: a short hash of everything that decides what extraction produces (the
code and lexicons of `kg.extract`, the model and its version, the settings fingerprint), so a
stored graph made by other rules can be told apart from one the current code would make.

It is known without loading the model (the model version comes from its installed package), so
a re-run can decide what to skip before it parses anything.
"""

from __future__ import annotations

import functools
import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kg.config import Settings

SOURCE_SUFFIXES = (".py", ".toml", ".tsv", ".txt")
"""The files under `kg/extract/` that decide what extraction produces: code and lexicons."""

_PACKAGE = Path(__file__).resolve().parent


def source_digest(root: Path) -> str:
    """Return a hash of the code and lexicon files under `root`, names and contents.

    Files are read in the sorted order of their paths relative to `root` (as POSIX text), so the
    hash is the same on every machine and for any checkout location.

    Args:
        root: The folder to read (the `kg/extract` package, or a copy of it).

    Examples:
        >>> len(source_digest(_PACKAGE))
        64
    """
    digest = hashlib.sha256()
    files = sorted(
        (path.relative_to(root).as_posix(), path)
        for path in root.rglob("*")
        if path.suffix in SOURCE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts
    )
    for name, path in files:
        content = path.read_bytes()
        # the name and the length frame each file, so moving bytes between files changes the hash
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _package_digest() -> str:
    """Hash the installed `kg/extract` sources once per process."""
    return source_digest(_PACKAGE)


@functools.lru_cache(maxsize=4)
def model_version(name: str) -> str:
    """Return the version of the installed model package `name`, or "unknown"."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def extractor_version(settings: Settings, *, sources: str | None = None) -> str:
    """Return the short hash that names what extraction produces under `settings`.

    Args:
        settings: Gives the model and the settings fingerprint (stages, base IRI, disabled rules).
        sources: A `source_digest` to use instead of the installed package's (computed once per
            process).

    Examples:
        >>> len(extractor_version(Settings()))
        12
    """
    parts = (sources or _package_digest(), settings.model, model_version(settings.model),
             settings.fingerprint())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]
