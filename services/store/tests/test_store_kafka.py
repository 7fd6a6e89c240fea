"""The store worker against a real Kafka broker and a real PostgreSQL server."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from dataclasses import replace

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlmodel import Session, select

from newsflow_shared.envelope import Message, to_message
from newsflow_shared.kafka_admin import ensure_topics
from newsflow_shared.kafka_transport import KafkaPublisher
from newsflow_shared.progress import RECEIVED, progress_record
from newsflow_shared.runner import kafka_stage_worker
from newsflow_shared.settings import Settings
from newsflow_shared.dead_letter import dead_letter
from newsflow_shared.events import RawArticle
from newsflow_store.app import create_app
from newsflow_store.crud import count_articles, get_article
from newsflow_store.db import make_engine, migrate
from newsflow_store.handler import build_stage
from newsflow_store.models import ArticleEntityRow, QuoteRow
from newsflow_store.status_barrier import KafkaStatusBarrier
from newsflow_store.status_worker import kafka_status_workers, progress_feed
from tests.infra.kafka_reading import read_topic

pytestmark = pytest.mark.integration

PARTITIONS = 4
JUNK = b"\x00\x01 this is not JSON {"


async def committed_total(bootstrap_servers: str, topic: str, group: str) -> int:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        offsets = [await consumer.committed(TopicPartition(topic, p)) for p in range(PARTITIONS)]
    finally:
        await consumer.stop()
    return sum(offset or 0 for offset in offsets)


async def test_the_worker_stores_each_article_once_and_dead_letters_junk(kafka_broker, postgres_url, make_article):
    run = uuid.uuid4().hex[:8]
    settings = Settings(
        kafka_bootstrap_servers=kafka_broker.bootstrap_servers,
        topic_enriched=f"test-store-{run}.enriched",
        topic_dlq=f"test-store-{run}.dlq",
        batch_size=4,
        poll_timeout_ms=200,
    )
    await ensure_topics(settings.kafka_bootstrap_servers, [settings.topic_enriched, settings.topic_dlq],
                        partitions=PARTITIONS)
    engine = make_engine(postgres_url)
    migrate(engine)

    def enriched(article) -> Message:
        return to_message(settings.topic_enriched, article, source="/tests/enrich")

    first = enriched(make_article("art-1"))
    messages = [
        first,
        enriched(make_article("art-2", parse="0.2.0", revision=2)),
        enriched(make_article("art-3")),
        first,  # redelivered, byte for byte
        Message(topic=settings.topic_enriched, key=b"art-junk", value=JUNK),
        enriched(make_article("art-2", parse="0.1.0", revision=1)),  # an older version, late
    ]
    publisher = KafkaPublisher(settings.kafka_bootstrap_servers)
    await publisher.start()
    try:
        await publisher.publish(messages)
    finally:
        await publisher.stop()

    # A consumer group of its own, so no other test's commits or members interfere.
    stage = replace(build_stage(engine, settings), name=f"store-{run}")
    worker = kafka_stage_worker(stage, settings)
    task = asyncio.create_task(worker.run())
    try:
        async with asyncio.timeout(60):
            while worker.processed < len(messages):
                if task.done():
                    task.result()  # re-raises the worker's crash, if that is what stopped it
                    pytest.fail("the worker stopped before it had processed every message")
                await asyncio.sleep(0.1)
    finally:
        worker.stop()
        await asyncio.wait_for(task, timeout=30)

    with Session(engine) as session:
        assert count_articles(session) == 3
        assert len(session.exec(select(QuoteRow)).all()) == 2 + 3 + 2  # art-2 kept its newer version (3 quotes)
        assert len(session.exec(select(ArticleEntityRow)).all()) == 2 + 3 + 2
        assert get_article(session, article_id="art-2").row.parse_version == "0.2.0"
        assert [q.text for q in get_article(session, article_id="art-1").quotes] == [
            q.text for q in make_article("art-1").quotes]
    engine.dispose()

    dead = await read_topic(settings.kafka_bootstrap_servers, settings.topic_dlq, at_least=1)
    assert len(dead) == 1
    assert (dead[0].key, dead[0].value) == (b"art-junk", JUNK)
    headers = {k: v.decode() for k, v in dead[0].headers}
    assert headers["nf_stage"] == stage.name
    assert headers["nf_original_topic"] == settings.topic_enriched
    assert headers["nf_error_type"] == "ValidationError"

    # Everything read was committed: a restarted worker would not read it again.
    assert await committed_total(settings.kafka_bootstrap_servers, settings.topic_enriched, stage.name) == len(messages)


@contextlib.asynccontextmanager
async def running(*workers):
    tasks = [asyncio.create_task(worker.run()) for worker in workers]
    try:
        yield
    finally:
        for worker in workers:
            worker.stop()
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=30)


async def test_status_from_the_topics_and_known_the_moment_ingest_answers(kafka_broker, postgres_url):
    run = uuid.uuid4().hex[:8]
    settings = Settings(
        kafka_bootstrap_servers=kafka_broker.bootstrap_servers,
        **{f"topic_{name}": f"test-status-{run}.{name}" for name in ("raw", "parsed", "enriched", "dlq", "status")},
        poll_timeout_ms=200,
    )
    topics = [settings.topic_raw, settings.topic_parsed, settings.topic_enriched, settings.topic_dlq,
              settings.topic_status]
    await ensure_topics(settings.kafka_bootstrap_servers, topics, partitions=PARTITIONS)
    engine = make_engine(postgres_url)
    migrate(engine)
    progress = progress_feed(settings)
    barrier = KafkaStatusBarrier(settings.kafka_bootstrap_servers, progress.input_topic, progress.name,
                                 timeout_s=10)
    await barrier.start()
    publisher = KafkaPublisher(settings.kafka_bootstrap_servers)
    await publisher.start()

    def raw(article_id: str) -> list[Message]:
        """What ingest writes: the raw article, and beside it in the same publish, its progress record."""
        event = RawArticle(article_id=article_id, received_at="2024-05-02T10:00:00Z", content_type="text/plain",
                           content=f"Text of {article_id}")
        message = to_message(settings.topic_raw, event, source="/test/ingest")
        return [message, progress_record(settings.topic_status, message, RECEIVED)]

    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(engine, barrier)),
                               base_url="http://store.test")
    try:
        async with running(*kafka_status_workers(engine, settings)):
            # As ingest does: publish, and once acknowledged answer 202; the client asks at once.
            await publisher.publish([m for n in range(8) for m in raw(f"art-{n}")])
            answers = await asyncio.gather(*(client.get(f"/articles/art-{n}/status") for n in range(8)))
            assert [a.status_code for a in answers] == [200] * 8, [a.text for a in answers]
            assert {a.json()["status"] for a in answers} == {"received"}

            failed_raw = Message(topic=settings.topic_raw, key=b"art-3", value=b"{}", partition=2, offset=0)
            await publisher.publish([dead_letter(failed_raw, ValueError("no text"), stage="parse",
                                                 dlq_topic=settings.topic_dlq)])
            async with asyncio.timeout(30):
                while (await client.get("/articles/art-3/status")).json()["status"] != "failed":
                    await asyncio.sleep(0.1)
            failure = (await client.get("/articles/art-3/status")).json()["failure"]
            assert (failure["stage"], failure["error_type"], failure["error"]) == ("parse", "ValueError",
                                                                                   "ValueError: no text")
            assert (await client.get("/articles/never-posted/status")).status_code == 404

        # No status consumer runs now: an article accepted from here on cannot be vouched for in time.
        barrier._timeout_s = 1
        await publisher.publish(raw("art-late"))
        late = await client.get("/articles/art-late/status")
        assert late.status_code == 503 and late.headers["retry-after"]
    finally:
        await client.aclose()
        await publisher.stop()
        await barrier.stop()
        engine.dispose()
