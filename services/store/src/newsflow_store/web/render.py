"""Templates to HTML responses, with the headers that keep the pages safe.

Every value is escaped by Jinja2's autoescape; the Content-Security-Policy
allows no script at all (the pages need none) and styles and images only from
this origin, so markup that slipped into an article could neither run nor
restyle the page.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

HERE = Path(__file__).parent
STATIC = HERE / "static"
STATIC_PATH = "/ui/static"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",  # pages show a store that changes by the second
}

ENTITY_PAGES = {"person": "/ui/actors/", "organization": "/ui/organizations/"}


def entity_path(entity_id: str | None, entity_type: str | None) -> str | None:
    """The page of an actor or organization; None for places and other kinds, which have none."""
    prefix = ENTITY_PAGES.get(entity_type or "")
    return prefix + quote(entity_id, safe="") if prefix and entity_id else None


def article_path(article_id: str) -> str:
    return "/ui/articles/" + quote(article_id, safe="")


def statement_path(statement_id: str) -> str:
    return "/ui/quotes/" + quote(statement_id, safe="")


def web_link(url: str | None) -> str | None:
    """An article's own address, only if it is a web address (never javascript: or data:)."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


def with_query(path: str, **params: object) -> str:
    """path?params, leaving out the empty ones."""
    kept = {key: value for key, value in params.items() if value not in (None, "", [])}
    return f"{path}?{urlencode(kept, doseq=True)}" if kept else path


def day_of(value: str | datetime | date | None) -> str:
    """A publication moment as the day it names (as the article gives it), or an em dash."""
    if value is None:
        return "\u2014"
    if isinstance(value, (datetime, date)):
        return value.isoformat()[:10]
    return value[:10]


def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.globals.update(entity_path=entity_path, article_path=article_path, statement_path=statement_path,
                               web_link=web_link, with_query=with_query, static=STATIC_PATH)
    environment.filters["day"] = day_of
    return environment


TEMPLATES = Jinja2Templates(env=_environment())


def page(request: Request, template: str, *, status_code: int = 200, **context: object) -> HTMLResponse:
    response = TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)
    response.headers.update(SECURITY_HEADERS)
    return response


def not_found(request: Request, message: str) -> HTMLResponse:
    return page(request, "problem.html", status_code=404, title="Not found", problems=[message], json_url=None)


def bad_request(request: Request, problems: list[str]) -> HTMLResponse:
    return page(request, "problem.html", status_code=422, title="Cannot show this page", problems=problems,
                json_url=None)
