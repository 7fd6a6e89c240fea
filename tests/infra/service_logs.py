"""Reading the services' JSON logs (NEWSFLOW_LOG_JSON=true): when each article left each stage.

The stage worker logs "article processed" with the article id once the
stage's handler has returned for its batch; for store that is after the
database transaction committed, i.e. once the article is readable in the API.
Logs are read after the fact or tailed incrementally, never by asking the
services, so reading them adds no load to what is measured.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

PROCESSED = "article processed"
DEAD_LETTERED = "article dead-lettered"
ASSIGNED = "partitions assigned"
REVOKED = "partitions revoked"


def parse_line(line: str) -> dict | None:
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return None
    return record if isinstance(record, dict) else None


def timestamp(record: dict) -> float:
    """The record's time as POSIX seconds (structlog writes ISO 8601 in UTC)."""
    return datetime.fromisoformat(record["timestamp"]).timestamp()


@dataclass
class LogTail:
    """Follows one log file, reading only what was appended since the last call."""

    path: Path
    offset: int = 0
    processed: dict[str, float] = field(default_factory=dict)  # article id -> first time processed
    dead: dict[str, float] = field(default_factory=dict)
    dead_reasons: dict[str, str] = field(default_factory=dict)  # article id -> "stage: error"
    assignment: list[str] | None = None
    # A process may run several consumer groups (store: its stage and its status feeds); `assignment`
    # follows this one only, when given.
    group: str | None = None

    def read_new(self) -> None:
        if not self.path.exists():
            return
        with self.path.open("rb") as log:
            log.seek(self.offset)
            data = log.read()
        complete = data[: data.rfind(b"\n") + 1]  # a half-written last line waits for the next call
        self.offset += len(complete)
        for line in complete.decode("utf-8", errors="replace").splitlines():
            record = parse_line(line)
            if record is not None:
                self._take(record)

    def _take(self, record: dict) -> None:
        event = record.get("event")
        if event == PROCESSED and record.get("article_id"):
            self.processed.setdefault(record["article_id"], timestamp(record))
        elif event == DEAD_LETTERED and record.get("article_id"):
            self.dead.setdefault(record["article_id"], timestamp(record))
            self.dead_reasons.setdefault(record["article_id"], f"{record.get('stage')}: {record.get('error')}")
        elif event in (ASSIGNED, REVOKED) and self.group is not None and record.get("group") != self.group:
            return
        elif event == ASSIGNED:
            self.assignment = list(record.get("partitions") or [])
        elif event == REVOKED:
            self.assignment = None


def merged(tails: list[LogTail], attribute: str) -> dict[str, float]:
    """One stage's article times over its replicas (the earliest, should two replicas both log one)."""
    times: dict[str, float] = {}
    for tail in tails:
        for article_id, at in getattr(tail, attribute).items():
            times[article_id] = min(at, times.get(article_id, at))
    return times
