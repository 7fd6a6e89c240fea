"""What a consumer worker tells its health endpoints: started, waiting for a dependency, stuck.

Ready: started and not waiting for a dependency (its readiness says which
one it waits for). Live: it goes round its loop. A worker that owns
partitions and has not progressed for longer than the policy's stall bound is
stuck (an NLP call that never returns, a loop that hangs), and only restarting
it helps; a worker waiting for a dependency keeps progressing while it waits,
so an outage never fails liveness (restarting would not bring the database
back).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from newsflow_shared.failures import Waiting


@dataclass
class WorkerHealth:
    name: str
    stall_s: float = 300.0
    started: bool = False
    waiting: Waiting = field(default_factory=Waiting)
    last_progress: float = field(default_factory=time.monotonic)
    # Whether the worker owns partitions now (a replica beyond the partition count idles, and is fine).
    owns_partitions: Callable[[], bool] = lambda: True

    def progressed(self) -> None:
        self.last_progress = time.monotonic()

    @property
    def waiting_for(self) -> str | None:
        return self.waiting.dependency

    def ready(self) -> bool:
        return self.started and self.waiting_for is None

    def stalled_for(self) -> float:
        return time.monotonic() - self.last_progress

    def live(self) -> bool:
        if not self.started or self.waiting_for is not None or not self.owns_partitions():
            return True
        return self.stalled_for() < self.stall_s

    def report(self) -> dict:
        return {"started": self.started, "waiting_for": self.waiting_for,
                "seconds_since_progress": round(self.stalled_for(), 1), "live": self.live()}
