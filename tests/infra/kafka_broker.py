"""A genuine single-node Apache Kafka broker (KRaft) started from Maven jars.

The jars come from deploy/local-kafka/pom.xml via scripts/kafka-libs.sh; the
folder is named by NEWSFLOW_KAFKA_LIBS. No Docker is needed, only Java 17.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from tests.infra.ports import free_port, port_open
from tests.infra.processes import stop_process

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LIBS = REPO_ROOT / ".cache" / "kafka-libs"

SERVER_PROPERTIES = """\
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:{controller_port}
listeners=PLAINTEXT://127.0.0.1:{broker_port},CONTROLLER://127.0.0.1:{controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{broker_port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs={data_dir}
num.partitions=4
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
"""

# A second listener for the TLS and SASL tests: SASL over TLS, the broker's certificate from a CA made
# in the test (trustme), SCRAM users created when the storage is formatted, PLAIN users listed here.
SASL_SSL_PROPERTIES = """\
listeners=PLAINTEXT://127.0.0.1:{broker_port},CONTROLLER://127.0.0.1:{controller_port},SASL_SSL://127.0.0.1:{secure_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{broker_port},SASL_SSL://127.0.0.1:{secure_port}
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512,PLAIN
listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required {plain_users};
ssl.keystore.type=PEM
ssl.keystore.location={keystore}
"""


def kafka_libs() -> Path:
    libs = Path(os.environ.get("NEWSFLOW_KAFKA_LIBS", DEFAULT_LIBS))
    if not any(libs.glob("kafka_2.13-*.jar")):
        raise RuntimeError(
            f"no Kafka broker jars in {libs}: run scripts/kafka-libs.sh "
            "(or set NEWSFLOW_KAFKA_LIBS to a folder holding them)"
        )
    return libs


@dataclass
class KafkaBroker:
    """One broker process; `start()` returns once it answers metadata calls."""

    libs: Path = field(default_factory=kafka_libs)
    broker_port: int = field(default_factory=free_port)
    controller_port: int = field(default_factory=free_port)
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="newsflow-kafka-")))
    cluster_id: str = field(default_factory=lambda: base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))
    process: subprocess.Popen | None = None
    # user -> password: with any, the broker also listens with SASL_SSL on secure_port (see secure_servers).
    sasl_users: dict[str, str] = field(default_factory=dict)
    secure_port: int = field(default_factory=free_port)

    @property
    def secure_servers(self) -> str:
        return f"127.0.0.1:{self.secure_port}"

    @property
    def ca_path(self) -> Path:
        return self.workdir / "ca.pem"

    def _secure_listener(self) -> tuple[str, list[str]]:
        """The SASL_SSL properties, and the StorageTool arguments that create the SCRAM users."""
        import trustme
        from cryptography.hazmat.primitives import serialization

        ca = trustme.CA()
        ca.cert_pem.write_to_path(str(self.ca_path))
        issued = ca.issue_cert("127.0.0.1", "localhost")
        key = serialization.load_pem_private_key(issued.private_key_pem.bytes(), password=None)
        keystore = self.workdir / "broker.pem"  # Kafka's PEM keystore wants a PKCS#8 key, then the chain
        keystore.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption())
                             + b"".join(pem.bytes() for pem in issued.cert_chain_pems))
        plain = " ".join(f'user_{user}="{password}"' for user, password in self.sasl_users.items())
        properties = SASL_SSL_PROPERTIES.format(broker_port=self.broker_port, controller_port=self.controller_port,
                                                secure_port=self.secure_port, keystore=keystore, plain_users=plain)
        scram = [f"--add-scram={mechanism}=[name={user},password={password}]"
                 for user, password in self.sasl_users.items() for mechanism in ("SCRAM-SHA-256", "SCRAM-SHA-512")]
        return properties, scram

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.broker_port}"

    def _java(self, *args: str, heap: list[str]) -> list[str]:
        return ["java", *heap, "-cp", f"{self.libs}/*", *args]

    @property
    def config_path(self) -> Path:
        return self.workdir / "server.properties"

    def start(self, timeout: float = 90.0) -> "KafkaBroker":
        """Format a new log folder and start; a second start() goes on from the folder it finds."""
        if not (self.workdir / "data" / "meta.properties").exists():
            properties = SERVER_PROPERTIES.format(
                broker_port=self.broker_port,
                controller_port=self.controller_port,
                data_dir=self.workdir / "data",
            )
            scram: list[str] = []
            if self.sasl_users:
                secure, scram = self._secure_listener()
                # The secure listener's lines come last: Kafka keeps the last value of a repeated key.
                properties += secure
            self.config_path.write_text(properties)
            subprocess.run(
                # One argument, "--cluster-id=…": a random id may start with "-" (1 in 64), which the
                # tool's parser would take for an option after "-t".
                self._java("kafka.tools.StorageTool", "format", f"--cluster-id={self.cluster_id}", "-c",
                           str(self.config_path), *scram, heap=["-Xmx256m"]),
                check=True, capture_output=True,
            )
        log = open(self.workdir / "broker.log", "ab")
        self.process = subprocess.Popen(
            self._java("kafka.Kafka", str(self.config_path),
                       heap=["-Xms256m", "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"]),
            stdout=log, stderr=subprocess.STDOUT,
        )
        self._wait_ready(timeout)
        return self

    def kill(self) -> None:
        """SIGKILL, as a crash would; the log folder stays for restart()."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)

    def restart(self, timeout: float = 120.0) -> "KafkaBroker":
        """Start again on the existing log folder, same ports (after kill())."""
        return self.start(timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Kafka broker exited: {self.log_tail()}")
            if port_open(self.broker_port) and self._metadata_answers():
                return
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"Kafka broker not ready after {timeout}s: {self.log_tail()}")

    def _metadata_answers(self) -> bool:
        import asyncio

        from aiokafka.admin import AIOKafkaAdminClient

        async def probe() -> None:
            admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap_servers, request_timeout_ms=3000)
            await admin.start()
            try:
                await admin.list_topics()
            finally:
                await admin.close()

        try:
            asyncio.run(probe())
            return True
        except Exception:
            return False

    def log_tail(self, chars: int = 3000) -> str:
        log = self.workdir / "broker.log"
        return log.read_text(errors="replace")[-chars:] if log.exists() else ""

    def stop(self) -> None:
        stop_process(self.process, timeout=30)
        shutil.rmtree(self.workdir, ignore_errors=True)
