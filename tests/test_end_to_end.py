"""The whole pipeline as separate OS processes over a real Kafka broker and PostgreSQL.

ingest, parse (2 replicas), enrich (2 replicas) and store each run as
`newsflow serve X`, the way containers run them. Every posted article must
reach the store API complete, and every topic must carry it exactly once.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from newsflow.files import read_articles
from tests.infra.cluster import Cluster
from tests.infra.kafka_reading import read_topic

pytestmark = pytest.mark.integration

PARTITIONS = 4
SAMPLES = Path(__file__).resolve().parents[1] / "newsflow" / "samples"

EXTRA_ARTICLES = [
    {
        "html": "<html><head><title>Tram line opens in Velden</title>"
        "<meta name='author' content='Lotte Brandt'></head><body><article><h1>Tram line opens in Velden</h1>"
        "<p>VELDEN — The first tram in forty years ran through Velden on Monday.</p>"
        "<p>\u201cWe waited a long time for this morning,\u201d said Mayor Joris Akker as the tram left the depot.</p>"
        "<p>The line cost 80 million euros and will carry 12,000 passengers a day, the city said.</p>"
        "</article></body></html>",
        "source": "Velden Courier",
        "url": "https://velden.example/tram",
    },
    {
        "text": "Bakers strike over night shifts\n\nBakers at three industrial bakeries in Solm stopped work "
        "on Friday. \"We are asking for daylight, not a miracle,\" said Rosa Ilic, a union organiser. "
        "Managers said talks would resume next week.",
        "published_at": "2026-03-06",
        "source": "Solm Daily",
    },
]


@pytest.fixture
def pipeline(kafka_broker, postgres_url, tmp_path):
    """Started and settled: every replica owns partitions before anything is posted."""
    cluster = Cluster(kafka_broker.bootstrap_servers, postgres_url, tmp_path, replicas=2, partitions=PARTITIONS,
                      topic_prefix="e2e", extra_env={"NEWSFLOW_BATCH_SIZE": "4"})
    try:
        cluster.start(timeout=180)
        yield cluster
    finally:
        cluster.stop()


def processes(cluster: Cluster) -> list[subprocess.Popen]:
    return [service.process for service in cluster.services]


def expected_articles() -> list[dict]:
    articles = [a.fields for path in sorted(SAMPLES.glob("*.txt")) for a in read_articles(path)]
    return articles + EXTRA_ARTICLES


def test_every_article_arrives_complete_and_exactly_once(pipeline, kafka_broker):
    from newsflow_enrich.pipeline import enrich_articles
    from newsflow_ingest.intake import raw_article, submission_from_fields
    from newsflow_parse.pipeline import parse_articles

    articles = expected_articles()
    posted = {}
    with httpx.Client(base_url=pipeline.ingest_url, timeout=30) as client:
        for fields in articles:
            response = client.post("/articles", json=fields)
            assert response.status_code == 202, response.text
            posted[response.json()["article_id"]] = fields
        again = client.post("/articles", json=articles[0])
        assert again.status_code == 200 and again.json()["status"] == "duplicate"

    # What the pure pipeline makes of the same articles is what the store must hold.
    expected = {a.article_id: a for a in enrich_articles(parse_articles(
        [raw_article(submission_from_fields(f)) for f in articles]))}
    assert set(expected) == set(posted)

    with httpx.Client(base_url=pipeline.store_url, timeout=10) as store:
        deadline = time.monotonic() + 120
        while store.get("/articles", params={"limit": 100, "with_total": "true"}).json()["total"] < len(posted):
            assert time.monotonic() < deadline, "not every article reached the store"
            pipeline.check_alive()
            time.sleep(0.5)
        listing = store.get("/articles", params={"limit": 100, "with_total": "true"}).json()
        assert listing["total"] == len(posted)
        assert sorted(item["article_id"] for item in listing["items"]) == sorted(posted)
        for article_id, want in expected.items():
            got = store.get(f"/articles/{article_id}").json()
            assert got["body"] == want.body
            assert got["metadata"]["title"] == want.metadata.title
            assert sorted(q["text"] for q in got["quotes"]) == sorted(q.text for q in want.quotes)
            assert sorted(e["name"] for e in got["entities"]) == sorted(e.name for e in want.entities)
        total_quotes = sum(len(a.quotes) for a in expected.values())
        assert total_quotes >= 8  # the fixtures really carry quotes through
        # /quotes lists statements; each counts the articles' quotes reporting it.
        statements = store.get("/quotes", params={"limit": 100}).json()["items"]
        assert sum(s["report_count"] for s in statements) == total_quotes

    bootstrap, topics = kafka_broker.bootstrap_servers, pipeline.topics
    for stage_topic in ("raw", "parsed", "enriched"):
        records = asyncio.run(read_topic(bootstrap, topics[stage_topic], at_least=len(posted)))
        counts = Counter(r.key.decode() for r in records)
        assert counts == Counter({article_id: 1 for article_id in posted}), stage_topic
    dead = asyncio.run(read_topic(bootstrap, topics["dlq"], at_least=0, settle_ms=500))
    assert dead == []

    # Both replicas of each scaled stage did part of the work (ids, hence partitions, are fixed).
    for stage in ("parse", "enrich"):
        per_replica = [processed_count(service.log.path) for service in pipeline.of(stage)]
        assert all(per_replica) and sum(per_replica) == len(posted), (stage, per_replica)


def processed_count(log: Path) -> int:
    return sum('"article processed"' in line for line in log.read_text(errors="replace").splitlines())


def test_services_stop_cleanly_on_sigterm(pipeline):
    for process in processes(pipeline):
        process.send_signal(signal.SIGTERM)
    codes = [process.wait(timeout=60) for process in processes(pipeline)]
    assert codes == [0] * len(codes), [service.log.path.read_text()[-2000:] for service in pipeline.services]
