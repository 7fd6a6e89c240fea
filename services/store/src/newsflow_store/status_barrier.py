"""Answering "what became of article X?" from the moment ingest answered 202 for it.

Ingest answers 202 only once articles.raw has the article and articles.status
its "received" record (one publish, acks=all); the store's status consumer
reads that record a moment later. Asked about an id it has not seen, the store
does not answer 404 at once: it notes where articles.status ends now (every
article accepted so far lies before that) and waits, briefly, until its status
consumer has committed up to there. Its commits follow its database writes, so
if the id is still unknown then, ingest never accepted it: 404 is the truth,
not a race. If the consumer does not get there in time, the store says it
cannot tell yet (503, Retry-After).

The wait costs nothing for known ids, and one offsets query for unknown ones.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from newsflow_shared.kafka_connection import Kafka, client_options
from newsflow_shared.memory_bus import InMemoryBus

WAIT_SECONDS = 3.0
POLL_SECONDS = 0.1


class StatusBarrier(Protocol):
    async def caught_up(self) -> bool:
        """True once every article accepted before the call has its status recorded; False after a timeout."""


async def _wait_until(done, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while True:
        if await done():
            return True
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(POLL_SECONDS)


class KafkaStatusBarrier:
    """Compares articles.status's end offsets with the committed offsets of the status group on it.

    Committed offsets are the group's, whichever store replica owns which
    partition, so any replica can answer for all of them. Nothing here joins
    the group or reads a message: an admin client asks for the partitions and
    the group's offsets, and a group-less consumer, assigned every partition
    but paused, for the end offsets.
    """

    def __init__(self, bootstrap_servers: Kafka, topic: str, group: str, *, timeout_s: float = WAIT_SECONDS) -> None:
        self._topic, self._group, self._timeout_s = topic, group, timeout_s
        self._admin = AIOKafkaAdminClient(**client_options(bootstrap_servers), client_id=f"newsflow-{group}-barrier")
        self._ends = AIOKafkaConsumer(**client_options(bootstrap_servers), group_id=None, enable_auto_commit=False,
                                      client_id=f"newsflow-{group}-barrier")
        self._partitions: list[TopicPartition] = []
        self._lock = asyncio.Lock()
        self._started = False

    async def start(self) -> None:
        await self._admin.start()
        await self._ends.start()
        self._started = True

    async def stop(self) -> None:
        if not self._started:
            return  # the store stopped before it got this far
        await self._ends.stop()
        await self._admin.close()

    async def _known_partitions(self) -> list[TopicPartition]:
        (described,) = await self._admin.describe_topics([self._topic])
        partitions = sorted(TopicPartition(self._topic, p["partition"]) for p in described["partitions"])
        if partitions != self._partitions:  # first call, or partitions were added
            self._ends.assign(partitions)
            self._ends.pause(*partitions)
            self._partitions = partitions
        return partitions

    async def caught_up(self) -> bool:
        try:
            async with self._lock:  # one request at a time on the clients; the waits themselves overlap
                partitions = await self._known_partitions()
                ends = await self._ends.end_offsets(partitions)
            if not partitions:
                return False  # no such topic (yet): nothing can be vouched for

            async def committed_to_ends() -> bool:
                try:
                    async with self._lock:
                        committed = await self._admin.list_consumer_group_offsets(self._group, partitions=partitions)
                except KafkaError:  # e.g. the group's coordinator is moving or not yet elected: ask again
                    return False
                return all(max(committed[tp].offset, 0) >= end if tp in committed else end == 0
                           for tp, end in ends.items())

            return await _wait_until(committed_to_ends, self._timeout_s)
        except Exception:  # noqa: BLE001 - Kafka unreachable: the store cannot tell, which is what False says
            return False


class MemoryStatusBarrier:
    """The same over the in-process bus of the embedded mode."""

    def __init__(self, bus: InMemoryBus, topic: str, group: str, *, timeout_s: float = WAIT_SECONDS) -> None:
        self._bus, self._topic, self._group, self._timeout_s = bus, topic, group, timeout_s

    async def caught_up(self) -> bool:
        end = self._bus.end_offset(self._topic)

        async def committed_to_end() -> bool:
            return self._bus.committed(self._topic, self._group) >= end

        return await _wait_until(committed_to_end, self._timeout_s)
