"""The OpenAPI document as the services really answer: problem+json errors, request bodies FastAPI cannot see.

FastAPI documents a 422 as its own HTTPValidationError and errors without a
body, while every newsflow error is an RFC 9457 problem (problems.py). Here
every 4xx and 5xx answer of every operation is documented as
application/problem+json with the Problem schema, so generated clients and
schema-driven fuzzers expect what they get.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
# Errors every operation can answer, beside its own: set by the edge (auth, rate limits) when they are on.
COMMON_ERRORS = {401: "Missing or unknown bearer token", 403: "The token lacks the scope",
                 429: "Over the rate limit (Retry-After says when to retry)"}


class Problem(BaseModel):
    """An RFC 9457 problem: what went wrong, for a person and for a program."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="A URI naming the kind of problem; about:blank when the status says it all")
    title: str
    status: int
    detail: str = Field(description="What was wrong with this request")
    errors: list[dict[str, Any]] | None = Field(default=None, description="Each invalid field and why")


def document_problems(app: Any, *, auth: bool = False, rate_limited: bool = False) -> None:
    """Make the app's OpenAPI document say that errors are problem+json (and which edge errors can occur)."""
    make_schema = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = make_schema()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components["Problem"] = Problem.model_json_schema()
            for name in ("HTTPValidationError", "ValidationError"):
                components.pop(name, None)
            extra = {code: why for code, why in COMMON_ERRORS.items()
                     if (code in (401, 403) and auth) or (code == 429 and rate_limited)}
            for path, operations in schema.get("paths", {}).items():
                for operation in operations.values():
                    responses = operation.setdefault("responses", {})
                    if path not in ("/healthz", "/readyz", "/metrics"):
                        for code, why in extra.items():
                            responses.setdefault(str(code), {"description": why})
                    for code, response in responses.items():
                        if code[:1] in ("4", "5") and not (path == "/readyz" and code == "503"):
                            response["content"] = {"application/problem+json": {"schema": PROBLEM_REF}}
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi
