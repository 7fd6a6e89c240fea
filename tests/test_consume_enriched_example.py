"""examples/consume_enriched.py against a real broker: it prints quotes with their speakers."""

import asyncio
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from newsflow_shared.envelope import Message, to_message
from newsflow_shared.events import EnrichedArticle
from newsflow_shared.kafka_admin import ensure_topics
from newsflow_shared.kafka_transport import KafkaPublisher

pytestmark = pytest.mark.integration

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "consume_enriched.py"

ARTICLE = {
    "article_id": "0123456789abcdef",
    "metadata": {"title": "Harbour ferry stays"},
    "body": "\u201cThe boat is our road,\u201d said Mayor Ada Quist. Council officials said the ferry lost money.",
    "quotes": [
        {"id": "0123456789abcdef-q1", "text": "The boat is our road", "kind": "direct", "start": 1, "end": 21,
         "cue": "said", "speaker": "Mayor Ada Quist", "actor_id": "ent_quist"},
        {"id": "0123456789abcdef-q2", "text": "the ferry lost money", "kind": "indirect", "start": 66, "end": 86,
         "cue": "said", "speaker": "Council officials", "actor_id": None},
    ],
    "entities": [{"id": "ent_quist", "name": "Ada Quist", "type": "person", "aliases": ["Quist"], "mentions": []}],
    "pipeline": {"parse": "1", "enrich": "1"},
}


async def publish(bootstrap: str, topic: str) -> None:
    await ensure_topics(bootstrap, [topic], partitions=2)
    publisher = KafkaPublisher(bootstrap)
    await publisher.start()
    article = EnrichedArticle.model_validate(ARTICLE)
    other_type = Message(topic=topic, key=b"x", value=b'{"something": "else"}',
                         headers=(("ce_type", b"newsflow.article.enriched.v2"),))
    await publisher.publish([other_type, to_message(topic, article, source="/test")])
    await publisher.stop()


def test_example_prints_each_quote_with_its_speaker(kafka_broker):
    topic = f"enriched-{uuid.uuid4().hex[:8]}"
    asyncio.run(publish(kafka_broker.bootstrap_servers, topic))
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), "--bootstrap-servers", kafka_broker.bootstrap_servers,
         "--topic", topic, "--group", "example-test", "--max-articles", "1"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "0123456789abcdef  Harbour ferry stays",
        "  Ada Quist (direct): \u201cThe boat is our road\u201d",
        "  Council officials (indirect): \u201cthe ferry lost money\u201d",
    ]
