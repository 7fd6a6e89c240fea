"""Prometheus metrics shared by the stages (served at /metrics by every service)."""

from prometheus_client import Counter, Gauge, Histogram

STAGE_PROCESSED = Counter("newsflow_stage_processed_total", "Articles a stage processed", ["stage"])
STAGE_DEAD_LETTERS = Counter(
    "newsflow_stage_dead_letters_total",
    "Messages sent to the DLQ, by kind: contract (undecodable, wrong schema) or domain (failed again alone)",
    ["stage", "kind"],
)
STAGE_SECONDS = Histogram("newsflow_stage_batch_seconds", "Time to handle one batch", ["stage"])
STAGE_RETRIES = Counter(
    "newsflow_stage_retries_total", "Attempts retried in place after a transient failure, by dependency",
    ["stage", "dependency"],
)
WAITING = Gauge(
    "newsflow_stage_waiting_for_dependency", "1 while a stage retries in place, waiting for this dependency",
    ["stage", "dependency"],
)
STATUS_SKIPPED = Counter(
    "newsflow_status_skipped_total", "Messages whose status failed again on its own and was skipped", ["feed"],
)
