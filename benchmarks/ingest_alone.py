"""Measurement 4: ingest alone, one process in front of a real Kafka broker, loaded over loopback.

The load generator is wrk (C, one thread, bounded by time and by request
count) when installed, else benchmarks.http_load; either way it runs in its
own process. Every request posts a distinct plain-text article, so each 202
is a real write acknowledged by Kafka (acks=all). A short warm-up run comes
first and is not counted.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

from benchmarks.cluster import Cluster
from benchmarks.corpus import REPO_ROOT, CorpusArticle
from benchmarks.procinfo import CpuMeter, cpu_seconds, peak_rss_bytes
from benchmarks.profiling import record, summarize

WRK_SCRIPT = Path(__file__).with_name("wrk_post_articles.lua")
RECORD_SEPARATOR = "\x1e"


def load_client(requested: str) -> str:
    if requested == "auto":
        return "wrk" if shutil.which("wrk") else "httpx"
    return requested


def _run_load(client: str, url: str, bodies: Path, *, seconds: float, connections: int, max_requests: int) -> dict:
    run = uuid.uuid4().hex[:8]
    if client == "wrk":
        command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds:g}s", "--timeout", "10s",
                   "-s", str(WRK_SCRIPT), url]
        env = {**os.environ, "BENCH_BODIES": str(bodies), "BENCH_RUN": run,
               "BENCH_MAX_REQUESTS_PER_THREAD": str(max_requests)}
    else:
        command = [sys.executable, "-m", "benchmarks.http_load", url, str(bodies), "--connections", str(connections),
                   "--seconds", str(seconds), "--max-requests", str(max_requests), "--run", run]
        env = dict(os.environ)
    finished = subprocess.run(command, env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=seconds + 120)
    lines = [line for line in finished.stdout.splitlines() if line.startswith("{")]
    if finished.returncode != 0 or not lines:
        raise RuntimeError(f"{client} failed ({finished.returncode}): {finished.stdout[-800:]} {finished.stderr[-800:]}")
    return json.loads(lines[-1])


def measure(
    *,
    bootstrap_servers: str,
    articles: list[CorpusArticle],
    workdir: Path,
    client: str = "auto",
    seconds: float = 10.0,
    warmup_seconds: float = 3.0,
    connections: int = 64,
    max_requests: int = 50_000,
    partitions: int = 6,
    profile_dir: Path | None = None,
) -> dict:
    client = load_client(client)
    workdir.mkdir(parents=True, exist_ok=True)
    bodies = workdir / "bodies.txt"
    bodies.write_text(RECORD_SEPARATOR.join(a.text for a in articles), encoding="utf-8")
    cluster = Cluster(bootstrap_servers, "sqlite://", workdir, partitions=partitions, ingest_only=True)
    recording = None
    try:
        cluster.start()
        (ingest,) = cluster.of("ingest")
        _run_load(client, cluster.ingest_url, bodies, seconds=warmup_seconds, connections=connections,
                  max_requests=max_requests)
        if profile_dir is not None:
            recording = record(ingest.process.pid, "ingest-alone", profile_dir)
        cpu_before, meter = cpu_seconds(ingest.process.pid) or 0.0, CpuMeter().start()
        result = _run_load(client, cluster.ingest_url, bodies, seconds=seconds, connections=connections,
                           max_requests=max_requests)
        ingest_cpu = (cpu_seconds(ingest.process.pid) or 0.0) - cpu_before
        machine = meter.read()
        if recording is not None:
            recording.stop()
        peak_rss = peak_rss_bytes(ingest.process.pid) or 0
    finally:
        if recording is not None:
            recording.stop()
        cluster.stop()
    duration = result["duration_us"] / 1e6
    latency = result["latency_us"]
    return {
        "client": client,
        "connections": connections,
        "seconds": duration,
        "requests": result["requests"],
        "accepted": result["accepted"],
        "other_status": result["other_status"],
        "errors": result["errors"],
        "rate": result["accepted"] / duration if duration else None,
        "latency_ms": {name: latency[name] / 1000 for name in ("p50", "p90", "p95", "p99", "max", "mean")},
        "ingest_cpu_cores": ingest_cpu / duration if duration else None,
        "ingest_cpu_ms_per_article": 1000 * ingest_cpu / result["accepted"] if result["accepted"] else None,
        "peak_rss_mb": peak_rss / 2**20,
        "cpu": machine,
        "profile": summarize([recording.output]) if recording is not None else None,
    }
