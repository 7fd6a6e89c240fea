"""Numbers from timings: percentiles and rates. Pure functions, no I/O."""

from __future__ import annotations

import math
from bisect import bisect_right
from typing import Sequence

# The share of completions at either edge left out of the steady rate: the first
# ones wait for the pipeline to fill, the last ones for its slowest partition.
EDGE = 0.10
# A window shorter than this share of the run (from its start to its last completion)
# means a handful of batches finished together, as in a tiny --limit run: no steady
# rate can be read from it.
MIN_WINDOW_SHARE = 0.25


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), interpolating linearly between the nearest ranks (numpy's default)."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0-100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary(latencies: Sequence[float]) -> dict[str, float | int]:
    """p50, p95, p99, max and mean of latencies (seconds in, seconds out)."""
    if not latencies:
        return {"count": 0}
    return {
        "count": len(latencies),
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "max": max(latencies),
        "mean": sum(latencies) / len(latencies),
    }


def overall_rate(count: int, start: float, end: float) -> float | None:
    """Items per second over a whole run; None when the run took no measurable time."""
    return count / (end - start) if end > start and count else None


def steady_rate(completion_times: Sequence[float], *, started_at: float, edge: float = EDGE) -> float | None:
    """Items per second between the first and last `edge` share of completions.

    The window runs from the completion at rank edge*(n-1) to the one at
    (1-edge)*(n-1); it counts the items completed after its start and up to
    its end, so that batches (many completions at one instant) are neither
    counted twice nor cut in half. None when the window covers less than
    MIN_WINDOW_SHARE of the run since `started_at` (a few batches, e.g. a tiny
    --limit, say nothing steady); callers then use the overall rate.
    """
    ordered = sorted(completion_times)
    if len(ordered) < 10:
        return None
    start, end = ordered[round(edge * (len(ordered) - 1))], ordered[round((1 - edge) * (len(ordered) - 1))]
    if end <= start or (end - start) < MIN_WINDOW_SHARE * (ordered[-1] - started_at):
        return None
    return (bisect_right(ordered, end) - bisect_right(ordered, start)) / (end - start)


def headline_rate(measurement: dict | None) -> float | None:
    """The rate a measurement is judged by: steady where it could be read, else overall."""
    if not measurement:
        return None
    return measurement.get("steady_rate") or measurement.get("rate")


def ratio(value: float | None, reference: float | None) -> float | None:
    return value / reference if value is not None and reference else None
