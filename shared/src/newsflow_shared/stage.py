"""One pipeline stage: a pure batch handler, and the worker that feeds it from a transport.

The handler knows nothing of Kafka: it takes decoded events and returns one
output per input (or None where the stage emits nothing, as store does). The
worker runs it off the event loop so heartbeats keep flowing, sends poison
messages to the dead-letter topic, waits for every write to be acknowledged
and only then commits the batch.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Generic, Sequence, TypeVar

import structlog

from newsflow_shared.batch_loop import consume_batches
from newsflow_shared.dead_letter import dead_letter
from newsflow_shared.envelope import Message, read_event, to_message
from newsflow_shared.events import Event
from newsflow_shared.metrics import STAGE_DEAD_LETTERS, STAGE_PROCESSED, STAGE_SECONDS
from newsflow_shared.transport import BatchConsumer, Publisher

log = structlog.get_logger(__name__)

In = TypeVar("In", bound=Event)
Out = TypeVar("Out", bound=Event)


@dataclass(frozen=True)
class Stage(Generic[In, Out]):
    name: str
    input_topic: str
    input_model: type[In]
    output_topic: str | None
    handle: Callable[[list[In]], Sequence[Out | None]]


def handle_isolating(stage: Stage, events: list[Event]) -> list[Event | None | BaseException]:
    """Run the handler on the whole batch; if it fails, one by one so only the culprit fails.

    Never raises: a failed event's outcome is its exception.
    """
    if not events:
        return []
    try:
        results = list(stage.handle(events))
        if len(results) != len(events):
            raise RuntimeError(f"{stage.name} returned {len(results)} results for {len(events)} events")
        return results
    except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the others
        if len(events) == 1:
            return [exc]
    return [handle_isolating(stage, [event])[0] for event in events]


class StageWorker:
    def __init__(
        self,
        stage: Stage,
        consumer: BatchConsumer,
        publisher: Publisher,
        *,
        dlq_topic: str,
        executor: Executor | None = None,
    ) -> None:
        self.stage, self.consumer, self.publisher = stage, consumer, publisher
        self.dlq_topic = dlq_topic
        # One thread per worker: the NLP runs beside the event loop, not on it.
        self._executor = executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix=stage.name)
        self._stopping = asyncio.Event()
        self.processed = 0

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        await self.consumer.start()
        await self.publisher.start()
        log.info("stage started", stage=self.stage.name, topic=self.stage.input_topic)
        try:
            await consume_batches(self.consumer, self._process_all, self._stopping)
        finally:
            await self.consumer.stop()
            await self.publisher.stop()
            log.info("stage stopped", stage=self.stage.name, processed=self.processed)

    async def _process_all(self, batch: list[Message]) -> bool:
        await self.process(batch)
        return True  # every message is now written or dead-lettered: the batch can be committed

    async def process(self, batch: list[Message]) -> None:
        """Handle a batch and write every result; returns once all writes are acknowledged."""
        outgoing: list[Message] = []
        decoded: list[tuple[Message, Event]] = []
        for message in batch:
            try:
                decoded.append((message, read_event(message, self.stage.input_model)))
            except Exception as exc:  # noqa: BLE001 - bad JSON or schema: dead-letter it
                outgoing.append(self._dead(message, exc))

        loop = asyncio.get_running_loop()
        with STAGE_SECONDS.labels(self.stage.name).time():
            results = await loop.run_in_executor(
                self._executor, handle_isolating, self.stage, [event for _, event in decoded]
            )
        for (message, event), result in zip(decoded, results):
            if isinstance(result, BaseException):
                outgoing.append(self._dead(message, result, article_id=event.article_id))
                continue
            if result is not None and self.stage.output_topic:
                outgoing.append(to_message(self.stage.output_topic, result, source=f"/newsflow/{self.stage.name}"))
            STAGE_PROCESSED.labels(self.stage.name).inc()
            log.info("article processed", stage=self.stage.name, article_id=event.article_id)
        if outgoing:
            await self.publisher.publish(outgoing)
        self.processed += len(batch)

    def _dead(self, message: Message, error: BaseException, article_id: str | None = None) -> Message:
        STAGE_DEAD_LETTERS.labels(self.stage.name).inc()
        log.warning(
            "article dead-lettered",
            stage=self.stage.name,
            article_id=article_id or (message.key or b"").decode("utf-8", "replace"),
            error=repr(error)[:300],
        )
        return dead_letter(message, error, stage=self.stage.name, dlq_topic=self.dlq_topic)

