"""The chaos test's moving parts: a client that keeps posting through outages, and in-flight kills.

The poster posts at a steady rate from a thread, and retries an article on a
503 (either kind) or a connection error until ingest answers 202 or 200: an
article counts as accepted once one of those came back, as a real client
would count it. Kills that must land on a batch in flight read the service's
JSON log: the stage worker logs "batch received" before handling a batch and
"batch committed" after committing it.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx

from tests.infra.cluster import Cluster, Service
from tests.infra.service_logs import parse_line

RECEIVED, COMMITTED = "batch received", "batch committed"


@dataclass
class Poster:
    """Posts `articles` to ingest at `rate` per second from a thread, retrying until each is answered 2xx."""

    url: str
    articles: list[dict]
    rate: float
    deadline_s: float = 600.0
    accepted: dict[str, dict] = field(default_factory=dict)  # article id -> the fields posted
    answers: Counter = field(default_factory=Counter)  # "202", "503 outcome-unknown", "connection error", ...
    gave_up: list[int] = field(default_factory=list)
    _thread: threading.Thread | None = None

    def start(self) -> "Poster":
        self._thread = threading.Thread(target=self._run, name="poster", daemon=True)
        self._thread.start()
        return self

    def join(self, timeout: float) -> None:
        assert self._thread is not None
        self._thread.join(timeout)
        assert not self._thread.is_alive(), "the poster did not finish in time"

    def _run(self) -> None:
        began = time.monotonic()
        with httpx.Client(base_url=self.url, timeout=30) as client:
            for n, fields in enumerate(self.articles):
                time.sleep(max(0.0, began + n / self.rate - time.monotonic()))  # steady, not faster to catch up
                if not self._post_until_answered(client, n, fields, began + self.deadline_s):
                    self.gave_up.append(n)

    def _post_until_answered(self, client: httpx.Client, n: int, fields: dict, deadline: float) -> bool:
        while time.monotonic() < deadline:
            try:
                response = client.post("/articles", json=fields)
            except httpx.TransportError:
                self.answers["connection error"] += 1
                time.sleep(1.0)
                continue
            if response.status_code in (200, 202):
                self.answers[str(response.status_code)] += 1
                self.accepted[response.json()["article_id"]] = fields
                return True
            if response.status_code == 503:
                kind = response.json().get("type", "").rsplit(":", 1)[-1]
                self.answers[f"503 {kind}"] += 1
                time.sleep(1.0)
                continue
            raise AssertionError(f"article {n}: unexpected {response.status_code} {response.text[:300]}")
        return False


def batch_events(service: Service, worker: str) -> list[str]:
    """The worker's "batch received" / "batch committed" events in its log so far, in order."""
    records = (parse_line(line) for line in service.log.path.read_text(errors="replace").splitlines())
    return [record["event"] for record in records
            if record and record.get("worker") == worker and record.get("event") in (RECEIVED, COMMITTED)]


def in_flight(service: Service, worker: str) -> bool:
    """A batch was received and not yet committed, as far as the log says."""
    events = batch_events(service, worker)
    return bool(events) and events[-1] == RECEIVED


def kill_in_flight(cluster: Cluster, service: Service, worker: str, *, timeout_s: float = 30.0) -> bool:
    """SIGKILL `service` as soon as its log shows a batch in flight; True if the kill landed on one.

    Checked again after the kill: the log must still end on a received batch, not a commit
    that slipped in between the look and the kill.
    """
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and not in_flight(service, worker):
        time.sleep(0.01)
    cluster.kill(service)
    return in_flight(service, worker)
