"""aiokafka behind the transport protocols, configured to lose nothing.

Producer: acks="all" with idempotence. Consumer: auto-commit off, earliest
offset for a new group, batches from getmany(), commits of exactly what was
processed, and a rebalance listener that lets the batch in flight finish and
commit before partitions are revoked (the pattern of aiokafka's
local_state_consumer example).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import AsyncIterator, Sequence

import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition, codec
from aiokafka.errors import (
    CommitFailedError,
    IllegalStateError,
    KafkaConnectionError,
    KafkaError,
    KafkaTimeoutError,
)

from newsflow_shared.envelope import Message
from newsflow_shared.kafka_connection import Kafka, client_options
from newsflow_shared.metrics import CONSUMER_LAG
from newsflow_shared.transport import PublishFailed

log = structlog.get_logger(__name__)


def producer_compression(requested: str = "auto") -> str | None:
    """aiokafka's compression_type for a setting: "auto" is snappy if its codec is installed, else none.

    Snappy, because a producer under load sends many small batches (a few records
    per partition) and aiokafka compresses at fixed levels: zstd at 3, lz4 at 9
    (its slow high-compression mode), gzip at 9. On a batch of one to three
    articles snappy costs 3-11 us, zstd 20-45, lz4 14-33, gzip 27-98: with ingest
    at 2,000 articles/s, zstd or lz4 took 10% more of its CPU than snappy, which
    cost no more than no compression. zstd makes large batches a third smaller
    than snappy does: choose it where network or disk is the bottleneck.
    """
    if requested == "auto":
        return "snappy" if codec.has_snappy() else None
    return None if requested == "none" else requested


class KafkaPublisher:
    def __init__(
        self,
        bootstrap_servers: Kafka,
        *,
        request_timeout_ms: int = 15_000,
        client_id: str = "newsflow",
        compression: str = "gzip",
        linger_ms: int = 5,
    ) -> None:
        self._timeout_s = request_timeout_ms / 1000
        self.compression = producer_compression(compression)
        self._producer = AIOKafkaProducer(
            **client_options(bootstrap_servers),
            client_id=client_id,
            acks="all",
            enable_idempotence=True,
            request_timeout_ms=request_timeout_ms,
            linger_ms=linger_ms,
            compression_type=self.compression,
            max_request_size=8 * 1024 * 1024,
        )
        self.started = False

    async def start(self) -> None:
        await self._producer.start()
        self.started = True

    async def stop(self, flush_timeout_s: float = 10.0) -> None:
        """Flush what is queued; give up after a while if the broker is gone.

        With idempotence aiokafka retries queued batches until a broker answers,
        so a plain stop() would hang forever. What is abandoned here was never
        acknowledged, hence never reported as accepted or committed.
        """
        self.started = False
        stopping = asyncio.ensure_future(self._producer.stop())
        done, _ = await asyncio.wait([stopping], timeout=flush_timeout_s)
        if not done:
            log.warning("producer could not flush; abandoning unacknowledged writes", timeout_s=flush_timeout_s)
            stopping.cancel()
            sender_task = getattr(getattr(self._producer, "_sender", None), "sender_task", None)
            if sender_task is not None:
                sender_task.cancel()
            with contextlib.suppress(Exception):
                await self._producer.client.close()

    async def publish(self, messages: Sequence[Message]) -> None:
        if not self.started:
            # Refused before anything is sent: nothing was written, and later it may work.
            raise PublishFailed("not connected to Kafka yet", outcome_unknown=False, transient=True)
        try:
            # One bound for the whole write: send() itself waits while the broker is unknown (metadata)
            # or the producer's buffer is full.
            async with asyncio.timeout(self._timeout_s * 2):
                pending = [
                    await self._producer.send(m.topic, value=m.value, key=m.key, headers=list(m.headers))
                    for m in messages
                ]
                # Wait for every ack; a write is only done when the broker has it. gather, so that after a
                # first failure the other futures' outcomes are still collected (none left unretrieved).
                outcomes = await asyncio.gather(*pending, return_exceptions=True)
            failed = next((outcome for outcome in outcomes if isinstance(outcome, BaseException)), None)
            if failed is not None:
                raise failed
        except asyncio.TimeoutError as exc:
            raise PublishFailed("Kafka did not acknowledge the write in time; it may still land") from exc
        except KafkaError as exc:
            # Retriable errors (no leader, broker gone, timeouts) may have left records on their way;
            # a refusal of the records themselves (too large, say) means none was written.
            retriable = exc.retriable or isinstance(exc, (KafkaConnectionError, KafkaTimeoutError))
            raise PublishFailed(f"Kafka did not acknowledge the write: {exc!r}",
                                outcome_unknown=retriable, transient=retriable) from exc


class _CommitBeforeRevoke(ConsumerRebalanceListener):
    def __init__(self, consumer: "KafkaBatchConsumer") -> None:
        self._consumer = consumer

    async def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        # Taking the lock waits for the batch in flight, which commits before releasing it; one that
        # is waiting for a dependency sees `revoking` and gives itself up instead (uncommitted).
        self._consumer.revoking = True
        self._consumer.forget_lag(revoked)  # another member reports these now
        try:
            async with self._consumer.in_flight():
                log.info("partitions revoked", group=self._consumer.group,
                         partitions=[f"{tp.topic}[{tp.partition}]" for tp in revoked])
        finally:
            self._consumer.revoking = False

    async def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        self._consumer.assignments += 1
        log.info("partitions assigned", group=self._consumer.group,
                 partitions=[f"{tp.topic}[{tp.partition}]" for tp in assigned])


class KafkaBatchConsumer:
    def __init__(
        self,
        bootstrap_servers: Kafka,
        topic: str,
        group: str,
        *,
        max_records: int = 32,
        poll_timeout_ms: int = 500,
        max_poll_interval_ms: int = 300_000,
        fetch_min_bytes: int = 1,
        fetch_max_wait_ms: int = 500,
    ) -> None:
        self.group = group
        self._topic = topic
        self._max_records, self._poll_timeout_ms = max_records, poll_timeout_ms
        self._lock = asyncio.Lock()
        self.started = asyncio.Event()
        self.revoking = False
        self.assignments = 0  # rebalances this consumer went through (the first assignment included)
        self._consumer = AIOKafkaConsumer(
            **client_options(bootstrap_servers),
            group_id=group,
            client_id=f"newsflow-{group}",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_interval_ms=max_poll_interval_ms,
            max_partition_fetch_bytes=8 * 1024 * 1024,
            fetch_max_bytes=32 * 1024 * 1024,
            # With the defaults the broker answers a fetch as soon as one record is there: under a
            # steady trickle, one round trip per write, whatever the worker then does with it.
            fetch_min_bytes=fetch_min_bytes,
            fetch_max_wait_ms=fetch_max_wait_ms,
        )

    async def start(self) -> None:
        await self._consumer.start()
        self._consumer.subscribe([self._topic], listener=_CommitBeforeRevoke(self))
        self.started.set()

    async def stop(self) -> None:
        await self._consumer.stop()

    async def poll(self) -> list[Message]:
        batches = await self._consumer.getmany(timeout_ms=self._poll_timeout_ms, max_records=self._max_records)
        await self._observe_lag()
        return [
            Message(
                topic=record.topic,
                key=record.key,
                value=record.value,
                headers=tuple((k, v) for k, v in record.headers),
                partition=record.partition,
                offset=record.offset,
            )
            for records in batches.values()
            for record in records
        ]

    async def _observe_lag(self) -> None:
        """newsflow_consumer_lag per owned partition: what the broker holds beyond this consumer's position."""
        for tp in self._consumer.assignment():
            high = self._consumer.highwater(tp)  # from the last fetch response; None before the first
            if high is None:
                continue
            try:
                position = await self._consumer.position(tp)
            except (KafkaError, IllegalStateError):
                continue  # revoked meanwhile
            CONSUMER_LAG.labels(self.group, tp.topic, str(tp.partition)).set(max(high - position, 0))

    def forget_lag(self, partitions: list[TopicPartition]) -> None:
        for tp in partitions:
            with contextlib.suppress(KeyError):
                CONSUMER_LAG.remove(self.group, tp.topic, str(tp.partition))

    @contextlib.asynccontextmanager
    async def in_flight(self) -> AsyncIterator[None]:
        async with self._lock:
            yield

    def still_assigned(self, batch: list[Message]) -> list[Message]:
        owned = self._consumer.assignment()
        return [m for m in batch if TopicPartition(m.topic, m.partition) in owned]

    async def committed_offsets(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        """The group's committed offset per partition (0 where it has committed nothing)."""
        return {tp: (await self._consumer.committed(tp)) or 0 for tp in partitions}

    async def idle(self, seconds: float) -> None:
        """Poll with every partition paused: the group sees a live member, no record is taken.

        A partition assigned during the wait is not paused yet; whatever it returns
        is put back (seek) so it is read again as part of a regular batch.
        """
        owned = self._consumer.assignment()
        self._consumer.pause(*owned)
        try:
            returned = await self._consumer.getmany(timeout_ms=max(int(seconds * 1000), 1))
        except KafkaError as exc:
            log.warning("poll while waiting failed", group=self.group, error=repr(exc)[:200])
            await asyncio.sleep(seconds)
            return
        finally:
            still_owned = self._consumer.assignment()
            self._consumer.resume(*(tp for tp in owned if tp in still_owned))
        for tp, records in returned.items():
            if records:
                self._consumer.seek(tp, records[0].offset)

    def owns_partitions(self) -> bool:
        return bool(self._consumer.assignment())

    async def commit(self, batch: list[Message]) -> None:
        offsets: dict[TopicPartition, int] = {}
        for m in batch:
            tp = TopicPartition(m.topic, m.partition)
            offsets[tp] = max(offsets.get(tp, 0), m.offset + 1)
        if not offsets:
            return
        try:
            await self._consumer.commit(offsets)
        except (CommitFailedError, IllegalStateError) as exc:
            # The group moved on; the new owner re-reads from the last commit and
            # downstream writes are idempotent, so this costs a redelivery, not data.
            log.warning("commit refused after rebalance", error=repr(exc))
