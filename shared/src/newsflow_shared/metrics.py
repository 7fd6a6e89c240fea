"""Prometheus metrics shared by the stages (served at /metrics by every service)."""

from prometheus_client import Counter, Gauge, Histogram

STAGE_PROCESSED = Counter("newsflow_stage_processed_total", "Articles a stage processed", ["stage"])
STAGE_DEAD_LETTERS = Counter(
    "newsflow_stage_dead_letters_total",
    "Messages sent to the DLQ, by kind: contract (undecodable, wrong schema) or domain (failed again alone)",
    ["stage", "kind"],
)
STAGE_SECONDS = Histogram("newsflow_stage_batch_seconds", "Time to handle one batch", ["stage"])
ARTICLE_SECONDS = Histogram(
    "newsflow_stage_article_seconds", "Time to handle one article (its batch's time shared among its articles)",
    ["stage"], buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
SINCE_RECEIVED = Histogram(
    "newsflow_since_received_seconds",
    "From ingest receiving an article to this stage's result being durable (at store: end to end)",
    ["stage"], buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 3600),
)
CONSUMER_LAG = Gauge(
    "newsflow_consumer_lag", "Messages on the partition not yet fetched by this consumer (high watermark - position)",
    ["group", "topic", "partition"],
)
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
