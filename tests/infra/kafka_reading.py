"""Reading a topic back in tests, from the beginning, with a throwaway group; and who is in a group."""

import asyncio
import uuid

from aiokafka import AIOKafkaConsumer
from aiokafka.admin import AIOKafkaAdminClient


async def read_topic(bootstrap: str, topic: str, *, at_least: int, timeout: float = 30.0, settle_ms: int = 1500) -> list:
    """Every record on the topic once `at_least` have arrived and nothing more comes for settle_ms."""
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                                enable_auto_commit=False, group_id=f"reader-{uuid.uuid4()}")
    await consumer.start()
    records: list = []
    try:
        async with asyncio.timeout(timeout):
            while len(records) < at_least:
                for batch in (await consumer.getmany(timeout_ms=500)).values():
                    records.extend(batch)
            while True:
                more = [r for batch in (await consumer.getmany(timeout_ms=settle_ms)).values() for r in batch]
                if not more:
                    break
                records.extend(more)
    except TimeoutError:
        raise AssertionError(f"only {len(records)} of {at_least} records on {topic} after {timeout}s") from None
    finally:
        await consumer.stop()
    return records


async def group_member_count(bootstrap: str, group: str) -> int:
    """How many members the consumer group has now, as the broker sees it."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        (response,) = await admin.describe_consumer_groups([group])
        return len(response.groups[0][5])  # (error, group, state, protocol type, protocol, members, ...)
    finally:
        await admin.close()
