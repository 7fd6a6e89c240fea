"""/healthz, /readyz and /metrics for every service, the headless stages included.

Readiness checks live on `app.state.readiness_checks` (name -> async callable
returning True when ready), so the embedded app can combine the checks of
ingest and store behind one endpoint. The consumer workers of a process add
theirs with `install_worker_health`: ready while started and not waiting for a
dependency (the answer names what each waits for), alive unless one is stuck
(worker_health.WorkerHealth).
"""

from __future__ import annotations

from typing import Awaitable, Callable, Protocol, Sequence

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field

from newsflow_shared.worker_health import WorkerHealth

ReadinessCheck = Callable[[], Awaitable[bool]]

router = APIRouter(tags=["health"])


class HasHealth(Protocol):
    health: WorkerHealth


def _workers(request: Request) -> list[WorkerHealth]:
    return getattr(request.app.state, "worker_health", [])


@router.get("/healthz", summary="The process is alive (no consumer worker is stuck)")
async def healthz(request: Request) -> JSONResponse:
    workers = _workers(request)
    stuck = [w.name for w in workers if not w.live()]
    body: dict[str, object] = {"status": "stuck" if stuck else "ok"}
    if workers:
        body["workers"] = {w.name: w.report() for w in workers}
    return JSONResponse(body, status_code=503 if stuck else 200)


class Readiness(BaseModel):
    ready: bool
    checks: dict[str, bool] = Field(description="Each check: the broker, the database, each consumer worker")
    waiting_for: dict[str, str] | None = Field(default=None, description="What each waiting worker waits for")


@router.get("/readyz", summary="The service can do its work (its broker and database answer)",
            response_model=Readiness, responses={503: {"model": Readiness, "description": "Not ready"}})
async def readyz(request: Request) -> JSONResponse:
    checks: dict[str, ReadinessCheck] = getattr(request.app.state, "readiness_checks", {})
    results: dict[str, bool] = {}
    for name, check in checks.items():
        try:
            results[name] = bool(await check())
        except Exception:  # noqa: BLE001 - a failing check means not ready, not a crash
            results[name] = False
    waiting = {w.name: w.waiting_for for w in _workers(request) if w.waiting_for}
    for worker in _workers(request):
        results[worker.name] = worker.ready()
    ready = all(results.values())
    body: dict[str, object] = {"ready": ready, "checks": results}
    if waiting:
        body["waiting_for"] = waiting
    return JSONResponse(body, status_code=200 if ready else 503)


def install_worker_health(app: FastAPI, workers: Sequence[HasHealth]) -> None:
    """Make the app's /healthz and /readyz speak for these consumer workers too."""
    app.state.worker_health = [*getattr(app.state, "worker_health", []), *(w.health for w in workers)]


def add_readiness_check(app: FastAPI, name: str, check: ReadinessCheck) -> None:
    if not hasattr(app.state, "readiness_checks"):
        app.state.readiness_checks = {}
    app.state.readiness_checks[name] = check


def install_health(app: FastAPI) -> None:
    app.include_router(router)

    # A route rather than app.mount("/metrics", make_asgi_app()), which answers /metrics with a 307.
    @app.get("/metrics", include_in_schema=False)
    async def _metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


def headless_health_app(workers: Sequence[HasHealth], title: str) -> FastAPI:
    """The HTTP face of a headless stage (parse, enrich): health and metrics, nothing else."""
    app = FastAPI(title=title, docs_url=None, redoc_url=None, openapi_url=None)
    install_health(app)
    install_worker_health(app, workers)
    return app
