"""deploy/k8s as an operator applies it: each overlay rendered by kustomize and validated offline.

- core kinds strictly against Kubernetes' own schemas (kubernetes-validate);
- KEDA's, Strimzi's and the Prometheus operator's kinds against the schemas of their CRDs
  (kubeconform -strict), which scripts/k8s-tools.sh takes from the packages those projects publish;
- the alerts through `promtool check rules` and `promtool test rules` (each fires when it should,
  and not otherwise), the dashboard's queries through promtool's parser too;
- every metric the alerts and the dashboard read is one the services export.

The tools come from the Go module proxy (scripts/k8s-tools.sh, run by scripts/test.sh). Where they
could not be built, the tests that need them fail under CI=true and skip elsewhere, saying why.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import re
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
import httpx
from fastapi import FastAPI
from prometheus_client import REGISTRY

import newsflow_shared.metrics  # noqa: F401 - registers the stages' metrics
from newsflow_shared.http_metrics import install_http_metrics
from newsflow_shared.settings import Settings
from tests.test_deploy_files import CRD_KINDS, SERVICES, TOPIC_FIELDS

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "k8s"
MONITORING = K8S / "components" / "monitoring"
TOOLS = ROOT / ".cache" / "k8s-tools"
OVERLAYS = ("dev", "prod")


def tool(name: str) -> Path:
    path = TOOLS / "bin" / name
    if not path.exists():
        reason = f"{path} is missing: scripts/k8s-tools.sh builds it from the Go module proxy"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=120, cwd=cwd)


@functools.cache
def rendered(overlay: str) -> tuple[dict, ...]:
    result = run(tool("kustomize"), "build", K8S / "overlays" / overlay)
    assert result.returncode == 0, result.stderr
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)


def find(overlay: str, kind: str) -> list[dict]:
    return [doc for doc in rendered(overlay) if doc["kind"] == kind]


# ---------------------------------------------------------------- validation of what each overlay renders


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_core_kinds_of_the_overlay_validate_strictly(overlay):
    for doc in rendered(overlay):
        if doc["kind"] not in CRD_KINDS:
            kubernetes_validate.validate(doc, "1.30.0", strict=True)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_custom_resources_of_the_overlay_validate_against_their_crds(overlay, tmp_path):
    kinds = {doc["kind"] for doc in rendered(overlay)} & CRD_KINDS
    assert kinds >= {"ScaledObject", "TriggerAuthentication", "KafkaTopic"}
    if overlay == "prod":
        assert kinds == CRD_KINDS
    custom = tmp_path / "custom.yaml"
    custom.write_text(yaml.safe_dump_all([doc for doc in rendered(overlay) if doc["kind"] in CRD_KINDS]))
    result = kubeconform(custom)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(rf"Valid: {sum(1 for d in rendered(overlay) if d['kind'] in CRD_KINDS)}, Invalid: 0, Errors: 0",
                     result.stdout), result.stdout


def test_the_crd_schemas_refuse_a_misspelt_field(tmp_path):
    # Proof that the schemas bite: the same documents with one field misspelt each are refused.
    for kind in CRD_KINDS:
        (doc,) = find("prod", kind)[:1]
        broken = json.loads(json.dumps(doc))
        broken["spec"]["partitionz" if kind == "KafkaTopic" else "selektor"] = 1
        path = tmp_path / f"{kind}.yaml"
        path.write_text(yaml.safe_dump(broken))
        result = kubeconform(path)
        assert result.returncode != 0 and "Invalid: 1" in result.stdout, f"{kind}: {result.stdout}"


def kubeconform(path: Path) -> subprocess.CompletedProcess:
    schemas = TOOLS / "schemas"
    return run(tool("kubeconform"), "-strict", "-summary", "-output", "text",
               "-schema-location", str(schemas) + "/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json",
               path)


# ---------------------------------------------------------------- what differs between the overlays


def test_prod_keeps_three_copies_of_every_topic_and_dev_one():
    for overlay, (replicas, in_sync) in {"prod": (3, 2), "dev": (1, 1)}.items():
        topics = find(overlay, "KafkaTopic")
        assert {topic["spec"]["topicName"] for topic in topics} == {getattr(Settings(), field) for field in TOPIC_FIELDS}
        for topic in topics:
            assert (topic["spec"]["replicas"], topic["spec"]["config"]["min.insync.replicas"]) == (replicas, in_sync)


def test_prod_pins_its_images_and_runs_at_least_two_pods_of_every_service():
    for deployment in find("prod", "Deployment"):
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            name, _, tag = container["image"].rpartition(":")
            assert "/" in name and re.fullmatch(r"\d+\.\d+\.\d+", tag), container["image"]
    for job in find("prod", "Job"):
        (container,) = job["spec"]["template"]["spec"]["containers"]
        assert not container["image"].endswith(":dev")
    assert {s["spec"]["minReplicaCount"] for s in find("prod", "ScaledObject")} == {2}
    assert {h["spec"]["minReplicas"] for h in find("prod", "HorizontalPodAutoscaler")} == {2}
    # A budget of one unavailable pod with two or more running: a drain never stops a service.
    assert {b["spec"]["maxUnavailable"] for b in find("prod", "PodDisruptionBudget")} == {1}


def test_prod_sends_traces_to_a_collector_the_network_policy_lets_it_reach():
    (config,) = [c for c in find("prod", "ConfigMap") if c["metadata"]["name"] == "newsflow-config"]
    assert config["data"]["OTEL_TRACES_EXPORTER"] == "otlp"
    endpoint = config["data"]["OTEL_EXPORTER_OTLP_ENDPOINT"]
    port = int(endpoint.rsplit(":", 1)[1])
    namespace = endpoint.split("//")[1].split(".")[1]
    allowed = [(peer, p["port"]) for policy in find("prod", "NetworkPolicy")
               for rule in policy["spec"].get("egress", []) for peer in rule.get("to", [])
               for p in rule.get("ports", [])]
    assert any(peer.get("namespaceSelector", {}).get("matchLabels", {}).get("kubernetes.io/metadata.name") == namespace
               and allowed_port == port for peer, allowed_port in allowed)
    (dev_config,) = [c for c in find("dev", "ConfigMap") if c["metadata"]["name"] == "newsflow-config"]
    assert not any(key.startswith("OTEL_") for key in dev_config["data"])


def test_prod_monitors_every_service_and_dev_needs_no_prometheus_operator():
    (monitor,) = find("prod", "ServiceMonitor")
    ports = {endpoint["port"] for endpoint in monitor["spec"]["endpoints"]}
    selected = [s for s in find("prod", "Service")
                if all(s["metadata"]["labels"].get(k) == v for k, v in monitor["spec"]["selector"]["matchLabels"].items())]
    by_name = {s["metadata"]["name"]: {p["name"] for p in s["spec"]["ports"]} for s in selected}
    assert set(by_name) == set(SERVICES)
    assert all(names & ports for names in by_name.values()), by_name
    (dashboard,) = [c for c in find("prod", "ConfigMap") if c["metadata"]["name"] == "newsflow-grafana-dashboard"]
    assert dashboard["metadata"]["labels"]["grafana_dashboard"] == "1"
    json.loads(dashboard["data"]["grafana-dashboard.json"])
    assert not find("dev", "ServiceMonitor") and not find("dev", "PrometheusRule")


# ---------------------------------------------------------------- the alerts and the dashboard's queries


def alert_rules() -> dict:
    (rule,) = yaml.safe_load_all((MONITORING / "prometheus-rules.yaml").read_text())
    return rule["spec"]


def dashboard_queries() -> list[str]:
    dashboard = json.loads((MONITORING / "grafana-dashboard.json").read_text())
    return [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]


def test_promtool_accepts_the_alerts_and_the_dashboard_queries(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text(yaml.safe_dump(alert_rules()))
    # The dashboard's queries, as recording rules, go through the same parser; Grafana's own
    # variables are replaced by what they stand for.
    queries = [q.replace("$__rate_interval", "5m").replace("$namespace", "newsflow") for q in dashboard_queries()]
    recorded = {"groups": [{"name": "dashboard", "rules": [{"record": f"dashboard:query{i}", "expr": q}
                                                           for i, q in enumerate(queries)]}]}
    (tmp_path / "dashboard.yaml").write_text(yaml.safe_dump(recorded))
    result = run(tool("promtool"), "check", "rules", rules, tmp_path / "dashboard.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"SUCCESS: {len(alert_rules()['groups'][0]['rules'])} rules found" in result.stdout


def test_each_alert_fires_when_it_should_and_not_otherwise(tmp_path):
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump(alert_rules()))
    cases = ROOT / "tests" / "alerts" / "newsflow-alerts.test.yaml"
    (tmp_path / "alerts.test.yaml").write_text(cases.read_text())
    result = run(tool("promtool"), "test", "rules", "alerts.test.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    tested = set(re.findall(r"alertname: (\w+)", cases.read_text()))
    assert tested == {rule["alert"] for rule in alert_rules()["groups"][0]["rules"]}


def exported_metric_names() -> set[str]:
    """Every series name the services can export: the stages' metrics and the HTTP ones."""
    app = FastAPI()
    install_http_metrics(app)
    app.get("/ping")(lambda: "pong")

    async def ping() -> int:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            return (await client.get("/ping")).status_code

    assert asyncio.run(ping()) == 200  # the HTTP metrics exist once used
    names = set()
    for family in REGISTRY.collect():
        suffixes = {"counter": ["_total"], "histogram": ["_bucket", "_sum", "_count"]}.get(family.type, [""])
        names |= {family.name + suffix for suffix in suffixes}
        names |= {sample.name for sample in family.samples}
    return names


def test_alerts_and_dashboard_read_only_metrics_the_services_export():
    exported = exported_metric_names()
    texts = [rule["expr"] for rule in alert_rules()["groups"][0]["rules"]] + dashboard_queries()
    used = {name for text in texts for name in re.findall(r"\b((?:newsflow|http)_[a-z_]+)\b", text)}
    assert used, "no metric found in the queries"
    assert used <= exported, f"not exported: {sorted(used - exported)}"
    stage_metrics = {name for name in exported if name.startswith("newsflow_stage_")}
    assert {"newsflow_stage_processed_total", "newsflow_stage_dead_letters_total"} <= stage_metrics & used


def test_every_alert_has_a_runbook_in_the_operators_guide():
    guide = (ROOT / "deploy" / "README.md").read_text()
    headings = set(re.findall(r"^#### (\w+)$", guide, flags=re.M))
    for rule in alert_rules()["groups"][0]["rules"]:
        name = rule["alert"]
        assert name in headings, f"deploy/README.md has no section for {name}"
        assert rule["annotations"]["runbook"] == f"deploy/README.md#{name.lower()}"
        section = guide.split(f"#### {name}\n", 1)[1].split("\n#### ", 1)[0]
        assert len(section.split()) > 30, f"the section for {name} says too little"
