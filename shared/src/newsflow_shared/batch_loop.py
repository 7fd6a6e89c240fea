"""The consume loop every worker shares: poll a batch, handle it while it is owned, commit it.

A batch is handled inside the consumer's in-flight guard, so a rebalance waits
for it to commit before its partitions move, and only the messages of
partitions still owned are handled. The handler says whether the batch is
done; one that is not (the worker was stopped mid-retry) stays uncommitted and
is read again by whoever owns the partition next.
"""

from __future__ import annotations

import asyncio
from typing import Awaitable, Callable

from newsflow_shared.envelope import Message
from newsflow_shared.transport import BatchConsumer

BatchHandler = Callable[[list[Message]], Awaitable[bool]]


async def consume_batches(consumer: BatchConsumer, handle: BatchHandler, stopping: asyncio.Event) -> None:
    """Run until `stopping` is set; the consumer must be started (and is not stopped) by the caller."""
    while not stopping.is_set():
        batch = await consumer.poll()
        if not batch:
            continue
        async with consumer.in_flight():
            batch = consumer.still_assigned(batch)
            if await handle(batch):
                await consumer.commit(batch)
