"""The producer `newsflow serve ingest` writes with."""

from newsflow_ingest.main import ingest_publisher
from newsflow_shared.settings import Settings


async def test_ingest_compresses_with_snappy_unless_told_otherwise():
    # Cheapest of the codecs on ingest's small batches; only newsflow reads its topics.
    assert ingest_publisher(Settings()).compression == "snappy"
    assert ingest_publisher(Settings(kafka_compression="none")).compression is None
