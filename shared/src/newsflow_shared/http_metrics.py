"""HTTP request metrics for ingest and the store (prometheus-fastapi-instrumentator).

Requests per route template, method and status class, and their durations, on the
default registry that /metrics serves. The probes and /metrics itself are left out:
they would drown the traffic that matters.
"""

from __future__ import annotations

from typing import Any

from prometheus_fastapi_instrumentator import Instrumentator

UNCOUNTED = ["/healthz", "/readyz", "/metrics"]


def install_http_metrics(app: Any) -> None:
    Instrumentator(excluded_handlers=UNCOUNTED, should_group_status_codes=True).instrument(app)
