"""The services answer their probes from the start, while Kafka is away or their topics are not made yet:
live, unready, never restarted in a loop by an orchestrator; and they stop cleanly meanwhile."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time

import httpx
import pytest
from aiokafka.admin import AIOKafkaAdminClient

from newsflow_shared.kafka_admin import ensure_topics
from tests.infra.ports import free_port
from tests.infra.waiting import http_status, wait_for


@pytest.mark.parametrize("service", ["ingest", "store"])
def test_with_the_broker_away_the_service_is_live_unready_and_stops_cleanly(service, tmp_path):
    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "NEWSFLOW_HTTP_PORT": str(port), "NEWSFLOW_RETRY_BACKOFF_MAX_MS": "1000",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}",
           "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}"}  # nothing listens there
    log = tmp_path / f"{service}.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "newsflow.cli", "serve", service], env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: http_status(f"{base}/healthz") == 200, what=f"{service}'s /healthz", timeout_s=30)
        assert http_status(f"{base}/readyz") == 503
        if service == "ingest":  # a post meanwhile: nothing was sent, so nothing accepted
            posted = httpx.post(f"{base}/articles", json={"text": "The council met."}, timeout=10)
            assert posted.status_code == 503, posted.text
            assert posted.json()["type"] == "urn:newsflow:problem:not-accepted"
        time.sleep(2)
        assert process.poll() is None, log.read_text()[-2000:]
        assert http_status(f"{base}/healthz") == 200  # waiting for a dependency is not being stuck
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0, log.read_text()[-2000:]


@pytest.mark.integration
def test_a_stage_told_not_to_create_topics_waits_unready_until_they_exist(kafka_broker, tmp_path):
    # As deploy/k8s runs it: Strimzi makes the topics (KafkaTopic), which may come after the pods.
    run = f"notopics-{time.monotonic_ns()}"
    topics = {name: f"{run}.{name}" for name in ("raw", "parsed", "enriched", "dlq", "ids", "status")}
    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "NEWSFLOW_METRICS_PORT": str(port), "NEWSFLOW_RETRY_BACKOFF_MAX_MS": "500",
           "NEWSFLOW_CREATE_TOPICS": "false", "NEWSFLOW_NLP_ISOLATION": "thread",
           "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS": kafka_broker.bootstrap_servers,
           **{f"NEWSFLOW_TOPIC_{name.upper()}": topic for name, topic in topics.items()}}
    log = tmp_path / "parse.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "newsflow.cli", "serve", "parse"], env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: http_status(f"{base}/healthz") == 200, what="parse's /healthz", timeout_s=60)
        wait_for(lambda: b"waiting for topics to be created" in log.read_bytes(), what="the wait in the log",
                 timeout_s=30)
        assert http_status(f"{base}/readyz") == 503
        assert not set(topics.values()) & asyncio.run(listed_topics(kafka_broker.bootstrap_servers))

        asyncio.run(ensure_topics(kafka_broker.bootstrap_servers, list(topics.values()), partitions=1))
        wait_for(lambda: http_status(f"{base}/readyz") == 200, what="parse ready once its topics exist",
                 timeout_s=90)
        assert process.poll() is None
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0, log.read_text()[-2000:]


async def listed_topics(bootstrap_servers: str) -> set[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        return set(await admin.list_topics())
    finally:
        await admin.close()
