"""Whole scraped articles (invented for these tests) read into metadata and a clean body."""

from newsflow_parse.text_article import read_text_article

WIRE_STORY = """Harbour council rejects ferry fare rise

Commuters queue at the Kelby ferry terminal on Tuesday, March 4, 2025. The council voted against the rise. (AP Photo/Jana Pirelli)

KELBY (AP) — The Kelby harbour council on Tuesday rejected a proposed 12% rise in ferry fares, saying commuters had already absorbed two increases in three years.

"Families on the islands cannot pay more to get to work," council leader Oren Vask said after the vote.

The operator, Bluewater Lines, said it would review its timetable before the summer.


Copyright 2025 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.
"""

BROADCASTER_PAGE = """• Mayor Ines Hallberg speaks to reporters outside the town hall. (Supplied)Source: Supplied
“We will not close a single library.”
Tomas Brandt

12 June 2024 - 09:15 AM\u00a0 UPDATED\u00a013\u00a0June\u00a02024 - 10:02 AM

The mayor of Eastvale says no libraries will close under next year's budget, despite a shortfall of four million dollars

Speaking at the town hall, Ines Hallberg said: “We will not close a single library. We will find the money elsewhere.”

Did you miss our budget special? You can catch up right now, on Eastvale TV On Demand.

Opposition councillors said the promise would be tested when the budget is published in October.
"""

WEB_SCRAPE = """Now Reading
Island ferry crews end strike after pay deal

Island ferry crews end strike after pay deal

Photo: Ferry crews at the Maren terminal, Coastal Gazette

Maren: Fishermen protest new quotas

Ferry crews on the Maren Islands returned to work on Monday after union members accepted a new pay offer.

Union organiser Dana Kell said the deal was "the best we could get this year".

Petition: Save the night ferry

What the deal means

The agreement raises pay by 6% over two years and limits night shifts to three a week.

Watch the full video of the union's announcement:

Read more from Coastal Gazette:

Harbour bridge reopens after repairs

Council approves new bus routes
"""

ARCHIVE_COPY = """Council delays vote on harbour plan;\u0020
Residents' objections force a second round of consultation.

The Kelby council on Thursday delayed a vote on the harbour redevelopment plan after more than 400 residents objected.

"We have heard the town loud and clear," deputy mayor Lise Aaberg said.

A new consultation will open next month.
"""


def test_wire_story_gives_dateline_agency_caption_and_date_and_a_clean_body():
    article = read_text_article(WIRE_STORY)

    assert article.title == "Harbour council rejects ferry fare rise"
    assert (article.dateline, article.agency) == ("Kelby", "AP")
    assert article.captions == [
        "Commuters queue at the Kelby ferry terminal on Tuesday, March 4, 2025. "
        "The council voted against the rise. (AP Photo/Jana Pirelli)"
    ]
    # No date stamp: the wire photo's caption dates the story.
    assert article.published_at == "2025-03-04"
    assert article.authors == []
    assert article.body.startswith("The Kelby harbour council on Tuesday rejected")
    assert article.body.endswith("review its timetable before the summer.")
    for noise in ("KELBY", "(AP)", "AP Photo", "Copyright", "All rights reserved"):
        assert noise not in article.body


def test_page_header_gives_byline_and_published_date_and_drops_pull_quote_and_promotion():
    article = read_text_article(BROADCASTER_PAGE)

    assert article.authors == ["Tomas Brandt"]
    assert article.published_at == "2024-06-12T09:15"  # published, not the update after it
    assert article.captions == [
        "Mayor Ines Hallberg speaks to reporters outside the town hall. (Supplied)Source: Supplied"
    ]
    # The pull quote is no headline: the story says it again.
    assert article.title is None
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("The mayor of Eastvale says no libraries will close")
    assert article.body.count("We will not close a single library.") == 1
    assert "Did you miss" not in article.body and "On Demand" not in article.body
    assert paragraphs[-1].startswith("Opposition councillors said")
    assert "Tomas Brandt" not in article.body and "UPDATED" not in article.body


def test_web_scrape_loses_widgets_headings_and_other_stories():
    article = read_text_article(WEB_SCRAPE)

    assert article.title == "Island ferry crews end strike after pay deal"
    assert article.captions == ["Photo: Ferry crews at the Maren terminal, Coastal Gazette"]
    assert article.body.split("\n\n") == [
        "Ferry crews on the Maren Islands returned to work on Monday after union members accepted a new pay offer.",
        'Union organiser Dana Kell said the deal was "the best we could get this year".',
        "The agreement raises pay by 6% over two years and limits night shifts to three a week.",
    ]


def test_archive_headline_with_its_deck_and_the_date_in_the_file_name():
    article = read_text_article(ARCHIVE_COPY, identifiers=("gazette_2016-09-22_council-delays-vote.txt", None))

    assert article.title == (
        "Council delays vote on harbour plan; Residents' objections force a second round of consultation."
    )
    assert article.published_at == "2016-09-22"
    assert article.body.startswith("The Kelby council on Thursday delayed")


def test_date_in_the_text_wins_over_the_date_in_the_file_name():
    text = "Library reopens\n\nPublished: 3 October 2023\n\nThe Eastvale library reopened on Tuesday after a flood."

    assert read_text_article(text, identifiers=("archive_2024-01-01_library.txt",)).published_at == "2023-10-03"


def test_without_any_date_there_is_no_published_date():
    text = "Library reopens\n\nThe Eastvale library reopened on May 26 after a flood.\n\nReaders returned at once."

    assert read_text_article(text, identifiers=("0042_3fa9.txt",)).published_at is None


def test_headline_closed_by_a_full_stop_is_still_the_headline():
    text = (
        "Ferry Operator Cuts Winter Timetable.\n\n"
        "Bluewater Lines will run four crossings a day instead of six from November, the company said on Friday."
    )
    with_dateline = "Ferry operator cuts winter timetable.\n\nKELBY, Maren (Reuters) - Bluewater Lines will run fewer ferries."

    assert read_text_article(text).title == "Ferry Operator Cuts Winter Timetable."
    wire = read_text_article(with_dateline)
    assert wire.title == "Ferry operator cuts winter timetable."
    assert (wire.dateline, wire.agency, wire.body) == ("Kelby, Maren", "Reuters", "Bluewater Lines will run fewer ferries.")


def test_story_without_a_header_keeps_every_line():
    text = "The council met on Monday.\n\nIt voted to approve the budget."

    article = read_text_article(text)

    assert article.title is None
    assert article.body == text
