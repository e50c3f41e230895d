"""The organisation-kind words of `org_kinds.tsv`, read through `Lexicon.org_kind`."""

from __future__ import annotations

import pytest

from kg.extract.common.names import load_lexicon


@pytest.mark.parametrize(("name", "kind"), [
    ("Marine Corps", "military"),
    ("Royal Marines", "military"),
    ("Syrian Army", "military"),
    ("Democracy Corps", None),  # a polling firm: 'corps' alone is no army's
    ("Peace Corps", None),
    ("Fox News", "media"),
    # one word run together from a short name and an outlet's head word
    ("HuffPost", "media"),
    ("HuffPost Politics", "media"),
    ("McDonald", None),
    ("YouTube", None),
    # a political action committee is a kind of body, like a committee
    ("Conservative Solutions PAC", "organisation"),
])
def test_org_kind_reads_the_kind_words(name: str, kind: str | None) -> None:
    assert load_lexicon().org_kind(name) == kind
