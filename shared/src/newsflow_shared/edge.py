"""What guards an HTTP app at its edge: tokens (auth.py), rate limits and CORS, each off unless set.

Rate limits (NEWSFLOW_RATE_LIMIT, a `limits` string such as "600/minute" or
"20/second;1000/hour") count the writes of each caller: its bearer token when
auth is on, else its address. A caller over the limit gets a 429 problem with
Retry-After, before its body is read. The counting is `limits`' moving window,
in memory: per replica, so N replicas behind a balancer allow about N times it.

CORS (NEWSFLOW_CORS_ORIGINS, comma-separated origins) is Starlette's
middleware; unset, no CORS headers are sent and browsers keep other origins out.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from typing import Any

from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter
from starlette.middleware.cors import CORSMiddleware

from newsflow_shared.auth import WRITE_METHODS, Receive, Scope, Send, bearer_token, install_auth
from newsflow_shared.http_metrics import install_http_metrics
from newsflow_shared.tracing import instrument_http
from newsflow_shared.openapi import document_problems
from newsflow_shared.settings import Settings


def caller_of(scope: Scope) -> str:
    """Who is counted: the token's digest when one is presented, else the client address."""
    token = bearer_token(scope)
    if token:
        return "token:" + hashlib.sha256(token.encode("utf-8")).hexdigest()[:32]
    client = scope.get("client")
    return f"address:{client[0] if client else 'unknown'}"


class WriteRateLimit:
    """ASGI middleware: each caller's writes (POST, PUT, ...) within the configured limits."""

    def __init__(self, app: Any, limits: list[RateLimitItem]) -> None:
        self.app, self.limits = app, limits
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        caller = caller_of(scope)
        for limit in self.limits:
            if not await self._limiter.hit(limit, caller):
                stats = await self._limiter.get_window_stats(limit, caller)
                await _too_many(send, limit, max(1, math.ceil(stats.reset_time - time.time())))
                return
        await self.app(scope, receive, send)


async def _too_many(send: Send, limit: RateLimitItem, retry_after: int) -> None:
    body = json.dumps({"type": "about:blank", "title": "Too Many Requests", "status": 429,
                       "detail": f"over the limit of {limit}: retry after {retry_after} s"}).encode()
    await send({"type": "http.response.start", "status": 429, "headers": [
        (b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(retry_after).encode())]})
    await send({"type": "http.response.body", "body": body})


def install_edge(app: Any, settings: Settings | None) -> None:
    """Tokens, rate limits and CORS as configured, and an OpenAPI document that says so.

    Middleware added last runs first: CORS answers preflights before auth asks for a token, and the
    request metrics, added last of all, count every answer (401s and 429s included).
    """
    if settings is None:
        document_problems(app)
    else:
        auth = install_auth(app, settings)
        document_problems(app, auth=auth, rate_limited=bool(settings.rate_limit))
        if settings.rate_limit:
            app.add_middleware(WriteRateLimit, limits=parse_many(settings.rate_limit))
        origins = [origin.strip() for origin in (settings.cors_origins or "").split(",") if origin.strip()]
        if origins:
            app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                               allow_headers=["Authorization", "Content-Type"], max_age=600)
    install_http_metrics(app)
    instrument_http(app)  # outermost: every request's span holds the article spans ingest starts
