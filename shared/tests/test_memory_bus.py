"""The in-process bus keeps a message until every group that will read it has."""

from newsflow_shared.envelope import Message
from newsflow_shared.memory_bus import InMemoryBus


async def test_a_group_whose_consumer_has_not_started_yet_still_gets_what_others_consumed():
    bus = InMemoryBus()
    fast, slow = bus.consumer("articles.raw", "status"), bus.consumer("articles.raw", "parse")
    await fast.start()
    await bus.append([Message(topic="articles.raw", key=b"a1", value=b"{}")])
    await fast.commit(await fast.poll())  # the only group reading so far is done with it

    await slow.start()  # parse, done loading its model
    assert [m.key for m in await slow.poll()] == [b"a1"]


async def test_what_every_group_committed_is_dropped():
    bus = InMemoryBus()
    consumer = bus.consumer("articles.raw", "parse")
    await consumer.start()
    await bus.append([Message(topic="articles.raw", key=b"a1", value=b"{}")])
    await consumer.commit(await consumer.poll())
    assert bus.messages("articles.raw") == []
