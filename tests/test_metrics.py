"""Metrics from every service: per-article time, time since ingest received an article, HTTP requests."""

from __future__ import annotations

import asyncio

import httpx
from prometheus_client import REGISTRY

from newsflow.embedded import build_embedded
from newsflow_shared.settings import Settings


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_every_stage_times_its_articles_and_the_store_measures_end_to_end(tmp_path):
    app, workers, _ = build_embedded(Settings(database_url=f"sqlite:///{tmp_path / 'm.db'}",
                                                nlp_isolation="thread"))
    before = {stage: (sample("newsflow_stage_article_seconds_count", stage=stage),
                      sample("newsflow_since_received_seconds_count", stage=stage))
              for stage in ("parse", "enrich", "store")}
    tasks = [asyncio.create_task(w.run()) for w in workers]
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            texts = [f"The ferry runs again on route {n}, the harbour board said." for n in range(3)]
            ids = [(await client.post("/articles", json={"text": text})).json()["article_id"] for text in texts]

            async with asyncio.timeout(60):
                while [(await client.get(f"/articles/{i}/status")).json().get("status") for i in ids] != ["stored"] * 3:
                    await asyncio.sleep(0.1)
            requests = sample("http_requests_total", handler="/articles", method="POST", status="2xx")
            assert requests >= 3
            exposed = (await client.get("/metrics")).text
    finally:
        for worker in workers:
            worker.stop()
        await asyncio.gather(*tasks)
    for stage, (articles, since) in before.items():
        assert sample("newsflow_stage_article_seconds_count", stage=stage) == articles + 3, stage
        assert sample("newsflow_since_received_seconds_count", stage=stage) == since + 3, stage
    # (the store can measure only because ingest's receive time travels with the article through parse
    # and enrich, as a CloudEvents extension attribute)
    for name in ("newsflow_stage_article_seconds_bucket", "newsflow_since_received_seconds_bucket",
                 "http_request_duration_seconds_bucket"):
        assert name in exposed
    assert 'handler="/healthz"' not in exposed  # probes are not traffic


async def test_every_app_in_a_process_counts_its_requests():
    # Two apps in one process (as in these tests, or an operator's own ASGI mount of both): each
    # counts its requests in the one registry, not only the first app instrumented.
    from fastapi import FastAPI

    from newsflow_shared.http_metrics import install_http_metrics

    for path in ("/first-app", "/second-app"):
        app = FastAPI()
        install_http_metrics(app)
        app.get(path)(lambda: "ok")
        before = sample("http_requests_total", handler=path, method="GET", status="2xx")
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            assert (await client.get(path)).status_code == 200
        assert sample("http_requests_total", handler=path, method="GET", status="2xx") == before + 1, path
