"""The stage worker's rules, over the in-process bus."""

import asyncio

import pytest

from newsflow_shared.envelope import Message, read_event, to_message
from newsflow_shared.events import ParsedArticle
from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.stage import StageWorker, handle_isolating
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


class FailingPublisher:
    async def start(self): ...
    async def stop(self): ...

    async def publish(self, messages):
        raise PublishFailed("broker down")


async def test_nothing_is_committed_when_the_results_are_not_acknowledged():
    bus = InMemoryBus()
    await bus.append([to_message("articles.raw", raw("a1", "first"), source="/test")])
    worker = StageWorker(shout_stage(), bus.consumer("articles.raw", "shout"), FailingPublisher(),
                         dlq_topic="articles.dlq")
    with pytest.raises(PublishFailed):
        await asyncio.wait_for(worker.run(), 5)
    assert bus.committed("articles.raw", "shout") == 0
    # A restarted worker with a healthy publisher reads the same article again and delivers it.
    retry = StageWorker(shout_stage(), bus.consumer("articles.raw", "shout"), bus.publisher(),
                        dlq_topic="articles.dlq")
    await run_worker_until(retry, lambda: bus.committed("articles.raw", "shout") == 1, timeout=5)
    assert [m.key for m in bus.messages("articles.parsed")] == [b"a1"]


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
