"""The web pages as HTML, on SQLite and PostgreSQL: what each shows, its errors, its headers, its sign-in.

The browser tests (tests/web) drive the same pages in Chromium; these read the
HTML the store answers, so they run everywhere and fast.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from html import unescape

import pytest

from newsflow_shared.settings import Settings
from newsflow_store.app import create_app
from newsflow_store.crud import record_statuses
from newsflow_store.db import write_session
from newsflow_store.status import Failure, Status, StatusRecord

SOUSA = "person-ana-sousa"


def texts(html: str, css_class: str) -> list[str]:
    """The text of each element with this class (no nested elements of the same tag expected)."""
    found = re.findall(rf'<(\w+)[^>]*class="[^"]*\b{css_class}\b[^"]*"[^>]*>(.*?)</\1>', html, re.S)
    return [unescape(re.sub(r"<[^>]+>", "", inner)).strip() for _, inner in found]


async def test_home_lists_articles_newest_published_first_with_outlet_and_quote_count(client):
    response = await client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    titles = texts(html, "article-link")
    # Newest published first; the undated article sorts last.
    assert titles == ["Islanders wait for their ferry", "Sousa promises reliable crossing",
                      "Ferry terminal to reopen in June", "Dockworkers strike", "Readers ask about the ferry"]
    assert texts(html, "outlet") == ["SBS", "PinkNews", "AP", "AP", "Harbour Herald"]
    assert texts(html, "quote-count") == ["1 quote", "1 quote", "2 quotes", "2 quotes", "1 quote"]
    assert '<a class="json-twin" href="/articles?sort=published_at">' in html


@pytest.mark.parametrize("params, expected", [
    ({"q": "boats"}, ["Ferry terminal to reopen in June"]),
    ({"outlet": "AP"}, ["Ferry terminal to reopen in June", "Dockworkers strike"]),
    ({"from": "2024-05-02", "to": "2024-05-02"}, ["Sousa promises reliable crossing", "Ferry terminal to reopen in June"]),
    ({"actor": "person-rui-matos"}, ["Dockworkers strike"]),
    ({"q": "ferry", "outlet": "Harbour Herald"}, ["Readers ask about the ferry"]),
])
async def test_home_filters_by_words_outlet_dates_and_actor(client, params, expected):
    response = await client.get("/", params=params)
    assert response.status_code == 200
    assert texts(response.text, "article-link") == expected


async def test_home_explains_bad_input_with_a_422_page(client):
    response = await client.get("/", params={"from": "last week", "cursor": "not-ours"})
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
    problems = texts(response.text, "problems")[0]
    assert "From date 'last week'" in problems and "page link is not one this site made" in problems


async def test_home_pages_through_many_articles_keeping_the_filters(store_engine, compose, save_to, client_for):
    for n in range(23):
        save_to(store_engine, compose(f"a{n:02}", f"Story number {n} about the tide.", site_name="Tide Times",
                                      published_at=f"2024-01-{n + 1:02}T08:00:00Z", title=f"Tide {n:02}"))
    save_to(store_engine, compose("other", "Nothing about the sea.", site_name="Elsewhere",
                                  published_at="2024-02-01T08:00:00Z"))
    async with client_for(create_app(store_engine)) as client:
        first = (await client.get("/", params={"outlet": "Tide Times"})).text
        assert texts(first, "article-link") == [f"Tide {n:02}" for n in range(22, 2, -1)]
        older = unescape(re.search(r'<a rel="next" href="([^"]+)"', first).group(1))
        assert "outlet=Tide+Times" in older
        second = (await client.get(older)).text
        assert texts(second, "article-link") == ["Tide 02", "Tide 01", "Tide 00"]
        assert 'rel="next"' not in second


async def test_the_article_page_marks_each_quote_and_links_its_speaker(client):
    html = (await client.get("/ui/articles/ap-1")).text
    assert re.findall(r'data-quote-id="([^"]+)"', html) == ["q1", "q2"]
    assert re.findall(r'<a class="speaker" data-speaker-of="q1" href="([^"]+)">([^<]+)</a>', html) == \
        [(f"/ui/actors/{SOUSA}", "Ana Sousa")]
    assert 'data-speaker-of="q2" href="/ui/organizations/org-island-ferry"' in html
    assert 'class="quote quote-direct"' in html and 'class="quote quote-indirect"' in html
    assert '<a class="name name-organization" href="/ui/organizations/org-island-ferry">Island Ferry Company</a>' in html
    assert texts(html, "who")[0].split() == ["Ana", "Sousa", "1", "quote", "Island", "Ferry", "Company", "1", "quote"]
    assert '<a class="json-twin" href="/articles/ap-1">' in html


async def test_markup_in_an_article_is_escaped_and_the_page_forbids_scripts(store_engine, compose, save_to, said,
                                                                            client_for):
    body = 'The vote passed. "We won <script>alert(1)</script> today," said <b>Lea</b>.'
    save_to(store_engine, compose("x1", body, title="<script>alert('t')</script><img src=x onerror=alert(2)>",
                                  said=[said('"We won <script>alert(1)</script> today,"', "<b>Lea</b>")],
                                  site_name='"><svg onload=alert(3)>'))
    async with client_for(create_app(store_engine)) as client:
        response = await client.get("/ui/articles/x1")
    html = response.text
    assert "<script" not in html and "<img" not in html and "<svg onload" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;" in html and "&lt;b&gt;Lea&lt;/b&gt;" in html
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy and "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_an_article_not_stored_yet_shows_its_status_and_an_unknown_one_is_a_404(store_engine, client_for):
    at = datetime(2024, 5, 2, 10, tzinfo=timezone.utc)
    with write_session(store_engine) as session:
        record_statuses(session, [
            StatusRecord("parsing", Status.PARSED, {Status.RECEIVED: at, Status.PARSED: at}),
            StatusRecord("broken", Status.FAILED, {Status.RECEIVED: at, Status.FAILED: at},
                         Failure("parse", "ValueError", "ValueError: no text in the HTML", at)),
        ])
        session.commit()
    async with client_for(create_app(store_engine)) as client:
        parsing = await client.get("/ui/articles/parsing")
        broken = await client.get("/ui/articles/broken")
        unknown = await client.get("/ui/articles/never")
    assert parsing.status_code == 200 and "Status: <strong>parsed</strong>" in parsing.text
    assert broken.status_code == 200 and "Status: <strong>failed</strong>" in broken.text
    assert "ValueError: no text in the HTML" in broken.text and "<dd>parse</dd>" in broken.text
    assert unknown.status_code == 404 and "No article with id &#39;never&#39; was accepted" in unknown.text


async def test_the_actor_page_lists_what_they_said_with_every_outlet(client):
    html = (await client.get(f"/ui/actors/{SOUSA}")).text
    assert " ".join(texts(html, "summary")[0].split()) == "Person · 3 articles · 3 quotes · 4 mentions"
    assert re.findall(r'<a href="/ui/quotes/[^"]+">([^<]+)</a>', html)[0].startswith("\u201cWe owe the islanders")
    assert set(texts(html, "outlet")) == {"AP", "PinkNews", "SBS"}
    assert len(re.findall(r'<rect class="bar"', html)) == 2  # quotes on two days
    assert 'href="/ui/organizations/org-dockworkers"' in html and 'href="/ui/actors/person-rui-matos"' in html
    assert '<a class="json-twin" href="/actors/person-ana-sousa">' in html


async def test_the_organization_and_statement_pages_and_their_404s(client):
    organization = (await client.get("/ui/organizations/org-dockworkers")).text
    assert "<h1>Dockworkers Union</h1>" in organization and 'href="/ui/actors/person-rui-matos"' in organization
    statement_id = (await client.get("/articles/ap-1")).json()["quotes"][0]["statement_id"]
    statement = (await client.get(f"/ui/quotes/{statement_id}")).text
    assert texts(statement, "outlet") == ["AP", "PinkNews", "SBS"]
    assert texts(statement, "same") == ["Same words as the fullest version."]
    assert [left.split(": ", 1)[1] for left in texts(statement, "left-out")] == ["the", "We owe the islanders"]
    for path in ("/ui/actors/org-dockworkers", "/ui/organizations/nope", "/ui/quotes/st-nope", "/ui/actors/nope"):
        response = await client.get(path)
        assert response.status_code == 404 and response.headers["content-type"].startswith("text/html"), path


async def test_with_tokens_the_pages_ask_to_sign_in_and_then_read_with_a_cookie(newsroom_store, client_for):
    app = create_app(newsroom_store, settings=Settings(api_tokens="read=reader-token,write=writer-token"))
    async with client_for(app) as client:
        asked = await client.get("/ui/actors/person-ana-sousa", params={"cursor": ""})
        assert asked.status_code == 303
        assert asked.headers["location"] == "/ui/sign-in?next=%2Fui%2Factors%2Fperson-ana-sousa%3Fcursor%3D"
        assert (await client.get("/ui/static/style.css")).status_code == 200  # the sign-in page needs it
        form = await client.get("/ui/sign-in", params={"next": "/ui/actors/person-ana-sousa"})
        assert form.status_code == 200 and 'name="next" value="/ui/actors/person-ana-sousa"' in form.text

        too_long = await client.post("/ui/sign-in", data={"token": "x" * 9000, "next": "/"})
        assert too_long.status_code == 413 and "larger than 8192 bytes" in too_long.text

        wrong = await client.post("/ui/sign-in", data={"token": "guess", "next": "/"})
        assert wrong.status_code == 401 and "not a token of this service" in wrong.text
        assert "newsflow_token" not in client.cookies

        signed = await client.post("/ui/sign-in", data={"token": "reader-token", "next": "//evil.example/"})
        assert signed.status_code == 303 and signed.headers["location"] == "/"
        cookie = signed.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=43200" in cookie
        assert (await client.get("/ui/actors/person-ana-sousa")).status_code == 200
        assert (await client.get("/")).status_code == 200
        # The cookie opens pages only: the API still wants the header.
        assert (await client.get("/articles")).status_code == 401
        assert (await client.get("/articles", headers={"Authorization": "Bearer reader-token"})).status_code == 200

        client.cookies.set("newsflow_token", "revoked")
        assert (await client.get("/")).status_code == 303
