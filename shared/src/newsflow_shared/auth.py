"""Bearer tokens on every route: `write` to post articles, `read` to read them (write may read too).

NEWSFLOW_API_TOKENS holds `scope=token` pairs separated by commas (or
NEWSFLOW_API_TOKENS_FILE names a file of them, one per line or comma-separated,
as a mounted Kubernetes Secret gives it). Unset, auth is off. When it is on,
every request except the probes and metrics (/healthz, /readyz, /metrics) and
CORS preflights needs `Authorization: Bearer <token>`: a missing or unknown
token is a 401 with `WWW-Authenticate`, a token without the scope a 403, both
problem+json. It is an ASGI middleware, so it guards every route alike, the
hot POST /articles (whose route class skips FastAPI dependencies) included.
Tokens are compared in constant time.

A browser following a link cannot send that header, so the web pages (`/` and
`/ui/...`, GET and HEAD only) also take the token from the `newsflow_token`
cookie that the sign-in page sets; a page asked for without a usable token
redirects there. Nothing else reads the cookie, so no page can make a browser
write with it.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any, Awaitable, Callable, MutableMapping
from urllib.parse import quote

from newsflow_shared.settings import Settings

SCOPES = ("read", "write")
OPEN_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CHALLENGE = 'Bearer realm="newsflow"'
TOKEN_COOKIE = "newsflow_token"
SIGN_IN_PATH = "/ui/sign-in"
PAGE_ASSETS = "/ui/static/"  # the pages' stylesheet and icon: public, the sign-in page needs them
READ_METHODS = frozenset({"GET", "HEAD"})

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class BadTokenSetting(ValueError):
    """NEWSFLOW_API_TOKENS (or its file) is not a list of scope=token pairs."""


@dataclass(frozen=True)
class ApiTokens:
    tokens: tuple[tuple[str, bytes], ...]  # (scope, token)

    @classmethod
    def parse(cls, text: str) -> "ApiTokens":
        pairs = []
        for item in text.replace("\n", ",").split(","):
            if not item.strip():
                continue
            scope, sep, token = item.strip().partition("=")
            if not sep or scope not in SCOPES or not token:
                raise BadTokenSetting(f"API tokens must be scope=token pairs with scope read or write; "
                                      f"got {scope!r}{'=…' if sep else ''}")
            pairs.append((scope, token.encode("utf-8")))
        if not pairs:
            raise BadTokenSetting("API tokens are set but hold no scope=token pair")
        return cls(tuple(pairs))

    @classmethod
    def from_settings(cls, settings: Settings) -> "ApiTokens | None":
        """The configured tokens; None when auth is off (neither setting given)."""
        if settings.api_tokens_file:
            return cls.parse(Path(settings.api_tokens_file).read_text(encoding="utf-8"))
        if settings.api_tokens:
            return cls.parse(settings.api_tokens)
        return None

    def scopes_of(self, presented: str) -> set[str]:
        """The scopes the presented token grants; every token is compared, in constant time."""
        candidate = presented.encode("utf-8")
        return {scope for scope, token in self.tokens if hmac.compare_digest(candidate, token)}


def required_scope(method: str) -> str:
    return "write" if method in WRITE_METHODS else "read"


def bearer_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            kind, _, token = value.decode("latin-1").partition(" ")
            return token.strip() if kind.lower() == "bearer" and token.strip() else None
    return None


def is_page(path: str) -> bool:
    return path == "/" or path.startswith("/ui/")


def cookie_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            try:
                morsel = SimpleCookie(value.decode("latin-1")).get(TOKEN_COOKIE)
            except CookieError:
                return None
            return morsel.value if morsel is not None and morsel.value else None
    return None


def presented_token(scope: Scope) -> tuple[str | None, bool]:
    """(the token presented, whether it came from the pages' cookie): the header first."""
    token = bearer_token(scope)
    if token is None and scope["method"] in READ_METHODS and is_page(scope["path"]):
        token = cookie_token(scope)
        return token, token is not None
    return token, False


async def _to_sign_in(scope: Scope, send: Send) -> None:
    target = scope["path"] + (f"?{scope['query_string'].decode('latin-1')}" if scope.get("query_string") else "")
    location = f"{SIGN_IN_PATH}?next={quote(target, safe='')}"
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode("latin-1")), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})


async def _problem(send: Send, status: int, title: str, detail: str, *, challenge: bool) -> None:
    body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail}).encode()
    headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode())]
    if challenge:
        headers.append((b"www-authenticate", CHALLENGE.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class TokenAuth:
    """ASGI middleware: the tokens' scopes decide who may call what."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], tokens: ApiTokens) -> None:
        self.app, self.tokens = app, tokens

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _is_open(scope) or _is_preflight(scope):
            await self.app(scope, receive, send)
            return
        presented, from_cookie = presented_token(scope)
        if presented is None and scope["method"] in READ_METHODS and is_page(scope["path"]):
            await _to_sign_in(scope, send)
            return
        if presented is None:
            await _problem(send, 401, "Unauthorized", "send Authorization: Bearer <token>", challenge=True)
            return
        granted = self.tokens.scopes_of(presented)
        if not granted and from_cookie:  # a token since revoked: sign in again
            await _to_sign_in(scope, send)
            return
        if not granted:
            await _problem(send, 401, "Unauthorized", "the token is not one of this service's", challenge=True)
            return
        needed = required_scope(scope["method"])
        if needed not in granted and not (needed == "read" and "write" in granted):
            await _problem(send, 403, "Forbidden", f"the token lacks the {needed!r} scope this request needs",
                           challenge=False)
            return
        await self.app(scope, receive, send)


def _is_open(scope: Scope) -> bool:
    path = scope["path"]
    return path in OPEN_PATHS or path == SIGN_IN_PATH or path.startswith(PAGE_ASSETS)


def _is_preflight(scope: Scope) -> bool:
    if scope["method"] != "OPTIONS":
        return False
    return any(name == b"access-control-request-method" for name, _ in scope.get("headers", ()))


def declare_bearer_auth(app: Any) -> None:
    """Say in the app's OpenAPI document that its operations take a bearer token."""
    make_schema = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = make_schema()
            schema.setdefault("components", {}).setdefault("securitySchemes", {})["bearerToken"] = {
                "type": "http", "scheme": "bearer",
                "description": "A token of NEWSFLOW_API_TOKENS: scope write to post, read (or write) to read",
            }
            schema["security"] = [{"bearerToken": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi


def install_auth(app: Any, settings: Settings) -> bool:
    """Guard every route of the app with the configured tokens; False (nothing done) when auth is off."""
    tokens = ApiTokens.from_settings(settings)
    if tokens is None:
        return False
    app.add_middleware(TokenAuth, tokens=tokens)
    app.state.api_tokens = tokens  # the pages' sign-in checks a token against them
    declare_bearer_auth(app)
    return True
