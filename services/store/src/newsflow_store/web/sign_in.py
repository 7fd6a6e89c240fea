"""Signing in to the pages: a read (or write) token, checked and kept in an HttpOnly cookie.

The API takes its token in the Authorization header; a browser following links
cannot send one, so this page asks for it once and the auth middleware
(newsflow_shared.auth) reads the cookie on page reads only.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from newsflow_shared.auth import SIGN_IN_PATH, TOKEN_COOKIE
from newsflow_store.web.render import page

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

MAX_FORM_BYTES = 8192
COOKIE_SECONDS = 12 * 3600


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a page of this site only (never another host)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


@router.get(SIGN_IN_PATH)
def sign_in_form(request: Request, next: str | None = None):
    return page(request, "sign_in.html", next=safe_next(next), problem=None,
                auth_on=getattr(request.app.state, "api_tokens", None) is not None, json_url=None)


@router.post(SIGN_IN_PATH)
async def sign_in(request: Request):
    tokens = getattr(request.app.state, "api_tokens", None)
    body = b""
    async for chunk in request.stream():  # read no further than a sign-in form can be long
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return page(request, "sign_in.html", status_code=413, next="/", auth_on=tokens is not None,
                        problem=f"The form is larger than {MAX_FORM_BYTES} bytes.", json_url=None)
    form = parse_qs(body.decode("utf-8", "replace"))
    target = safe_next(form.get("next", ["/"])[0])
    if tokens is None:
        return RedirectResponse(target, status_code=303)
    token = form.get("token", [""])[0].strip()
    if not token or not tokens.scopes_of(token):
        return page(request, "sign_in.html", status_code=401, next=target, auth_on=True,
                    problem="That is not a token of this service.", json_url=None)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, max_age=COOKIE_SECONDS, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
    return response
