"""Tests for the `statements` stage: cues, speakers, content, channel, date and event links."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kg.config import Settings
from kg.extract.events.stage import find_events
from kg.extract.statements.quotes import quotations
from kg.extract.statements.stage import statements_stage
from kg.keys import actor_id, local_actor_id
from kg.model import Actor, Article, Extraction, Span, Timex

PUBLISHED = date(2022, 5, 4)
find_statements = statements_stage(Settings())


def _spans(text: str, name: str) -> tuple[Span, ...]:
    return tuple(Span(start=m.start(), end=m.end(), text=text[m.start():m.end()])
                 for m in re.finditer(re.escape(name), text))


def _extract(nlp, text: str, *, actors=(), times=(), with_events=False) -> Extraction:
    extraction = Extraction(
        article=Article(id="s1", text=text, published=PUBLISHED),
        actors=tuple(Actor(id=actor_id(n), name=n, kind=k, mentions=_spans(text, n))
                     for n, k in actors),
        times=tuple(Timex(id=f"t{text.index(w)}", start=text.index(w), end=text.index(w) + len(w),
                          text=w, value=v) for w, v in times),
    )
    doc = nlp(text)
    if with_events:
        extraction = find_events(extraction, doc)
    return find_statements(extraction, doc)


def _cue_speaker_content(nlp, text: str) -> list[tuple[str, str | None, str]]:
    """Each statement of `text` as its cue, speaker mention and content, in text order."""
    return [(s.cue.text, s.speaker_mention.text if s.speaker_mention else None, s.content.text)
            for s in _extract(nlp, text).statements]


@pytest.mark.parametrize(("text", "speaker", "cue", "content", "direct"), [
    ("“We will not leave the valley,” the spokesman said.",
     "the spokesman", "said", "“We will not leave the valley,”", True),
    ("The mayor said: “The bridge is closed.”",
     "The mayor", "said", "“The bridge is closed.”", True),
    ("The governor said the bridge would reopen in June.",
     "The governor", "said", "the bridge would reopen in June", False),
    ("The union told reporters that the strike would continue.",
     "The union", "told", "that the strike would continue", False),
    ("According to the ministry, five soldiers were wounded.",
     "the ministry", "According to", "five soldiers were wounded", False),
    ("The senator is calling for the council to resign.",
     "The senator", "calling for", "the council to resign", False),
    ("The harbour is closed to ships, the port authority said.",
     "the port authority", "said", "The harbour is closed to ships", False),
    ("The harbour, the port authority said, is closed to ships.",
     "the port authority", "said", "The harbour, the port authority said, is closed to ships",
     False),
    ("Brenner: Harbour fees will rise next year\nThe port issued new rules.",
     "Brenner", ":", "Harbour fees will rise next year", False),
    ("The mayor criticized the council for its silence.",
     "The mayor", "criticized", "the council for its silence", False),
    ("The union's warning that wages would fall came too late.",
     "The union's", "warning", "that wages would fall", False),
    ("The senator referred to the flooding in the valley.",
     "The senator", "referred to", "the flooding in the valley", False),
    ("The senator took issue with the new toll on the bridge.",
     "The senator", "took issue with", "the new toll on the bridge", False),
    ("The mayor reiterated her opposition to the new toll.",
     "The mayor", "reiterated", "her opposition to the new toll", False),
    ("The engineers concluded that the dam was safe.",
     "The engineers", "concluded", "that the dam was safe", False),
    ("The ruling established that the tolls were illegal.",
     "The ruling", "established", "that the tolls were illegal", False),
    ("Ana Reyes, a spokeswoman for the port, said in a statement that the dock was closed.",
     "Ana Reyes", "said", "that the dock was closed", False),
    ("As the mayor noted, the bridge is closed.",
     "the mayor", "noted", "the bridge is closed", False),
    ("A new poll showed a slim lead for the mayor.",
     "A new poll", "showed", "a slim lead for the mayor", False),
    ("The senator proposed building a second bridge.",
     "The senator", "proposed", "building a second bridge", False),
    ("Half of the voters said so.", "Half of the voters", "said", "so", False),
    ("The senator downplayed the risk of a flood.",
     "The senator", "downplayed", "the risk of a flood", False),
    ("The farmers endorsed him in the spring.", "The farmers", "endorsed", "him", False),
    ("Most fishermen see the new dam as a threat to the river.",
     "Most fishermen", "see", "the new dam as a threat to the river", False),
    ("The mayor made the point that the bridge was unsafe.",
     "The mayor", "made the point", "that the bridge was unsafe", False),
    ("The senator made several statements on the flooding.",
     "The senator", "made several statements on", "the flooding", False),
    ("The senator took a firm stance against the toll.",
     "The senator", "took a firm stance against", "the toll", False),
    ("The farmers have strong views on the new dam.",
     "The farmers", "have strong views on", "the new dam", False),
    ("The senator voiced support for the new bridge.",
     "The senator", "voiced support for", "the new bridge", False),
    ("The engineer gave a detailed account of the flood.",
     "The engineer", "gave a detailed account of", "the flood", False),
    ("The senator focused on the flooding in the valley.",
     "The senator", "focused on", "the flooding in the valley", False),
    ("The mayor favors a second bridge.", "The mayor", "favors", "a second bridge", False),
    ("The senator distanced himself from the new toll.",
     "The senator", "distanced himself from", "the new toll", False),
    ("The engineers expect a record flood.", "The engineers", "expect", "a record flood", False),
    ("The mayor stressed her support for the new bridge.",
     "The mayor", "stressed", "her support for the new bridge", False),
    ("The farmers support building a second bridge.",
     "The farmers", "support", "building a second bridge", False),
    ("The toll the mayor supported was dropped.", "the mayor", "supported", "The toll", False),
    ("The mayor spoke to reporters about the new toll.",
     "The mayor", "spoke to reporters about", "the new toll", False),
    ("The mayor embraced the plan for a second bridge.",
     "The mayor", "embraced", "the plan for a second bridge", False),
    ("The mayor declared victory in the valley.",
     "The mayor", "declared", "victory in the valley", False),
    ("The mayor apologized for the delay on the bridge.",
     "The mayor", "apologized for", "the delay on the bridge", False),
    ("The farmers are deeply skeptical of the new dam.",
     "The farmers", "skeptical of", "the new dam", False),
    ("The mayor was confident that the bridge would hold.",
     "The mayor", "confident", "that the bridge would hold", False),
    ("The engineers are not sure the dam will hold.",
     "The engineers", "sure", "the dam will hold", False),
    ("The mayor is willing to close the bridge.",
     "The mayor", "willing", "to close the bridge", False),
    ("The farmers were sick of the new toll.", "The farmers", "sick of", "the new toll", False),
    ("The mayor made it clear that the bridge would stay closed.",
     "The mayor", "made it clear", "that the bridge would stay closed", False),
    ("The engineer has made no secret of her doubts about the dam.",
     "The engineer", "made no secret of", "her doubts about the dam", False),
    ("Brenner called upon voters to reject the toll.",
     "Brenner", "called upon", "voters to reject the toll", False),
    ("The mayor calls the new toll unfair.", "The mayor", "calls", "the new toll unfair", False),
    ("The engineers balked at the new toll.", "The engineers", "balked at", "the new toll", False),
    ("The senator later walked back her remarks on the toll.",
     "The senator", "walked back", "her remarks on the toll", False),
    ("The mayor's embrace of the new toll surprised the farmers.",
     "The mayor's", "embrace of", "the new toll", False),
    ("Prices rose in May. That said, the farmers say the harvest will be good.",
     "the farmers", "say", "the harvest will be good", False),
    ("The mayor explained the delay by saying: “The bridge needs new cables.”",
     "The mayor", "explained the delay by saying", "“The bridge needs new cables.”", True),
])
def test_find_statements_spans(nlp, text, speaker, cue, content, direct):
    statements = _extract(nlp, text).statements
    assert len(statements) == 1
    found = statements[0]
    assert found.speaker_mention.text == speaker
    assert found.cue.text == cue
    assert found.content.text == content
    assert found.direct is direct


@pytest.mark.parametrize(("text", "expected"), [
    ("The mayor hinted at a new toll for the bridge.",
     [("hinted at", "The mayor", "a new toll for the bridge")]),
    ("The two engineers sparred over the cost of the dam.",
     [("sparred over", "The two engineers", "the cost of the dam")]),
    ("The farmers responded with loud protests at the harbour.",
     [("responded with", "The farmers", "loud protests at the harbour")]),
    ("The mayor spoke with reporters about the new toll.",
     [("spoke with reporters about", "The mayor", "the new toll")]),
    ("The engineers talked at a meeting about the cracks in the dam.",
     [("talked at a meeting about", "The engineers", "the cracks in the dam")]),
    ("The mayor spoke at the opening of the bridge.", []),
])
def test_find_statements_verb_and_preposition_cue(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "The engineers focused the lamps and went home.",
    "The council looked tired about the river.",
])
def test_find_statements_prep_cue_verbs_need_their_preposition(nlp, text):
    assert [s.cue.text for s in _extract(nlp, text).statements if "look" in s.cue.text
            or "focus" in s.cue.text] == []


@pytest.mark.parametrize(("text", "cue"), [
    ("The mayor appeared to concede the point.", "appeared to concede"),
    ("The mayor seemed to suggest that the toll would stay.", "seemed to suggest"),
    ("The farmers appeared pleased with the new dam.", "appeared pleased with"),
])
def test_find_statements_raising_verb_and_its_cue_are_one_cue_without_source(nlp, text, cue):
    statements = _extract(nlp, text).statements
    assert [(s.cue.text, s.speaker_mention) for s in statements] == [(cue, None)]
    assert statements[0].content.text == text.rstrip(".")


@pytest.mark.parametrize(("text", "expected"), [
    ("The turnout at the harbour was higher than most engineers had forecast.",
     [("forecast", "most engineers", "The turnout at the harbour was higher")]),
    ("The mayor proved more stubborn than most farmers imagined.",
     [("imagined", "most farmers", "The mayor proved more stubborn")]),
    ("The dam was finished sooner than expected.", []),
])
def test_find_statements_than_clause_reports_the_compared_clause(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The mayor was asked by reporters if the bridge was safe.",
     [("asked", "reporters", "if the bridge was safe")]),
    ("The engineers must declare publicly if they own land near the dam.",
     [("declare", "The engineers", "if they own land near the dam")]),
    ("The mayor would say no if the farmers asked.", [("say", "The mayor", "no")]),
])
def test_find_statements_if_question_of_an_asking_verb_is_its_content(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The new mayor knows how to win a vote.",
     [("knows", "The new mayor", "how to win a vote")]),
    ("The farmers learned when to open the sluice.",
     [("learned", "The farmers", "when to open the sluice")]),
])
def test_find_statements_question_infinitive_is_the_content(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The mayor has said closing the bridge would be a mistake.",
     [("said", "The mayor", "closing the bridge would be a mistake")]),
    ("The engineers continued checking the dam.", []),
])
def test_find_statements_gerund_clause_after_a_clause_verb_is_its_content(nlp, text,
                                                                          expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The new toll has drawn sharp criticism from the farmers.",
     [("drawn sharp criticism", "the farmers", "The new toll")]),
    ("The mayor came under fire from the engineers.",
     [("came under fire", "the engineers", "The mayor")]),
    ("The council drew a large crowd from the valley.", []),
])
def test_find_statements_reaction_received_from_a_source(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The mayor hit the engineers over the delays at the dam.",
     [("hit", "The mayor", "the engineers over the delays at the dam")]),
    ("Prosecutors charged the engineer with fraud.",
     [("charged", "Prosecutors", "the engineer with fraud")]),
    ("The mayor knocked the engineers on the delays.",
     [("knocked", "The mayor", "the engineers on the delays")]),
    ("The truck hit the wall.", []),
    ("The farmers hit the road on Monday.", []),
])
def test_find_statements_blame_verb_with_a_reason(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


def test_find_statements_naming_participle_after_a_bare_noun_is_its_verb(nlp):
    text = 'The council debated the toll; one farmer called Brenner "the enemy of the valley."'
    assert _cue_speaker_content(nlp, text) == [
        ("called", "one farmer", 'Brenner "the enemy of the valley."')]


def test_find_statements_call_with_an_infinitive_reports_the_infinitive(nlp):
    assert _cue_speaker_content(nlp, "The mayor called to close the old bridge.") == [
        ("called", "The mayor", "to close the old bridge")]


def test_find_statements_raising_verb_with_like_has_no_source(nlp):
    assert _cue_speaker_content(nlp, "The new toll seems like a fair idea.") == [
        ("seems", None, "The new toll")]


@pytest.mark.parametrize(("text", "speaker"), [
    ("LONDON (Reuters) - Ana Reyes said the dock was closed.", "Ana Reyes"),
    ("The senator issued a statement saying that the dock was closed.", "The senator"),
])
def test_find_statements_speaker_behind_dateline_or_statement(nlp, text, speaker):
    statement = _extract(nlp, text).statements[-1]
    assert statement.speaker_mention.text == speaker


def test_find_statements_participle_goes_with_the_reporting_verb(nlp):
    text = "The senator wrote the agents knew about it, saying they were warned."
    statement = next(s for s in _extract(nlp, text).statements if s.cue.text == "saying")
    assert statement.speaker_mention.text == "The senator"


def test_find_statements_passive_view_has_no_source(nlp):
    statement = _extract(nlp, "The new dam is widely seen as a threat to the river.").statements[0]
    assert (statement.cue.text, statement.speaker_mention) == ("seen", None)
    assert statement.content.text == "as a threat to the river"


@pytest.mark.parametrize(("text", "cue"), [
    ("The new bridge is widely known as the pride of the valley.", "known"),
    ("The mayor was declared the winner of the vote.", "declared"),
])
def test_find_statements_passive_cue_attributes_its_whole_clause(nlp, text, cue):
    statement = _extract(nlp, text).statements[0]
    assert (statement.cue.text, statement.speaker_mention) == (cue, None)
    assert statement.content.text == text.rstrip(".")


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("Criticism of the new toll grew in the valley.", "Criticism of", "the new toll"),
    ("Opposition to the dam has united the farmers.", "Opposition to", "the dam"),
    ("Calls for a second bridge grew louder.", "Calls for", "a second bridge"),
    ("Pleas to reopen the bridge went unanswered.", "Pleas", "to reopen the bridge"),
])
def test_find_statements_view_noun_needs_no_holder(nlp, text, cue, content):
    statement = _extract(nlp, text).statements[0]
    assert (statement.cue.text, statement.speaker_mention) == (cue, None)
    assert statement.content.text == content


@pytest.mark.parametrize("text", [
    "The bridge was closed for repairs.",
    "She walked to the harbour and sat down.",
    "The farmers saw the new dam from the hill.",
    "The mayor made a cake for the council.",
    "The farmers have a new tractor for the harvest.",
    "Prices rose as the council continued to debate the toll.",
    "The farmers were proud.",
    "The crack in the dam was not reported.",
    "A band called Ortiz played at the harbour.",
    "The engineers were met with questions about the dam.",
    "The council has struggled with doubts about the new toll.",
    "The mayor appeared on the morning show with two engineers.",
    "The mayor lost the first vote but went on to win the seat in June.",
    "“The toll is fair.” The mayor continued to visit the harbour every week.",
    "A new clause was added to the toll bill.",
    "One engineer, who spoke on condition of anonymity, left the harbour early.",
    "The engineers were not authorized to discuss the repairs.",
    "Consider the case of the harbour bridge.",
    "Just ask the farmers about the new toll.",
    "“The bridge will hold.” Brenner reported from Lisbon.",
    "HARBOUR NEWS—“The harbour club is closing in May,” by Ana Ortiz: “The club will close.”",
    "Ana Ortiz, who is challenging the mayor for her seat, visited the harbour.",
    "The toll is high. That said, the bridge is still the fastest road to the harbour.",
])
def test_find_statements_ignores_text_without_attribution(nlp, text):
    assert _extract(nlp, text).statements == ()


@pytest.mark.parametrize(("text", "cues"), [
    ("The mayor said the engineers believe the dam will hold.", ["said"]),
    ("The engineers believe the dam will hold, the mayor said.", ["believe", "said"]),
    ("The council proposed a toll, which the mayor described as unfair.",
     ["proposed", "described"]),
    ("The mayor pledged to oppose the new toll.", ["pledged"]),
    ("The engineers, who fear a flood, left the dam, the mayor said.", ["said"]),
    ("“The bridge will hold,” the mayor said, according to the local radio.", ["according to"]),
    ("The mayor wrote:\nThe dam is old. The engineers believe it will hold.", ["wrote"]),
    ("The mayor said the dam was old. The engineers believe it will hold.", ["said", "believe"]),
    ("MAYOR BRENNER: I believe that the bridge will hold.", [":"]),
    ("Brenner: Bridge tolls. Last year, Mayor Brenner proposed that the toll should stay.",
     [":", "proposed"]),
    ("A council official, who requested anonymity to discuss the talks, said the toll would stay.",
     ["requested", "said"]),
    ("Ana Ortiz, who is arguing that the toll is unfair, visited the harbour.", ["arguing"]),
])
def test_find_statements_folds_nested_indirect_attributions_into_content(nlp, text, cues):
    assert [s.cue.text for s in _extract(nlp, text).statements] == cues


@pytest.mark.parametrize(("text", "expected"), [
    ("The mayor said the bridge was unsafe and promised to close it.",
     [("said", "The mayor", "the bridge was unsafe"), ("promised", "The mayor", "to close it")]),
])
def test_find_statements_second_verb_of_the_speaker_is_its_own_statement(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The farmers said the dam was safe, while the engineers said it would fail.",
     [("said", "The farmers", "the dam was safe"), ("said", "the engineers", "it would fail")]),
    ("Most residents said the toll was fair, though the mayor said it was too high.",
     [("said", "Most residents", "the toll was fair"), ("said", "the mayor", "it was too high")]),
])
def test_find_statements_contrasted_speaker_ends_the_outer_content(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "cue"), [
    ("The mayor expressed concern about the new toll.", "expressed concern about"),
    ("The farmers have serious doubts about the dam.", "have serious doubts about"),
])
def test_find_statements_cue_inside_a_longer_cue_is_one_statement(nlp, text, cue):
    assert [s.cue.text for s in _extract(nlp, text).statements] == [cue]


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("The senator went on to praise the engineers.", "went on to praise", "the engineers"),
    ("The council issued a statement saying that the bridge was safe.",
     "issued a statement saying", "that the bridge was safe"),
])
def test_find_statements_follow_up_that_is_the_whole_content_joins_the_cue(nlp, text, cue,
                                                                           content):
    assert [(s.cue.text, s.content.text) for s in _extract(nlp, text).statements] == [
        (cue, content)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The mayor continued her attacks on the council: “The toll is unfair.”",
     [("continued her attacks on", "The mayor", "the council: “The toll is unfair.”")]),
    ("The mayor went on to say: “The toll is unfair.”",
     [("went on to say", "The mayor", "“The toll is unfair.”")]),
])
def test_find_statements_continuing_verb_and_the_cue_it_continues_are_one_cue(nlp, text,
                                                                              expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "speaker", "cue", "content"), [
    ("Ortiz has been a fierce critic of the toll.", "Ortiz", "critic of", "the toll"),
    ("The engineer is a Brenner supporter.", "The engineer", "supporter", "Brenner"),
])
def test_find_statements_predicate_stance_noun_reports_its_subjects_stance(nlp, text, speaker,
                                                                           cue, content):
    assert [(s.speaker_mention.text, s.cue.text, s.content.text)
            for s in _extract(nlp, text).statements] == [(speaker, cue, content)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The mayor's answer was that the bridge would stay closed.",
     [("answer was", "The mayor's", "that the bridge would stay closed")]),
    ("Her main takeaway is that the farmers distrust the toll.",
     [("takeaway is", "Her", "that the farmers distrust the toll")]),
])
def test_find_statements_possessed_cue_noun_before_a_copula_reports_its_clause(nlp, text,
                                                                               expected):
    assert _cue_speaker_content(nlp, text) == expected


def test_find_statements_possessed_cue_noun_before_a_copula_needs_a_clause(nlp):
    assert _extract(nlp, "The mayor's statement was a reminder of the flood.").statements == ()


@pytest.mark.parametrize(("text", "expected"), [
    ("In the mayor's view, the bridge is safe.", [("view", "the mayor's", "the bridge is safe")]),
    ("The toll will fail, in my opinion.", [("opinion", "my", "The toll will fail")]),
    ("The engineer was cautious in her estimation of the damage.", []),
])
def test_find_statements_in_a_possessed_view_holds_the_clause(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The farmers are strongly against the new toll.",
     [("are strongly against", "The farmers", "the new toll")]),
    ("Most engineers were against building a second dam.",
     [("were against", "Most engineers", "building a second dam")]),
])
def test_find_statements_copula_against_reports_the_subjects_stance(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Farmers wary of the new dam marched to the capital.",
     [("wary of", "Farmers", "the new dam")]),
    ("The council needs engineers willing to inspect the old bridge.",
     [("willing", "engineers", "to inspect the old bridge")]),
    ("The mayor toured the dam, confident that it would hold.",
     [("confident", "The mayor", "that it would hold")]),
    ("Officials familiar with the plan said the bridge would close.",
     [("said", "Officials familiar with the plan", "the bridge would close")]),
])
def test_find_statements_attitude_adjective_outside_a_copula_reports_its_view(nlp, text,
                                                                              expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The engineers are critical of the new toll.",
     [("critical of", "The engineers", "the new toll")]),
    ("The new bridge is critical to the valley.", []),
    ("The mayor was never shy about her doubts.", [("shy about", "The mayor", "her doubts")]),
    ("The toll vote fell just shy of a majority.", []),
])
def test_find_statements_attitude_adjective_needs_its_preposition(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


def test_find_statements_for_sure_is_no_attitude(nlp):
    text = "The farmers knew for sure that the dam would fail."
    assert "sure" not in [s.cue.text for s in _extract(nlp, text).statements]


def test_find_statements_make_sure_is_no_attitude(nlp):
    assert _extract(nlp, "The clerk will make sure every vote is counted.").statements == ()


def test_find_statements_stance_noun_outside_a_predicate_is_no_cue(nlp):
    assert _extract(nlp, "Supporters of the toll rallied at the harbour.").statements == ()


def test_find_statements_reporting_participle_introduces_quote_after_colon(nlp):
    text = ("On Friday the mayor joined the protest, saying in a post on the council website: "
            "“The bridge will reopen.”")
    assert _cue_speaker_content(nlp, text) == [
        ("saying", "the mayor", "“The bridge will reopen.”")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The new toll, opposed by most farmers, was dropped in May.",
     [("opposed", "most farmers", "The new toll")]),
    ("It was a plan backed by the mayor.", [("backed", "the mayor", "a plan")]),
    ("The report, published by the council, was long.", []),
])
def test_find_statements_stance_participle_reports_its_agents_view(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The old mill, known locally as the Grey House, burned down.",
     [("known", None, "The old mill, known locally as the Grey House")]),
    ("The farmers left a valley seen as too dry for wheat.",
     [("seen", None, "a valley seen as too dry for wheat")]),
    ("The ferry, long known for its delays, was sold.",
     [("known", None, "The ferry, long known for its delays")]),
    ("A road not seen since the flood appeared again.", []),
    ("The council approved a plan announced in May.",
     [("announced", None, "a plan announced in May")]),
    ("A ruling expected next week could close the dam.",
     [("expected", None, "A ruling expected next week")]),
])
def test_find_statements_view_participle_judges_its_noun(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The survey found strong support for the toll among farmers.",
     [("found", "The survey", "strong support for the toll among farmers")]),
    ("A review by the council found no evidence of fraud.",
     [("found", "A review by the council", "no evidence of fraud")]),
    ("The engineers found the crack in the dam.", []),
])
def test_find_statements_inquiry_reports_what_it_found(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("In a new poll released Monday, most farmers said they opposed the toll.",
     [("In", "a new poll", "most farmers said they opposed the toll")]),
    ("In a statement, the mayor said the bridge was safe.",
     [("said", "the mayor", "the bridge was safe")]),
])
def test_find_statements_opening_in_a_poll_holds_the_sentence(nlp, text, expected):
    assert _cue_speaker_content(nlp, text) == expected


def test_find_statements_skips_attributions_nested_in_quotes(nlp):
    text = "“I think the bridge will hold,” the engineer said."
    statements = _extract(nlp, text).statements
    assert [s.cue.text for s in statements] == ["said"]


@pytest.mark.parametrize(("text", "speaker", "content"), [
    ("The rally ended.\nThe mayor wrote:\nThe bridge will stay closed until May.\nIt rained.",
     "The mayor", "The bridge will stay closed until May"),
])
def test_find_statements_colon_line_introduces_next_paragraph(nlp, text, speaker, content):
    statements = _extract(nlp, text).statements
    assert [(s.speaker_mention.text, s.content.text) for s in statements] == [(speaker, content)]


@pytest.mark.parametrize("text", [
    "The rally ended.\nHere is where the race stands:\nThe mayor leads by two points.\nIt rained.",
])
def test_find_statements_colon_line_needs_a_reporting_verb(nlp, text):
    assert _extract(nlp, text).statements == ()


@pytest.mark.parametrize(("text", "cues"), [
    ("The rally ended.\nThe mayor said: “The bridge will close.”\nIt rained.", ["said"]),
    ("Voters polled.\nOhio: Ann Lee, Bo Park, Cy Dunn\nIt rained.", []),
])
def test_find_statements_label_is_a_name_before_a_statement(nlp, text, cues):
    assert [s.cue.text for s in _extract(nlp, text).statements] == cues


def test_find_statements_label_needs_a_name_and_a_sentence(nlp):
    text = "Update: 5,000.\nQuestion: what next?\nThe port stayed open."
    assert _extract(nlp, text).statements == ()


@pytest.mark.parametrize("text", [
    "One conclusion: The bridge will need new cables.",
    "Wow: The bridge will need new cables.",
])
def test_find_statements_label_that_opens_a_point_names_no_speaker(nlp, text):
    assert _extract(nlp, text).statements == ()


@pytest.mark.parametrize(("text", "key"), [
    ("Maria Lindqvist said the talks had failed.", actor_id("Maria Lindqvist")),
    ("A senior official based in the capital said the talks had failed.",
     local_actor_id("s1", "senior official")),
    # words of a web page run together name no one another article could name
    ("Maria LindqvistFlagShareLikeReplyAni Vrabel said the talks had failed.",
     local_actor_id("s1", "Maria LindqvistFlagShareLikeReplyAni Vrabel")),
])
def test_find_statements_adds_unknown_speaker_as_actor(nlp, text, key):
    extraction = _extract(nlp, text)
    assert extraction.statements[0].speaker == key
    assert key in {a.id for a in extraction.actors}


@pytest.mark.parametrize(("text", "key", "kind"), [
    # a described person, the state's name only modifying the title, is no state
    ("The Florida senator said the plan had failed.", local_actor_id("s1", "Florida senator"),
     "other"),
    # a name the model typed GPE that the actors stage did not take for a state
    ("Kasich said the plan had failed, and Kasich added that he would stay.", actor_id("Kasich"),
     "other"),
    ("The New Republic’s Jeet Heer wrote that the plan had failed.", actor_id("Jeet Heer"),
     "other"),
    ("Several news agencies reported that the plan had failed.",
     local_actor_id("s1", "Several news agencies"), "media"),
    # the name a parenthesis qualifies, not the party and state in it
    ("Sen. Ted Cruz (R-Texas) said the plan had failed.", actor_id("Ted Cruz"), "person"),
])
def test_find_statements_gives_a_missed_speaker_the_kind_its_words_tell(nlp, text, key, kind):
    extraction = _extract(nlp, text)
    assert extraction.statements[0].speaker == key
    assert {a.id: a.kind for a in extraction.actors}[key] == kind


def test_find_statements_reuses_known_actor(nlp):
    text = "The Observatory said the convoy had stopped."
    extraction = _extract(nlp, text, actors=[("The Observatory", "organisation")])
    assert extraction.statements[0].speaker == actor_id("The Observatory")
    assert len(extraction.actors) == 1


def test_find_statements_media_channel(nlp):
    text = "Colonel Arden Voss told Reuters the convoy had turned back."
    statement = _extract(nlp, text).statements[0]
    assert statement.speaker == actor_id("Arden Voss")
    assert statement.channel == actor_id("Reuters")


def test_find_statements_relay_channel(nlp):
    text = ("The troops are staying in the region, the Tidewire news agency cited "
            "minister Olaf Brenner as saying.")
    statement = _extract(nlp, text).statements[0]
    assert statement.speaker == actor_id("Olaf Brenner")
    assert statement.channel is not None
    assert "tidewire" in statement.channel


def test_find_statements_cite_without_relayed_speech_is_no_relay(nlp):
    text = "The auditors cited the missing invoices as a reason for the delay."
    statements = _extract(nlp, text).statements
    assert all(s.speaker_mention.text != "the missing invoices" for s in statements)


def test_find_statements_pronoun_speaker_resolves_to_earlier_person(nlp):
    text = "Olaf Brenner visited the port on Friday. He said the harbour would reopen."
    extraction = _extract(nlp, text, actors=[("Olaf Brenner", "person")])
    statement = extraction.statements[-1]
    assert statement.speaker_mention.text == "He"
    assert statement.speaker == actor_id("Olaf Brenner")
    assert statement.confidence < 0.75


@pytest.mark.parametrize(("text", "times", "expected"), [
    ("The minister said on Tuesday that the port was open.", [("Tuesday", "2022-05-03")],
     "2022-05-03"),
    ("The minister said the port was open.", [], PUBLISHED.isoformat()),
])
def test_find_statements_date(nlp, text, times, expected):
    assert _extract(nlp, text, times=times).statements[0].date == expected


def test_find_statements_links_reported_events(nlp):
    text = "The monitor said the rebels withdrew from the town."
    extraction = _extract(nlp, text, actors=[("The monitor", "organisation")], with_events=True)
    event = next(e for e in extraction.events if e.label == "withdraw")
    statement = extraction.statements[0]
    assert statement.reports == (event.id,)
    assert event.source == actor_id("The monitor")


def test_find_statements_quote_continues_into_next_sentence(nlp):
    text = "“The road is cut,” the commander said. “Nobody can pass.” Trucks waited."
    statement = _extract(nlp, text).statements[0]
    assert statement.content.text == "“The road is cut,” the commander said. “Nobody can pass.”"
    assert statement.direct


@pytest.mark.parametrize(("text", "expected"), [
    ("He said “yes” and left.", ["“yes”"]),
    ('She said "we stay" twice.', ['"we stay"']),
    ("“First paragraph\n“Second paragraph.”", ["“First paragraph", "“Second paragraph.”"]),
    ("No quotes here.", []),
    ('“The dam holds," she said. "It will."', ['“The dam holds,"', '"It will."']),
    ("“The dam holds,“ he said.", ["“The dam holds,“"]),
    ("''The dam holds,'' he said.", ["''The dam holds,''"]),
])
def test_quotations(text, expected):
    assert [text[a:b] for a, b in quotations(text)] == expected


@pytest.mark.parametrize(("text", "cue"), [
    ("The leaders of three nations gathered in Geneva on Friday to discuss the dam.", "discuss"),
])
def test_statements_skips_an_infinitive_of_purpose(nlp, text, cue) -> None:
    statements = _extract(nlp, text).statements
    assert cue not in {s.cue.text for s in statements}


@pytest.mark.parametrize(("text", "actors", "speaker", "affiliation"), [
    ("The bridge was hit twice, a Greek military source told reporters.",
     [("Greek", "country")], "s1--greek-military-source", "greek"),
])
def test_statements_adds_an_unnamed_source_as_its_own_speaker(  # type: ignore[no-untyped-def]
        nlp, text, actors, speaker, affiliation) -> None:
    extraction = _extract(nlp, text, actors=actors)
    assert [s.speaker for s in extraction.statements] == [speaker]
    added = next(a for a in extraction.actors if a.id == speaker)
    assert added.affiliation == affiliation


def test_find_statements_one_cue_with_two_quotes_is_one_statement(nlp):
    text = "Outside the hall, “Close the mine,” miners chanted “Pay us what you owe.”"
    found = _extract(nlp, text).statements
    contents = [s.content.text for s in found if s.cue.text == "chanted"]
    assert contents == ["“Close the mine,” miners chanted “Pay us what you owe.”"]
    assert len({s.id for s in found}) == len(found)


def test_find_statements_a_described_speaker_is_its_articles_own_actor(nlp):
    text = "Residents said the water had been cut for a week."
    first = _extract(nlp, text).statements[0].speaker
    other = find_statements(Extraction(article=Article(id="s2", text=text, published=PUBLISHED)),
                            nlp(text)).statements[0].speaker
    assert first is not None and other is not None and first != other
    assert first.startswith("s1--") and other.startswith("s2--")


@pytest.mark.parametrize(("text", "cue"), [
    ("Her decision to endorse the mayor surprised the council.", "endorse"),
    ('<tweet author="harbour">The bridge is closed again.</tweet>', "tweet"),
])
def test_statements_skips_noun_infinitives_and_markup(nlp, text, cue) -> None:
    assert [s.cue.text for s in _extract(nlp, text).statements if cue in s.cue.text] == []


@pytest.mark.parametrize(("text", "gone"), [
    # a common word the actors stage dropped is no speaker, whatever the model typed it
    ("Politicos call this the “expectations game” — setting expectations of victory low.",
     "Politicos"),
    # a place stays a place
    ("Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, calling him "
     "“a total stiff.”", "New Hampshire"),
])
def test_a_speaker_the_actors_stage_dropped_stays_dropped(pipeline, text, gone):
    extraction = pipeline.run(Article(id="s1", text=text, published=PUBLISHED))
    assert gone not in {a.name for a in extraction.actors}
    assert [s.speaker for s in extraction.statements] == [None]


def test_a_relative_who_after_a_body_s_name_refers_to_the_person_described(pipeline):
    text = ("But that is not good enough, said Howard Rubel, a senior analyst at Jefferies, who "
            "notes that United Technologies has vowed to cut costs.")
    extraction = pipeline.run(Article(id="s1", text=text, published=PUBLISHED))
    assert {s.speaker for s in extraction.statements} == {actor_id("Howard Rubel")}
    assert "Jefferies" not in {a.name for a in extraction.actors}


@pytest.mark.parametrize(("text", "name"), [
    # the model typed the surname a place's: it names the person the article named in full
    ("Ohio Gov. John Kasich spoke on Sunday. Kasich is telling a packed crowd in snowy Windham, "
     "New Hampshire, that he will win.", "John Kasich"),
    ("Rep. Steve Israel chairs the panel. “We recruit interns to sit in the seats,” Israel said.",
     "Steve Israel"),
])
def test_a_speaker_named_by_a_surname_is_the_person_of_that_name(pipeline, text, name):
    extraction = pipeline.run(Article(id="s1", text=text, published=PUBLISHED))
    assert {s.speaker for s in extraction.statements} == {actor_id(name)}
    assert {a.name for a in extraction.actors} == {name}


def test_a_demonym_qualifying_a_proper_noun_speaker_is_no_group(pipeline):
    # the speaker is "the Islamic State", an armed group by the lexicon, not a group "Islamic"
    text = ("On Thursday, he expanded upon his calls for increased surveillance of the Muslim "
            "community in the United States, warning followers on social media and in interviews "
            "that the Islamic State could easily penetrate the country and implying that some "
            "members of the group might already be attempting to do so.")
    extraction = pipeline.run(Article(id="s1", text=text, published=PUBLISHED))
    kinds = {a.name: a.kind for a in extraction.actors}
    assert "Islamic" not in kinds
    assert kinds.get("Islamic State") == "armed_group"
