"""The whole pipeline as separate OS processes over a real Kafka broker and PostgreSQL.

ingest, parse (2 replicas), enrich (2 replicas) and store each run as
`newsflow serve X`, the way containers run them. Every posted article must
reach the store API complete, and every topic must carry it exactly once.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
import pytest

from newsflow.files import read_articles
from tests.infra.kafka_reading import read_topic
from tests.infra.ports import free_port

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


def spawn(service: str, env: dict[str, str], logs: dict[str, list[Path]], folder: Path) -> subprocess.Popen:
    path = folder / f"{service}-{len(logs.setdefault(service, []))}.log"
    logs[service].append(path)
    return subprocess.Popen([sys.executable, "-m", "newsflow.cli", "serve", service],
                            env=env, stdout=open(path, "wb"), stderr=subprocess.STDOUT)


def wait_http_ready(url: str, processes: list[subprocess.Popen], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert all(p.poll() is None for p in processes), "a service exited during startup"
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} not ready after {timeout}s")


def last_assignment(log: Path) -> list[str] | None:
    """The partitions a worker last said it owns (its JSON log's latest assignment line)."""
    assigned = None
    for line in log.read_text(errors="replace").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if record.get("event") == "partitions assigned":
            assigned = record["partitions"]
        elif record.get("event") == "partitions revoked":
            assigned = None
    return assigned


def wait_groups_complete(logs: dict[str, list[Path]], partitions: int, timeout: float = 120) -> None:
    """Posting before every replica holds partitions would test startup, not the pipeline.

    Done when, for each stage, every replica owns some partitions and together
    they own each partition exactly once.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        settled = True
        for stage, stage_logs in logs.items():
            owned = [last_assignment(log) for log in stage_logs]
            if any(not o for o in owned):
                settled = False
                continue
            flat = [p for o in owned for p in o]
            settled &= len(flat) == len(set(flat)) == partitions
        if settled:
            return
        time.sleep(0.5)
    raise AssertionError(f"consumer groups did not settle: { {s: [last_assignment(l) for l in ls] for s, ls in logs.items()} }")


@pytest.fixture
def pipeline(kafka_broker, postgres_url, tmp_path):
    run = uuid.uuid4().hex[:8]
    topics = {name: f"e2e-{run}.{name}" for name in ("raw", "parsed", "enriched", "dlq", "ids")}
    ingest_port, store_port = free_port(), free_port()
    base_env = {
        **os.environ,
        "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS": kafka_broker.bootstrap_servers,
        **{f"NEWSFLOW_TOPIC_{name.upper()}": topic for name, topic in topics.items()},
        "DATABASE_URL": postgres_url,
        "NEWSFLOW_STORE_PUBLIC_URL": f"http://127.0.0.1:{store_port}",
        "NEWSFLOW_LOG_JSON": "true",
        "NEWSFLOW_BATCH_SIZE": "4",
        "NEWSFLOW_TOPIC_PARTITIONS": str(PARTITIONS),
    }
    logs: dict[str, list[Path]] = {}
    processes = [
        spawn("ingest", {**base_env, "NEWSFLOW_HTTP_PORT": str(ingest_port)}, logs, tmp_path),
        spawn("store", {**base_env, "NEWSFLOW_HTTP_PORT": str(store_port)}, logs, tmp_path),
        *(spawn("parse", base_env, logs, tmp_path) for _ in range(2)),
        *(spawn("enrich", base_env, logs, tmp_path) for _ in range(2)),
    ]
    try:
        wait_http_ready(f"http://127.0.0.1:{ingest_port}/readyz", processes)
        wait_http_ready(f"http://127.0.0.1:{store_port}/readyz", processes)
        wait_groups_complete({s: logs[s] for s in ("parse", "enrich", "store")}, partitions=PARTITIONS)
        yield {"ingest": f"http://127.0.0.1:{ingest_port}", "store": f"http://127.0.0.1:{store_port}",
               "topics": topics, "processes": processes, "logs": logs}
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def expected_articles() -> list[dict]:
    articles = [a.fields for path in sorted(SAMPLES.glob("*.txt")) for a in read_articles(path)]
    return articles + EXTRA_ARTICLES


def test_every_article_arrives_complete_and_exactly_once(pipeline, kafka_broker):
    from newsflow_enrich.pipeline import enrich_articles
    from newsflow_ingest.intake import raw_article, submission_from_fields
    from newsflow_parse.pipeline import parse_articles

    articles = expected_articles()
    posted = {}
    with httpx.Client(base_url=pipeline["ingest"], timeout=30) as client:
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

    with httpx.Client(base_url=pipeline["store"], timeout=10) as store:
        deadline = time.monotonic() + 120
        while store.get("/articles", params={"limit": 100, "with_total": "true"}).json()["total"] < len(posted):
            assert time.monotonic() < deadline, "not every article reached the store"
            assert all(p.poll() is None for p in pipeline["processes"]), "a service died"
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

    bootstrap, topics = kafka_broker.bootstrap_servers, pipeline["topics"]
    for stage_topic in ("raw", "parsed", "enriched"):
        records = asyncio.run(read_topic(bootstrap, topics[stage_topic], at_least=len(posted)))
        counts = Counter(r.key.decode() for r in records)
        assert counts == Counter({article_id: 1 for article_id in posted}), stage_topic
    dead = asyncio.run(read_topic(bootstrap, topics["dlq"], at_least=0, settle_ms=500))
    assert dead == []

    # Both replicas of each scaled stage did part of the work (ids, hence partitions, are fixed).
    for stage in ("parse", "enrich"):
        per_replica = [processed_count(log) for log in pipeline["logs"][stage]]
        assert all(per_replica) and sum(per_replica) == len(posted), (stage, per_replica)


def processed_count(log: Path) -> int:
    return sum('"article processed"' in line for line in log.read_text(errors="replace").splitlines())


def test_services_stop_cleanly_on_sigterm(pipeline):
    for process in pipeline["processes"]:
        process.send_signal(signal.SIGTERM)
    codes = [process.wait(timeout=60) for process in pipeline["processes"]]
    assert codes == [0] * len(codes), [log.read_text()[-2000:] for logs in pipeline["logs"].values() for log in logs]
