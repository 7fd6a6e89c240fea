"""How far an article got: received, parsed, enriched, stored, or failed (and why).

The store learns it from two topics: the progress records on articles.status
say received, parsed or enriched (ingest, parse and enrich write one with
each article they pass on: newsflow_shared.progress), a message on
articles.dlq failed (its nf_* headers say where and why; see
newsflow_shared.dead_letter); saving the article means stored. Those arrive
through independent consumers, in any order, and again on redelivery, so an
article's status is the furthest one seen and never moves back:

    received < parsed < enriched < failed < stored

Failed ranks above the steps before it (a parse failure seen before the
"received" message must stay failed) and below stored: an article that is
stored stays readable even if a later reprocessing of it fails; that failure
is still reported beside the status. Each step keeps the moment it was first
reached, except stored and failed, which keep the latest.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from newsflow_shared.envelope import Message
from newsflow_shared.progress import AT_HEADER, STEP_HEADER


class Status(str, enum.Enum):
    RECEIVED = "received"
    PARSED = "parsed"
    ENRICHED = "enriched"
    FAILED = "failed"
    STORED = "stored"

    @property
    def rank(self) -> int:
        return list(Status).index(self) + 1


# A step reached again keeps its first moment, except these: the latest storing, the latest failure.
KEEP_LATEST = frozenset({Status.STORED, Status.FAILED})


@dataclass(frozen=True)
class Failure:
    stage: str | None
    error_type: str | None
    error: str | None
    at: datetime


@dataclass(frozen=True)
class StatusUpdate:
    """What one message (or a saved article) says about an article."""

    article_id: str
    status: Status
    at: datetime
    failure: Failure | None = None
    parse_version: str | None = None  # of the stored version, with STORED
    enrich_version: str | None = None


def parse_moment(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _article_id(message: Message) -> str | None:
    """Every newsflow message is keyed by its article's id; a dead letter of a keyless one may name it in ce_subject."""
    return (message.key or b"").decode("utf-8", "replace").strip() or message.header("ce_subject")


# The steps a progress record may report (newsflow_shared.progress); failed and stored are the store's to say.
_PROGRESS_STEPS = {status.value: status for status in (Status.RECEIVED, Status.PARSED, Status.ENRICHED)}


def update_from_progress(message: Message, *, now: datetime) -> StatusUpdate | None:
    """The status a progress record reports, or None when it names no article or no step we know."""
    article_id, status = _article_id(message), _PROGRESS_STEPS.get(message.header(STEP_HEADER) or "")
    if not article_id or status is None:
        return None
    return StatusUpdate(article_id, status, parse_moment(message.header(AT_HEADER)) or now)


def update_from_dead_letter(message: Message, *, now: datetime) -> StatusUpdate | None:
    """The failure a dead letter reports, or None when it names no article.

    A dead letter keeps its original message's headers, so its own moment is when it is read.
    """
    article_id = _article_id(message)
    if not article_id:
        return None
    failure = Failure(stage=message.header("nf_stage"), error_type=message.header("nf_error_type"),
                      error=message.header("nf_error"), at=now)
    return StatusUpdate(article_id, Status.FAILED, now, failure=failure)


@dataclass(frozen=True)
class StatusRecord:
    """An article's status as stored: the furthest status and when each step was reached."""

    article_id: str
    status: Status
    reached: dict[Status, datetime]
    failure: Failure | None = None
    parse_version: str | None = None
    enrich_version: str | None = None


def record_of(update: StatusUpdate) -> StatusRecord:
    return StatusRecord(update.article_id, update.status, {update.status: update.at}, update.failure,
                        update.parse_version, update.enrich_version)


def combine(old: StatusRecord, new: StatusRecord) -> StatusRecord:
    """Two accounts of one article as one, the same whichever came first (the database does the same)."""
    reached = dict(old.reached)
    for status, at in new.reached.items():
        if status not in reached:
            reached[status] = at
        elif status in KEEP_LATEST:
            reached[status] = max(reached[status], at)
        else:
            reached[status] = min(reached[status], at)
    furthest = max(old.status, new.status, key=lambda s: s.rank)
    failure = max((f for f in (old.failure, new.failure) if f), key=lambda f: f.at, default=None)
    stored_by_new = Status.STORED in new.reached and reached.get(Status.STORED) == new.reached[Status.STORED]
    versions = new if stored_by_new else old
    return replace(old, status=furthest, reached=reached, failure=failure,
                   parse_version=versions.parse_version, enrich_version=versions.enrich_version)


def combine_updates(updates: list[StatusUpdate]) -> list[StatusRecord]:
    """One record per article (a database upsert may touch each row only once per statement)."""
    records: dict[str, StatusRecord] = {}
    for update in updates:
        record = record_of(update)
        records[update.article_id] = combine(records[update.article_id], record) if update.article_id in records \
            else record
    return [records[article_id] for article_id in sorted(records)]
