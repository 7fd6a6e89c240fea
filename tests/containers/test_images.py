"""The four images, really built (podman, scripts/containers.sh) and run as the pipeline.

The containers share the host's network with the test's own Kafka broker and
PostgreSQL server: articles posted to the ingest container go through the parse
and enrich containers and are stored by the store container, and each image's
own HEALTHCHECK passes. Fails under CI=true where podman cannot run; skips with
the reason elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests.infra.ports import free_port

pytestmark = [pytest.mark.integration, pytest.mark.containers]

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("ingest", "parse", "enrich", "store")
CONF = ROOT / ".cache" / "containers" / "containers.conf"


def podman(*args: str, timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["podman", *args], env={**os.environ, "CONTAINERS_CONF": str(CONF)},
                          capture_output=True, text=True, errors="replace", timeout=timeout, check=check)


def unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"the container test must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def images() -> str:
    """Builds the images; returns what the build said of its timings."""
    if shutil.which("podman") is None:
        unavailable("podman is not installed (scripts/containers.sh setup installs it, as root, from apt)")
    subprocess.run([str(ROOT / "scripts" / "containers.sh"), "env"], check=True, capture_output=True)
    if podman("info", check=False).returncode != 0:
        unavailable("podman is installed but cannot run containers here")
    started = time.monotonic()
    build = subprocess.run([str(ROOT / "scripts" / "containers.sh"), "build"], cwd=ROOT, capture_output=True,
                           text=True, timeout=1800)
    assert build.returncode == 0, build.stderr[-3000:]
    return build.stderr + f"all images in {time.monotonic() - started:.0f} s\n"


def test_the_images_run_the_pipeline_and_pass_their_health_checks(images, kafka_broker, postgres_url):
    run = uuid.uuid4().hex[:8]
    ports = {service: free_port() for service in SERVICES}
    common = {"NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS": kafka_broker.bootstrap_servers, "NEWSFLOW_TOPIC_PARTITIONS": "2",
              **{f"NEWSFLOW_TOPIC_{t.upper()}": f"img-{run}.{t}" for t in ("raw", "parsed", "enriched", "dlq", "ids")},
              "NEWSFLOW_LOG_JSON": "true", "NEWSFLOW_HTTP_HOST": "127.0.0.1"}
    own = {
        "ingest": {"NEWSFLOW_HTTP_PORT": ports["ingest"], "NEWSFLOW_STORE_PUBLIC_URL": f"http://127.0.0.1:{ports['store']}"},
        "parse": {"NEWSFLOW_METRICS_PORT": ports["parse"]},
        "enrich": {"NEWSFLOW_METRICS_PORT": ports["enrich"]},
        "store": {"NEWSFLOW_HTTP_PORT": ports["store"], "DATABASE_URL": postgres_url},
    }
    names = {service: f"nf-{service}-{run}" for service in SERVICES}
    try:
        for service in SERVICES:
            env = [f"--env={key}={value}" for key, value in {**common, **own[service]}.items()]
            # As deploy/k8s runs them: a read-only root filesystem, a writable /tmp only
            podman("run", "--detach", "--network=host", "--read-only", "--tmpfs=/tmp", f"--name={names[service]}",
                   *env, f"newsflow-{service}:dev")
        started = time.monotonic()
        healthy: set[str] = set()
        while healthy != set(SERVICES):  # each image's own HEALTHCHECK (its /readyz), run by podman
            assert time.monotonic() - started < 240, f"not healthy: {set(SERVICES) - healthy}\n" + logs(names)
            for service in set(SERVICES) - healthy:
                if podman("healthcheck", "run", names[service], check=False).returncode == 0:
                    healthy.add(service)
            time.sleep(1)
        ready_s = time.monotonic() - started

        texts = [f"The ferry to Ardmoor runs again on route {n}. \u201cThe island needs it,\u201d said Mayor Ada Quist."
                 for n in range(3)]
        with httpx.Client(timeout=30) as client:
            ids = [client.post(f"http://127.0.0.1:{ports['ingest']}/articles", json={"text": text}).json()["article_id"]
                   for text in texts]
            store = f"http://127.0.0.1:{ports['store']}"
            deadline = time.monotonic() + 120
            while any(client.get(f"{store}/articles/{i}/status").json().get("status") != "stored" for i in ids):
                assert time.monotonic() < deadline, "not stored\n" + logs(names)
                time.sleep(0.5)
            article = client.get(f"{store}/articles/{ids[0]}").json()
            assert article["quotes"] and article["quotes"][0]["actor_name"] == "Ada Quist"
            metrics = client.get(f"http://127.0.0.1:{ports['parse']}/metrics").text
            assert 'newsflow_stage_processed_total{stage="parse"} 3.0' in metrics

        for service in SERVICES:  # SIGTERM, then each exits 0 within its grace period
            podman("stop", "--time=30", names[service], timeout=60)
            code = podman("inspect", "--format={{.State.ExitCode}}", names[service]).stdout.strip()
            assert code == "0", f"{service} exited {code}\n" + logs(names)
        print(f"\n{images}stack healthy {ready_s:.0f} s after start")
    finally:
        podman("rm", "--force", *names.values(), check=False)


def logs(names: dict[str, str]) -> str:
    return "\n".join(f"--- {service}\n" + podman("logs", "--tail=30", name, check=False).stderr[-3000:]
                     for service, name in names.items())
