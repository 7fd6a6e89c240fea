"""Posting articles to ingest and timing each 202: the client side of the end-to-end runs.

Two shapes of load. A burst offers everything at once (bounded concurrency):
the pipeline runs at its capacity and a backlog forms in Kafka. A paced load
starts posts on a fixed schedule whatever the answers (open loop), at a rate
below capacity, so latency is the pipeline's own and not time in a queue.
Times are wall-clock (time.time()), the clock the services' logs use.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import httpx

from benchmarks.corpus import CorpusArticle


@dataclass(frozen=True)
class Posted:
    article_id: str | None
    status: int  # HTTP status; 0 when the request failed outright
    sent_at: float
    answered_at: float
    late_by: float = 0.0  # paced load: how far behind schedule the post started


def _payload(article: CorpusArticle) -> dict:
    # What `newsflow post` sends for a .txt file.
    return {"text": article.text, "external_id": article.name}


async def _post(client: httpx.AsyncClient, article: CorpusArticle, late_by: float = 0.0) -> Posted:
    sent = time.time()
    try:
        response = await client.post("/articles", json=_payload(article))
        article_id = response.json().get("article_id") if response.status_code in (200, 202) else None
        return Posted(article_id, response.status_code, sent, time.time(), late_by)
    except httpx.HTTPError:
        return Posted(None, 0, sent, time.time(), late_by)


def _client(base_url: str, concurrency: int) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    return httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits)


async def post_burst(base_url: str, articles: list[CorpusArticle], *, concurrency: int = 16) -> list[Posted]:
    """Everything, as fast as ingest answers, at most `concurrency` requests in flight."""
    gate = asyncio.Semaphore(concurrency)
    async with _client(base_url, concurrency) as client:

        async def one(article: CorpusArticle) -> Posted:
            async with gate:
                return await _post(client, article)

        return list(await asyncio.gather(*(one(a) for a in articles)))


@dataclass(frozen=True)
class Probe:
    """When polling the store API first found an article: a check on the log-based readable time."""

    article_id: str
    found_request_sent_at: float
    found_answer_at: float
    previous_miss_answered_at: float  # it was not readable yet when this answer was made


async def _probe(client: httpx.AsyncClient, posted: Posted, interval: float, timeout: float) -> Probe | None:
    previous = posted.answered_at
    while time.time() - posted.answered_at < timeout:
        sent = time.time()
        try:
            response = await client.get(f"/articles/{posted.article_id}")
        except httpx.HTTPError:
            response = None
        if response is not None and response.status_code == 200:
            return Probe(posted.article_id, sent, time.time(), previous)
        previous = time.time()
        await asyncio.sleep(interval)
    return None


async def post_paced(
    base_url: str,
    articles: list[CorpusArticle],
    *,
    rate: float,
    concurrency: int = 64,
    probe_url: str | None = None,
    probe_every: int = 10,
    probe_interval: float = 0.05,
) -> tuple[list[Posted], list[Probe]]:
    """Post i starts at i/rate seconds, answered or not (up to `concurrency` in flight).

    With `probe_url`, every `probe_every`-th accepted article is polled in the
    store API every `probe_interval` seconds from its 202 until it is found:
    a light spot check (well under one request per second per article/s
    posted) that the log-based readable time agrees with what a client sees.
    """
    gate = asyncio.Semaphore(concurrency)
    loop = asyncio.get_running_loop()
    probes: list[asyncio.Task] = []
    async with _client(base_url, concurrency) as client, _client(probe_url or base_url, 8) as store:
        start = loop.time()

        async def one(index: int, article: CorpusArticle) -> Posted:
            await asyncio.sleep(max(0.0, start + index / rate - loop.time()))
            async with gate:
                posted = await _post(client, article, late_by=max(0.0, loop.time() - (start + index / rate)))
            if probe_url and posted.status == 202 and index % probe_every == 0:
                probes.append(asyncio.create_task(_probe(store, posted, probe_interval, timeout=120)))
            return posted

        posted = list(await asyncio.gather(*(one(i, a) for i, a in enumerate(articles))))
        found = [probe for probe in await asyncio.gather(*probes) if probe is not None]
    return posted, found
