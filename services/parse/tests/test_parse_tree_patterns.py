"""The rules that are tree shapes are DependencyMatcher patterns (issue 19); what they report is unchanged."""

from newsflow_parse.quote_nlp import load_nlp
from newsflow_parse.quotes import extract_quotes_batch
from newsflow_parse.tree_patterns import PATTERNS, shapes


def test_the_according_to_shape_names_its_source():
    doc = load_nlp()("Ferry fares doubled last year, according to the harbour master.")
    (according,) = shapes(doc)["according-to"].values()
    assert (according["according"].text, according["to"].text, according["source"].text) == ("according", "to",
                                                                                              "master")


def test_the_as_put_it_shape_names_its_speaker():
    doc = load_nlp()("The crossing is a lifeline, as the harbour master put it.")
    (put,) = shapes(doc)["as-put-it"].values()
    assert (put["verb"].text, put["speaker"].text) == ("put", "master")


def test_the_in_poll_shape_names_the_poll_and_the_verb_of_what_it_found():
    doc = load_nlp()("In a harbour board survey, most islanders backed the new ferry.")
    (poll,) = shapes(doc)["in-poll"].values()
    assert (poll["in"].text, poll["poll"].text, poll["verb"].text) == ("In", "survey", "backed")


def test_what_a_poll_found_is_attributed_to_it_where_the_poll_opens_the_clause_and_no_cue_says_whose_it_is():
    # "leads … in every survey" tells a candidate's fortunes, which PolNeAR attributes to the polls
    # about as often as not: left out.
    body = ("In a Kelby Courier poll released Monday, 61 percent of islanders backed the new ferry. "
            "The mayor leads the harbour master in every survey of the island.\n\n"
            "In the same poll, most islanders said the fares were too high.")
    quotes = extract_quotes_batch([("a", body)])[0]
    assert [(q.text, q.speaker, q.cue, q.found_by) for q in quotes] == [
        ("61 percent of islanders backed the new ferry", "a Kelby Courier poll released Monday", "In", "in-poll"),
        ("the fares were too high", "most islanders", "said", "complement-clause"),
    ]


def test_a_piece_without_an_anchor_word_is_not_matched():
    assert shapes(load_nlp()("The ferry sailed at noon.")) == {}
    assert set(PATTERNS) == {"according-to", "as-put-it", "in-poll"}


def test_the_shapes_report_their_clauses_as_before():
    body = ("Ferry fares doubled last year, according to the harbour master. "
            "The crossing is a lifeline, as Mayor Ada Quist put it.")
    quotes = extract_quotes_batch([("a", body)])[0]
    assert [(q.text, q.speaker, q.found_by) for q in quotes] == [
        ("Ferry fares doubled last year", "the harbour master", "according-to"),
        ("The crossing is a lifeline", "Mayor Ada Quist", "as-put-it"),
    ]
