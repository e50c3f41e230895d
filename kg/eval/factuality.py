"""Gold factuality: MEANTIME and TimeML event attributes mapped to kg's seven factuality values.

Our own annotations give the value outright (`factuality`). MEANTIME gives `polarity`,
`certainty` and `time` (future or not); TimeML gives `polarity`, `modality` and `tense`. Neither
says whether an event is known only from someone's report, so "reported" is scored as
"asserted" on both sides (`reality`): the corpora judge whether it happened, not who said so.
An attribute left unspecified, or a TimeML infinitive (whose reality TimeML puts in an SLINK,
not on the event), gives no gold value and the event is not judged.
"""

from __future__ import annotations

from kg.eval.gold import GoldEvent

FACTUALITY = ("asserted", "negated", "possible", "planned", "demanded", "ruled_out", "reported")

# TimeML `modality` words (lower-cased) and the value they give a positive event
_MODAL = {
    "may": "possible", "might": "possible", "could": "possible", "can": "possible",
    "would": "possible", "likely": "possible", "possibly": "possible", "projected": "planned",
    "will": "planned", "shall": "planned", "going to": "planned",
    "must": "demanded", "should": "demanded", "have to": "demanded", "need": "demanded",
}


def reality(value: str) -> str:
    """Return the value scored: "reported" counts as "asserted" (no gold says who reported it).

    Examples:
        >>> reality("reported"), reality("planned")
        ('asserted', 'planned')
    """
    return "asserted" if value == "reported" else value


def gold_factuality(event: GoldEvent) -> str | None:
    """Return the gold factuality of an event, or None if its gold does not say.

    Examples:
        >>> gold_factuality(GoldEvent(start=0, end=1, polarity="NEG", certainty="CERTAIN",
        ...                           time="FUTURE"))
        'ruled_out'
        >>> gold_factuality(GoldEvent(start=0, end=1, polarity="POS", modality="could",
        ...                           tense="NONE"))
        'possible'
        >>> gold_factuality(GoldEvent(start=0, end=1, polarity="POS", tense="INFINITIVE")) is None
        True
    """
    if event.factuality is not None:
        return reality(event.factuality)
    if event.certainty is not None:
        return _meantime(event.polarity, event.certainty, event.time)
    if event.polarity:
        return _timeml(event.polarity, (event.modality or "").strip().lower(), event.tense)
    return None


def _meantime(polarity: str | None, certainty: str, time: str | None) -> str | None:
    future = time == "FUTURE"
    if polarity == "NEG" and certainty == "CERTAIN":
        return "ruled_out" if future else "negated"
    if polarity != "POS":
        return None
    if certainty in ("POSSIBLE", "PROBABLE"):
        return "possible"
    if certainty != "CERTAIN" or time not in ("FUTURE", "NON_FUTURE"):
        return None
    return "planned" if future else "asserted"


def _timeml(polarity: str, modality: str, tense: str | None) -> str | None:
    if tense == "INFINITIVE":
        return None
    modal = _MODAL.get(modality) if modality else ("planned" if tense == "FUTURE" else "asserted")
    if modal is None:
        return None  # a modality word we cannot place
    if polarity == "NEG":
        return "negated" if modal in ("asserted", "possible") else "ruled_out"
    return modal if polarity == "POS" else None
