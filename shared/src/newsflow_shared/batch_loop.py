"""The consume loop every worker shares: poll a batch, handle it while it is owned, commit it.

A batch is handled inside the consumer's in-flight guard, so a rebalance waits
for it to commit before its partitions move, and only the messages of
partitions still owned are handled. The handler says whether the batch is
done; one that is not (the worker was stopped mid-retry) stays uncommitted and
is read again by whoever owns the partition next.

A worker whose writes cost the same however few messages they carry (a
transaction, an offset commit) can ask for a minimum interval between batches:
the consumer keeps fetching meanwhile, so the next batch holds what arrived in
the pause, and the fixed cost is paid that much less often.
"""

from __future__ import annotations

import asyncio
import time
from typing import Awaitable, Callable

from newsflow_shared.envelope import Message
from newsflow_shared.transport import BatchConsumer

BatchHandler = Callable[[list[Message]], Awaitable[bool]]


async def consume_batches(consumer: BatchConsumer, handle: BatchHandler, stopping: asyncio.Event, *,
                          min_interval_s: float = 0.0) -> None:
    """Run until `stopping` is set; the consumer must be started (and is not stopped) by the caller.

    With `min_interval_s`, batches start at least that far apart (a stop cuts the wait short).
    """
    while not stopping.is_set():
        batch = await consumer.poll()
        if not batch:
            continue
        started = time.monotonic()
        async with consumer.in_flight():
            batch = consumer.still_assigned(batch)
            if await handle(batch):
                await consumer.commit(batch)
        pause = min_interval_s - (time.monotonic() - started)
        if pause > 0:
            try:
                await asyncio.wait_for(stopping.wait(), timeout=pause)
            except TimeoutError:
                pass
