"""Bulk statements written once for both databases: INSERT … ON CONFLICT, plain inserts, `IN (a list)`."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import orjson
from sqlalchemy import String, Text, any_, bindparam, cast, column, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.types import TypeEngine
from sqlmodel import Session


# What an insert does with a row whose keys are taken: (the INSERT, its column names) -> the statement.
OnConflict = Callable[[Any, tuple[str, ...]], Any]


@dataclass(frozen=True)
class KeepStored:
    """ON CONFLICT DO NOTHING on these keys."""

    keys: tuple[str, ...]

    def __call__(self, statement, names: tuple[str, ...]):
        return statement.on_conflict_do_nothing(index_elements=list(self.keys))


@dataclass(frozen=True)
class Replace:
    """ON CONFLICT DO UPDATE: every column but the keys takes the new row's value."""

    keys: tuple[str, ...]

    def __call__(self, statement, names: tuple[str, ...]):
        return statement.on_conflict_do_update(
            index_elements=list(self.keys), set_={name: statement.excluded[name] for name in names
                                                   if name not in self.keys})


def insert_ignoring_duplicates(session: Session, model, rows: list[dict], keys: list[str]) -> None:
    if rows:
        insert_many(session, model, rows, KeepStored(tuple(keys)))


def insert_or_update(session: Session, model, rows: list[dict], keys: list[str]) -> None:
    """Rows written whole: inserted, or replacing every other column of the row with the same keys.

    No two rows may have the same keys (PostgreSQL updates a row once per statement).
    """
    if rows:
        insert_many(session, model, rows, Replace(tuple(keys)))


def insert_rows(session: Session, model, rows: list[dict]) -> None:
    """Rows a batch makes new, all in one statement where the database allows it (see insert_many)."""
    if rows:
        insert_many(session, model, rows)


ROWS_PARAMETER = "nf_rows"


def insert_many(session: Session, model, rows: list[dict], on_conflict: OnConflict | None = None) -> None:
    """One INSERT of many rows.

    On PostgreSQL: INSERT … SELECT FROM rows_table_of, the rows as one JSON
    parameter, a single statement whatever the number of rows. Encoding them
    is orjson's C, where binding one array per column cost psycopg's Python
    array dumper about 1 µs a value, and an executemany five times that. On
    SQLite (in process), an executemany. `on_conflict` must be hashable (a
    module-level function, KeepStored, Replace): the statement is built once
    per table, columns and conflict rule, and reused (see _insert_statement).
    """
    names = tuple(rows[0])
    dialect = session.get_bind().dialect.name
    statement = _insert_statement(dialect, model, names, on_conflict)
    if dialect == "postgresql":
        session.connection().execute(statement, rows_parameter(rows))
    else:
        session.connection().execute(statement, rows)


@functools.lru_cache(maxsize=256)
def _insert_statement(dialect: str, model, names: tuple[str, ...], on_conflict: OnConflict | None):
    """Built once: constructing it (its rows_table_of columns above all) cost SQLAlchemy about 1 ms each
    time, a dozen times a batch; executing a built statement again only looks up its compiled form.
    Saving a batch of one BBC article went from 28 to 15 ms of the store's CPU (batches of 32: 4.0 to
    3.9 ms an article), and batches are that small whenever articles trickle in."""
    statement: Any
    if dialect == "postgresql":
        statement = postgresql.insert(model)
        table = rows_table_of({name: model.__table__.columns[name].type for name in names})
        statement = statement.from_select(list(names), select(*(table.c[n] for n in names)))
    elif dialect == "sqlite":
        statement = sqlite.insert(model)
    else:
        raise NotImplementedError(f"no upsert for {dialect}")
    return on_conflict(statement, names) if on_conflict is not None else statement


def rows_parameter(rows: list[dict]) -> dict[str, str]:
    """The rows to execute a statement built on rows_table_of with: one JSON text (orjson)."""
    return {ROWS_PARAMETER: orjson.dumps(rows).decode()}


def rows_table_of(types: dict[str, TypeEngine]):
    """PostgreSQL: rows as a table whose columns are `types`' names and types (jsonb_to_recordset of one
    JSON parameter, bound at execution with rows_parameter, so a statement on it can be built once)."""
    columns = [column(name, type_) for name, type_ in types.items()]
    return (func.jsonb_to_recordset(cast(bindparam(ROWS_PARAMETER, type_=Text), postgresql.JSONB))
            .table_valued(*columns).render_derived(with_types=True))


def values_table(session: Session, values: Iterable[str]):
    """The values as a one-column table (column `value`), bound as ONE parameter, a JSON array (orjson)."""
    values = sorted(set(values))
    if session.get_bind().dialect.name == "postgresql":
        array = cast(bindparam(None, orjson.dumps(values).decode(), type_=Text), postgresql.JSONB)
        return func.jsonb_array_elements_text(array).table_valued("value").render_derived()  # AS anon(value)
    return func.json_each(bindparam(None, json.dumps(values))).table_valued("value")


def among(session: Session, column, values: Iterable[str]):
    """`column IN values` as ONE bound parameter, however many values.

    The SQL is then the same for every batch (compiled once, prepared by the
    server) and never runs into a limit on parameters: an array on PostgreSQL,
    a JSON array read by json_each on SQLite.
    """
    values = sorted(set(values))
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=postgresql.ARRAY(String)))
    return column.in_(select(values_table(session, values).c.value))
