"""Tokens on every route of every app: refused without the right token, served with it.

Walks the routes each app really has (ingest, store, the embedded one), so a
route added later is covered without a change here; POST /articles, whose
route class skips FastAPI's dependencies, included.
"""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI
from starlette.routing import Route

from newsflow_shared.auth import ApiTokens, BadTokenSetting
from newsflow_shared.memory_bus import InMemoryBus
from newsflow_shared.settings import Settings

TOKENS = "write=w-secret-1,read=r-secret-2"
OPEN = {"/healthz", "/readyz", "/metrics"}


def ingest_app(settings: Settings) -> FastAPI:
    from newsflow_ingest.app import create_app
    from newsflow_ingest.service import IngestService

    return create_app(IngestService(InMemoryBus().publisher(), topic="articles.raw"), settings)


def store_app(settings: Settings, tmp_path) -> FastAPI:
    from newsflow_store.app import create_app
    from newsflow_store.db import make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    migrate(engine)
    return create_app(engine, None, settings)


def embedded_app(settings: Settings, tmp_path) -> FastAPI:
    from newsflow.embedded import build_embedded

    app, _, _ = build_embedded(settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'e.db'}"}))
    return app


def routes_of(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every operation the app documents, and of its plain routes (/docs, ...)."""
    found = []
    for path, operations in app.openapi()["paths"].items():
        filled = re.sub(r"\{[^}]+\}", "x", path)
        found += [(method.upper(), filled) for method in operations if method != "parameters"]
    found += [("GET", route.path) for route in app.routes if type(route) is Route]
    return found


@pytest.fixture(params=["ingest", "store", "embedded"])
def app(request, tmp_path) -> FastAPI:
    settings = Settings(api_tokens=TOKENS, store_public_url="http://store.test")
    return {"ingest": lambda: ingest_app(settings), "store": lambda: store_app(settings, tmp_path),
            "embedded": lambda: embedded_app(settings, tmp_path)}[request.param]()


async def call(app: FastAPI, method: str, path: str, token: str | None) -> httpx.Response:
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.request(method, path, headers=headers,
                                    content=b'{"text": "The council met."}' if method == "POST" else None)


async def test_every_route_refuses_a_missing_or_unknown_token_and_the_wrong_scope(app):
    routes = routes_of(app)
    assert ("POST", "/articles") in routes or ("GET", "/articles/x") in routes  # it found the real routes
    guarded = [(method, path) for method, path in routes if path not in OPEN]
    assert ("GET", "/docs") in guarded and ("GET", "/openapi.json") in guarded
    for method, path in guarded:
        for token in (None, "not-a-token", "w-secret-1x", "r-secret"):
            response = await call(app, method, path, token)
            assert response.status_code == 401, (method, path, token, response.status_code)
            assert response.headers["www-authenticate"].startswith("Bearer")
            assert response.headers["content-type"] == "application/problem+json"
        if method == "POST":
            refused = await call(app, method, path, "r-secret-2")
            assert refused.status_code == 403, (method, path)
            assert "write" in refused.json()["detail"]
        served = await call(app, method, path, "w-secret-1" if method == "POST" else "r-secret-2")
        assert served.status_code not in (401, 403), (method, path, served.status_code)
        if method == "GET":  # write may read too
            assert (await call(app, method, path, "w-secret-1")).status_code not in (401, 403)


async def test_probes_and_metrics_need_no_token(app):
    for path in OPEN:
        assert (await call(app, "GET", path, None)).status_code in (200, 503)


async def test_the_openapi_document_declares_the_bearer_scheme(app):
    schema = (await call(app, "GET", "/openapi.json", "r-secret-2")).json()
    assert schema["components"]["securitySchemes"]["bearerToken"] == {
        "type": "http", "scheme": "bearer", "description": schema["components"]["securitySchemes"][
            "bearerToken"]["description"]}
    assert schema["security"] == [{"bearerToken": []}]


def test_tokens_come_from_a_file_as_a_mounted_secret_gives_them(tmp_path):
    secret = tmp_path / "tokens"
    secret.write_text("write=from-file\nread=also-from-file\n")
    tokens = ApiTokens.from_settings(Settings(api_tokens_file=str(secret)))
    assert tokens is not None
    assert tokens.scopes_of("from-file") == {"write"} and tokens.scopes_of("also-from-file") == {"read"}
    assert tokens.scopes_of("from-fil") == set()


@pytest.mark.parametrize("setting", ["admin=x", "write", "read=", ",", "write=a,delete=b"])
def test_a_malformed_token_setting_is_refused_with_the_reason(setting):
    with pytest.raises(BadTokenSetting, match="scope"):
        ApiTokens.parse(setting)


async def test_without_tokens_nothing_is_asked(tmp_path):
    app = store_app(Settings(), tmp_path)
    assert (await call(app, "GET", "/articles", None)).status_code == 200
