"""`newsflow serve store`: the store stage, the status feeds and the query API, in one process.

Started while the broker or the database is away, it waits for them (the
failure policy's transient retry) rather than exiting.
"""

import asyncio

import structlog

from newsflow_shared.failures import FailurePolicy
from newsflow_shared.health import install_worker_health
from newsflow_shared.lifecycle import start_when_reachable
from newsflow_shared.runner import ensure_topics_when_reachable, http_server, kafka_stage_worker, run_services
from newsflow_shared.kafka_connection import KafkaConnection
from newsflow_shared.settings import Settings
from newsflow_shared.stage import StageWorker
from newsflow_store.app import create_app
from newsflow_store.db import make_engine, migrate, schema_is_current
from newsflow_store.handler import build_stage
from newsflow_store.status_barrier import KafkaStatusBarrier
from newsflow_store.status_worker import StatusWorker, kafka_status_workers, received_feed

log = structlog.get_logger(__name__)


async def wait_for_migrations(engine, policy: FailurePolicy, poll_s: float = 5.0) -> None:
    """Without DDL rights the store cannot migrate: it waits for `newsflow migrate` (a Job) to have run."""
    while not await start_when_reachable(lambda: asyncio.to_thread(schema_is_current, engine),
                                         what="database schema", policy=policy):
        log.warning("the database schema is not at the newest migration: waiting for `newsflow migrate`")
        await asyncio.sleep(poll_s)


async def serve(settings: Settings) -> None:
    policy = FailurePolicy.from_settings(settings)
    await ensure_topics_when_reachable(settings)
    engine = make_engine(settings.database_url)
    if settings.migrate_on_start:
        await start_when_reachable(lambda: asyncio.to_thread(migrate, engine), what="database schema",
                                   policy=policy)
    else:
        await wait_for_migrations(engine, policy)
    received = received_feed(settings)
    barrier = KafkaStatusBarrier(KafkaConnection.from_settings(settings), received.input_topic, received.name)
    await start_when_reachable(barrier.start, what="status barrier", policy=policy)
    workers: list[StageWorker | StatusWorker] = [kafka_stage_worker(build_stage(engine, settings), settings), *kafka_status_workers(engine, settings)]
    app = create_app(engine, barrier, settings)
    install_worker_health(app, workers)
    try:
        await run_services(workers=workers, servers=[http_server(app, settings)])
    finally:
        await barrier.stop()
        engine.dispose()
