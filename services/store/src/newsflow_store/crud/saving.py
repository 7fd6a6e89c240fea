"""Writing articles: idempotent, newest pipeline version wins, cross-article counts kept right.

Delivery is at least once, so an article is keyed by its id and, of two
versions of it, the one from the newer pipeline wins (versions.py): a
redelivered message changes nothing, a reprocessed article replaces its old
rows, and an old version arriving late is ignored. Replacing subtracts the
old version's share of every actor's counts and regroups its quotes, so the
counts and statements are those of the current versions only.
"""

from __future__ import annotations

import enum
from datetime import datetime, timezone

from sqlmodel import Session, delete, select

from newsflow_shared.events import EnrichedArticle
from newsflow_store.aggregates import EntityLedger, ensure_entities
from newsflow_store.convert import article_row, aware, entity_rows, quote_rows
from newsflow_store.crud.status import record_statuses
from newsflow_store.models import ArticleEntityRow, ArticleRow, QuoteRow
from newsflow_store.statements import StatementGrouper
from newsflow_store.status import Status, StatusUpdate, combine_updates
from newsflow_store.versions import key_of, pipeline_key


class SaveOutcome(str, enum.Enum):
    INSERTED = "inserted"
    REPLACED = "replaced"  # a newer pipeline version replaced the stored one
    UNCHANGED = "unchanged"  # the same version again: a redelivery
    STALE = "stale"  # older than what is stored: arrived late, ignored


class BatchWriter:
    """One transaction's worth of articles; `finish` writes what depends on all of them."""

    def __init__(self, session: Session, *, stored_at: datetime) -> None:
        self.session, self.stored_at = session, stored_at
        self.ledger = EntityLedger()
        self.grouper = StatementGrouper(session)
        self.stored: dict[str, ArticleRow] = {}

    def save(self, article: EnrichedArticle) -> SaveOutcome:
        session = self.session
        existing = session.get(ArticleRow, article.article_id)
        if existing is not None:
            self.stored[existing.id] = existing
            incoming, stored = key_of(article.pipeline), pipeline_key(existing.parse_version, existing.enrich_version)
            if incoming == stored:
                return SaveOutcome.UNCHANGED
            if incoming < stored:
                return SaveOutcome.STALE
            self._remove_rows_of(existing.id)
            replacement = article_row(article, stored_at=self.stored_at)
            for name in ArticleRow.model_fields:
                setattr(existing, name, getattr(replacement, name))
            row, outcome = existing, SaveOutcome.REPLACED
        else:
            row, outcome = article_row(article, stored_at=self.stored_at), SaveOutcome.INSERTED
            session.add(row)
        session.flush()  # the article row first: quotes and entities reference it
        self.stored[row.id] = row

        entities = entity_rows(article)
        ensure_entities(session, entities)
        session.add_all(entities)
        quotes = quote_rows(article)
        for quote in quotes:
            self.grouper.assign(quote, article=row)
            session.add(quote)
        session.flush()
        self.ledger.add(entities, quotes)
        return outcome

    def _remove_rows_of(self, article_id: str) -> None:
        session = self.session
        quotes = session.exec(select(QuoteRow).where(QuoteRow.article_id == article_id)).all()
        entities = session.exec(select(ArticleEntityRow).where(ArticleEntityRow.article_id == article_id)).all()
        self.ledger.subtract(entities, quotes)
        self.grouper.forget({quote.statement_id for quote in quotes})
        session.exec(delete(QuoteRow).where(QuoteRow.article_id == article_id))
        session.exec(delete(ArticleEntityRow).where(ArticleEntityRow.article_id == article_id))

    def finish(self) -> None:
        self.session.flush()
        self.ledger.apply(self.session)
        self.grouper.finish()
        record_statuses(self.session, combine_updates([
            StatusUpdate(row.id, Status.STORED, aware(row.stored_at), parse_version=row.parse_version,
                         enrich_version=row.enrich_version)
            for row in self.stored.values()
        ]))
        self.session.flush()


def save_articles(session: Session, *, articles: list[EnrichedArticle]) -> list[SaveOutcome]:
    """Write a batch in one transaction (committed here): all of it or, on error, none.

    Use a db.write_session: writers take turns, so the version check and the
    counts never race another writer.
    """
    writer = BatchWriter(session, stored_at=datetime.now(timezone.utc))
    try:
        outcomes = [writer.save(article) for article in articles]
        writer.finish()
        session.commit()
    except Exception:
        session.rollback()
        raise
    return outcomes


def save_article(session: Session, *, article: EnrichedArticle) -> SaveOutcome:
    return save_articles(session, articles=[article])[0]
