"""The in-process bus: Kafka's log semantics for one process, no broker.

Each topic is an append-only log; each consumer group keeps its own committed
offset, so a stage that fails before committing reads its batch again, as with
Kafka. It serves the embedded mode and unit tests, never as proof of Kafka
behaviour.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from dataclasses import replace
from typing import AsyncIterator, Sequence

from newsflow_shared.envelope import Message


class InMemoryBus:
    def __init__(self) -> None:
        self._logs: dict[str, list[Message]] = defaultdict(list)
        # Offset of each log's first kept message: what every group has committed is dropped,
        # so a long-running embedded process does not keep every article it ever saw.
        self._first_offset: dict[str, int] = defaultdict(int)
        self._committed: dict[tuple[str, str], int] = {}
        self._changed = asyncio.Condition()

    def messages(self, topic: str) -> list[Message]:
        """The messages still kept (all of them for a topic no group consumes)."""
        return list(self._logs[topic])

    def end_offset(self, topic: str) -> int:
        return self._first_offset[topic] + len(self._logs[topic])

    def committed(self, topic: str, group: str) -> int:
        return self._committed.get((topic, group), 0)

    def join(self, topic: str, group: str) -> int:
        """Register a group on a topic (so its log is kept for it); returns where it resumes."""
        return self._committed.setdefault((topic, group), self._first_offset[topic])

    async def append(self, messages: Sequence[Message]) -> None:
        async with self._changed:
            for message in messages:
                self._logs[message.topic].append(
                    replace(message, partition=0, offset=self.end_offset(message.topic))
                )
            self._changed.notify_all()

    async def read(self, topic: str, group: str, position: int, max_records: int, timeout: float) -> list[Message]:
        async with self._changed:
            if position >= self.end_offset(topic):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait_for(lambda: position < self.end_offset(topic)), timeout)
            index = max(position - self._first_offset[topic], 0)
            return self._logs[topic][index : index + max_records]

    def commit(self, topic: str, group: str, offset: int) -> None:
        key = (topic, group)
        self._committed[key] = max(self._committed.get(key, 0), offset)
        self._drop_consumed(topic)

    def _drop_consumed(self, topic: str) -> None:
        done_by_all = min(offset for (t, _), offset in self._committed.items() if t == topic)
        drop = done_by_all - self._first_offset[topic]
        if drop > 0:
            del self._logs[topic][:drop]
            self._first_offset[topic] = done_by_all

    def publisher(self) -> "InMemoryPublisher":
        return InMemoryPublisher(self)

    def consumer(self, topic: str, group: str, *, max_records: int = 32, timeout: float = 0.5) -> "InMemoryConsumer":
        return InMemoryConsumer(self, topic, group, max_records=max_records, timeout=timeout)


class InMemoryPublisher:
    def __init__(self, bus: InMemoryBus) -> None:
        self._bus = bus

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    async def publish(self, messages: Sequence[Message]) -> None:
        await self._bus.append(messages)


class InMemoryConsumer:
    def __init__(self, bus: InMemoryBus, topic: str, group: str, *, max_records: int, timeout: float) -> None:
        self._bus, self._topic, self._group = bus, topic, group
        self._max_records, self._timeout = max_records, timeout
        self._position = 0
        self.revoking = False  # one consumer per group here: nothing is ever revoked
        # The group is registered now, not at start: the log is kept for it from here on. A stage
        # still loading its model when the first article arrives would otherwise find it dropped,
        # consumed by every group registered so far.
        bus.join(topic, group)

    async def start(self) -> None:
        # Like auto_offset_reset="earliest" with a committed offset: resume where the group left off.
        self._position = self._bus.join(self._topic, self._group)

    async def stop(self) -> None:
        pass

    async def poll(self) -> list[Message]:
        batch = await self._bus.read(self._topic, self._group, self._position, self._max_records, self._timeout)
        self._position += len(batch)
        return batch

    @contextlib.asynccontextmanager
    async def in_flight(self) -> AsyncIterator[None]:
        yield

    def still_assigned(self, batch: list[Message]) -> list[Message]:
        return batch

    async def commit(self, batch: list[Message]) -> None:
        if batch:
            self._bus.commit(self._topic, self._group, max(m.offset for m in batch) + 1)

    async def idle(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    def owns_partitions(self) -> bool:
        return True
