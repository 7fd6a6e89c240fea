import pytest

from newsflow_parse.dateline import Dateline, find_dateline
from newsflow_parse.text_article import read_text_article
from newsflow_parse.wire_agency import agency_in_notice, agency_of_credit_line, canonical_agency


@pytest.mark.parametrize(
    "paragraph, place, agency",
    [
        ("KELBY (AP) — The council voted.", "Kelby", "AP"),
        ("PORT ELLEN, Maren, Sept. 26 (UPI) — The ferry sailed.", "Port Ellen, Maren", "UPI"),
        ("Eastvale (AFP) – The mayor spoke.", "Eastvale", "AFP"),
        ("ST. ANDREWS, Fla., March 4 (Reuters) - Shares rose.", "St. Andrews, Fla.", "Reuters"),
        ("KELBY -- The council voted.", "Kelby", None),
        ("NEW KELBY — The council voted.", "New Kelby", None),
        ("Dec 29 (Reuters) - The council voted.", None, "Reuters"),
    ],
)
def test_datelines_give_the_place_and_the_agency(paragraph, place, agency):
    found = find_dateline(paragraph)

    assert (found.place, found.agency) == (place, agency)
    assert paragraph[found.end :].startswith("The ") or paragraph[found.end :].startswith("Shares")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Kelby — the town that built the ferry — voted on Monday.",
        "BREAKING — The council voted.",
        "The council (AP) — voted.",
        "Council leader Oren Vask said the vote was close.",
        "UK to Maren: ‘We will not pay’",
    ],
)
def test_sentences_are_not_datelines(paragraph):
    assert find_dateline(paragraph) is None


def test_dateline_is_metadata_and_the_body_keeps_the_sentence_after_it():
    article = read_text_article("Ferry fares frozen\n\nKELBY (AP) — The council froze ferry fares on Tuesday.\n\nCommuters cheered.")

    assert (article.dateline, article.agency) == ("Kelby", "AP")
    assert article.body == "The council froze ferry fares on Tuesday.\n\nCommuters cheered."


def test_agency_from_a_copyright_notice_a_byline_or_a_credit_when_there_is_no_dateline():
    story = "Ferry fares frozen\n\nThe council froze ferry fares on Tuesday after a long debate.\n\n"
    notice = story + "Copyright 2025 The Associated Press. All rights reserved."
    by_agency = "Ferry fares frozen\nBy Agence France-Presse\n\nThe council froze ferry fares on Tuesday."
    credit = story + "(Reporting by Lina Moss; Editing by Sam Reed)"

    assert read_text_article(notice).agency == "AP"
    assert read_text_article(by_agency).agency == "AFP"
    assert read_text_article(credit).agency == "Reuters"
    assert read_text_article(story).agency is None


def test_a_wire_photo_credit_does_not_make_the_story_a_wire_story():
    text = (
        "Ferry fares frozen\n\nCommuters at the terminal on Tuesday. (AP Photo/Jana Pirelli)\n\n"
        "The council froze ferry fares on Tuesday after a long debate."
    )

    assert read_text_article(text).agency is None


def test_agency_names():
    assert canonical_agency("The Associated Press") == "AP"
    assert canonical_agency("Agence France-Presse") == "AFP"
    assert canonical_agency("CNN") == "CNN"
    assert agency_in_notice("© 2024 Thomson Reuters. All rights reserved.") == "Reuters"
    assert agency_in_notice("Copyright 2024 Coastal Gazette") is None
    assert agency_of_credit_line("(Writing by Tom Poe; Editing by Sam Reed)") == "Reuters"
    assert agency_of_credit_line("Reporting by Lina Moss.") is None
    assert agency_of_credit_line("(Additional reporting by Per Olsen in Kelby; Editing by Sam Reed.)") == "Reuters"
    assert Dateline("Kelby", None, 9).agency is None
