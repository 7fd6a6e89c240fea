"""Sending dead letters back to the topic they came from: what `newsflow redrive` does.

Each dead letter keeps its original payload and headers and adds nf_* headers
saying where it came from and why it failed (dead_letter.py). Redriving one
strips those and publishes the original again to `nf_original_topic`, with
`nf_redriven_from` naming the dead letter. The stage that failed on it
handles it anew: after a fix (a new version deployed, a budget raised) it
passes; if it fails again it is dead-lettered again, with the new reason.

Safe to run twice: every stage is idempotent on an article (same input, same
output; the store upserts by article id, newest version winning), so a second
redrive of the same records costs processing, never a duplicate. Within one
run an article dead-lettered several times from the same topic is sent once,
its latest dead letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from aiokafka import AIOKafkaConsumer, TopicPartition

from newsflow_shared.envelope import Message
from newsflow_shared.kafka_admin import topic_partitions
from newsflow_shared.kafka_connection import Kafka, client_options
from newsflow_shared.kafka_transport import KafkaPublisher

# Headers dead_letter() adds; a redriven message leaves them behind (it may collect new ones).
DEAD_LETTER_HEADERS = frozenset({"nf_error", "nf_error_type", "nf_stage", "nf_original_topic",
                                 "nf_original_partition", "nf_original_offset"})
REDRIVEN_FROM = "nf_redriven_from"


@dataclass(frozen=True)
class DeadLetter:
    """A record read from the dead-letter topic."""

    message: Message
    dead_at: datetime  # the record's timestamp: when it was dead-lettered

    @property
    def article_id(self) -> str:
        return self.message.article_id

    @property
    def stage(self) -> str | None:
        return self.message.header("nf_stage")

    @property
    def error_type(self) -> str | None:
        return self.message.header("nf_error_type")

    @property
    def error(self) -> str | None:
        return self.message.header("nf_error")

    @property
    def original_topic(self) -> str | None:
        return self.message.header("nf_original_topic")

    @property
    def where(self) -> str:
        return f"{self.message.topic}:{self.message.partition}:{self.message.offset}"


@dataclass(frozen=True)
class RedriveFilter:
    """Which dead letters to send back; an empty criterion matches everything."""

    stages: frozenset[str] = field(default_factory=frozenset)
    error_types: frozenset[str] = field(default_factory=frozenset)
    article_ids: frozenset[str] = field(default_factory=frozenset)
    since: datetime | None = None
    until: datetime | None = None

    def matches(self, dead: DeadLetter) -> bool:
        return (
            (not self.stages or dead.stage in self.stages)
            and (not self.error_types or dead.error_type in self.error_types)
            and (not self.article_ids or dead.article_id in self.article_ids)
            and (self.since is None or dead.dead_at >= self.since)
            and (self.until is None or dead.dead_at < self.until)
        )


def redriven(dead: DeadLetter) -> Message:
    """The original message again, bound for its original topic, marked with where it was redriven from."""
    topic = dead.original_topic
    if not topic:
        raise ValueError(f"dead letter {dead.where} names no original topic (nf_original_topic)")
    headers = tuple((k, v) for k, v in dead.message.headers if k not in DEAD_LETTER_HEADERS and k != REDRIVEN_FROM)
    return Message(topic=topic, key=dead.message.key, value=dead.message.value,
                   headers=headers + ((REDRIVEN_FROM, dead.where.encode("utf-8")),))


def plan_redrive(dead_letters: list[DeadLetter], selection: RedriveFilter) -> list[DeadLetter]:
    """The dead letters to send, oldest first: those selected, the latest per article and original topic."""
    latest: dict[tuple[str, str | None], DeadLetter] = {}
    for dead in sorted(dead_letters, key=lambda d: (d.dead_at, d.message.partition, d.message.offset)):
        if selection.matches(dead) and dead.original_topic:
            latest[(dead.article_id, dead.original_topic)] = dead
    return sorted(latest.values(), key=lambda d: (d.dead_at, d.message.partition, d.message.offset))


async def read_dead_letters(bootstrap_servers: Kafka, dlq_topic: str) -> list[DeadLetter]:
    """Every record on the dead-letter topic up to its end now (no consumer group: nothing is committed)."""
    partitions = [TopicPartition(dlq_topic, p) for p in await topic_partitions(bootstrap_servers, dlq_topic)]
    # "earliest", and explicit seeks: after assign() the default "latest" reset can win over
    # seek_to_beginning() (seen with aiokafka 0.14: the position came back at the end offset).
    consumer = AIOKafkaConsumer(**client_options(bootstrap_servers), group_id=None, enable_auto_commit=False,
                                auto_offset_reset="earliest", client_id="newsflow-redrive")
    await consumer.start()
    try:
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        for tp, first in (await consumer.beginning_offsets(partitions)).items():
            consumer.seek(tp, first)
        found: list[DeadLetter] = []
        async def behind() -> bool:
            for tp, end in ends.items():
                if await consumer.position(tp) < end:
                    return True
            return False

        while await behind():
            for tp, records in (await consumer.getmany(timeout_ms=1000)).items():
                for record in records:
                    if record.offset >= ends[tp]:
                        continue
                    message = Message(topic=record.topic, key=record.key, value=record.value,
                                      headers=tuple((k, v) for k, v in record.headers),
                                      partition=record.partition, offset=record.offset)
                    found.append(DeadLetter(message, datetime.fromtimestamp(record.timestamp / 1000, timezone.utc)))
        return found
    finally:
        await consumer.stop()


async def send_back(bootstrap_servers: Kafka, chosen: list[DeadLetter], *, request_timeout_ms: int = 15_000) -> None:
    """Publish the chosen dead letters to their original topics; returns once the broker has all of them."""
    if not chosen:
        return
    publisher = KafkaPublisher(bootstrap_servers, request_timeout_ms=request_timeout_ms, client_id="newsflow-redrive")
    await publisher.start()
    try:
        await publisher.publish([redriven(dead) for dead in chosen])
    finally:
        await publisher.stop()
