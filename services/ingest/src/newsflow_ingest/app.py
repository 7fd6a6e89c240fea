"""The ingest service's own FastAPI app (what `newsflow serve ingest` runs)."""

from contextlib import asynccontextmanager

from fastapi import FastAPI

from newsflow_ingest.api import install_ingest
from newsflow_ingest.ids_topic import IdsFollower
from newsflow_ingest.service import IngestService
from newsflow_shared.edge import install_edge
from newsflow_shared.failures import FailurePolicy
from newsflow_shared.health import add_readiness_check, install_health
from newsflow_shared.lifecycle import start_when_reachable
from newsflow_shared.problems import install_problem_handlers
from newsflow_shared.settings import Settings


def create_app(service: IngestService, settings: Settings, ids_follower: IdsFollower | None = None) -> FastAPI:
    policy = FailurePolicy.from_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Started while the broker is away, ingest waits for it rather than exiting.
        await start_when_reachable(service.publisher.start, what="ingest producer", policy=policy)
        if ids_follower:
            await start_when_reachable(ids_follower.start, what="known ids", policy=policy)
        try:
            yield
        finally:
            if ids_follower:
                await ids_follower.stop()
            await service.publisher.stop()

    app = FastAPI(title="newsflow ingest", version="0.1.0", lifespan=lifespan)
    install_problem_handlers(app)
    install_ingest(app, service, settings)
    install_health(app)
    install_edge(app, settings)

    async def publisher_started() -> bool:
        return bool(getattr(service.publisher, "started", True))

    add_readiness_check(app, "kafka_producer", publisher_started)
    if ids_follower:

        async def known_ids_loaded() -> bool:
            return ids_follower.loaded

        add_readiness_check(app, "known_ids", known_ids_loaded)
    return app
