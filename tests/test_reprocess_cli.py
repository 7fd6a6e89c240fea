"""`newsflow reprocess parse` replays articles.raw through the installed parse, then exits."""

import asyncio
import os
import subprocess
import sys
import uuid

import pytest

from newsflow_ingest.intake import raw_article, submission_from_fields
from newsflow_parse.version import PARSE_VERSION
from newsflow_shared.envelope import to_message
from newsflow_shared.events import ParsedArticle
from newsflow_shared.kafka_admin import ensure_topics
from newsflow_shared.kafka_transport import KafkaPublisher
from tests.infra.kafka_reading import read_topic

pytestmark = pytest.mark.integration


async def publish_raw(bootstrap: str, topic: str, texts: list[str]) -> None:
    publisher = KafkaPublisher(bootstrap)
    await publisher.start()
    await publisher.publish([to_message(topic, raw_article(submission_from_fields({"text": t})), source="/test")
                             for t in texts])
    await publisher.stop()


def test_reprocess_parse_replays_every_raw_article_without_reposting(kafka_broker):
    run = uuid.uuid4().hex[:8]
    topics = {"RAW": f"raw-{run}", "PARSED": f"parsed-{run}", "DLQ": f"dlq-{run}", "STATUS": f"status-{run}"}
    bootstrap = kafka_broker.bootstrap_servers
    asyncio.run(ensure_topics(bootstrap, list(topics.values()), partitions=2))
    texts = [f"Harbour story {n}\n\n\"We are ready,\" said pilot Mara Lund on day {n}." for n in range(4)]
    asyncio.run(publish_raw(bootstrap, topics["RAW"], texts))

    env = {**os.environ, "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS": bootstrap,
           **{f"NEWSFLOW_TOPIC_{k}": v for k, v in topics.items()}}
    result = subprocess.run([sys.executable, "-m", "newsflow.cli", "reprocess", "parse", "--group", f"replay-{run}"],
                            env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"reprocessed 4 messages through parse {PARSE_VERSION}" in result.stdout

    parsed = [ParsedArticle.model_validate_json(r.value)
              for r in asyncio.run(read_topic(bootstrap, topics["PARSED"], at_least=4))]
    assert len(parsed) == 4
    assert {p.pipeline.parse for p in parsed} == {PARSE_VERSION}
    assert all(p.quotes for p in parsed)
