"""Paging and date parameters every list endpoint shares, and the page they answer with."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import Annotated, Any, Callable, Sequence, TypeVar

from fastapi import Query
from fastapi.exceptions import RequestValidationError
from pydantic import BeforeValidator, WithJsonSchema

from newsflow_store.keyset import InvalidCursor, Ordering
from newsflow_store.schemas import Page

MAX_LIMIT = 100

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1..{MAX_LIMIT})")]
Cursor = Annotated[str | None, Query(max_length=2000,
                                     description="next_cursor of the previous page; omit for the first")]

T = TypeVar("T")


def after_cursor(ordering: Ordering, cursor: str | None) -> list | None:
    """The sort values a page starts after; a 422 naming `cursor` if it is not one of ours."""
    if cursor is None:
        return None
    try:
        return ordering.decode(cursor)
    except InvalidCursor as exc:
        raise RequestValidationError([{"loc": ("query", "cursor"), "msg": str(exc), "type": "value_error"}]) from None


def page_of(rows: Sequence[Any], *, limit: int, ordering: Ordering, present: Callable[[list], list[T]],
            total: int | None = None) -> Page[T]:
    """A page from up to limit + 1 rows (the extra one only says that another page follows)."""
    shown = list(rows[:limit])
    next_cursor = ordering.encode(shown[-1]) if len(rows) > limit else None
    return Page(items=present(shown), limit=limit, next_cursor=next_cursor, total=total)


OUT_OF_RANGE = "the date lies outside the years 0001 to 9999 once in UTC"


def parse_moment(value: str, *, end_of_day: bool) -> datetime:
    """An ISO 8601 date or date-time; a date means its whole day, a time without zone means UTC."""
    try:
        if len(value.strip()) == 10:
            day = datetime.combine(datetime.fromisoformat(value.strip()).date(), time(), tzinfo=timezone.utc)
            return day + timedelta(days=1) if end_of_day else day
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError("expected an ISO 8601 date (2024-03-05) or date-time (2024-03-05T09:30:00Z)") from None
    except OverflowError:  # 9999-12-31 as an end: the day after it does not exist
        raise ValueError(OUT_OF_RANGE) from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    try:
        # An end given to the microsecond is included: the bound is exclusive just after it.
        return moment.astimezone(timezone.utc) + (timedelta(microseconds=1) if end_of_day else timedelta())
    except OverflowError:  # 0001-01-01T00:00:00+01:00 lies before the first moment a datetime holds
        raise ValueError(OUT_OF_RANGE) from None


def _start(value: object) -> object:
    return parse_moment(value, end_of_day=False) if isinstance(value, str) else value


def _end(value: object) -> object:
    return parse_moment(value, end_of_day=True) if isinstance(value, str) else value


_DATE_SCHEMA = WithJsonSchema({"type": "string", "examples": ["2024-03-05", "2024-03-05T09:30:00Z"]})
# A date or date-time, validated (a 422 naming the parameter) and turned into a UTC bound:
# From is inclusive; To includes the day or moment given (the bound is just after it, exclusive).
FromMoment = Annotated[datetime | None, BeforeValidator(_start), _DATE_SCHEMA]
ToMoment = Annotated[datetime | None, BeforeValidator(_end), _DATE_SCHEMA]
