"""A genuine PostgreSQL server for integration tests, started from the distribution's binaries.

One throwaway cluster per test session in a temp folder, on a free loopback
port, with trust authentication. fsync is off because the data is thrown away
and no test crashes the machine, only processes: a commit still reaches the
operating system before it returns. synchronous_commit stays at the server's
default, and the store sets it on for its own sessions anyway, so no fixture
hides a durability bug. The chaos test asks for a fully durable server
(`durable=True`) and stops it as a crash would (`crash()`, then `restart()`).
PostgreSQL refuses to run as root, so when the tests run as root the server
runs as the `postgres` system user.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from tests.infra.ports import free_port
from tests.infra.processes import stop_process

POSTGRES_INSTALLS = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"
SERVER_SYSTEM_USER = "postgres"  # who runs the server when we are root


def postgres_bin_dir() -> Path | None:
    """The bin folder of the newest PostgreSQL installed under /usr/lib/postgresql, if any."""
    candidates = [
        path / "bin"
        for path in POSTGRES_INSTALLS.glob("*")
        if re.fullmatch(r"\d+(\.\d+)?", path.name) and (path / "bin" / "initdb").exists()
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda bin_dir: tuple(int(n) for n in bin_dir.parent.name.split(".")))


def _running_as_root() -> bool:
    return os.geteuid() == 0


@dataclass
class PostgresServer:
    """One server process; `start()` returns once it accepts connections."""

    bin_dir: Path | None = field(default_factory=postgres_bin_dir)
    port: int = field(default_factory=free_port)
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="newsflow-postgres-")))
    process: subprocess.Popen | None = None
    durable: bool = False  # fsync on as well (crash tests)
    tls: bool = False  # also serve TLS, with a certificate for 127.0.0.1 from a CA made here (ca_path)

    @property
    def data_dir(self) -> Path:
        return self.workdir / "data"

    @property
    def log_path(self) -> Path:
        return self.workdir / "postgres.log"

    def _as_server_user(self, *command: str) -> list[str]:
        if _running_as_root():
            return ["runuser", "-u", SERVER_SYSTEM_USER, "--", *command]
        return list(command)

    def _tool(self, name: str) -> str:
        return str(self.bin_dir / name)

    def start(self, timeout: float = 60.0) -> "PostgresServer":
        if self.bin_dir is None:
            raise RuntimeError(f"no PostgreSQL binaries under {POSTGRES_INSTALLS}")
        if _running_as_root():
            account = pwd.getpwnam(SERVER_SYSTEM_USER)
            os.chown(self.workdir, account.pw_uid, account.pw_gid)
        # cwd=workdir: the server user may not be allowed into the caller's current folder.
        initdb = subprocess.run(
            self._as_server_user(
                self._tool("initdb"), "-D", str(self.data_dir), "-U", SUPERUSER,
                "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync",
            ),
            cwd=self.workdir, capture_output=True, text=True,
        )
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed: {initdb.stdout[-2000:]}{initdb.stderr[-2000:]}")
        self._launch(timeout)
        return self

    @property
    def ca_path(self) -> Path:
        return self.workdir / "ca.pem"

    def _make_certificates(self) -> list[str]:
        import trustme

        ca = trustme.CA()
        ca.cert_pem.write_to_path(str(self.ca_path))
        issued = ca.issue_cert("127.0.0.1", "localhost")
        cert, key = self.workdir / "server.crt", self.workdir / "server.key"
        issued.cert_chain_pems[0].write_to_path(str(cert))
        issued.private_key_pem.write_to_path(str(key))
        key.chmod(0o600)  # PostgreSQL refuses a key others can read
        if _running_as_root():
            account = pwd.getpwnam(SERVER_SYSTEM_USER)
            for path in (cert, key):
                os.chown(path, account.pw_uid, account.pw_gid)
        return ["-c", "ssl=on", "-c", f"ssl_cert_file={cert}", "-c", f"ssl_key_file={key}"]

    def _launch(self, timeout: float) -> None:
        relaxed = [] if self.durable else ["-c", "fsync=off", "-c", "full_page_writes=off"]
        if self.tls and not self.ca_path.exists():
            relaxed += self._make_certificates()
        elif self.tls:
            relaxed += ["-c", "ssl=on", "-c", f"ssl_cert_file={self.workdir / 'server.crt'}",
                        "-c", f"ssl_key_file={self.workdir / 'server.key'}"]
        log = open(self.log_path, "ab")  # opened by us, inherited by the server: any owner works
        self.process = subprocess.Popen(
            self._as_server_user(
                self._tool("postgres"), "-D", str(self.data_dir),
                "-p", str(self.port),
                "-k", str(self.workdir),
                "-c", "listen_addresses=127.0.0.1",
                *relaxed,
                "-c", "max_connections=200",
            ),
            cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        self._wait_ready(timeout)

    def crash(self) -> None:
        """Stop at once, as a crash would (`pg_ctl stop -m immediate`: no checkpoint, recovery on restart)."""
        subprocess.run(
            self._as_server_user(self._tool("pg_ctl"), "-D", str(self.data_dir), "stop", "-m", "immediate", "-w"),
            cwd=self.workdir, capture_output=True, check=True,
        )
        self.process.wait(timeout=30)

    def restart(self, timeout: float = 60.0) -> None:
        """Start again on the same data folder and port (after crash())."""
        self._launch(timeout)

    def _accepts_connections(self) -> bool:
        probe = subprocess.run(
            [self._tool("pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, "-t", "1"],
            capture_output=True,
        )
        return probe.returncode == 0

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log_tail()
                self.stop()
                raise RuntimeError(f"PostgreSQL exited with code {self.process.returncode}: {tail}")
            if self._accepts_connections():
                return
            time.sleep(0.2)
        tail = self.log_tail()
        self.stop()
        raise RuntimeError(f"PostgreSQL not ready after {timeout}s: {tail}")

    def _psql(self, sql: str, database: str = "postgres") -> None:
        result = subprocess.run(
            [
                self._tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, "-d", database, "-c", sql,
            ],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"psql failed on {sql!r}: {result.stderr.strip()}")

    def create_database(self) -> str:
        """A new empty database; returns its SQLAlchemy URL (psycopg 3 driver)."""
        name = f"newsflow_{uuid.uuid4().hex[:12]}"
        self._psql(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{name}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run SQL as the superuser (roles, grants)."""
        self._psql(statement, database)

    def log_tail(self, chars: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:] if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            subprocess.run(
                self._as_server_user(self._tool("pg_ctl"), "-D", str(self.data_dir), "stop", "-m", "fast", "-w"),
                cwd=self.workdir, capture_output=True,
            )
        stop_process(self.process, timeout=30)  # SIGTERM, then kill, only if pg_ctl did not stop it
        shutil.rmtree(self.workdir, ignore_errors=True)
