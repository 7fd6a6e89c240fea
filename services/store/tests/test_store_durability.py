"""Durable before commit: the store's transactions reach disk before COMMIT returns, whatever the server says.

The store commits Kafka offsets right after its transaction; with PostgreSQL's
synchronous_commit off, a crash of the server would drop the last transactions
whose offsets are already committed: articles lost. So every store connection
sets it on itself.
"""

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from newsflow_store.db import make_engine

pytestmark = pytest.mark.integration


def test_store_sessions_commit_synchronously_even_where_the_server_default_is_off(postgres_url):
    admin = create_engine(postgres_url, poolclass=NullPool)  # each connect() a new session
    with admin.connect() as connection:
        name = connection.execute(text("SELECT current_database()")).scalar_one()
        connection.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
        connection.commit()
    with admin.connect() as plain:  # an ordinary client of that database gets the relaxed default
        assert plain.execute(text("SHOW synchronous_commit")).scalar_one() == "off"
    admin.dispose()

    engine = make_engine(postgres_url)
    try:
        with engine.connect() as store:
            assert store.execute(text("SHOW synchronous_commit")).scalar_one() == "on"
    finally:
        engine.dispose()
