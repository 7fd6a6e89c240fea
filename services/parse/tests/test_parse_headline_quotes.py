"""Attributions in a headline (issue 19): reported in title_quotes, offsets into the title, apart from the body's."""

from datetime import datetime, timezone

import pytest

from newsflow_shared.events import RawArticle, SuppliedMetadata
from newsflow_parse import rules
from newsflow_parse.headline_quotes import extract_title_quotes_batch, sentence_cased, source_colon
from newsflow_parse.pipeline import parse_article


def title_quotes(title: str) -> list[tuple[str, str | None, str, str | None]]:
    (quotes,) = extract_title_quotes_batch([("a", title)])
    for quote in quotes:
        assert title[quote.start:quote.end] == quote.text
        assert title[quote.speaker_start:quote.speaker_end] == quote.speaker
    return [(q.text, q.speaker, q.kind, q.found_by) for q in quotes]


@pytest.mark.parametrize(("title", "expected"), [
    ("Harbour Minister Quist: Ferry fares will fall by a third next spring.",
     [("Ferry fares will fall by a third next spring", "Harbour Minister Quist", "indirect", "headline-colon")]),
    ("Marsh: Clinics will stay open 'every single weekend' this winter",
     [("Clinics will stay open 'every single weekend' this winter", "Marsh", "mixed", "headline-colon")]),
    ("Marsh on rural care: 'No one should drive ninety minutes to see a nurse.'",
     [("'No one should drive ninety minutes to see a nurse.'", "Marsh on rural care", "direct", "headline-colon")]),
    # A label and a dash before the source; a source and whom it spoke to; what a source published.
    ("EXCLUSIVE – Ada Quist: Ferry fares will fall by a third",
     [("Ferry fares will fall by a third", "Ada Quist", "indirect", "headline-colon")]),
    ("Quist to island council: Fares will fall by a third",
     [("Fares will fall by a third", "Quist to island council", "indirect", "headline-colon")]),
    ("Harbour Board report: Ferry crossings ran late all winter",
     [("Ferry crossings ran late all winter", "Harbour Board report", "indirect", "headline-colon")]),
])
def test_a_source_before_the_colon_said_what_follows(title, expected):
    assert title_quotes(title) == expected


@pytest.mark.parametrize("title", [
    "The Latest: Island council votes to keep the ferries running",  # a label, not a source
    "Wow: Mayor Quist Just Said Something Unexpected About Ferries",  # an exclamation
    "FERRY CHAOS: Crossings Halted For A Third Day",  # shouting
    "Ferries are back: the island celebrates with a parade",  # a clause before the colon
    "Harbour, weather and tides: a guide for weekend sailors",  # a list
    "Quist: ferries back",  # too short a claim
])
def test_a_label_or_a_clause_before_the_colon_is_no_source(title):
    assert source_colon(title) is None
    assert all(found_by != "headline-colon" for _, _, _, found_by in title_quotes(title))


def test_the_body_rules_find_attributions_in_a_headline_too():
    assert title_quotes("Lawmaker urges a public inquiry into the ferry contract") == [
        ("a public inquiry into the ferry contract", "Lawmaker", "indirect", "object-content")]
    assert title_quotes("Ferries will run all winter, Harbour Master Ada Quist says") == [
        ("Ferries will run all winter", "Harbour Master Ada Quist", "indirect", "complement-clause")]


def test_apostrophes_are_no_quotation_marks_and_a_page_long_title_is_no_headline():
    assert title_quotes("Quist: The island's ferry won't sail until spring") == [
        ("The island's ferry won't sail until spring", "Quist", "indirect", "headline-colon")]
    assert extract_title_quotes_batch([("a", "Quist: " + "the ferry sails " * 40)]) == [[]]
    # Two articles of one batch with one id (a replay) each keep their own headline.
    first, second = extract_title_quotes_batch([("a", "Quist: Fares will fall next spring"),
                                                ("a", "Marsh: Clinics will stay open")])
    assert [q.speaker for q in first] == ["Quist"] and [q.speaker for q in second] == ["Marsh"]


def test_a_title_case_headline_is_read_as_news_text_and_reported_as_written():
    # Capitalised, "Says" and "Endorses" parse as nouns; lowercased (offsets kept), as the verbs they are.
    assert sentence_cased("Ada Quist Endorses Tom Berrick For Harbour Board") == \
        "Ada Quist endorses Tom Berrick for Harbour Board"
    assert title_quotes("Ada Quist Endorses Tom Berrick For Harbour Board") == [
        ("Tom Berrick For Harbour Board", "Ada Quist", "indirect", "object-content")]
    assert title_quotes("Harbour Chief Says Ferries Will Run All Winter") == [
        ("Ferries Will Run All Winter", "Harbour Chief", "indirect", "complement-clause")]
    assert sentence_cased("Ferries will run all winter, Quist says") == "Ferries will run all winter, Quist says"


def test_a_headline_quoting_no_one_attributes_nothing():
    assert title_quotes("Parents rally to 'Save Our Clinics' across the valley") == []
    assert extract_title_quotes_batch([("a", None), ("b", "")]) == [[], []]


def test_the_headline_rule_can_be_switched_off_for_measuring():
    with rules.switched_off("headline-colon"):
        assert title_quotes("Harbour Minister Quist: Ferry fares will fall by a third next spring.") == []


def test_a_parsed_article_reports_its_headline_apart_from_its_body():
    text = ("Quist: Ferry fares will fall by a third next spring\n\n"
            "\"Nobody should pay more to cross than to fly,\" Harbour Minister Ada Quist said on Monday.\n")
    parsed = parse_article(RawArticle(article_id="fare-1", received_at=datetime(2024, 6, 14, tzinfo=timezone.utc),
                                      content_type="text/plain", content=text, supplied=SuppliedMetadata()))

    assert parsed.metadata.title == "Quist: Ferry fares will fall by a third next spring"
    (headline,) = parsed.title_quotes
    assert (headline.id, headline.text, headline.speaker) == ("fare-1-t1", "Ferry fares will fall by a third next spring",
                                                              "Quist")
    assert parsed.metadata.title[headline.start:headline.end] == headline.text
    assert [q.speaker for q in parsed.quotes] == ["Harbour Minister Ada Quist"]
    assert all(q.id.startswith("fare-1-q") for q in parsed.quotes)
