"""The test broker itself: it must start whatever random cluster id it draws."""

import shutil

import pytest

from tests.infra.kafka_broker import KafkaBroker, kafka_libs


@pytest.fixture
def kafka_available():
    if not shutil.which("java"):
        pytest.skip("no java on PATH: the Kafka broker cannot start")
    try:
        kafka_libs()
    except RuntimeError as exc:
        pytest.skip(str(exc))


def test_a_broker_starts_with_a_cluster_id_that_begins_with_a_dash(kafka_available):
    # One random id in 64 begins with "-"; the storage tool once read it as an option and failed.
    broker = KafkaBroker(cluster_id="-dYSwWqkT_OVvE2zA6OoFQ")
    try:
        broker.start(timeout=90)
        assert broker.process is not None and broker.process.poll() is None
    finally:
        broker.stop()
