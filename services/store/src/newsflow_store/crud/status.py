"""Article statuses in the database: merged in one statement per batch, read back by id."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import case, func
from sqlmodel import Session

from newsflow_store.convert import aware
from newsflow_store.models import ArticleRow, ArticleStatusRow
from newsflow_store.status import KEEP_LATEST, Failure, Status, StatusRecord
from newsflow_store.upsert import insert_many

REACHED_COLUMNS = {
    Status.RECEIVED: "received_at",
    Status.PARSED: "parsed_at",
    Status.ENRICHED: "enriched_at",
    Status.FAILED: "failed_at",
    Status.STORED: "stored_at",
}
FAILURE_COLUMNS = ("failed_stage", "error_type", "error")
VERSION_COLUMNS = ("parse_version", "enrich_version")


def _row(record: StatusRecord, now: datetime) -> dict:
    failure = record.failure
    return {
        "article_id": record.article_id,
        "status": record.status.value,
        "rank": record.status.rank,
        **{column: record.reached.get(status) for status, column in REACHED_COLUMNS.items()},
        "failed_stage": failure.stage if failure else None,
        "error_type": failure.error_type if failure else None,
        "error": failure.error if failure else None,
        "parse_version": record.parse_version,
        "enrich_version": record.enrich_version,
        "updated_at": now,
    }


def record_statuses(session: Session, records: list[StatusRecord]) -> None:
    """Merge each record into its article's row: status.combine, as one atomic upsert per row.

    Atomic in the database, so the consumers of four topics and the store
    stage may write one article's row at the same time without losing a step.
    """
    if not records:
        return
    now = datetime.now(timezone.utc)
    insert_many(session, ArticleStatusRow, [_row(record, now) for record in records], _merged_with_stored)


def _merged_with_stored(statement, names):
    """ON CONFLICT: each column combined with the stored row's as status.combine does (upsert.OnConflict)."""
    new, table = statement.excluded, ArticleStatusRow
    further = new.rank > table.rank
    newer_failure = new.failed_at.isnot(None) & (table.failed_at.is_(None) | (new.failed_at > table.failed_at))
    newer_store = new.stored_at.isnot(None) & (table.stored_at.is_(None) | (new.stored_at >= table.stored_at))
    merged = {
        "status": case((further, new.status), else_=table.status),
        "rank": case((further, new.rank), else_=table.rank),
        "updated_at": new.updated_at,
        **{column: case((newer_failure, getattr(new, column)), else_=getattr(table, column))
           for column in FAILURE_COLUMNS},
        **{column: case((newer_store, getattr(new, column)), else_=getattr(table, column))
           for column in VERSION_COLUMNS},
    }
    for status, column in REACHED_COLUMNS.items():
        old_at, new_at = getattr(table, column), getattr(new, column)
        if status in KEEP_LATEST:
            later = new_at.isnot(None) & (old_at.is_(None) | (new_at > old_at))
            merged[column] = case((later, new_at), else_=old_at)
        else:
            merged[column] = func.coalesce(old_at, new_at)
    return statement.on_conflict_do_update(index_elements=["article_id"], set_=merged)


def get_status(session: Session, *, article_id: str) -> tuple[StatusRecord, datetime] | None:
    """The article's status and when it last changed; a stored article without a status row is stored."""
    row = session.get(ArticleStatusRow, article_id)
    if row is None:
        article = session.get(ArticleRow, article_id)
        if article is None:
            return None
        at = aware(article.stored_at)
        return StatusRecord(article_id, Status.STORED, {Status.STORED: at}, None, article.parse_version,
                            article.enrich_version), at
    reached = {status: aware(getattr(row, column)) for status, column in REACHED_COLUMNS.items()
               if getattr(row, column) is not None}
    failure = Failure(row.failed_stage, row.error_type, row.error, aware(row.failed_at)) if row.failed_at else None
    record = StatusRecord(article_id, Status(row.status), reached, failure, row.parse_version, row.enrich_version)
    return record, aware(row.updated_at)
