"""Where reports of one event cluster disagree: the time, who did it, whether it happened, how
many victims, what amount; each report's claim is kept side by side with its source.

`disagreements` compares what each report says (`Said`, read by `kg.identity.events`), and
`add_claims` writes one `kg:Claim` per report and disputed aspect into a cluster's graph.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from kg.identity.numbers import Quantity, quantity
from kg.vocab import KG

# classes whose targets are victims: a count in a target phrase ("killed 12 people") is one
VICTIM_CLASSES = ("conflict.assault", "health.death", "health.injury", "disaster", "law.crime")


@dataclass(frozen=True)
class Said:
    """What one report of a cluster says about the aspects reports may disagree on."""

    event: str
    time: str | None
    earliest: date | None
    latest: date | None
    factuality: str
    agents: tuple[str, ...]  # canonical actor names, sorted
    # the time was stated for the event itself, not borrowed from the narrative or the article's
    # day: only a stated time is a claim the source makes
    stated: bool = True
    phrases: tuple[tuple[str, str], ...] = ()  # (role, text) of each participant phrase


def _victims(event_type: str) -> bool:
    local = event_type.rstrip("/").rsplit("/", 1)[-1]
    return any(local == c or local.startswith(f"{c}.") for c in VICTIM_CLASSES)


def numbers(said: Said, event_type: str) -> dict[str, list[tuple[str, Quantity]]]:
    """Return a report's numbers by aspect: "victims" (a count in a target phrase, for classes
    of `VICTIM_CLASSES`) and "amount" (money in any phrase), each with its phrase.

    Examples:
        >>> s = Said("e", None, None, None, "asserted", (), phrases=(("target", "12 people"),
        ...          ("agent", "the rebels")))
        >>> [(a, [p for p, _ in v]) for a, v in numbers(s, "x/conflict.assault").items()]
        [('victims', ['12 people'])]
    """
    found: dict[str, list[tuple[str, Quantity]]] = {}
    for role, text in said.phrases:
        amount = quantity(text)
        if amount is None:
            continue
        if amount.currency is not None:
            found.setdefault("amount", []).append((text, amount))
        elif role == "target" and _victims(event_type):
            found.setdefault("victims", []).append((text, amount))
    return found


def disagreements(reports: Sequence[Said], event_type: str = ""
                  ) -> dict[str, list[tuple[Said, str]]]:
    """Return, for each aspect the reports disagree on, each report's value for it.

    Reports disagree on the time when two of them state day bounds that do not overlap,
    on who did it when two name agents and no agent is in both, on whether it happened when one
    denies it and another asserts it, on the victims or the amount when two give numbers that
    cannot be the same ("12 people" and "at least 30 civilians"; amounts of one currency only).
    A report that leaves an aspect out does not disagree.

    Examples:
        >>> a = Said("e1", "2019-08-19", date(2019, 8, 19), date(2019, 8, 19), "asserted",
        ...          ("Russia",), phrases=(("target", "12 people"),))
        >>> b = Said("e2", "2019-08-20", date(2019, 8, 20), date(2019, 8, 20), "asserted",
        ...          ("Syria",), phrases=(("target", "at least 30 civilians"),))
        >>> sorted(disagreements([a, b], "x/conflict.assault"))
        ['agents', 'time', 'victims']
    """
    found: dict[str, list[tuple[Said, str]]] = {}
    timed = [s for s in reports if s.earliest is not None and s.latest is not None
             and s.stated]
    if _any_pair(timed, _times_apart):
        found["time"] = [(s, s.time or f"{s.earliest}") for s in timed]
    named = [s for s in reports if s.agents]
    if _any_pair(named, lambda a, b: not set(a.agents) & set(b.agents)):
        found["agents"] = [(s, "; ".join(s.agents)) for s in named]
    if {s.factuality == "negated" for s in reports} == {True, False}:
        found["factuality"] = [(s, s.factuality) for s in reports]
    told = {s.event: numbers(s, event_type) for s in reports}
    for aspect in ("victims", "amount"):
        given = [told[s.event][aspect] for s in reports if aspect in told[s.event]]
        if any(_apart(a, b) for i, a in enumerate(given) for b in given[i + 1:]):
            found[aspect] = [(s, "; ".join(text for text, _ in told[s.event][aspect]))
                             for s in reports if aspect in told[s.event]]
    return found


def _any_pair(reports: Sequence[Said], differ: Callable[[Said, Said], bool]) -> bool:
    return any(differ(a, b) for i, a in enumerate(reports) for b in reports[i + 1:])


def _times_apart(a: Said, b: Said) -> bool:
    return a.latest is not None and b.earliest is not None and a.latest < b.earliest \
        or b.latest is not None and a.earliest is not None and b.latest < a.earliest


def _apart(ones: list[tuple[str, Quantity]], others: list[tuple[str, Quantity]]) -> bool:
    """Tell whether two reports' numbers cannot be the same: some of one currency (or both
    counts) are comparable, and none of those meet."""
    pairs = [(a, b) for _, a in ones for _, b in others if a.currency == b.currency]
    return bool(pairs) and not any(a.meets(b) for a, b in pairs)


def add_claims(graph: Graph, cluster: URIRef, event_type: str, reports: Sequence[Said]) -> None:
    """Add to a graph the aspects a cluster's reports disagree on and each report's claim."""
    for aspect, values in disagreements(reports, event_type).items():
        graph.add((cluster, KG.disagreesOn, Literal(aspect)))
        for said, value in values:
            claim = URIRef(f"{cluster}/{aspect}/{said.event.rsplit('/', 1)[-1]}")
            graph.add((claim, RDF.type, KG.Claim))
            graph.add((claim, KG.claimOf, cluster))
            graph.add((claim, KG.aspect, Literal(aspect)))
            graph.add((claim, KG.claimValue, Literal(value)))
            graph.add((claim, PROV.wasDerivedFrom, URIRef(said.event)))
