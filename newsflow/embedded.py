"""The embedded default: all four stages in one process over the in-process bus, SQLite, one port.

The same stage handlers and StageWorker as the Kafka deployment; only the
transport differs. This is what `newsflow up` runs.
"""

from __future__ import annotations

from typing import Awaitable, Callable

from fastapi import FastAPI
from newsflow_shared.edge import install_edge
from newsflow_shared.failures import FailurePolicy
from newsflow_shared.handler_runner import runner_for
from newsflow_shared.health import install_health, install_worker_health
from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.problems import install_problem_handlers
from newsflow_shared.runner import http_server, run_services
from newsflow_shared.settings import Settings
from newsflow_shared.stage import Stage, StageWorker


def build_embedded(settings: Settings) -> tuple[FastAPI, list[StageWorker], InMemoryBus]:
    from newsflow_enrich.pipeline import build_stage as enrich_stage
    from newsflow_ingest.api import install_ingest
    from newsflow_ingest.service import IngestService
    from newsflow_parse.pipeline import build_stage as parse_stage
    from newsflow_store.app import install_store
    from newsflow_store.db import make_engine, migrate
    from newsflow_store.handler import build_stage as store_stage
    from newsflow_store.status_barrier import MemoryStatusBarrier
    from newsflow_store.status_worker import memory_status_workers, progress_feed

    bus = InMemoryBus()
    engine = make_engine(settings.database_url)
    migrate(engine)

    app = FastAPI(title="newsflow (embedded)", version="0.1.0",
                  description="ingest and the store's query API in one process")
    install_problem_handlers(app)
    install_ingest(app, IngestService(bus.publisher(), topic=settings.topic_raw, status_topic=settings.topic_status),
                   settings)
    progress = progress_feed(settings)
    install_store(app, engine, MemoryStatusBarrier(bus, progress.input_topic, progress.name))
    install_health(app)
    install_edge(app, settings)

    def worker(stage: Stage) -> StageWorker:
        consumer = bus.consumer(stage.input_topic, stage.name, max_records=settings.batch_size)
        return StageWorker(stage, consumer, bus.publisher(), dlq_topic=settings.topic_dlq,
                           status_topic=settings.topic_status, policy=FailurePolicy.from_settings(settings),
                           runner=runner_for(stage, settings))

    workers = [worker(parse_stage(settings)), worker(enrich_stage(settings)), worker(store_stage(engine, settings)),
               *memory_status_workers(engine, settings, bus)]
    install_worker_health(app, workers)
    return app, workers, bus


async def run_embedded(settings: Settings, on_started: Callable[[], Awaitable[None]] | None = None) -> None:
    import asyncio

    app, workers, _ = build_embedded(settings)
    server = http_server(app, settings)
    if on_started is not None:
        async def after_start() -> None:
            while not server.started:
                await asyncio.sleep(0.05)
            await on_started()

        asyncio.get_running_loop().create_task(after_start())
    await run_services(workers=workers, servers=[server])
