"""Poison goes to the DLQ with its reason and nothing else stops; `newsflow redrive` sends it back.

The pipeline as OS processes (one replica each, one partition per topic, so
a good article behind the poison shows the partition moved on). Straight to
each stage's input topic go three kinds of poison: bytes that are not JSON,
JSON of the wrong shape, and an article the stage's domain code refuses
(parse: over its NLP budget; enrich and store: a quote or mention pointing
outside the body), each followed by a good article. Then parse is restarted
with a larger budget, as an operator would, and the refused article is
redriven: dry run first, then for real, twice.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone

import httpx
import pytest

from newsflow_shared.envelope import Message, to_message
from newsflow_shared.events import EnrichedArticle, Mention, ParsedArticle, Quote, RawArticle
from newsflow_shared.kafka_transport import KafkaPublisher
from tests.chaos.articles import article
from tests.infra.cluster import Cluster
from tests.infra.kafka_reading import read_topic
from tests.infra.waiting import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.chaos]

BUDGET = 4000  # NEWSFLOW_MAX_NLP_CHARS for this run: the long article below is over it


def raw_event(article_id: str, content: str) -> RawArticle:
    return RawArticle(article_id=article_id, received_at=datetime.now(timezone.utc), content_type="text/plain",
                      content=content)


def good_articles() -> tuple[RawArticle, ParsedArticle, EnrichedArticle]:
    """Three good articles, one for each input topic, made by the real stages."""
    from newsflow_enrich.pipeline import enrich_articles
    from newsflow_parse.pipeline import parse_articles

    raws = [raw_event(f"good-{n}-{uuid.uuid4().hex[:6]}", article(n)["text"]) for n in (1, 2, 3)]
    parsed = parse_articles(raws)
    enriched = enrich_articles(parsed[2:])
    return raws[0], parsed[1], enriched[0]


def poison(topics: dict[str, str]) -> tuple[list[Message], dict[str, tuple[str, str]], list[str]]:
    """Poison then a good article, per topic; each poison's key -> (stage, error type); the good ids."""
    good_raw, good_parsed, good_enriched = good_articles()
    long_raw = raw_event("poison-raw-too-costly", article(7)["text"] + "\n\n" + "The debate went on. " * 300)
    parsed_outside = good_parsed.model_copy(update={
        "article_id": "poison-parsed-offsets",
        "quotes": [Quote(id="q1", text="We listened", kind="direct", start=10_000, end=10_011)]})
    enriched_outside = good_enriched.model_copy(update={"article_id": "poison-enriched-offsets"}, deep=True)
    enriched_outside.entities[0].mentions.append(Mention(start=50_000, end=50_004, text="Nobody"))
    messages, expected = [], {}
    for name, stage, model, domain in (("raw", "parse", RawArticle, long_raw),
                                       ("parsed", "enrich", ParsedArticle, parsed_outside),
                                       ("enriched", "store", EnrichedArticle, enriched_outside)):
        topic = topics[name]
        not_json = Message(topic=topic, key=f"poison-{name}-json".encode(), value=b"{not json at all")
        # The right event type in its headers, a payload that breaks its schema.
        wrong_shape = Message(topic=topic, key=f"poison-{name}-schema".encode(), value=b'{"article_id": 5}',
                              headers=(("ce_type", model.EVENT_TYPE.encode()), ("content-type", b"application/json")))
        messages += [not_json, wrong_shape, to_message(topic, domain, source="/test")]
        expected[f"poison-{name}-json"] = (stage, "ValidationError")
        expected[f"poison-{name}-schema"] = (stage, "ValidationError")
        good = {"raw": good_raw, "parsed": good_parsed, "enriched": good_enriched}[name]
        messages.append(to_message(topic, good, source="/test"))
    expected["poison-raw-too-costly"] = ("parse", "TooCostly")
    expected["poison-parsed-offsets"] = ("enrich", "InconsistentArticle")
    expected["poison-enriched-offsets"] = ("store", "InconsistentArticle")
    return messages, expected, [good_raw.article_id, good_parsed.article_id, good_enriched.article_id]


async def publish(bootstrap: str, messages: list[Message]) -> None:
    publisher = KafkaPublisher(bootstrap)
    await publisher.start()
    try:
        await publisher.publish(messages)
    finally:
        await publisher.stop()


def redrive(cluster: Cluster, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS": cluster.bootstrap_servers,
           "NEWSFLOW_TOPIC_DLQ": cluster.topics["dlq"], "NEWSFLOW_LOG_LEVEL": "WARNING"}
    done = subprocess.run([sys.executable, "-m", "newsflow.cli", "redrive", *args], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def status_of(store: httpx.Client, article_id: str) -> dict:
    return store.get(f"/articles/{article_id}/status").json()


def test_poison_is_dead_lettered_with_its_reason_the_partition_moves_on_and_redrive_stores_it(
        kafka_broker, postgres_url, tmp_path):
    cluster = Cluster(kafka_broker.bootstrap_servers, postgres_url, tmp_path, replicas=1, partitions=1,
                      topic_prefix="poison", extra_env={"NEWSFLOW_MAX_NLP_CHARS": str(BUDGET)})
    try:
        cluster.start(timeout=180)
        messages, expected, good_ids = poison(cluster.topics)
        asyncio.run(publish(kafka_broker.bootstrap_servers, messages))
        store = httpx.Client(base_url=cluster.store_url, timeout=30)

        # The good article behind each topic's poison is stored: every partition moved on.
        wait_for(lambda: all(status_of(store, a)["status"] == "stored" for a in good_ids), "the good articles")
        dead = asyncio.run(read_topic(kafka_broker.bootstrap_servers, cluster.topics["dlq"], at_least=len(expected)))
        reasons = {r.key.decode(): (dict(r.headers)["nf_stage"].decode(), dict(r.headers)["nf_error_type"].decode())
                   for r in dead}
        assert len(dead) == len(expected)  # each once, nothing else
        assert reasons == expected
        costly = next(r for r in dead if r.key == b"poison-raw-too-costly")
        assert b"too costly to process" in dict(costly.headers)["nf_error"]
        offsets = next(r for r in dead if r.key == b"poison-enriched-offsets")
        assert b"outside the body" in dict(offsets.headers)["nf_error"]
        cluster.check_alive()  # poison crashes nothing
        wait_for(lambda: status_of(store, "poison-raw-too-costly")["status"] == "failed", "the failed status")
        failure = status_of(store, "poison-raw-too-costly")["failure"]
        assert failure["stage"] == "parse" and failure["error_type"] == "TooCostly"

        # The operator raises parse's budget and redrives what it refused.
        (parse,) = [s for s in cluster.of("parse") if s.alive()]
        assert cluster.stop_one(parse)[0] == 0
        cluster.spawn("parse", NEWSFLOW_MAX_NLP_CHARS="100000")
        listed = redrive(cluster, "--stage", "parse", "--error-type", "TooCostly", "--dry-run")
        assert listed.stdout.count("\n") == 1 and "poison-raw-too-costly" in listed.stdout
        assert cluster.topics["raw"] in listed.stdout and "would send 1 of 9" in listed.stderr
        time.sleep(3)
        assert status_of(store, "poison-raw-too-costly")["status"] == "failed"  # a dry run sends nothing
        sent = redrive(cluster, "--article-id", "poison-raw-too-costly")
        assert "sent 1 of 9" in sent.stderr
        wait_for(lambda: status_of(store, "poison-raw-too-costly")["status"] == "stored", "the redriven article")
        assert store.get("/articles/poison-raw-too-costly").json()["quotes"]  # parsed and enriched for real

        again = redrive(cluster, "--article-id", "poison-raw-too-costly")  # safe to run twice
        assert "sent 1 of 9" in again.stderr
        time.sleep(5)
        assert status_of(store, "poison-raw-too-costly")["status"] == "stored"
        listing = store.get("/articles", params={"limit": 100}).json()["items"]
        assert [a["article_id"] for a in listing].count("poison-raw-too-costly") == 1
        later = asyncio.run(read_topic(kafka_broker.bootstrap_servers, cluster.topics["dlq"], at_least=9))
        assert len(later) == 9  # it did not fail again
        store.close()
    finally:
        codes = cluster.stop()
    assert all(code == 0 for code in codes.values()), codes
