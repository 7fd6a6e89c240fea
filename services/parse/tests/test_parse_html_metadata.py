"""HTML pages: trafilatura's metadata checked and completed, the main text read like scraped text."""

from datetime import datetime, timezone

from newsflow_shared.events import RawArticle

from newsflow_parse.article_layout import extract_layout
from newsflow_parse.html_extract import extract_html

SECTION_HEADING_PAGE = """<html lang="en"><head><title>Night buses return to Kelby | Coastal Gazette</title>
<meta property="og:site_name" content="Coastal Gazette"></head><body>
<h1>Transport Centre</h1>
<article><p>Night buses will run again in Kelby from Friday, the council said on Tuesday, after a year without them.</p>
<p>Shift workers had campaigned for the service since it was cut to save money last spring.</p>
<p>The first bus leaves the harbour at half past eleven and runs every hour until five in the morning.</p></article>
</body></html>"""

BYLINE_ONLY_IN_MARKUP = """<html><head><title>Harbour plan delayed</title><meta name="author" content="Web Desk"></head><body>
<article><h1>Harbour plan delayed</h1>
<div class="article-byline"><span class="pb-byline">By <a href="/people/lina-moss">Lina Moss</a>, Harbour Reporter</span></div>
<p>KELBY (AP) — The Kelby council on Thursday delayed a vote on the harbour plan after hundreds of residents objected.</p>
<p>Commuters wait for the ferry at the harbour on Thursday. (AP Photo/Jana Pirelli)</p>
<p>"We have heard the town loud and clear," deputy mayor Lise Aaberg said after the meeting ended.</p>
<p>A new consultation will open next month and run until the end of the summer, the council said.</p>
<p>Copyright 2025 The Associated Press. All rights reserved.</p>
</article></body></html>"""


def raw_html(html: str) -> RawArticle:
    return RawArticle(article_id="p", received_at=datetime.now(timezone.utc), content_type="text/html", content=html)


def test_a_heading_that_shares_nothing_with_the_page_title_gives_way_to_the_page_title():
    page = extract_html(SECTION_HEADING_PAGE)

    assert page.title == "Night buses return to Kelby"


def test_byline_element_names_the_author_when_the_metadata_names_a_desk():
    page = extract_html(BYLINE_ONLY_IN_MARKUP)

    assert page.authors == ["Lina Moss"]


def test_metadata_authors_lose_job_titles_and_repeats():
    page = extract_html(
        """<html><head><title>Harbour plan delayed</title>
<meta name="author" content="Lina Moss; LINA MOSS; Harbour Reporter"></head><body><article>
<p>The Kelby council on Thursday delayed a vote on the harbour plan after hundreds of residents objected.</p>
</article></body></html>"""
    )

    assert page.authors == ["Lina Moss"]


def test_html_main_text_is_cleaned_like_scraped_text():
    metadata, body = extract_layout(raw_html(BYLINE_ONLY_IN_MARKUP))

    assert (metadata.dateline, metadata.agency) == ("Kelby", "AP")
    assert metadata.captions == ["Commuters wait for the ferry at the harbour on Thursday. (AP Photo/Jana Pirelli)"]
    assert body.startswith("The Kelby council on Thursday delayed a vote")
    assert "Copyright" not in body and "AP Photo" not in body and "Lina Moss" not in body
