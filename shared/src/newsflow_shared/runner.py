"""Running a stage as its own process against Kafka: what `newsflow serve X` does.

Stops cleanly on SIGTERM/SIGINT: no new batch is taken, the batch in flight
finishes and commits (or, waiting for a dependency, is left uncommitted to be
read again), the consumers leave their groups, HTTP servers drain, and the
process exits 0, each step bounded in time (lifecycle.stop_within).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
from typing import Any, Callable, Coroutine, Protocol, Sequence, TypeVar

import structlog

from newsflow_shared.failures import FailurePolicy
from newsflow_shared.handler_runner import runner_for
from newsflow_shared.kafka_admin import ensure_pipeline_topics
from newsflow_shared.kafka_connection import KafkaConnection
from newsflow_shared.kafka_transport import KafkaBatchConsumer, KafkaPublisher
from newsflow_shared.lifecycle import STOP_STEP_S
from newsflow_shared.settings import Settings
from newsflow_shared.stage import Stage, StageWorker

log = structlog.get_logger(__name__)

T = TypeVar("T")


def run_main(main: Coroutine[object, object, T]) -> T | None:
    """asyncio.run, on uvloop when it is installed (it is with the http extra).

    uvloop's event loop and transports are C: for a service that does little
    per request, such as ingest, that is a few percent of its CPU and a
    shorter tail of latency. uvicorn picks uvloop only when it creates the loop
    itself, and our services run uvicorn inside a loop of their own, so the
    choice is made here.
    """
    try:
        import uvloop
    except ImportError:
        return asyncio.run(_stoppable_while_starting(main))
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(_stoppable_while_starting(main))


async def _stoppable_while_starting(main: Coroutine[object, object, T]) -> T | None:
    """SIGTERM or SIGINT before run_services takes the signals over (a service still waiting for its
    broker or database at start) ends the process cleanly, exit 0, instead of killing it."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    signalled = False

    def stop_starting() -> None:
        nonlocal signalled
        signalled = True
        if task is not None:
            task.cancel()

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop_starting)
    try:
        return await main
    except asyncio.CancelledError:
        if not signalled:
            raise
        log.info("stopped while starting")
        return None


def tune_gc_for_serving(young_threshold: int = 20_000) -> None:
    """Keep the cyclic garbage collector off the latency of a request-serving process.

    Call once everything long-lived is built. Frozen, the modules, routes and
    schemas are never walked again: each full collection walked them all,
    30-40 ms every half second under load in ingest, its slowest answers.
    A larger young generation (CPython's default is 700 objects) collects less
    often, so fewer objects of requests still in flight get promoted to the old
    generations, which is what set off those full collections.
    """
    gc.freeze()
    gc.set_threshold(young_threshold, *gc.get_threshold()[1:])


def kafka_stage_worker(stage: Stage, settings: Settings, *, group: str | None = None) -> StageWorker:
    """A worker for `stage` on Kafka; its consumer group is the stage's name unless given."""
    consumer = KafkaBatchConsumer(
        KafkaConnection.from_settings(settings),
        stage.input_topic,
        group=group or stage.name,
        max_records=settings.batch_size,
        poll_timeout_ms=settings.poll_timeout_ms,
    )
    publisher = KafkaPublisher(
        KafkaConnection.from_settings(settings),
        request_timeout_ms=settings.kafka_request_timeout_ms,
        client_id=f"newsflow-{stage.name}",
        compression=settings.kafka_compression or "gzip",
        linger_ms=settings.kafka_linger_ms,
    )
    return StageWorker(stage, consumer, publisher, dlq_topic=settings.topic_dlq, status_topic=settings.topic_status,
                       policy=FailurePolicy.from_settings(settings), runner=runner_for(stage, settings))


def http_server(app, settings: Settings, *, port: int | None = None, serves_articles: bool = True):
    """A uvicorn server for the app; `serves_articles` False for the headless stages' health endpoints."""
    import uvicorn

    class ServerLeavingSignalsToUs(uvicorn.Server):
        """run_services owns SIGTERM and SIGINT and stops the workers and servers together.

        uvicorn (0.29 on) swaps in its own handlers while it serves and raises the signal
        again once it has shut down, by which time the event loop that handled it may
        be gone: the process then died of that SIGTERM (exit -15) instead of exiting 0.
        """

        @contextlib.contextmanager
        def capture_signals(self):
            yield

    if serves_articles:
        warn_if_open(settings)
    # Off (the default), the access log is not even called per request. log_config=None leaves uvicorn's
    # loggers to propagate into newsflow's one log stream (logs.configure_logging).
    config = uvicorn.Config(app, host=settings.http_host, port=port or settings.http_port,
                            log_level="info" if settings.access_log else "warning", log_config=None,
                            access_log=settings.access_log, timeout_graceful_shutdown=int(STOP_STEP_S))
    return ServerLeavingSignalsToUs(config)


class Worker(Protocol):
    """What run_services runs: a stage worker or a status feed."""

    stage: Any  # has a .name, which names the worker's task

    async def run(self) -> None: ...

    def stop(self) -> None: ...


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def warn_if_open(settings: Settings) -> None:
    """A service reachable from other machines without API tokens serves anyone who can reach it."""
    if settings.http_host not in LOOPBACK_HOSTS and not (settings.api_tokens or settings.api_tokens_file):
        log.warning("listening beyond this machine without API tokens: anyone who can reach it may post and read "
                    "articles; set NEWSFLOW_API_TOKENS", host=settings.http_host)


async def run_services(*, workers: Sequence[Worker] = (), servers: Sequence[Any] = ()) -> None:
    """Run workers and uvicorn servers until a signal; a crash of one stops all."""
    loop = asyncio.get_running_loop()

    stopping = False

    def stop() -> None:
        nonlocal stopping
        if not stopping:
            log.info("stopping")
        stopping = True
        for worker in workers:
            worker.stop()
        for server in servers:
            server.should_exit = True

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop)
    tasks = [asyncio.create_task(w.run(), name=w.stage.name) for w in workers]
    tasks += [asyncio.create_task(s.serve(), name="http") for s in servers]
    try:
        await run_until_first_failure(tasks, stop)
    finally:
        stop()
        # Stopped: what is left is the interpreter's own teardown, which a repeated SIGTERM (a
        # second Ctrl-C, an impatient supervisor) would cut short with exit -15 once the loop's
        # handlers are gone. There is nothing left for it to stop, so it is ignored from here.
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
            signal.signal(sig, signal.SIG_IGN)


async def run_until_first_failure(tasks: list[asyncio.Task], stop: Callable[[], None]) -> None:
    """Await every task; when one fails, stop the others, let them finish, and raise its error."""
    done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    failure = next((task.exception() for task in done if task.exception() is not None), None)
    if failure is not None:
        stop()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise failure
    await asyncio.gather(*tasks)


async def serve_stage(stage: Stage, settings: Settings) -> None:
    """Run one headless stage (parse, enrich) against Kafka until signalled.

    With NEWSFLOW_METRICS_PORT set it serves /healthz, /readyz and /metrics there from the start:
    not ready while the worker waits for the broker (to create the topics, to join its group).
    """
    worker = kafka_stage_worker(stage, settings)
    worker.prepare = lambda: ensure_pipeline_topics(settings)
    servers = []
    if settings.metrics_port:
        from newsflow_shared.health import headless_health_app

        servers.append(http_server(headless_health_app([worker], f"newsflow {stage.name}"), settings,
                                   port=settings.metrics_port, serves_articles=False))
    await run_services(workers=[worker], servers=servers)
