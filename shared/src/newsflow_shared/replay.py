"""Replaying a topic through a new version of a stage, without re-posting anything.

A fresh consumer group starts at the beginning of the stage's input topic, so
the stage reads every article again and publishes its new output; downstream,
store keeps the newest pipeline version of each article. The replay stops by
itself once it has committed everything the topic held when it started (new
articles keep flowing through the regular group). Complete only while the
input topic retains everything (articles.raw wants unlimited retention).
"""

from __future__ import annotations

import asyncio
from typing import cast

import structlog
from aiokafka import AIOKafkaConsumer, TopicPartition

from newsflow_shared.kafka_admin import topic_partitions
from newsflow_shared.kafka_connection import Kafka, KafkaConnection, client_options
from newsflow_shared.kafka_transport import KafkaBatchConsumer
from newsflow_shared.runner import kafka_stage_worker
from newsflow_shared.settings import Settings
from newsflow_shared.stage import Stage

log = structlog.get_logger(__name__)


async def end_offsets(bootstrap_servers: Kafka, topic: str) -> dict[TopicPartition, int]:
    partitions = [TopicPartition(topic, p) for p in await topic_partitions(bootstrap_servers, topic)]
    consumer = AIOKafkaConsumer(**client_options(bootstrap_servers), group_id=None, enable_auto_commit=False)
    await consumer.start()
    try:
        return await consumer.end_offsets(partitions)
    finally:
        await consumer.stop()


async def replay_stage(stage: Stage, settings: Settings, *, group: str, poll_s: float = 0.5) -> int:
    """Run `stage` as consumer group `group` over its whole input topic; returns the messages handled."""
    targets = await end_offsets(KafkaConnection.from_settings(settings), stage.input_topic)
    log.info("replay started", stage=stage.name, group=group, messages=sum(targets.values()))
    worker = kafka_stage_worker(stage, settings, group=group)
    consumer = cast(KafkaBatchConsumer, worker.consumer)
    running = asyncio.create_task(worker.run())
    try:
        started = asyncio.create_task(consumer.started.wait())
        await asyncio.wait([started, running], return_when=asyncio.FIRST_COMPLETED)
        while not running.done():
            committed = await consumer.committed_offsets(list(targets))
            if all(committed[tp] >= end for tp, end in targets.items()):
                break
            await asyncio.sleep(poll_s)
    finally:
        worker.stop()
        await running  # re-raises if the worker failed
    log.info("replay done", stage=stage.name, group=group, processed=worker.processed)
    return worker.processed
