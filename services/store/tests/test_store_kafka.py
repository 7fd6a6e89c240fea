"""The store worker against a real Kafka broker and a real PostgreSQL server."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from sqlmodel import Session

from newsflow_shared.envelope import Message, to_message
from newsflow_shared.kafka_admin import ensure_topics
from newsflow_shared.kafka_transport import KafkaPublisher
from newsflow_shared.runner import kafka_stage_worker
from newsflow_shared.settings import Settings
from newsflow_store.crud import count_articles, count_entities, count_quotes, get_article
from newsflow_store.db import create_schema, make_engine
from newsflow_store.handler import build_stage
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
    create_schema(engine)

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
        assert count_quotes(session) == 2 + 3 + 2  # art-2 kept its newer version (3 quotes)
        assert count_entities(session) == 2 + 3 + 2
        assert get_article(session, article_id="art-2").pipeline.parse == "0.2.0"
        assert get_article(session, article_id="art-1").model_dump(exclude={"stored_at"}) == (
            make_article("art-1").model_dump()
        )
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
