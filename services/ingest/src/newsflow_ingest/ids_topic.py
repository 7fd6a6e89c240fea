"""The compacted topic of accepted ids: written with each article, read back by every replica.

At startup an ingest process reads the whole topic (small records: a key and
a timestamp) before it is ready, then keeps following it, so a re-post is a
duplicate on any replica and after any restart. Memory stays bounded by
RecentIds' capacity: a re-post of an article older than that is processed
again, and store's idempotent upsert absorbs it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from datetime import datetime

import structlog
from aiokafka import AIOKafkaConsumer, TopicPartition

from newsflow_ingest.recent_ids import RecentIds
from newsflow_shared.envelope import Message
from newsflow_shared.kafka_admin import topic_partitions
from newsflow_shared.kafka_connection import Kafka, client_options

log = structlog.get_logger(__name__)


def id_record(topic: str, article_id: str, received_at: datetime) -> Message:
    value = json.dumps({"article_id": article_id, "received_at": received_at.isoformat()}).encode()
    return Message(topic=topic, key=article_id.encode("utf-8"), value=value)


class IdsFollower:
    def __init__(self, bootstrap_servers: Kafka, topic: str, recent: RecentIds) -> None:
        self._bootstrap_servers, self._topic, self._recent = bootstrap_servers, topic, recent
        # Fetches wait for 64 KB of ids (or half a second): under load a replica would otherwise
        # fetch after every write, its own included, at a few percent of ingest's CPU. Another
        # replica learns an id that much later; a re-post in between is processed again, which
        # store's idempotent upsert absorbs.
        # "earliest": with the default "latest", the reset on assign() can win over seek_to_beginning()
        # (aiokafka 0.14), and a restarted replica would start at the end, knowing no id.
        self._consumer = AIOKafkaConsumer(**client_options(bootstrap_servers), group_id=None,
                                          enable_auto_commit=False, client_id="newsflow-ingest-ids",
                                          auto_offset_reset="earliest",
                                          fetch_min_bytes=64 * 1024, fetch_max_wait_ms=500)
        self._task: asyncio.Task | None = None
        self.loaded = False

    async def start(self) -> None:
        """Returns once every id already on the topic is known."""
        partitions = await topic_partitions(self._bootstrap_servers, self._topic)
        await self._consumer.start()
        assigned = [TopicPartition(self._topic, p) for p in partitions]
        self._consumer.assign(assigned)
        await self._consumer.seek_to_beginning(*assigned)
        ends = await self._consumer.end_offsets(assigned)
        count = 0
        while not await self._caught_up(ends):
            count += self._remember(await self._consumer.getmany(timeout_ms=500))
        self.loaded = True
        log.info("known article ids loaded", count=count, topic=self._topic)
        self._task = asyncio.create_task(self._follow(), name="ids-follower")

    async def _caught_up(self, ends: dict) -> bool:
        for partition, end in ends.items():
            if await self._consumer.position(partition) < end:
                return False
        return True

    async def _follow(self) -> None:
        while True:
            self._remember(await self._consumer.getmany(timeout_ms=1000))

    def _remember(self, batches: dict) -> int:
        count = 0
        for records in batches.values():
            for record in records:
                if record.key:
                    self._recent.add(record.key.decode("utf-8"))
                    count += 1
        return count

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._consumer.stop()
