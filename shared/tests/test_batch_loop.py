"""The shared consume loop: batches handled then committed, and paced when a worker asks."""

import asyncio

from newsflow_shared.batch_loop import consume_batches
from newsflow_shared.envelope import Message
from newsflow_shared.memory_bus import InMemoryBus


def _messages(*keys: str) -> list[Message]:
    return [Message(topic="articles.raw", key=key.encode(), value=b"{}") for key in keys]


async def _run_loop(bus: InMemoryBus, *, min_interval_s: float) -> list[list[str]]:
    """Feed one message, then four more while the first batch's pause (if any) runs; the batches seen."""
    batches: list[list[str]] = []
    stopping = asyncio.Event()

    async def handle(batch: list[Message], pause) -> bool:
        batches.append([m.key.decode() for m in batch])
        return True

    consumer = bus.consumer("articles.raw", "feed", max_records=100, timeout=0.05)
    await consumer.start()
    await bus.append(_messages("a1"))
    loop = asyncio.create_task(consume_batches(consumer, handle, stopping, min_interval_s=min_interval_s))
    while not batches:
        await asyncio.sleep(0.01)
    for key in ("a2", "a3", "a4", "a5"):
        await bus.append(_messages(key))
        await asyncio.sleep(0.06)  # longer than a poll: unpaced, each arrives in a batch of its own
    while bus.committed("articles.raw", "feed") < 5:
        await asyncio.sleep(0.01)
    stopping.set()
    await loop
    return batches


async def test_unpaced_every_arrival_is_a_batch_and_paced_they_wait_for_one():
    assert await _run_loop(InMemoryBus(), min_interval_s=0.0) == [["a1"], ["a2"], ["a3"], ["a4"], ["a5"]]
    assert await _run_loop(InMemoryBus(), min_interval_s=1.0) == [["a1"], ["a2", "a3", "a4", "a5"]]


async def test_a_stop_cuts_the_pause_short():
    bus, stopping = InMemoryBus(), asyncio.Event()
    consumer = bus.consumer("articles.raw", "feed", max_records=100, timeout=0.05)
    await consumer.start()
    await bus.append(_messages("a1"))

    async def handle(batch: list[Message], pause) -> bool:
        stopping.set()  # asked to stop while handling: the loop must not sit out its 60 s pause
        return True

    async with asyncio.timeout(5):
        await consume_batches(consumer, handle, stopping, min_interval_s=60.0)
    assert bus.committed("articles.raw", "feed") == 1
