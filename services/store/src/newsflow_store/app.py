"""The store service's own FastAPI app (what `newsflow serve store` runs)."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from sqlalchemy.engine import Engine

from newsflow_shared.edge import install_edge
from newsflow_shared.health import add_readiness_check, install_health
from newsflow_shared.problems import install_problem_handlers
from newsflow_shared.settings import Settings
from newsflow_store.api.main import api_router
from newsflow_store.status_barrier import StatusBarrier
from newsflow_store.web import web_router
from newsflow_store.web.render import STATIC, STATIC_PATH

DESCRIPTION = """Who said what, about whom, where it was published: the stored articles, their quotes
grouped into statements across outlets, the people and organizations in them, and each article's
progress through the pipeline. Lists are paged by cursor: pass a page's `next_cursor` as `cursor`.
Errors are RFC 9457 problem details."""


def database_answers(engine: Engine):
    """A readiness check: the database runs a trivial query."""

    def ping() -> bool:
        with engine.connect() as connection:
            return connection.execute(text("SELECT 1")).scalar_one() == 1

    async def check() -> bool:
        return await asyncio.to_thread(ping)

    return check


def install_store(app: FastAPI, engine: Engine, status_barrier: StatusBarrier | None = None) -> None:
    """Mount the query API and the web pages on an app (the store's own, or the embedded one)."""
    app.state.store_engine = engine
    app.state.store_status_barrier = status_barrier
    app.include_router(api_router)
    app.include_router(web_router)
    app.mount(STATIC_PATH, StaticFiles(directory=STATIC), name="web-static")
    add_readiness_check(app, "database", database_answers(engine))


def create_app(engine: Engine, status_barrier: StatusBarrier | None = None,
               settings: Settings | None = None) -> FastAPI:
    app = FastAPI(title="newsflow store", version="0.2.0", description=DESCRIPTION)
    install_problem_handlers(app)
    install_store(app, engine, status_barrier)
    install_health(app)
    install_edge(app, settings)
    return app
