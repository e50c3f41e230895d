"""Deterministic keys for records: the same input always yields the same ids and IRIs."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
_SAFE_ID = re.compile(r"[A-Za-z0-9._~-]+")


def slug(name: str) -> str:
    """Turn a display name into a lowercase, hyphenated key.

    Args:
        name: Name as written in the article.

    Returns:
        ASCII letters and digits joined by single hyphens.

    Raises:
        ValueError: If nothing usable is left after normalising.

    Examples:
        >>> slug("  Acme Corp. ")
        'acme-corp'
        >>> slug("Hayat Tahrir al-Sham")
        'hayat-tahrir-al-sham'
        >>> slug("Maarat al-Nu’man")
        'maarat-al-numan'
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = folded.lower().replace("'", "")
    key = _NON_WORD.sub("-", folded).strip("-")
    if not key:
        raise ValueError(f"no usable characters in name {name!r}")
    return key


@functools.lru_cache(maxsize=256)  # every event, statement and time of an article asks again
def article_key(article_id: str) -> str:
    """Return the IRI-safe key of an article id.

    An id of IRI-safe characters is its own key; any other id is slugged, and when the slug
    drops letters or digits that have no ASCII form (Arabic, Chinese, "ß") a short hash of the
    whole id is added, so that such ids neither fail nor share a key with each other. Different
    ids can still share a key ("AFP 2019" and "afp-2019"): the ingest reports that as a clash.

    Raises:
        ValueError: If the id is empty.

    Examples:
        >>> article_key("000_6fba463f02e9fc5b")
        '000_6fba463f02e9fc5b'
        >>> article_key("AFP/2019 08 20")
        'afp-2019-08-20'
        >>> article_key("日本語")
        'a-77710aedc7'
        >>> article_key("news/تقرير 1")
        'news-1-8183dec339'
    """
    if not article_id:
        raise ValueError("an article id must not be empty")
    if _SAFE_ID.fullmatch(article_id):
        return article_id
    folded = _NON_WORD.sub("-", _ascii(article_id).lower().replace("'", "")).strip("-")
    if folded and not _drops_letters(article_id):
        return folded
    digest = hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{folded or 'a'}-{digest}"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _drops_letters(text: str) -> bool:
    """Tell whether folding to ASCII loses a letter or digit (not just an accent)."""
    return any(ch.isalnum() and not _ascii(ch) for ch in text if not ch.isascii())


def actor_id(name: str) -> str:
    """Return the id of an actor from its canonical name, shared across articles.

    Examples:
        >>> actor_id("Vladimir Putin")
        'vladimir-putin'
    """
    return slug(name)


def local_actor_id(article_id: str, description: str) -> str:
    """Return the id of an actor an article only describes ("a military source", "residents").

    The same words in another article are most likely someone else, so the id is the
    article's: one node per description per article.

    Examples:
        >>> local_actor_id("AFP/2019 08 20", "military source")
        'afp-2019-08-20--military-source'
    """
    return f"{article_key(article_id)}--{slug(description)}"


def place_id(name: str, geonames_id: int | None = None) -> str:
    """Return the id of a place: its GeoNames id where known, else its name.

    Examples:
        >>> place_id("Khan Shaykhun", 170017)
        'geonames-170017'
        >>> place_id("the Idlib region")
        'the-idlib-region'
    """
    return f"geonames-{geonames_id}" if geonames_id is not None else slug(name)


def mention_key(article_id: str, start: int, end: int) -> str:
    """Return the key of a mention: its article and its offsets.

    Examples:
        >>> mention_key("a017", 12, 18)
        'a017/12-18'
    """
    return f"{article_key(article_id)}/{start}-{end}"


def event_id(article_id: str, start: int) -> str:
    """Return the id of an event from its article and the offset of its trigger.

    Examples:
        >>> event_id("a017", 312)
        'a017-e312'
    """
    return f"{article_key(article_id)}-e{start}"


def statement_id(article_id: str, start: int) -> str:
    """Return the id of a statement from its article and the offset of its cue.

    A cue starts one statement only: the finder joins the attributions of one cue ("“A,” they
    chanted, “B.”") and drops a cue inside a longer one.

    Examples:
        >>> statement_id("a017", 1203)
        'a017-s1203'
    """
    return f"{article_key(article_id)}-s{start}"


def timex_id(article_id: str, start: int) -> str:
    """Return the id of a time expression from its article and its offset.

    Examples:
        >>> timex_id("a017", 40)
        'a017-t40'
    """
    return f"{article_key(article_id)}-t{start}"
