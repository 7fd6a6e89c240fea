"""The stage worker's rules, over the in-process bus."""

import asyncio
from dataclasses import replace

from sqlalchemy import exc as sql_errors

from newsflow_shared.envelope import Message, read_event, to_message
from newsflow_shared.events import ParsedArticle
from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.events import RawArticle
from newsflow_shared.failures import FailurePolicy
from newsflow_shared.stage import Stage, StageWorker, handle_isolating
from newsflow_shared.transport import PublishFailed
from tests.infra.sample_stage import raw, shout_stage
from tests.infra.workers import run_worker_until


async def test_good_articles_pass_and_poison_goes_to_the_dlq_with_its_error():
    bus = InMemoryBus()
    stage = shout_stage()
    await bus.append([
        to_message("articles.raw", raw("a1", "first"), source="/test"),
        to_message("articles.raw", raw("a2", "POISON pill"), source="/test"),
        Message(topic="articles.raw", key=b"a3", value=b"{not json"),
        to_message("articles.raw", raw("a4", "fourth"), source="/test"),
        # The right JSON shape under the wrong event type is refused too.
        to_message("articles.raw", ParsedArticle.model_validate(
            {"article_id": "a5", "metadata": {}, "body": "x", "pipeline": {"parse": "t"}}), source="/test"),
    ])
    worker = StageWorker(stage, bus.consumer("articles.raw", "shout"), bus.publisher(), dlq_topic="articles.dlq")
    await run_worker_until(worker, lambda: bus.committed("articles.raw", "shout") == 5, timeout=5)

    parsed = [read_event(m, ParsedArticle) for m in bus.messages("articles.parsed")]
    assert [(p.article_id, p.body) for p in parsed] == [("a1", "FIRST"), ("a4", "FOURTH")]
    dead = {m.key.decode(): m for m in bus.messages("articles.dlq")}
    assert set(dead) == {"a2", "a3", "a5"}
    assert "cannot parse a2" in dead["a2"].header("nf_error")
    assert dead["a3"].value == b"{not json"  # the original payload, untouched
    assert dead["a3"].header("nf_error_type") == "ValidationError"
    assert "expected event type" in dead["a5"].header("nf_error")
    assert dead["a2"].header("nf_stage") == "shout"
    assert dead["a2"].header("nf_original_offset") == "1"


async def test_each_output_has_a_progress_record_beside_it_and_a_dead_letter_none():
    bus = InMemoryBus()
    stage = replace(shout_stage(), reached="parsed")
    await bus.append([to_message("articles.raw", raw(f"a{i}", text), source="/test")
                      for i, text in enumerate(["first", "POISON pill", "third"])])
    worker = StageWorker(stage, bus.consumer("articles.raw", "shout"), bus.publisher(), dlq_topic="articles.dlq",
                         status_topic="articles.status")
    await run_worker_until(worker, lambda: bus.committed("articles.raw", "shout") == 3, timeout=5)

    outputs = {m.key: m for m in bus.messages("articles.parsed")}
    records = bus.messages("articles.status")
    assert [m.key for m in records] == [b"a0", b"a2"]  # not the poison: its status comes from the DLQ
    assert {m.header("nf_step") for m in records} == {"parsed"}
    assert all(m.header("nf_at") == outputs[m.key].header("ce_time") for m in records)


def test_isolation_reruns_one_by_one_only_when_the_batch_fails():
    calls = []
    stage = shout_stage()
    counting = type(stage)(stage.name, stage.input_topic, stage.input_model, stage.output_topic,
                           lambda events: calls.append(len(events)) or stage.handle(events))
    ok = handle_isolating(counting, [raw("a", "x"), raw("b", "y")])
    assert [o.body for o in ok] == ["X", "Y"] and calls == [2]
    calls.clear()
    mixed = handle_isolating(counting, [raw("a", "x"), raw("b", "POISON"), raw("c", "z")])
    assert calls == [3, 1, 1, 1]
    assert isinstance(mixed[1], ValueError) and mixed[0].body == "X" and mixed[2].body == "Z"


class FlakyPublisher:
    """Refuses writes (as an unreachable broker) until `healthy` is set, then writes to the bus."""

    def __init__(self, bus: InMemoryBus) -> None:
        self.bus, self.healthy, self.refused = bus, False, 0

    async def start(self): ...
    async def stop(self): ...

    async def publish(self, messages):
        if not self.healthy:
            self.refused += 1
            raise PublishFailed("Kafka did not acknowledge the write in time")
        await self.bus.append(messages)


FAST = FailurePolicy(backoff_first_s=0.005, backoff_max_s=0.02)


async def running_against_an_absent_broker(refusals: int):
    """A worker with one article to write, started against a broker that refused it `refusals` times so far."""
    bus = InMemoryBus()
    await bus.append([to_message("articles.raw", raw("a1", "first"), source="/test")])
    publisher = FlakyPublisher(bus)
    worker = StageWorker(shout_stage(), bus.consumer("articles.raw", "shout"), publisher,
                         dlq_topic="articles.dlq", policy=FAST)
    task = asyncio.create_task(worker.run())
    async with asyncio.timeout(5):
        while publisher.refused < refusals:
            await asyncio.sleep(0.01)
    return bus, publisher, worker, task


async def test_an_unacknowledged_write_is_retried_in_place_never_committed_past_nor_a_reason_to_exit():
    bus, publisher, worker, task = await running_against_an_absent_broker(5)
    assert not task.done()  # still running, waiting
    assert bus.committed("articles.raw", "shout") == 0  # nothing committed past the unwritten result
    assert worker.health.waiting_for == "kafka" and not worker.health.ready() and worker.health.live()
    publisher.healthy = True  # the broker is back
    async with asyncio.timeout(5):
        while bus.committed("articles.raw", "shout") < 1:
            await asyncio.sleep(0.01)
    worker.stop()
    await task
    assert [m.key for m in bus.messages("articles.parsed")] == [b"a1"]
    assert bus.messages("articles.dlq") == []
    assert worker.health.waiting_for is None


async def test_a_stop_while_waiting_leaves_the_batch_uncommitted_for_the_next_worker():
    bus, _, worker, task = await running_against_an_absent_broker(2)
    worker.stop()
    await asyncio.wait_for(task, 5)  # returns (no exception): a stop, not a crash
    assert bus.committed("articles.raw", "shout") == 0
    retry = StageWorker(shout_stage(), bus.consumer("articles.raw", "shout"), bus.publisher(),
                        dlq_topic="articles.dlq", policy=FAST)
    await run_worker_until(retry, lambda: bus.committed("articles.raw", "shout") == 1, timeout=5)
    assert [m.key for m in bus.messages("articles.parsed")] == [b"a1"]


def database_down() -> Exception:
    return sql_errors.OperationalError("INSERT", {}, ConnectionRefusedError("connection refused"))


async def test_a_handler_failing_on_its_database_is_retried_whole_and_nothing_is_dead_lettered():
    bus = InMemoryBus()
    await bus.append([to_message("articles.raw", raw(f"a{n}", f"story {n}"), source="/test") for n in range(3)])
    calls: list[int] = []

    def save(events):
        calls.append(len(events))
        if len(calls) <= 3:
            raise database_down()
        return shout_stage().handle(events)

    stage = Stage("store", "articles.raw", RawArticle, "articles.parsed", save)
    worker = StageWorker(stage, bus.consumer("articles.raw", "store"), bus.publisher(), dlq_topic="articles.dlq",
                         policy=FAST)
    await run_worker_until(worker, lambda: bus.committed("articles.raw", "store") == 3, timeout=5)
    assert calls == [3, 3, 3, 3]  # the whole batch, again, never one by one
    assert bus.messages("articles.dlq") == []
    assert [m.key for m in bus.messages("articles.parsed")] == [b"a0", b"a1", b"a2"]


async def test_one_event_that_fails_transiently_alone_holds_the_batch_instead_of_dead_lettering_it():
    bus = InMemoryBus()
    await bus.append([to_message("articles.raw", raw("a1", "POISON"), source="/test"),
                      to_message("articles.raw", raw("a2", "needs the database"), source="/test")])
    database = {"up": False}

    def handle(events):
        if any("POISON" in e.content for e in events):
            raise ValueError("cannot parse a1")
        if not database["up"]:
            raise database_down()
        return shout_stage().handle(events)

    stage = Stage("store", "articles.raw", RawArticle, "articles.parsed", handle)
    worker = StageWorker(stage, bus.consumer("articles.raw", "store"), bus.publisher(), dlq_topic="articles.dlq",
                         policy=FAST)
    task = asyncio.create_task(worker.run())
    async with asyncio.timeout(5):
        while worker.health.waiting_for != "database":
            await asyncio.sleep(0.01)
    assert bus.messages("articles.dlq") == [] and bus.committed("articles.raw", "store") == 0
    database["up"] = True
    async with asyncio.timeout(5):
        while bus.committed("articles.raw", "store") < 2:
            await asyncio.sleep(0.01)
    worker.stop()
    await task
    assert [m.key for m in bus.messages("articles.dlq")] == [b"a1"]  # the poison alone
    assert [m.key for m in bus.messages("articles.parsed")] == [b"a2"]


async def test_the_bus_forgets_what_every_group_has_committed_and_keeps_the_rest():
    bus = InMemoryBus()
    slow = bus.consumer("articles.raw", "slow", max_records=2)
    fast = bus.consumer("articles.raw", "fast", max_records=10)
    await slow.start()
    await fast.start()
    await bus.append([to_message("articles.raw", raw(f"a{n}", "x"), source="/test") for n in range(5)])
    await fast.commit(await fast.poll())
    assert len(bus.messages("articles.raw")) == 5  # "slow" has not read them yet
    first_two = await slow.poll()
    await slow.commit(first_two)
    assert [m.key for m in bus.messages("articles.raw")] == [b"a2", b"a3", b"a4"]
    # A consumer of the group restarting resumes at its commit, offsets unchanged.
    again = bus.consumer("articles.raw", "slow", max_records=10)
    await again.start()
    assert [(m.key, m.offset) for m in await again.poll()] == [(b"a2", 2), (b"a3", 3), (b"a4", 4)]
