"""Reported speech without an active cue clause: passives with an agent, claims as nouns,
"as X put it", verbs of speaking with what they are about; and the speaker detours that go with them."""

import pytest

from newsflow_parse.quotes import extract_quotes_batch

PHRASES = """The closure of the old pier was first reported by the Kelby Courier.

Ms Ruiz was told by the mayor that the ferry would be late.

The union's claim that the ferry was unsafe angered the operator.

The ferry is the island's only lifeline, as one harbour worker put it.

Ms Lenz commented on the new winter timetable.

The operator apologized for the delays to the morning crossing.

Two crew members spoke on condition of anonymity.

The harbour board talked about it.

The union painted the operator as a reckless landlord.

Fares were cut by the operator in May.

Ms Ruiz was warned by the mayor.

This was first reported by the Courier.

The storm weighed on the island's economy.

The pilot stood on the quay, pointing to the harbour."""


@pytest.fixture(scope="module")
def phrases():
    [quotes] = extract_quotes_batch([("a", PHRASES)])
    return [(q.speaker, q.cue, q.text) for q in quotes]


def test_a_passive_with_an_agent_reports_its_subject_for_the_agent(phrases):
    assert ("Kelby Courier", "reported", "The closure of the old pier") in phrases
    # One told is the audience: the clause is what was said, not the one who heard it.
    assert ("the mayor", "told", "the ferry would be late") in phrases
    assert not [p for p in phrases if p[2] == "Ms Ruiz"]
    # A verb that reports nothing ("cut") gives nothing, agent or not; one warned is an audience;
    # a demonstrative stands for something said before.
    assert not [p for p in phrases if "Fares" in p[2]]
    assert not [p for p in phrases if p[2] in ("Ms Ruiz", "This")]


def test_a_claim_as_a_noun_is_its_owners(phrases):
    assert ("The union", "claim", "the ferry was unsafe") in phrases


def test_as_someone_put_it_attributes_the_clause_it_closes(phrases):
    assert ("one harbour worker", "put", "The ferry is the island's only lifeline") in phrases


def test_what_a_verb_of_speaking_is_about_is_reported_but_not_how_or_a_bare_pronoun(phrases):
    assert ("Ms Lenz", "commented", "the new winter timetable") in phrases
    assert ("The operator", "apologized", "the delays") in phrases
    # "spoke on condition of anonymity" says how; "talked about it" has one word of content;
    # "weighed on the economy" is no "weighed in on"; pointing to a place is no example given.
    assert not [p for p in phrases if p[1] in ("spoke", "talked", "weighed", "pointing")]


def test_painting_someone_as_something_is_a_characterization(phrases):
    assert ("The union", "painted", "the operator as a reckless landlord") in phrases


def test_a_noun_and_participle_after_despite_speak_like_with_x_saying():
    body = "The council pressed ahead despite several members, such as Ms Lenz, now saying that the plan was rushed."
    [quote] = extract_quotes_batch([("a", body)])[0]

    assert (quote.speaker, quote.text) == ("several members", "the plan was rushed")

    # After "with supporters," the participle goes with the main clause.
    body = "Ms Lenz celebrated at the harbour with supporters, declaring that the ferry would sail on time."
    [quote] = extract_quotes_batch([("a", body)])[0]

    assert quote.speaker == "Ms Lenz"


def test_a_phrasal_stance_verb_may_have_a_time_between_it_and_its_preposition():
    body = "Dana Kell, the union's leader in the harbour district of Kelby, called Friday for a new vote on the contract."
    [quote] = extract_quotes_batch([("a", body)])[0]

    assert (quote.speaker, quote.cue, quote.text) == ("Dana Kell", "called", "a new vote on the contract")

    body = "Ms Lenz called on Friday for a review of the contract.\n\nMs Ruiz called in May for a vote."
    found = [(q.speaker, q.text) for q in extract_quotes_batch([("a", body)])[0]]

    assert found == [("Ms Lenz", "a review of the contract"), ("Ms Ruiz", "a vote")]


def test_a_verb_of_saying_says_nothing_through_a_preposition_of_its_own():
    body = "The report concludes with a list of “urgent repairs” for the pier."

    assert not [q for q in extract_quotes_batch([("a", body)])[0] if q.cue == "concludes"]


def test_two_quotes_with_a_second_cue_between_them_are_not_joined():
    body = (
        "“Why did the ferry not sail?” a narrator in the union's advert asks. The advert then turns to "
        "Ms Lenz, who is saying, “It will sail when the storm has passed.”"
    )
    quotes = extract_quotes_batch([("a", body)])[0]

    assert [(q.speaker, q.text) for q in quotes if q.kind == "direct"] == [
        ("a narrator in the union's advert", "Why did the ferry not sail?"),
        ("Ms Lenz", "It will sail when the storm has passed."),
    ]


INTENTS = """The mayor's plan to close the pier angered no one at first.

The ferry union filed a motion to halt the sale of the old pier.

Ms Lenz renewed her call for a review of the contract.

The council rejected the plan to close the pier.

The harbour board sounded a call for the government to fund the barrier.

Islanders were issued a plan to leave the harbour by noon."""


def test_an_intent_as_a_noun_is_its_owners_or_its_makers():
    quotes = extract_quotes_batch([("a", INTENTS)])[0]
    found = [(q.speaker, q.cue, q.text) for q in quotes]

    assert ("The mayor", "plan", "to close the pier") in found
    assert ("The ferry union", "motion", "to halt the sale of the old pier") in found
    # The one who renews a call is named, where the noun has only a pronoun for its owner.
    assert ("Ms Lenz", "call", "a review of the contract") in found
    assert ("The harbour board", "call", "the government to fund the barrier") in found
    # Rejecting a plan does not make it yours: the object is what the council rejected, no more.
    assert [f for f in found if f[1] == "plan"] == [("The mayor", "plan", "to close the pier")]
    # Those issued a plan received it.
    assert not [f for f in found if f[0] == "Islanders"]


def test_a_document_noun_speaks_for_its_maker_through_a_relative_clause_too():
    body = (
        "The storm prompted the harbour master, Ana Ruiz, to make a statement that described the barrier "
        "as “a wall of paper”.\n\n"
        "Lawyers for the ferry union filed papers opposing the sale of the pier."
    )
    quotes = extract_quotes_batch([("a", body)])[0]

    assert [(q.speaker, q.cue) for q in quotes] == [("Ana Ruiz", "described"), ("Lawyers for the ferry union", "opposing")]


def test_a_gerund_after_a_verb_of_saying_is_what_was_said():
    body = "Although the operator has admitted using older boats, it does not defend them.\n\nThe union proposed cutting fares."
    found = [(q.speaker, q.cue, q.text) for q in extract_quotes_batch([("a", body)])[0]]

    assert ("the operator", "admitted", "using older boats") in found
    assert ("The union", "proposed", "cutting fares") in found


def test_pointing_out_a_clause_or_pointing_to_an_example_is_reported_but_pointing_at_a_map_is_not():
    body = (
        "The operator has pointed out that the new boats are faster.\n\n"
        "The union pointed to the winter timetable as an example of poor planning.\n\n"
        "Ms Lenz pointed at the map."
    )
    found = [(q.speaker, q.text) for q in extract_quotes_batch([("a", body)])[0]]

    assert found == [
        ("The operator", "the new boats are faster"),
        ("The union", "the winter timetable as an example of poor planning"),
    ]


def test_a_name_whose_verb_the_parser_hangs_inside_its_appositive_still_speaks():
    # The small model reads "called" as a participle on "election" and "saying" as the main verb.
    body = (
        "Attorney General Ann Vale (D), the governor's opponent in the upcoming election, called Friday for "
        "releasing the harbour videos, as well, saying that openness \"brings trust.\""
    )
    found = [(q.speaker, q.cue) for q in extract_quotes_batch([("a", body)])[0]]

    assert ("Attorney General Ann Vale", "called") in found
    assert not [f for f in found if "election" in (f[0] or "")]


def test_a_second_subject_the_parser_joins_to_the_first_clause_speaks_for_its_own_verb():
    # The small model makes "Islanders" a conjunct of "delays" and leaves "accused" without a subject.
    body = "Officials said they were increasingly worried about the delays and Islanders accused the operator of lying."
    found = [(q.speaker, q.cue, q.text) for q in extract_quotes_batch([("a", body)])[0]]

    assert ("Officials", "said", "they were increasingly worried about the delays") in found
    assert ("Islanders", "accused", "the operator of lying") in found


def test_a_name_then_a_dash_before_a_quote_is_its_speaker():
    body = (
        "Several islanders have spoken out since the storm, among them the former mayor Tom Berrick -- “The ferry is "
        "the island's only lifeline and it is failing us” -- and a harbour pilot.\n\n"
        "The board has a new slogan -- “We sail when others stay home” -- and a new logo."
    )
    found = [(q.speaker, q.text) for q in extract_quotes_batch([("a", body)])[0]]

    assert ("Tom Berrick", "The ferry is the island's only lifeline and it is failing us") in found
    assert not [f for f in found if f[0] is not None and "slogan" in f[0]]

    # A tag after the quote names its speaker: the name before the dash is only whom it is about.
    body = "Ms Lenz attacked Tom Berrick -- “a man who never sailed a day in his life,” she said."
    assert [q.speaker for q in extract_quotes_batch([("a", body)])[0]] == ["she"]


def test_a_list_of_speakers_is_one_mention_but_a_relative_clause_after_a_comma_is_not_part_of_it():
    body = (
        "Trade unions, fishing groups, and many island councillors claim the new boats are unsafe.\n\n"
        "The mayor, who opposed the plan, said the ferry was late."
    )
    found = [(q.speaker, q.text) for q in extract_quotes_batch([("a", body)])[0]]

    assert ("Trade unions, fishing groups, and many island councillors", "the new boats are unsafe") in found
    assert ("The mayor", "the ferry was late") in found


def test_a_share_written_with_a_hyphen_is_one_word_of_the_mention():
    body = "Nearly two-thirds of Kelby islanders said the ferry was too slow."
    [quote] = extract_quotes_batch([("a", body)])[0]

    assert (quote.speaker, quote.text) == ("Nearly two-thirds of Kelby islanders", "the ferry was too slow")


def test_a_reported_clause_keeps_what_the_parser_splits_off_it():
    body = (
        "Ms Lenz said she wants to change four rules in the ferry contract that decide how fares are set.\n\n"
        "The harbour board says the barrier would cost more in the first years as prices rose, but would "
        "eventually save the island money."
    )
    found = [(q.speaker, q.text) for q in extract_quotes_batch([("a", body)])[0]]

    assert ("Ms Lenz", "she wants to change four rules in the ferry contract that decide how fares are set") in found
    assert ("The harbour board", "the barrier would cost more in the first years as prices rose, but would "
                                 "eventually save the island money") in found


def test_a_gerund_after_a_preposition_is_the_act_of_the_subject_or_of_the_object_held_to_it():
    body = (
        "Ms Lenz took the last step on Monday of announcing that the ferry contract would be cancelled.\n\n"
        "The board fined the skipper for refusing to leave the harbour.\n\n"
        "The operator has a reputation for promising new boats every winter."
    )
    found = [(q.speaker, q.cue, q.text) for q in extract_quotes_batch([("a", body)])[0]]

    assert ("Ms Lenz", "announcing", "the ferry contract would be cancelled") in found
    assert ("the skipper", "refusing", "to leave the harbour") in found
    # A reputation for promising is the operator's, not the reputation's.
    assert ("The operator", "promising", "new boats") in found


def test_a_short_quoted_sentence_is_speech_not_a_title_and_footage_shows_its_speaker():
    body = "The advert ends with footage of the mayor saying, “That is not my job,” at a meeting."
    [quote] = extract_quotes_batch([("a", body)])[0]

    assert (quote.kind, quote.speaker, quote.text) == ("direct", "the mayor", "That is not my job")

    # Every word capitalised still makes a title.
    body = "The two councils introduced the “Ferry For All,” which cut fares for children."
    assert not [q for q in extract_quotes_batch([("a", body)])[0] if q.kind == "direct"]


def test_a_capitalised_quote_closed_by_a_comma_before_a_speech_tag_is_speech_not_a_title():
    # Each word capitalised, like a title, but what follows is a speaker's tag.
    body = "“Like Kelby. Or Port Ayre,” the mayor said. “The crossings get worse every winter.”"
    [quote] = extract_quotes_batch([("a", body)])[0]

    assert (quote.speaker, quote.cue) == ("the mayor", "said")
    assert [body[p.start : p.end] for p in quote.parts] == ["Like Kelby. Or Port Ayre,",
                                                            "The crossings get worse every winter."]

    # A list of titles closed by commas is still a list of titles, and so is a show's name that a
    # tag follows but that does not open the sentence.
    for body in ("The island's children staged “Island Tales,” “Ferry Days,” and “Harbour Lights” in May.",
                 "On Sunday's edition of “Harbour Hour,” the mayor said the ferry would be late."):
        assert not [q for q in extract_quotes_batch([("a", body)])[0] if q.kind == "direct"]


def test_a_bare_name_then_a_colon_before_a_quote_is_its_speaker():
    body = (
        "Within the hour the harbour master posted again. Tove Lindqvist: “The light stays on, whatever the "
        "council decides.”\n\n"
        "The council sent a reply to Tove Lindqvist: “We have decided nothing yet.”"
    )
    found = [(q.speaker, q.cue, q.text) for q in extract_quotes_batch([("a", body)])[0]]

    assert ("Tove Lindqvist", ":", "The light stays on, whatever the council decides.") in found
    # A name the clause before the colon governs is whom it is addressed to, not who speaks.
    assert not [f for f in found if "decided nothing" in f[2] and f[0] == "Tove Lindqvist"]
