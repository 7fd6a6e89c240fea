"""Measurement 4: ingest alone, one process in front of a real Kafka broker, loaded over loopback.

The load generator is wrk (C, one thread, bounded by time and by request
count) when installed, else benchmarks.http_load; either way it runs in its
own process. Every request posts a distinct plain-text article, so each 202
is a real write acknowledged by Kafka (acks=all). A short warm-up run comes
first and is not counted.

Run alone, it starts its own broker and compares variants of ingest, runs
interleaved so that the machine's other load falls on all of them alike:

    NEWSFLOW_KAFKA_LIBS=... python -m benchmarks.ingest_alone --repeat 3 \
        --variant before=/tmp/old/shared/src:/tmp/old/services/ingest/src --variant now \
        --set uncompressed:NEWSFLOW_KAFKA_COMPRESSION=none
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from tests.infra.cluster import Cluster
from benchmarks.corpus import REPO_ROOT, CorpusArticle
from tests.infra.procinfo import CpuMeter, cpu_seconds, peak_rss_bytes
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
    extra_env: dict[str, str] | None = None,
    other_pids: dict[str, int] | None = None,
) -> dict:
    client = load_client(client)
    workdir.mkdir(parents=True, exist_ok=True)
    bodies = workdir / "bodies.txt"
    bodies.write_text(RECORD_SEPARATOR.join(a.text for a in articles), encoding="utf-8")
    cluster = Cluster(bootstrap_servers, "sqlite://", workdir, partitions=partitions, ingest_only=True,
                      extra_env=extra_env or {})
    recording = None
    try:
        cluster.start()
        (ingest,) = cluster.of("ingest")
        _run_load(client, cluster.ingest_url, bodies, seconds=warmup_seconds, connections=connections,
                  max_requests=max_requests)
        if profile_dir is not None:
            recording = record(ingest.process.pid, "ingest-alone", profile_dir)
        others_before = {name: cpu_seconds(pid) or 0.0 for name, pid in (other_pids or {}).items()}
        cpu_before, meter = cpu_seconds(ingest.process.pid) or 0.0, CpuMeter().start()
        result = _run_load(client, cluster.ingest_url, bodies, seconds=seconds, connections=connections,
                           max_requests=max_requests)
        ingest_cpu = (cpu_seconds(ingest.process.pid) or 0.0) - cpu_before
        others_cpu = {name: (cpu_seconds(pid) or 0.0) - others_before[name] for name, pid in (other_pids or {}).items()}
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
        # Processes beside ingest (the broker) over the same window, per accepted article.
        "other_cpu_ms_per_article": {name: 1000 * cpu / result["accepted"] if result["accepted"] else None
                                     for name, cpu in others_cpu.items()},
        "cpu": machine,
        "profile": summarize([recording.output]) if recording is not None else None,
    }


def _variants(specs: list[str] | None, settings: list[str] | None) -> dict[str, dict[str, str]]:
    """Each variant's environment for its ingest process.

    A spec is `name` or `name=PATH[:PATH...]`, PATH put first on PYTHONPATH: a
    checkout of another commit (its shared/src, services/ingest/src and root)
    is then measured beside this one, runs interleaved on one broker. A setting
    is `name:VARIABLE=VALUE`, e.g. `lz4:NEWSFLOW_KAFKA_COMPRESSION=lz4`.
    """
    variants: dict[str, dict[str, str]] = {}
    for spec in specs or ["current"]:
        name, _, path = spec.partition("=")
        variants[name] = {"PYTHONPATH": os.pathsep.join(filter(None, [path, os.environ.get("PYTHONPATH")]))} if path else {}
    for setting in settings or []:
        name, _, assignment = setting.partition(":")
        variable, _, value = assignment.partition("=")
        variants.setdefault(name, {})[variable] = value
    return variants


def main(argv: list[str] | None = None) -> int:
    from benchmarks.corpus import BBC_CORPUS, load_corpus
    from tests.infra.kafka_broker import KafkaBroker

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variant", action="append", help="name or name=PYTHONPATH (repeat to compare; interleaved)")
    parser.add_argument("--set", action="append", help="name:VARIABLE=VALUE, an environment variable of a variant")
    parser.add_argument("--repeat", type=int, default=3, help="measured runs of each variant")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--client", choices=("auto", "wrk", "httpx"), default="auto")
    parser.add_argument("--corpus", type=Path, default=BBC_CORPUS)
    parser.add_argument("--output", type=Path, help="write every run as JSON here")
    parser.add_argument("--profile", type=Path, help="record each run with py-spy into this folder")
    args = parser.parse_args(argv)

    articles = load_corpus(args.corpus)
    variants = _variants(args.variant, args.set)
    runs: list[dict] = []
    broker = KafkaBroker().start()
    try:
        with tempfile.TemporaryDirectory(prefix="newsflow-ingest-alone-") as workdir:
            # The broker's JVM is slower at first: an unrecorded run warms it up. Each round
            # then starts with another variant, so that no variant always runs first.
            measure(bootstrap_servers=broker.bootstrap_servers, articles=articles, workdir=Path(workdir) / "warm-up",
                    client=args.client, seconds=args.seconds, connections=args.connections)
            names = list(variants)
            for round_number in range(args.repeat):
                for name in names[round_number % len(names):] + names[: round_number % len(names)]:
                    env = variants[name]
                    run = measure(bootstrap_servers=broker.bootstrap_servers, articles=articles,
                                  workdir=Path(workdir) / f"{name}-{round_number}", client=args.client,
                                  seconds=args.seconds, connections=args.connections, extra_env=env,
                                  other_pids={"kafka": broker.process.pid},
                                  profile_dir=args.profile / f"{name}-{round_number}" if args.profile else None)
                    run["variant"] = name
                    runs.append(run)
                    latency = run["latency_ms"]
                    print(f"{name:>12} #{round_number + 1}: {run['rate']:7.0f}/s  p50 {latency['p50']:5.1f} ms  "
                          f"p99 {latency['p99']:5.1f} ms  ingest {run['ingest_cpu_ms_per_article']:.3f} CPU ms/req "
                          f"({run['ingest_cpu_cores']:.2f} cores)  kafka {run['other_cpu_ms_per_article']['kafka']:.3f} "
                          f"CPU ms/req  other work {run['cpu'].get('others_cores', 0):.2f} "
                          f"cores  non-202 {run['other_status']}", flush=True)
    finally:
        broker.stop()
    if args.output:
        args.output.write_text(json.dumps(runs, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
