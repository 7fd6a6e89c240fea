"""The bulk statements of upsert.py on both databases: any number of rows and of values in one statement."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func
from sqlmodel import Session, select

from newsflow_store.models import StatementRow, StatementTermRow
from newsflow_store.upsert import _insert_statement, among, insert_ignoring_duplicates, insert_or_update, insert_rows

MORE_THAN_ANY_PARAMETER_LIMIT = 70_000  # SQLite allows 32,766 bound parameters, PostgreSQL's protocol 65,535


def statement(statement_id: str, text: str, actor_id: str | None = None) -> dict:
    return {"id": statement_id, "text": text, "kind": "direct", "actor_id": actor_id, "speaker": None,
            "first_reported_at": datetime(2024, 5, 2, tzinfo=timezone.utc), "report_count": 1, "outlet_count": 1}


def test_rows_by_the_tens_of_thousands_go_in_and_are_found_in_one_statement_each(store_engine):
    terms = [f"term{n}" for n in range(MORE_THAN_ANY_PARAMETER_LIMIT)]
    with Session(store_engine) as session:
        insert_rows(session, StatementRow, [statement("st-1", "one"), statement("st-2", "two", "person-a")])
        rows = [{"term": term, "statement_id": "st-1"} for term in terms]
        insert_ignoring_duplicates(session, StatementTermRow, rows, ["term", "statement_id"])
        insert_ignoring_duplicates(session, StatementTermRow, rows[:10] + [{"term": "extra", "statement_id": "st-2"}],
                                   ["term", "statement_id"])  # duplicates ignored, the new row kept
        session.commit()

    with Session(store_engine) as session:
        wanted = terms[::2] + ["absent", "extra"]
        found = session.exec(select(func.count()).select_from(StatementTermRow)
                             .where(among(session, StatementTermRow.term, wanted))).one()
        assert found == len(terms[::2]) + 1
        assert session.exec(select(func.count()).select_from(StatementTermRow)).one() == len(terms) + 1


def test_insert_or_update_replaces_every_other_column(store_engine):
    with Session(store_engine) as session:
        insert_rows(session, StatementRow, [statement("st-1", "first words", "person-a")])
        insert_or_update(session, StatementRow, [statement("st-1", "fuller words", None), statement("st-2", "new")],
                         ["id"])
        session.commit()
        rows = {row.id: (row.text, row.actor_id) for row in session.exec(select(StatementRow)).all()}

    assert rows == {"st-1": ("fuller words", None), "st-2": ("new", None)}


def test_an_insert_is_built_once_and_each_use_writes_its_own_rows(store_engine):
    # Building the statement cost about 1 ms a time, most of what a small batch spent writing; a
    # reused statement must still write each call's rows and follow each call's conflict rule.
    _insert_statement.cache_clear()
    with Session(store_engine) as session:
        for n in range(3):
            insert_or_update(session, StatementRow, [statement("st-1", f"words {n}"), statement(f"st-{n + 2}", "x")],
                             ["id"])
        insert_ignoring_duplicates(session, StatementRow, [statement("st-1", "ignored")], ["id"])
        session.commit()
        rows = {row.id: row.text for row in session.exec(select(StatementRow)).all()}

    assert rows == {"st-1": "words 2", "st-2": "x", "st-3": "x", "st-4": "x"}
    info = _insert_statement.cache_info()
    assert (info.misses, info.hits) == (2, 2)  # one statement per conflict rule, reused
