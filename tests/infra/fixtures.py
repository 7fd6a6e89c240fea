"""Session fixtures: one real Kafka broker and one real PostgreSQL server per test run.

Both are skipped, with the reason, only when their prerequisite is missing on
a developer machine; in CI (CI=true) a missing prerequisite fails the run.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.infra.kafka_broker import KafkaBroker, kafka_libs
from tests.infra.postgres import PostgresServer, postgres_bin_dir


def unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def kafka_broker():
    if not shutil.which("java"):
        unavailable("no java on PATH: the Kafka broker cannot start")
    try:
        kafka_libs()
    except RuntimeError as exc:
        unavailable(str(exc))
    broker = KafkaBroker().start()
    yield broker
    broker.stop()


@pytest.fixture(scope="session")
def postgres_server():
    if postgres_bin_dir() is None:
        unavailable("no PostgreSQL server binaries (apt-get install postgresql)")
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty database on the session's server for each test."""
    return postgres_server.create_database()
