"""Tests for the `places` stage: NER and cued names, gazetteer resolution, merging, datelines."""

from __future__ import annotations

import pytest

from kg.config import Settings
from kg.extract.gazetteer.cache import load_gazetteer
from kg.extract.pipeline import REGISTRY
from kg.extract.places import stage as places
from kg.keys import place_id
from kg.model import Article, Dateline, Extraction, Place


@pytest.fixture(scope="module")
def stage():  # type: ignore[no-untyped-def]
    return places.places_stage(Settings())


def _run(nlp, stage, text: str, dateline: Dateline | None = None) -> Extraction:  # type: ignore[no-untyped-def]
    article = Article(id="p1", text=text, dateline=dateline)
    return stage(Extraction(article=article), nlp(text))


def _named(extraction: Extraction, text: str) -> Place:
    found = [p for p in extraction.places if any(m.text == text for m in p.mentions)]
    assert len(found) == 1, [(p.name, [m.text for m in p.mentions]) for p in extraction.places]
    return found[0]


def _chain(extraction: Extraction, place: Place) -> list[Place]:
    by_id = {p.id: p for p in extraction.places}
    chain = [place]
    while chain[-1].within is not None:
        chain.append(by_id[chain[-1].within])
    return chain


def test_places_stage_is_registered() -> None:
    spec = REGISTRY["places"]
    assert spec.requires == ("article", "doc") and spec.produces == ("places",)


@pytest.mark.parametrize(("text", "name", "kind", "country"), [
    ("Officials met in Damascus on Monday to discuss the truce.", "Damascus", "city", "SY"),
    ("Farmers protested across France against the new tax.", "France", "country", "FR"),
    ("The governor of California signed the water bill.", "California", "admin1", "US"),
    ("Heavy rain flooded streets in Toulouse overnight.", "Toulouse", "city", "FR"),
    # a capital abroad outranks a small town of its name in the article's country (Texas)
    ("Voters in Iowa, Ohio and Florida worried after the attacks in Paris, the governor of "
     "Texas said.", "Paris", "city", "FR"),
    # a city ten times smaller at home outranks a bigger one abroad
    ("Candidates campaigned in New Hampshire and Iowa. Sanders spoke in Manchester on Monday.",
     "Manchester", "city", "US"),
    # a city-state is the state, not its capital
    ("Officials from Malaysia and Singapore met on Monday.", "Singapore", "country", "SG"),
    # a list of places is no place in the next one
    ("His successes were overshadowed by turmoil in Paris, Ukraine, Libya and Syria.", "Paris",
     "city", "FR"),
    ("He has been live reporting on the ground in Iowa, New Hampshire, South Carolina, Nevada "
     "and Florida.", "Iowa", "admin1", "US"),
])
def test_places_resolves_names_in_gazetteer(nlp, stage, text, name, kind, country) -> None:  # type: ignore[no-untyped-def]
    place = _named(_run(nlp, stage, text), name)
    assert (place.kind, place.country_code) == (kind, country)
    assert place.geonames_id is not None or place.kind == "admin1"
    assert place.id == place_id(place.name, place.geonames_id) or place.kind == "admin1"


@pytest.mark.parametrize(("text", "name"), [
    ("Shells landed on the town of Morek before dawn, residents said.", "Morek"),
    ("Fighters pulled out of the town of Khan Shaykhun on Sunday.", "Khan Shaykhun"),
    ("Aid trucks reached the village of Kafranbel after a week.", "Kafranbel"),
    ("A column of tanks was moving towards Khan Shaykhun on Sunday.", "Khan Shaykhun"),
    ("Fighters retreated into Kafranbel after the shelling.", "Kafranbel"),
])
def test_places_finds_cued_names_the_model_mistypes(nlp, stage, text, name) -> None:  # type: ignore[no-untyped-def]
    place = _named(_run(nlp, stage, text), name)
    assert place.kind in ("town", "city", "village")
    assert place.geonames_id is not None


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Fighters pulled out of the town of Khan Shaykhun on Sunday.", "Khan Shaykhun", "SY"),
    ("Officials met in Damascus on Monday to discuss the truce.", "Damascus", "SY"),
    ("Crowds filled the streets of San Francisco, California, on Friday.", "San Francisco", "US"),
])
def test_places_chains_containment_up_to_the_country(nlp, stage, text, name, country) -> None:  # type: ignore[no-untyped-def]
    extraction = _run(nlp, stage, text)
    chain = _chain(extraction, _named(extraction, name))
    assert len(chain) >= 2
    assert (chain[-1].kind, chain[-1].country_code) == ("country", country)


@pytest.mark.parametrize(("text", "name", "outer"), [
    ("Protesters marched in Portland, Ore., on Saturday.", "Portland", "Ore."),
    ("Police in Portland, Maine, arrested two men.", "Portland", "Maine"),
    ("He was born in Paris, Texas, in 1950.", "Paris", "Texas"),
])
def test_places_reads_the_containing_place_after_a_comma(nlp, stage, text, name, outer) -> None:  # type: ignore[no-untyped-def]
    extraction = _run(nlp, stage, text)
    assert _named(extraction, name).within == _named(extraction, outer).id


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("Clashes continued in Hama province on Tuesday.", "Hama", "admin1"),
    ("Shops reopened in the city of Aleppo last week.", "Aleppo", "city"),
])
def test_places_takes_the_kind_from_the_cue(nlp, stage, text, name, kind) -> None:  # type: ignore[no-untyped-def]
    assert _named(_run(nlp, stage, text), name).kind == kind


@pytest.mark.parametrize(("text", "name", "count"), [
    ("Aleppo was calm. Later, shells fell on Aleppo again.", "Aleppo", 2),
    ("Turkey sent troops. Officials in Turkey denied it.", "Turkey", 2),
])
def test_places_merges_mentions_of_one_place(nlp, stage, text, name, count) -> None:  # type: ignore[no-untyped-def]
    extraction = _run(nlp, stage, text)
    assert len(_named(extraction, name).mentions) == count
    assert len({p.id for p in extraction.places}) == len(extraction.places)


@pytest.mark.parametrize(("first", "second", "name"), [
    ("Officials met in Damascus on Monday.", "A car bomb exploded in Damascus.", "Damascus"),
    ("Protests spread across Egypt.", "Egypt closed its border crossing.", "Egypt"),
])
def test_places_gives_a_place_one_id_across_articles(nlp, stage, first, second, name) -> None:  # type: ignore[no-untyped-def]
    one = _named(_run(nlp, stage, first), name)
    two = _named(_run(nlp, stage, second), name)
    assert one.id == two.id and one.id.startswith("geonames-")


@pytest.mark.parametrize("text", [
    # a name the model reads as a building is no small town of that name (Tennessee)
    "White House schmoozing season; Holiday party photo. One lawmaker took a private moment "
    "during a holiday party at the White House to reassure the commander in chief.",
    # a joke province named by another name of a town is that town's no more (Atwater, Calif.)
    "Some ISIS supporters half-jokingly put the location on their profile as ''the province "
    "of Twitter.'' Twitter suspended 125,000 accounts.",
])
def test_places_resolves_no_reading_against_the_text(nlp, stage, text) -> None:  # type: ignore[no-untyped-def]
    places = _run(nlp, stage, text).places
    assert not [p for p in places if p.geonames_id is not None
                and p.name in ("White House", "Twitter", "Atwater")]


@pytest.mark.parametrize(("text", "name", "wrong"), [
    # land or sea the gazetteer lacks is no first-level division of a country the article
    # names nowhere else (the Bahamas' Long Island district, Papua New Guinea's Gulf province)
    ("The Clintons were known to use Patricof's Hamptons house to vacation on Long Island "
     "when she served as a New York senator.", "Long Island", "BS"),
    ("Erdogan reneged on accords with the Gulf countries. The Gulf is alarmed by his new "
     "policy.", "Gulf", "PG"),
])
def test_places_reads_no_division_abroad_for_land_or_sea(nlp, stage, text, name, wrong) -> None:  # type: ignore[no-untyped-def]
    extraction = _run(nlp, stage, text)
    assert _named(extraction, name).country_code != wrong
    assert wrong not in {p.country_code for p in extraction.places}


def test_places_reads_no_place_outside_the_state_named_after_it(nlp, stage) -> None:  # type: ignore[no-untyped-def]
    # the gazetteer has no Newtown in Connecticut: it is none of the Newtowns elsewhere
    text = ("A number of the families of those killed at Sandy Hook Elementary School in "
            "Newtown, Connecticut, have filed a lawsuit. Sanders said linking him to the "
            "Newtown massacre was unfair.")
    extraction = _run(nlp, stage, text)
    assert {p.country_code for p in extraction.places} <= {"US", None}


@pytest.mark.parametrize(("text", "name"), [
    # a region named after a continent is no body named after a town ("Asia", Turkey)
    ("As Secretary I championed the United States' pivot to the Asia Pacific.", "Asia Pacific"),
    ("He landed at Orlando International Airport after a flight.",
     "Orlando International Airport"),
])
def test_places_keeps_places_named_after_places(nlp, stage, text, name) -> None:  # type: ignore[no-untyped-def]
    assert _named(_run(nlp, stage, text), name)


def test_places_spreads_an_unknown_name_only_to_place_readings(nlp, stage) -> None:  # type: ignore[no-untyped-def]
    text = ("Some ISIS supporters half-jokingly put the location on their profile as ''the "
            "province of Twitter.'' Twitter suspended 125,000 accounts.")
    mentions = [m for p in _run(nlp, stage, text).places for m in p.mentions
                if m.text == "Twitter"]
    assert len(mentions) == 1  # the cued one only


@pytest.mark.parametrize(("text", "not_places"), [
    ("Canadian investors bought shares of China Eastern Airlines.", {"Canadian",
                                                                      "China Eastern Airlines"}),
    ("Steve Jobs spoke in March. Jobs said sales had doubled.", {"March", "Jobs"}),
    ("The GAO rejected the protest on Monday.", {"GAO"}),
    ("President Obama spoke in Chicago on Monday. Obama said jobs were coming back.", {"Obama"}),
    ("Islamic State fighters fled the city of Raqqa.", {"Islamic"}),
    ("Leaders of the former Warsaw Pact countries met in Prague.", {"Warsaw Pact"}),
    # a body a kind word qualifies is no place of that kind
    ("Wisconsin voters elected Rebecca Bradley to a full term on the state Supreme Court "
     "Tuesday.", {"Supreme Court"}),
    ("He had no endorsement from any members of Congress or state GOP officials.", {"GOP"}),
    # a team or firm named after a place is no place ("New York Jets"; not "Central America")
    ("Half a dozen of the party's elite money players - including New York Jets owner Woody "
     "Johnson - met in Des Moines.", {"New York Jets"}),
    ("The campaign hired a firm called Cambridge Analytica in Texas.", {"Cambridge Analytica"}),
    ("Families came to the U.S. from Central America.", {"Central", "America"}),
    # a reporter's credit the model reads as a region
    ("(Reporting by Jason Lange and Dustin Volz; Additional reporting by Jim Finkle in "
     "Boston)", {"Dustin Volz"}),
    # a lowercase word before a kind word is no place's name
    ("On an embankment that runs along a towering steel fence separating this border town "
     "from its Mexican sister city, a patch of new concrete with a date carved into it stands "
     "out.", {"sister"}),
    # an unknown name the model reads as a firm anywhere in the story is a firm
    ("In some cases, Verizon was forced to postpone installations of new FiOS Internet service "
     "by a matter of weeks. The company sent affected customers a temporary LTE hotspot they "
     "could use to get online. In the Washington metropolitan area, Verizon brought in workers "
     "from as far away as Connecticut to meet the shortfall. Verizon said in a statement that "
     "it looked forward to having its employees back.", {"Verizon"}),
    # a possessor after a locative preposition is no location
    ("Trump’s accusation that Obama and Clinton created the so-called Islamic State extended "
     "the feud. Clinton and Biden have had a lengthy rivalry despite both having served in "
     "Obama’s cabinet.", {"Obama", "Clinton"}),
])
def test_places_ignores_names_that_are_not_places(nlp, stage, text, not_places) -> None:  # type: ignore[no-untyped-def]
    found = {m.text for p in _run(nlp, stage, text).places for m in p.mentions}
    assert not found & not_places


@pytest.mark.parametrize(("text", "place_name", "expected"), [
    ("ALEPPO, Syria (Reuters) - Fighting resumed on Tuesday.", "ALEPPO", "Aleppo"),
    ("IDLIB, Syria (AFP) - Schools closed on Tuesday.", "IDLIB", "Idlib"),
])
def test_places_points_the_dateline_at_its_place(nlp, stage, text, place_name, expected) -> None:  # type: ignore[no-untyped-def]
    dateline = Dateline(text=text.split(" - ")[0], place_name=place_name)
    extraction = _run(nlp, stage, text, dateline)
    place_key = extraction.article.dateline.place
    assert place_key is not None
    place = next(p for p in extraction.places if p.id == place_key)
    assert expected in (place.name, *place.aliases)
    assert place.country_code == "SY"


@pytest.mark.parametrize(("text", "names"), [
    ("SOMEWHERE, Syria (AFP) - Talks began.", {"SOMEWHERE"}),
])
def test_places_reads_a_capitalised_dateline_without_the_reader(nlp, stage, text, names) -> None:  # type: ignore[no-untyped-def]
    found = {m.text for p in _run(nlp, stage, text).places for m in p.mentions}
    assert names <= found


def test_gazetteer_is_loaded_once() -> None:
    assert load_gazetteer() is load_gazetteer()


@pytest.mark.parametrize(("name", "code"), [("Idlib", "SY"), ("California", "US"), ("Hama", "SY")])
def test_gazetteer_knows_first_level_divisions(name, code) -> None:  # type: ignore[no-untyped-def]
    gazetteer = load_gazetteer()
    divisions = [e for e in gazetteer.lookup(name) if e.kind == "admin1" and e.country_code == code]
    assert len(divisions) == 1
    assert divisions[0].within == gazetteer.countries[code].id
