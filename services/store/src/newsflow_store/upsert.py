"""Bulk statements written once for both databases: INSERT … ON CONFLICT, plain inserts, `IN (a list)`."""

from __future__ import annotations

import json
from typing import Iterable

from sqlalchemy import JSON, String, any_, bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite
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

    On PostgreSQL, when no column is JSON: INSERT … SELECT FROM unnest(one
    array per column), a single statement whatever the number of rows; psycopg's
    executemany costs five times the client CPU per row. Otherwise (SQLite, in
    process; JSON columns) an executemany.
    """
    names, statement = list(rows[0]), insert_for(session, model)
    types = [model.__table__.columns[name].type for name in names]
    if session.get_bind().dialect.name == "postgresql" and not any(isinstance(type_, JSON) for type_ in types):
        # Several unnest() in one SELECT list advance together: row n of the result is every array's nth value.
        arrays = [func.unnest(bindparam(None, [row[name] for row in rows], type_=postgresql.ARRAY(type_)))
                  for name, type_ in zip(names, types)]
        session.connection().execute(finish(statement.from_select(names, select(*arrays))))
    else:
        session.connection().execute(finish(statement), rows)


def values_table(session: Session, values: Iterable[str]):
    """The values as a one-column table (column `value`), bound as ONE parameter as in `among`."""
    values = sorted(set(values))
    if session.get_bind().dialect.name == "postgresql":
        array = bindparam(None, values, type_=postgresql.ARRAY(String))
        return func.unnest(array).table_valued("value").render_derived()  # AS anon(value): PostgreSQL names it so
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
