"""The stage worker on a real Kafka broker: replicas, rebalances and crashes lose nothing."""

import asyncio
import uuid
from collections import Counter

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import exc as sql_errors

from newsflow_shared.envelope import Message, to_message
from newsflow_shared.events import RawArticle
from newsflow_shared.failures import FailurePolicy
from newsflow_shared.handler_runner import InChildProcess
from newsflow_shared.kafka_admin import ensure_topics
from newsflow_shared.kafka_transport import KafkaBatchConsumer, KafkaPublisher
from newsflow_shared.stage import Stage, StageWorker
from tests.infra.kafka_reading import group_member_count, read_topic
from tests.infra.sample_stage import raw, shout_stage

pytestmark = pytest.mark.integration


def topics() -> tuple[str, str, str]:
    run = uuid.uuid4().hex[:8]
    return f"raw-{run}", f"parsed-{run}", f"dlq-{run}"


def worker(bootstrap: str, raw_topic: str, parsed_topic: str, dlq: str, *, consumer=None, delay_s=0.0) -> StageWorker:
    stage = shout_stage(raw_topic, parsed_topic, delay_s)
    consumer = consumer or KafkaBatchConsumer(bootstrap, raw_topic, group=f"shout-{raw_topic}", max_records=10)
    return StageWorker(stage, consumer, KafkaPublisher(bootstrap), dlq_topic=dlq)


async def publish_articles(bootstrap: str, topic: str, count: int, poison_every: int = 0) -> set[str]:
    publisher = KafkaPublisher(bootstrap)
    await publisher.start()
    good = set()
    messages = []
    for n in range(count):
        poison = poison_every and n % poison_every == 0
        messages.append(to_message(topic, raw(f"art-{n}", "POISON" if poison else f"story {n}"), source="/test"))
        if not poison:
            good.add(f"art-{n}")
    messages.append(Message(topic=topic, key=b"garbage", value=b"\x00\x01 not json"))
    await publisher.publish(messages)
    await publisher.stop()
    return good


async def test_replicas_joining_and_leaving_mid_stream_lose_and_duplicate_nothing(kafka_broker):
    bootstrap = kafka_broker.bootstrap_servers
    raw_topic, parsed_topic, dlq = topics()
    await ensure_topics(bootstrap, [raw_topic, parsed_topic, dlq], partitions=4)
    good = await publish_articles(bootstrap, raw_topic, 300, poison_every=50)

    first = worker(bootstrap, raw_topic, parsed_topic, dlq, delay_s=0.04)
    first_task = asyncio.create_task(first.run())
    async with asyncio.timeout(30):
        while first.processed < 40:
            await asyncio.sleep(0.05)
    second = worker(bootstrap, raw_topic, parsed_topic, dlq, delay_s=0.04)  # joins: rebalance while the first is busy
    second_task = asyncio.create_task(second.run())
    async with asyncio.timeout(60):
        while second.processed == 0:  # it joined and owns partitions mid-stream
            await asyncio.sleep(0.05)
    first.stop()  # leaves: its partitions move to the second mid-stream
    await first_task

    parsed = await read_topic(bootstrap, parsed_topic, at_least=len(good), timeout=60)
    second.stop()
    await second_task
    counts = Counter(r.key.decode() for r in parsed)
    assert first.processed + second.processed >= 301  # both really worked
    assert first.processed < 301 and second.processed > 0
    assert set(counts) == good
    assert [k for k, n in counts.items() if n > 1] == []
    dead = await read_topic(bootstrap, dlq, at_least=7)
    assert sorted(r.key.decode() for r in dead) == sorted([f"art-{n}" for n in range(0, 300, 50)] + ["garbage"])


class CrashBeforeCommit(KafkaBatchConsumer):
    """Processes and publishes its first batch, then dies before committing it."""

    async def commit(self, batch):
        raise RuntimeError("process killed before commit")


async def test_a_crash_after_publish_before_commit_redelivers_instead_of_losing(kafka_broker):
    bootstrap = kafka_broker.bootstrap_servers
    raw_topic, parsed_topic, dlq = topics()
    await ensure_topics(bootstrap, [raw_topic, parsed_topic, dlq], partitions=1)
    good = await publish_articles(bootstrap, raw_topic, 5)

    crashing = worker(bootstrap, raw_topic, parsed_topic, dlq,
                      consumer=CrashBeforeCommit(bootstrap, raw_topic, group=f"shout-{raw_topic}", max_records=3))
    with pytest.raises(RuntimeError, match="before commit"):
        await asyncio.wait_for(crashing.run(), 30)

    restarted = worker(bootstrap, raw_topic, parsed_topic, dlq)
    task = asyncio.create_task(restarted.run())
    parsed = await read_topic(bootstrap, parsed_topic, at_least=len(good) + 3, timeout=30)
    restarted.stop()
    await task
    counts = Counter(r.key.decode() for r in parsed)
    assert set(counts) == good  # nothing lost
    # The uncommitted first batch (3 records) was delivered twice: at least once, by design.
    assert sorted(counts.values()) == [1, 1, 2, 2, 2]


async def test_a_worker_waiting_for_its_database_longer_than_max_poll_interval_stays_in_its_group(kafka_broker):
    bootstrap = kafka_broker.bootstrap_servers
    raw_topic, parsed_topic, dlq = topics()
    await ensure_topics(bootstrap, [raw_topic, parsed_topic, dlq], partitions=2)
    good = await publish_articles(bootstrap, raw_topic, 4)
    database = {"up": False}

    def save(events):
        if not database["up"]:
            raise sql_errors.OperationalError("INSERT", {}, ConnectionRefusedError("connection refused"))
        return shout_stage().handle(events)

    group = f"store-{raw_topic}"
    # A member that does not poll for 3 s is put out of the group by its own client: the wait
    # below is longer, so only polling (its partitions paused) keeps it in.
    consumer = KafkaBatchConsumer(bootstrap, raw_topic, group=group, max_records=10, max_poll_interval_ms=3000)
    waiting = StageWorker(Stage("store", raw_topic, RawArticle, parsed_topic, save), consumer,
                          KafkaPublisher(bootstrap), dlq_topic=dlq,
                          policy=FailurePolicy(backoff_first_s=0.2, backoff_max_s=1.0))
    task = asyncio.create_task(waiting.run())
    async with asyncio.timeout(30):
        while waiting.health.waiting_for != "database":
            await asyncio.sleep(0.1)
    for _ in range(8):  # 8 s of outage, checked each second
        await asyncio.sleep(1)
        assert await group_member_count(bootstrap, group) == 1
        assert not task.done()
    # Never out of the group in between: one assignment, no rebalance (a member put out for not
    # polling rejoins at its next poll, and gives its batch up each time).
    assert consumer.assignments == 1
    database["up"] = True
    parsed = await read_topic(bootstrap, parsed_topic, at_least=len(good), timeout=30)
    waiting.stop()
    await task
    assert sorted(r.key.decode() for r in parsed) == sorted(good)  # each once: nothing re-read after a rejoin
    dead = await read_topic(bootstrap, dlq, at_least=1)
    assert [r.key for r in dead] == [b"garbage"]  # the one undecodable record publish_articles adds, nothing else


async def test_articles_over_the_nlp_budget_are_dead_lettered_and_the_worker_stays_in_its_group(kafka_broker):
    bootstrap = kafka_broker.bootstrap_servers
    raw_topic, parsed_topic, dlq = topics()
    await ensure_topics(bootstrap, [raw_topic, parsed_topic, dlq], partitions=1)
    publisher = KafkaPublisher(bootstrap)
    await publisher.start()
    texts = ["story", "HANG", "HANG", "story", "story"]
    await publisher.publish([to_message(raw_topic, raw(f"art-{n}", f"{text} {n}"), source="/test")
                             for n, text in enumerate(texts)])
    await publisher.stop()
    group = f"shout-{raw_topic}"
    # The batch takes its 2 s budget, then each article alone: the two that hang take 2 s each. The
    # member must poll every 3 s or be put out of its group: only polling while it works keeps it in.
    consumer = KafkaBatchConsumer(bootstrap, raw_topic, group=group, max_records=10, max_poll_interval_ms=3000)
    budgeted = StageWorker(shout_stage(raw_topic, parsed_topic, costly=True), consumer, KafkaPublisher(bootstrap),
                           dlq_topic=dlq, runner=InChildProcess(seconds_per_article=2))
    task = asyncio.create_task(budgeted.run())
    try:
        parsed = await read_topic(bootstrap, parsed_topic, at_least=3, timeout=60)
        assert sorted(r.key.decode() for r in parsed) == ["art-0", "art-3", "art-4"]
        dead = await read_topic(bootstrap, dlq, at_least=2, timeout=30)
        assert sorted(r.key.decode() for r in dead) == ["art-1", "art-2"]
        assert all("too costly to process" in dict(r.headers)["nf_error"].decode() for r in dead)
        assert await group_member_count(bootstrap, group) == 1
        assert consumer.assignments == 1  # never put out of the group and let back in
    finally:
        budgeted.stop()
        await task


async def test_the_consumer_reports_its_lag_per_partition(kafka_broker):
    bootstrap = kafka_broker.bootstrap_servers
    raw_topic, _, _ = topics()
    await ensure_topics(bootstrap, [raw_topic], partitions=1)
    await publish_articles(bootstrap, raw_topic, 24)  # and one undecodable record: 25
    consumer = KafkaBatchConsumer(bootstrap, raw_topic, group=f"lag-{raw_topic}", max_records=10)
    await consumer.start()
    try:
        fetched = []
        async with asyncio.timeout(30):
            while not fetched:
                fetched = await consumer.poll()
        lag = REGISTRY.get_sample_value("newsflow_consumer_lag",
                                        {"group": f"lag-{raw_topic}", "topic": raw_topic, "partition": "0"})
        assert lag == 25 - len(fetched)
    finally:
        await consumer.stop()
