"""The NLP budget: a handler in a child process, stopped when one article costs too much."""

import asyncio
import os
import signal
import time

from newsflow_shared.envelope import EncodedEvent, Message, read_event, to_message
from newsflow_shared.events import ArticleMetadata, ParsedArticle, PipelineVersions
from newsflow_shared.handler_runner import InChildProcess, InThread, runner_for
from newsflow_shared.integrity import TooCostly
from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.settings import Settings
from newsflow_shared.stage import StageWorker, Unreadable
from tests.infra.sample_stage import body_of, raw, raw_message, shout_stage
from tests.infra.workers import run_worker_until


async def test_an_article_over_the_time_budget_is_refused_and_the_rest_of_its_batch_is_handled():
    runner = InChildProcess(seconds_per_article=1.5)
    try:
        started = time.monotonic()
        outcomes = await runner.run(shout_stage(), [raw_message("a1", "one"), raw_message("a2", "HANG here"),
                                                    raw_message("a3", "three")])
        took = time.monotonic() - started
        assert [body_of(o) for o in (outcomes[0], outcomes[2])] == ["ONE", "THREE"]
        assert isinstance(outcomes[1], TooCostly)
        assert "article a2 took more than 1.5 s (NEWSFLOW_NLP_SECONDS_PER_ARTICLE)" in str(outcomes[1])
        # the batch's budget, then the culprit's own, plus starting children: not an hour
        assert took < 30
        # and the child that replaced the killed one goes on working
        (again,) = await runner.run(shout_stage(), [raw_message("a4", "four")])
        assert body_of(again) == "FOUR"
    finally:
        runner.close()


async def test_an_article_over_the_memory_budget_is_refused_with_that_reason():
    runner = InChildProcess(seconds_per_article=60, max_memory_mb=300)
    try:
        outcomes = await runner.run(shout_stage(), [raw_message("a1", "HOG"), raw_message("a2", "fine")])
        assert isinstance(outcomes[0], TooCostly)
        assert "took more than 300 MB (NEWSFLOW_NLP_MAX_MEMORY_MB)" in str(outcomes[0])
        assert body_of(outcomes[1]) == "FINE"
    finally:
        runner.close()


async def test_an_article_that_kills_its_process_is_refused_and_poison_keeps_its_own_error():
    runner = InChildProcess(seconds_per_article=60)
    try:
        died, poison, fine = await runner.run(shout_stage(), [raw_message("a1", "DIE"), raw_message("a2", "POISON"),
                                                              raw_message("a3", "ok")])
        assert isinstance(died, TooCostly) and "died" in str(died)
        assert isinstance(poison, ValueError) and "cannot parse a2" in str(poison)
        assert body_of(fine) == "OK"
    finally:
        runner.close()


async def test_the_worker_dead_letters_a_hanging_article_as_too_costly_and_its_partition_moves_on():
    bus = InMemoryBus()
    await bus.append([to_message("articles.raw", raw(f"a{i}", "HANG" if i == 1 else f"text {i}"), source="/test")
                      for i in range(4)])
    worker = StageWorker(shout_stage(costly=True), bus.consumer("articles.raw", "shout"), bus.publisher(),
                         dlq_topic="articles.dlq", runner=InChildProcess(seconds_per_article=1.5))
    ticks = 0

    async def count_ticks():  # the event loop keeps turning while the child works
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    ticker = asyncio.create_task(count_ticks())
    started = time.monotonic()
    await run_worker_until(worker, lambda: bus.committed("articles.raw", "shout") == 4, timeout=60)
    ticker.cancel()
    assert ticks > (time.monotonic() - started) / 0.05 * 0.5
    parsed = [read_event(m, ParsedArticle).article_id for m in bus.messages("articles.parsed")]
    assert parsed == ["a0", "a2", "a3"]
    (dead,) = bus.messages("articles.dlq")
    assert dead.key == b"a1" and "too costly to process" in dead.header("nf_error")


async def test_ctrl_c_in_the_terminal_leaves_the_child_to_its_parent():
    # Ctrl-C reaches the whole process group: the service stops itself, then its child, which must
    # not die first and send the article it holds to the dead-letter topic (pebble's workers ignore it).
    runner = InChildProcess(seconds_per_article=60)
    try:
        await runner.start(shout_stage())
        child = await asyncio.wrap_future(runner._child().schedule(os.getpid))
        os.kill(child, signal.SIGINT)  # what the terminal sends every process of the group
        (outcome,) = await runner.run(shout_stage(), [raw_message("a1", "still here")])
        assert body_of(outcome) == "STILL HERE"
        assert await asyncio.wrap_future(runner._child().schedule(os.getpid)) == child
    finally:
        runner.close()


async def test_the_child_reads_the_messages_and_sends_back_json_and_the_unreadable_are_dead_letters():
    # The parent never decodes: a message that is not the stage's input is found out in the child,
    # and dead-lettered as a contract breach with its own error, as a worker in a thread does.
    bus = InMemoryBus()
    await bus.append([raw_message("a1", "fine"), Message(topic="articles.raw", key=b"a2", value=b"{not json"),
                      to_message("articles.raw", ParsedArticle(article_id="a3", metadata=ArticleMetadata(), body="x",
                                                               pipeline=PipelineVersions(parse="t")), source="/test")])
    runner = InChildProcess(seconds_per_article=60)
    try:
        fine, unreadable, wrong_type = await runner.run(shout_stage(), bus.messages("articles.raw"))
        assert isinstance(fine, EncodedEvent) and (fine.article_id, fine.event_type) == ("a1", ParsedArticle.EVENT_TYPE)
        assert body_of(fine) == "FINE"
        assert isinstance(unreadable, Unreadable) and type(unreadable.error).__name__ == "ValidationError"
        assert isinstance(wrong_type, Unreadable) and "expected event type" in str(wrong_type.error)
    finally:
        runner.close()
    worker = StageWorker(shout_stage(costly=True), bus.consumer("articles.raw", "shout"), bus.publisher(),
                         dlq_topic="articles.dlq", runner=InChildProcess(seconds_per_article=60))
    await run_worker_until(worker, lambda: bus.committed("articles.raw", "shout") == 3, timeout=60)
    (parsed,) = bus.messages("articles.parsed")
    assert read_event(parsed, ParsedArticle).body == "FINE" and parsed.header("ce_subject") == "a1"
    dead = {m.key: m.header("nf_error_type") for m in bus.messages("articles.dlq")}
    assert dead == {b"a2": "ValidationError", b"a3": "WrongEventType"}


def test_the_settings_put_only_costly_stages_in_a_child():
    settings = Settings(nlp_seconds_per_article=5, nlp_max_memory_mb=700)
    costly = runner_for(shout_stage(costly=True), settings)
    assert isinstance(costly, InChildProcess)
    assert (costly.seconds_per_article, costly.max_memory_mb) == (5, 700)
    assert isinstance(runner_for(shout_stage(), settings), InThread)
    assert isinstance(runner_for(shout_stage(costly=True), Settings(nlp_isolation="thread")), InThread)
    assert costly._pool is None  # nothing started: the child comes with the first batch
