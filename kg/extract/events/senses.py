"""Type events by sense: the news event class (a concept of `ontology/event_classes.ttl`), the
CAMEO code where one applies and the TimeML class of each trigger.

The rules of `SENSES` read the trigger's object and arguments and decide first ("Clinton attacks
Trump" is criticism, not an assault; "shares fell 3%" a price change); then a CAMEO code gives
its branch of the conflict scheme (`conflict.assault`), the lemma its listed class
(`classes.toml`), and anything else the general class of its TimeML class.

A sense rule says what a trigger must be for it to decide anything (`Rule.needs`, in the words of
`sense_shape`: "noun" or "verb", "label:" and its label, "head:" and the first word of its label,
"lemma:" and its token's lemma, "cameo:" and its CAMEO code or "none", "pos:" and its part of
speech); `Senses` tries a rule only on a trigger that has all the words of one of its needs
(tests/extract/events/test_event_rules.py holds every rule to it on every word of the examples).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.common.rules import Rule, RuleTable
from kg.extract.common.tree import children
from kg.extract.events.lexicon import NOT_AN_EVENT, EventLexicon
from kg.extract.events.triggers import Trigger


@dataclass(frozen=True)
class Sense:
    """What an event is: its news event class, CAMEO code (if any) and TimeML class."""

    type: str
    cameo: str | None
    timeml: str


SenseRule = Callable[[Trigger, EventLexicon], "tuple[str, str | None] | None"]  # -> class, CAMEO

_GENERAL = {"OCCURRENCE": "general.occurrence", "REPORTING": "communication.statement",
            "PERCEPTION": "general.perception", "ASPECTUAL": "general.aspectual",
            "I_ACTION": "general.intention", "I_STATE": "general.attitude",
            "STATE": "general.state"}
_MOVES = {"fall", "rise", "drop", "climb", "gain", "lose", "plunge", "surge", "slump", "decline",
          "rally", "tumble", "jump", "soar", "slide", "sink", "dip", "edge", "increase",
          "decrease", "close", "end", "finish", "rebound", "recover", "slip", "plummet", "advance",
          "retreat", "shed", "add", "fell", "sag", "spike", "crash", "ease", "firm", "weaken",
          "strengthen", "hit", "reach", "loss", "change"}
_MARKETS = {"share", "stock", "index", "price", "market", "dollar", "currency", "yen", "euro",
            "pound", "bond", "yield", "oil", "gold", "future", "commodity", "dow", "nasdaq", "ftse",
            "nikkei", "dax", "cac", "s&p", "rate", "equity", "value", "peso", "yuan", "rupee",
            "franc", "sterling", "bitcoin", "crude", "silver", "copper", "treasury", "valuation"}
_AMOUNTS = {"PERCENT", "MONEY"}
_POLICIES = {"bill", "law", "plan", "proposal", "policy", "tax", "measure", "reform", "decision",
             "legislation", "rule", "regulation", "decree", "budget", "amendment", "ban", "tariff",
             "levy", "charge", "subsidy", "scheme", "motion", "order", "directive", "fee"}
_REVERSALS = {"withdraw", "pull", "scrap", "drop", "abandon", "shelve", "reverse", "repeal",
              "retract", "rescind", "revoke", "cancel", "axe", "ditch", "overturn", "suspend"}
_BALLOTS = {"vote", "seat", "election", "majority", "primary", "nomination", "ballot", "race",
            "caucus", "mandate", "constituency", "district", "delegate", "state", "poll"}
_WINS = {"capture", "win", "gain", "secure", "take", "lose", "get", "garner", "receive", "sweep",
         "carry", "grab", "claim"}
_JOBS = {"job", "worker", "position", "staff", "employee", "workforce", "post", "role",
         "employment", "headcount"}
_JOB_CUTS = {"cut", "slash", "eliminate", "shed", "axe", "ax", "lose", "trim", "reduce", "lay",
             "loss", "cuts", "axing", "elimination", "reduction"}
_CONTESTS = {"bid", "loss", "defeat", "win", "victory", "race", "lose", "beat", "comeback",
             "triumph", "upset", "compete", "competition", "contest"}
_ELECTORAL = {"presidential", "primary", "election", "electoral", "nomination", "caucus",
              "caucuses", "gubernatorial", "mayoral", "congressional", "senatorial",
              "reelection", "re-election", "presidency", "ballot", "vote", "runoff", "midterm",
              "delegate", "convention"}
_DOCUMENTS = {"record", "document", "letter", "video", "transcript", "email", "e-mail", "memo",
              "return", "list", "detail", "information", "file", "tape", "recording", "footage",
              "photo", "image", "message", "figure", "number", "poll", "survey", "study",
              "finding", "report", "statement", "datum", "result", "plan", "proposal", "ad",
              "advertisement", "book", "memoir", "paper", "text", "excerpt", "schedule", "note",
              "tax", "policy", "platform", "agenda"}
_CAPTIVES = {"hostage", "prisoner", "detainee", "captive", "inmate", "soldier", "journalist",
             "man", "woman", "people", "child", "worker", "sailor", "crew", "citizen", "national",
             "activist", "member", "suspect", "fighter", "militant", "civilian", "person",
             "pilot", "tourist", "student", "dissident", "american", "body", "remains"}
_PUBLISHES = {"release", "publish", "issue", "post", "disclose", "unveil", "make public"}
_ATTACKS = {"attack", "assail", "hit", "strike", "blast", "savage", "target"}
_VERBAL_PEOPLE = {"PERSON", "ORG", "NORP"}
_VERBAL_TARGETS = {"record", "remark", "comment", "statement", "campaign", "judge", "rival",
                   "opponent", "critic", "media", "press", "heritage", "character", "integrity",
                   "religion", "faith", "candidacy", "candidate", "wife", "husband", "family",
                   "qualification", "fitness", "judgment", "temperament", "honesty", "policy"}
# Modifiers that make an attack or a clash one of words ("personal attacks", "a culture clash").
_VERBAL_KINDS = {"personal", "political", "verbal", "rhetorical", "negative", "partisan",
                 "sexist", "racist", "ad", "hominem", "online", "culture", "media", "made"}
_CLASHES = _ATTACKS | {"assault", "clash", "broadside", "barrage", "tirade", "onslaught"}
# What a campaign targets or a camera shoots is no victim ("target voters", "a video shot by").
_AUDIENCES = {"voter", "donor", "audience", "consumer", "customer", "supporter", "reader",
              "viewer", "user", "market", "demographic", "constituency", "district", "county",
              "state", "ad", "message", "video", "film", "footage", "photo", "picture", "scene",
              "movie", "documentary", "commercial", "episode", "segment"}
_PERSONAL = {"he", "she", "his", "her"}
# Verbs whose object names the act they carry out ("launched a strike", "waged war"); any
# other verb with an event noun object is an event of its own ("wanted a ban").
# ("wag" is the model's lemma of "waging").
_SUPPORT_VERBS = {"launch", "carry", "conduct", "stage", "mount", "wage", "wag", "hold", "commit",
                  "perpetrate", "unleash", "execute", "begin", "start", "resume", "escalate",
                  "intensify", "step", "lead", "organize", "organise", "plan", "order", "call",
                  "make", "reach", "strike", "cut", "ink", "sign", "seal", "broker", "negotiate",
                  "work", "secure", "conclude", "level", "press", "pose", "issue", "offer", "give",
                  "grant", "extend", "pay", "provide", "close"}
_CAPTURES = {"capture", "seize", "recapture"}
_TAKEN = _CAPTIVES | {"town", "city", "village", "hill", "hilltop", "territory", "base", "airport",
                      "port", "region", "province", "area", "ground", "stronghold", "capital",
                      "bridge", "position", "district", "field", "ship", "vessel", "boat", "weapon",
                      "arm", "ammunition", "tank", "vehicle", "drug", "cocaine", "heroin", "cash",
                      "asset", "property", "document", "computer", "control", "power",
                      "highway", "road", "route", "crossing", "checkpoint", "border", "dam",
                      "oilfield", "refinery", "mine", "plant", "building", "headquarters",
                      "palace", "prison", "hospital", "station", "street", "square", "land",
                      "island", "neighborhood", "neighbourhood", "outpost", "garrison",
                      "airfield", "airbase", "compound", "camp", "post"}
_TAKEN_ENTITIES = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"}
# who attacks with words in a campaign, when the parse names no person
_CAMPAIGNERS = {"campaign", "candidate", "rival", "opponent", "critic", "nominee", "frontrunner",
                "front-runner", "surrogate", "pac", "ad", "advertisement", "commercial",
                "spokesman", "spokeswoman", "senator", "governor", "congressman", "congresswoman"}
_RETORTS = {"shoot", "fire", "hit", "strike", "punch"}
_AIMS = {"target", "shoot"}
_WORDS_AS_WEAPONS = {"ad", "advertisement", "commercial", "remark", "comment", "word", "tweet",
                     "speech", "statement", "email", "mailer", "video", "post", "insult"}


def _lemma(token: Token) -> str:
    return str(token.lemma_).lower()


def _objects(token: Token) -> list[Token]:
    """The verb's object or passive subject, or the noun's 'of'/'on' complement."""
    found = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "on", "in", "against"):
            found += [c for c in prep.children if c.dep_ == "pobj"]
    return found


def _subjects(token: Token) -> list[Token]:
    found = [c for c in token.children if c.dep_ in ("nsubj", "poss", "compound")]
    found += [c for p in token.children if p.dep_ == "agent" for c in p.children
              if c.dep_ == "pobj"]
    if not found and token.dep_ in ("conj", "xcomp") and token.head.pos_ == "VERB":
        return _subjects(token.head)  # "shares opened lower and fell 3%"
    return found


def _undergoers(token: Token) -> list[Token]:
    """The verb's object or passive subject, or the noun its passive participle qualifies
    ("new polls released Sunday", "the village captured by the army")."""
    found = children(token, "dobj", "nsubjpass")
    if token.dep_ == "acl" and token.tag_ == "VBN":
        found.append(token.head)
    return found


def _capture_of_things(trigger: Trigger, lex: EventLexicon) -> tuple[str, str | None] | None:
    """Capturing what is no person, place, arm or loot records or conveys it ("captured on
    video", "the film captured the national mood"); no seizure (CAMEO 192)."""
    if trigger.noun or trigger.label.split()[0] not in _CAPTURES:
        return None
    objects = _undergoers(trigger.token)
    if any(o.ent_type_ in _TAKEN_ENTITIES or o.pos_ in ("PRON", "PROPN") or _lemma(o) in _TAKEN
           for o in objects):
        return None
    return _GENERAL[_timeml(trigger, lex)], None


def _words(tokens: Iterable[Token]) -> set[str]:
    """The lemmas of the tokens and of their compounds ("share prices" -> share, price)."""
    return {_lemma(w) for t in tokens for w in (t, *(c for c in t.children
                                                       if c.dep_ == "compound"))}


def _amount(token: Token) -> bool:
    """Whether a percentage, sum or points hang off the token ("fell 3%", "rose by 2 points")."""
    near = [*token.children, *(g for c in token.children if c.dep_ == "prep"
                               for g in c.children)]
    return any(t.ent_type_ in _AMOUNTS or _lemma(t) in ("point", "%", "percent") for t in near)


def _price_movement(trigger: Trigger, _lex: EventLexicon) -> tuple[str, str | None] | None:
    token = trigger.token
    if trigger.label not in _MOVES:
        return None
    market = _words(_subjects(token)) | _words(_objects(token)) if trigger.noun else \
        _words(_subjects(token))
    if market & _MARKETS or (not trigger.noun and _amount(token) and trigger.label != "lose"):
        return "markets.price_change", None
    return None


def _verbal_attack(trigger: Trigger, _lex: EventLexicon) -> tuple[str, str | None] | None:
    token = trigger.token
    if trigger.label not in _ATTACKS:
        return None
    subjects = _subjects(token) + ([c for p in token.children if p.dep_ == "prep"
                                    and p.lower_ == "from" for c in p.children if c.dep_ == "pobj"]
                                   if trigger.noun else [])  # "attacks from Senator Rubio"
    agents = [t for t in subjects if t.ent_type_ == "PERSON" or _lemma(t) in _CAMPAIGNERS
              or t.lower_ in _PERSONAL]
    words = {_lemma(c) for p in token.children if p.dep_ == "prep" and p.lower_ == "with"
             for c in p.children if c.dep_ == "pobj"}
    if words & _WORDS_AS_WEAPONS:
        return "politics.criticism", "111"  # "attacking Ted Cruz with commercials"
    over = any(c.dep_ == "prep" and c.lower_ in ("over", "for") for c in token.children)
    objects = _objects(token)
    people = any(t.ent_type_ in _VERBAL_PEOPLE for t in objects)
    policy = bool(_words(objects) & (_POLICIES | _VERBAL_TARGETS))
    return ("politics.criticism", "111") if agents and (people or policy or over) else None


def _attack_in_words(trigger: Trigger, _lex: EventLexicon) -> tuple[str, str | None] | None:
    """An attack or clash a modifier or a 'that' clause says is made of words ("personal
    attacks", "a made-for-media clash", "pressing his attack that Clinton is not qualified")."""
    token = trigger.token
    if trigger.label.split()[0] not in _CLASHES or token.pos_ != "NOUN":
        return None
    kinds = {w for c in token.children if c.dep_ in ("amod", "compound", "nmod")
             for w in str(c.lower_).split("-")}
    # the clause hangs off the noun, or off its verb right after the noun ("pressed his attack
    # that ...")
    clauses = [*token.children, *(c for c in token.head.children
                                  if c.left_edge.i == token.right_edge.i + 1)]
    claim = any(c.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that"
                                                            for m in c.children)
                for c in clauses)
    return ("politics.criticism", "111") if kinds & _VERBAL_KINDS or claim else None


def _retort(trigger: Trigger, _lex: EventLexicon) -> tuple[str, str | None] | None:
    """A person who shoots, fires, hits or strikes back with no object retorts ("'Let me
    talk,' Trump shot back")."""
    token = trigger.token
    if trigger.noun or trigger.label.split()[0] not in _RETORTS:
        return None
    back = any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in token.children)
    person = any(t.ent_type_ == "PERSON" or t.lower_ in _PERSONAL | {"i", "we"}
                 or (t.pos_ == "PROPN" and not t.ent_type_) for t in _subjects(token))
    return ("communication.statement", None) if back and person and not children(token, "dobj") \
        else None


def _struck_down(trigger: Trigger, _lex: EventLexicon) -> tuple[str, str | None] | None:
    """Striking down a law, limits or a rule voids it ("Citizens United, which struck down
    limits on political contributions"): a verdict, no air strike."""
    token = trigger.token
    if trigger.noun or _lemma(token) != "strike" or \
            not any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
        return None
    people = any(o.ent_type_ in ("PERSON", "NORP") or o.pos_ == "PRON" for o in _undergoers(token))
    return None if people else ("law.verdict", None)


def _aimed_at_audience(trigger: Trigger, lex: EventLexicon) -> tuple[str, str | None] | None:
    """Targeting voters or shooting a video is campaigning or filming; no assault."""
    if trigger.noun or trigger.label.split()[0] not in _AIMS:
        return None
    objects = _undergoers(trigger.token)
    return (_GENERAL[_timeml(trigger, lex)], None) if _words(objects) & _AUDIENCES and not any(
        o.ent_type_ in ("PERSON", "NORP") for o in objects) else None


def _policy_reversal(trigger: Trigger, _lex: EventLexicon) -> tuple[str, str | None] | None:
    if trigger.label.split()[0] not in _REVERSALS:
        return None
    return ("politics.policy_change", None) if _words(_objects(trigger.token)) & _POLICIES \
        else None


def _electoral_gain(trigger: Trigger, _lex: EventLexicon) -> tuple[str, str | None] | None:
    if trigger.noun or trigger.label not in _WINS:
        return None
    objects = children(trigger.token, "dobj", "nsubjpass")
    return ("politics.election", None) if _words(objects) & _BALLOTS else None


def _electoral_context(trigger: Trigger, lex: EventLexicon) -> tuple[str, str | None] | None:
    """A win, race or defeat in a sentence about an election and no sport ("Clinton scored
    victories in Florida and North Carolina, earning 175 delegates")."""
    if trigger.cameo or trigger.label.split()[0] not in _CONTESTS:
        return None
    words = _words(trigger.token.sent)
    sport = [e for e in lex.evidence if "sport.result" in e.classes]
    if not words & _ELECTORAL or any(words & e.words for e in sport):
        return None
    return "politics.election", None


def _publication(trigger: Trigger, _lex: EventLexicon) -> tuple[str, str | None] | None:
    """Releasing or publishing records, a report or figures makes them known: a statement,
    no product launch and no release of prisoners ("released her medical records")."""
    if trigger.noun or trigger.label.split()[0] not in _PUBLISHES:
        return None
    return ("communication.statement", None) if _words(_undergoers(trigger.token)) & _DOCUMENTS \
        else None


def _product_release(trigger: Trigger, _lex: EventLexicon) -> tuple[str, str | None] | None:
    """Releasing a thing that is no person is putting it out ("Apple released a new phone"),
    no release of captives (CAMEO 0841)."""
    if trigger.noun or trigger.label != "release":
        return None
    objects = _undergoers(trigger.token)
    if not objects or any(o.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or o.pos_ == "PRON"
                          or _lemma(o) in _CAPTIVES for o in objects):
        return None
    return "business.product_launch", None


def _arguments(token: Token) -> list[Token]:
    """The trigger's subjects, possessor, objects, modifiers, the objects of its prepositions
    and the noun a participle qualifies ("the aircraft built by Boeing")."""
    found = [*_subjects(token), *_objects(token)]
    found += [c for c in token.children if c.dep_ in ("amod", "nmod", "npadvmod", "dobj",
                                                      "attr", "oprd", "nummod")]
    found += [o for p in token.children if p.dep_ in ("prep", "agent") for o in p.children
              if o.dep_ == "pobj"]
    if token.dep_ in ("acl", "relcl", "amod"):
        found.append(token.head)
    return found


def listed_class(trigger: Trigger, lex: EventLexicon) -> str | None:
    """Return the class `classes.toml` lists for the trigger's label or its head lemma."""
    listed = lex.classes or {}
    return listed.get(trigger.label) or listed.get(trigger.label.split()[0])


def _domain_evidence(trigger: Trigger, lex: EventLexicon) -> tuple[str, str | None] | None:
    """A listed class whose domain the trigger's arguments or sentence do not show takes the
    general class ("win over the Latino community", "made conflicting statements")."""
    if trigger.cameo:
        return None
    listed = listed_class(trigger, lex)
    head = trigger.label.split()[0]
    for need in lex.evidence:
        if listed not in need.classes or (need.lemmas and head not in need.lemmas):
            continue
        token = trigger.token
        where = list(token.sent) if need.scope == "sentence" else _arguments(token)
        if any(t.ent_type_ in need.entities for t in where) or _words(where) & need.words:
            return None
        return need.otherwise or _GENERAL[_timeml(trigger, lex)], None
    return None


def _job_cut(trigger: Trigger, _lex: EventLexicon) -> tuple[str, str | None] | None:
    if trigger.label.split()[0] not in _JOB_CUTS:
        return None
    objects = _objects(trigger.token) + [c for c in trigger.token.children if c.dep_ == "compound"]
    return ("business.employment", None) if _words(objects) & _JOBS else None


def _support_verb(trigger: Trigger, lex: EventLexicon) -> tuple[str, str | None] | None:
    """A support verb whose object is a listed political event noun takes that noun's class."""
    if trigger.noun or trigger.cameo or _lemma(trigger.token) not in _SUPPORT_VERBS:
        return None
    for obj in children(trigger.token, "dobj"):
        code = lex.nouns.get(_lemma(obj))
        if code is not None and code != NOT_AN_EVENT:
            return f"conflict.{lex.plover(code).lower()}", None
    return None


def _business_deal(trigger: Trigger, _lex: EventLexicon) -> tuple[str, str | None] | None:
    return ("business.deal", trigger.cameo) if trigger.cameo == "061" else None


def sense_shape(trigger: Trigger) -> frozenset[str]:
    """Return the words a sense rule's `needs` are written in that hold of a trigger."""
    return frozenset(("noun" if trigger.noun else "verb", "label:" + trigger.label,
                      "head:" + trigger.label.split()[0], "lemma:" + _lemma(trigger.token),
                      "cameo:" + (trigger.cameo or "none"), "pos:" + trigger.token.pos_))


def _any(words: Collection[str], *also: str) -> tuple[str, ...]:
    """Return the needs "`also` and one of `words`" (a word with a space, which no label's
    head is, gives none)."""
    return tuple(" ".join((*also, w)) for w in sorted(words) if " " not in w.split(":", 1)[1])


SENSES: RuleTable[SenseRule] = RuleTable("events.sense", [
    Rule("events.sense.business_deal", "a merger, acquisition or takeover (CAMEO 061, economic "
         "cooperation) is a business deal", _business_deal,
         examples=("The merger of the two banks closed in May.",),
         counter=("The two banks closed in May.",),
         needs=("cameo:061",)),
    Rule("events.sense.support_verb", "launching, carrying out or staging an attack, strike or "
         "protest is that act's class, no product launch", _support_verb,
         examples=("The United States launched a missile strike on the base.",),
         counter=("Apple launched a new phone on Tuesday.",
                  "Critics had been predicting a withdrawal from the region."),
         needs=_any({f"lemma:{w}" for w in _SUPPORT_VERBS}, "verb", "cameo:none")),
    Rule("events.sense.verbal_attack", "a person 'attacking' a person, group or policy (or "
         "'over' something) criticises it; no assault", _verbal_attack,
         examples=("Hillary Clinton attacked Donald Trump over his tax plan.",
                   "Donald Trump attacked a federal judge whose parents were born in Mexico.",
                   "He continued his attacks against Curiel on Friday.",
                   "The super PAC is attacking Ted Cruz with commercials.",
                   "The senator faced attacks from Marco Rubio over immigration."),
         counter=("Gunmen attacked the convoy near the border.",
                  "Rebels attacked the town with rockets."),
         needs=_any({f"label:{w}" for w in _ATTACKS})),
    Rule("events.sense.attack_in_words", "an attack or clash that a modifier ('personal', "
         "'political', 'culture') or a 'that' clause says is made of words is criticism",
         _attack_in_words,
         examples=("Were there some personal attacks during the debate?",
                   "Sanders pressed his attack that Clinton is not qualified to be president."),
         counter=("The attack on the convoy killed six soldiers.",),
         needs=_any({f"head:{w}" for w in _CLASHES}, "pos:NOUN")),
    Rule("events.sense.retort", "a person who shoots, fires or hits back with no object "
         "retorts: a statement", _retort,
         examples=('"Jeb wants to be a tough guy tonight," he shot back.',),
         counter=("The soldiers fired back at the attackers.",),
         needs=_any({f"head:{w}" for w in _RETORTS}, "verb")),
    Rule("events.sense.struck_down", "striking down a law, limits or a rule voids it: a "
         "verdict, no strike", _struck_down,
         examples=("The court struck down limits on political contributions.",),
         counter=("The planes struck the base at dawn.",),
         needs=("verb lemma:strike",)),
    Rule("events.sense.aimed_at_audience", "targeting voters or donors, or shooting a video, is "
         "campaigning or filming; no assault", _aimed_at_audience,
         examples=("The super PAC plans to target Indiana voters via mail.",
                   "The video, shot by a worker on the factory floor, went viral."),
         counter=("The gunman targeted police officers.",),
         needs=_any({f"head:{w}" for w in _AIMS}, "verb")),
    Rule("events.sense.policy_reversal", "withdrawing, scrapping or dropping a bill, plan or tax "
         "reverses a policy; no military retreat", _policy_reversal,
         examples=("The government said the finance bill would be withdrawn.",),
         counter=("The troops withdrew from the valley.",),
         needs=_any({f"head:{w}" for w in _REVERSALS})),
    Rule("events.sense.electoral_gain", "capturing, winning or losing votes or seats is an "
         "electoral result; no coercion", _electoral_gain,
         examples=("The party hopes to capture votes in the north.",),
         counter=("The army captured the hilltop village.",),
         needs=_any({f"label:{w}" for w in _WINS}, "verb")),
    Rule("events.sense.capture_of_things", "capturing a debate, a mood or a scene on video "
         "records or conveys it; only people, places, arms and loot are seized",
         _capture_of_things,
         examples=("The confrontation was captured on video from several angles.",
                   "The shooting captured the raging national debate over trade."),
         counter=("The army captured the hilltop village.", "Police captured the suspect.",
                  "Government forces widened their control by seizing a highway."),
         needs=_any({f"head:{w}" for w in _CAPTURES}, "verb")),
    Rule("events.sense.electoral_context", "a bid, win, race, loss or defeat in a sentence about "
         "an election and not about sport is an electoral event; no market bid, earnings loss "
         "or sport result", _electoral_context,
         examples=("Clinton scored victories in Florida, earning 175 delegates.",
                   "Her 2008 presidential bid failed.",
                   "After her primary loss to Obama, she returned to the Senate."),
         counter=("The team scored victories in Florida, earning 175 points in the league.",),
         needs=_any({f"head:{w}" for w in _CONTESTS}, "cameo:none")),
    Rule("events.sense.publication", "releasing or publishing records, a report or figures "
         "makes them known (a statement); no prisoner release or product launch",
         _publication,
         examples=("Clinton released her medical records in July.",
                   "The campaign released a new video on Monday.",
                   "New polls released Sunday showed Clinton taking a lead."),
         counter=("The rebels released two hostages.", "Apple released a new phone."),
         needs=_any({f"head:{w}" for w in _PUBLISHES}, "verb")),
    Rule("events.sense.product_release", "releasing a thing that is no person puts it out "
         "(a product, an album, a film); no release of captives", _product_release,
         examples=("Apple released a new phone.",),
         counter=("The rebels released two hostages.", "Iran released the sailors on Monday."),
         needs=("verb label:release",)),
    Rule("events.sense.price_movement", "a share, index, currency or price that falls or rises, "
         "or a rise by a percentage or sum, is a market price change", _price_movement,
         examples=("Shares of the carmaker fell 3% on Monday.",
                   "The Dow Jones index rose by 120 points."),
         counter=("The old tree fell on the road.",),
         needs=_any({f"label:{w}" for w in _MOVES})),
    Rule("events.sense.job_cut", "cutting, shedding or losing jobs or workers is an employment "
         "event", _job_cut,
         examples=("The carmaker will cut 5,000 jobs next year.",),
         counter=("The carmaker will cut prices next year.",),
         needs=_any({f"head:{w}" for w in _JOB_CUTS})),
    Rule("events.sense.domain_evidence", "a listed class of a domain (sport, production, "
         "earnings, trials, markets) holds only where the trigger's arguments or sentence show "
         "that domain (classes.toml [[evidence]]); else the general class",
         _domain_evidence,
         examples=("Sanders has been trying to win over the Latino community.",
                   "Trump made conflicting statements about abortion.",
                   "Many people at his rallies agreed with him."),
         counter=("The team won the championship game on Sunday.",
                  "Boeing will build the new tanker aircraft.",
                  "The company lost $6 billion in the quarter."),
         needs=("cameo:none",)),
])


def _timeml(trigger: Trigger, lex: EventLexicon) -> str:
    """The TimeML class of a trigger: STATE for an adjective, else its head lemma's."""
    return "STATE" if trigger.token.pos_ == "ADJ" else lex.timeml_class(trigger.label.split()[0])


class Senses:
    """The sense rules switched on, and for each kind of trigger (its label, lemma, CAMEO code,
    part of speech) those whose `needs` it meets, in table order: worked out once per kind (most
    rules hold for a few lemmas, and most triggers are none of them)."""

    def __init__(self, rules: Sequence[Rule[SenseRule]] = SENSES.rules) -> None:
        self.rules = tuple(rules)
        self._fits: dict[tuple[bool, str, str, str, str], tuple[Rule[SenseRule], ...]] = {}

    def fit(self, trigger: Trigger) -> tuple[Rule[SenseRule], ...]:
        """Return the sense rules that may decide for `trigger`."""
        token = trigger.token
        key = (trigger.noun, trigger.label, token.lemma_, trigger.cameo, token.pos_)
        found = self._fits.get(key)
        if found is None:
            has = sense_shape(trigger)
            found = self._fits[key] = tuple(rule for rule in self.rules if rule.meets(has))
        return found

    def sense(self, trigger: Trigger, lex: EventLexicon) -> Sense:
        """Return what `sense` returns for a trigger."""
        return sense(trigger, lex, self.fit(trigger))


def sense(trigger: Trigger, lex: EventLexicon, rules: Sequence[Rule[SenseRule]]) -> Sense:
    """Return the class, CAMEO code and TimeML class of a trigger: the first sense rule that
    decides, else its CAMEO branch, else its lemma's listed class, else its TimeML class's."""
    timeml = _timeml(trigger, lex)
    for rule in rules:
        found = rule.apply(trigger, lex)
        if found is not None:
            return Sense(found[0], found[1], timeml)
    if trigger.cameo:
        return Sense(f"conflict.{lex.plover(trigger.cameo).lower()}", trigger.cameo, timeml)
    return Sense(listed_class(trigger, lex) or _GENERAL[timeml], None, timeml)
