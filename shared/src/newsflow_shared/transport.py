"""What a stage needs from a message transport; Kafka and the in-process bus both provide it."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Protocol, Sequence

from newsflow_shared.envelope import Message


class PublishFailed(RuntimeError):
    """The transport did not acknowledge a write; nothing may be reported as accepted.

    `outcome_unknown`: the write may still land (the acknowledgement did not
    come in time, the records may still be on their way); False only when the
    broker or the producer refused it outright. `transient`: trying again later
    may succeed (a broker down or slow), as opposed to a write refused for what
    it is (too large, say).
    """

    def __init__(self, message: str, *, outcome_unknown: bool = True, transient: bool = True) -> None:
        super().__init__(message)
        self.outcome_unknown, self.transient = outcome_unknown, transient


class Publisher(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def publish(self, messages: Sequence[Message]) -> None:
        """Return once every message is durably written, or raise PublishFailed."""


class BatchConsumer(Protocol):
    # True while a rebalance waits to take partitions away: a batch waiting on a dependency gives itself up.
    revoking: bool

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

    async def idle(self, seconds: float) -> None:
        """Wait up to `seconds` staying a live member of the group, taking no new message."""

    def owns_partitions(self) -> bool:
        """Whether any partition is assigned to this consumer now."""
