"""ingest against a real Apache Kafka broker: 202 means the broker has it; no broker means 503."""

import asyncio
import uuid

import httpx
import pytest

from newsflow_ingest.app import create_app
from newsflow_ingest.service import IngestService
from newsflow_shared.kafka_admin import ensure_topics
from newsflow_shared.kafka_transport import KafkaPublisher
from newsflow_shared.settings import Settings
from tests.infra.kafka_broker import KafkaBroker
from tests.infra.kafka_reading import read_topic

pytestmark = pytest.mark.integration


async def ingest_client(settings: Settings):
    publisher = KafkaPublisher(settings.kafka_bootstrap_servers, request_timeout_ms=settings.kafka_request_timeout_ms)
    await publisher.start()
    app = create_app(IngestService(publisher, topic=settings.topic_raw), settings)
    return publisher, httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://ingest")


async def test_accepted_articles_are_in_kafka_keyed_by_id_with_cloudevents_headers(kafka_broker):
    topic = f"raw-{uuid.uuid4().hex[:8]}"
    settings = Settings(kafka_bootstrap_servers=kafka_broker.bootstrap_servers, topic_raw=topic)
    await ensure_topics(settings.kafka_bootstrap_servers, [topic], partitions=3)
    publisher, client = await ingest_client(settings)
    try:
        ids = []
        for n in range(5):
            response = await client.post("/articles", json={"text": f"Council story number {n} about the bridge."})
            assert response.status_code == 202
            ids.append(response.json()["article_id"])
        assert (await client.post("/articles", json={"text": "Council story number 0 about the bridge."})).status_code == 200
    finally:
        await client.aclose()
        await publisher.stop()
    records = await read_topic(kafka_broker.bootstrap_servers, topic, at_least=5)
    assert sorted(r.key.decode() for r in records) == sorted(ids)
    headers = dict(records[0].headers)
    assert headers["ce_type"] == b"newsflow.article.raw.v1"
    assert headers["content-type"] == b"application/json"
    assert {"ce_id", "ce_source", "ce_time", "ce_specversion"} <= headers.keys()


async def test_broker_gone_means_503_never_202():
    # A broker of its own, so stopping it does not disturb the other tests.
    broker = await asyncio.to_thread(KafkaBroker().start)
    try:
        settings = Settings(kafka_bootstrap_servers=broker.bootstrap_servers, kafka_request_timeout_ms=3000)
        await ensure_topics(settings.kafka_bootstrap_servers, [settings.topic_raw])
        publisher, client = await ingest_client(settings)
        try:
            assert (await client.post("/articles", json={"text": "Before the outage."})).status_code == 202
            await asyncio.to_thread(broker.stop)
            response = await client.post("/articles", json={"text": "During the outage."})
            assert response.status_code == 503
            assert "acknowledge" in response.json()["title"]
        finally:
            await client.aclose()
            await asyncio.wait_for(publisher.stop(), 30)
    finally:
        broker.stop()
