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


async def test_broker_gone_means_503_outcome_unknown_never_202_and_a_landed_repost_is_a_duplicate():
    # A broker of its own, so killing it does not disturb the other tests.
    broker = await asyncio.to_thread(KafkaBroker().start)
    try:
        run = uuid.uuid4().hex[:8]
        settings = Settings(kafka_bootstrap_servers=broker.bootstrap_servers, kafka_request_timeout_ms=3000,
                            topic_raw=f"raw-{run}", topic_ids=f"ids-{run}", topic_partitions=1)
        await ensure_topics(settings.kafka_bootstrap_servers, [settings.topic_raw], partitions=1)
        await ensure_topics(settings.kafka_bootstrap_servers, [settings.topic_ids], partitions=1,
                            config={"cleanup.policy": "compact"})
        async with IngestReplica(settings) as ingest:
            assert (await ingest.post("Before the outage.")).status_code == 202
            await asyncio.to_thread(broker.kill)
            response = await ingest.post("During the outage.")
            assert response.status_code == 503
            assert response.json()["type"] == "urn:newsflow:problem:outcome-unknown"
            (article_id,) = response.json()["article_ids"]
            await asyncio.to_thread(broker.restart)
            # The write may have been on its way and land now, or have expired unsent: whichever it
            # was, the re-post the 503 invites is answered truthfully and the article is there once.
            await asyncio.sleep(3)  # time for a producer retry to land
            landed = [r for r in await read_topic(broker.bootstrap_servers, settings.topic_raw, at_least=1)
                      if r.key.decode() == article_id]
            if landed:  # the follower of the ids topic learns it, so the re-post is a duplicate
                async with asyncio.timeout(60):
                    while article_id not in ingest.recent:
                        await asyncio.sleep(0.1)
            again = await ingest.post("During the outage.")
            assert (again.status_code, again.json()["status"]) == ((200, "duplicate") if landed else (202, "accepted"))
        records = await read_topic(broker.bootstrap_servers, settings.topic_raw, at_least=2)
        assert [r.key.decode() for r in records].count(article_id) == 1
    finally:
        broker.stop()


class IngestReplica:
    """One ingest process's state: its own publisher, known ids and follower, as `serve` builds them."""

    def __init__(self, settings: Settings) -> None:
        from newsflow_ingest.ids_topic import IdsFollower
        from newsflow_ingest.recent_ids import RecentIds

        self.recent = RecentIds()
        publisher = KafkaPublisher(settings.kafka_bootstrap_servers,
                                   request_timeout_ms=settings.kafka_request_timeout_ms)
        self.service = IngestService(publisher, topic=settings.topic_raw, recent=self.recent,
                                     ids_topic=settings.topic_ids)
        self.follower = IdsFollower(settings.kafka_bootstrap_servers, settings.topic_ids, self.recent)
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(self.service, settings)),
                                        base_url="http://ingest")

    async def __aenter__(self):
        await self.service.publisher.start()
        await self.follower.start()
        return self

    async def __aexit__(self, *exc):
        await self.client.aclose()
        await self.follower.stop()
        await self.service.publisher.stop()

    async def post(self, text: str) -> httpx.Response:
        return await self.client.post("/articles", json={"text": text})


async def test_a_repost_is_a_duplicate_after_a_restart_and_on_another_replica(kafka_broker):
    from newsflow_shared.kafka_admin import ensure_pipeline_topics

    run = uuid.uuid4().hex[:8]
    settings = Settings(kafka_bootstrap_servers=kafka_broker.bootstrap_servers, topic_raw=f"raw-{run}",
                        topic_parsed=f"parsed-{run}", topic_enriched=f"enriched-{run}", topic_dlq=f"dlq-{run}",
                        topic_ids=f"ids-{run}", topic_partitions=3)
    await ensure_pipeline_topics(settings)
    first, second = "The bridge reopened on Monday.", "The ferry was late again."

    async with IngestReplica(settings) as before_restart:
        assert (await before_restart.post(first)).status_code == 202
    async with IngestReplica(settings) as restarted:  # a new process: nothing in memory
        again = await restarted.post(first)
        assert again.status_code == 200 and again.json()["status"] == "duplicate"
        async with IngestReplica(settings) as other_replica:
            accepted = await restarted.post(second)
            assert accepted.status_code == 202
            # The other replica learns the id from the topic while running.
            async with asyncio.timeout(15):
                while accepted.json()["article_id"] not in other_replica.recent:
                    await asyncio.sleep(0.05)
            assert (await other_replica.post(second)).json()["status"] == "duplicate"

    records = await read_topic(kafka_broker.bootstrap_servers, settings.topic_raw, at_least=2)
    assert len(records) == 2  # each article published once, whatever the re-posts
