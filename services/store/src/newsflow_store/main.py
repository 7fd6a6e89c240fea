"""`newsflow serve store`: the store stage, the status feeds and the query API, in one process.

Started while the broker or the database is away, it waits for them (the
failure policy's transient retry) rather than exiting.
"""

import asyncio
import contextlib
from types import SimpleNamespace
from typing import Awaitable, Callable, Sequence

import structlog

from newsflow_shared.failures import Abandoned, FailurePolicy
from newsflow_shared.health import install_worker_health
from newsflow_shared.lifecycle import start_when_reachable
from newsflow_shared.kafka_admin import ensure_pipeline_topics
from newsflow_shared.runner import Worker, http_server, kafka_stage_worker, run_services, run_until_first_failure
from newsflow_shared.kafka_connection import KafkaConnection
from newsflow_shared.settings import Settings
from newsflow_shared.stage import StageWorker
from newsflow_store.app import create_app
from newsflow_store.db import make_engine, migrate, schema_is_current
from newsflow_store.handler import build_stage
from newsflow_store.status_barrier import KafkaStatusBarrier
from newsflow_store.status_worker import StatusWorker, kafka_status_workers, progress_feed

log = structlog.get_logger(__name__)


async def wait_for_migrations(engine, policy: FailurePolicy, stopping: asyncio.Event, poll_s: float = 5.0) -> None:
    """Without DDL rights the store cannot migrate: it waits for `newsflow migrate` (a Job) to have run."""
    while not await start_when_reachable(lambda: asyncio.to_thread(schema_is_current, engine),
                                         what="database schema", policy=policy, stopping=stopping):
        log.warning("the database schema is not at the newest migration: waiting for `newsflow migrate`")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), timeout=poll_s)
        if stopping.is_set():
            raise Abandoned("stopped while waiting for `newsflow migrate`")


class AfterStartup:
    """The store's workers, run once the topics exist, the schema is current and the status barrier
    is up. Meanwhile the HTTP server already answers: /healthz, and /readyz 503 until the workers
    run, so an orchestrator waits for a database or broker that is away instead of restarting the
    store in a loop."""

    def __init__(self, startup: Callable[[asyncio.Event], Awaitable[None]], workers: Sequence[Worker]) -> None:
        self.stage = SimpleNamespace(name="store")  # names the task in run_services
        self.workers = workers
        self._startup = startup
        self._stopping = asyncio.Event()

    async def run(self) -> None:
        try:
            await self._startup(self._stopping)
        except Abandoned:
            return
        if self._stopping.is_set():
            return
        tasks = [asyncio.create_task(worker.run(), name=worker.stage.name) for worker in self.workers]
        await run_until_first_failure(tasks, self.stop)

    def stop(self) -> None:
        self._stopping.set()
        for worker in self.workers:
            worker.stop()


async def serve(settings: Settings) -> None:
    policy = FailurePolicy.from_settings(settings)
    engine = make_engine(settings.database_url)
    progress = progress_feed(settings)
    barrier = KafkaStatusBarrier(KafkaConnection.from_settings(settings), progress.input_topic, progress.name)

    async def startup(stopping: asyncio.Event) -> None:
        await start_when_reachable(lambda: ensure_pipeline_topics(settings), what="topics", policy=policy,
                                   stopping=stopping)
        if settings.migrate_on_start:
            await start_when_reachable(lambda: asyncio.to_thread(migrate, engine), what="database schema",
                                       policy=policy, stopping=stopping)
        else:
            await wait_for_migrations(engine, policy, stopping)
        await start_when_reachable(barrier.start, what="status barrier", policy=policy, stopping=stopping)

    workers: list[StageWorker | StatusWorker] = [kafka_stage_worker(build_stage(engine, settings), settings),
                                                 *kafka_status_workers(engine, settings)]
    app = create_app(engine, barrier, settings)
    install_worker_health(app, workers)
    try:
        await run_services(workers=[AfterStartup(startup, workers)], servers=[http_server(app, settings)])
    finally:
        await barrier.stop()
        engine.dispose()
