"""One log stream: with NEWSFLOW_LOG_JSON=true every line a service writes is a JSON object, whoever logged it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import httpx

from tests.infra.ports import free_port
from tests.infra.waiting import http_status, wait_for


def json_lines(text: str) -> list[dict]:
    lines = [line for line in text.splitlines() if line.strip()]
    for line in lines:
        assert line.startswith("{"), f"not a JSON log line: {line[:200]}"
    return [json.loads(line) for line in lines]


def test_standard_library_logs_and_warnings_are_json_lines_of_the_same_stream():
    script = (
        "import logging, warnings\n"
        "import structlog\n"
        "from newsflow_shared.logs import configure_logging\n"
        "configure_logging('INFO', json=True)\n"
        "structlog.get_logger('newsflow').info('ours', article_id='a1')\n"
        "logging.getLogger('aiokafka.conn').error('Unable connect to %s', 'node 1')\n"
        "logging.getLogger('sqlalchemy.pool').debug('below the level')\n"
        "warnings.warn('a deprecated call', DeprecationWarning, stacklevel=1)\n"
    )
    done = subprocess.run([sys.executable, "-W", "always", "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    records = json_lines(done.stderr)
    assert [(r["event"], r["level"]) for r in records[:2]] == [("ours", "info"), ("Unable connect to node 1", "error")]
    assert records[0]["article_id"] == "a1" and records[1]["logger"] == "aiokafka.conn"
    assert all("timestamp" in r for r in records)
    (warning,) = [r for r in records if r.get("logger") == "py.warnings"]
    assert "a deprecated call" in warning["event"]
    assert not any("below the level" in r["event"] for r in records)


def test_a_service_writes_only_json_lines_with_its_access_log_on(tmp_path):
    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "NEWSFLOW_LOG_JSON": "true", "NEWSFLOW_ACCESS_LOG": "true",
           "NEWSFLOW_METRICS_PORT": str(port), "NEWSFLOW_RETRY_BACKOFF_MAX_MS": "500",
           # nothing listens there: aiokafka logs its connection errors through the standard library
           "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}"}
    log = tmp_path / "parse.log"
    with log.open("wb") as out:
        service = subprocess.Popen([sys.executable, "-m", "newsflow.cli", "serve", "parse"], env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: http_status(f"http://127.0.0.1:{port}/healthz") == 200, what="parse's /healthz",
                 timeout_s=60)
        httpx.get(f"http://127.0.0.1:{port}/readyz?probe=1", timeout=5)
        time.sleep(3)  # an attempt or two at the broker
    finally:
        service.send_signal(signal.SIGTERM)
        assert service.wait(timeout=30) == 0
    records = json_lines(log.read_text())
    loggers = {r.get("logger") for r in records}
    assert any(name and name.startswith("aiokafka") for name in loggers), loggers
    access = [r for r in records if r.get("logger") == "uvicorn.access"]
    assert any("/readyz?probe=1" in r["event"] and "503" in r["event"] for r in access), access

