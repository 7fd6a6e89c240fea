"""Indirect and mixed quotes: reported clauses of cue verbs, and what is not a quote at all."""

import pytest

from newsflow_parse.quotes import extract_quotes_batch

BODY = """Officials in Kelby said on Monday that the ferry timetable would change in May.

The transport minister, Ana Ruiz, told reporters that the new boats were already late, and she added that the contract would be reviewed.

The operator denied that it had cut corners on safety.

The ferry will keep running through the winter, the council said in a statement.

Ticket prices, the operator said, will not rise this year.

Fares have doubled since 2019, according to a survey by the Kelby Passengers' Association.

Union leader Sam Ortiz wrote that crews were "exhausted and underpaid" after the summer.

Ms Ruiz called the delays "a disgrace for an island community".

The mayor met Ana Ruiz, who said she would visit the island next week.

The operator apologised, with its chief executive saying that the company had let passengers down.

The island council opened an inquiry which the mayor said she would support in full.

Crews went back to work, with the head of the Kelby seafarers' union saying that talks would resume.

Islanders called the old ferry "the bathtub" for years, and a film titled “The Last Crossing To Maren” will open the festival.

The timetable itself was printed in "bold" type.

Maren Ferries: ‘We will not cut a single crossing’
"""


def quote_containing(quotes, fragment):
    matches = [q for q in quotes if fragment in q.text]
    assert len(matches) == 1, f"expected one quote containing {fragment!r}, got {[q.text for q in quotes]}"
    return matches[0]


@pytest.fixture(scope="module")
def quotes():
    [article_quotes] = extract_quotes_batch([("ferry", BODY)])
    return article_quotes


@pytest.mark.parametrize(
    ("fragment", "text", "cue", "speaker"),
    [
        ("timetable would change", "the ferry timetable would change in May", "said", "Officials in Kelby"),
        ("boats were already late", "the new boats were already late", "told", "Ana Ruiz"),
        ("contract would be reviewed", "the contract would be reviewed", "added", "she"),
        ("cut corners", "it had cut corners on safety", "denied", "The operator"),
        ("she would visit", "she would visit the island next week", "said", "Ana Ruiz"),
        ("let passengers down", "the company had let passengers down", "saying", "its chief executive"),
        ("would support", "she would support in full", "said", "the mayor"),
        ("talks would resume", "talks would resume", "saying", "the head of the Kelby seafarers' union"),
    ],
    ids=["said-that", "told-reporters-that", "added-that", "denied-that", "who-said", "with-x-saying", "which-x-said",
         "with-x-of-y-saying"],
)
def test_reported_clause_after_its_cue(quotes, fragment, text, cue, speaker):
    quote = quote_containing(quotes, fragment)

    assert (quote.kind, quote.text, quote.cue, quote.speaker) == ("indirect", text, cue, speaker)


def test_reported_clause_before_its_cue(quotes):
    quote = quote_containing(quotes, "keep running")

    assert (quote.kind, quote.text, quote.speaker) == ("indirect", "The ferry will keep running through the winter", "the council")


def test_a_cue_interrupting_its_clause_stays_inside_the_text(quotes):
    quote = quote_containing(quotes, "Ticket prices")

    assert quote.text == "Ticket prices, the operator said, will not rise this year"
    assert (quote.kind, quote.speaker) == ("indirect", "the operator")


def test_according_to_attributes_the_clause_it_follows(quotes):
    quote = quote_containing(quotes, "Fares have doubled")

    assert (quote.text, quote.cue) == ("Fares have doubled since 2019", "according to")
    assert quote.speaker == "a survey by the Kelby Passengers' Association"


def test_a_reported_clause_holding_a_quoted_fragment_is_mixed_and_keeps_the_marks(quotes):
    quote = quote_containing(quotes, "exhausted")

    assert quote.text == 'crews were "exhausted and underpaid" after the summer'
    assert (quote.kind, quote.cue, quote.speaker) == ("mixed", "wrote", "Sam Ortiz")
    assert not any(q.text == "exhausted and underpaid" for q in quotes)  # the fragment is part of it


def test_a_mixed_quote_keeps_both_characters_of_a_plain_text_closing_mark():
    # The NYT's plain-text marks are two characters each: `''` closes as `''` opens.
    body = "The harbour master said the crews were ''exhausted and underpaid.''"
    [quote] = extract_quotes_batch([("a", body)])[0]

    assert (quote.kind, quote.text) == ("mixed", "the crews were ''exhausted and underpaid.''")


def test_a_clause_after_a_verb_whose_object_is_what_was_said_is_reported():
    body = ("The mayor expressed frustration on Monday that the ferry company had ignored the island. "
            "The two councillors discussed how the timetable would change in winter. "
            "Ms Ruiz implied the operator had hidden the figures. "
            "The survey's authors, the mayor discussed, had been paid by the operator.")
    found = [(q.speaker, q.cue, q.text, q.found_by) for q in extract_quotes_batch([("a", body)])[0]]

    assert found[:3] == [
        ("The mayor", "expressed", "the ferry company had ignored the island", "object-clause"),
        ("The two councillors", "discussed", "how the timetable would change in winter", "object-clause"),
        ("Ms Ruiz", "implied", "the operator had hidden the figures", "complement-clause"),
    ]
    # Such a verb is no cue verb: it does not report a clause before it.
    assert len(found) == 3


def test_a_list_of_infinitives_goes_on_past_the_first_one_the_parser_cuts_off():
    # The parser hangs "add" on the cue and "fix" on "pledged", not on the first infinitive.
    body = ("The mayor urged the board to cut fares, add a winter ferry and open the clinic on Sundays. "
            "Ms Ruiz pledged to rebuild the pier, fix the harbour road and end the delays.")
    found = [(q.speaker, q.text) for q in extract_quotes_batch([("a", body)])[0]]

    assert found == [
        ("The mayor", "the board to cut fares, add a winter ferry and open the clinic on Sundays"),
        ("Ms Ruiz", "to rebuild the pier, fix the harbour road and end the delays"),
    ]

    # The list ends where a clause of its own is joined to it.
    body = ("Ms Ruiz pledged to rebuild the pier, fix the harbour road and she, once again, "
            "pledged a “new deal” in which she said the island would own its ferry.")
    found = [(q.speaker, q.text) for q in extract_quotes_batch([("a", body)])[0]]
    assert found[0] == ("Ms Ruiz", "to rebuild the pier, fix the harbour road")


def test_a_that_clause_the_parser_hangs_on_the_occasion_of_saying_is_what_was_said():
    # The parser hangs "that the ferry was safe" on "time", as a relative clause.
    body = "The harbour master said at the time that the ferry was safe."
    [quote] = extract_quotes_batch([("a", body)])[0]
    assert (quote.speaker, quote.cue, quote.text) == ("The harbour master", "said", "that the ferry was safe")

    # The clause of fears is the fears', not what was written.
    assert extract_quotes_batch([("a", "The mayor wrote amid fears that the ferry was unsafe.")])[0] == []


def test_a_call_for_someone_to_act_is_a_stance_when_the_parser_reads_it_as_a_clause_of_purpose():
    # The parser makes "for" the mark of "cut", an adverbial clause, not a preposition.
    body = "The mayor called for the board to cut fares.\n\nThe skipper worked for the board to keep fares low."
    found = [(q.speaker, q.cue, q.text, q.found_by) for q in extract_quotes_batch([("a", body)])[0]]

    # Working for someone is no stance.
    assert found == [("The mayor", "called", "the board to cut fares", "stance")]


def test_an_and_inside_the_name_of_whoever_was_told_does_not_part_the_cue_from_its_clause():
    body = "Ms Lenz told the Kelby Times and Courier on Saturday that she voted for the ferry."
    [quote] = extract_quotes_batch([("a", body)])[0]

    assert (quote.speaker, quote.cue, quote.text) == ("Ms Lenz", "told", "she voted for the ferry")


def test_an_object_with_a_quoted_fragment_is_mixed(quotes):
    quote = quote_containing(quotes, "a disgrace")

    assert quote.text == 'the delays "a disgrace for an island community"'
    assert (quote.kind, quote.cue, quote.speaker) == ("mixed", "called", "Ms Ruiz")


def test_scare_quotes_titles_and_headlines_are_not_quotes_of_their_own(quotes):
    texts = [q.text for q in quotes]

    assert not any(t in ("the bathtub", "bold") for t in texts)
    assert not any("The Last Crossing" in t for t in texts)
    assert not any("single crossing" in t for t in texts)


def test_a_title_capitalised_word_by_word_is_not_a_quote():
    body = "Residents queued for hours to see “The Ferry Years Of Maren”, a documentary about the crossing."

    assert extract_quotes_batch([("a", body)])[0] == []


def test_a_scare_quote_is_kept_only_inside_its_speakers_words(quotes):
    quote = quote_containing(quotes, "bathtub")

    assert (quote.kind, quote.speaker) == ("mixed", "Islanders")
    assert quote.text.startswith('the old ferry "the bathtub"')


def test_offsets_point_into_the_body(quotes):
    for quote in quotes:
        assert BODY[quote.start : quote.end] == quote.text
        assert BODY[quote.speaker_start : quote.speaker_end] == quote.speaker


def test_a_passive_without_an_agent_names_nobody_and_is_left_out():
    body = "It was reported on Friday that the mine would close, and it is widely believed that talks have failed."

    assert extract_quotes_batch([("a", body)])[0] == []


def test_a_direct_quote_that_is_the_whole_reported_clause_is_direct():
    body = 'The harbour master said "the storm barrier will hold until the spring tides".'

    [quote] = extract_quotes_batch([("a", body)])[0]

    assert (quote.kind, quote.text, quote.speaker) == ("direct", "the storm barrier will hold until the spring tides", "The harbour master")


def test_an_event_seen_or_heard_is_not_a_belief_but_its_source_still_speaks():
    body = (
        "Small farms would see their costs go up by a third, according to the Kelby Farmers Union.\n\n"
        "Residents heard the old siren sound twice on Sunday.\n\n"
        "Ferry crews see that the timetable cannot hold."
    )

    quotes = extract_quotes_batch([("a", body)])[0]

    assert [(q.speaker, q.cue) for q in quotes] == [
        ("Kelby Farmers Union", "according to"),
        ("Ferry crews", "see"),
    ]
    assert quotes[0].text.startswith("Small farms would see their costs go up")


STANCES = """Senator Jane Roe urged Congress to act on the ferry contract.

The Kelby Farmers Union called for a full review of the timetable.

The mayor accused the operator of cutting corners.

Ms Roe refuses to release her tax returns.

The council called the police on Monday.

Tom Berrick bought a new car.

The new timetable is intended to save fuel.

Palmieri called on the operator to apologise.

The operator declined to comment on the delays."""


def test_what_a_speaker_urges_demands_or_refuses_is_reported_but_a_bare_object_is_not():
    quotes = extract_quotes_batch([("a", STANCES)])[0]

    assert [(q.speaker, q.cue, q.text, q.kind) for q in quotes] == [
        ("Senator Jane Roe", "urged", "Congress to act on the ferry contract", "indirect"),
        ("The Kelby Farmers Union", "called", "a full review of the timetable", "indirect"),
        ("The mayor", "accused", "the operator of cutting corners", "indirect"),
        ("Ms Roe", "refuses", "to release her tax returns", "indirect"),
        ("Palmieri", "called", "the operator to apologise", "indirect"),
        ("The operator", "declined", "to comment on the delays", "indirect"),
    ]


EVALUATIONS = """Harbour workers questioned the safety of the new ferry.

The operator defended its winter timetable.

Most islanders support the new ferry contract.

Councillor Ada Lenz likened the timetable to a lottery.

The islanders want cheaper fares and a later last crossing.

The old ferry was criticized for its delays.

Ms Lenz attacked the plan as “a fantasy” at the meeting.

The ferry captain openly admires the mayor as a “true islander”.

The new harbour welcomed its first cruise ship."""


def test_the_object_a_speaker_questions_defends_backs_or_wants_is_reported():
    quotes = extract_quotes_batch([("a", EVALUATIONS)])[0]

    assert [(q.speaker, q.cue, q.text, q.kind) for q in quotes] == [
        ("Harbour workers", "questioned", "the safety of the new ferry", "indirect"),
        ("The operator", "defended", "its winter timetable", "indirect"),
        ("Most islanders", "support", "the new ferry contract", "indirect"),
        ("Councillor Ada Lenz", "likened", "the timetable to a lottery", "indirect"),
        ("The islanders", "want", "cheaper fares and a later last crossing", "indirect"),
        # A passive names no one's stance; a quoted fragment keeps its marks (the fragment rule);
        # "welcomed a ship" receives it and says nothing.
        ("Ms Lenz", "attacked", "the plan as “a fantasy” at the meeting", "mixed"),
        # A verb with no fragment rule keeps its quoted words here.
        ("The ferry captain", "admires", "the mayor as a “true islander”", "mixed"),
    ]


SPOKEN_OBJECTS = """The operator cited rising fuel costs and a shortage of crews.

The council announced the closure of the old pier.

Ms Lenz offered no evidence for the claim.

Harbour workers raised concerns about the new ferry.

A new poll shows the mayor with a narrow lead.

The harbour board raised two million pounds for the pier.

The union called the offer an insult.

Many islanders see the ferry as a lifeline.

The operator called the police on Monday.

Islanders saw the film at the festival.

Ms Lenz told reporters in the harbour office."""


def test_what_a_speaker_cites_announces_or_takes_something_to_be_is_reported():
    quotes = extract_quotes_batch([("a", SPOKEN_OBJECTS)])[0]

    assert [(q.speaker, q.cue, q.text) for q in quotes] == [
        ("The operator", "cited", "rising fuel costs and a shortage of crews"),
        ("The council", "announced", "the closure of the old pier"),
        ("Ms Lenz", "offered", "no evidence for the claim"),
        ("Harbour workers", "raised", "concerns about the new ferry"),
        ("A new poll", "shows", "the mayor with a narrow lead"),
        # Money raised is no concern raised; "called the police" and "saw the film" take nothing to
        # be anything; reporters told are an audience, not what was said.
        ("The union", "called", "the offer an insult"),
        ("Many islanders", "see", "the ferry as a lifeline"),
    ]


def test_a_clause_subject_the_parser_takes_for_an_object_is_not_the_content():
    # The small model reads "young men" as the object of "confirm" here, and "detained" as a verb of its own.
    body = "Both groups cite local sources that confirm young men have been detained."
    quotes = extract_quotes_batch([("a", body)])[0]

    assert not [q.text for q in quotes if q.text.endswith("young men")]


def test_a_coordination_is_attributed_whole_where_the_parser_hangs_the_cue_on_one_conjunct():
    body = (
        "The island's population stood at 2,000 in 1972 and has since grown to 9,000, according to the harbour board.\n\n"
        "The van was supposed to be escorted by a police detail, but the guards whisked her away before officers "
        "could follow, another source said."
    )
    quotes = extract_quotes_batch([("a", body)])[0]

    assert [(q.speaker, q.text) for q in quotes] == [
        ("the harbour board", "The island's population stood at 2,000 in 1972 and has since grown to 9,000"),
        ("another source", "The van was supposed to be escorted by a police detail, but the guards whisked her away "
                           "before officers could follow"),
    ]


def test_an_object_made_to_speak_is_the_speaker_but_not_before_an_infinitive_of_purpose():
    body = (
        "The committee forced the harbour chief to admit that the barrier had never been tested.\n\n"
        "A new advert uses footage of Mayor Tom Berrick asking, “Who will pay for the ferry this winter?”\n\n"
        "The islanders used strong words to deny that the ferry had ever been late.\n\n"
        "The shipping firm was known for asking new pilots tricky questions to see how they reacted."
    )

    quotes = extract_quotes_batch([("a", body)])[0]

    assert [(q.speaker, q.cue) for q in quotes] == [
        ("the harbour chief", "admit"),
        ("Mayor Tom Berrick", "asking"),
        ("The islanders", "deny"),
    ]


def test_the_subject_of_a_raising_adjective_or_a_passive_verb_says_what_its_infinitive_says():
    body = (
        "The harbour master was quick to point out that the pier had passed its last inspection.\n\n"
        "Mayor Tom Berrick is expected to announce that the ferry will run all winter.\n\n"
        "The operator was forced to admit that two crossings had been cancelled."
    )
    quotes = extract_quotes_batch([("a", body)])[0]

    assert [(q.speaker, q.text) for q in quotes] == [
        ("The harbour master", "the pier had passed its last inspection"),
        ("Mayor Tom Berrick", "the ferry will run all winter"),
        ("The operator", "two crossings had been cancelled"),
    ]


def test_what_a_verb_of_saying_takes_as_its_object_is_what_was_said():
    body = (
        "The operator's chief executive said the same of every route.\n\n"
        "The mayor has said little about the fares since the election.\n\n"
        "The skipper said on Monday that the crossing had been rough."
    )
    quotes = extract_quotes_batch([("a", body)])[0]

    # A clause said is read first: "said on Monday that …" is no object.
    assert [(q.speaker, q.text, q.found_by) for q in quotes] == [
        ("The operator's chief executive", "the same of every route", "object-content"),
        ("The mayor", "little about the fares since the election", "object-content"),
        ("The skipper", "the crossing had been rough", "complement-clause"),
    ]


def test_what_is_posted_agreed_with_or_referred_to_is_what_was_said():
    body = (
        "The mayor tweeted a photo of the flooded pier on Sunday.\n\n"
        "The operator agreed with the council's report on the repairs.\n\n"
        "Islanders referred to the old ferry as “the bathtub” for years."
    )
    quotes = extract_quotes_batch([("a", body)])[0]

    assert [(q.speaker, q.cue, q.text) for q in quotes] == [
        ("The mayor", "tweeted", "a photo of the flooded pier on Sunday"),
        ("The operator", "agreed", "the council's report on the repairs"),
        ("Islanders", "referred", "the old ferry as “the bathtub”"),
    ]


def test_a_clause_of_reason_result_or_contrast_hung_on_the_cue_goes_on_with_what_was_said():
    body = (
        "The harbour master said the new pier had passed every test, so it will open in May.\n\n"
        "The survey found that older islanders back the plan, while younger ones want a bridge.\n\n"
        "The skipper said the crossing was rough, while the mayor said it was calm."
    )
    quotes = extract_quotes_batch([("a", body)])[0]

    assert [(q.speaker, q.text) for q in quotes][:2] == [
        ("The harbour master", "the new pier had passed every test, so it will open in May"),
        ("The survey", "older islanders back the plan, while younger ones want a bridge"),
    ]
    # A clause with a cue of its own is not what the first speaker said.
    assert [(q.speaker, q.text) for q in quotes][2:] == [
        ("The skipper", "the crossing was rough"),
        ("the mayor", "it was calm"),
    ]


def test_a_clause_the_parser_joins_to_the_cue_goes_on_with_what_was_said():
    body = (
        "The harbour master said the new pier was safe, but the council wanted a second survey before it opened.\n\n"
        "The skipper said the crossing had been rough, and he added that no one was hurt."
    )
    quotes = extract_quotes_batch([("a", body)])[0]

    assert [(q.speaker, q.cue, q.text) for q in quotes] == [
        # The parser hangs "but the council wanted …" on "said"; it goes on with what was said.
        ("The harbour master", "said",
         "the new pier was safe, but the council wanted a second survey before it opened"),
        # A conjunct that is a cue itself reports its own clause.
        ("The skipper", "said", "the crossing had been rough"),
        ("he", "added", "no one was hurt"),
    ]


def test_a_series_of_bare_verbs_after_a_quoted_phrase_stays_in_the_reported_clause():
    body = ('Mayor Ives said her deputy was ready to "clean up the harbour," secure the pier, hire more wardens, '
            'and lower fares for pensioners.')
    [quote] = extract_quotes_batch([("a", body)])[0]

    assert quote.kind == "mixed"
    # The parser hangs "secure" on "said", after the quoted phrase; the series goes on with "clean up".
    assert quote.text == ('her deputy was ready to "clean up the harbour," secure the pier, hire more wardens, '
                          'and lower fares for pensioners')
    assert quote.speaker == "Mayor Ives"


def test_a_reported_clause_made_of_two_quoted_phrases_is_one_mixed_quote():
    body = ('The harbour master added that, "the council has found the money for a second pier" and '
            '"expects the work to start before the winter storms."\n\n'
            "Mayor Ives said the ferry was “a lifeline for the island” and “our only road to the mainland.”")
    quotes = extract_quotes_batch([("a", body)])[0]

    # What was said is the whole clause: two direct quotes would each hold half of it. The marks at
    # the clause's edges stay on, so the quote reads as written.
    assert [(q.kind, q.speaker, q.text) for q in quotes] == [
        ("mixed", "The harbour master",
         '"the council has found the money for a second pier" and '
         '"expects the work to start before the winter storms."'),
        ("mixed", "Mayor Ives", "the ferry was “a lifeline for the island” and “our only road to the mainland.”"),
    ]
    first = quotes[0]
    assert body[first.start : first.end] == first.text


def test_a_clause_that_is_one_quoted_span_stays_a_direct_quote():
    body = 'The harbour master said that "the council has found the money for a second pier."'
    [quote] = extract_quotes_batch([("a", body)])[0]

    assert (quote.kind, quote.speaker, quote.text) == (
        "direct", "The harbour master", "the council has found the money for a second pier.")


def test_a_complement_the_parser_splits_off_right_after_another_goes_on_with_it():
    body = ("The harbour master said she would reopen the pier should the survey find it safe.\n\n"
            "The skipper said the crossing had been rough the council said it would pay for repairs.")
    quotes = extract_quotes_batch([("a", body)])[0]

    assert [(q.speaker, q.cue, q.text) for q in quotes] == [
        # The parser makes the inverted condition a second complement of "said": it is part of what was said.
        ("The harbour master", "said", "she would reopen the pier should the survey find it safe"),
        # A run-on whose second half has a cue of its own is two attributions, full stop or not.
        ("The skipper", "said", "the crossing had been rough"),
        ("the council", "said", "it would pay for repairs"),
    ]
