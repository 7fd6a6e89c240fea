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
        self._committed: dict[tuple[str, str], int] = {}
        self._changed = asyncio.Condition()

    def messages(self, topic: str) -> list[Message]:
        return list(self._logs[topic])

    def committed(self, topic: str, group: str) -> int:
        return self._committed.get((topic, group), 0)

    async def append(self, messages: Sequence[Message]) -> None:
        async with self._changed:
            for message in messages:
                log = self._logs[message.topic]
                log.append(replace(message, partition=0, offset=len(log)))
            self._changed.notify_all()

    async def read(self, topic: str, group: str, position: int, max_records: int, timeout: float) -> list[Message]:
        async with self._changed:
            if position >= len(self._logs[topic]):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: position < len(self._logs[topic])), timeout
                    )
            return self._logs[topic][position : position + max_records]

    def commit(self, topic: str, group: str, offset: int) -> None:
        key = (topic, group)
        self._committed[key] = max(self._committed.get(key, 0), offset)

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

    async def start(self) -> None:
        # Like auto_offset_reset="earliest" with a committed offset: resume where the group left off.
        self._position = self._bus.committed(self._topic, self._group)

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
