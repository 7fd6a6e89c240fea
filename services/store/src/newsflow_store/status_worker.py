"""The status consumers: what the pipeline's topics say about each article, into article_status.

Two consumer groups beside the store stage's own on articles.enriched:
"store-status" reads the progress records on articles.status (received,
parsed, enriched), "store-status-dlq" the dead letters (failed). Each reads
every message of its topic once, records the statuses they imply (status.py)
in one upsert per batch, then commits. They follow the one failure policy (newsflow_shared.failures): a
database that is down or busy is waited for in place, the batch uncommitted,
and statuses are idempotent. They never dead-letter anything, so reading
articles.dlq cannot feed it back: a message whose status fails again on its
own (permanent) is logged and counted as skipped; statuses are derived from
the topics, and the article itself is untouched.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Protocol

import structlog
from sqlalchemy.engine import Engine

from newsflow_shared.batch_loop import consume_batches, retry_observed
from newsflow_shared.envelope import Message
from newsflow_shared.failures import Abandoned, FailurePolicy, Pause
from newsflow_shared.kafka_transport import KafkaBatchConsumer
from newsflow_shared.lifecycle import start_when_reachable, stop_within
from newsflow_shared.metrics import STATUS_SKIPPED
from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.kafka_connection import KafkaConnection
from newsflow_shared.settings import Settings
from newsflow_shared.transport import BatchConsumer
from newsflow_shared.worker_health import WorkerHealth
from newsflow_store.crud.status import record_statuses
from newsflow_store.db import write_session
from newsflow_store.status import StatusUpdate, combine_updates, update_from_dead_letter, update_from_progress

log = structlog.get_logger(__name__)


class ReadStatus(Protocol):
    """What a feed's messages say: the status update one message reports, or None if it names no article."""

    def __call__(self, message: Message, *, now: datetime) -> StatusUpdate | None: ...


@dataclass(frozen=True)
class StatusFeed:
    """A topic and how to read a status from its messages; `name` is the consumer group."""

    name: str
    input_topic: str
    read: ReadStatus


def progress_feed(settings: Settings) -> StatusFeed:
    """Received, parsed, enriched: the progress records ingest, parse and enrich write (newsflow_shared.progress)."""
    return StatusFeed("store-status", settings.topic_status, update_from_progress)


def status_feeds(settings: Settings) -> list[StatusFeed]:
    return [
        progress_feed(settings),
        StatusFeed("store-status-dlq", settings.topic_dlq, update_from_dead_letter),
    ]


def record_batch(engine: Engine, feed: StatusFeed, batch: list[Message]) -> int:
    now = datetime.now(timezone.utc)
    updates = [u for m in batch if (u := feed.read(m, now=now)) is not None]
    records = combine_updates(updates)
    with write_session(engine) as session:
        record_statuses(session, records)
        session.commit()
    return len(records)


class StatusWorker:
    """Runs one feed from any transport (Kafka, or the in-process bus of the embedded mode)."""

    def __init__(self, feed: StatusFeed, consumer: BatchConsumer, engine: Engine, *, interval_s: float = 0.0,
                 policy: FailurePolicy | None = None) -> None:
        self.stage = feed  # run_services names the worker's task after stage.name
        self.consumer, self.engine, self.interval_s = consumer, engine, interval_s
        self.policy = policy or FailurePolicy()
        self._stopping = asyncio.Event()
        self.processed = 0
        self.health = WorkerHealth(feed.name, stall_s=self.policy.stall_s, owns_partitions=consumer.owns_partitions)

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        try:
            await start_when_reachable(self.consumer.start, what=f"{self.stage.name} consumer", policy=self.policy,
                                       stopping=self._stopping)
        except Abandoned:
            await stop_within(self.consumer.stop(), what=f"{self.stage.name} consumer")
            return
        self.health.started = True
        log.info("status feed started", feed=self.stage.name, topic=self.stage.input_topic)
        try:
            await consume_batches(self.consumer, self._record, self._stopping, health=self.health,
                                  policy=self.policy, min_interval_s=self.interval_s)
        finally:
            self.health.started = False
            await stop_within(self.consumer.stop(), what=f"{self.stage.name} consumer")
            log.info("status feed stopped", feed=self.stage.name, processed=self.processed)

    async def _record(self, batch: list[Message], pause: Pause) -> bool:
        """True once recorded; raises Abandoned if stopped or revoked while waiting for the database."""
        try:
            await self._retrying(batch, pause)
        except Abandoned:
            raise
        except Exception:  # noqa: BLE001 - permanent: find the message(s) at fault, record the rest
            for message in batch:
                try:
                    await self._retrying([message], pause)
                except Abandoned:
                    raise
                except Exception as exc:  # noqa: BLE001
                    STATUS_SKIPPED.labels(self.stage.name).inc()
                    log.error("status not recordable; skipped", feed=self.stage.name, error=repr(exc)[:300],
                              partition=message.partition, offset=message.offset)
        self.processed += len(batch)
        return True

    async def _retrying(self, batch: list[Message], pause: Pause) -> None:
        await retry_observed(lambda: asyncio.to_thread(record_batch, self.engine, self.stage, batch),
                             what="record", policy=self.policy, health=self.health, pause=pause)


# A status feed writes once per interval at most; its fetches need not be more frequent than that. The
# broker holds each until this much is there or the interval has passed: under load, two fetches a
# second instead of one after every write of the stages it follows, for the broker and for the store.
STATUS_FETCH_MIN_BYTES = 256 * 1024


def kafka_status_workers(engine: Engine, settings: Settings) -> list[StatusWorker]:
    return [
        StatusWorker(feed, KafkaBatchConsumer(KafkaConnection.from_settings(settings), feed.input_topic, group=feed.name,
                                              max_records=max(settings.batch_size, 100),
                                              poll_timeout_ms=settings.poll_timeout_ms,
                                              fetch_min_bytes=STATUS_FETCH_MIN_BYTES,
                                              fetch_max_wait_ms=settings.status_interval_ms), engine,
                     interval_s=settings.status_interval_ms / 1000, policy=FailurePolicy.from_settings(settings))
        for feed in status_feeds(settings)
    ]


def memory_status_workers(engine: Engine, settings: Settings, bus: InMemoryBus) -> list[StatusWorker]:
    """For the embedded mode: the same feeds over the in-process bus."""
    return [
        StatusWorker(feed, bus.consumer(feed.input_topic, feed.name, max_records=max(settings.batch_size, 100)),
                     engine, interval_s=settings.status_interval_ms / 1000, policy=FailurePolicy.from_settings(settings))
        for feed in status_feeds(settings)
    ]
