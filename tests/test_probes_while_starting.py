"""ingest and the store answer their probes from the start, while Kafka is away: live, unready, never
restarted in a loop by an orchestrator; and they stop cleanly meanwhile."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import httpx
import pytest

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
