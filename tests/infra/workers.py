"""Running a stage worker in a test until the test's condition holds."""

from __future__ import annotations

import asyncio
from typing import Callable

from newsflow_shared.stage import StageWorker


async def run_worker_until(worker: StageWorker, done: Callable[[], bool], timeout: float = 10.0) -> None:
    """Run `worker` until `done()` is true, then stop it and wait for it to finish.

    The worker is stopped and awaited however the wait ends, so a crash inside it
    is raised here. Fails if `done()` is not true within `timeout` seconds, or if
    the worker ends on its own before it is.
    """
    task = asyncio.create_task(worker.run())
    try:
        async with asyncio.timeout(timeout):
            while not done():
                if task.done():
                    break  # crashed or returned early: awaiting it below tells which
                await asyncio.sleep(0.02)
    except TimeoutError:
        raise AssertionError(f"the worker's condition did not hold within {timeout}s") from None
    finally:
        worker.stop()
        await task
    if not done():
        raise AssertionError("the worker stopped before its condition held")
