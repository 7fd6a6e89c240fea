"""The benchmark's arithmetic: percentiles, rates and the target verdicts (fast, pure)."""

import pytest

from benchmarks.report import check_targets, render
from benchmarks.stats import headline_rate, latency_summary, overall_rate, percentile, ratio, steady_rate


def test_percentile_interpolates_between_ranks():
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert percentile(values, 0) == 1.0
    assert percentile(values, 50) == 3.0
    assert percentile(values, 100) == 5.0
    assert percentile(values, 90) == pytest.approx(4.6)
    assert percentile([1.0, 2.0], 99) == pytest.approx(1.99)


def test_percentile_refuses_empty_input_and_bad_ranks():
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_latency_summary_of_a_known_distribution():
    summary = latency_summary([i / 100 for i in range(1, 101)])  # 0.01 .. 1.00 s
    assert summary["count"] == 100
    assert summary["p50"] == pytest.approx(0.505)
    assert summary["p99"] == pytest.approx(0.9901)
    assert summary["max"] == 1.0
    assert latency_summary([]) == {"count": 0}


def test_steady_rate_ignores_a_slow_start_and_tail():
    # 100 items one per 0.1 s (10/s) after a 5 s start-up, and a straggler at 25 s.
    times = [5 + 0.1 * i for i in range(100)] + [25.0]
    assert steady_rate(times, started_at=0.0) == pytest.approx(10.0, rel=0.02)
    assert overall_rate(len(times), 0.0, 25.0) == pytest.approx(4.04)


def test_steady_rate_counts_batches_whole():
    # Ten batches of 32 items, one batch per 2 seconds: 16 items/s, whatever the window's edges.
    times = [2.0 * batch for batch in range(1, 11) for _ in range(32)]
    assert steady_rate(times, started_at=0.0) == pytest.approx(16.0)


def test_steady_rate_needs_enough_spread_completions():
    assert steady_rate([1.0, 2.0, 3.0], started_at=0.0) is None
    assert steady_rate([5.0] * 20, started_at=0.0) is None
    # Two batches of 30 from two workers, finishing almost together 10 s after the start,
    # each one's items handed over a millisecond apart: no rate to read.
    two_batches = [10.0 + i / 1000 for i in range(30)] + [10.1 + i / 1000 for i in range(30)]
    assert steady_rate(two_batches, started_at=0.0) is None


def test_headline_rate_prefers_the_steady_rate():
    assert headline_rate({"steady_rate": 12.0, "rate": 10.0}) == 12.0
    assert headline_rate({"steady_rate": None, "rate": 10.0}) == 10.0
    assert headline_rate(None) is None


def test_ratio_is_none_without_a_reference():
    assert ratio(8.0, 10.0) == 0.8
    assert ratio(8.0, None) is None
    assert ratio(None, 10.0) is None


def _results(*, e2e: float, limit: float, one: float, half_p50: float, half_p99: float, rss: float) -> dict:
    services = [{"service": "parse", "replica": 0, "peak_rss_mb": rss}, {"service": "store", "replica": 0, "peak_rss_mb": 900}]
    return {
        "limit": {"rate": limit, "processes": 2, "articles": 100},
        "end_to_end": {
            "full": {"steady_rate": e2e, "replicas": {"parse": 2}, "readable": 100, "services": services},
            "full_x1": {"steady_rate": one, "replicas": {"parse": 1}, "readable": 100, "services": services},
            "half": {"steady_rate": e2e / 2, "offered_rate": e2e / 2, "replicas": {"parse": 2}, "readable": 50,
                     "services": services, "latency": {"count": 50, "p50": half_p50, "p95": 1.0, "p99": half_p99}},
        },
        "ingest": {"rate": 2500.0, "accepted": 25000, "client": "wrk", "connections": 32,
                   "latency_ms": {"p50": 10.0, "p95": 30.0, "p99": 60.0}, "peak_rss_mb": 100.0},
    }


def test_targets_are_judged_on_the_measured_values():
    results = _results(e2e=32.0, limit=33.0, one=16.0, half_p50=0.4, half_p99=0.6, rss=550.0)
    results["limit"]["cpu_ms_per_article"] = 100.0
    results["end_to_end"]["full"]["cpu_ms_per_article_total"] = 110.0  # 0.91 of the limit's
    results["scale_out"] = {"replicas": {"1": {"efficiency": 1.0}, "2": {"efficiency": 0.95},
                                         "4": {"efficiency": 0.85, "peak_rss_mb": {"enrich-3": 590.0, "store-0": 700}}}}
    results["store_writers"] = {"writers": {"1": {"speed_up": 1.0}, "2": {"speed_up": 1.85}}}
    verdicts = {t["target"]: t["met"] for t in check_targets(results)}
    assert verdicts["end to end x2 vs bare spaCy (same cores), by rate"] is True  # 0.97
    assert verdicts["end to end x2 vs bare spaCy, by CPU time per article"] is False  # 0.91
    assert verdicts["ingest throughput, one process"] is True
    assert verdicts["ingest request latency p99"] is False  # 60 ms
    assert verdicts["latency at half load, p50"] is True
    assert verdicts["latency at half load, p99"] is False  # 0.6 s
    assert verdicts["scale-out efficiency, 2 replicas of parse and enrich on CPU quotas"] is True
    assert verdicts["scale-out efficiency, 4 replicas of parse and enrich on CPU quotas"] is False
    assert verdicts["2 store replicas vs 1, write rate on CPU quotas"] is True
    assert verdicts["peak RSS of each parse and enrich replica"] is True  # store's 700 and 900 MB do not count
    results["scale_out"]["replicas"]["4"]["peak_rss_mb"]["parse-2"] = 610.0
    assert {t["target"]: t["met"] for t in check_targets(results)}["peak RSS of each parse and enrich replica"] is False


def test_missing_measurements_are_not_judged():
    verdicts = check_targets({})
    assert {t["met"] for t in verdicts} == {None}


def test_table_gives_every_throughput_as_a_ratio_to_the_limit():
    results = _results(e2e=24.0, limit=32.0, one=16.0, half_p50=0.4, half_p99=1.5, rss=700.0)
    results["targets"] = check_targets(results)
    table = render(results)
    assert "0.75" in table  # end to end / limit
    assert "scale-out, parse+enrich x1 -> x2: 1.50x" in table
    assert "MISSED       peak RSS of each parse and enrich replica: 700 MB" in table
