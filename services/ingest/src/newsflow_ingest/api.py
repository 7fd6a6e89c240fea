"""HTTP: POST /articles (JSON, text/plain, text/html) and POST /articles/batch (NDJSON)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel

from newsflow_ingest.identity import article_id_for
from newsflow_ingest.intake import (
    ArticleSubmission,
    IntakeError,
    decode_body,
    submission_from_fields,
    submission_from_json,
)
from newsflow_ingest.service import IngestService, Receipt
from newsflow_shared.problems import problem
from newsflow_shared.settings import Settings
from newsflow_shared.transport import PublishFailed


class RequestInResponseOut(APIRoute):
    """A route whose endpoint takes the Request and returns the Response itself.

    It is documented in the OpenAPI schema like any other route, but skips
    FastAPI's per-request solving of dependencies and query parameters and its
    response serialisation: 40% of the app's CPU per article before (250 us of
    it, then 150 us, measured on the ASGI app alone). So it also skips any
    router- or app-level `dependencies=` and `dependency_overrides`: its
    endpoint takes what it needs from `request.app.state` itself.
    """

    def get_route_handler(self):
        return self.endpoint


router = APIRouter(tags=["ingest"])
# POST /articles is the hot path: one request per article.
hot_router = APIRouter(tags=["ingest"], route_class=RequestInResponseOut)

JSON_TYPES = {"application/json"}
NDJSON_TYPES = {"application/x-ndjson", "application/ndjson", "application/jsonl", "application/json-lines"}


class Accepted(BaseModel):
    article_id: str
    status: Literal["accepted", "duplicate"]
    result_url: str


class BatchLine(BaseModel):
    line: int
    status: Literal["accepted", "duplicate", "rejected"]
    article_id: str | None = None
    result_url: str | None = None
    error: str | None = None


class BatchAccepted(BaseModel):
    accepted: int
    duplicates: int
    rejected: int
    results: list[BatchLine]


# async: a plain def dependency would cost a thread-pool hop on every request.
async def get_service(request: Request) -> IngestService:
    return request.app.state.ingest


async def get_settings(request: Request) -> Settings:
    return request.app.state.ingest_settings


ServiceDep = Annotated[IngestService, Depends(get_service)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it passes the limit (never read whole into memory first)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise IntakeError(413, "Article too large", f"body of {declared} bytes is over the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise IntakeError(413, "Article too large", f"body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def media_type(request: Request) -> tuple[str, str | None]:
    header = request.headers.get("content-type", "")
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset":
            charset = value.strip().strip('"') or None
    return kind.strip().lower(), charset


def result_url(settings: Settings, article_id: str) -> str:
    return f"{settings.store_public_url.rstrip('/')}/articles/{article_id}"


# RFC 9457 problem types of the two ways a write can fail; clients tell them apart by `type`.
OUTCOME_UNKNOWN = "urn:newsflow:problem:outcome-unknown"
NOT_ACCEPTED = "urn:newsflow:problem:not-accepted"


async def _submit(service: IngestService, submissions: list[ArticleSubmission]) -> list[Receipt]:
    try:
        return await service.submit(submissions)
    except PublishFailed as exc:
        ids = [article_id_for(s.content) for s in submissions]
        if exc.outcome_unknown:
            # The acknowledgement did not come in time: the records may still land. Say so, rather
            # than "nothing was accepted"; a re-post is safe either way (answered "duplicate" once the
            # article is known to have landed; otherwise published again, and stored once).
            raise IntakeError(
                503, "Outcome unknown: the article may or may not have been accepted",
                f"Kafka did not acknowledge the write in time, so the article may still land. Re-posting it is "
                f"safe: it is answered 'duplicate' if it landed, and stored once whatever happens. ({exc})",
                problem_type=OUTCOME_UNKNOWN, extra={"article_ids": ids},
            ) from None
        raise IntakeError(503, "Not accepted: the message broker refused the write",
                          f"nothing was written; retry later. ({exc})", problem_type=NOT_ACCEPTED,
                          extra={"article_ids": ids}) from None


# Metadata a client may give beside a text/plain or text/html body.
QUERY_FIELDS = ("title", "url", "source", "published_at", "external_id")


@hot_router.post(
    "/articles",
    status_code=202,
    response_model=Accepted,
    summary="Submit one article",
    description=(
        "JSON `{text|html, title?, url?, source?, published_at?, external_id?}`, or the article itself "
        "as text/plain or text/html with the optional metadata as query parameters. 202 once the "
        "article is durably in Kafka; 200 with status `duplicate` if it was accepted before."
    ),
    responses={200: {"model": Accepted}, 400: {}, 413: {}, 415: {}, 422: {}, 503: {}},
    openapi_extra={
        "parameters": [{"name": name, "in": "query", "required": False, "schema": {"type": "string"}}
                       for name in QUERY_FIELDS],
        # The route reads its body itself, so FastAPI cannot see it: described here for clients and fuzzers.
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": ArticleSubmission.model_json_schema()},
            "text/plain": {"schema": {"type": "string", "minLength": 1, "description": "The article's text"}},
            "text/html": {"schema": {"type": "string", "minLength": 1, "description": "The article's page"}},
        }},
    },
)
async def post_article(request: Request) -> JSONResponse:
    service: IngestService = request.app.state.ingest
    settings: Settings = request.app.state.ingest_settings
    kind, charset = media_type(request)
    body = decode_body(await read_body(request, settings.max_article_bytes), charset)
    query = request.query_params
    query_fields = {name: query[name] for name in QUERY_FIELDS if query.get(name)} if query else {}
    if kind in JSON_TYPES or kind.endswith("+json"):
        submission = submission_from_json(body)
        if query_fields:
            submission = submission_from_fields({**query_fields, **submission.model_dump(exclude_none=True)})
    elif kind == "text/plain":
        submission = submission_from_fields({"text": body, **query_fields})
    elif kind == "text/html":
        submission = submission_from_fields({"html": body, **query_fields})
    else:
        raise IntakeError(
            415, "Unsupported content type",
            f"content type {kind or '(none)'!r} is not accepted: use application/json, text/plain or text/html",
        )
    (receipt,) = await _submit(service, [submission])
    location = result_url(settings, receipt.article_id)
    return JSONResponse(
        {"article_id": receipt.article_id, "status": receipt.status, "result_url": location},
        status_code=202 if receipt.status == "accepted" else 200,
        headers={"Location": location},
    )


@router.post(
    "/articles/batch",
    status_code=202,
    response_model=BatchAccepted,
    summary="Submit many articles as NDJSON, one JSON article per line",
    description="Valid lines are accepted even when others are rejected; each line's outcome is listed. "
    "422 when no line is valid.",
    responses={400: {}, 413: {}, 415: {}, 422: {}, 503: {}},
    openapi_extra={"requestBody": {"required": True, "content": {"application/x-ndjson": {"schema": {
        "type": "string", "description": "One JSON article per line, each as POST /articles takes it"}}}}},
)
async def post_batch(request: Request, service: ServiceDep, settings: SettingsDep) -> JSONResponse:
    kind, charset = media_type(request)
    if kind not in NDJSON_TYPES:
        raise IntakeError(415, "Unsupported content type",
                          f"content type {kind or '(none)'!r} is not accepted here: use application/x-ndjson")
    body = decode_body(await read_body(request, settings.max_article_bytes * 10), charset)
    numbered = [(n, line) for n, line in enumerate(body.splitlines(), start=1) if line.strip()]
    if not numbered:
        raise IntakeError(422, "Empty batch", "the batch holds no articles: send one JSON object per line")
    if len(numbered) > settings.max_batch_lines:
        raise IntakeError(413, "Batch too large", f"{len(numbered)} lines is over the limit of {settings.max_batch_lines}")

    lines: list[BatchLine] = []
    valid: list[tuple[int, ArticleSubmission]] = []
    for number, line in numbered:
        size = len(line.encode("utf-8"))
        if size > settings.max_article_bytes:  # the same limit as one article posted alone
            lines.append(BatchLine(line=number, status="rejected",
                                   error=f"line of {size} bytes is over the article limit of "
                                         f"{settings.max_article_bytes} bytes"))
            continue
        try:
            valid.append((number, submission_from_json(line)))
        except IntakeError as exc:
            lines.append(BatchLine(line=number, status="rejected", error=exc.detail))
    if not valid:
        return problem(422, "No valid article in the batch", "every line was rejected",
                       results=[line.model_dump() for line in lines])
    receipts = await _submit(service, [submission for _, submission in valid])
    for (number, _), receipt in zip(valid, receipts):
        lines.append(BatchLine(line=number, status=receipt.status, article_id=receipt.article_id,
                               result_url=result_url(settings, receipt.article_id)))
    lines.sort(key=lambda line: line.line)
    answer = BatchAccepted(
        accepted=sum(line.status == "accepted" for line in lines),
        duplicates=sum(line.status == "duplicate" for line in lines),
        rejected=sum(line.status == "rejected" for line in lines),
        results=lines,
    )
    return JSONResponse(answer.model_dump(), status_code=202)


def install_ingest(app: FastAPI, service: IngestService, settings: Settings) -> None:
    """Mount ingest on an app (its own, or the embedded one shared with store)."""
    app.state.ingest = service
    app.state.ingest_settings = settings
    # The hot route goes on the app's own router, ahead of the docs routes: through an included
    # router every request would be matched twice and pay that router's scope bookkeeping.
    app.router.routes[:0] = hot_router.routes
    app.include_router(router)

    @app.exception_handler(IntakeError)
    async def _intake_error(request: Request, exc: IntakeError) -> JSONResponse:
        extra: dict[str, Any] = {"errors": exc.errors} if exc.errors else {}
        response = problem(exc.status, exc.title, exc.detail, problem_type=exc.problem_type, **extra, **exc.extra)
        if exc.status == 503:
            response.headers["Retry-After"] = "5"
        return response
