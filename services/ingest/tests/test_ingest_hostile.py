"""Hostile input to ingest: each gets a clear 4xx naming the fault, never a 500, and nothing is published.

Each case was a finding of probing ingest as an attacker would (issue 15): a 500
before, or accepted although it should not have been.
"""

import json

import httpx
import pytest
from fastapi import FastAPI

from newsflow_ingest.api import install_ingest
from newsflow_ingest.service import IngestService
from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.problems import install_problem_handlers
from newsflow_shared.settings import Settings

STORY = "The council met on Monday to discuss the bridge. It voted to repair it."
DEEP = "[" * 10_000 + "]" * 10_000


@pytest.fixture
def bus():
    return InMemoryBus()


@pytest.fixture
def client(bus):
    settings = Settings(store_public_url="http://store.test")
    app = FastAPI()
    install_problem_handlers(app)
    install_ingest(app, IngestService(bus.publisher(), topic=settings.topic_raw), settings)
    # raise_app_exceptions=False: a server error must show as the 500 a client would get, not as a test crash.
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
                             base_url="http://ingest.test")


async def refused(client: httpx.AsyncClient, bus: InMemoryBus, status: int, naming: str, **request) -> dict:
    response = await client.post(request.pop("path", "/articles"), **request)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert naming in json.dumps(problem), problem
    assert bus.messages("articles.raw") == []
    return problem


async def test_json_nested_ten_thousand_deep_is_a_400_not_a_recursion_error(client, bus):
    await refused(client, bus, 400, "nested too deeply", content=('{"text": %s}' % DEEP).encode(),
                  headers={"content-type": "application/json"})


async def test_a_batch_line_nested_ten_thousand_deep_is_rejected_alone(client, bus):
    body = json.dumps({"text": STORY}) + "\n" + '{"text": %s}' % DEEP + "\n"
    response = await client.post("/articles/batch", content=body.encode(),
                                 headers={"content-type": "application/x-ndjson"})
    assert response.status_code == 202
    lines = response.json()["results"]
    assert [line["status"] for line in lines] == ["accepted", "rejected"]
    assert "nested too deeply" in lines[1]["error"]


@pytest.mark.parametrize("charset", ["rot13", "base64", "hex"])
async def test_a_charset_that_is_no_text_encoding_is_a_415(client, bus, charset):
    await refused(client, bus, 415, charset, content=STORY.encode(),
                  headers={"content-type": f"text/plain; charset={charset}"})


async def test_a_batch_line_over_the_article_limit_is_rejected_alone(bus):
    settings = Settings(store_public_url="http://store.test", max_article_bytes=10_000)
    app = FastAPI()
    install_problem_handlers(app)
    install_ingest(app, IngestService(bus.publisher(), topic=settings.topic_raw), settings)
    big = json.dumps({"text": "word " * 5_000})  # 25 KB: over the 10 KB article limit, under the batch's
    body = json.dumps({"text": STORY}) + "\n" + big + "\n"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://ingest.test") as client:
        response = await client.post("/articles/batch", content=body.encode(),
                                     headers={"content-type": "application/x-ndjson"})
    lines = response.json()["results"]
    assert [line["status"] for line in lines] == ["accepted", "rejected"]
    assert "over the article limit of 10000 bytes" in lines[1]["error"]
    assert len(bus.messages("articles.raw")) == 1


@pytest.mark.parametrize("field, value, naming", [
    ("title", "x" * 1_000_001, "title"),
    ("title", "x" * 1_001, "title"),
    ("source", "s" * 301, "source"),
    ("external_id", "e" * 301, "external_id"),
    ("url", "https://example.org/" + "a" * 2_100, "url"),
    ("url", "javascript:alert(1)", "http or https"),
    ("url", "data:text/html,<script>alert(1)</script>", "http or https"),
    ("url", "https://example.org/a\nSet-Cookie: x=1", "control characters"),
    ("url", "https://example.org/\x00", "control characters"),
    ("url", "//example.org/no-scheme", "http or https"),
    ("published_at", "9999-12-31T23:59:59-12:00", "published_at"),
    ("published_at", "0001-01-01T00:00:00+01:00", "published_at"),
    ("published_at", "9999-12-31", "published_at"),
    ("published_at", "1066-10-14", "published_at"),
])
async def test_metadata_out_of_bounds_is_a_422_naming_the_field(client, bus, field, value, naming):
    problem = await refused(client, bus, 422, naming, json={"text": STORY, field: value})
    assert problem["errors"][0]["field"] == field


@pytest.mark.parametrize("field, value", [
    ("url", "https://example.org/news/2026/bridge?id=4#top"),
    ("url", "HTTP://EXAMPLE.ORG/A"),
    ("published_at", "1855-06-15"),
    ("published_at", "2026-03-05T09:30:00-12:00"),
    ("title", "t" * 1_000),
])
async def test_metadata_within_bounds_is_accepted(client, bus, field, value):
    response = await client.post("/articles", json={"text": STORY, field: value})
    assert response.status_code == 202, response.text
