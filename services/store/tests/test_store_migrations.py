"""The Alembic migrations make exactly the models' schema, on SQLite and PostgreSQL, and the search index."""

from __future__ import annotations

import threading

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from newsflow_store.api.views import article_detail
from newsflow_store.crud import ArticleFilters, get_article, list_articles
from newsflow_store.db import alembic_config, make_engine, migrate
from newsflow_store.models import STORE_TABLES, ArticleRow
from newsflow_store.schema_check import schema_differences
from newsflow_store.search import PG_INDEX, SQLITE_FTS, matches_search


def test_the_migrations_make_exactly_the_models_schema(store_engine):
    assert schema_differences(store_engine) == []
    tables = set(inspect(store_engine).get_table_names())
    assert {table.name for table in STORE_TABLES} <= tables
    assert "alembic_version" in tables


def test_the_check_sees_a_schema_that_differs(store_engine):
    with store_engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_quotes_text_key"))
        connection.execute(text("CREATE TABLE stray (id INTEGER PRIMARY KEY)"))

    differences = [repr(d) for d in schema_differences(store_engine)]
    assert any("ix_quotes_text_key" in d and "add_index" in d for d in differences)
    assert any("stray" in d and "remove_table" in d for d in differences)


def test_migrating_again_changes_nothing_and_down_then_up_restores_it(store_engine, make_article, save_to):
    migrate(store_engine)
    with store_engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(store_engine).get_table_names()) <= {"alembic_version"}

    migrate(store_engine)
    assert schema_differences(store_engine) == []
    save_to(store_engine, make_article("art-1"))  # the search triggers are back too
    with Session(store_engine) as session:
        assert [row.id for row in list_articles(session, filters=ArticleFilters(search="commuters"))] == ["art-1"]


def test_the_search_objects_exist_on_their_database(store_engine):
    with store_engine.connect() as connection:
        if store_engine.dialect.name == "postgresql":
            found = connection.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = :name"),
                                       {"name": PG_INDEX}).scalar_one()
            assert "gin" in found and "to_tsvector" in found
        else:
            found = connection.execute(text("SELECT sql FROM sqlite_master WHERE name = :name"),
                                       {"name": SQLITE_FTS}).scalar_one()
            assert "fts5" in found


@pytest.mark.integration
def test_postgres_search_uses_the_gin_index(postgres_url, make_article, save_to):
    engine = make_engine(postgres_url)
    migrate(engine)
    save_to(engine, *(make_article(f"art-{n}") for n in range(30)))
    with Session(engine) as session:
        session.execute(text("SET enable_seqscan = off"))  # a tiny table: make the planner show its choice
        statement = select(ArticleRow.id).where(matches_search("postgresql", "commuters"))
        compiled = statement.compile(engine, compile_kwargs={"literal_binds": True})
        plan = "\n".join(row[0] for row in session.execute(text(f"EXPLAIN {compiled}")))
    engine.dispose()
    assert PG_INDEX in plan, plan


@pytest.mark.integration
def test_replicas_starting_together_migrate_once(postgres_url):
    engines = [make_engine(postgres_url) for _ in range(3)]
    errors = []

    def start(engine):
        try:
            migrate(engine)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert schema_differences(engines[0]) == []
    for engine in engines:
        engine.dispose()


def test_quotes_stored_before_parts_existed_keep_their_rows_and_read_as_one_part(store_engine, make_article, save_to):
    article = make_article("art-1")
    save_to(store_engine, article)
    with store_engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0002")  # before quotes had parts
    migrate(store_engine)

    assert schema_differences(store_engine) == []
    with Session(store_engine) as session:
        quotes = article_detail(get_article(session, article_id="art-1")).quotes
    assert [(q.id, q.text, [(p.start, p.end) for p in q.parts]) for q in quotes] == \
        [(q.id, q.text, [(q.start, q.end)]) for q in article.quotes]
