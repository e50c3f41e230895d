"""Evidence of an actor's kind in the words around its mentions, voted over all of them.

The model's label is one parse's guess ("advising Pfizer" typed a person's name); the words
around a name often say what it names: a pronoun that refers back to it ("Pfizer as it works
on"), a noun that describes it ("Force Ouvrière, the main Airbus union", "student loan
contractor Navient", "the Aura sedan"), a list under a place noun ("three tiny communities:
Hart, Millsfield and Dixville Notch"), a facility's head word ("Trump Tower"). Each rule of
`KIND_RULES` that fires on a mention gives its kind two votes, and the model's person label one
(`votes`); `verdict` returns the kind most votes give, if one leads. "place" is a vote too: such
a name is no actor.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Literal, get_args

from spacy.tokens import Doc, Span, Token

from kg.extract.actors.mentions import Mention, product_nouns
from kg.extract.actors.merge import Cluster
from kg.extract.common.gender import is_given_name
from kg.extract.common.names import load_lexicon
from kg.extract.common.rules import Rule, RuleTable
from kg.extract.common.text import entities
from kg.model import ActorKind

Vote = ActorKind | Literal["place"]
_KINDS = frozenset({*get_args(ActorKind), "place"})
KindRule = Callable[[Span, Mention], Vote | None]

_QUOTES = frozenset({"“", "”", '"', "''", "``", "‘", "’", "'"})
# words that open a clause whose subject may refer back to a name before it ("Pfizer as it
# works", "Navient, because its loans ...")
_CLAUSE_OPENERS = frozenset({"as", "because", "while", "since", "after", "when", "until",
                             "although", "though", "if"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NOMINALS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"})
_THING_PRONOUNS = frozenset({"it", "its"})
_PERSON_PRONOUNS = frozenset({"he", "she", "his", "her"})
# last words of the names of buildings and works of a city: a name ending in one is a place
# ("Trump Tower"; "center" is not here: "Barclays Center" may be the body), unless a given name
# opens it ("John Tower")
FACILITY_HEADS = frozenset({"tower", "towers", "building", "plaza", "stadium", "arena",
                            "airport", "bridge", "avenue", "boulevard", "street", "square",
                            "palace", "mall", "casino"})
# head words of sites that no business is named for, a place whatever the model typed ("Holy
# Cross Cemetery", "the corner of Allen and Stanton Streets" ORG; "Wall Street" ORG is the
# business, `_facility`)
_SITE_HEADS = frozenset({"cemetery", "cemeteries", "streets", "avenues"})
# nouns for the people an outlet employs, of whom a name before is the employer ("CNN anchor
# Jake Tapper", "a Politico reporter", "a reporter for Politico"; `_outlet_staff`)
_STAFF_NOUNS = frozenset({"reporter", "correspondent", "anchor", "anchorman", "anchorwoman",
                          "columnist", "journalist", "commentator", "editor", "newscaster",
                          "host"})
# nouns for what an outlet airs or prints, of which a name before is the outlet ("the PBS
# medical drama", "a Times editorial"; `_outlet_work`); not "show", "program", "interview",
# "report" or "poll": "the Trump show", "the Medicaid program", "an FBI interview", "an IG
# report", "a Gallup poll"
_OUTLET_WORKS = frozenset({"broadcast", "newscast", "drama", "documentary", "podcast",
                           "newsletter", "editorial", "telecast", "sitcom", "miniseries"})
# verbs of speaking on the air, after which "on" a name is an outlet ("appeared on PBS", "said
# on CNN"; `_broadcast_on`)
_ON_AIR_VERBS = frozenset({"appear", "say", "air", "broadcast", "interview"})


@functools.lru_cache(maxsize=1)
def kind_nouns() -> dict[str, Vote]:
    """Return the nouns that say what kind of thing a name they describe names
    (`kind_nouns.tsv`: lemma -> an actor kind or "place")."""
    text = (Path(__file__).parent / "kind_nouns.tsv").read_text(encoding="utf-8")
    table: dict[str, Vote] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, kind = line.split("\t")
        if kind not in _KINDS:
            raise ValueError(f"kind_nouns.tsv: bad kind {kind!r} for {word!r}; allowed: "
                             f"{sorted(_KINDS)}")
        table[word] = kind  # type: ignore[assignment]
    return table


def _after(span: Span, skip: Collection[str] = frozenset({","})) -> list[Token]:
    """Return the tokens after a name in its sentence, past a comma or closing quote."""
    doc = span.doc
    i = span.end
    while i < len(doc) and doc[i].text in skip and not doc[i].is_sent_start:
        i += 1
    return [t for t in doc[i:min(i + 3, len(doc))]]


def _refers_back(span: Span, pronouns: frozenset[str], relative: str) -> bool:
    """Tell whether the clause right after a name opens with a pronoun that refers back to it:
    a relative pronoun of a clause on the name ("X, which ...": `relative`), or the subject
    (or its possessive) of a clause on the verb the name is an argument of ("advising Pfizer as
    it works on", not "named Mary Barra as its new chief", nor "measures against Assad, if it
    did not bargain")."""
    after = _after(span)
    if not after:
        return False
    first, root = after[0], span.root
    if first.lower_ == relative and first.head.dep_ == "relcl" and first.head.head.i in range(
            span.start, span.end):
        return True
    if len(after) < 2 or first.lower_ not in _CLAUSE_OPENERS or first.dep_ != "mark" \
            or root.dep_ not in _ARGUMENTS or after[1].lower_ not in pronouns:
        return False
    pronoun = after[1]
    subject = pronoun if pronoun.dep_ in _SUBJECTS else pronoun.head \
        if pronoun.dep_ == "poss" and pronoun.head.dep_ in _SUBJECTS else None
    clause = first.head
    return subject is not None and subject.head.i == clause.i and clause.dep_ == "advcl" \
        and clause.head.i == root.head.i


def _refers_as_thing(span: Span, mention: Mention) -> Vote | None:
    return "organisation" if _refers_back(span, _THING_PRONOUNS, "which") else None


def _refers_as_person(span: Span, mention: Mention) -> Vote | None:
    return "person" if _refers_back(span, _PERSON_PRONOUNS, "who") else None


def _described(span: Span, mention: Mention) -> Vote | None:
    """Return the kind a common noun says of a name it describes: right before it (the name's
    compound, or the noun it is in apposition to: "contractor Navient", "the movie 'Spotlight'")
    or in apposition after it ("Force Ouvrière, the main Airbus union", "Millsfield, home to 22
    registered voters")."""
    nouns = kind_nouns()
    doc = span.doc
    root = span.root
    i = span.start - 1
    while i >= 0 and doc[i].text in _QUOTES:
        i -= 1
    if i >= 0 and doc[i].pos_ == "NOUN" and doc[i].text.islower() \
            and (doc[i].head.i == root.i or root.head.i == doc[i].i and root.dep_ == "appos"):
        kind = nouns.get(doc[i].lemma_.lower())
        if kind is not None and kind != "place":
            return kind
    for child in root.children:
        # a noun the parser put in apposition that a verb follows is the next clause's subject
        # ("now called Trump National Doral, the candidate boasted", "the Colony West Golf
        # Club, the city itself bought")
        nxt = doc[child.i + 1] if child.i + 1 < len(doc) else None
        # (the parser may read a bare noun right after the comma as an adverb: "Millsfield,
        # home to 22 registered voters")
        apposed = child.dep_ == "appos" and child.i >= span.end or child.dep_ in (
            "advmod", "npadvmod") and child.i == span.end + 1 and doc[span.end].text == ","
        # (a relative pronoun opens a clause on the noun: "Rakeem Jones, 26, a protester who
        # was punched")
        if apposed and child.pos_ == "NOUN" and (nxt is None or nxt.tag_ in ("WP", "WDT")
                                                 or nxt.pos_ not in ("VERB", "AUX", "PRON")):
            kind = nouns.get(child.lemma_.lower())
            if kind is not None:
                return kind  # a place too: "Millsfield, home to 22 registered voters"
    return None


def _kind_of_like(span: Span, mention: Mention) -> Vote | None:
    """Return the kind a plural noun says of the names it is exemplified by ("consulting firms
    like McKinsey", "companies such as Navient and Salix")."""
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "firms like McKinsey and Bain": the list's first name
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in ("like", "as") or prep.head.tag_ != "NNS":
        return None
    kind = kind_nouns().get(prep.head.lemma_.lower())
    return kind if kind is not None and kind != "place" else None


_REFLEXIVES: dict[str, Vote] = {"itself": "organisation", "himself": "person",
                                "herself": "person"}


def _reflexive(span: Span, mention: Mention) -> Vote | None:
    """Return the kind a reflexive pronoun of the verb whose subject the name is says ("helping
    Omnicare sell itself to CVS")."""
    root = span.root
    if root.dep_ not in _SUBJECTS:
        return None
    found = {_REFLEXIVES[c.lower_] for c in root.head.children if c.lower_ in _REFLEXIVES}
    return found.pop() if len(found) == 1 else None


def _called(span: Span, mention: Mention) -> Vote | None:
    """Return the kind the noun a name is given to says ("a small company called Acme", "a town
    named Hart", "a feature called Spotlight")."""
    root = span.root
    verb = root.head
    if root.dep_ not in ("oprd", "dobj") or verb.lemma_.lower() not in ("call", "name") \
            or verb.dep_ != "acl" or verb.head.pos_ != "NOUN":
        return None
    noun = verb.head.lemma_.lower()
    return kind_nouns().get(noun) or ("product" if noun in product_nouns() else None)


def _outlet_show(span: Span, mention: Mention) -> Vote | None:
    """Return "product" for a name in quotes an outlet has ("Fox News Channel's 'Fox &
    Friends'", "CNBC's 'Squawk Box'"): a show, not a person nor a body."""
    doc = span.doc
    i = span.start - 1
    if i < 2 or doc[i].text not in _QUOTES or doc[i - 1].tag_ != "POS":
        return None
    owner = doc[i - 2]
    if not owner.ent_type_:
        return None
    start = owner.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1  # back to the first word of the outlet's name
    return "product" if load_lexicon().org_kind(doc[start:owner.i + 1].text) == "media" \
        else None


def _names_a_thing(span: Span, mention: Mention) -> Vote | None:
    """Return "product" for a name that modifies a noun for a product or a work right after it:
    a name in quotes ("CNBC's 'Squawk Box' program"), or one word the model typed as a person's
    ("the Aura sedan"); a company's name before a product noun is its maker ("Boeing jets")."""
    doc = span.doc
    root = span.root
    after = _after(span, _QUOTES)
    if not after or root.head.i != after[0].i or root.dep_ not in ("compound", "nmod") \
            or after[0].pos_ != "NOUN":
        return None
    noun = after[0].lemma_.lower()
    quoted = span.start > 0 and doc[span.start - 1].text in _QUOTES and after[0].i > span.end
    if quoted and kind_nouns().get(noun) == "product":
        return "product"
    if mention.label == "PERSON" and len(span) == 1 and noun in product_nouns():
        return "product"
    return None


def _listed_places(span: Span, mention: Mention) -> Vote | None:
    """Return "place" for a name in a list after a colon that a plural place noun governs
    ("three tiny communities: Hart, Millsfield and the most famous, Dixville Notch")."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and not doc[i].is_sent_start and doc[i].text != ":" and (
            doc[i].text in (",", "and", "or") or doc[i].pos_ in ("PROPN", "DET", "ADJ", "ADV")):
        i -= 1
    if i < 0 or doc[i].text != ":":
        return None
    head = doc[i].head
    return "place" if head.tag_ == "NNS" and kind_nouns().get(head.lemma_.lower()) == "place" \
        else None


def _facility(span: Span, mention: Mention) -> Vote | None:
    """Return "place" for a name of two words or more ending in a facility's head word ("Trump
    Tower"), not opened by a given name ("John Tower"); the model's organisation of that form
    is the business it stands for ("Wall Street"), unless the head word names a site no
    business is named for ("Holy Cross Cemetery")."""
    words = mention.tokens or tuple(t.text for t in span)
    last = words[-1].lower()
    return "place" if len(words) > 1 and (last in FACILITY_HEADS and mention.label != "ORG"
                                          or last in _SITE_HEADS) \
        and not is_given_name(words[0]) else None


def _person_surname(span: Span) -> bool:
    """Tell whether a name reads as a person's: a given name opens it ("Todd Starnes'
    podcast"), or its last word ends a name the model typed a person's in the article ("the
    Trump drama" beside "Donald Trump")."""
    last = span[-1].text
    return is_given_name(span[0].text) \
        or any(e.label_ == "PERSON" and e[-1].text == last for e in entities(span.doc))


def _outlet_staff(span: Span, mention: Mention) -> Vote | None:
    """Return "media" for a name that employs the reporter, anchor or columnist after it ("CNN
    anchor Jake Tapper", "Politico's reporter") or after whom it stands ("a reporter for
    Politico"), unless a person of the article goes by the name."""
    root = span.root
    head = root.head
    if root.dep_ in ("compound", "nmod", "poss") and head.i >= span.end:
        staff = head
    elif root.dep_ == "pobj" and head.lower_ in ("for", "at", "with") and head.head.i < head.i:
        staff = head.head
    else:
        return None
    return "media" if staff.lemma_.lower() in _STAFF_NOUNS and staff.pos_ == "NOUN" \
        and mention.label != "PERSON" and not _person_surname(span) else None


def _outlet_work(span: Span, mention: Mention) -> Vote | None:
    """Return "media" for a name that owns a broadcast, a drama or an editorial after it ("the
    PBS medical drama"), unless the model typed it a person's or a person of the article goes
    by it ("the Trump drama")."""
    root = span.root
    head = root.head
    return "media" if root.dep_ in ("compound", "nmod", "poss") and head.i >= span.end \
        and head.pos_ == "NOUN" and head.lemma_.lower() in _OUTLET_WORKS \
        and mention.label != "PERSON" and not _person_surname(span) else None


def _broadcast_on(span: Span, mention: Mention) -> Vote | None:
    """Return "media" for a name after "on" after a verb of speaking on the air ("appeared on
    PBS", "said on CNN"), unless the model typed it a person's or a person goes by it."""
    root = span.root
    prep = root.head
    # (not a thing of someone's: "appear on your BlackBerrys")
    return "media" if root.dep_ == "pobj" and prep.lower_ == "on" \
        and not any(c.dep_ == "poss" for c in root.children) \
        and prep.head.pos_ in ("VERB", "AUX") and prep.head.lemma_.lower() in _ON_AIR_VERBS \
        and mention.label != "PERSON" and not _person_surname(span) else None


_LIST_WORDS = frozenset({"and", "or"})
# titles only people hold, of which one right before a name says a person ("political director
# Amanda Renteria"; `_titled_before`): not "partner", "leader", "host", "head", "official",
# which a body may be too ("its partner Goldman Sachs", "market leader Apple", "host NBC")
_PERSONAL_TITLES = frozenset({
    "president", "secretary", "chairman", "chairwoman", "spokesman", "spokeswoman",
    "spokesperson", "governor", "mayor", "senator", "congressman", "congresswoman", "ambassador",
    "director", "founder", "co-founder", "ceo", "cfo", "coo", "strategist", "aide", "activist",
    "anchor", "columnist", "correspondent", "reporter", "editor", "judge", "lawyer", "attorney",
    "professor", "businessman", "businesswoman", "billionaire", "actor", "actress", "singer",
    "comedian", "pastor", "rabbi", "manager", "chancellor", "premier", "economist", "analyst"})


def _titled_before(span: Span, mention: Mention) -> Vote | None:
    """Return "person" for a name the model typed a body's right after a title only people
    hold that modifies it ("political director Amanda Renteria", "former Hewlett-Packard CEO
    Carly Fiorina"), as the model's person names have their titles read (`titles`)."""
    doc = span.doc
    i = span.start - 1
    if mention.label == "PERSON" or i < 0:
        return None
    word = doc[i]
    return "person" if word.lower_ in _PERSONAL_TITLES \
        and (word.text.islower() or word.text.isupper()) and word.head.i == span.root.i \
        else None


def _listed_people(span: Span, mention: Mention) -> Vote | None:
    """Return "person" for a name the model typed a body's in a list of names whose neighbours,
    two or more, are all names the model typed people's ("Sylvia Larsen, Joel Maiola, Kate
    Malloy Corriveau, Maureen Manning"; "reporting by Marius Zaharia, Masayuki Kitano, Lee Chyen
    Yee"), or parsed as coordinated with two full names or more of people; not "Chez Vachon,
    Clinton and husband Bill")."""
    if mention.label == "PERSON":
        return None
    doc = span.doc
    ends = {e.end: e for e in entities(doc)}
    starts = {e.start: e for e in entities(doc)}
    found: list[Span] = []
    i = span.start
    for _ in range(2):  # back over ", ", " and ", ", and "
        j = i - 1 if i > 0 and doc[i - 1].lower_ in _LIST_WORDS else i
        j = j - 1 if j > 0 and doc[j - 1].text == "," else j
        left = ends.get(j) if j < i else None
        if left is None:
            break
        found.append(left)
        i = left.start
    i = span.end
    for _ in range(2):
        j = i + 1 if i < len(doc) and doc[i].text == "," else i
        j = j + 1 if j < len(doc) and doc[j].lower_ in _LIST_WORDS else j
        right = starts.get(j) if j > i else None
        if right is None:
            break
        found.append(right)
        i = right.end
    # (the model may type a person's first name alone: "Maureen" of "Maureen Manning")
    if len(found) >= 2 and all(e.label_ == "PERSON" for e in found) \
            and any(len(e) > 1 for e in found):
        return "person"
    # the list as parsed, past words between its items ("Carly Fiorina, Ben Carson and
    # especially Donald Trump"): every other item a full name the model typed a person's
    others = span.root.conjuncts
    return "person" if len(others) >= 2 and all(
        len(words := [*(c for c in t.lefts if c.dep_ == "compound"), t]) > 1
        and any(w.ent_type_ == "PERSON" for w in words) for t in others) else None


# last words of the names of bodies the model types as people's ("Brennan Center"); the lexicon
# leaves them out (`org_kinds.tsv`), as a "Center" may be a place ("the Moscone Center")
_BODY_HEADS = frozenset({"center", "centre"})


def _body_head(span: Span, mention: Mention) -> Vote | None:
    """Return "organisation" for a name the model typed a person's that ends in a body's head
    word ("New York University's Brennan Center"), not opened by a given name."""
    words = mention.tokens or tuple(t.text for t in span)
    return "organisation" if mention.label == "PERSON" and len(words) > 1 \
        and words[-1].lower() in _BODY_HEADS and not is_given_name(words[0]) else None


def _byline(span: Span, mention: Mention) -> Vote | None:
    """Return "media" for a name that owns the writer of a piece it is by ("by DNAinfo's Eddie
    Small: ..."): an outlet, as a byline names the writer's; the writer's name opens with a
    given name ("by Apple's iPhone" is no byline)."""
    root = span.root
    writer = root.head
    if root.dep_ != "poss" or writer.i < span.end or writer.pos_ != "PROPN" \
            or writer.dep_ != "pobj" or writer.head.lower_ != "by":
        return None
    first = min((t for t in writer.children if t.dep_ == "compound" and t.i > span.end),
                key=lambda t: t.i, default=writer)
    return "media" if is_given_name(first.text) else None


_OPEN_CREDIT = {"[": "]", "(": ")"}
_SENTENCE_ENDS = frozenset({".", "!", "?", "”", '"'})


def _credited(span: Span, mention: Mention) -> Vote | None:
    """Return "media" for a name alone in brackets right after a sentence's end, the credit of
    the outlet a digest or a wire took an item from ("... the deadly disease. [HuffPost.]",
    "[Quartz]", "(Reuters)"); not a name in brackets inside a sentence ("Ted Cruz (R-Texas)"),
    nor one the model typed a person's: a writer's credit ("[Mollie Reilly.]")."""
    doc = span.doc
    before, after = span.start - 1, span.end
    if after < len(doc) and doc[after].text == ".":
        after += 1
    if before < 1 or after >= len(doc) or doc[before].text not in _OPEN_CREDIT \
            or doc[after].text != _OPEN_CREDIT[doc[before].text]:
        return None
    return "media" if doc[before - 1].text in _SENTENCE_ENDS and mention.label != "PERSON" \
        else None


KIND_RULES: RuleTable[KindRule] = RuleTable("actors.kind", [
    Rule("actors.kind.refers_as_thing", "a pronoun for a thing refers back to the name ('it', "
         "'its', 'which'): no person", _refers_as_thing,
         examples=("And he is advising [Pfizer] as it works on a $160 billion combination with "
                   "Allergan.",),
         counter=("And he is advising [Pfizer] as he works on a $160 billion combination.",
                  "General Motors today named [Mary Barra] as its new chief executive.")),
    Rule("actors.kind.refers_as_person", "a pronoun for a person refers back to the name ('he', "
         "'she', 'who')", _refers_as_person,
         examples=("The deal was signed by [Orsted], who said he was pleased.",),
         counter=("The deal was signed by [Orsted], which said it was pleased.",)),
    Rule("actors.kind.described", "a common noun describing the name says its kind ('the main "
         "Airbus union', 'contractor Navient', 'the movie Spotlight')", _described,
         examples=("said Julien Talavan, a spokesman for [Force Ouvrière], the main Airbus "
                   "union in France.",
                   "The bank misled the public about fraud at major student loan contractor "
                   "[Navient].",
                   "The scandal was captured in the movie ''[Spotlight]'' last year.",
                   "[Millsfield], home to 22 registered voters, also is making a comeback.",
                   "The same could not be said for [Rakeem Jones], 26, a protester who was "
                   "punched in the face."),
         counter=("said Julien Talavan, a spokesman for [Force Ouvrière], in Paris on Monday.",
                  "Cuba also released [Alan Gross], an American contractor accused of "
                  "spying.")),
    Rule("actors.kind.kind_of_like", "a plural kind noun exemplified by names says their kind "
         "('consulting firms like McKinsey')", _kind_of_like,
         examples=("Consulting firms like [McKinsey] have long hired bright young M.B.A.s.",
                   "Companies such as [Navient] have long hired lawyers."),
         counter=("Stars like [Brandy] performed on Sunday.",)),
    Rule("actors.kind.reflexive", "a reflexive pronoun of the verb the name is the subject "
         "of says its kind ('helping Omnicare sell itself')", _reflexive,
         examples=("It was paid $32 million for helping [Omnicare] sell itself to CVS.",),
         counter=("It was paid $32 million for helping [Omnicare] sell the stores to CVS.",)),
    Rule("actors.kind.called", "the noun a name is given to says its kind ('a small company "
         "called Acme')", _called,
         examples=("He works for a small company called [Acme] in Ohio.",),
         counter=("He works for a small shed called [Acme] in Ohio.",)),
    Rule("actors.kind.outlet_show", "a name in quotes an outlet has is a show ('Fox News "
         "Channel's \"Fox & Friends\"')", _outlet_show,
         examples=("Wednesday on Fox News Channel’s “[Fox & Friends],” Rep. Michael McCaul "
                   "discussed legislation.",),
         counter=("Wednesday on Donald Trump’s “[Fox & Friends],” Rep. Michael McCaul "
                  "discussed legislation.",)),
    Rule("actors.kind.names_a_thing", "a name in quotes or typed a person's that modifies a "
         "product noun names the product ('the Aura sedan', 'the \"Squawk Box\" program')",
         _names_a_thing,
         examples=("GM would continue building the [Aura] sedan for two more years.",
                   "Trump made similar comments Thursday morning on CNBC's “[Squawk Box]” "
                   "program."),
         counter=("Boeing said the [Boeing] jets would fly again.",)),
    Rule("actors.kind.listed_places", "a list after a colon governed by a plural place noun "
         "lists places ('three tiny communities: Hart, Millsfield')", _listed_places,
         examples=("Voting began at midnight in three tiny communities where primary day lasts "
                   "all of five minutes: Hart, [Millsfield] and the most famous, Dixville "
                   "Notch.",),
         counter=("Voting began at midnight with three tiny candidates: Hart, [Millsfield] and "
                  "Dixon.",)),
    Rule("actors.kind.body_head", "a name typed a person's that ends in 'Center' names a body "
         "('the Brennan Center')", _body_head,
         examples=("said the co-director of the program at New York University's [Brennan "
                   "Center] for Justice.",),
         counter=("The keynote was held at the [Moscone Center] in San Francisco.",)),
    Rule("actors.kind.byline", "a name that owns the writer a piece is by is an outlet ('by "
         "DNAinfo's Eddie Small')", _byline,
         examples=("NOW OPEN: \"Pop-up art show strives to confront gentrification,\" by "
                   "[DNAinfo]'s Eddie Small: \"Curators of a pop-up art show are upset.\"",),
         counter=("The show was praised by [DNAinfo]'s owner on Monday.",)),
    Rule("actors.kind.credited", "a name alone in brackets after a sentence credits the "
         "outlet an item was taken from ('[HuffPost.]', '[Quartz]')", _credited,
         examples=("Stopping brain inflammation may be the key to combating the disease. "
                   "([Quartz].)",
                   "Crows are considered the detectives of the avian world. ([Quartz])"),
         counter=("He met the founder ([Quartz]) on Monday.",
                  "Stopping inflammation may be the key. ([Quartz] Ltd.)",
                  "Carly Fiorina didn't make the cut for the main stage Thursday. ([Mollie "
                  "Reilly].)")),
    Rule("actors.kind.outlet_staff", "a name employing a reporter, anchor or columnist is an "
         "outlet ('CNN anchor Jake Tapper', 'a reporter for Politico')", _outlet_staff,
         examples=("The question came from [WLKY] anchor Rachel Platt on Monday.",
                   "Alex Isenstadt, a reporter for [Politico], asked the question."),
         counter=("The question came from [Trump] anchor Rachel Platt. Donald Trump smiled.",
                  "Alex Isenstadt, a reporter for [Bill Clinton], asked the question.")),
    Rule("actors.kind.outlet_work", "a name owning a broadcast, drama or editorial is an "
         "outlet ('the PBS medical drama')", _outlet_work,
         examples=("He also stars in the [PBS] medical drama “Mercy Street” this season.",),
         counter=("He also stars in the [Trump] drama on the trail. Donald Trump won.",
                  "Carson said in an interview with [Todd Starnes]' podcast.")),
    Rule("actors.kind.broadcast_on", "a name after 'on' after a verb of speaking on the air is "
         "an outlet ('appeared on PBS')", _broadcast_on,
         examples=("The senator appeared on [PBS] last week to defend the plan.",),
         counter=("The senator appeared on [Pfizer]'s board last week.",
                  "Things appear on your [BlackBerrys] that would never be there.")),
    Rule("actors.kind.listed_people", "a name typed a body's in a list of people's names is a "
         "person's ('Joel Maiola, Kate Malloy Corriveau, Maureen Manning')", _listed_people,
         examples=("The panel includes Jennifer Horn, Peter Kavanaugh, [Kate Malloy Corriveau], "
                   "Maureen Manning and Steve Marchand.",
                   "(Additional reporting by [Marius Zaharia], Masayuki Kitano, Lee Chyen Yee "
                   "and Paige Lim in Singapore)",
                   "This might hasten the eclipse of [Carly Fiorina], Ben Carson and especially "
                   "Donald Trump, Will wrote."),
         counter=("The panel includes Goldman Sachs, Morgan Stanley and [Janney Montgomery "
                  "Scott].",
                  "Making her way around [Chez Vachon], Clinton and husband Bill thanked a "
                  "diner.")),
    Rule("actors.kind.titled_before", "a title only people hold right before a name typed a "
         "body's says a person ('political director Amanda Renteria')", _titled_before,
         examples=("Clinton dispatched O'Leary and political director [Amanda Renteria] to meet "
                   "with doctors.",),
         counter=("The bank hired its partner [Goldman Sachs] to advise on the deal.",)),
    Rule("actors.kind.facility", "a name ending in a building's head word is a place ('Trump "
         "Tower'), unless a given name opens it", _facility,
         examples=("As he spoke in the lobby of [Trump Tower], there were no steaks.",
                   "He was nonetheless buried at [Holy Cross Cemetery] on Sept. 3, 1963.",
                   "The club was founded at the corner of Allen and [Stanton Streets] in 1998."),
         counter=("Senator [John Tower] spoke in the lobby on Monday.",
                  "The mood about entrenched power - [Wall Street], political dynasties and "
                  "Washington - will matter.")),
])


# a word around a name that says its kind outweighs the model's label of one mention
_CONTEXT_WEIGHT = 2


def votes(doc: Doc, mentions: Iterable[Mention], disabled: Collection[str] = (), *,
          labels: bool = True) -> Counter[Vote]:
    """Return the kinds an actor's mentions vote for: each mention the model typed a person's,
    or with a title ("Rep. John Culberson"), one vote for a person (unless not `labels`: the
    words around the names alone); each rule that reads a kind in the words around a mention,
    two votes for it (so "advising Pfizer as it works" outweighs one label, not those of a
    person named twenty times)."""
    rules = KIND_RULES.active(disabled)
    found: Counter[Vote] = Counter()
    for m in mentions:
        if m.refers_back:
            continue
        if labels and (m.titles or m.label == "PERSON"):
            found["person"] += 1
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        for rule in rules:
            vote = rule.apply(span, m)
            if vote is not None:
                found[vote] += _CONTEXT_WEIGHT
    return found


def label_votes(mentions: Iterable[Mention]) -> Counter[Vote]:
    """Return the person votes of an actor's labels and titles alone (see `votes`)."""
    return Counter({"person": sum(1 for m in mentions if not m.refers_back
                                  and (m.titles or m.label == "PERSON"))})


def verdict(counted: Counter[Vote]) -> Vote | None:
    """Return the kind most votes give, if one leads the others; None without a lead.

    Examples:
        >>> verdict(Counter({"organisation": 2, "person": 1}))
        'organisation'
        >>> verdict(Counter({"organisation": 1, "person": 1})) is None
        True
    """
    ranked = counted.most_common(2)
    if not ranked or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def decided(current: ActorKind, evidence: Vote | None, *, lexical: bool, given: bool,
            personal: bool = False) -> ActorKind:
    """Return an actor's kind from the one its labels and lexicon give (`current`) and the one
    the words around it give (`evidence`, not "place"): the context corrects a person's kind,
    unless a given name opens the name ("Mary Barra", "Bob Mason, a retired letter carrier":
    `given`), and a generic organisation's into a thing's; a kind the lexicon read off the name
    (`lexical`: "Hezbollah" an armed group) stays. The context makes a body a person only when
    the words around the name, not its labels, say a person and the name reads as a person's
    (`personal`: "Rakeem Jones, 26, a protester"); a relative "who" often refers past a body's
    name ("at Dartmouth College, who co-developed").

    Examples:
        >>> decided("person", "organisation", lexical=False, given=False)
        'organisation'
        >>> decided("person", "organisation", lexical=False, given=True)
        'person'
        >>> decided("armed_group", "organisation", lexical=True, given=False)
        'armed_group'
        >>> decided("organisation", "person", lexical=False, given=False, personal=True)
        'person'
        >>> decided("organisation", "person", lexical=False, given=False)
        'organisation'
    """
    if evidence == "person":
        return "person" if current == "organisation" and not lexical and personal else current
    if evidence is None or evidence == "place" or evidence == current:
        return current
    if current == "person" and not given or current == "organisation" and not lexical:
        return evidence
    return current


def mistyped_openings(doc: Doc, taken: Collection[int], clusters: Iterable[Cluster],
                      is_state: Callable[[str], bool] = lambda _name: False
                      ) -> list[tuple[Mention, Cluster]]:
    """Return the one-word names the model typed a place's that no place took (not in `taken`
    offsets) and that open the longer name of exactly one organisation of the article, each
    with that organisation: "Cisco has promised" beside "Cisco System's VPN" is the company; a
    name a comma and another name follow is a town of a state ("in Cisco, Texas") or one of a
    list, left alone; so is the name of a state or country (`is_state`: "the Florida senator"
    beside the "Florida Democratic Party") and a name that only modifies a noun."""
    openers: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        full = cluster.longest.tokens
        if cluster.label == "ORG" and cluster.country is None and len(full) > 1:
            openers.setdefault(full[0], []).append(cluster)
    found: list[tuple[Mention, Cluster]] = []
    for ent in entities(doc):
        owners = openers.get(ent.text, [])
        after = doc[ent.end:ent.end + 2]
        listed = len(after) == 2 and after[0].text == "," and after[1].idx in taken
        if ent.label_ == "GPE" and len(ent) == 1 and ent.start_char not in taken \
                and len(owners) == 1 and not listed and ent.root.dep_ in _NOMINALS \
                and not is_state(ent.text):
            found.append((Mention(ent.start_char, ent.end_char, ent.text, "ORG",
                                  tokens=(ent.text,)), owners[0]))
    return found
