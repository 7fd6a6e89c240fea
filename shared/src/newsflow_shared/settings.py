"""Settings from the environment (prefix NEWSFLOW_), one object for every service."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSFLOW_", env_file=".env", extra="ignore", populate_by_name=True)

    kafka_bootstrap_servers: str = "localhost:9092"
    # TLS and SASL for every Kafka client (newsflow_shared.kafka_connection).
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = None
    kafka_sasl_username: str | None = None
    kafka_sasl_password: str | None = Field(default=None, repr=False)
    kafka_sasl_password_file: str | None = None
    kafka_ssl_cafile: str | None = None
    kafka_ssl_certfile: str | None = None
    kafka_ssl_keyfile: str | None = None
    topic_raw: str = "articles.raw"
    topic_parsed: str = "articles.parsed"
    topic_enriched: str = "articles.enriched"
    topic_dlq: str = "articles.dlq"
    # Small records of how far each article got (newsflow_shared.progress), for the store's status.
    topic_status: str = "articles.status"
    # Compacted: the id of every accepted article, so any ingest replica, even a
    # restarted one, can answer "duplicate" to a re-post.
    topic_ids: str = "articles.ids"
    # Partitions for topics a service creates when missing; replicas of a stage beyond it idle.
    topic_partitions: int = 6
    # Whether a service creates missing topics at start. Off where topics are managed elsewhere
    # (Strimzi KafkaTopic resources in deploy/k8s): it then waits, unready, until every topic
    # exists, rather than making one with its own partitions, replication and retention.
    create_topics: bool = True
    # How long a producer may wait for the broker's acks before a write counts as failed.
    kafka_request_timeout_ms: int = 15_000
    # Producer compression; unset, each service chooses. ingest: "auto", snappy when its codec
    # (cramjam) is installed (kafka_transport.producer_compression says why), since only newsflow
    # reads its topics. The stages: gzip, so that articles.enriched stays readable by a consumer
    # with nothing but a Kafka client (aiokafka reads gzip without extra libraries).
    kafka_compression: Literal["auto", "lz4", "zstd", "snappy", "gzip", "none"] | None = None
    # How long a producer batch may wait for more records; a little batching saves
    # the broker and the producer work per record, at that much added latency.
    kafka_linger_ms: int = 5

    # DATABASE_URL is the name operators expect; NEWSFLOW_DATABASE_URL works too.
    database_url: str = Field(
        default="sqlite:///newsflow.db",
        validation_alias=AliasChoices("DATABASE_URL", "NEWSFLOW_DATABASE_URL"),
    )

    # Or the URL in a file (a mounted Secret): credentials stay out of the environment and manifests.
    database_url_file: str | None = None
    # The store brings the schema to the newest migration when it starts (the embedded default and
    # development). Off in production: `newsflow migrate` runs once with the owner's rights, and the
    # store's own role needs data rights only (it waits until the schema is current).
    migrate_on_start: bool = True

    max_article_bytes: int = 5_000_000
    # parse's budget: an article longer than this (in characters, as posted) is dead-lettered as too
    # costly to process instead of holding its partition for minutes. Raise it and redrive to process one.
    max_nlp_chars: int = 500_000
    # ... and what parse and enrich may spend on one article: "process" runs their NLP in a child
    # process, killed and replaced when an article takes longer than nlp_seconds_per_article or more
    # memory than nlp_max_memory_mb (the article is dead-lettered as too costly to process);
    # "thread" runs it in this process with no bound but the length above (tests, debugging).
    # Keep the time well under stall_timeout_s: a batch over it is run again article by article.
    nlp_isolation: Literal["process", "thread"] = "process"
    nlp_seconds_per_article: float = Field(default=60.0, gt=0)
    nlp_max_memory_mb: int | None = Field(default=1536, gt=0)
    max_batch_lines: int = 1_000
    batch_size: int = 32
    poll_timeout_ms: int = 500
    # The store's status feeds write at most one batch per feed this often: each write is a
    # transaction and an offset commit, whatever it holds, and statuses may lag by this much.
    status_interval_ms: int = 500

    # scope=token pairs (scopes read, write), comma-separated; or a file of them (a mounted Secret).
    # Unset: no authentication (newsflow up then listens on loopback only). See newsflow_shared.auth.
    api_tokens: str | None = Field(default=None, repr=False)
    api_tokens_file: str | None = None

    # Writes per caller (token, else address), as `limits` strings: "600/minute", "20/second;1000/hour".
    # Unset: no limit. Enforced per replica (newsflow_shared.edge).
    rate_limit: str | None = None
    # Origins allowed to call from a browser, comma-separated; unset: no CORS headers.
    cors_origins: str | None = None

    http_host: str = "127.0.0.1"
    http_port: int = 8000
    # Where clients read results; ingest puts it in its 202 answers.
    store_public_url: str = "http://127.0.0.1:8000"
    # parse and enrich serve /healthz, /readyz and /metrics on this port; 0: none (several replicas
    # on one machine would collide on a fixed port, so it is set where each has its own, as in deploy/).
    metrics_port: int = 0

    # The failure policy (newsflow_shared.failures): transient failures are retried in place,
    # waiting between attempts from the first to the most (doubling, with full jitter) ...
    retry_backoff_first_ms: int = 200
    retry_backoff_max_ms: int = 10_000
    # ... and a worker that owns partitions but has not gone round its loop for this long is stuck:
    # its liveness check fails (waiting for a dependency does not count as stuck).
    stall_timeout_s: float = 300.0

    log_level: str = "INFO"
    log_json: bool = False
    # One line per HTTP request (uvicorn's access log, in the same stream as every other log line).
    access_log: bool = False

    @model_validator(mode="after")
    def _url_from_file(self) -> "Settings":
        if self.database_url_file:
            self.database_url = Path(self.database_url_file).read_text(encoding="utf-8").strip()
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
