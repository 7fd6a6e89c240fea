"""Prometheus metrics shared by the stages (served by the HTTP apps at /metrics)."""

from prometheus_client import Counter, Histogram

STAGE_PROCESSED = Counter("newsflow_stage_processed_total", "Articles a stage processed", ["stage"])
STAGE_DEAD_LETTERS = Counter("newsflow_stage_dead_letters_total", "Messages sent to the DLQ", ["stage"])
STAGE_SECONDS = Histogram("newsflow_stage_batch_seconds", "Time to handle one batch", ["stage"])
