"""Rate limits per caller on writes (429 with Retry-After) and CORS only where configured."""

from __future__ import annotations

import httpx

from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.settings import Settings


def ingest(**settings) -> httpx.AsyncClient:
    from newsflow_ingest.app import create_app
    from newsflow_ingest.service import IngestService

    app = create_app(IngestService(InMemoryBus().publisher(), topic="articles.raw"),
                     Settings(store_public_url="http://store.test", **settings))
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://ingest.test")


def article(n: int) -> dict:
    return {"text": f"The council met for the {n}th time and voted on the bridge."}


async def test_each_callers_writes_are_limited_with_retry_after_and_reads_are_not():
    async with ingest(rate_limit="3/minute", api_tokens="write=alpha,write=beta") as client:
        alpha = {"authorization": "Bearer alpha"}
        answers = [(await client.post("/articles", json=article(n), headers=alpha)).status_code for n in range(4)]
        assert answers == [202, 202, 202, 429]
        limited = await client.post("/articles", json=article(9), headers=alpha)
        assert limited.headers["content-type"] == "application/problem+json"
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert "3 per 1 minute" in limited.json()["detail"]
        # Another token has its own allowance; the probes are never limited.
        beta = {"authorization": "Bearer beta"}
        assert (await client.post("/articles", json=article(20), headers=beta)).status_code == 202
        assert (await client.get("/healthz")).status_code == 200


async def test_without_a_limit_nothing_is_limited():
    async with ingest() as client:
        assert {(await client.post("/articles", json=article(n))).status_code for n in range(20)} == {202}


async def test_cors_is_off_unless_origins_are_set():
    preflight = {"origin": "https://newsroom.example", "access-control-request-method": "POST"}
    async with ingest() as client:
        response = await client.options("/articles", headers=preflight)
        assert "access-control-allow-origin" not in response.headers
    async with ingest(cors_origins="https://newsroom.example", api_tokens="write=w") as client:
        allowed = await client.options("/articles", headers={**preflight, "access-control-request-headers":
                                                                 "authorization,content-type"})
        assert allowed.status_code == 200  # a preflight needs no token
        assert allowed.headers["access-control-allow-origin"] == "https://newsroom.example"
        other = await client.options("/articles", headers={**preflight, "origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers
