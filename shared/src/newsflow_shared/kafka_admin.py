"""Create newsflow's topics (idempotently): used by `newsflow topics`, tests and compose."""

from __future__ import annotations

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from newsflow_shared.settings import Settings


def pipeline_topics(settings: Settings) -> list[str]:
    return [settings.topic_raw, settings.topic_parsed, settings.topic_enriched, settings.topic_dlq]


async def ensure_pipeline_topics(settings: Settings) -> None:
    await ensure_topics(settings.kafka_bootstrap_servers, pipeline_topics(settings), partitions=settings.topic_partitions)


async def ensure_topics(bootstrap_servers: str, topics: list[str], *, partitions: int = 6, replication: int = 1) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in topics if t not in existing]
        if missing:
            try:
                await admin.create_topics(
                    [NewTopic(name=t, num_partitions=partitions, replication_factor=replication) for t in missing]
                )
            except TopicAlreadyExistsError:
                pass  # another process created it first
    finally:
        await admin.close()
