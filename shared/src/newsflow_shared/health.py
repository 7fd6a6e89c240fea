"""/healthz, /readyz and /metrics for every HTTP service.

Readiness checks live on `app.state.readiness_checks` (name -> async callable
returning True when ready), so the embedded app can combine the checks of
ingest and store behind one endpoint.
"""

from __future__ import annotations

from typing import Awaitable, Callable

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from prometheus_client import make_asgi_app

ReadinessCheck = Callable[[], Awaitable[bool]]

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is alive")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The service can do its work (its broker and database answer)")
async def readyz(request: Request) -> JSONResponse:
    checks: dict[str, ReadinessCheck] = getattr(request.app.state, "readiness_checks", {})
    results: dict[str, bool] = {}
    for name, check in checks.items():
        try:
            results[name] = bool(await check())
        except Exception:  # noqa: BLE001 - a failing check means not ready, not a crash
            results[name] = False
    ready = all(results.values())
    return JSONResponse({"ready": ready, "checks": results}, status_code=200 if ready else 503)


def add_readiness_check(app: FastAPI, name: str, check: ReadinessCheck) -> None:
    if not hasattr(app.state, "readiness_checks"):
        app.state.readiness_checks = {}
    app.state.readiness_checks[name] = check


def install_health(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/metrics", make_asgi_app())
