"""Turning what a client posted into a RawArticle, or a clear error saying what is wrong.

Pure functions: no HTTP, no Kafka. The API maps IntakeError.status to the response.
"""

from __future__ import annotations

import codecs
import json
from datetime import date, datetime, timezone
from typing import Literal

from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from newsflow_ingest.identity import article_id_for
from newsflow_shared.events import RawArticle, SuppliedMetadata


class IntakeError(ValueError):
    def __init__(self, status: int, title: str, detail: str, errors: list[dict] | None = None, *,
                 problem_type: str = "about:blank", extra: dict | None = None) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.errors = status, title, detail, errors or []
        self.problem_type, self.extra = problem_type, extra or {}


MAX_TITLE_CHARS = 1_000
MAX_URL_CHARS = 2_048
MAX_NAME_CHARS = 300  # source, external_id
# A sane range for a publication date: the first printed newspapers are of 1605, and a date
# centuries ahead is a typo (year 9999 with a zone west of UTC even overflows the conversion).
EARLIEST_PUBLISHED = datetime(1600, 1, 1)
LATEST_PUBLISHED = datetime(2199, 12, 31, 23, 59, 59)


class ArticleSubmission(BaseModel):
    """One article as a client sends it: exactly one of text or html, optional metadata."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str | None = None
    html: str | None = None
    # Metadata is short: a limit per field keeps one request from carrying a megabyte of title.
    title: str | None = Field(default=None, max_length=MAX_TITLE_CHARS)
    url: str | None = Field(default=None, max_length=MAX_URL_CHARS)
    source: str | None = Field(default=None, max_length=MAX_NAME_CHARS)
    published_at: str | None = Field(default=None, max_length=64)
    external_id: str | None = Field(default=None, max_length=MAX_NAME_CHARS)

    @field_validator("published_at")
    @classmethod
    def _iso_8601(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            try:
                moment = datetime.combine(date.fromisoformat(value), datetime.min.time())
            except ValueError:
                raise ValueError("published_at must be an ISO 8601 date or date-time") from None
        try:  # the store sorts by the moment in UTC: it must exist there
            utc = moment.astimezone(timezone.utc) if moment.tzinfo else moment
        except OverflowError:
            utc = None
        if utc is None or not EARLIEST_PUBLISHED <= utc.replace(tzinfo=None) <= LATEST_PUBLISHED:
            raise ValueError(f"published_at must lie between {EARLIEST_PUBLISHED.date()} and "
                             f"{LATEST_PUBLISHED.date()} (UTC)")
        return value

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if any(ord(c) < 0x21 or ord(c) == 0x7F for c in value):
            raise ValueError("url must not contain spaces or control characters")
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise ValueError("url must be an http or https address")
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
    except LookupError:  # a codec that is no text encoding (rot13, base64): codecs.lookup() knows it
        raise IntakeError(415, "Unsupported charset", f"charset {charset!r} is not a text encoding") from None
    except UnicodeDecodeError as exc:
        raise IntakeError(
            400, "Body is not valid text", f"body is not valid {charset} (byte {exc.start}): send UTF-8"
        ) from None


def submission_from_json(payload: str) -> ArticleSubmission:
    try:
        data = json.loads(payload)
    except json.JSONDecodeError as exc:
        raise IntakeError(400, "Malformed JSON", f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise IntakeError(400, "Malformed JSON", "malformed JSON: nested too deeply") from None
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
