"""rdflib namespace objects: `KG` (ontology terms, closed, mirrors `ontology/kg.ttl`), instance IRIs
under a configurable base, the news event classes and the PLOVER and CAMEO concept schemes, and the
standard prefixes to bind.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

KG_NS = "https://w3id.org/kg-timeline/ontology#"
EVENT_CLASS = Namespace("https://w3id.org/kg-timeline/event-class/")
EVENT_CLASS_SCHEME = URIRef(str(EVENT_CLASS))
PLOVER = Namespace("https://w3id.org/kg-timeline/plover/")
CAMEO = Namespace("https://w3id.org/kg-timeline/cameo/")
PLOVER_SCHEME = URIRef(str(PLOVER))
CAMEO_SCHEME = URIRef(str(CAMEO))

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEONAMES = Namespace("https://sws.geonames.org/")


class KG(DefinedNamespace):
    """Terms of the kg ontology (`ontology/kg.ttl`) and its SHACL shapes (`ontology/shapes.ttl`).

    Closed: an unknown term such as `KG.hasActr` raises `AttributeError`.
    """

    _NS = Namespace(KG_NS)
    _fail = True

    # classes
    Article: URIRef
    Actor: URIRef
    Person: URIRef
    Organisation: URIRef
    Government: URIRef
    Military: URIRef
    ArmedGroup: URIRef
    MediaOrganisation: URIRef
    State: URIRef
    Group: URIRef
    Product: URIRef
    FinancialInstrument: URIRef
    CanonicalActor: URIRef
    EventCluster: URIRef
    Claim: URIRef
    Place: URIRef
    Event: URIRef
    Participant: URIRef
    Statement: URIRef
    TimeExpression: URIRef
    Mention: URIRef
    ExtractionRun: URIRef
    # article
    articleId: URIRef
    text: URIRef
    title: URIRef
    url: URIRef
    publisher: URIRef
    published: URIRef
    pageDate: URIRef
    language: URIRef
    textHash: URIRef
    bodyStart: URIRef
    sourcePath: URIRef
    dateline: URIRef
    datelinePlace: URIRef
    datelinePlaceName: URIRef
    datelineRegion: URIRef
    datelineMention: URIRef
    agency: URIRef
    # provenance of a record and its mentions
    reportedIn: URIRef
    hasMention: URIRef
    trigger: URIRef
    cue: URIRef
    content: URIRef
    speakerMention: URIRef
    timeMention: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    inArticle: URIRef
    sentence: URIRef
    order: URIRef
    # actors and places
    name: URIRef
    alias: URIRef
    kind: URIRef
    affiliation: URIRef
    country: URIRef
    sameAs: URIRef
    locatedIn: URIRef
    geonamesId: URIRef
    countryCode: URIRef
    latitude: URIRef
    longitude: URIRef
    # events
    eventType: URIRef
    timemlClass: URIRef
    cameo: URIRef
    label: URIRef
    hasActor: URIRef
    hasAgent: URIRef
    hasTarget: URIRef
    hasRecipient: URIRef
    hasInstrument: URIRef
    hasParticipant: URIRef
    participantRole: URIRef
    refersTo: URIRef
    atPlace: URIRef
    attributedTo: URIRef
    confidence: URIRef
    rule: URIRef
    negated: URIRef
    factuality: URIRef
    timeOrigin: URIRef
    # event clusters across articles (kg.identity.events)
    hasReport: URIRef
    reportCount: URIRef
    clusterClass: URIRef
    involves: URIRef
    clusterAgent: URIRef
    clusterPlace: URIRef
    disagreesOn: URIRef
    claimOf: URIRef
    aspect: URIRef
    claimValue: URIRef
    readStamp: URIRef
    # time
    timeValue: URIRef
    timeType: URIRef
    granularity: URIRef
    timeMod: URIRef
    date: URIRef
    earliest: URIRef
    latest: URIRef
    timeText: URIRef
    # statements
    speaker: URIRef
    direct: URIRef
    channel: URIRef
    reports: URIRef
    # extraction runs
    tool: URIRef
    toolVersion: URIRef
    model: URIRef
    modelVersion: URIRef
    stage: URIRef
    settingsHash: URIRef
    extractor: URIRef
    # SHACL shapes (ontology/shapes.ttl)
    ArticleShape: URIRef
    ActorShape: URIRef
    PlaceShape: URIRef
    EventShape: URIRef
    ParticipantShape: URIRef
    StatementShape: URIRef
    MentionShape: URIRef
    TimeExpressionShape: URIRef
    TimeShape: URIRef
    ExtractionRunShape: URIRef
    EventClusterShape: URIRef
    ClaimShape: URIRef
    SoftwareAgentShape: URIRef
    GeneratedGraphShape: URIRef


def _settle(namespace: type[DefinedNamespace]) -> None:
    """Set each declared term on the class itself, as a plain attribute.

    A DefinedNamespace looks every `KG.x` up through its metaclass's `__getattr__`, about 0.7 µs;
    the RDF writer reads a term for each of the ~2,000 triples of an article. Unknown terms still
    fail, since they are not set.
    """
    for name in namespace.__annotations__:
        setattr(namespace, name, namespace[name])


_settle(KG)


EVENT_CLASSES: tuple[str, ...] = (
    "general", "general.occurrence", "general.state", "general.aspectual",
    "general.perception", "general.intention", "general.attitude", "communication",
    "communication.statement", "communication.meeting", "economy", "economy.indicator",
    "economy.crisis", "business", "business.deal", "business.product_launch",
    "business.production", "business.delivery", "business.order", "business.sale",
    "business.earnings", "business.employment", "business.bankruptcy",
    "business.investment", "business.restructuring", "markets", "markets.price_change",
    "markets.trading", "politics", "politics.election", "politics.appointment",
    "politics.resignation", "politics.legislation", "politics.policy_change",
    "politics.criticism", "law", "law.lawsuit", "law.investigation", "law.arrest",
    "law.trial", "law.verdict", "law.crime", "conflict", "disaster", "disaster.natural",
    "disaster.accident", "disaster.emergency", "health", "health.disease",
    "health.treatment", "health.death", "health.injury", "science", "science.research",
    "science.technology", "sport", "sport.competition", "sport.result", "society",
    "society.ceremony", "society.event", "society.travel", "conflict.agree",
    "conflict.consult", "conflict.support", "conflict.concede", "conflict.cooperate",
    "conflict.aid", "conflict.retreat", "conflict.request", "conflict.accuse",
    "conflict.reject", "conflict.threaten", "conflict.protest", "conflict.sanction",
    "conflict.mobilize", "conflict.coerce", "conflict.assault",
)
"""The notations of the news event classes of `ontology/event_classes.ttl` (the values of
`Event.type`), broader classes first."""

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


def _cameo_table() -> dict[str, str]:
    # After the PLOVER project's CAMEO2PLOVER-2021 table, with its DEMAND renamed REQUEST as in
    # PLOVER 2021; CAMEO 01 (statements) and 02 (appeals) have no PLOVER type, and the root 08
    # YIELD splits into CONCEDE and RETREAT, so those codes are absent.
    table: dict[str, str] = {}
    groups = {
        "AGREE": "03 030 031 0311 0312 0313 0314 032 033 0331 0332 0333 0334 034 0341 0342 0343"
                 " 0344 035 0351 0352 0353 0354 0355 0356 036 037 038 039",
        "CONSULT": "04 040 041 042 043 044 045 046",
        "SUPPORT": "05 050 051 052 053 054 055 056 057",
        "COOPERATE": "06 060 061 062 063 064",
        "AID": "07 070 071 072 073 074 075",
        "CONCEDE": "080 081 0811 0812 082 083 0831 0832 0833 0834",
        "RETREAT": "0813 0814 084 0841 0842 085 086 0861 0862 0863 087 0871 0872 0873 0874",
        "REQUEST": "10 100 101 1011 1012 1013 1014 102 103 1031 1032 1033 1034 104 1041 1042"
                   " 1043 1044 105 1051 1052 1053 1054 1055 1056 106 107 108",
        "ACCUSE": "09 090 091 092 093 094 11 110 111 112 1121 1122 1123 1124 1125 113 114 115"
                  " 116",
        "REJECT": "12 120 121 1211 1212 1213 1214 122 1221 1222 1223 1224 123 1231 1232 1233"
                  " 1234 124 1241 1242 1243 1244 1245 1246 125 126 127 128 129",
        "THREATEN": "13 130 131 1311 1312 1313 132 1321 1322 1323 1324 133 134 135 136 137 138"
                    " 1381 1382 1383 1384 1385 139",
        "PROTEST": "14 140 141 1411 1412 1413 1414 142 1421 1422 1423 1424 143 1431 1432 1433"
                   " 1434 144 1441 1442 1443 1444 145 1451 1452 1453 1454",
        "MOBILIZE": "15 150 151 152 153 154",
        "SANCTION": "16 160 161 162 1621 1622 1623 164 165 166 1661 1662 1663",
        "COERCE": "17 170 171 1711 172 1721 1722 1723 1724 173 174 163 191 192",
        "ASSAULT": "18 180 181 182 1821 1822 1823 183 1831 1832 1833 184 185 186 175 1712 19 190"
                   " 193 194 195 196 20 200 201 202 203 204 2041 2042",
    }
    for plover, codes in groups.items():
        for code in codes.split():
            table[code] = plover
    return table


CAMEO_TO_PLOVER = MappingProxyType(_cameo_table())
"""CAMEO event code ("195", "0874", root "18") -> PLOVER event type ("ASSAULT")."""

PREFIXES = MappingProxyType({
    "kg": Namespace(KG_NS),
    "evc": EVENT_CLASS,
    "plover": PLOVER,
    "cameo": CAMEO,
    "sem": SEM,
    "nif": NIF,
    "gaf": GAF,
    "geo": WGS84,
    "schema": SDO,
    "prov": PROV,
    "time": TIME,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
    "dcterms": DCTERMS,
})
"""The standard prefixes bound on every graph kg writes (plus `kgr:` for the instance base)."""


@dataclass(frozen=True)
class Iris:
    """Mints the instance IRIs (`kgr:`) under one base; every method takes an IRI-safe key.

    Examples:
        >>> kgr = iris("https://example.org/id/")
        >>> str(kgr.actor("acme-corp"))
        'https://example.org/id/actor/acme-corp'
        >>> str(kgr.mention("a017", 12, 18))
        'https://example.org/id/mention/a017/12-18'
    """

    base: str

    @property
    def namespace(self) -> Namespace:
        """Return the base as an rdflib namespace (`KGR["actor/acme-corp"]`)."""
        return Namespace(self.base)

    def article(self, key: str) -> URIRef:
        """Return kgr:article/{key}."""
        return URIRef(f"{self.base}article/{key}")

    def graph(self, key: str) -> URIRef:
        """Return kgr:graph/{key}, the named graph holding one article."""
        return URIRef(f"{self.base}graph/{key}")

    def actor(self, key: str) -> URIRef:
        """Return kgr:actor/{key}."""
        return URIRef(f"{self.base}actor/{key}")

    def place(self, key: str) -> URIRef:
        """Return kgr:place/{key}."""
        return URIRef(f"{self.base}place/{key}")

    def event(self, key: str) -> URIRef:
        """Return kgr:event/{key}."""
        return URIRef(f"{self.base}event/{key}")

    def statement(self, key: str) -> URIRef:
        """Return kgr:statement/{key}."""
        return URIRef(f"{self.base}statement/{key}")

    def timex(self, key: str) -> URIRef:
        """Return kgr:timex/{key}."""
        return URIRef(f"{self.base}timex/{key}")

    def mention(self, article_key: str, start: int, end: int) -> URIRef:
        """Return kgr:mention/{article-key}/{start}-{end}."""
        return URIRef(f"{self.base}mention/{article_key}/{start}-{end}")

    def run(self, digest: str) -> URIRef:
        """Return kgr:run/{digest}, the extraction activity that made one article graph."""
        return URIRef(f"{self.base}run/{digest}")

    def agent(self, digest: str) -> URIRef:
        """Return kgr:agent/{digest}, the software (kg and its language model) that extracted."""
        return URIRef(f"{self.base}agent/{digest}")

    def provenance(self, key: str) -> URIRef:
        """Return kgr:provenance/{key}, the graph of when the run of one article's graph ran."""
        return URIRef(f"{self.base}provenance/{key}")


@functools.lru_cache(maxsize=16)
def iris(base_iri: str) -> Iris:
    """Return the IRI minter for instances under `base_iri` (which must end in "/" or "#").

    Raises:
        ValueError: If `base_iri` does not end in "/" or "#".
    """
    if not base_iri.endswith(("/", "#")):
        raise ValueError(f"base IRI {base_iri!r} must end in '/' or '#'")
    return Iris(base_iri)


def bind_prefixes(graph: Graph, base_iri: str) -> None:
    """Bind the standard prefixes and `kgr:` (the instance base) on `graph`, replacing others."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("kgr", Namespace(base_iri), override=True, replace=True)


def ontology_path(name: str) -> Path:
    """Return the path of a file of the ontology, such as "kg.ttl" or "shapes.ttl".

    A wheel installs the repository's `ontology/` folder as `kg/ontology/` (pyproject's
    `package-dir`); a source checkout or editable install reads it where it is.
    """
    package = Path(__file__).resolve().parent
    installed = package / "ontology" / name
    return installed if installed.exists() else package.parent / "ontology" / name
