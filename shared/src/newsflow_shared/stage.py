"""One pipeline stage: a pure batch handler, and the worker that feeds it from a transport.

The handler knows nothing of Kafka: it takes decoded events and returns one
output per input (or None where the stage emits nothing, as store does). The
worker runs it off the event loop so heartbeats keep flowing (in a thread, or for
the NLP stages in a child process on a budget: newsflow_shared.handler_runner), follows the
failure policy (newsflow_shared.failures: transient failures retried in place,
poison to the dead-letter topic), waits for every write to be acknowledged
and only then commits the batch. Messages are decoded where the handler runs
(read_and_handle), not in the worker's process, which for the NLP stages only
passes bytes on: decoding there, then pickling the models to the child and
back, cost the parse and enrich processes about 1 ms an article together.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Awaitable, Callable, Generic, Sequence, TypeVar

import structlog

from newsflow_shared.batch_loop import consume_batches, retry_observed
from newsflow_shared.dead_letter import dead_letter
from newsflow_shared.envelope import Message, carried_extensions, read_event, received_at, to_message
from newsflow_shared.events import Event
from newsflow_shared.failures import Abandoned, FailurePolicy, Pause, is_transient
from newsflow_shared.handler_runner import HandlerRunner, InThread, Outcomes
from newsflow_shared.lifecycle import start_when_reachable, stop_within
from newsflow_shared.metrics import (
    ARTICLE_SECONDS,
    SINCE_RECEIVED,
    STAGE_DEAD_LETTERS,
    STAGE_PROCESSED,
    STAGE_SECONDS,
)
from newsflow_shared.progress import progress_record
from newsflow_shared.tracing import batch_trace
from newsflow_shared.transport import BatchConsumer, Publisher
from newsflow_shared.worker_health import WorkerHealth

log = structlog.get_logger(__name__)

# How often a worker whose handler is still busy polls (paused) to stay in its consumer group.
_POLL_WHILE_HANDLING_S = 1.0

T = TypeVar("T")
In = TypeVar("In", bound=Event)
Out = TypeVar("Out", bound=Event)


@dataclass(frozen=True)
class Stage(Generic[In, Out]):
    name: str
    input_topic: str
    input_model: type[In]
    output_topic: str | None
    handle: Callable[[list[In]], Sequence[Out | None]]
    # An NLP stage: its handler may cost far more than an article's length suggests, so it runs on
    # a budget in a child process (handler_runner.runner_for); warm_up loads its model there.
    costly: bool = False
    warm_up: Callable[[], object] | None = None
    # What the handler's work is called in traces: "nlp", "database write".
    work: str = "handle"
    # The step an article has reached once this stage wrote its output ("parsed"): with a status
    # topic, the worker writes a progress record of it beside each output (newsflow_shared.progress).
    reached: str | None = None


def handle_isolating(stage: Stage, events: list[Event]) -> list[Event | None | BaseException]:
    """Run the handler on the whole batch; if it fails, one by one so only the culprit fails.

    A transient failure (failures.is_transient), of the batch or of one event
    alone, is raised: nothing is wrong with the events, and the caller tries
    the batch again. Otherwise this never raises: the outcome of an event that
    fails again on its own is its exception (poison, for the dead-letter topic).
    """
    if not events:
        return []
    try:
        results = list(stage.handle(events))
        if len(results) != len(events):
            raise RuntimeError(f"{stage.name} returned {len(results)} results for {len(events)} events")
        return results
    except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the others
        if is_transient(exc):
            raise
        if len(events) == 1:
            return [exc]
    return [handle_isolating(stage, [event])[0] for event in events]


class Unreadable(Exception):
    """A message that is not the stage's input event (not JSON, another schema, another event type)."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(error)  # in args, so that it crosses back from a child process whole
        self.error = error


def read_and_handle(stage: Stage, messages: list[Message]) -> Outcomes:
    """Read each message as the stage's input event and handle those that read (handle_isolating).

    Runs where the handler runs (a thread, or the NLP child process), so that
    the stage's own process never decodes what it only passes on. A message
    that does not read has Unreadable as its outcome.
    """
    outcomes: Outcomes = [None] * len(messages)
    events: dict[int, Event] = {}
    for position, message in enumerate(messages):
        try:
            events[position] = read_event(message, stage.input_model)
        except Exception as exc:  # noqa: BLE001 - bad JSON or schema: the worker dead-letters it
            outcomes[position] = Unreadable(exc)
    for position, outcome in zip(events, handle_isolating(stage, list(events.values())), strict=True):
        outcomes[position] = outcome
    return outcomes


class StageWorker:
    def __init__(
        self,
        stage: Stage,
        consumer: BatchConsumer,
        publisher: Publisher,
        *,
        dlq_topic: str,
        status_topic: str | None = None,
        runner: HandlerRunner | None = None,
        policy: FailurePolicy | None = None,
        prepare: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.stage, self.consumer, self.publisher = stage, consumer, publisher
        # Run (and waited for, like the broker) before the consumer starts: creating the topics.
        self.prepare = prepare
        self.dlq_topic, self.status_topic = dlq_topic, status_topic
        self.policy = policy or FailurePolicy()
        # The handler runs beside the event loop, never on it: a thread unless told otherwise.
        self.runner = runner or InThread(stage.name)
        self._stopping = asyncio.Event()
        self.processed = 0
        self.health = WorkerHealth(stage.name, stall_s=self.policy.stall_s, owns_partitions=consumer.owns_partitions)

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        try:
            await self.runner.start(self.stage)  # the model loads before the worker joins its group
            if self.prepare is not None:
                await start_when_reachable(self.prepare, what=f"{self.stage.name} topics", policy=self.policy,
                                           stopping=self._stopping)
            await start_when_reachable(self.consumer.start, what=f"{self.stage.name} consumer",
                                       policy=self.policy, stopping=self._stopping)
            await start_when_reachable(self.publisher.start, what=f"{self.stage.name} producer",
                                       policy=self.policy, stopping=self._stopping)
        except Abandoned:
            await stop_within(self.consumer.stop(), what=f"{self.stage.name} consumer")
            await stop_within(self.publisher.stop(), what=f"{self.stage.name} producer")
            self.runner.close()
            return
        self.health.started = True
        log.info("stage started", stage=self.stage.name, topic=self.stage.input_topic)
        try:
            await consume_batches(self.consumer, self.process, self._stopping, health=self.health,
                                  policy=self.policy)
        finally:
            self.health.started = False
            await stop_within(self.consumer.stop(), what=f"{self.stage.name} consumer")
            await stop_within(self.publisher.stop(), what=f"{self.stage.name} producer")
            self.runner.close()
            log.info("stage stopped", stage=self.stage.name, processed=self.processed)

    async def process(self, batch: list[Message], pause: Pause | None = None) -> bool:
        """Handle a batch and write every result; True once all writes are acknowledged.

        Transient failures, of the handler or of the writes, are retried in
        place (waiting with `pause`, which may give the batch up: Abandoned);
        what fails on its own is dead-lettered.
        """
        outgoing: list[Message] = []
        trace = batch_trace(self.stage.name, batch)

        async def handle() -> Outcomes:
            started, started_ns = time.monotonic(), time.time_ns()
            with STAGE_SECONDS.labels(self.stage.name).time():
                outcomes = await self._in_group_while(self.runner.run(self.stage, batch))
            trace.worked(self.stage.work, started_ns, time.time_ns())
            per_article = (time.monotonic() - started) / max(len(batch), 1)
            for _ in batch:
                ARTICLE_SECONDS.labels(self.stage.name).observe(per_article)
            return outcomes

        succeeded: list[Message] = []
        refused: list[Message] = []
        try:
            results = await self._retrying(handle, "handle", pause)
            for message, result in zip(batch, results, strict=True):
                if isinstance(result, Unreadable):
                    outgoing.append(self._dead(message, result.error, kind="contract"))
                    refused.append(message)
                    continue
                if isinstance(result, BaseException):
                    outgoing.append(self._dead(message, result, kind="domain"))
                    refused.append(message)
                    continue
                succeeded.append(message)
                if result is not None and self.stage.output_topic:
                    extensions = {**carried_extensions(message), **trace.extensions_for(message)}
                    output = to_message(self.stage.output_topic, result, source=f"/newsflow/{self.stage.name}",
                                        extensions=extensions)
                    outgoing.append(output)
                    if self.status_topic and self.stage.reached:
                        outgoing.append(progress_record(self.status_topic, output, self.stage.reached))
                STAGE_PROCESSED.labels(self.stage.name).inc()
                log.info("article processed", stage=self.stage.name, article_id=message.article_id)
            if outgoing:
                await self._retrying(lambda: self.publisher.publish(outgoing), "publish", pause)
        finally:
            trace.end(failed=refused)  # a batch given up ends its spans too: it is read again, traced anew
        self._observe_since_received(succeeded)
        self.processed += len(batch)
        return True

    def _observe_since_received(self, handled: list[Message]) -> None:
        """Once every result is durable: how long since ingest received each article (end to end at store)."""
        now = datetime.now(timezone.utc)
        for message in handled:
            received = received_at(message)
            if received is not None:
                SINCE_RECEIVED.labels(self.stage.name).observe(max((now - received).total_seconds(), 0.0))

    async def _in_group_while(self, work: Awaitable[T]) -> T:
        """Await the handler, polling with the partitions paused meanwhile.

        A batch may take longer than the consumer may go without polling (max.poll.interval.ms):
        a batch of hostile articles each just within the NLP budget takes that budget times its
        size. Without the polls the broker would put the worker out of its group, hand the batch to
        another, and the partition would never move on. A runner on a budget (bounded) cannot be
        stuck past it, so its waits count as progress for the liveness check too.
        """
        task = asyncio.ensure_future(work)
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=_POLL_WHILE_HANDLING_S)
                if done:
                    return task.result()
                await self.consumer.idle(0.01)
                if self.runner.bounded:
                    self.health.progressed()
        finally:
            task.cancel()

    async def _retrying(self, operation, what: str, pause: Pause | None):
        return await retry_observed(operation, what=what, policy=self.policy, health=self.health, pause=pause)

    def _dead(self, message: Message, error: BaseException, *, kind: str) -> Message:
        STAGE_DEAD_LETTERS.labels(self.stage.name, kind).inc()
        log.warning(
            "article dead-lettered",
            stage=self.stage.name,
            article_id=message.article_id,
            error=repr(error)[:300],
        )
        return dead_letter(message, error, stage=self.stage.name, dlq_topic=self.dlq_topic)
