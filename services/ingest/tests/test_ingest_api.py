"""ingest's HTTP contract, over the in-process bus (Kafka behaviour is proven in the integration tests)."""

import json

import httpx
import pytest
from fastapi import FastAPI

from newsflow_ingest.api import install_ingest
from newsflow_ingest.identity import article_id_for
from newsflow_ingest.service import IngestService
from newsflow_shared.envelope import read_event
from newsflow_shared.events import RawArticle
from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.problems import install_problem_handlers
from newsflow_shared.settings import Settings
from newsflow_shared.transport import PublishFailed

ARTICLE = (
    "Harbour town votes to keep its ferry\n\n"
    "Residents of Port Ellery voted on Sunday to keep the island ferry running. "
    "\u201cThe boat is our road,\u201d said Mayor Ada Quist."
)


class RefusingPublisher:
    """A broker that never acknowledges: what ingest sees when Kafka is down."""

    async def start(self): ...
    async def stop(self): ...

    async def publish(self, messages):
        raise PublishFailed("no broker")


def make_client(publisher, **overrides) -> httpx.AsyncClient:
    settings = Settings(store_public_url="http://store.test", **overrides)
    app = FastAPI()
    install_problem_handlers(app)
    install_ingest(app, IngestService(publisher, topic=settings.topic_raw), settings)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://ingest.test")


@pytest.fixture
def bus():
    return InMemoryBus()


@pytest.fixture
def client(bus):
    return make_client(bus.publisher())


async def test_json_article_is_published_with_stable_id_and_metadata(client, bus):
    response = await client.post("/articles", json={"text": ARTICLE, "source": "Ellery Gazette",
                                                     "published_at": "2026-05-03T09:00:00Z"})
    assert response.status_code == 202
    answer = response.json()
    assert answer["status"] == "accepted"
    assert answer["article_id"] == article_id_for(ARTICLE)
    assert answer["result_url"] == f"http://store.test/articles/{answer['article_id']}"
    assert response.headers["location"] == answer["result_url"]
    (message,) = bus.messages("articles.raw")
    assert message.key == answer["article_id"].encode()
    assert message.header("ce_type") == "newsflow.article.raw.v1"
    assert message.header("ce_specversion") == "1.0"
    raw = read_event(message, RawArticle)
    assert raw.content == ARTICLE and raw.content_type == "text/plain"
    assert raw.supplied.source == "Ellery Gazette"


async def test_plain_text_and_html_with_query_metadata(client, bus):
    text = await client.post("/articles", content=ARTICLE.encode(), params={"title": "Ferry stays"},
                             headers={"content-type": "text/plain; charset=utf-8"})
    html = await client.post("/articles", content=b"<html><body><p>Hello ferry</p></body></html>",
                             headers={"content-type": "text/html"})
    assert (text.status_code, html.status_code) == (202, 202)
    raws = [read_event(m, RawArticle) for m in bus.messages("articles.raw")]
    assert raws[0].supplied.title == "Ferry stays"
    assert raws[1].content_type == "text/html"


async def test_same_article_reposted_is_a_duplicate_and_not_republished(client, bus):
    first = await client.post("/articles", json={"text": ARTICLE})
    # Different spacing and line endings are the same article.
    again = await client.post("/articles", content=ARTICLE.replace("\n\n", "\r\n\r\n  ").encode(),
                              headers={"content-type": "text/plain"})
    assert first.status_code == 202
    assert again.status_code == 200
    assert again.json() == {**first.json(), "status": "duplicate"}
    assert len(bus.messages("articles.raw")) == 1


async def test_each_accepted_article_is_received_on_the_status_topic_in_the_same_write(bus):
    """The store's status (and its status barrier) learn of an article from this record, not from articles.raw."""
    publishes = []

    class Recording:
        async def start(self): ...
        async def stop(self): ...

        async def publish(self, messages):
            publishes.append([m.topic for m in messages])
            await bus.publisher().publish(messages)

    app = FastAPI()
    install_problem_handlers(app)
    install_ingest(app, IngestService(Recording(), topic="articles.raw", status_topic="articles.status"), Settings())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://ingest.test") as client:
        first = await client.post("/articles", json={"text": ARTICLE})
        await client.post("/articles", json={"text": ARTICLE})  # a duplicate: nothing written

    assert publishes == [["articles.raw", "articles.status"]]
    (raw,), (record,) = bus.messages("articles.raw"), bus.messages("articles.status")
    assert record.key == first.json()["article_id"].encode() and record.value == b""
    assert record.header("nf_step") == "received" and record.header("nf_at") == raw.header("ce_time")


@pytest.mark.parametrize(
    ("kwargs", "status", "says"),
    [
        ({"json": {"text": "   "}}, 422, "empty"),
        ({"json": {}}, 422, "empty"),
        ({"json": {"text": "a", "html": "<p>a</p>"}}, 422, "not both"),
        ({"json": {"text": "a", "published_at": "last Tuesday"}}, 422, "published_at"),
        ({"json": {"text": "a", "colour": "red"}}, 422, "colour"),
        ({"json": ["text"]}, 422, "object"),
        ({"content": b'{"text": "unterminated', "headers": {"content-type": "application/json"}}, 400, "malformed JSON"),
        ({"content": b"\xff\xfe bad bytes", "headers": {"content-type": "text/plain"}}, 400, "UTF-8"),
        ({"content": b"a story", "headers": {"content-type": "application/pdf"}}, 415, "application/pdf"),
        ({"content": b"a story", "headers": {"content-type": "text/plain; charset=klingon"}}, 415, "klingon"),
    ],
)
async def test_bad_input_gets_a_problem_naming_it(client, bus, kwargs, status, says):
    response = await client.post("/articles", **kwargs)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert says in response.json()["detail"]
    assert bus.messages("articles.raw") == []


async def test_declared_latin1_charset_is_honoured(client, bus):
    response = await client.post("/articles", content="Caf\u00e9 owners protest".encode("latin-1"),
                                 headers={"content-type": "text/plain; charset=iso-8859-1"})
    assert response.status_code == 202
    assert read_event(bus.messages("articles.raw")[0], RawArticle).content == "Caf\u00e9 owners protest"


async def test_body_over_the_limit_is_refused(bus):
    async with make_client(bus.publisher(), max_article_bytes=1000) as client:
        response = await client.post("/articles", content=b"x" * 1001, headers={"content-type": "text/plain"})
    assert response.status_code == 413
    assert "1000" in response.json()["detail"]
    assert bus.messages("articles.raw") == []


async def test_unacknowledged_write_is_503_outcome_unknown_and_can_be_retried():
    async with make_client(RefusingPublisher()) as client:
        refused = await client.post("/articles", json={"text": ARTICLE})
    assert refused.status_code == 503
    assert refused.headers["retry-after"]
    problem = refused.json()
    # Not "nothing was accepted": the write may still land, and a re-post is safe.
    assert problem["type"] == "urn:newsflow:problem:outcome-unknown"
    assert "may still land" in problem["detail"] and "safe" in problem["detail"]
    assert problem["article_ids"] == [article_id_for(ARTICLE)]
    # The failed id is not remembered: a retry on a healthy broker is accepted, not a "duplicate".
    bus = InMemoryBus()
    async with make_client(bus.publisher()) as client:
        assert (await client.post("/articles", json={"text": ARTICLE})).status_code == 202


class RejectingPublisher:
    """A broker that refuses the records outright: nothing was written."""

    async def start(self): ...
    async def stop(self): ...

    async def publish(self, messages):
        raise PublishFailed("MessageSizeTooLargeError", outcome_unknown=False, transient=False)


async def test_a_write_refused_outright_is_503_not_accepted():
    async with make_client(RejectingPublisher()) as client:
        refused = await client.post("/articles", json={"text": ARTICLE})
    assert refused.status_code == 503
    assert refused.json()["type"] == "urn:newsflow:problem:not-accepted"
    assert "nothing was written" in refused.json()["detail"]


async def test_ndjson_batch_accepts_valid_lines_and_names_the_bad_ones(client, bus):
    lines = [
        json.dumps({"text": "First story about the harbour."}),
        "",
        "{not json",
        json.dumps({"text": "First story about the harbour."}),  # duplicate within the batch
        json.dumps({"html": "<p>Second story</p>", "url": "https://example.org/2"}),
        json.dumps({"text": ""}),
    ]
    response = await client.post("/articles/batch", content="\n".join(lines).encode(),
                                 headers={"content-type": "application/x-ndjson"})
    assert response.status_code == 202
    answer = response.json()
    assert (answer["accepted"], answer["duplicates"], answer["rejected"]) == (2, 1, 2)
    by_line = {r["line"]: r for r in answer["results"]}
    assert by_line[3]["status"] == "rejected" and "malformed JSON" in by_line[3]["error"]
    assert by_line[6]["status"] == "rejected" and "empty" in by_line[6]["error"]
    assert by_line[4]["status"] == "duplicate" and by_line[4]["article_id"] == by_line[1]["article_id"]
    assert len(bus.messages("articles.raw")) == 2


async def test_batch_with_no_valid_line_is_422(client, bus):
    response = await client.post("/articles/batch", content=b"{bad\n[1]\n",
                                 headers={"content-type": "application/x-ndjson"})
    assert response.status_code == 422
    assert len(response.json()["results"]) == 2
    assert bus.messages("articles.raw") == []


async def test_batch_needs_ndjson(client):
    response = await client.post("/articles/batch", json={"text": "x"})
    assert response.status_code == 415


async def test_the_metadata_query_parameters_are_documented(client):
    operation = (await client.get("/openapi.json")).json()["paths"]["/articles"]["post"]
    assert {p["name"] for p in operation["parameters"] if p["in"] == "query"} == {
        "title", "url", "source", "published_at", "external_id"}
    assert "202" in operation["responses"]


async def test_query_metadata_is_kept_beside_a_json_body_that_does_not_give_it(client, bus):
    response = await client.post("/articles", json={"text": ARTICLE, "title": "From the body"},
                                 params={"title": "From the query", "source": "Ellery Gazette", "colour": "red"})
    assert response.status_code == 202
    raw = read_event(bus.messages("articles.raw")[0], RawArticle)
    assert (raw.supplied.title, raw.supplied.source) == ("From the body", "Ellery Gazette")
