"""The ingest service's own FastAPI app (what `newsflow serve ingest` runs)."""

import asyncio
import contextlib
from contextlib import asynccontextmanager
from typing import Awaitable, Callable

from fastapi import FastAPI

from newsflow_ingest.api import install_ingest
from newsflow_ingest.ids_topic import IdsFollower
from newsflow_ingest.service import IngestService
from newsflow_shared.edge import install_edge
from newsflow_shared.failures import FailurePolicy
from newsflow_shared.health import add_readiness_check, install_health
from newsflow_shared.lifecycle import start_when_reachable, stop_within
from newsflow_shared.problems import install_problem_handlers
from newsflow_shared.settings import Settings


def create_app(service: IngestService, settings: Settings, ids_follower: IdsFollower | None = None,
               prepare: Callable[[], Awaitable[object]] | None = None) -> FastAPI:
    """`prepare` (creating the topics) runs before the producer starts, both while the app already serves."""
    policy = FailurePolicy.from_settings(settings)
    started: list[Callable[[], Awaitable[object]]] = []  # the stops of what has started

    async def connect() -> None:
        # Started while the broker is away, ingest waits for it rather than exiting.
        if prepare is not None:
            await start_when_reachable(prepare, what="topics", policy=policy)
        await start_when_reachable(service.publisher.start, what="ingest producer", policy=policy)
        started.append(service.publisher.stop)
        if ids_follower:
            await start_when_reachable(ids_follower.start, what="known ids", policy=policy)
            started.append(ids_follower.stop)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Serving starts at once, connecting in the background: /healthz answers and /readyz says
        # ingest is not ready yet, so an orchestrator waits instead of restarting it in a loop
        # while the broker is away; a post meanwhile is a 503 (nothing accepted).
        connecting = asyncio.create_task(connect())
        try:
            yield
        finally:
            connecting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await connecting
            for stop in reversed(started):
                await stop_within(stop(), what="ingest shutdown")

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
