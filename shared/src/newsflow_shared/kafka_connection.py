"""How every Kafka client of newsflow connects: bootstrap servers, TLS and SASL, from one place.

NEWSFLOW_KAFKA_SECURITY_PROTOCOL is PLAINTEXT (the default), SSL, SASL_PLAINTEXT
or SASL_SSL. With SSL, NEWSFLOW_KAFKA_SSL_CAFILE names the CA that signed the
brokers' certificates (and _CERTFILE / _KEYFILE a client certificate, where
the brokers ask for one). With SASL, NEWSFLOW_KAFKA_SASL_MECHANISM is PLAIN,
SCRAM-SHA-256 or SCRAM-SHA-512, with NEWSFLOW_KAFKA_SASL_USERNAME and the
password in NEWSFLOW_KAFKA_SASL_PASSWORD or, from a mounted Secret,
NEWSFLOW_KAFKA_SASL_PASSWORD_FILE. Every producer, consumer and admin client
takes its options from `client_options()`; a plain bootstrap string still
works wherever a connection is asked for (PLAINTEXT).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from aiokafka.helpers import create_ssl_context

from newsflow_shared.settings import Settings


@dataclass(frozen=True)
class KafkaConnection:
    bootstrap_servers: str
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str | None = None
    sasl_username: str | None = None
    sasl_password: str | None = field(default=None, repr=False)
    ssl_cafile: str | None = None
    ssl_certfile: str | None = None
    ssl_keyfile: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> "KafkaConnection":
        password = settings.kafka_sasl_password
        if settings.kafka_sasl_password_file:
            password = Path(settings.kafka_sasl_password_file).read_text(encoding="utf-8").strip()
        return cls(settings.kafka_bootstrap_servers, settings.kafka_security_protocol,
                   settings.kafka_sasl_mechanism, settings.kafka_sasl_username, password,
                   settings.kafka_ssl_cafile, settings.kafka_ssl_certfile, settings.kafka_ssl_keyfile)

    def client_options(self) -> dict[str, Any]:
        """Keyword arguments for AIOKafkaProducer, AIOKafkaConsumer and AIOKafkaAdminClient."""
        options: dict[str, Any] = {"bootstrap_servers": self.bootstrap_servers,
                                   "security_protocol": self.security_protocol}
        if self.security_protocol in ("SSL", "SASL_SSL"):
            options["ssl_context"] = create_ssl_context(cafile=self.ssl_cafile, certfile=self.ssl_certfile,
                                                        keyfile=self.ssl_keyfile)
        if self.security_protocol.startswith("SASL_"):
            options.update(sasl_mechanism=self.sasl_mechanism or "PLAIN", sasl_plain_username=self.sasl_username,
                           sasl_plain_password=self.sasl_password)
        return options


# What a Kafka-facing function takes: a connection, or just the bootstrap servers (PLAINTEXT).
Kafka = Union[str, KafkaConnection]


def connection_of(kafka: Kafka) -> KafkaConnection:
    return kafka if isinstance(kafka, KafkaConnection) else KafkaConnection(kafka)


def client_options(kafka: Kafka) -> dict[str, Any]:
    return connection_of(kafka).client_options()
