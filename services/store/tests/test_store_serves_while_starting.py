"""The store answers its probes from the start, while Kafka is away: unready, and it stops cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import httpx

from tests.infra.ports import free_port
from tests.infra.waiting import wait_for


def test_with_the_broker_away_the_store_is_live_unready_and_stops_cleanly(tmp_path):
    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "NEWSFLOW_HTTP_PORT": str(port), "NEWSFLOW_RETRY_BACKOFF_MAX_MS": "1000",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}",
           "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}"}  # nothing listens there
    log = tmp_path / "store.log"
    with log.open("wb") as out:
        store = subprocess.Popen([sys.executable, "-m", "newsflow.cli", "serve", "store"], env=env,
                                 stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _status(f"{base}/healthz") == 200, what="the store's /healthz", timeout_s=30)
        assert _status(f"{base}/readyz") == 503
        time.sleep(2)
        assert store.poll() is None, log.read_text()[-2000:]
        assert _status(f"{base}/healthz") == 200  # waiting for a dependency is not being stuck
    finally:
        store.send_signal(signal.SIGTERM)
        assert store.wait(timeout=30) == 0, log.read_text()[-2000:]


def _status(url: str) -> int:
    try:
        return httpx.get(url, timeout=2).status_code
    except httpx.HTTPError:
        return 0
