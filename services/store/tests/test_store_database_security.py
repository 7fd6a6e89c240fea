"""PostgreSQL over TLS (verify-full), credentials from a file, and a store with data rights only.

One server of this module's own, serving TLS with a certificate from a CA made
here (trustme). The owner migrates (`newsflow migrate`); the store's role may
read and write rows but not change the schema, and still does all its work.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from newsflow_shared.settings import Settings
from newsflow_store.db import make_engine, migrate, schema_is_current
from newsflow_store.handler import store_handler
from tests.infra.postgres import PostgresServer

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def tls_server(postgres_server):  # the session server first: skips (or fails in CI) without PostgreSQL
    server = PostgresServer(tls=True).start()
    yield server
    server.stop()


def over_tls(url: str, ca: str, mode: str = "verify-full") -> str:
    return f"{url}?sslmode={mode}&sslrootcert={quote(ca)}"


def test_the_store_connects_over_tls_verifying_the_server(tls_server):
    engine = make_engine(over_tls(tls_server.create_database(), str(tls_server.ca_path)))
    try:
        migrate(engine)
        with engine.connect() as connection:
            encrypted = connection.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
            assert encrypted.scalar_one() is True
    finally:
        engine.dispose()


def test_a_server_the_ca_did_not_sign_is_refused(tls_server, tmp_path):
    import trustme

    other_ca = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other_ca))
    engine = make_engine(over_tls(tls_server.create_database(), str(other_ca)))
    try:
        with pytest.raises(OperationalError, match="certificate verify failed"):
            with engine.connect():
                pass
    finally:
        engine.dispose()


def test_the_url_can_come_from_a_file(tmp_path):
    secret = tmp_path / "database-url"
    secret.write_text("postgresql+psycopg://newsflow:s3cret@db.example/newsflow\n")
    assert Settings(database_url_file=str(secret)).database_url == "postgresql+psycopg://newsflow:s3cret@db.example/newsflow"


def test_the_store_works_with_data_rights_only_once_the_owner_migrated(tls_server, make_article):
    owner_url = over_tls(tls_server.create_database(), str(tls_server.ca_path))
    database = make_url(owner_url).database
    owner = make_engine(owner_url)
    migrate(owner)  # what `newsflow migrate` does, as the owner
    owner.dispose()
    role = f"store_{uuid.uuid4().hex[:8]}"
    tls_server.sql(f"CREATE ROLE {role} LOGIN")
    tls_server.sql(f"GRANT USAGE ON SCHEMA public TO {role}; "
                   f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}; "
                   f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}", database)
    store = make_engine(owner_url.replace("postgres@", f"{role}@", 1))
    try:
        assert schema_is_current(store)
        store_handler(store)([make_article("art-1"), make_article("art-2")])
        with store.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM articles")).scalar_one() == 2
            with pytest.raises(ProgrammingError, match="permission denied"):
                connection.execute(text("CREATE TABLE intruder (id int)"))
    finally:
        store.dispose()


def test_newsflow_migrate_brings_an_empty_database_to_the_newest_migration(tls_server):
    import os
    import subprocess
    import sys

    url = over_tls(tls_server.create_database(), str(tls_server.ca_path))
    engine = make_engine(url)
    try:
        assert not schema_is_current(engine)  # a store without DDL rights would wait here
        done = subprocess.run([sys.executable, "-m", "newsflow.cli", "migrate"], env={**os.environ, "DATABASE_URL": url},
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        assert schema_is_current(engine)
    finally:
        engine.dispose()
