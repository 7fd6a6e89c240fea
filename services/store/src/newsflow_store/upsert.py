"""Bulk statements written once for both databases: INSERT … ON CONFLICT, plain inserts, `IN (a list)`."""

from __future__ import annotations

import json
from typing import Iterable

import orjson
from sqlalchemy import String, Text, any_, bindparam, cast, column, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.types import TypeEngine
from sqlmodel import Session


def insert_for(session: Session, model):
    """An INSERT on `model` that supports on_conflict_do_update / do_nothing on this session's database.

    Run it on session.connection(): with a list of rows that is a plain executemany.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model)
    if dialect == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"no upsert for {dialect}")


def insert_ignoring_duplicates(session: Session, model, rows: list[dict], keys: list[str]) -> None:
    if rows:
        insert_many(session, model, rows, lambda statement: statement.on_conflict_do_nothing(index_elements=keys))


def insert_or_update(session: Session, model, rows: list[dict], keys: list[str]) -> None:
    """Rows written whole: inserted, or replacing every other column of the row with the same keys.

    No two rows may have the same keys (PostgreSQL updates a row once per statement).
    """
    if rows:
        insert_many(session, model, rows, lambda statement: statement.on_conflict_do_update(
            index_elements=keys, set_={name: statement.excluded[name] for name in rows[0] if name not in keys}))


def insert_rows(session: Session, model, rows: list[dict]) -> None:
    """Rows a batch makes new, all in one statement where the database allows it (see insert_many)."""
    if rows:
        insert_many(session, model, rows, lambda statement: statement)


def insert_many(session: Session, model, rows: list[dict], finish) -> None:
    """One INSERT of many rows.

    On PostgreSQL: INSERT … SELECT FROM rows_table, the rows as one JSON
    parameter, a single statement whatever the number of rows. Encoding them
    is orjson's C, where binding one array per column cost psycopg's Python
    array dumper about 1 µs a value, and an executemany five times that. On
    SQLite (in process), an executemany.
    """
    names, statement = list(rows[0]), insert_for(session, model)
    if session.get_bind().dialect.name == "postgresql":
        table = rows_table(rows, {name: model.__table__.columns[name].type for name in names})
        session.connection().execute(finish(statement.from_select(names, select(*(table.c[n] for n in names)))))
    else:
        session.connection().execute(finish(statement), rows)


def rows_table(rows: list[dict], types: dict[str, TypeEngine]):
    """PostgreSQL: the rows as a table whose columns are `types`' names and types (jsonb_to_recordset of
    one JSON parameter)."""
    columns = [column(name, type_) for name, type_ in types.items()]
    payload = orjson.dumps(rows).decode()
    return (func.jsonb_to_recordset(cast(bindparam(None, payload, type_=Text), postgresql.JSONB))
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
