"""docker-compose.yml really run: the images built with podman, the stack started by scripts/containers.sh.

`containers.sh up` builds the four images and, as no registry is reachable here, the Kafka and
PostgreSQL stand-ins (deploy/standins), then starts the compose stack in order with podman-compose:
kafka and postgres until healthy, the topics job until it exits 0, then the four services until
healthy. The stack runs under a project name of its own, with free host ports and read-only root
filesystems (an override file on top of docker-compose.yml). Three sample articles posted to
ingest's published port must be stored (read through the store's published port), every
container's health check must pass and parse must count 3 articles processed; then each service
exits 0 on SIGTERM and `containers.sh down` leaves no container, volume or network behind.
Fails under CI=true where podman cannot run; skips with the reason elsewhere.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import pytest

from newsflow.files import read_articles
from tests.infra.ports import free_port

pytestmark = [pytest.mark.integration, pytest.mark.containers]

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "containers.sh"
CONF = ROOT / ".cache" / "containers" / "containers.conf"
SAMPLES = ROOT / "newsflow" / "samples"
SERVICES = ("ingest", "parse", "enrich", "store")
LONG_RUNNING = ("kafka", "postgres", *SERVICES)


def podman(*args: str, timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["podman", *args], env={**os.environ, "CONTAINERS_CONF": str(CONF)},
                          capture_output=True, text=True, errors="replace", timeout=timeout, check=check)


def unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"the container test must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def podman_ready() -> None:
    if shutil.which("podman") is None:
        unavailable("podman is not installed (scripts/containers.sh setup installs it, as root, from apt)")
    subprocess.run([str(SCRIPT), "env"], check=True, capture_output=True)
    if podman("info", check=False).returncode != 0:
        unavailable("podman is installed but cannot run containers here")
    if not (ROOT / ".venv" / "bin" / "podman-compose").exists() and shutil.which("podman-compose") is None:
        unavailable("podman-compose is not installed (scripts/setup.sh installs it into .venv)")
    libs = Path(os.environ.get("NEWSFLOW_KAFKA_LIBS", ROOT / ".cache" / "kafka-libs"))
    if not list(libs.glob("kafka_2.13-*.jar")) and shutil.which("mvn") is None:
        unavailable(f"no Kafka jars in {libs} for the Kafka stand-in, and no Maven to fetch them (scripts/kafka-libs.sh)")


def override(ingest_port: int, store_port: int) -> str:
    # Literal ports: podman-compose does not substitute variables under !override.
    read_only = "    read_only: true\n    tmpfs: [/tmp]\n"
    return (
        "services:\n"
        "  kafka:\n    ports: !reset []\n"
        f"  ingest:\n{read_only}"
        f"    environment:\n      NEWSFLOW_STORE_PUBLIC_URL: http://127.0.0.1:{store_port}\n"
        f"    ports: !override\n      - \"127.0.0.1:{ingest_port}:8000\"\n"
        f"  parse:\n{read_only}"
        f"  enrich:\n{read_only}"
        f"  store:\n{read_only}"
        f"    ports: !override\n      - \"127.0.0.1:{store_port}:8000\"\n"
    )


def test_the_compose_stack_stores_articles_and_passes_its_health_checks(podman_ready, tmp_path):
    test_started = time.monotonic()
    project = f"nftest{uuid.uuid4().hex[:8]}"
    ingest_port, store_port = free_port(), free_port()
    (tmp_path / "compose.test.yml").write_text(override(ingest_port, store_port))
    env = {
        **os.environ,
        "CONTAINERS_CONF": str(CONF),
        "COMPOSE_PROJECT_NAME": project,
        "COMPOSE_FILE": os.pathsep.join([str(ROOT / "docker-compose.yml"), str(tmp_path / "compose.test.yml")]),
        "NEWSFLOW_KAFKA_LIBS": os.environ.get("NEWSFLOW_KAFKA_LIBS", str(ROOT / ".cache" / "kafka-libs")),
    }

    def script(command: str, timeout: float) -> subprocess.CompletedProcess:
        return subprocess.run([str(SCRIPT), command], cwd=ROOT, env=env, capture_output=True, text=True,
                              errors="replace", timeout=timeout)

    try:
        up = script("up", timeout=3600)
        assert up.returncode == 0, up.stderr[-6000:]
        names = {service: container_of(project, service) for service in (*LONG_RUNNING, "topics")}
        assert podman("inspect", "--format={{.State.ExitCode}}", names["topics"]).stdout.strip() == "0"
        for service in LONG_RUNNING:  # compose's health checks for kafka and postgres, the images' own for the rest
            check = health_check(names[service])
            assert check.returncode == 0, f"{service}: {check.stdout}{check.stderr}\n" + logs(names)

        articles = [article.fields for path in sorted(SAMPLES.glob("*.txt")) for article in read_articles(path)]
        assert len(articles) == 3
        with httpx.Client(timeout=30) as client:
            posted = [client.post(f"http://127.0.0.1:{ingest_port}/articles", json=fields) for fields in articles]
            assert [response.status_code for response in posted] == [202] * 3, [r.text for r in posted]
            ids = [response.json()["article_id"] for response in posted]
            store = f"http://127.0.0.1:{store_port}"
            deadline = time.monotonic() + 120
            while any(client.get(f"{store}/articles/{i}/status").json().get("status") != "stored" for i in ids):
                assert time.monotonic() < deadline, "not stored\n" + logs(names)
                time.sleep(0.5)
            ferry = client.get(f"{store}/articles/{ids[0]}").json()
            assert ferry["metadata"]["external_id"] == "01_ferry.txt"
            assert "Ada Quist" in {quote["actor_name"] for quote in ferry["quotes"]}
            # The image carries the web pages: templates and stylesheet are in the installed package.
            home = client.get(f"{store}/")
            assert home.status_code == 200 and "default-src 'none'" in home.headers["content-security-policy"]
            assert html.escape(ferry["metadata"]["title"]) in home.text
            assert client.get(f"{store}/ui/static/style.css").status_code == 200

        # parse publishes no port (it scales by replicas): its /metrics, from inside its container
        metrics = podman("exec", names["parse"], "python", "-c",
                         "import urllib.request; print(urllib.request.urlopen("
                         "'http://127.0.0.1:9090/metrics', timeout=5).read().decode())").stdout
        assert 'newsflow_stage_processed_total{stage="parse"} 3.0' in metrics

        for service in SERVICES:  # SIGTERM, then each exits 0 within its grace period
            podman("stop", "--time=30", names[service], timeout=60)
            code = podman("inspect", "--format={{.State.ExitCode}}", names[service]).stdout.strip()
            assert code == "0", f"{service} exited {code}\n" + logs(names)
    finally:
        down = script("down", timeout=300)
    assert down.returncode == 0, down.stderr[-3000:]
    label = f"label=io.podman.compose.project={project}"
    assert podman("ps", "--all", "--quiet", "--filter", label).stdout.strip() == ""
    assert podman("volume", "ls", "--quiet", "--filter", label).stdout.strip() == ""
    assert podman("network", "exists", f"{project}_default", check=False).returncode != 0

    timings = [line for line in up.stderr.splitlines() if line.startswith(("made ", "built ", "stack "))]
    print("\n" + "\n".join(timings) + f"\nwhole test {time.monotonic() - test_started:.0f} s")


def health_check(name: str, attempts: int = 3) -> subprocess.CompletedProcess:
    """The container's health check, run until it passes, at most `attempts` times in a row.

    As its engine judges it: a container is unhealthy only after several checks
    fail in a row (compose's `retries`). Kafka's check starts a JVM, which on a
    2-core machine still loading four services' models once took more than its
    20 s timeout; one slow run is not an unhealthy broker.
    """
    for _ in range(attempts):
        check = podman("healthcheck", "run", name, check=False, timeout=60)
        if check.returncode == 0:
            break
    return check


def container_of(project: str, service: str) -> str:
    names = podman("ps", "--all", "--format={{.Names}}", f"--filter=label=io.podman.compose.project={project}",
                   f"--filter=label=com.docker.compose.service={service}").stdout.split()
    assert len(names) == 1, f"{service}: {names}"
    return names[0]


def logs(names: dict[str, str]) -> str:
    def tail(name: str) -> str:
        result = podman("logs", "--tail=30", name, check=False)
        return (result.stdout + result.stderr)[-3000:]

    return "\n".join(f"--- {service}\n{tail(name)}" for service, name in names.items())
