"""The identity resolver: which article-level actor nodes name one real-world actor."""

from __future__ import annotations

import pytest

from kg.identity import Decisions, Index, Member
from kg.identity.graph import place
from kg.identity.names import PersonName, initials, is_acronym, org_core


def _placed(*members: Member, decisions: Decisions | None = None) -> dict[str, str]:
    index = Index(decisions)
    place(index, members, base_iri="urn:t/")
    return {m: index.of_member[m] for m in index.of_member}


def _node(name: str, kind: str, *aliases: str) -> Member:
    return Member(iri=f"urn:t/actor/{name}", name=name, kind=kind, aliases=aliases)


@pytest.mark.parametrize(("names", "kinds"), [
    (("Donald Trump", "Donald J. Trump", "Trump"), ("person", "person", "person")),
    (("Donald Trump", "Trump"), ("person", "organisation")),  # a headline's lone surname
    (("Barack Obama", "OBAMA"), ("person", "person")),
    (("General Motors", "GM", "General Motors Corporation"), ("organisation",) * 3),
    (("U.S. Air Force", "USAF"), ("military", "military")),
    (("Bank of America", "Bank of America Corp.", "BoA"), ("organisation",) * 3),
    (("Ford Motor Company", "Ford"), ("organisation", "organisation")),
    (("Apple Inc.", "Apple Corps", "Apple"), ("organisation",) * 3),  # "Apple" is Apple Inc.
    (("Mr. Henderson", "Frederick Henderson"), ("person", "person")),
    (("FTSE 100", "FTSE"), ("financial", "financial")),  # an index's acronym opens its name
    # an acronym of the opening words, the rest the same
    (("Standard & Poor's 500", "S&P 500"), ("financial", "financial")),
    (("United States Air Force", "U.S. Air Force"), ("military", "military")),
    (("Boeing 787 Dreamliner", "787 Dreamliner"), ("product", "product")),  # with its maker
    # a state organ named by its field either way round
    (("U.S. Department of Labor", "US Labor Department"), ("government", "government")),
    (("Department of the Treasury", "Treasury Department"), ("government", "government")),
    # a body's other name (other_names.tsv)
    (("Republican Party", "GOP", "G.O.P.", "Grand Old Party"), ("organisation",) * 4),
    (("Islamic State", "ISIS", "ISIL"), ("armed_group",) * 3),
])
def test_identity_merges_variants(names: tuple[str, ...], kinds: tuple[str, ...]) -> None:
    placed = _placed(*(_node(n, k) for n, k in zip(names, kinds, strict=True)))
    legal = [n for n in names if n.endswith(("Inc.", "Corps"))]
    if legal:  # the lone name joins the company whose name it is without its legal form
        assert placed[f"urn:t/actor/{names[-1]}"] == placed[f"urn:t/actor/{legal[0]}"]
        return
    assert len(set(placed.values())) == 1


@pytest.mark.parametrize(("names", "kinds"), [
    (("Bill Clinton", "Hillary Clinton"), ("person", "person")),
    (("Bill Clinton", "Hillary Clinton", "Clinton"), ("person", "person", "person")),
    (("Ford Motor Company", "Gerald Ford"), ("organisation", "person")),
    (("George H. W. Bush", "George W. Bush"), ("person", "person")),
    (("Apple Inc.", "Apple Corps"), ("organisation",) * 2),
    (("GM", "Goldman Sachs"), ("organisation", "person")),
    (("US Airways", "United States Air Force"), ("organisation", "military")),
    (("Bank of America", "America Bank"), ("organisation", "organisation")),  # no state organ
    (("University of California", "California University"), ("organisation", "organisation")),
    # two full names with the same initials ("ADP", "ABA", "CWA"): no acronym is written
    (("Alabama Democratic Party", "Arizona Democratic Party"), ("organisation",) * 2),
    (("American Bankers Association", "American Bar Association"), ("organisation",) * 2),
    (("Communications Workers of America", "Concerned Women for America"),
     ("organisation",) * 2),
])
def test_identity_keeps_apart(names: tuple[str, ...], kinds: tuple[str, ...]) -> None:
    placed = _placed(*(_node(n, k) for n, k in zip(names, kinds, strict=True)))
    full = [placed[f"urn:t/actor/{n}"] for n in names if len(n.split()) > 1]
    assert len(set(full)) == len(full)
    if len(names) > len(full) and len(full) > 1:  # an ambiguous short name joins neither
        assert placed[f"urn:t/actor/{names[-1]}"] not in full


def test_identity_other_name_joins_its_own_body_only() -> None:
    gop = Member(iri="urn:t/actor/GOP", name="GOP", kind="organisation", weight=5)
    index = Index()
    place(index, [gop, *(_node(n, "organisation") for n in ("Republican Party",
                                                           "Democratic Party", "Dems"))],
          base_iri="urn:t/")
    placed = dict(index.of_member)
    assert placed["urn:t/actor/GOP"] == placed["urn:t/actor/Republican Party"]
    # the body's own name, though more articles call it by the other
    assert index.canonicals[placed["urn:t/actor/GOP"]].name == "Republican Party"
    assert placed["urn:t/actor/Dems"] == placed["urn:t/actor/Democratic Party"]
    assert placed["urn:t/actor/GOP"] != placed["urn:t/actor/Democratic Party"]


def test_identity_decisions_override_evidence() -> None:
    a, b = _node("Ted Cruz", "person"), _node("Rafael Edward Cruz", "person")
    assert len(set(_placed(a, b).values())) == 2
    merged = _placed(a, b, decisions=Decisions(same=frozenset({(a.iri, b.iri)})))
    assert len(set(merged.values())) == 1
    c, d = _node("Ford Motor Company", "organisation"), _node("Ford", "organisation")
    split = _placed(c, d, decisions=Decisions(different=frozenset({(d.iri, c.iri)})))
    assert len(set(split.values())) == 2


def test_identity_placement_is_incremental() -> None:
    index = Index()
    place(index, [_node("General Motors", "organisation")], base_iri="urn:t/")
    before = dict(index.of_member)
    assert place(index, [_node("GM", "organisation"), _node("General Motors", "organisation")],
                 base_iri="urn:t/") == 1
    assert {k: index.of_member[k] for k in before} == before


@pytest.mark.parametrize(("text", "expected"), [
    ("U.S. Air Force", {"usaf"}),
    ("Bank of America", {"boa", "ba"}),
    ("General Motors Corp.", {"gm"}),
    ("UN Security Council", {"unsc"}),  # an acronym in the name gives all its letters
    ("EVA Airways", {"evaa"}),
])
def test_identity_initials(text: str, expected: set[str]) -> None:
    assert initials(text) == expected


@pytest.mark.parametrize(("text", "expected"), [("GM", True), ("U.S.A.F.", True), ("BoA", True),
                                                ("Ford", False), ("NASA chief", False)])
def test_identity_is_acronym(text: str, expected: bool) -> None:
    assert is_acronym(text) is expected


@pytest.mark.parametrize(("text", "expected"), [("General Motors Corporation", "general motors"),
                                                ("The Coca-Cola Co.", "coca cola"),
                                                ("Group", "group"),
                                                ("Department of Justice", "justice department"),
                                                ("Bank of America", "bank of america")])
def test_identity_org_core(text: str, expected: str) -> None:
    assert org_core(text) == expected


@pytest.mark.parametrize(("one", "other", "expected"), [
    ("Donald J. Trump", "Donald Trump", True),
    ("George W. Bush", "George H. W. Bush", False),
    ("J. Smith", "John Smith", True),
    ("Bill Clinton", "Hillary Clinton", False),
    ("Chuck Grassley", "Charles E. Grassley", True),  # a short form of the given name
    ("Bill Clinton", "William J. Clinton", True),
    ("Ted Cruz", "Edward Cruz", True),  # either name "Ted" may shorten
    ("Jim Comey", "John Comey", False),
    ("Duncan Hunter Sr.", "Duncan Hunter Jr.", False),  # generational suffixes disagree
    ("Joseph R. Biden Jr.", "Joe Biden", True),  # one gives none
])
def test_identity_person_names_agree(one: str, other: str, expected: bool) -> None:
    a, b = PersonName.parse(one), PersonName.parse(other)
    assert a is not None and b is not None
    assert a.agrees(b) is expected


def test_identity_an_alias_short_form_takes_no_full_name() -> None:
    """"Apple Corps", called "Apple" in its own article, is not the "Apple Inc." of others; a
    bare "Apple" elsewhere may still join it when it is the only Apple."""
    placed = _placed(_node("Apple Inc.", "organisation", "Apple"),
                     _node("Apple Corps", "organisation", "Apple"))
    assert placed["urn:t/actor/Apple Inc."] != placed["urn:t/actor/Apple Corps"]
    placed = _placed(_node("Apple Corps", "organisation", "Apple"), _node("Apple", "organisation"))
    assert placed["urn:t/actor/Apple"] == placed["urn:t/actor/Apple Corps"]


def _in(name: str, kind: str, graphs: tuple[str, ...], *aliases: str) -> Member:
    return Member(iri=f"urn:t/actor/{name}", name=name, kind=kind, aliases=aliases,
                  weight=len(graphs), sources=frozenset(graphs))


@pytest.mark.parametrize(("members", "same"), [
    # "Apple" in the article of "Apple Computer" is the Apple Inc. of others who name Steve Jobs
    ((_in("Apple Computer", "organisation", ("a",), "Apple"),
      _in("Steve Jobs", "person", ("a", "b")), _in("Apple Inc.", "organisation", ("b",), "Apple")),
     True),
    # no other name in common: no evidence
    ((_in("Apple Computer", "organisation", ("a",), "Apple"), _in("Tim Cook", "person", ("a",)),
      _in("Apple Inc.", "organisation", ("b",), "Apple"), _in("Steve Jobs", "person", ("b",))),
     False),
    # one article names both apart: two actors, whatever else their articles share
    ((_in("Apple Corps", "organisation", ("a", "c"), "Apple"),
      _in("Paul McCartney", "person", ("a", "b")), _in("Steve Jobs", "person", ("a", "b")),
      _in("Apple Computer", "organisation", ("b", "c"), "Apple")), False),
])
def test_identity_short_form_needs_evidence(members: tuple[Member, ...], same: bool) -> None:
    placed = _placed(*members)
    orgs = {placed[m.iri] for m in members if m.kind == "organisation"}
    assert (len(orgs) == 1) is same


def test_identity_described_actors_stay_in_their_article() -> None:
    placed = _placed(_in("company", "other", ("a",)), _in("company", "other", ("b",)))
    assert len(set(placed.values())) == 1  # one node here: the same id in both graphs
    placed = _placed(Member(iri="urn:t/actor/a--company", name="company", kind="other"),
                     Member(iri="urn:t/actor/b--company", name="company", kind="other"))
    assert len(set(placed.values())) == 2


def test_identity_a_person_s_name_is_no_short_form() -> None:
    placed = _placed(_in("Donald Trump", "person", ("a", "b"), "Trump"),
                     _in("Trump University", "organisation", ("a",), "Trump"),
                     _in("Trump Administration", "government", ("b",), "Trump"),
                     _in("Jeb Bush", "person", ("a", "b")))
    assert placed["urn:t/actor/Trump University"] != placed["urn:t/actor/Trump Administration"]


@pytest.mark.parametrize(("members", "apart"), [
    # one acronym, two full names: the convention is not the committee
    ((_in("Democratic National Committee", "organisation", ("a",), "DNC"),
      _in("DNC", "organisation", ("b",)),
      _in("Democratic National Convention", "organisation", ("c",))),
     ("Democratic National Committee", "Democratic National Convention")),
    # an acronym an article gives its own full name takes no other full name it spells
    ((_in("Bear Stearns", "organisation", ("a",)),
      _in("Big Sisters", "organisation", ("b",), "BS")), ("Bear Stearns", "Big Sisters")),
    # a body inside an organisation is not the organisation its article shortens it to
    ((_in("Senate", "government", ("a", "c")), _in("John McCain", "person", ("a", "b")),
      _in("Senate Veterans Affairs Committee", "organisation", ("b",), "Senate")),
     ("Senate", "Senate Veterans Affairs Committee")),
    # two products of one line both shorten to the line's name in their articles
    ((_in("Mac OS X Lion", "product", ("a",), "OS X"), _in("Steve Jobs", "person", ("a", "b")),
      _in("OS X Tiger", "product", ("b",), "OS X")), ("Mac OS X Lion", "OS X Tiger")),
    # a short given name is no proof where the store knows other people of the surname
    ((_in("Steve Cohen", "person", ("a",)), _in("Stephen S. Cohen", "person", ("b",)),
      _in("Larry Cohen", "person", ("c",))), ("Steve Cohen", "Stephen S. Cohen")),
])
def test_identity_keeps_apart_what_one_name_form_would_join(
        members: tuple[Member, ...], apart: tuple[str, str]) -> None:
    placed = _placed(*members)
    assert placed[f"urn:t/actor/{apart[0]}"] != placed[f"urn:t/actor/{apart[1]}"]


@pytest.mark.parametrize("members", [
    (_in("Chuck Grassley", "person", ("a",)), _in("Charles E. Grassley", "person", ("b",))),
    (_in("Steve Cohen", "person", ("a", "d")), _in("Stephen S. Cohen", "person", ("b",)),
     _in("Larry Cohen", "person", ("c",)), _in("Nancy Pelosi", "person", ("a", "b"))),
    (_in("Democratic National Committee", "organisation", ("a",)),
     _in("DNC", "organisation", ("b",))),
])
def test_identity_joins_a_short_given_name_or_an_acronym_with_evidence(
        members: tuple[Member, ...]) -> None:
    placed = _placed(*members)
    assert placed[members[0].iri] == placed[members[1].iri]


@pytest.mark.parametrize(("members", "apart"), [
    # one story names the father and the son apart: the son is another person in every story
    ((_in("Donald J. Trump", "person", ("a", "b"), "Trump"),
      _in("Donald Trump Jr.", "person", ("a",))), True),
    ((_in("Donald Trump Jr.", "person", ("a",)),
      _in("Donald J. Trump", "person", ("a", "b"), "Trump")), True),
    # named alone, a suffix is part of the one person's full name
    ((_in("Joe Biden", "person", ("a",), "Biden"),
      _in("Joseph R. Biden Jr.", "person", ("b",))), False),
    # beside a lone surname, the suffix tells no one apart
    ((_in("Alito", "person", ("a",)), _in("Samuel A. Alito Jr.", "person", ("a", "b"))), False),
])
def test_identity_generations_stay_apart(members: tuple[Member, ...], apart: bool) -> None:
    placed = _placed(*members)
    assert (len(set(placed.values())) == 2) is apart


def test_identity_a_head_noun_inside_a_name_is_no_short_form() -> None:
    """"Congress" in the story of the "American Congress of Obstetricians" is the Congress of
    other stories, not a short form that pulls it into the obstetricians' body; a closing or
    opening short form still is one ("Senate" of the "United States Senate")."""
    placed = _placed(_in("American Congress of Obstetricians", "government", ("a",), "Congress"),
                     _in("Congress", "government", ("a", "b", "c")))
    body = "urn:t/actor/American Congress of Obstetricians"
    assert placed["urn:t/actor/Congress"] != placed[body]
    placed = _placed(_in("United States Senate", "government", ("a",), "Senate"),
                     _in("Senate", "government", ("a", "b", "c")))
    assert placed["urn:t/actor/Senate"] == placed["urn:t/actor/United States Senate"]


def test_identity_a_lone_word_is_the_surname_of_a_person_its_story_names() -> None:
    """A one-word name typed as an organisation joins a person its own article names ("Trump"
    in a headline over "Donald Trump"), not a person it never names ("Washington")."""
    placed = _placed(_in("George Washington", "person", ("a",)),
                     _in("Washington", "organisation", ("b", "c")))
    assert placed["urn:t/actor/Washington"] != placed["urn:t/actor/George Washington"]
    placed = _placed(_in("Donald Trump", "person", ("a", "b")),
                     _in("Trump", "organisation", ("b",)))
    assert placed["urn:t/actor/Trump"] == placed["urn:t/actor/Donald Trump"]


def test_identity_a_state_organ_s_short_form_either_way_round() -> None:
    placed = _placed(_in("U.S. Department of Education", "government", ("a",),
                         "Department of Education"),
                     _in("Department of Education", "government", ("b",)))
    assert len(set(placed.values())) == 1


def test_identity_a_word_of_its_own_name_is_no_acronym_of_another() -> None:
    placed = _placed(_node("Trump Victory", "organisation"),
                     _node("BFM TV", "media", "BFM", "TV"))
    assert placed["urn:t/actor/BFM TV"] != placed["urn:t/actor/Trump Victory"]


@pytest.mark.parametrize("full", ["Suffolk University Political Research Center",
                                  "Harvard Kennedy School", "Senate Veterans Affairs Committee"])
def test_identity_a_body_inside_another_is_not_that_other(full: str) -> None:
    short = " ".join(full.split()[:2 if full.startswith("Suffolk") else 1])
    placed = _placed(_in(short, "organisation", ("a", "b")),
                     _in(full, "organisation", ("c",), short),
                     _in("Jeb Bush", "person", ("a", "c")))
    assert placed[f"urn:t/actor/{full}"] != placed[f"urn:t/actor/{short}"]


def test_identity_a_lone_word_in_the_person_s_alias_is_no_proof() -> None:
    """A person's surname alias ("Guardian" of Don Guardian) is in every story that uses the
    word; the story of a lone "Guardian" must name the person otherwise, unless the store names
    the person widely ("McConnell" of a story that names no Mitch McConnell)."""
    placed = _placed(_in("Don Guardian", "person", ("a",), "Guardian"),
                     _in("Guardian", "organisation", ("b",)))
    assert placed["urn:t/actor/Guardian"] != placed["urn:t/actor/Don Guardian"]
    placed = _placed(_in("Guardian", "other", ("b",)),
                     _in("Don Guardian", "person", ("a",), "Guardian"))
    assert placed["urn:t/actor/Guardian"] != placed["urn:t/actor/Don Guardian"]
    placed = _placed(_in("Mitch McConnell", "person", ("a", "b", "c", "d"), "McConnell"),
                     _in("McConnell", "organisation", ("e",)))
    assert placed["urn:t/actor/McConnell"] == placed["urn:t/actor/Mitch McConnell"]


def test_identity_a_hyphenated_pair_gives_a_letter_each() -> None:
    """"TPP" of the Trans-Pacific Partnership is not the Texas Politics Project's."""
    assert "tpp" in initials("Trans-Pacific Partnership")
    assert "hp" in initials("Hewlett-Packard Co.")
    placed = _placed(_in("Trans-Pacific Partnership", "organisation", ("a",), "TPP"),
                     _in("Texas Politics Project", "organisation", ("b",), "TPP"))
    assert len(set(placed.values())) == 2


def test_identity_an_acronym_beside_its_full_name_is_that_name() -> None:
    """Of two names with the same initials, an acronym joins the one its own story names."""
    placed = _placed(_in("Democracy for America", "organisation", ("a",)),
                     _in("Dodd-Frank Act", "organisation", ("b", "c")),
                     _in("DFA", "organisation", ("a",)))
    assert placed["urn:t/actor/DFA"] == placed["urn:t/actor/Democracy for America"]
