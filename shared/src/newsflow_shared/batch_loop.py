"""The consume loop every worker shares: poll a batch, handle it while it is owned, commit it.

A batch is handled inside the consumer's in-flight guard, so a rebalance waits
for it to commit before its partitions move, and only the messages of
partitions still owned are handled. The handler says whether the batch is
done; one that is not (the worker was stopped mid-retry, or its partitions
were revoked: `Abandoned`) stays uncommitted and is read again by whoever owns
the partition next.

Waiting for a dependency happens inside the handler (failures.retry_in_place)
with `pause_between_attempts`: the consumer stays in its group, its partitions
paused, and gives the batch up as soon as it is told to stop or a rebalance
wants its partitions. The commit itself is retried the same way.

A worker whose writes cost the same however few messages they carry (a
transaction, an offset commit) can ask for a minimum interval between batches:
the consumer keeps fetching meanwhile, so the next batch holds what arrived in
the pause, and the fixed cost is paid that much less often.
"""

from __future__ import annotations

import asyncio
import time
from typing import Awaitable, Callable, TypeVar

import structlog

from newsflow_shared.envelope import Message
from newsflow_shared.failures import Abandoned, FailurePolicy, Pause, is_transient, retry_in_place
from newsflow_shared.metrics import STAGE_RETRIES, WAITING
from newsflow_shared.transport import BatchConsumer
from newsflow_shared.worker_health import WorkerHealth

log = structlog.get_logger(__name__)

T = TypeVar("T")

# Handles a batch, waiting between attempts with the given Pause; True once the batch may be committed.
BatchHandler = Callable[[list[Message], Pause], Awaitable[bool]]

# How long a stopping worker still lets a commit of finished work try; after that it is left
# uncommitted (and read again after the restart), so a stop is bounded even with the broker gone.
STOP_COMMIT_GRACE_S = 5.0


async def retry_observed(operation: Callable[[], Awaitable[T]], *, what: str, policy: FailurePolicy,
                         health: WorkerHealth, pause: Pause | None = None) -> T:
    """failures.retry_in_place for a worker: its health says what it waits for, its metrics count the
    retries (newsflow_stage_retries_total) and show the wait (newsflow_stage_waiting_for_dependency)."""
    awaited: set[str] = set()

    def count(dependency: str) -> None:
        STAGE_RETRIES.labels(health.name, dependency).inc()
        WAITING.labels(health.name, dependency).set(1)
        awaited.add(dependency)

    try:
        return await retry_in_place(operation, policy=policy, what=f"{health.name} {what}", pause=pause,
                                    waiting=health.waiting, on_retry=count)
    finally:
        for dependency in awaited:
            WAITING.labels(health.name, dependency).set(0)


def pause_between_attempts(consumer: BatchConsumer, stopping: asyncio.Event, health: WorkerHealth) -> Pause:
    """The wait between two attempts at a batch: in the group, taking nothing new, given up when told."""

    async def pause(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while True:
            if stopping.is_set():
                raise Abandoned("the worker is stopping")
            if consumer.revoking:
                raise Abandoned("the partitions are being revoked")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            await consumer.idle(min(remaining, 1.0))
            health.progressed()

    return pause


async def _commit(consumer: BatchConsumer, batch: list[Message], stopping: asyncio.Event,
                  policy: FailurePolicy, health: WorkerHealth) -> None:
    """Commit, retrying while the broker is away; a stop leaves it uncommitted after a short grace."""

    async def no_stop_pause(seconds: float) -> None:
        await asyncio.sleep(seconds)
        health.progressed()

    committing = asyncio.ensure_future(retry_observed(lambda: consumer.commit(batch), what="commit",
                                                      policy=policy, health=health, pause=no_stop_pause))
    stop = asyncio.ensure_future(stopping.wait())
    try:
        await asyncio.wait({committing, stop}, return_when=asyncio.FIRST_COMPLETED)
        if not committing.done():
            try:
                await asyncio.wait_for(asyncio.shield(committing), STOP_COMMIT_GRACE_S)
            except TimeoutError:
                committing.cancel()
                log.warning("stopping with a batch left uncommitted; it will be read again", worker=health.name,
                            messages=len(batch))
                return
        committing.result()
    finally:
        stop.cancel()


async def consume_batches(consumer: BatchConsumer, handle: BatchHandler, stopping: asyncio.Event, *,
                          health: WorkerHealth | None = None, policy: FailurePolicy | None = None,
                          min_interval_s: float = 0.0) -> None:
    """Run until `stopping` is set; the consumer must be started (and is not stopped) by the caller.

    With `min_interval_s`, batches start at least that far apart (a stop cuts the wait short).
    """
    health = health or WorkerHealth("worker")
    policy = policy or FailurePolicy()
    pause = pause_between_attempts(consumer, stopping, health)
    while not stopping.is_set():
        try:
            batch = await consumer.poll()
        except Exception as exc:
            if not is_transient(exc):
                raise
            log.warning("poll failed; trying again", worker=health.name, error=repr(exc)[:300])
            await asyncio.sleep(policy.backoff_first_s)
            continue
        health.progressed()
        if not batch:
            continue
        started = time.monotonic()
        async with consumer.in_flight():
            batch = consumer.still_assigned(batch)
            try:
                log.info("batch received", worker=health.name, messages=len(batch))
                done = await handle(batch, pause)
            except Abandoned as why:
                log.info("batch left uncommitted; it will be read again", worker=health.name, reason=str(why),
                         messages=len(batch))
                done = False
            if done:
                await _commit(consumer, batch, stopping, policy, health)
                log.info("batch committed", worker=health.name, messages=len(batch))
        health.progressed()
        pause_s = min_interval_s - (time.monotonic() - started)
        if pause_s > 0:
            try:
                await asyncio.wait_for(stopping.wait(), timeout=pause_s)
            except TimeoutError:
                pass
