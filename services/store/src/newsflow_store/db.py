"""The database engine (SQLite for the embedded mode, PostgreSQL in deployment) and its schema."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).parent / "migrations"
# Any fixed numbers: the keys of the PostgreSQL advisory locks below. Per-article locks use the
# two-key form (ARTICLE_LOCKS, hashtext(id)), a key space apart from the one-key locks.
MIGRATION_LOCK = 0x6E66_0001
STATEMENTS_LOCK = 0x6E66_0002
ARTICLE_LOCKS = 0x6E66
# libpq startup options of every store connection to PostgreSQL.
DURABLE_COMMIT_OPTIONS = "-c synchronous_commit=on"


def make_engine(database_url: str) -> Engine:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(database_url, in_memory=url.database in (None, "", ":memory:"))
    if url.get_backend_name() == "postgresql":
        # Operators write postgresql://...; SQLAlchemy would pick psycopg2 for it, we ship psycopg 3.
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        # Durable before commit: the store commits Kafka offsets right after its transaction, so a
        # transaction must be on disk when COMMIT returns, whatever the server's default (with
        # synchronous_commit=off a crash drops the last commits, whose offsets are already committed).
        return create_engine(url, pool_pre_ping=True, connect_args={"options": DURABLE_COMMIT_OPTIONS})
    return create_engine(url, pool_pre_ping=True)


def _sqlite_engine(database_url: str, *, in_memory: bool) -> Engine:
    # The stage workers write from their own threads while the API reads from others.
    engine = create_engine(
        database_url,
        connect_args={"check_same_thread": False},
        # An in-memory database lives in one connection: share it, or every session sees an empty one.
        poolclass=StaticPool if in_memory else None,
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:
        # Transactions are begun below, not by the sqlite3 module (which would not
        # include DDL in them, nor let a writer take its lock up front).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL: readers (the API) never block the writers (the workers) and vice versa.
        cursor.execute("PRAGMA journal_mode=WAL")
        # Writers still take turns; wait for the other instead of failing at once.
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        # A writer that begins by reading and then writes fails at once (SQLITE_BUSY,
        # no waiting) if another wrote in between; taking the write lock first waits instead.
        immediate = connection.get_execution_options().get("newsflow_writes", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def write_session(engine: Engine) -> Session:
    """A session for one transaction that writes.

    SQLite: BEGIN IMMEDIATE, its one writer at a time (waited for). PostgreSQL:
    writers run at once; what they share is guarded by the locks below, taken
    inside the transaction and held until it ends.
    """
    return Session(engine.execution_options(newsflow_writes=True))


def lock_articles(session: Session, article_ids: set[str]) -> None:
    """Hold these articles until the transaction ends: another store replica saving one of them waits.

    The newest-version check reads what is stored and then writes; two writers
    of one article must take turns or both would win. Taken in one order (by
    key) so that two batches sharing articles never wait on each other in a circle.
    """
    if article_ids and session.get_bind().dialect.name == "postgresql":
        session.execute(text(
            "SELECT pg_advisory_xact_lock(:space, key)"
            " FROM (SELECT DISTINCT hashtext(id) AS key FROM unnest(CAST(:ids AS text[])) AS id ORDER BY key) AS keys"
        ), {"space": ARTICLE_LOCKS, "ids": sorted(article_ids)})


def lock_statements(session: Session) -> None:
    """Take the statements' turn, held until the transaction ends.

    Grouping a quote reads every statement it could join and then writes; a
    writer that did not see another's quotes of the same statement would start
    a second one. So writers group one at a time, each seeing all the others'
    committed work, and keep the turn only for the grouping and the writes that
    come after it (the statements, their index, the quotes).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": STATEMENTS_LOCK})


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (creating it in an empty database).

    Replicas starting together take turns (an advisory lock on PostgreSQL;
    SQLite's write lock), so each sees the others' finished work.
    """
    with engine.execution_options(newsflow_writes=True).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        command.upgrade(alembic_config(connection), "head")


def schema_is_current(engine: Engine) -> bool:
    """Whether the database is at the newest migration (read-only: any role with data rights can ask)."""
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head


# The name the embedded runtime and older callers use.
create_schema = migrate
