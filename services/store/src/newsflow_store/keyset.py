"""Keyset (cursor) paging: a page starts after the last row of the previous one.

Unlike an offset, a cursor costs the same on page 1000 as on page 1 (an index
range scan from the cursor), and a row inserted meanwhile neither repeats nor
hides a row. Every ordering ends with a unique column, so rows never tie, and
runs in one direction, so "after" is one row-value comparison:
(a, b, id) > (:a, :b, :id), which PostgreSQL and SQLite both answer from an
index on (a, b, id).

The cursor is opaque to clients: base64url JSON naming its ordering (a cursor
of another ordering is refused) and the last row's sort values.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Sequence

from sqlalchemy import literal, tuple_
from sqlalchemy.sql.elements import ColumnElement

from newsflow_store.convert import aware


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class Ordering:
    name: str  # e.g. "articles:stored_at:desc"
    columns: tuple[Any, ...]  # model attributes; the last one unique
    descending: bool

    def order_by(self) -> list[ColumnElement]:
        return [column.desc() if self.descending else column.asc() for column in self.columns]

    def after(self, values: Sequence[Any]) -> ColumnElement[bool]:
        row = tuple_(*self.columns)
        last = tuple_(*(literal(value, type_=column.type) for value, column in zip(values, self.columns)))
        return row < last if self.descending else row > last

    def values_of(self, row: Any) -> list[Any]:
        return [getattr(row, column.key) for column in self.columns]

    def encode(self, row: Any) -> str:
        values = [_to_json(value) for value in self.values_of(row)]
        raw = json.dumps({"o": self.name, "v": values}, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def decode(self, cursor: str) -> list[Any]:
        try:
            payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
            ordering, values = payload["o"], payload["v"]
        except (binascii.Error, ValueError, KeyError, TypeError, RecursionError):
            raise InvalidCursor("not a cursor this API gave out") from None
        if ordering != self.name:
            raise InvalidCursor("the cursor belongs to another sort order: keep sort and order as they were")
        if not isinstance(values, list) or len(values) != len(self.columns):
            raise InvalidCursor("not a cursor this API gave out")
        return [_from_json(value, column) for value, column in zip(values, self.columns)]


def _to_json(value: Any) -> Any:
    return {"t": aware(value).isoformat()} if isinstance(value, datetime) else value


def _from_json(value: Any, column: Any) -> Any:
    if isinstance(value, dict):
        try:
            return aware(datetime.fromisoformat(value["t"]))
        except (KeyError, TypeError, ValueError, OverflowError):
            raise InvalidCursor("not a cursor this API gave out") from None
    python_type = column.type.python_type
    if not isinstance(value, python_type) or isinstance(value, bool):
        raise InvalidCursor("not a cursor this API gave out")
    if isinstance(value, int) and not -(2**63) <= value < 2**63:  # no database column holds it (SQLite overflows)
        raise InvalidCursor("not a cursor this API gave out")
    return value
