"""Ingest answers its probes from the start, even while Kafka is away: unready, never restarted in a loop."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import httpx

from tests.infra.ports import free_port
from tests.infra.waiting import wait_for


def test_with_the_broker_away_ingest_is_live_unready_refuses_posts_with_503_and_stops_cleanly(tmp_path):
    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "NEWSFLOW_HTTP_PORT": str(port), "NEWSFLOW_RETRY_BACKOFF_MAX_MS": "1000",
           "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}"}  # nothing listens there
    log = tmp_path / "ingest.log"
    with log.open("wb") as out:
        ingest = subprocess.Popen([sys.executable, "-m", "newsflow.cli", "serve", "ingest"], env=env,
                                  stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _status(f"{base}/healthz") == 200, what="ingest's /healthz", timeout_s=30)
        assert _status(f"{base}/readyz") == 503
        posted = httpx.post(f"{base}/articles", json={"text": "The council met."}, timeout=10)
        assert posted.status_code == 503, posted.text
        assert posted.json()["type"] == "urn:newsflow:problem:not-accepted"
        time.sleep(2)
        assert ingest.poll() is None, log.read_text()[-2000:]
    finally:
        ingest.send_signal(signal.SIGTERM)
        assert ingest.wait(timeout=30) == 0, log.read_text()[-2000:]


def _status(url: str) -> int:
    try:
        return httpx.get(url, timeout=2).status_code
    except httpx.HTTPError:
        return 0
