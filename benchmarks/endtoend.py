"""Measurements 3 and 5: articles through ingest, Kafka, parse, enrich, store and PostgreSQL.

Latency is from the client's 202 (ingest has the article durably in Kafka) to
the moment the article is readable in the store API, which is when store's
database transaction has committed. Store logs "article processed" for each
article right after that commit, so that log line's time is the readable
time; the client's 202 time and the log's time are both this machine's wall
clock. Nothing polls the store API while the clock runs (polling would add
load and quantise the measurement). Each article's `stored_at` column, read
once at the end, is taken before the batch's transaction starts, so it is a
lower bound of the readable time; the gap between the two is reported.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import psycopg

from tests.infra.cluster import Cluster, ClusterFailed
from benchmarks.corpus import CorpusArticle
from benchmarks.posting import Posted, Probe, post_burst, post_paced
from tests.infra.procinfo import JIT_THREAD_PREFIXES, CpuMeter, threads_cpu_seconds, tree_cpu_seconds
from benchmarks.profiling import record, summarize
from tests.infra.service_logs import merged
from benchmarks.stats import latency_summary, overall_rate, steady_rate

# Give up when no article became readable for this long.
STALL_SECONDS = 180.0


def wait_until_done(cluster: Cluster, expected: set[str]) -> tuple[dict[str, float], dict[str, float]]:
    """Readable and dead-lettered times of every expected article, waiting for all of them."""
    last_progress, seen = time.monotonic(), 0
    while True:
        cluster.check_alive()
        for service in cluster.services:
            service.log.read_new()
        readable = merged([s.log for s in cluster.of("store")], "processed")
        dead = merged([s.log for s in cluster.services], "dead")
        done = len(expected & (set(readable) | set(dead)))
        if done == len(expected):
            return readable, dead
        if done > seen:
            last_progress, seen = time.monotonic(), done
        elif time.monotonic() - last_progress > STALL_SECONDS:
            raise ClusterFailed(f"stalled: {done} of {len(expected)} articles done, none for {STALL_SECONDS:.0f}s")
        time.sleep(0.5)


def stored_at_times(database_url: str) -> dict[str, float]:
    """Every stored article's stored_at (one query, after the run)."""
    with psycopg.connect(database_url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        return {row[0]: row[1].timestamp() for row in connection.execute("SELECT id, stored_at FROM articles")}


def _segment(later: dict[str, float], earlier: dict[str, float]) -> dict:
    gaps = [later[a] - earlier[a] for a in later.keys() & earlier.keys()]
    return latency_summary(gaps)


def run_scenario(
    *,
    label: str,
    bootstrap_servers: str,
    database_url: str,
    articles: list[CorpusArticle],
    replicas: int,
    workdir: Path,
    rate: float | None = None,
    partitions: int = 6,
    post_concurrency: int = 16,
    profile_dir: Path | None = None,
    infrastructure: dict[str, int] | None = None,
    cpu_quotas: dict[str, float] | None = None,
) -> dict:
    """One pipeline, one load: a burst when `rate` is None, else paced at `rate` articles/s.

    `infrastructure` names the processes the pipeline shares (the Kafka broker,
    PostgreSQL) by pid; their CPU during the run is reported per article too.
    `cpu_quotas` (cores per process, by service) runs each such process on a simulated machine.
    """
    cluster = Cluster(bootstrap_servers, database_url, workdir / label, replicas=replicas, partitions=partitions,
                      cpu_quotas=dict(cpu_quotas or {}))
    recordings = []
    try:
        cluster.start(timeout=600 if cpu_quotas else 180)  # a model loads slowly on a fraction of a core
        if profile_dir is not None:
            recordings = [record(s.process.pid, f"{label}-{s.label}", profile_dir) for s in cluster.services]
        meter = CpuMeter().start()
        infrastructure_cpu = {name: tree_cpu_seconds(pid) for name, pid in (infrastructure or {}).items()}
        jit_cpu = {name: threads_cpu_seconds(pid, JIT_THREAD_PREFIXES) for name, pid in (infrastructure or {}).items()}
        probes = []
        if rate is None:
            posted = asyncio.run(post_burst(cluster.ingest_url, articles, concurrency=post_concurrency))
        else:
            posted, probes = asyncio.run(post_paced(cluster.ingest_url, articles, rate=rate, probe_url=cluster.store_url))
        accepted: dict[str, Posted] = {p.article_id: p for p in posted if p.status == 202 and p.article_id}
        readable, dead = wait_until_done(cluster, set(accepted))
        cpu = meter.read()
        infrastructure_cpu = {name: tree_cpu_seconds(pid) - infrastructure_cpu[name]
                              for name, pid in (infrastructure or {}).items()}
        jit_cpu = {name: threads_cpu_seconds(pid, JIT_THREAD_PREFIXES) - jit_cpu[name]
                   for name, pid in (infrastructure or {}).items()}
        for recording in recordings:
            recording.stop()
        resources = cluster.resources()
        parsed = merged([s.log for s in cluster.of("parse")], "processed")
        enriched = merged([s.log for s in cluster.of("enrich")], "processed")
        api_first_page = httpx.get(f"{cluster.store_url}/articles", params={"limit": 1}, timeout=30).status_code
        stored_at = stored_at_times(database_url)
        dead_reasons = {a: reason for s in cluster.services for a, reason in s.log.dead_reasons.items()}
    finally:
        for recording in recordings:
            recording.stop()
        cluster.stop()

    answered = {a: p.answered_at for a, p in accepted.items()}
    names = {article.article_id: article.name for article in articles}
    done_times = [readable[a] for a in accepted if a in readable]
    first_sent = min(p.sent_at for p in posted)
    return {
        "label": label,
        "replicas": {"parse": replicas, "enrich": replicas},
        "cpu_quotas": dict(cpu_quotas or {}),
        "load": "burst" if rate is None else "paced",
        "offered_rate": rate,
        "posted": len(posted),
        "accepted": len(accepted),
        "not_accepted": {str(s): sum(p.status == s for p in posted) for s in {p.status for p in posted} if s != 202},
        "readable": len(done_times),
        "dead_lettered": len(dead),
        "dead_letters": [{"article": names.get(a, a), "article_id": a, "reason": reason[:500]}
                         for a, reason in sorted(dead_reasons.items())][:20],
        "stored_rows": len(stored_at),
        "store_api_answered": api_first_page,
        "posting_seconds": max(p.answered_at for p in posted) - first_sent,
        "max_post_late_seconds": max((p.late_by for p in posted), default=0.0),
        "seconds": (max(done_times) - first_sent) if done_times else None,
        "rate": overall_rate(len(done_times), first_sent, max(done_times)) if done_times else None,
        "steady_rate": steady_rate(done_times, started_at=first_sent),
        "latency": _segment(readable, answered),
        "latency_stages": {
            "ingest_202_to_parsed": _segment(parsed, answered),
            "parsed_to_enriched": _segment(enriched, parsed),
            "enriched_to_readable": _segment(readable, enriched),
        },
        "readable_minus_stored_at": _segment(readable, stored_at),
        "probe_check": _probe_check(probes, readable),
        "startup_seconds": cluster.startup_seconds,
        "cpu": cpu,
        # Everything this benchmark started (services, Kafka, PostgreSQL) and its own client, per article.
        "cpu_ms_per_article_total": 1000 * cpu["ours_cores"] * cpu["seconds"] / len(done_times) if done_times else None,
        "services": resources,
        "cpu_ms_per_article": _cpu_per_article(resources, len(done_times)),
        "infrastructure_cpu_ms_per_article": {name: 1000 * seconds / len(done_times)
                                              for name, seconds in infrastructure_cpu.items()} if done_times else {},
        # Of it, a JVM's just-in-time compiling (the broker's): what a fresh broker spends once, and one
        # that has run for a while no more. The warm-up run (pipeline_bench) keeps it out of the measured runs.
        "infrastructure_jit_cpu_ms_per_article": {name: 1000 * seconds / len(done_times)
                                                  for name, seconds in jit_cpu.items() if seconds} if done_times else {},
        "profiles": {name: summarize([r.output for r in recordings if r.label.startswith(f"{label}-{name}-")])
                     for name in ("ingest", "parse", "enrich", "store")} if recordings else None,
    }


def _probe_check(probes: list[Probe], readable: dict[str, float]) -> dict | None:
    """How the log-based readable time compares with polling the API (see posting.post_paced).

    found_minus_log: answer time of the first successful GET minus the log time
    (positive, and about one poll interval, if the log is right).
    log_minus_last_miss: log time minus the answer to the last GET that missed
    (positive if the article really was not readable before the log line).
    """
    checked = [p for p in probes if p.article_id in readable]
    if not checked:
        return None
    return {
        "probed": len(checked),
        "found_minus_log": latency_summary([p.found_answer_at - readable[p.article_id] for p in checked]),
        "log_minus_last_miss": latency_summary([readable[p.article_id] - p.previous_miss_answered_at for p in checked]),
    }


def _cpu_per_article(resources: list[dict], articles: int) -> dict[str, float]:
    if not articles:
        return {}
    per_service: dict[str, float] = {}
    for row in resources:
        per_service[row["service"]] = per_service.get(row["service"], 0.0) + row["cpu_seconds_since_ready"]
    return {name: 1000 * seconds / articles for name, seconds in per_service.items()}
