"""The store service's own FastAPI app (what `newsflow serve store` runs)."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.engine import Engine

from newsflow_shared.health import add_readiness_check, install_health
from newsflow_shared.problems import install_problem_handlers
from newsflow_store.api.main import api_router


def database_answers(engine: Engine):
    """A readiness check: the database runs a trivial query."""

    def ping() -> bool:
        with engine.connect() as connection:
            return connection.execute(text("SELECT 1")).scalar_one() == 1

    async def check() -> bool:
        return await asyncio.to_thread(ping)

    return check


def create_app(engine: Engine) -> FastAPI:
    app = FastAPI(title="newsflow store", version="0.1.0")
    app.state.store_engine = engine
    install_problem_handlers(app)
    app.include_router(api_router)
    install_health(app)
    add_readiness_check(app, "database", database_answers(engine))
    return app
