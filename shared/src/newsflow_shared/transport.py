"""What a stage needs from a message transport; Kafka and the in-process bus both provide it."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Protocol, Sequence

from newsflow_shared.envelope import Message


class PublishFailed(RuntimeError):
    """The transport did not acknowledge a write; nothing may be reported as accepted."""


class Publisher(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def publish(self, messages: Sequence[Message]) -> None:
        """Return once every message is durably written, or raise PublishFailed."""


class BatchConsumer(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def poll(self) -> list[Message]:
        """The next batch (possibly empty after a timeout)."""

    def in_flight(self) -> AbstractAsyncContextManager[None]:
        """Held while a batch is processed and committed, so a rebalance waits for it."""

    def still_assigned(self, batch: list[Message]) -> list[Message]:
        """The part of a batch whose partitions this consumer still owns."""

    async def commit(self, batch: list[Message]) -> None:
        """Mark every message of the batch as processed."""
