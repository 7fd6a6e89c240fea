"""Producer compression: chosen by a setting, and what is written compressed reads back whole."""

import uuid

import pytest

from newsflow_shared.envelope import Message
from newsflow_shared.kafka_admin import ensure_topics
from newsflow_shared.kafka_transport import KafkaPublisher, producer_compression
from newsflow_shared.runner import kafka_stage_worker
from newsflow_shared.settings import Settings
from tests.infra.kafka_reading import read_topic
from tests.infra.sample_stage import shout_stage


def test_auto_is_snappy_whose_codec_shared_installs():
    # Without cramjam "auto" would silently publish uncompressed.
    assert producer_compression("auto") == "snappy"


def test_none_and_named_codecs_map_to_aiokafka_names():
    assert producer_compression("none") is None
    assert producer_compression("gzip") == "gzip"


async def test_stages_write_gzip_unless_told_so_a_bare_kafka_client_reads_articles_enriched():
    stage = shout_stage("raw-t", "enriched-t", 0.0)
    assert kafka_stage_worker(stage, Settings()).publisher.compression == "gzip"
    assert kafka_stage_worker(stage, Settings(kafka_compression="zstd")).publisher.compression == "zstd"


def test_compression_comes_from_the_environment(monkeypatch):
    assert Settings().kafka_compression is None  # each service's own default
    monkeypatch.setenv("NEWSFLOW_KAFKA_COMPRESSION", "lz4")
    assert Settings().kafka_compression == "lz4"
    monkeypatch.setenv("NEWSFLOW_KAFKA_COMPRESSION", "brotli")
    with pytest.raises(ValueError):
        Settings()


@pytest.mark.integration
@pytest.mark.parametrize("compression", ["auto", "zstd", "none"])
async def test_articles_published_compressed_read_back_unchanged(kafka_broker, compression):
    topic = f"compressed-{uuid.uuid4().hex[:8]}"
    await ensure_topics(kafka_broker.bootstrap_servers, [topic], partitions=2)
    bodies = {f"a{n}": ("The ferry ran late again on Tuesday. " * (20 + n)).encode() for n in range(30)}
    publisher = KafkaPublisher(kafka_broker.bootstrap_servers, compression=compression, linger_ms=20)
    await publisher.start()
    try:
        await publisher.publish([Message(topic=topic, key=key.encode(), value=value) for key, value in bodies.items()])
    finally:
        await publisher.stop()
    records = await read_topic(kafka_broker.bootstrap_servers, topic, at_least=len(bodies), settle_ms=300)
    assert {r.key.decode(): r.value for r in records} == bodies
