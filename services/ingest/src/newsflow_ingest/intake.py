"""Turning what a client posted into a RawArticle, or a clear error saying what is wrong.

Pure functions: no HTTP, no Kafka. The API maps IntakeError.status to the response.
"""

from __future__ import annotations

import codecs
import json
from datetime import date, datetime, timezone
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from newsflow_ingest.identity import article_id_for
from newsflow_shared.events import RawArticle, SuppliedMetadata


class IntakeError(ValueError):
    def __init__(self, status: int, title: str, detail: str, errors: list[dict] | None = None, *,
                 problem_type: str = "about:blank", extra: dict | None = None) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.errors = status, title, detail, errors or []
        self.problem_type, self.extra = problem_type, extra or {}


class ArticleSubmission(BaseModel):
    """One article as a client sends it: exactly one of text or html, optional metadata."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: str | None = None
    external_id: str | None = None

    @field_validator("published_at")
    @classmethod
    def _iso_8601(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ValueError("published_at must be an ISO 8601 date or date-time") from None
        return value

    @model_validator(mode="after")
    def _exactly_one_body(self) -> "ArticleSubmission":
        if self.text and self.html:
            raise ValueError("give either text or html, not both")
        if not (self.text or self.html):
            raise ValueError("the article is empty: give a non-empty text or html")
        return self

    @property
    def content_type(self) -> Literal["text/plain", "text/html"]:
        return "text/html" if self.html else "text/plain"

    @property
    def content(self) -> str:
        return self.html or self.text or ""


def decode_body(body: bytes, charset: str | None = None) -> str:
    charset = charset or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise IntakeError(415, "Unsupported charset", f"unknown charset {charset!r}") from None
    try:
        return body.decode(charset)
    except UnicodeDecodeError as exc:
        raise IntakeError(
            400, "Body is not valid text", f"body is not valid {charset} (byte {exc.start}): send UTF-8"
        ) from None


def submission_from_json(payload: str) -> ArticleSubmission:
    try:
        data = json.loads(payload)
    except json.JSONDecodeError as exc:
        raise IntakeError(400, "Malformed JSON", f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(data, dict):
        raise IntakeError(422, "Invalid article", "the JSON body must be an object with text or html")
    return submission_from_fields(data)


def submission_from_fields(fields: dict) -> ArticleSubmission:
    try:
        return ArticleSubmission.model_validate(fields)
    except ValidationError as exc:
        errors = [
            {"field": ".".join(str(p) for p in err["loc"]) or None, "message": err["msg"].removeprefix("Value error, ")}
            for err in exc.errors()
        ]
        detail = "; ".join(f"{e['field']}: {e['message']}" if e["field"] else str(e["message"]) for e in errors)
        raise IntakeError(422, "Invalid article", detail, errors) from None


def raw_article(submission: ArticleSubmission, *, received_at: datetime | None = None) -> RawArticle:
    return RawArticle(
        article_id=article_id_for(submission.content),
        received_at=received_at or datetime.now(timezone.utc),
        content_type=submission.content_type,
        content=submission.content,
        supplied=SuppliedMetadata(
            title=submission.title,
            url=submission.url,
            source=submission.source,
            published_at=submission.published_at,
            external_id=submission.external_id,
        ),
    )
