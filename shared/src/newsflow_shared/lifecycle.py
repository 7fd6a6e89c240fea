"""Starting against dependencies that may not be there yet, and stopping within a bound.

A service started while the broker or the database is away waits for it
(the failure policy's transient retry) instead of exiting; a service told to
stop gives every shutdown step a bounded time, so SIGTERM ends the process
well within a Kubernetes grace period even with the broker gone.
"""

from __future__ import annotations

import asyncio
from typing import Awaitable, Callable, TypeVar

import structlog

from newsflow_shared.failures import Abandoned, FailurePolicy, retry_in_place

log = structlog.get_logger(__name__)

T = TypeVar("T")

STOP_STEP_S = 10.0


async def start_when_reachable(start: Callable[[], Awaitable[T]], *, what: str, policy: FailurePolicy,
                               stopping: asyncio.Event | None = None) -> T:
    """`start()`, retried in place while it fails transiently; Abandoned if told to stop meanwhile."""

    async def pause(seconds: float) -> None:
        if stopping is None:
            await asyncio.sleep(seconds)
            return
        try:
            await asyncio.wait_for(stopping.wait(), timeout=seconds)
        except TimeoutError:
            return
        raise Abandoned(f"stopped while waiting to start {what}")

    return await retry_in_place(start, policy=policy, what=f"start {what}", pause=pause)


async def stop_within(stopping: Awaitable[object], *, what: str, timeout_s: float = STOP_STEP_S) -> None:
    """Await a shutdown step, giving up after `timeout_s` (a broker that is gone cannot be said goodbye to)."""
    try:
        await asyncio.wait_for(stopping, timeout_s)
    except TimeoutError:
        log.warning("shutdown step timed out; going on", what=what, timeout_s=timeout_s)
    except asyncio.CancelledError:
        # aiokafka's consumer.stop() lets the CancelledError of its own fetch tasks out when the
        # broker is gone; only a cancellation of this task itself is ours to pass on.
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise
        log.warning("shutdown step was cancelled inside; going on", what=what)
    except Exception as exc:  # noqa: BLE001 - a failing goodbye must not turn a clean stop into a crash
        log.warning("shutdown step failed; going on", what=what, error=repr(exc)[:300])
