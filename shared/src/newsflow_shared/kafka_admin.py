"""Create newsflow's topics (idempotently), or wait for them where they are managed elsewhere.

Used by every service at start, by `newsflow topics`, tests and compose.
"""

from __future__ import annotations

import asyncio

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from newsflow_shared.kafka_connection import Kafka, KafkaConnection, client_options
from newsflow_shared.settings import Settings


def pipeline_topics(settings: Settings) -> list[str]:
    return [settings.topic_raw, settings.topic_parsed, settings.topic_enriched, settings.topic_dlq,
            settings.topic_status]


COMPACTED = {"cleanup.policy": "compact"}


class TopicsMissing(KafkaError):
    """Topics this service needs do not exist yet, and it is not to create them: wait (retriable)."""

    retriable = True


async def ensure_pipeline_topics(settings: Settings) -> None:
    kafka = KafkaConnection.from_settings(settings)
    if not settings.create_topics:
        await expect_topics(kafka, [*pipeline_topics(settings), settings.topic_ids])
        return
    await ensure_topics(kafka, pipeline_topics(settings), partitions=settings.topic_partitions)
    await ensure_topics(kafka, [settings.topic_ids],
                        partitions=settings.topic_partitions, config=COMPACTED)


async def ensure_topics(
    bootstrap_servers: Kafka, topics: list[str], *, partitions: int = 6, replication: int = 1, config: dict | None = None
) -> None:
    admin = AIOKafkaAdminClient(**client_options(bootstrap_servers))
    await admin.start()
    try:
        missing = await _missing(admin, topics)
        if missing:
            try:
                await admin.create_topics(
                    [NewTopic(name=t, num_partitions=partitions, replication_factor=replication, topic_configs=config)
                     for t in missing]
                )
            except TopicAlreadyExistsError:
                pass  # another process created it first
    finally:
        await admin.close()


async def expect_topics(bootstrap_servers: Kafka, topics: list[str]) -> None:
    """Returns if every topic exists; raises TopicsMissing (a transient failure) naming those that do not."""
    admin = AIOKafkaAdminClient(**client_options(bootstrap_servers))
    await admin.start()
    try:
        missing = await _missing(admin, topics)
    finally:
        await admin.close()
    if missing:
        raise TopicsMissing(f"waiting for topics to be created: {', '.join(missing)}")


async def _missing(admin: AIOKafkaAdminClient, topics: list[str]) -> list[str]:
    existing = set(await admin.list_topics())
    return [t for t in topics if t not in existing]


async def topic_partitions(bootstrap_servers: Kafka, topic: str, *, timeout_s: float = 60.0) -> list[int]:
    """The topic's partitions, once each has a leader (a just-created topic may not yet)."""
    admin = AIOKafkaAdminClient(**client_options(bootstrap_servers))
    await admin.start()
    try:
        async with asyncio.timeout(timeout_s):
            while True:
                (described,) = await admin.describe_topics([topic])
                partitions = described.get("partitions") or []
                if described.get("error_code") == 0 and partitions and all(
                    p["error_code"] == 0 and p["leader"] >= 0 for p in partitions
                ):
                    return sorted(p["partition"] for p in partitions)
                await asyncio.sleep(0.2)
    finally:
        await admin.close()
