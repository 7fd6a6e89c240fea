"""The scale-out arithmetic: efficiency, quota sums, and whether the simulated machines fit the real one."""

from benchmarks.scale_out import efficiency, partitions_for, quota_total, quotas_for, summarize, unquoted_cores


def test_efficiency_is_the_rate_over_n_times_the_rate_of_one():
    assert efficiency({1: 2.0, 2: 3.6, 4: 6.0}) == {1: 1.0, 2: 0.9, 4: 0.75}
    assert efficiency({1: None, 2: 3.0}) == {1: None, 2: None}


def test_quota_total_counts_both_stages_per_replica_and_one_ingest_and_store():
    quotas = quotas_for(0.15, ingest=0.2, store=0.3)
    assert quota_total(quotas, 4) == 4 * 0.3 + 0.5


def test_unquoted_cores_are_what_the_benchmark_started_less_the_quota_held_services():
    run = {"cpu": {"seconds": 100.0, "ours_cores": 1.5},
           "services": [{"service": "parse", "replica": 0, "group_cpu_seconds_since_ready": 60.0,
                         "cpu_seconds_since_ready": 20.0},
                        {"service": "store", "replica": 0, "group_cpu_seconds_since_ready": 40.0}]}
    assert unquoted_cores(run) == 0.5  # 150 s in all, 100 s of it the services'


def test_the_summary_says_whether_the_largest_count_fits_the_machine():
    def run(rate: float, ours: float) -> dict:
        return {"steady_rate": rate, "readable": 100, "cpu": {"seconds": 10.0, "ours_cores": ours},
                "services": [{"service": "parse", "replica": 0, "group_cpu_seconds_since_ready": 10.0,
                              "throttled_periods": 7}]}

    summary = summarize(0.15, quotas_for(0.15), {1: run(2.0, 1.0), 2: run(3.8, 1.5)}, cores=2)
    assert summary["replicas"]["2"]["efficiency"] == 0.95
    assert summary["replicas"]["2"]["throttled_periods"] == {"parse-0": 7}
    assert summary["fit"]["quota_total_cores"] == quota_total(quotas_for(0.15), 2)
    assert summary["fit"]["unquoted_cores_measured"] == 0.5
    assert summary["fit"]["fits"] is True
    crowded = summarize(0.5, quotas_for(0.5), {1: run(2.0, 1.0), 4: run(3.0, 1.5)}, cores=2)
    assert crowded["fit"]["fits"] is False


def test_partitions_divide_evenly_among_every_replica_count():
    assert partitions_for([1, 2, 4], at_least=6) == 8
    assert partitions_for([1, 2, 3], at_least=6) == 6
    assert partitions_for([1, 2], at_least=1) == 2
