"""Kafka over TLS and SASL: the pipeline end to end over a SASL_SSL listener, and a wrong password.

A broker of this module's own listens with SASL over TLS besides PLAINTEXT: its
certificate comes from a CA made here (trustme), its SCRAM users are created when
its storage is formatted. The services are given only the secured address.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.infra.cluster import Cluster
from tests.infra.kafka_broker import KafkaBroker
from tests.infra.ports import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
USER, PASSWORD = "newsflow-pipeline", "s3cret-for-the-test"


@pytest.fixture(scope="module")
def secure_broker(kafka_broker):  # the session broker first: skips (or fails in CI) without Java or jars
    broker = KafkaBroker(sasl_users={USER: PASSWORD}).start()
    yield broker
    broker.stop()


def secure_env(broker: KafkaBroker, password_file, mechanism: str = "SCRAM-SHA-512") -> dict[str, str]:
    return {"NEWSFLOW_KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "NEWSFLOW_KAFKA_SASL_MECHANISM": mechanism,
            "NEWSFLOW_KAFKA_SASL_USERNAME": USER, "NEWSFLOW_KAFKA_SASL_PASSWORD_FILE": str(password_file),
            "NEWSFLOW_KAFKA_SSL_CAFILE": str(broker.ca_path)}


def test_the_pipeline_runs_end_to_end_over_sasl_ssl(secure_broker, postgres_url, tmp_path):
    secret = tmp_path / "kafka-password"
    secret.write_text(PASSWORD + "\n")
    cluster = Cluster(secure_broker.secure_servers, postgres_url, tmp_path, replicas=1, partitions=2,
                      topic_prefix="sasl", admin_bootstrap=secure_broker.bootstrap_servers,
                      extra_env=secure_env(secure_broker, secret))
    try:
        cluster.start(timeout=180)
        texts = [f"The harbour board met on day {n}. \u201cWe will dredge the channel,\u201d said Mayor Ada Quist."
                 for n in range(3)]
        with httpx.Client(base_url=cluster.ingest_url, timeout=30) as ingest:
            ids = [ingest.post("/articles", json={"text": text}).json()["article_id"] for text in texts]
        with httpx.Client(base_url=cluster.store_url, timeout=30) as store:
            deadline = time.monotonic() + 120
            while not all(store.get(f"/articles/{i}/status").json()["status"] == "stored" for i in ids):
                assert time.monotonic() < deadline, "not stored over SASL_SSL"
                cluster.check_alive()
                time.sleep(0.5)
            assert store.get(f"/articles/{ids[0]}").json()["quotes"]
    finally:
        codes = cluster.stop()
    assert all(code == 0 for code in codes.values()), codes


def test_a_wrong_password_keeps_the_stage_unready_says_why_and_does_not_flood_the_log(secure_broker, tmp_path):
    secret = tmp_path / "kafka-password"
    secret.write_text("not-the-password")
    port = free_port()
    log = tmp_path / "parse.log"
    env = {**secure_env(secure_broker, secret, "SCRAM-SHA-256"),
           "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS": secure_broker.secure_servers, "NEWSFLOW_METRICS_PORT": str(port),
           "NEWSFLOW_TOPIC_RAW": "sasl-wrong.raw", "NEWSFLOW_LOG_JSON": "true", "PATH": "/usr/bin:/bin"}
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "newsflow.cli", "serve", "parse"], env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        time.sleep(25)
        assert process.poll() is None, log.read_text()[-2000:]  # waits; a bad password is no reason to exit
        text = log.read_text(errors="replace")
        assert "invalid credentials" in text or "SaslAuthenticationFailed" in text, text[-2000:]
        assert len(text.splitlines()) < 100, f"{len(text.splitlines())} log lines in 25 s"
        readiness = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5)
        assert readiness.status_code == 503 and readiness.json()["checks"] == {"parse": False}
    finally:
        process.terminate()
        assert process.wait(timeout=30) == 0
