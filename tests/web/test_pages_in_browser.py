"""The web pages in a real browser (Debian's Chromium, driven by Playwright) against a running `newsflow up`.

Every check reads what the API answers for the same thing, so a page that
drops a quote, links the wrong actor or runs markup from an article fails here.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import pytest

from tests.web.conftest import Newsroom

pytestmark = pytest.mark.browser

SERIOUS = {"serious", "critical"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@contextmanager
def opened(browser, url: str, *, bypass_csp: bool = False, viewport: dict = DESKTOP) -> Iterator[tuple]:
    """A page in a fresh context, with the console errors and uncaught exceptions it gives."""
    context = browser.new_context(bypass_csp=bypass_csp, viewport=viewport)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url)
    try:
        yield page, response, errors
    finally:
        context.close()


def person_named(newsroom: Newsroom, name: str) -> dict:
    found = [actor for actor in newsroom.api("/actors", name=name)["items"] if actor["name"] == name]
    assert len(found) == 1, f"expected one actor named {name}, the API has {found}"
    return found[0]


def article_ids(newsroom: Newsroom) -> list[str]:
    return [*newsroom.ids.values(), *newsroom.seed_ids]


def every_page(newsroom: Newsroom) -> dict[str, str]:
    """One of each kind of page, and every article page (the seeds' too where present)."""
    tove = person_named(newsroom, "Tove Lindqvist")
    statement = max(newsroom.api(f"/actors/{tove['id']}/quotes")["items"], key=lambda s: s["report_count"])
    trust = newsroom.api("/organizations", name="Northern Lights Trust")["items"][0]
    pages = {"home": "/", "search": "/?q=lighthouse", "actor": f"/ui/actors/{tove['id']}",
             "organization": f"/ui/organizations/{trust['id']}", "statement": f"/ui/quotes/{statement['id']}",
             "sign-in": "/ui/sign-in"}
    pages.update({f"article-{article_id}": f"/ui/articles/{article_id}" for article_id in article_ids(newsroom)})
    return pages


def test_the_article_page_marks_every_quote_and_links_each_speaker_to_the_right_actor(newsroom, browser):
    checked_links = interrupted = 0
    for article_id in article_ids(newsroom):
        api = newsroom.api(f"/articles/{article_id}")
        types = {entity["id"]: entity["type"] for entity in api["entities"]}
        with opened(browser, f"{newsroom.base}/ui/articles/{article_id}") as (page, response, errors):
            assert response.status == 200
            marked = page.locator("[data-quote-id]")
            assert marked.count() == len(api["quotes"]), article_id
            assert sorted(marked.evaluate_all("els => els.map(e => e.dataset.quoteId)")) == \
                sorted(q["id"] for q in api["quotes"])
            speakers = [(q["id"], q["actor_id"], q["actor_name"]) for q in api["quotes"]
                        if q["actor_id"] and types.get(q["actor_id"]) == "person"]
            for quote_id, actor_id, actor_name in speakers:
                link = page.locator(f'a.speaker[data-speaker-of="{quote_id}"]')
                assert link.count() == 1, f"{article_id} {quote_id}: no speaker link"
                assert link.get_attribute("href") == f"/ui/actors/{actor_id}"
                link.click()
                page.wait_for_url(f"**/ui/actors/{actor_id}")
                assert page.locator("h1").inner_text() == actor_name
                page.go_back()
                checked_links += 1
            interrupted += _check_parts(page, api)
            assert errors == [], f"console errors on {article_id}: {errors}"
    assert checked_links >= 4  # the fixtures alone quote Tove Lindqvist, Anders Holm and Bram Osei
    assert interrupted >= 1  # the Gazette's "…year," Tove Lindqvist told …, "We got lucky…"


def _check_parts(page, api) -> int:
    """Each part of an interrupted quote is marked with the words of that part, the narration between
    them left unmarked; returns how many interrupted quotes the article has."""
    body, found = api["body"], 0
    for quote in (q for q in api["quotes"] if len(q["parts"]) > 1):
        first = page.locator(f'[data-quote-id="{quote["id"]}"]')
        rest = page.locator(f'[data-quote-part-of="{quote["id"]}"]')
        texts = [first.inner_text(), *rest.all_inner_texts()]
        assert texts == [body[part["start"]:part["end"]] for part in quote["parts"]], quote["id"]
        found += 1
    return found


def test_search_finds_an_article_by_a_word_of_its_body_using_the_keyboard(newsroom, browser):
    courier = newsroom.api(f"/articles/{newsroom.ids['lighthouse-courier']}")
    assert "cottages" not in courier["metadata"]["title"].lower() and "cottages" in courier["body"]
    with opened(browser, newsroom.base + "/") as (page, _, errors):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to content"
        page.get_by_label("Words in the title or text").fill("cottages")
        page.keyboard.press("Enter")
        page.wait_for_url("**/?q=cottages**")
        found = page.locator("a.article-link").all_inner_texts()
        assert found == [courier["metadata"]["title"]]
        assert errors == []


def test_the_actor_page_lists_quotes_from_both_outlets_that_quoted_her(newsroom, browser):
    tove = person_named(newsroom, "Tove Lindqvist")
    with opened(browser, f"{newsroom.base}/ui/actors/{tove['id']}") as (page, _, errors):
        assert page.locator("h1").inner_text() == "Tove Lindqvist"
        outlets = set(page.locator(".statement-list .outlet").all_inner_texts())
        assert {"Harbour Courier", "Island Gazette"} <= outlets
        assert page.locator(".timeline rect.bar").count() >= 1
        assert page.locator("a.json-twin").get_attribute("href") == f"/actors/{tove['id']}"
        assert errors == []


def test_markup_in_a_title_and_a_quote_is_shown_as_text_and_the_csp_blocks_inline_script(newsroom, browser):
    article_id = newsroom.ids["hostile-wire"]
    api = newsroom.api(f"/articles/{article_id}")
    hostile_quotes = [q for q in api["quotes"] if "<script>" in q["text"]]
    assert "<script>" in api["metadata"]["title"] and hostile_quotes, "the fixture no longer carries the markup"
    with opened(browser, f"{newsroom.base}/ui/articles/{article_id}") as (page, response, errors):
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'none'" in policy and "script-src" not in policy  # so no script may run at all
        assert page.locator("h1").inner_text() == api["metadata"]["title"]
        quote = page.locator(f'[data-quote-id="{hostile_quotes[0]["id"]}"]')
        assert "<script>" in quote.inner_text()
        assert page.locator("main script, main img, main em").count() == 0
        assert page.evaluate("window.__pwned") is None
        from playwright.sync_api import Error as BrowserError

        with pytest.raises(BrowserError, match="Content Security Policy"):  # no inline script may run
            page.add_script_tag(content="window.__inlineRan = true")
        assert page.evaluate("window.__inlineRan") is None
        assert any("Content Security Policy" in error for error in errors)


def test_every_page_has_no_serious_accessibility_violation_nor_console_error(newsroom, browser, axe_source,
                                                                             screenshots):
    failures = []
    for name, path in every_page(newsroom).items():
        with opened(browser, newsroom.base + path) as (page, response, errors):
            assert response.status == 200, f"{name}: {response.status}"
            page.screenshot(path=screenshots / f"{name}.png", full_page=True)
            if errors:
                failures.append(f"{name}: console errors {errors}")
        # axe is injected past the page's CSP (which rightly refuses any script), in a context of its own.
        with opened(browser, newsroom.base + path, bypass_csp=True) as (page, _, _errors):
            page.evaluate(axe_source)
            violations = page.evaluate("async () => (await axe.run(document)).violations"
                                       ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))")
            serious = [v for v in violations if v["impact"] in SERIOUS]
            if serious:
                failures.append(f"{name}: {serious}")
    assert failures == []


def test_pages_fit_a_phone_screen_without_sideways_scrolling(newsroom, browser, screenshots):
    for name, path in every_page(newsroom).items():
        with opened(browser, newsroom.base + path, viewport=PHONE) as (page, _, _errors):
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} is {overflow}px wider than a phone"
            if name == f"article-{newsroom.ids['lighthouse-courier']}":
                page.screenshot(path=screenshots / "article-phone.png")


def test_a_small_screenshot_of_the_article_page_shows_its_marked_quotes(newsroom, browser, screenshots):
    """The README's picture (docs/img/article-page.png is a copy of it, made from a fixture article)."""
    article_id = newsroom.ids["lighthouse-courier"]
    with opened(browser, f"{newsroom.base}/ui/articles/{article_id}", viewport={"width": 1000, "height": 640}) \
            as (page, _, errors):
        first_quote = page.locator("[data-quote-id]").first.bounding_box()
        assert first_quote is not None and first_quote["y"] + first_quote["height"] < 640  # in the picture
        path = screenshots / "article-readme.png"
        page.screenshot(path=path)
        assert path.stat().st_size < 250_000 and errors == []
