"""Replaying articles.raw through a new stage version on a real broker: all of it, once, then stop."""

import uuid
from collections import Counter
from dataclasses import replace

import pytest

from newsflow_shared.envelope import to_message
from newsflow_shared.events import ParsedArticle
from newsflow_shared.kafka_admin import ensure_topics
from newsflow_shared.kafka_transport import KafkaPublisher
from newsflow_shared.replay import replay_stage
from newsflow_shared.settings import Settings
from tests.infra.kafka_reading import read_topic
from tests.infra.sample_stage import raw, shout, shout_stage

pytestmark = pytest.mark.integration


async def test_replay_reprocesses_every_article_with_the_new_version_and_stops(kafka_broker):
    run = uuid.uuid4().hex[:8]
    settings = Settings(kafka_bootstrap_servers=kafka_broker.bootstrap_servers, topic_raw=f"raw-{run}",
                        topic_parsed=f"parsed-{run}", topic_dlq=f"dlq-{run}")
    await ensure_topics(settings.kafka_bootstrap_servers, [settings.topic_raw, settings.topic_parsed,
                                                           settings.topic_dlq], partitions=3)
    publisher = KafkaPublisher(settings.kafka_bootstrap_servers)
    await publisher.start()
    await publisher.publish([to_message(settings.topic_raw, raw(f"a{n}", f"story {n}"), source="/test")
                             for n in range(12)])
    await publisher.stop()

    first = shout_stage(settings.topic_raw, settings.topic_parsed)
    assert await replay_stage(first, settings, group=f"shout-1-{run}") == 12

    def shout_v2(events):
        return [p.model_copy(update={"pipeline": p.pipeline.model_copy(update={"parse": "v2"})}) for p in shout(events)]

    # The new version under its own group reads everything again, although group v1 is done.
    assert await replay_stage(replace(first, handle=shout_v2), settings, group=f"shout-2-{run}") == 12

    parsed = [ParsedArticle.model_validate_json(r.value) for r in await read_topic(
        settings.kafka_bootstrap_servers, settings.topic_parsed, at_least=24)]
    versions = Counter(p.pipeline.parse for p in parsed)
    assert versions == {"test": 12, "v2": 12}
    assert {p.article_id for p in parsed if p.pipeline.parse == "v2"} == {f"a{n}" for n in range(12)}
