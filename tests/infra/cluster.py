"""The pipeline as separate OS processes (`newsflow serve X`), as containers run it.

Used by the end-to-end test and by the benchmarks.

ingest, store, and N replicas each of parse and enrich, on fresh topics and a
fresh database, so every scenario starts empty. Waits until each consumer
group has settled (every replica owns partitions, together all of them once)
before anything is posted: startup is not what is measured.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.infra.cpu_quota import CpuGroup, CpuQuotas
from tests.infra.procinfo import descendants, peak_rss_bytes, tree_cpu_seconds
from tests.infra.service_logs import LogTail
from newsflow_shared.kafka_admin import ensure_topics
from tests.infra.ports import free_port
from tests.infra.processes import stop_process

PIPELINE_TOPICS = ("raw", "parsed", "enriched", "dlq", "status")
# Named per scenario too, so no state crosses scenarios; ingest creates it (compacted) if it uses it.
SIDE_TOPICS = ("ids",)
CONSUMER_STAGES = ("parse", "enrich", "store")


class ClusterFailed(RuntimeError):
    pass


@dataclass
class Service:
    name: str
    replica: int
    process: subprocess.Popen
    log: LogTail
    cpu_at_ready: float = 0.0
    killed: bool = False  # by the test (SIGKILL): its exit code says nothing about the service
    stopped: bool = False  # told to stop by the test (SIGTERM): it should have exited 0
    health_url: str = ""  # parse and enrich: their /healthz, /readyz and /metrics
    cpu_group: CpuGroup | None = None  # its simulated machine, when the cluster has CPU quotas
    group_cpu_at_ready: float = 0.0

    @property
    def label(self) -> str:
        return f"{self.name}-{self.replica}"

    def alive(self) -> bool:
        return self.process.poll() is None


@dataclass
class Cluster:
    bootstrap_servers: str
    database_url: str
    workdir: Path
    replicas: int = 2
    partitions: int = 6
    ingest_only: bool = False  # the ingest-alone measurement: no consumers, no store
    topic_prefix: str = "bench"
    extra_env: dict[str, str] = field(default_factory=dict)
    # Where this test's own admin calls (topic creation) go, when the services use a secured listener.
    admin_bootstrap: str = ""
    services: list[Service] = field(default_factory=list)
    ingest_url: str = ""
    store_url: str = ""
    topics: dict[str, str] = field(default_factory=dict)
    startup_seconds: float = 0.0
    # Cores per process of a service ("parse": 0.15): each process, its children included, runs in a
    # cgroup of its own held to that quota (tests/infra/cpu_quota.py); services not named run free.
    cpu_quotas: dict[str, float] = field(default_factory=dict)
    _quotas: CpuQuotas | None = None

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS": self.bootstrap_servers,
            **{f"NEWSFLOW_TOPIC_{name.upper()}": topic for name, topic in self.topics.items()},
            "NEWSFLOW_TOPIC_PARTITIONS": str(self.partitions),
            "DATABASE_URL": self.database_url,
            "NEWSFLOW_STORE_PUBLIC_URL": self.store_url,
            "NEWSFLOW_LOG_JSON": "true",
            "NEWSFLOW_LOG_LEVEL": "INFO",  # "article processed" lines are what the latency is read from
            **self.extra_env,
        }

    def _spawn(self, name: str, env: dict[str, str]) -> Service:
        replica = sum(s.name == name for s in self.services)
        path = self.workdir / f"{name}-{replica}.log"
        health_url = ""
        if name in ("parse", "enrich"):
            port = free_port()
            env = {**env, "NEWSFLOW_METRICS_PORT": str(port)}
            health_url = f"http://127.0.0.1:{port}"
        group = None
        if name in self.cpu_quotas:
            if self._quotas is None:
                self._quotas = CpuQuotas()
            group = self._quotas.make(f"{name}-{replica}", self.cpu_quotas[name])
        with path.open("wb") as log:  # the child keeps its own handle
            process = subprocess.Popen([sys.executable, "-m", "newsflow.cli", "serve", name],
                                       env=env, stdout=log, stderr=subprocess.STDOUT,
                                       preexec_fn=group.enter if group else None)
        # A consumer stage's group is named after it (runner.kafka_stage_worker).
        service = Service(name, replica, process, LogTail(path, group=name if name in CONSUMER_STAGES else None),
                          health_url=health_url, cpu_group=group)
        self.services.append(service)
        return service

    def spawn(self, name: str, **env: str) -> Service:
        """Start one more process of a service (a replacement, or a store restarted on its port)."""
        ports = {"ingest": self.ingest_url, "store": self.store_url}
        extra = {"NEWSFLOW_HTTP_PORT": ports[name].rsplit(":", 1)[1]} if name in ports else {}
        return self._spawn(name, {**self._env(), **extra, **env})

    def stop_one(self, service: Service, timeout: float = 60.0) -> tuple[int, float]:
        """SIGTERM one service and wait for it: its exit code and how long it took."""
        service.stopped = True
        began = time.monotonic()
        service.process.terminate()
        code = service.process.wait(timeout=timeout)
        return code, time.monotonic() - began

    def kill(self, service: Service) -> None:
        """SIGKILL, as a crash or an evicted pod."""
        service.killed = True
        service.process.kill()
        service.process.wait(timeout=30)

    def of(self, name: str) -> list[Service]:
        return [s for s in self.services if s.name == name]

    def start(self, timeout: float = 180.0) -> "Cluster":
        began = time.monotonic()
        self.workdir.mkdir(parents=True, exist_ok=True)
        run = uuid.uuid4().hex[:8]
        self.topics = {name: f"{self.topic_prefix}-{run}.{name}" for name in PIPELINE_TOPICS + SIDE_TOPICS}
        pipeline_topics = [self.topics[name] for name in PIPELINE_TOPICS]
        asyncio.run(ensure_topics(self.admin_bootstrap or self.bootstrap_servers, pipeline_topics,
                                  partitions=self.partitions))
        ingest_port, store_port = free_port(), free_port()
        self.ingest_url, self.store_url = f"http://127.0.0.1:{ingest_port}", f"http://127.0.0.1:{store_port}"
        env = self._env()
        self._spawn("ingest", {**env, "NEWSFLOW_HTTP_PORT": str(ingest_port)})
        if not self.ingest_only:
            self._spawn("store", {**env, "NEWSFLOW_HTTP_PORT": str(store_port)})
            for _ in range(self.replicas):
                self._spawn("parse", env)
                self._spawn("enrich", env)
        deadline = began + timeout
        self._wait_http(f"{self.ingest_url}/readyz", deadline)
        if not self.ingest_only:
            self._wait_http(f"{self.store_url}/readyz", deadline)
            self._wait_groups_settled(deadline)
        for service in self.services:
            # the process and its children: parse's and enrich's NLP runs in a child process
            service.cpu_at_ready = tree_cpu_seconds(service.process.pid)
            if service.cpu_group is not None:
                service.group_cpu_at_ready = service.cpu_group.cpu_seconds() or 0.0
        self.startup_seconds = time.monotonic() - began
        return self

    def check_alive(self) -> None:
        dead = [s.label for s in self.services if not s.alive() and not s.killed and not s.stopped]
        if dead:
            tails = {s.label: s.log.path.read_text(errors="replace")[-1500:] for s in self.services
                     if not s.alive() and not s.killed and not s.stopped}
            raise ClusterFailed(f"services exited: {dead}; log tails: {tails}")

    def _wait_http(self, url: str, deadline: float) -> None:
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise ClusterFailed(f"{url} not ready in time")

    def _wait_groups_settled(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            self.check_alive()
            if all(self._settled(stage) for stage in CONSUMER_STAGES):
                return
            time.sleep(0.5)
        owned = {s.label: s.log.assignment for s in self.services if s.name in CONSUMER_STAGES}
        raise ClusterFailed(f"consumer groups did not settle in time: {owned}")

    def _settled(self, stage: str) -> bool:
        replicas = self.of(stage)
        for service in replicas:
            service.log.read_new()
        owned = [service.log.assignment for service in replicas]
        if any(not partitions for partitions in owned):
            return False
        flat = [p for partitions in owned for p in partitions]
        return len(flat) == len(set(flat)) == self.partitions

    def resources(self) -> list[dict]:
        """Peak RSS (VmHWM) and CPU since ready of every service; call before stop().

        A replica's peak RSS adds its live children's (parse's and enrich's NLP process) to its own:
        an upper bound on what the two held at once, and what a container's memory limit must allow.
        """
        return [
            {
                "service": s.name,
                "replica": s.replica,
                "pid": s.process.pid,
                "peak_rss_mb": sum(peak_rss_bytes(pid) or 0 for pid in [s.process.pid, *descendants(s.process.pid)])
                / 2**20,
                "peak_rss_mb_process": (peak_rss_bytes(s.process.pid) or 0) / 2**20,
                "cpu_seconds_since_ready": (tree_cpu_seconds(s.process.pid) or s.cpu_at_ready) - s.cpu_at_ready,
                # With a quota: everything in its cgroup, the NLP child included.
                **({"cpu_quota": s.cpu_group.cores,
                    "group_cpu_seconds_since_ready": (s.cpu_group.cpu_seconds() or 0.0) - s.group_cpu_at_ready,
                    "throttled_periods": s.cpu_group.throttled_periods()} if s.cpu_group else {}),
            }
            for s in self.services
        ]

    def stop(self) -> dict[str, int | None]:
        """SIGTERM every live service and wait; the exit code of each one not killed by the test."""
        for service in self.services:
            if service.alive():
                service.process.send_signal(signal.SIGTERM)
        for service in self.services:
            stop_process(service.process, timeout=30)
        if self._quotas is not None:
            self._quotas.remove_all()
        return {s.label: s.process.returncode for s in self.services if not s.killed}
