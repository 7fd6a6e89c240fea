"""The publishing site, named by a scraped page's own notices and prompts (invented articles)."""

from datetime import datetime, timezone

import pytest

from newsflow_shared.events import RawArticle, SuppliedMetadata

from newsflow_parse.article_layout import extract_layout
from newsflow_parse.site_name import find_site_name
from newsflow_parse.text_article import read_text_article
from newsflow_parse.text_layout import paragraphs_of

STORY = """Harbour council freezes ferry fares

The Kelby harbour council on Tuesday froze ferry fares for a second year, saying island families could not absorb another rise.

"Nobody should have to choose between the ferry and their groceries," council leader Oren Vask said after the vote.

The operator, Bluewater Lines, said it would review its winter timetable.
"""


def page(*extra_lines: str, before: str = "") -> str:
    """STORY with page furniture after it (and optionally lines before its first paragraph)."""
    head, rest = STORY.split("\n\n", 1)
    return head + "\n\n" + (before + "\n\n" if before else "") + rest + "\n" + "\n\n".join(extra_lines) + "\n"


def site_of(text: str) -> str | None:
    return read_text_article(text).site_name


def raw(content: str, content_type: str = "text/plain", **supplied) -> RawArticle:
    return RawArticle(article_id="a", received_at=datetime.now(timezone.utc), content_type=content_type,
                      content=content, supplied=SuppliedMetadata(**supplied))


@pytest.mark.parametrize(
    ("furniture", "site"),
    [
        (["Read more from Coastal Gazette:", "Harbour bridge reopens after repairs", "Council approves bus routes"],
         "Coastal Gazette"),
        (["More from Harbour News"], "Harbour News"),
        (["Follow Harbour News on Twitter and Facebook"], "Harbour News"),
        (["Sign up to the Kelby Chronicle newsletter"], "Kelby Chronicle"),
        (["Did you miss our ferry special? You can catch up right now, on Eastvale TV On Demand."], "Eastvale TV"),
        (["© 2017 The Island Courier"], "The Island Courier"),
        (["Copyright 2024 Maren Herald Media Ltd. All rights reserved."], "Maren Herald Media"),
        (["Copyright © 2019 IslandWire, Inc."], "IslandWire"),
        (["SUBSCRIBE TO THE SEAFARER NEWSLETTER"], "Seafarer"),
    ],
)
def test_each_kind_of_self_reference_names_the_site_and_stays_out_of_the_body(furniture, site):
    article = read_text_article(page(*furniture))

    assert article.site_name == site
    assert "Nobody should have to choose" in article.body
    assert site.split()[-1] not in article.body


def test_the_same_site_named_twice_in_two_forms_is_one_site():
    text = page("More from Harbour News:", "Ferry timetable changes", "© 2024 Harbour News Media Limited")

    assert site_of(text) == "Harbour News"


def test_pages_naming_two_different_sites_name_none():
    # A syndicated story: the partner's prompt and the host's notice disagree, and either could be wrong.
    text = page("Follow The Kelby Chronicle on Twitter", "© 2024 Harbour News")

    assert site_of(text) is None


@pytest.mark.parametrize(
    "line",
    [
        "Watch the vote on the council's channel, the council said. The BBC and Reuters were there.",
        "Vask told the BBC that the freeze would hold until next spring.",
        "According to Reuters, the operator lost money on the winter routes.",
        "A spokesman for Harbour News declined to comment.",
    ],
)
def test_an_outlet_named_in_the_story_is_not_the_site(line):
    assert site_of(page(line)) is None


@pytest.mark.parametrize(
    "furniture",
    [
        ["Passengers board the morning ferry at Kelby. (Photo: Jana Pirelli/Harbour News)"],
        ["© 2024 Getty Images"],
        ["Photo: © 2024 Harbour News"],
        ["Passengers board the morning ferry at Kelby on Tuesday. Reuters"],
        ["Copyright 2024 The Associated Press. All rights reserved."],
        ["(c) AFP 2024"],
    ],
)
def test_photo_credits_and_wire_notices_do_not_name_the_site(furniture):
    assert site_of(page(*furniture)) is None


def test_a_wire_notice_gives_the_agency_not_a_site():
    article = read_text_article(page("Copyright 2024 The Associated Press. All rights reserved."))

    assert (article.agency, article.site_name) == ("AP", None)


@pytest.mark.parametrize(
    "furniture",
    [
        ["Follow Jana Pirelli on Twitter @janapirelli"],  # the writer
        ["Follow Jana Pirelli and Tom Brandt on Twitter"],
        ["More from Jana Pirelli:"],
        ["Follow us on Twitter"],
        ["Follow Us On Twitter"],
        ["More from Politics:", "Ferry timetable changes"],  # a section
        ["Read More From The Author"],
        ["Sign up for our newsletter"],
        ["Sign up for the Morning Briefing newsletter"],  # a newsletter's name
        ["© 2004-2024 All rights reserved."],
        ["READ MORE FROM HARBOUR NEWS"],  # upper case hides how the name is spelled
        ["© 2024 Jana Pirelli"],
    ],
)
def test_writers_sections_and_unreadable_names_are_not_sites(furniture):
    assert site_of(page(*furniture)) is None


def test_more_from_a_topic_of_the_story_is_not_a_site():
    text = page("More from Bluewater Lines:", "Operator orders two new ferries")

    assert site_of(text) is None
    assert site_of(page("More from Bluewater Post:", "Operator orders two new ferries")) == "Bluewater Post"


def test_a_name_that_reads_like_a_sentence_is_not_a_site():
    lines = paragraphs_of(page("Sign up to the best of the week's ferry news from around the islands newsletter"))

    assert find_site_name(lines) is None


def test_plain_text_gets_its_site_name_in_the_metadata():
    metadata, _ = extract_layout(raw(page("Read more from Coastal Gazette:", "Harbour bridge reopens")))

    assert metadata.site_name == "Coastal Gazette"


def test_a_source_the_client_named_wins_over_the_site_the_text_names():
    metadata, _ = extract_layout(raw(page("More from Coastal Gazette"), source="gazette-feed"))

    assert (metadata.site_name, metadata.source) == (None, "gazette-feed")


HTML_PAGE = """<html lang="en"><head><title>Harbour council freezes ferry fares</title>{meta}</head><body>
<article><h1>Harbour council freezes ferry fares</h1>
<p>The Kelby harbour council on Tuesday froze ferry fares for a second year, saying island families could not absorb another rise.</p>
<p>"Nobody should have to choose between the ferry and their groceries," council leader Oren Vask said after the vote.</p>
<p>The operator, Bluewater Lines, said it would review its winter timetable before the end of the month.</p>
<p>Follow Kelby Chronicle on Twitter and Facebook</p>
</article></body></html>"""


def test_html_metadata_wins_over_the_text_and_the_text_fills_in_without_it():
    with_meta = HTML_PAGE.format(meta='<meta property="og:site_name" content="Coastal Gazette">')
    without_meta = HTML_PAGE.format(meta="")

    assert extract_layout(raw(with_meta, "text/html"))[0].site_name == "Coastal Gazette"
    metadata, body = extract_layout(raw(without_meta, "text/html"))
    assert metadata.site_name == "Kelby Chronicle"
    assert metadata.authors == []  # shaped like a writer's follow line, but it names the site
    assert "Follow" not in body


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 0, 2), (1, 2, 0)])
def test_names_that_disagree_give_no_site_whatever_their_order(order):
    lines = ["Follow Harbour on Twitter", "Sign up to the Harbour News newsletter",
             "Sign up to the Harbour Times newsletter"]
    assert [find_site_name([line]) for line in lines] == ["Harbour", "Harbour News", "Harbour Times"]
    assert find_site_name([lines[i] for i in order]) is None
