"""Tests for the `actors` stage: names, kinds, merging, titles, affiliations, states and organs."""

from __future__ import annotations

from datetime import date

import pytest

from kg.articles import from_text
from kg.config import Settings
from kg.extract.actors import stage as actors
from kg.extract.actors.mentions import Mention
from kg.extract.actors.merge import Cluster
from kg.extract.common.names import run_together
from kg.extract.gazetteer.cache import load_gazetteer
from kg.extract.pipeline import REGISTRY
from kg.extract.places import stage as places
from kg.keys import actor_id
from kg.model import Actor, Article, Extraction


@pytest.fixture(scope="module")
def stages():  # type: ignore[no-untyped-def]
    return places.places_stage(Settings()), actors.actors_stage(Settings())


def _run(nlp, stages, text: str) -> Extraction:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    extraction = Extraction(article=Article(id="a1", text=text))
    for stage in stages:
        extraction = stage(extraction, doc)
    return extraction


def _actor(extraction: Extraction, key: str) -> Actor:
    found = [a for a in extraction.actors if a.id == key]
    assert len(found) == 1, [(a.id, a.kind, [m.text for m in a.mentions])
                             for a in extraction.actors]
    return found[0]


def _mentioned(extraction: Extraction) -> set[str]:
    return {m.text for a in extraction.actors for m in a.mentions}


def test_actors_stage_is_registered() -> None:
    spec = REGISTRY["actors"]
    assert spec.requires == ("article", "doc", "places") and "actors" in spec.produces


@pytest.mark.parametrize(("text", "key", "kind"), [
    ("Reuters reported the deal on Monday.", "reuters", "media"),
    ("Microsoft said its profits rose sharply.", "microsoft", "organisation"),
    ("Hezbollah said it would respond to the strike.", "hezbollah", "armed_group"),
    ("Hamas militants fired rockets at the border town.", "hamas", "armed_group"),
    ("The Hayat Tahrir al-Sham alliance holds the hills.", "hayat-tahrir-al-sham",
     "armed_group"),
    ("The Ministry of Defence denied the report.", "ministry-of-defence", "government"),
    ("The Department of Justice said it would sue.", "department-of-justice", "government"),
    ("The Council of Foreign Relations held a debate.", "council-of-foreign-relations",
     "organisation"),  # a council may be no state's
    ("The Syrian army shelled the hills overnight.", "syrian-military", "military"),
    ("Angela Merkel arrived in Paris on Monday.", "angela-merkel", "person"),
    ("The German magazine Der Spiegel published the memo.", "der-spiegel", "media"),
    ("Apple's iTunes store passes U.S. electronics retailer Best Buy in music sales.",
     "best-buy", "organisation"),
    ("The company founder Steve Jobs spoke on Monday.", "steve-jobs", "person"),
    ("The House passed the bill. The Senate disagreed.", "house", "government"),
    ("Freedom House said the vote was unfair.", "freedom-house", "organisation"),
    # a lone first name the model typed as an organisation's, a titled person who goes by a
    # surname of two words
    ("Tim Canova wants to unseat Rep. Debbie Wasserman Schultz. He said he would run not "
     "because of “some kind of personal vendetta against Debbie,” but because Canova is a "
     "“good candidate.” Some officials think Wasserman Schultz is at risk.",
     "debbie-wasserman-schultz", "person"),
    # an agency is a state's, unless a media word says an outlet's (its name's or its
    # descriptor's); call letters are a broadcaster's; "radio" heads outlets, not any name
    ("The Environmental Protection Agency issued new rules on Monday.",
     "environmental-protection-agency", "government"),
    ("The Xinhua News Agency reported the blast on Monday.", "xinhua-news-agency", "media"),
    ("The state news agency SANA reported the blast on Monday.", "sana", "media"),
    ("For instance, a WBUR poll last week showed Rubio in third.", "wbur", "media"),
    ("It paid $200,000 to the conservative Newsmax Media for list rentals.", "newsmax-media",
     "media"),
    ("Hizbollah and Hamas have built up sophisticated arsenals.", "hizbollah", "armed_group"),
    ("The editorial board of the Des Moines Register endorsed Clinton.", "des-moines-register",
     "media"),
    # a person after an outlet's possessive, the model's words of the outlet's name or none
    ("Last month, The Huffington Post’s Scott Conroy asked Sanders whether questions about his "
     "health were fair game.", "scott-conroy", "person"),
    ("Members including syndicated radio host Glenn Beck and the Daily Wire’s Ben Shapiro "
     "oppose him.", "ben-shapiro", "person"),
])
def test_actors_finds_the_kind_of_actor(nlp, stages, text, key, kind) -> None:  # type: ignore[no-untyped-def]
    assert _actor(_run(nlp, stages, text), key).kind == kind


@pytest.mark.parametrize(("text", "key", "alias"), [
    ("Spanish Prime Minister Pedro Sanchez met the unions. Sanchez said talks would go on.",
     "pedro-sanchez", "Sanchez"),
    ("General Motors cut 2,000 jobs on Monday. GM said demand had fallen.",
     "general-motors", "GM"),
    ("The Syrian Observatory for Human Rights counted 20 dead. The Observatory said more "
     "bodies were found.", "syrian-observatory-for-human-rights", "Observatory"),
    # a headline's clipped word; initials without the legal form
    ("Penske Auto to buy Saturn. The Penske Automotive Group (PAG) was selected to buy Saturn.",
     "penske-automotive-group", "Penske Auto"),
    ("General Motors Corporation (GM) filed for bankruptcy. GM said it would cut jobs.",
     "general-motors-corporation", "GM"),
    # the closing words as their acronym
    ("Apple releases iPhone SDK. Apple released the iPhones Software Development Kit (SDK) on "
     "Thursday.", "iphones-software-development-kit", "iPhone SDK"),
    # a person's surname inside or closing a longer body's name is the person's
    ("Hillary Clinton spoke at the University of Arkansas Clinton School of Public Service. "
     "Clinton said she would win.", "hillary-clinton", "Clinton"),
    ("Bernie Sanders won. Tom Giancola, a fellow New Hampshire Sanders veteran, was there. "
     "The crowd cheered for Sanders on Tuesday.", "bernie-sanders", "Sanders"),
])
def test_actors_merges_mentions_into_the_fullest_name(nlp, stages, text, key, alias) -> None:  # type: ignore[no-untyped-def]
    actor = _actor(_run(nlp, stages, text), key)
    assert alias in actor.aliases
    assert len(actor.mentions) >= 2
    assert actor.id == actor_id(actor.name)


@pytest.mark.parametrize(("text", "key", "title", "affiliation"), [
    ("Spanish Prime Minister Pedro Sanchez met the unions.", "pedro-sanchez", "Prime Minister",
     "spain"),
    ("Russian Foreign Minister Sergei Lavrov flew to Ankara.", "sergei-lavrov",
     "Foreign Minister", "russia"),
    ("Google CEO Sundar Pichai announced a new phone.", "sundar-pichai", "CEO", "google"),
    ("Gov. Jeb Bush toured the flooded county.", "jeb-bush", "Gov.", None),
])
def test_actors_reads_titles_and_affiliations(nlp, stages, text, key, title, affiliation) -> None:  # type: ignore[no-untyped-def]
    actor = _actor(_run(nlp, stages, text), key)
    assert title in actor.titles
    assert actor.affiliation == affiliation


@pytest.mark.parametrize(("text", "key", "mention", "code"), [
    ("A Turkish convoy crossed the border at dawn.", "turkey", "Turkish", "TR"),
    ("Moscow said the air strikes would continue.", "russia", "Moscow", "RU"),
    ("France rejected the proposal on Tuesday.", "france", "France", "FR"),
])
def test_actors_reads_states_from_demonyms_capitals_and_countries(  # type: ignore[no-untyped-def]
        nlp, stages, text, key, mention, code) -> None:
    state = _actor(_run(nlp, stages, text), key)
    assert state.kind == "country"
    assert mention in {m.text for m in state.mentions}
    assert state.country == load_gazetteer().countries[code].id


@pytest.mark.parametrize(("text", "not_actors"), [
    ("Takfiri militants attacked the village at night.", {"Takfiri"}),
    ("Pro-government newspapers praised the move.", {"Pro-government"}),
    ("Chinese airlines ordered forty jets.", {"Chinese"}),
    ("The Macworld Conference opens on Tuesday.", {"Macworld Conference"}),
    ("Apple's TV ads ran on Monday.", {"TV"}),  # a company's word in capitals before a noun
    ("The Airbus A380 landed in Sydney after a long delay.", {"Airbus"}),
    ("Tickets cost $99 (USD) each.", {"USD"}),
    # a notion named for a place ("the Ferguson Effect")
    ("Trump then reiterated the basic premise of the \"Ferguson Effect.\"", {"Ferguson Effect"}),
    # a law, an award
    ("Clinton defended the Affordable Care Act on Monday.", {"Affordable Care Act"}),
    ("She won the Living Legend Award last year.", {"Living Legend Award"}),
])
def test_actors_ignores_labels_that_are_not_actors(nlp, stages, text, not_actors) -> None:  # type: ignore[no-untyped-def]
    assert not _mentioned(_run(nlp, stages, text)) & not_actors


@pytest.mark.parametrize(("text", "key", "alias"), [
    ("Hillary Clinton arrived in Iowa. Hillary said she would win.", "hillary-clinton",
     "Hillary"),
])
def test_actors_merges_a_lone_first_name(nlp, stages, text, key, alias) -> None:  # type: ignore[no-untyped-def]
    assert alias in _actor(_run(nlp, stages, text), key).aliases


@pytest.mark.parametrize(("first", "second", "key"), [
    ("Vladimir Putin met the envoy.", "Putin said on Monday that Vladimir Putin would travel.",
     "vladimir-putin"),
    ("Reuters reported the deal.", "The figures were confirmed to Reuters.", "reuters"),
])
def test_actors_gives_an_actor_one_id_across_articles(nlp, stages, first, second, key) -> None:  # type: ignore[no-untyped-def]
    assert _actor(_run(nlp, stages, first), key).id == _actor(_run(nlp, stages, second), key).id


@pytest.mark.parametrize(("text", "key", "country"), [
    ("The Syrian army shelled the hills overnight.", "syrian-military", "syria"),
    ("Government forces shelled rebel positions in Syria on Monday.", "syrian-military",
     "syria"),
])
def test_actors_links_state_organs_to_their_state(nlp, stages, text, key, country) -> None:  # type: ignore[no-untyped-def]
    extraction = _run(nlp, stages, text)
    organ = _actor(extraction, key)
    state = _actor(extraction, country)
    assert organ.affiliation == state.id
    assert organ.country == state.country is not None
    organ_spans = {(m.start, m.end) for m in organ.mentions}
    assert not any(m.start >= s and m.end <= e for m in state.mentions for s, e in organ_spans)


@pytest.mark.parametrize(("text", "key"), [
    # filed in Moscow, about Syria: the body's places say whose forces these are
    ("MOSCOW (Wire) – Government forces pushed into Khan Shaykhun in Idlib province on Monday, "
     "shelling Maaret al-Noman and Morek.", "syrian-military"),
    # the body names no place: the dateline's country stands in
    ("DAMASCUS (Wire) – Government forces shelled the hills overnight.", "syrian-military"),
])
def test_actors_government_forces_belong_to_the_country_the_story_is_about(
        nlp, stages, text: str, key: str) -> None:  # type: ignore[no-untyped-def]
    article = from_text(text, article_id="a1", published=date(2019, 8, 20))
    doc = nlp(article.text)
    extraction = Extraction(article=article)
    for stage in stages:
        extraction = stage(extraction, doc)
    assert "Government forces" in {m.text for m in _actor(extraction, key).mentions}


@pytest.mark.parametrize(("text", "key", "description"), [
    ("The Health Ministry of Ruritania closed two hospitals on Friday. The ministry said both "
     "would reopen next month.", "health-ministry-of-ruritania", "The ministry"),
    ("Officials of the Acme Workers Union met Globex Corporation managers in Leeds. Later the "
     "union said the talks had failed.", "acme-workers-union", "the union"),
])
def test_actors_definite_description_refers_back_to_the_last_actor_named_so(  # type: ignore[no-untyped-def]
        nlp, stages, text, key, description) -> None:
    extraction = _run(nlp, stages, text)
    actor = _actor(extraction, actor_id(key))
    assert description in {m.text for m in actor.mentions}
    assert description not in actor.aliases  # a description is not a name users type


def test_actors_definite_description_without_an_antecedent_is_no_actor(nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = "The ministry said on Monday that prices rose. Acme Ministry of Trade officials agreed."
    extraction = _run(nlp, stages, text)
    assert "The ministry" not in _mentioned(extraction)


@pytest.mark.parametrize(("text", "not_actor"), [
    ("Rebel fighters retreated towards Khan Shaykhun after the shelling.", "khan-shaykhun"),
])
def test_actors_skips_a_gazetteer_place_after_a_locative_preposition(  # type: ignore[no-untyped-def]
        nlp, stages, text, not_actor) -> None:
    assert not_actor not in {a.id for a in _run(nlp, stages, text).actors}


@pytest.mark.parametrize(("text", "key", "mention"), [
    ("The strike was confirmed late on Monday, state news agency SANA reported.", "sana",
     "SANA"),
])
def test_actors_reads_a_name_after_an_outlet_descriptor(  # type: ignore[no-untyped-def]
        nlp, stages, text, key, mention) -> None:
    extraction = _run(nlp, stages, text)
    actor = _actor(extraction, key)
    assert actor.kind == "media" and mention in {m.text for m in actor.mentions}
    assert not any(a.id.startswith("state-news") for a in extraction.actors)


@pytest.mark.parametrize(("text", "key", "affiliation"), [
    ("Egypt's foreign ministry rejected the plan on Sunday.", "egyptian-foreign-ministry",
     "egypt"),
    ("Greece's Defence Ministry said two jets crossed the line. The ministry said both left.",
     "greek-defence-ministry", "greece"),
])
def test_actors_qualifies_a_possessed_ministry_by_its_state(  # type: ignore[no-untyped-def]
        nlp, stages, text, key, affiliation) -> None:
    actor = _actor(_run(nlp, stages, text), key)
    assert actor.kind == "government" and actor.affiliation == affiliation


def test_actors_description_stands_for_the_one_organisation_it_can_describe(nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = ("Shelling killed four people near the port on Friday, a rights monitor said. The "
            "Northern Observatory for Civil Liberties, which is based in Paris, gave the toll.")
    extraction = _run(nlp, stages, text)
    observatory = _actor(extraction, actor_id("Northern Observatory for Civil Liberties"))
    assert "a rights monitor" in {m.text for m in observatory.mentions}
    assert "a rights monitor" not in observatory.aliases


def test_actors_description_joins_no_organisation_when_two_fit(nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = ("A war monitor said the road was cut. The Northern Observatory for Civil Liberties "
            "and the Southern Observatory for Press Freedom both published reports on Monday.")
    extraction = _run(nlp, stages, text)
    assert "A war monitor" not in _mentioned(extraction)


@pytest.mark.parametrize(("text", "key", "kind", "title"), [
    ("Spokeswoman Sandy Angers said the plant would close.", "sandy-angers", "person",
     "Spokeswoman"),
    ("Crooked Hillary Clinton lied again, the candidate said.", "hillary-clinton", "person", None),
    ("Ford Motor Co. LLC Jim Press said the deal was done.", "jim-press", "person", None),
    ("Donald Trump held a Donald Trump press conference on Monday.", "donald-trump", "person",
     None),
    ("Actress Amandla Stenberg said she was proud.", "amandla-stenberg", "person", "Actress"),
    ("Rabbi Marvin Hier prayed for the victims on Monday.", "marvin-hier", "person", "Rabbi"),
    ("Though Sanders won the state, he lost.", "sanders", None, None),  # no conjunction
])
def test_actors_keeps_titles_and_epithets_out_of_names(  # type: ignore[no-untyped-def]
        nlp, stages, text, key, kind, title) -> None:
    actor = _actor(_run(nlp, stages, text), key)
    assert kind in (None, actor.kind) and (title is None or title in actor.titles)


@pytest.mark.parametrize(("text", "not_actors"), [
    ("Ford Motor Co. LLC Jim Press said the deal was done.", {"LLC", "LLC Jim Press"}),
    ("The Chief Executive Officer said sales rose.", {"Chief Executive Officer"}),
])
def test_actors_names_no_title_or_legal_form_alone(nlp, stages, text, not_actors) -> None:  # type: ignore[no-untyped-def]
    assert not _mentioned(_run(nlp, stages, text)) & not_actors


@pytest.mark.parametrize(("text", "key", "kind"), [
    ("Airbus delivered the first Airbus A380 to the airline.", "airbus-a380", "product"),
    ("Boeing delayed the 787 Dreamliner again.", "787-dreamliner", "product"),
    ("Apple launched the iPhone 4 on Monday.", "iphone-4", "product"),
    ("Ford Taurus to be revived. Ford Motor Company said that Ford will rename the Five Hundred "
     "to the Taurus.", "ford-taurus", "product"),  # a maker, and a model called "the Taurus"
    ("The Dow Jones Industrial Average fell 2 percent.", "dow-jones-industrial-average",
     "financial"),
    ("The S&P 500 lost 1.5 percent.", "s-p-500", "financial"),
    ("Stocks fell and the Dow lost 300 points.", "dow", "financial"),
    ("Dow Chemical said it would cut 5,000 jobs.", "dow-chemical", "organisation"),  # no index
    ("The Nasdaq Composite rose.", "nasdaq-composite", "financial"),
    ("The UK's FTSE-100 index fell 2 percent.", "ftse-100", "financial"),
    ("Boeing has unveiled a new version of its 777 airliner.", "777", "product"),
    ("An American Airlines 777 landed at Heathrow.", "777", "product"),  # an operator's
    ("The Standard & Poor's 500 index dropped 1.95%.", "standard-poors-500", "financial"),
    # a stock exchange is a market, as stories follow it
    ("The major indicators in the NYSE had a gain of around 10 percent.", "nyse", "financial"),
    ("The London Stock Exchange said it would merge with Deutsche Boerse.",
     "london-stock-exchange", "financial"),
    ("The Securities and Exchange Commission fined the bank.",
     "securities-and-exchange-commission", "government"),
])
def test_actors_finds_products_and_instruments(nlp, stages, text, key, kind) -> None:  # type: ignore[no-untyped-def]
    assert _actor(_run(nlp, stages, text), key).kind == kind


@pytest.mark.parametrize(("text", "maker", "product"), [
    ("Airbus said the Airbus A380 would fly.", "airbus", "airbus-a380"),
    ("Chrysler said it will cut the Chrysler Aspen from production.", "chrysler",
     "chrysler-aspen"),  # a maker's name and a word, only ever after "the"
])
def test_actors_keeps_a_maker_apart_from_its_product(nlp, stages, text, maker, product) -> None:  # type: ignore[no-untyped-def]
    found = _run(nlp, stages, text)
    assert _actor(found, maker).kind == "organisation" and _actor(found, product).kind == "product"


@pytest.mark.parametrize(("text", "key"), [
    ("Northrop Grumman won the contract. Northrop said the Northrop Grumman bid was lower.",
     "northrop-grumman"),  # written bare somewhere
    ("Many asked, including The Smithsonian Museum in Washington. The Smithsonian said no.",
     "smithsonian-museum"),  # a body's word after the name
])
def test_actors_a_company_of_two_names_is_no_model(nlp, stages, text, key) -> None:  # type: ignore[no-untyped-def]
    assert _actor(_run(nlp, stages, text), key).kind == "organisation"


@pytest.mark.parametrize("text", ["Flight 370 vanished over the sea.",
                                  "The G20 met in Paris in 2011."])
def test_actors_reads_no_product_in_numbers(nlp, stages, text) -> None:  # type: ignore[no-untyped-def]
    assert not [a for a in _run(nlp, stages, text).actors if a.kind == "product"]


def test_actors_keeps_product_models_apart(nlp, stages) -> None:  # type: ignore[no-untyped-def]
    """A product line is not one of its models, nor one model another: "iPhone", "iPhone 3GS"
    and "iPhone 4" are three products; "the A380" stays the "Airbus A380"."""
    found = _run(nlp, stages, "Apple sold the iPhone 3GS and the iPhone 4 in June. The iPhone "
                              "sold well. Airbus flew the Airbus A380 and the A380 landed.")
    products = {a.name for a in found.actors if a.kind == "product"}
    assert {"iPhone 3GS", "iPhone 4"} <= products
    assert not any({"iPhone 3GS", "iPhone 4"} <= {a.name, *a.aliases} for a in found.actors)


@pytest.mark.parametrize(("text", "key"), [
    ("Follow Ian Hanchett on Twitter.", "ian-hanchett"),
    ("Donald Trump was booed after Telling Jeb Bush to pipe down.", "jeb-bush"),
    ("Certainly Donald Trump will not win the nomination.", "donald-trump"),
    ("Bill Clinton spoke in Iowa on Monday.", "bill-clinton"),
])
def test_actors_keeps_verbs_and_adverbs_out_of_person_names(nlp, stages, text, key) -> None:  # type: ignore[no-untyped-def]
    assert _actor(_run(nlp, stages, text), key).kind == "person"


@pytest.mark.parametrize(("text", "key", "kind"), [
    ("Jeb Bush said on Twitter that he would stay in the race.", "twitter", "organisation"),
    ("The senator posted a video on Twitter. Twitter's director of politics said it was fine.",
     "twitter", "organisation"),
    ("Hillary Clinton won Iowa. Attacks on Clinton grew, and she spoke to Clinton voters.",
     "hillary-clinton", "person"),
])
def test_actors_a_medium_is_no_person(nlp, stages, text, key, kind) -> None:  # type: ignore[no-untyped-def]
    assert _actor(_run(nlp, stages, text), key).kind == kind


def test_actors_the_house_is_not_the_white_house(nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = ("The White House said on Monday that it would veto the bill. The House passed it "
            "anyway.")
    white = _actor(_run(nlp, stages, text), "white-house")
    assert "House" not in white.aliases


@pytest.mark.parametrize(("text", "key", "kind"), [
    ("Users praised the web browser Safari and the mail client.", "safari", "product"),
    ("Apple reports that Tiger, the newest version of its system, sold well. Fans love Tiger.",
     "tiger", "product"),
    ("Reviewers liked Apple's proprietary Quartz user interface.", "quartz", "product"),
    ("Boeing's Launch Systems unit won the contract.", "launch-systems", "organisation"),
    ("Apple's Steve Jobs opened the show.", "steve-jobs", "person"),
    ("Reactions to Apple's OS X Tiger were mixed. Fans love Tiger.", "os-x-tiger",
     "product"),  # "OS" a noun
    # a name the model reads as a person's, right after a product noun
    ("The device appears to run a mobile version of the Apple operating system Mac OSX.",
     "mac-osx", "product"),
    ("Vogue hired the model Kate Moss for the cover.", "kate-moss", "person"),
])
def test_actors_products_by_what_the_text_calls_them(nlp, stages, text, key, kind) -> None:  # type: ignore[no-untyped-def]
    assert _actor(_run(nlp, stages, text), key).kind == kind


def test_actors_a_full_name_is_no_product(nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = "She called her role model, Eleanor Roosevelt, a great leader."
    assert _actor(_run(nlp, stages, text), "eleanor-roosevelt").kind == "person"


def test_actors_a_person_typed_name_ending_in_a_body_is_the_body(nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = ("It was his last year in office, but the Obama White House has eliminated all hope. "
            "The White House said nothing.")
    extraction = _run(nlp, stages, text)
    assert "obama-white-house" not in {a.id for a in extraction.actors}


@pytest.mark.parametrize(("text", "not_actors"), [
    ("Anti-TPP said the deal was bad.", {"Anti-TPP"}),
    ("Supporters of Pro-Kloppenburg said so.", {"Pro-Kloppenburg"}),
    ("Islamophobia is rising in America, said Ibrahim Hooper.", {"Islamophobia"}),  # a notion
    ("He smiled and said: 'Jim, thanks for coming. Merry Christmas.'", {"Merry Christmas"}),
])
def test_actors_a_stance_is_no_name(nlp, stages, text, not_actors) -> None:  # type: ignore[no-untyped-def]
    assert not _mentioned(_run(nlp, stages, text)) & not_actors


@pytest.mark.parametrize(("text", "names"), [
    ("He met Donald Trump‘s aides on Monday.", {"Donald Trump"}),  # a possessive glued on
    ("A New York Times/CBS News poll found support for him.", {"New York Times", "CBS News"}),
    ("The photo was taken by John Moore/Getty Images on Monday.", {"John Moore"}),
    ("The national mood about entrenched power - Wall Street, political dynasties and "
     "Washington - will change.", {"Wall Street"}),
    ("Bernie CarterFlagShareLikeReplySara Bondioli said so.", {"Bernie"}),
    ("Vladimir V. Putin's Russia has unsettled many.", {"Vladimir V. Putin"}),  # no "v." case
    ("The list includes Lazard, Evercore Partners and LionTree.",
     {"Lazard", "Evercore Partners", "LionTree"}),  # a list's comma inside the model's name
    ("Shantou University works with Technion for China’s first hi-tech university.",
     {"Shantou University", "Technion"}),  # what the organisation works for is China's
    ("The firm hired Skadden, Arps, Slate, Meagher & Flom to advise it.",
     {"Skadden, Arps, Slate, Meagher & Flom"}),  # a name's own commas
    ("The Campaign for America's Future said the plan was weak.",
     {"Campaign for America's Future"}),  # a capitalised word after the place's possessive
    ("The Center for American Progress's report was out.",
     {"Center for American Progress"}),  # a possessive after the whole name
    ("The 2012 Deferred Action for Childhood Arrivals program, or DACA, is currently "
     "operating.", {"Deferred Action for Childhood Arrivals"}),  # no year before the name
    ("The Chairman of Goldman Sachs spoke on Monday.", {"Goldman Sachs"}),  # a title before "of"
    ("The AP-GfK Poll of 1,033 adults used GfK's panel. A new Associated Press-GfK poll found "
     "him ahead.", {"AP", "GfK", "Associated Press"}),  # two names known alone, joined
    ("Mercedes-Benz said its sales rose.", {"Mercedes-Benz"}),  # one name, its parts no one's
    ("Debbie Wasserman-Schultz resigned on Monday.", {"Debbie Wasserman-Schultz"}),
    ("The UN-OPCW inquiry blamed the government.", {"UN"}),  # an acronym joined to another
    ("A new Washington Post-ABC News poll found him ahead.",
     {"Washington Post", "ABC News"}),  # two outlets' names, each saying what it names
    ("Holding signs calling Christie “New Jersey’s Biggest Loser,” the protesters chanted.",
     {"Christie"}),  # a quotation after the name
    ("Donald Trump Booed After Telling Jeb Bush To Pipe Down\nReal estate mogul Donald Trump "
     "drew boos.", {"Donald Trump", "Jeb Bush"}),  # names in a Title Case headline
    ("Ray Young said the plant would close. Young spoke on Monday.", {"Ray Young", "Young"}),
    ("Name: Gabrielle Hatcher Age: 27.", {"Gabrielle Hatcher"}),
    ("''It may have been his first attempt,'' said his best friend at Lehigh, Bruce Turry, who "
     "remembered it. ''He was going to make the name known,'' Mr. Turry said.",
     {"Bruce Turry", "Turry"}),  # the school is a gazetteer place here
    ("Clinton’s super PACs, Priorities USA Action and Correct the Record, also have benefited "
     "from the largesse of hedge fund executives.", {"Clinton", "Priorities USA Action"}),
    ("Procter and Gamble said sales rose.", {"Procter and Gamble"}),  # a name's own "and"
    ("They met the Wasserman-Schultz campaign. Wasserman-Schultz said nothing.",
     {"Wasserman-Schultz"}),  # a person named so elsewhere is no law
    ("Asian markets have become entangled in the mortgage crisis in the U.S. Deutsche Bank of "
     "Germany lost almost $3.5 billion in share value.",
     {"Deutsche Bank of Germany"}),  # the abbreviation's dot ended the sentence
    ("He said the soldiers served in the U.S. Army and the U.S. Army said so.", {"U.S. Army"}),
    ("That night, I discussed my sentence on the Fox News Channel’s The Kelly File. I told "
     "Megyn Kelly that the government tried.", {"Fox News Channel", "Megyn Kelly"}),
    ("The other groups that signed the letter are Bend the Arc, Demand Progress, American "
     "Family Voices, We Act Radio and others.",
     {"Bend the Arc", "Demand Progress", "American Family Voices"}),  # a list is no headline
    ("We will get medical records out the same way that Secretary [Hillary] Clinton has gotten "
     "her records out.", {"Clinton"}),  # an editor's bracket inside the name
    ("Ben Carson spoke on February 6, 2016 at St. Anselm's College Institute of Politics in "
     "Manchester, New Hampshire.",
     {"Ben Carson", "St. Anselm", "Institute of Politics"}),  # the college's institute
    ("People ejected from a rally included a man in a shirt that read ''Fascist Trump,'' and "
     "others. Mr. Trump spoke later.", {"Trump"}),  # an epithet before a name
    ("Rush Limbaugh spoke on Monday. Limbaugh said so.",
     {"Rush Limbaugh", "Limbaugh"}),  # an adjective that opens a name is no epithet
    ("By 17:30 UTC, the Argentinean MERVAL index had fallen, while the Brazilian Bovespa fell by "
     "6.89%.", {"Bovespa"}),  # a demonym before a one-word name that is no English word
    ("The Brazilian Development Bank lent the money. American Express said profits rose.",
     {"Brazilian Development Bank", "American Express"}),  # the demonym's own names
    ("He wrote a book on Hillary Clinton last year. The book Trump wrote sold well.",
     {"Hillary Clinton", "Trump"}),  # no title of a work
    ("As hate speech grows, so does debate.\n\nBERLIN - Donald Trump may be testing the "
     "boundaries of tolerance.", {"Donald Trump"}),  # a dateline before a spaced dash
    ("He said Marco Rubio is weak on illegal immigration. Weak - Rubio - weak on illegal "
     "immigration.", {"Marco Rubio", "Rubio"}),  # a word before a spaced dash
    ("Five officers were killed and seven wounded.--Kevin Johnson reported from Dallas.",
     {"Johnson"}),  # a sentence glued to a name by a dash
    ("Bashing Trump may be job one, but Donald Trump said no.", {"Trump", "Donald Trump"}),
    ("Former Secretary of Defense Leon Panetta said on Monday that the plan was wrong.",
     {"Leon Panetta"}),  # a title's field the model ran into the name
    ("The top U.S. music seller Wal - Mart said Tuesday that it would cut prices.",
     {"Wal - Mart"}),  # a name spaced around its hyphen
    ("The plan would raise $1.1 trillion, according to the Tax Policy Center - half a "
     "percentage point of GDP.", {"Tax Policy Center"}),  # words after it
])
def test_actors_cuts_names_at_their_bounds(nlp, stages, text, names) -> None:  # type: ignore[no-untyped-def]
    found = {m.text for a in _run(nlp, stages, text).actors if a.kind != "country"
             for m in a.mentions}
    assert found == names


@pytest.mark.parametrize(("text", "not_actors"), [
    ("But beware, Republicans: Because Loki, the God of Mischief, is on our team.",
     {"Because Loki"}),
    ("An additional 700 United Technologies jobs will be transferred to Mexico.",
     {"700 United Technologies"}),  # a count of what a company has is no product
    ("The 2016 GOP field is crowded.", {"2016 GOP"}),  # nor is a year
    ("There are 500 Apple engineers at the conference.", {"500 Apple"}),  # a count
    ("The plan is the brainchild of Ford's Chief Executive Officer, William Clay Ford Jr.",
     {"Chief Executive Officer"}),  # an officer is no product
    ("Photo by ChristieJEWEL SAMAD shows him.", {"ChristieJEWEL SAMAD"}),
    ("The judge ruled in Walmart Stores v. Dukes that the class was too big.",
     {"Walmart Stores v. Dukes"}),
    ("Officials met on Monday. WASSERMAN SCHULTZ RESIGNS AFTER LEAK. She left.",
     {"WASSERMAN SCHULTZ RESIGNS", "WASSERMAN SCHULTZ"}),  # capitals are no evidence of a name
    ("The Brennan Center's Democracy Program said so.", {"Democracy Program"}),  # a body
    ("Former Obama Education Secretary Arne Duncan told the Times.", {"Obama Education"}),
    ("Voters want a change from the slow growth policies of Presidents Obama and Bush.",
     {"Presidents Obama"}),  # a title in the plural
    ("Trump attacked Hillary Clinton and Barack Obama. We will rescue the nation from the "
     "Obama-Clinton disaster, he said.", {"Obama-Clinton"}),  # two people's surnames
    ("Iranian mullahs are on the ascent. No State of the Union address, no matter how "
     "eloquent, can explain away that harsh reality.", {"No State of the Union"}),
    ("Its economy has blossomed into a strong First World economy.", {"First World"}),
    ("‘EUROPEANS ASK IF VIOLENCE IS BECOMING FACT OF LIFE’ In less than a week, there were "
     "attacks.", {"EUROPEANS ASK", "ASK"}),  # a headline in capitals
    ("In other news, EDGAR ALLEN POE WROTE POEMS about death.", {"EDGAR ALLEN POE WROTE"}),
    ("The plan was praised by Agriculture Secretary Tom Vilsack.", {"Agriculture"}),  # an office
    ("The C.E.O. said profits rose.", {"C.E.O."}),  # a title written with dots
    ("A Democratic Senate would block him. The Democratic National Committee met.",
     {"Democratic Senate"}),  # who holds the chamber is no part of its name
    ("Sanders wants to reinstate the Glass-Steagall firewall between banks.",
     {"Glass"}),  # half a hyphenated name
    ("I'm O.K. with negotiations, said Cruz.", {"O.K."}),
    ("The phone was introduced by Apple CEO Steve Jobs at the company's 2010 Worldwide "
     "Developer's Conference.", {"Worldwide Developer"}),  # an event's name, cut at a possessive
    ("The other groups that signed the letter are ColorOfChange.org, MPower Change, Emerge USA, "
     "Bend the Arc and Demand Progress.", {"MPower Change, Emerge USA"}),  # a list's comma
    ("Ford will close plants in Chicago, Illinois * Wixom Assembly Plant of Wixom, Michigan * "
     "and others.", {"Illinois * Wixom Assembly Plant of Wixom", "Illinois"}),  # a list's bullet
    ("He filed a complaint against Obama's DOJ, AG Lynch, and Principal Deputy Assistant AG "
     "Vanita Gupta. Loretta Lynch said nothing.", {"AG Lynch", "AG", "Principal"}),  # titles
    ("Mike Huckabee Makes Sexist Wife Joke To Bash Fed Chair Janet Yellen\nThe former governor "
     "spoke on Monday.", {"Bash Fed"}),  # a verb capitalised in a Title Case headline
    ("Jeb Bush Hits Marco Rubio On Rape Exception For Abortions\nBush said Rubio was wrong.",
     {"Exception For Abortions"}),
    ("It cut the pensions of older workers. Community health care clinics were expanded via "
     "an amendment.", {"Community"}),  # a common noun run into the small words after it
    ("Follow LiveblogNewest | OldestAni Vrabel 5ptsmoderatorFeatured", {"OldestAni"}),  # buttons
    ("Name: Gabrielle Hatcher Age: 27City: New YorkJob: WaitressPay: $5 per hour plus tips.",
     {"WaitressPay", "Gabrielle Hatcher Age"}),  # a form's labels
    ("''It may have been his first attempt,'' said his best friend at Lehigh, Bruce Turry, who "
     "remembered it. ''He was going to make the name known,'' Mr. Turry said.",
     {"Lehigh, Bruce Turry"}),  # a person in apposition after a comma
    ("Clinton’s super PACs, Priorities USA Action and Correct the Record, also have benefited "
     "from the largesse of hedge fund executives.",
     {"Priorities USA Action and Correct"}),  # a name cut inside the next one
    ("Sanders wants to reinstate the Glass-Steagall firewall between commercial and investment "
     "banks.", {"Glass-Steagall"}),  # a law named for its authors
    ("Trump endorsed him on Friday. “Arm in arm, we will rescue the nation from the "
     "Obama-Clinton disaster,” he said. Obama said nothing. Hillary Clinton left.",
     {"Obama-Clinton"}),  # two people's surnames, one of them named alone
    ("iPhone users account for over half of those surfing the Internet in the U.S. Jobs also "
     "noted that over five billion apps were sold.", {"U.S. Jobs"}),
    ("Thomas Frank’s new book Listen, Liberal Or, Whatever Happened to the Party of People? "
     "documents a half-century of work.", {"Party of People", "Liberal Or"}),  # a book's title
    ("“Happy Cinco de Mayo!,” he tweeted. He pandered to voters on Cinco de Mayo, a day on "
     "which Americans celebrate.", {"Happy Cinco de Mayo", "Cinco de Mayo"}),  # a greeted day
    ("He played on a Scottish golf course. The British government disagreed.",
     {"Scottish"}),  # a constituent country's people are no alias of the state
])
def test_actors_reads_no_name_fused_with_other_words(nlp, stages, text, not_actors) -> None:  # type: ignore[no-untyped-def]
    assert not _mentioned(_run(nlp, stages, text)) & not_actors


@pytest.mark.parametrize(("text", "key", "not_alias"), [
    ("The Democratic Party met in Philadelphia. The Party said it would win.",
     "democratic-party", "Party"),  # a kind of body, written with a capital
    ("Sanders chaired the Senate Judiciary Committee. The Committee voted.",
     "senate-judiciary-committee", "Committee"),
    ("The Democratic Party was shaken. The socialist had knocked everything out of orbit. Party "
     "leaders long ago picked Clinton.", "democratic-party", "Party"),  # a stray capitalised word
    ("Washington warned Moscow on Monday. The United States said talks would go on.",
     "united-states", "Washington"),  # the capital stands for the state; it is no name of it
    ("The Third Way's National Security Program said so. The Program has ten staff.",
     "national-security-program", "Program"),  # a body inside another's
])
def test_actors_a_generic_word_or_a_capital_is_no_alias(  # type: ignore[no-untyped-def]
        nlp, stages, text, key, not_alias) -> None:
    assert not_alias not in _actor(_run(nlp, stages, text), key).aliases


@pytest.mark.parametrize(("text", "key", "alias"), [
    ("The North Carolina Senate passed it. The Senate adjourned.", "north-carolina-senate",
     "Senate"),  # a state has one senate: the bare word names it
    ("Mercedes-Benz said its sales rose. Mercedes said so.", "mercedes-benz", "Mercedes"),
])
def test_actors_a_body_s_own_short_name_stays_an_alias(  # type: ignore[no-untyped-def]
        nlp, stages, text, key, alias) -> None:
    assert alias in _actor(_run(nlp, stages, text), key).aliases


def test_actors_a_short_name_is_the_company_its_legal_form_names(nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = "Apple Stores were full on Monday. Apple said demand was high. Apple Inc. shares rose."
    assert "Apple" in _actor(_run(nlp, stages, text), "apple-inc").aliases


@pytest.mark.parametrize(("text", "key", "kind"), [
    ("The firm held secret files from Lockheed Martin, its rival in the tender. Lockheed "
     "Martin's new rocket flew in May.", "lockheed-martin", "organisation"),
    ("Hillary Clinton won Iowa on Monday. Clinton said she would fight on.", "hillary-clinton",
     "person"),
])
def test_actors_a_company_goes_by_its_first_word(nlp, stages, text, key, kind) -> None:  # type: ignore[no-untyped-def]
    assert _actor(_run(nlp, stages, text), key).kind == kind


@pytest.mark.parametrize(("labels", "kind"), [
    (("ORG", "PERSON", "PERSON"), "person"),  # "Tashfeen Malik" ORG once, "Malik" PERSON twice
    (("ORG", "ORG", "PERSON"), "organisation"),
])
def test_actors_kind_follows_most_mentions(labels: tuple[str, ...], kind: str) -> None:
    words = [("Tashfeen", "Malik"), ("Malik",), ("Malik",)]
    mentions = [Mention(i * 10, i * 10 + 5, " ".join(w), label,
                        "person" if label == "PERSON" else None, tokens=w)
                for i, (w, label) in enumerate(zip(words, labels, strict=True))]
    assert actors._kind([Cluster(mentions=mentions)]) == kind


@pytest.mark.parametrize(("text", "not_actor"), [
    ("Hackers also accessed the computer of FDIC Chairman Martin Gruenberg.", "Hackers"),
    ("Jokes are told, interviews are requested and advice is given.", "Jokes"),
    ("Jeb Bush Hits Marco Rubio On Rape Exception For Abortions\nBush said so.", "Abortions"),
    ("Mr. Ridge said: ''Bombast doesn't cut it. Inexperience doesn't cut it. Those who have a "
     "record win.''", "Inexperience"),  # an abstract noun
    ("''The despicable attacks in Brussels draw us all together: Solidarity with the victims + "
     "determination against the terrorists,'' Ms. Merkel's spokesman wrote.",
     "Solidarity"),  # after a colon
    ("Sanders endorsed him. Law professor Tim Canova, who is challenging Rep. Debbie Wasserman "
     "Schultz, raised money.", "Law"),  # a noun that qualifies another
    ("Politicians know this and take advantage of it. Politicos call this the “expectations "
     "game” of the race.", "Politicos"),  # a plural a verb agrees with
])
def test_actors_a_common_word_capitalised_where_any_word_is_is_no_name(  # type: ignore[no-untyped-def]
        nlp, stages, text, not_actor) -> None:
    assert not_actor not in _mentioned(_run(nlp, stages, text))


@pytest.mark.parametrize(("text", "name"), [
    ("Hezbollah said it would respond to the strike.", "Hezbollah"),
    ("Teamsters rallied on Monday. The union said the Teamsters would strike.", "Teamsters"),
    ("Google CEO Sundar Pichai announced a new phone.", "Google"),
    ("Ford said sales fell. Law said the case was closed.", "Law"),  # a subject in the past
    ("Clinton’s super PACs, Priorities USA Action and Correct the Record, also have benefited "
     "from the largesse of hedge fund executives.", "Clinton"),  # a possessor
])
def test_actors_a_name_capitalised_elsewhere_or_no_common_word_stays(  # type: ignore[no-untyped-def]
        nlp, stages, text, name) -> None:
    assert name in _mentioned(_run(nlp, stages, text))


@pytest.mark.parametrize(("text", "body", "parent"), [
    ("Sanders chaired the Senate Veterans Affairs Committee. The Senate passed the bill on "
     "Monday.", "senate-veterans-affairs-committee", "Senate"),
    ("Apple released the iPhone Developer Program. The iPhone sold well.",
     "iphone-developer-program", "iPhone"),
])
def test_actors_a_body_is_not_what_its_opening_words_name(  # type: ignore[no-untyped-def]
        nlp, stages, text, body, parent) -> None:
    assert parent not in {m.text for m in _actor(_run(nlp, stages, text), body).mentions}


@pytest.mark.parametrize(("text", "key", "mentions"), [
    ("Air Canada ordered 14 of the new long-range 787 Dreamliner. Options are included for 46 "
     "more 787s.", "787-dreamliner", {"787 Dreamliner", "787s"}),
    ("Officials agreed to buy 60 Boeing 787 Dreamliner aircraft. Dreamliners will be delivered "
     "to six airlines.", "boeing-787-dreamliner", {"Boeing 787 Dreamliner", "Dreamliners"}),
    ("Boeing unveiled its 777 airliner. Air Canada ordered 18 777s.", "777", {"777", "777s"}),
])
def test_actors_a_model_s_number_or_name_later_is_the_model(  # type: ignore[no-untyped-def]
        nlp, stages, text, key, mentions) -> None:
    assert mentions <= {m.text for m in _actor(_run(nlp, stages, text), key).mentions}


@pytest.mark.parametrize(("text", "key", "kind"), [
    # a list names like things, its first item says which
    ("Chrysler will cut the Chrysler Aspen, PT Cruiser, and Durango from production.",
     "durango", "product"),
    ("Chrysler will cut the Chrysler Aspen, PT Cruiser, and Durango from production.",
     "pt-cruiser", "product"),
])
def test_actors_a_list_of_products_types_its_names(nlp, stages, text, key, kind) -> None:  # type: ignore[no-untyped-def]
    assert _actor(_run(nlp, stages, text), key).kind == kind


@pytest.mark.parametrize(("text", "key"), [
    # two names may be a product and a rival; a list's company acts elsewhere; a list a
    # product does not open says nothing
    ("Sales of the Boeing 787 and Airbus fell sharply.", "airbus"),
    ("Sales of the Boeing 787, the Airbus A350 and Embraer fell sharply. Embraer said it would "
     "cut jobs.", "embraer"),
    ("Boeing, Airbus and the Boeing 787 were in the news.", "airbus"),
])
def test_actors_a_list_of_products_leaves_companies_alone(nlp, stages, text, key) -> None:  # type: ignore[no-untyped-def]
    assert _actor(_run(nlp, stages, text), key).kind != "product"


@pytest.mark.parametrize(("text", "key", "acronym"), [
    # defined in brackets, then written alone: one product, the acronym of its closing words
    ("Apple released the iPhone Software Development Kit (SDK) on Thursday. The SDK lets "
     "developers write programs for the phone.", "iphone-software-development-kit", "SDK"),
    ("General Motors (GM) cut 2,000 jobs.", "general-motors", "GM"),
    # with the legal form in the initials, or without
    ("The Federal Deposit Insurance Corporation (FDIC) closed the bank. The FDIC said deposits "
     "were safe.", "federal-deposit-insurance-corporation", "FDIC"),
    # the name it spells, not a longer one it opens
    ("It falls to the European Parliament (EP) to provide an opinion. The EP Committee on Civil "
     "Liberties, Justice and Home Affairs should offer one.", "european-parliament", "EP"),
])
def test_actors_an_acronym_defined_in_brackets_is_the_name(nlp, stages, text, key, acronym) -> None:  # type: ignore[no-untyped-def]
    actor = _actor(_run(nlp, stages, text), key)
    assert acronym in actor.aliases
    assert all(a.id != acronym.lower() for a in _run(nlp, stages, text).actors)


@pytest.mark.parametrize(("text", "product", "other"), [
    # a product's opening words before an acronym name the product it is made for
    ("Developers downloaded the iPhone SDK. They can sell programs for the iPhone in the App "
     "Store.", "iphone-sdk", "iphone"),
])
def test_actors_a_product_made_for_another_is_not_it(nlp, stages, text, product, other) -> None:  # type: ignore[no-untyped-def]
    found = _run(nlp, stages, text)
    assert _actor(found, product).kind == "product" and _actor(found, other).kind == "product"


def test_actors_a_product_s_short_name_is_the_product(nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = "Apple opened the iTunes Music Store in April. iTunes sold a million songs."
    assert "iTunes" in _actor(_run(nlp, stages, text), "itunes-music-store").aliases


def test_actors_a_model_with_its_maker_before_it_is_the_model(nlp, stages) -> None:  # type: ignore[no-untyped-def]
    """The model's "Taurus" with an untagged "Ford" before it is the "Ford Taurus" again."""
    text = ("Ford Taurus to be revived. Ford Motor Company said that Ford will rename the Five "
            "Hundred to the Taurus. The Ford Taurus was introduced in 1986.")
    taurus = _actor(_run(nlp, stages, text), "ford-taurus")
    assert len([m for m in taurus.mentions if m.text == "Ford Taurus"]) == 2


@pytest.mark.parametrize(("word", "together"), [
    ("LiveblogNewest", True), ("OldestAni", True), ("WaitressPay", True),  # a page's words
    ("CarterFlagShareLikeReplySara", True), ("ChristieJEWEL", True),
    ("BlackBerry", False), ("YouTube", False), ("PayPal", False), ("McDonald", False),
    ("DeSantis", False), ("iOS", False), ("HarperCollins", False),
])
def test_run_together_tells_words_a_page_ran_together(word: str, together: bool) -> None:
    assert run_together(word) is together


@pytest.mark.parametrize(("text", "key", "kind"), [
    ("Some senators need judges, despite the fact that their party controls the Senate.\xa0\n"
     "Take Idaho Republican Sens.\xa0Mike Crapo and Jim Risch. Last week, they endorsed the "
     "nominee.", "idaho", None),  # a state the model read as a person: the place, no actor
    ("George Washington crossed the river. Washington said he would win.", "george-washington",
     "person"),  # a word of a person's longer name stays his
])
def test_actors_a_state_s_name_is_no_person(nlp, stages, text, key, kind) -> None:  # type: ignore[no-untyped-def]
    found = {a.id: a.kind for a in _run(nlp, stages, text).actors}
    assert found.get(key) == kind


@pytest.mark.parametrize(("text", "word", "kept"), [
    ("They ridicule the idea that President Executive Order might use an Executive Order to "
     "flood America. The order was never signed.", "Order", False),  # written small too
    ("It features improved search for the Library and Music Store. The library holds songs.",
     "Library", False),
    ("Cook said the plan was good. Cook left on Monday.", "Cook", True),  # never written small
    ("Trump said he would win. Trump spoke on Monday.", "Trump", True),
])
def test_actors_a_common_noun_the_text_writes_small_is_no_person(  # type: ignore[no-untyped-def]
        nlp, stages, text, word, kept) -> None:
    assert (word in _mentioned(_run(nlp, stages, text))) is kept


@pytest.mark.parametrize(("text", "word", "kept"), [
    ("Industry lobbyists have donated to a super PAC supporting Clinton, and the critic said so.",
     "PAC", False),
    # a capitalised body's name stays, and so does one after "the"
    ("The reports show Conservative Solutions PAC, an outside group boosting Rubio, made the "
     "buys.", "Conservative Solutions PAC", True),
])
def test_actors_a_word_for_a_kind_of_body_after_a_small_word_is_no_actor(  # type: ignore[no-untyped-def]
        nlp, stages, text, word, kept) -> None:
    assert (word in _mentioned(_run(nlp, stages, text))) == kept


def test_actors_a_rank_after_a_person_s_name_is_no_part_of_it(nlp, stages) -> None:  # type: ignore[no-untyped-def]
    text = ("Our readers ranked the debaters: Ted Cruz 1, John Kasich 2, Marco Rubio 3 and Donald "
            "Trump last.")
    names = {a.name for a in _run(nlp, stages, text).actors}
    assert "Marco Rubio" in names and not any(n[-1].isdigit() for n in names)


def test_actors_a_body_s_head_word_describing_a_name_opens_no_name(nlp, stages) -> None:  # type: ignore[no-untyped-def]
    extraction = _run(nlp, stages, "The super PAC Patriot Majority PAC also spent $640,000 to "
                                   "back her.")
    assert {a.name for a in extraction.actors} == {"Patriot Majority PAC"}
