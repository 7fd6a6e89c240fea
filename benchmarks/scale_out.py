"""Scale-out on simulated machines (issue 17): parse and enrich at 1, 2, 4 ... replicas, each on a CPU quota.

Every replica of parse and of enrich runs in a cgroup of its own, held to `cpu_quota` cores (its
NLP child included), so N replicas are N small machines; ingest and the store get quotas of their
own, sized so that they are never the bottleneck. The machine's real cores must hold the sum of
all quotas at the largest count plus what runs without one (Kafka, PostgreSQL, the benchmark's
client): `fit` says whether they did, from the CPU those used during the largest run. A sum over
the machine would measure the machine again, not the design.

efficiency(N) = rate(N) / (N x rate(1)): 1.0 is a perfect scale-out.
"""

from __future__ import annotations

import math
from typing import Callable

from benchmarks.stats import headline_rate

# What ingest and the store get, per process: several times what they use at the rates the quota'd
# stages reach (ingest ~2 ms and the store ~12 ms of CPU per article, at ~10 articles/s with 4 replicas
# at 0.15 cores), so that the stages being measured are the bottleneck.
INGEST_QUOTA = 0.2
STORE_QUOTA = 0.3


def partitions_for(replica_counts: list[int], *, at_least: int) -> int:
    """Partitions that every replica count divides: with 6 partitions, 4 replicas would own 2, 2, 1 and 1,
    and the two with 2 would set the pace (an efficiency of 0.75 at best). At least `at_least`."""
    step = math.lcm(*replica_counts)
    return step * math.ceil(at_least / step)


def quotas_for(cpu_quota: float, *, ingest: float = INGEST_QUOTA, store: float = STORE_QUOTA) -> dict[str, float]:
    return {"parse": cpu_quota, "enrich": cpu_quota, "ingest": ingest, "store": store}


def quota_total(quotas: dict[str, float], replicas: int) -> float:
    """Cores the quotas hold at `replicas` replicas of parse and enrich (one ingest, one store)."""
    return replicas * (quotas["parse"] + quotas["enrich"]) + quotas["ingest"] + quotas["store"]


def efficiency(rates: dict[int, float | None]) -> dict[int, float | None]:
    one = rates.get(1)
    return {n: (rate / (n * one) if rate is not None and one else None) for n, rate in rates.items()}


def unquoted_cores(run: dict) -> float | None:
    """Cores used during a run by what had no quota: Kafka, PostgreSQL and the benchmark's own client.

    Everything the benchmark started (its process tree, which holds the broker and PostgreSQL too)
    less the services, each read from its cgroup (its NLP child included), over the measured time.
    """
    cpu = run.get("cpu") or {}
    elapsed = cpu.get("seconds")
    if not elapsed:
        return None
    ours = cpu.get("ours_cores", 0.0) * elapsed
    services = sum(row.get("group_cpu_seconds_since_ready", row.get("cpu_seconds_since_ready", 0.0))
                   for row in run.get("services", []))
    return max(ours - services, 0.0) / elapsed


def summarize(cpu_quota: float, quotas: dict[str, float], runs: dict[int, dict], cores: int) -> dict:
    """The `scale_out` object of the results."""
    rates = {n: headline_rate(run) for n, run in runs.items()}
    efficiencies = efficiency(rates)
    largest = max(runs) if runs else None
    total = quota_total(quotas, largest) if largest else None
    others = unquoted_cores(runs[largest]) if largest else None
    return {
        "cpu_quota": cpu_quota,
        "quotas": quotas,
        "replicas": {
            str(n): {
                "rate": rates[n],
                "efficiency": efficiencies[n],
                "articles": run.get("readable"),
                "cpu_ms_per_article": run.get("cpu_ms_per_article"),
                "throttled_periods": {f"{row['service']}-{row['replica']}": row.get("throttled_periods")
                                      for row in run.get("services", []) if "throttled_periods" in row},
                # each replica with its NLP child (Cluster.resources)
                "peak_rss_mb": {f"{row['service']}-{row['replica']}": round(row["peak_rss_mb"], 1)
                                for row in run.get("services", []) if "peak_rss_mb" in row},
                "quota_total_cores": quota_total(quotas, n),
            }
            for n, run in sorted(runs.items())
        },
        "fit": {
            "machine_cores": cores,
            "quota_total_cores": total,
            "unquoted_cores_measured": others,
            "fits": None if total is None or others is None else total + others <= cores,
        },
    }


def measure(cpu_quota: float, replica_counts: list[int], scenario: Callable[[str, int, dict[str, float]], dict],
            cores: int) -> dict:
    """Run `scenario(label, replicas, quotas)` at each count; the scale_out object."""
    quotas = quotas_for(cpu_quota)
    runs = {n: scenario(f"scale_x{n}", n, quotas) for n in sorted(set(replica_counts))}
    return summarize(cpu_quota, quotas, runs, cores)


def render(scale_out: dict) -> str:
    quotas = scale_out["quotas"]
    lines = [f"scale-out on simulated machines: parse and enrich {quotas['parse']} cores each per replica, "
             f"ingest {quotas['ingest']}, store {quotas['store']}",
             "replicas  art/s   efficiency  quotas (cores)"]
    for n, row in scale_out["replicas"].items():
        rate = "n/a" if row["rate"] is None else f"{row['rate']:.2f}"
        eff = "n/a" if row["efficiency"] is None else f"{row['efficiency']:.2f}"
        lines.append(f"{n:>8}  {rate:>6}  {eff:>10}  {row['quota_total_cores']:.2f}")
    fit = scale_out["fit"]
    others = fit["unquoted_cores_measured"]
    lines.append(f"fit: quotas {fit['quota_total_cores']:.2f} + unquoted (Kafka, PostgreSQL, client) "
                 f"{'n/a' if others is None else f'{others:.2f}'} cores on a {fit['machine_cores']}-core machine: "
                 f"{'fits' if fit['fits'] else 'does NOT fit' if fit['fits'] is False else 'unknown'}")
    return "\n".join(lines)
