"""HTTP request metrics for ingest and the store (prometheus-fastapi-instrumentator).

Requests per route template, method and status class, and their durations, on the
default registry that /metrics serves. The probes and /metrics itself are left out:
they would drown the traffic that matters.
"""

from __future__ import annotations

import functools
from typing import Any

from prometheus_fastapi_instrumentator import Instrumentator, metrics

UNCOUNTED = ["/healthz", "/readyz", "/metrics"]


@functools.cache
def _request_metrics() -> Any:
    # Made once per process and shared by every app in it: the instrumentator makes its metrics
    # per app, and a second app's would collide with the first's in the one registry and count nothing.
    return metrics.default()


def install_http_metrics(app: Any) -> None:
    Instrumentator(excluded_handlers=UNCOUNTED, should_group_status_codes=True).add(_request_metrics()).instrument(app)
