"""Reading and writing the store: plain functions over a session, keyword-only arguments.

Writes are idempotent, because delivery is at least once: an article is keyed
by its id, and of two versions of it the one from the newer pipeline wins
(see versions.py). So a redelivered message changes nothing, a reprocessed
article replaces its old rows, and an old version arriving late is ignored.
"""

from __future__ import annotations

import enum
from datetime import datetime, timezone

from sqlalchemy import func
from sqlmodel import Session, delete, select

from newsflow_shared.events import EnrichedArticle
from newsflow_store.convert import article_detail, article_row, entity_rows, quote_rows
from newsflow_store.models import ArticleDetail, ArticleEntityRow, ArticleRow, QuoteRow
from newsflow_store.versions import key_of, pipeline_key


class SaveOutcome(str, enum.Enum):
    INSERTED = "inserted"
    REPLACED = "replaced"  # a newer pipeline version replaced the stored one
    UNCHANGED = "unchanged"  # the same version again: a redelivery
    STALE = "stale"  # older than what is stored: arrived late, ignored


def save_article(session: Session, *, article: EnrichedArticle, stored_at: datetime | None = None) -> SaveOutcome:
    """Write one article unless what is stored is as new or newer; does not commit."""
    stored_at = stored_at or datetime.now(timezone.utc)
    existing = session.get(ArticleRow, article.article_id)
    if existing is not None:
        incoming, stored = key_of(article.pipeline), pipeline_key(existing.parse_version, existing.enrich_version)
        if incoming == stored:
            return SaveOutcome.UNCHANGED
        if incoming < stored:
            return SaveOutcome.STALE
        session.exec(delete(QuoteRow).where(QuoteRow.article_id == article.article_id))
        session.exec(delete(ArticleEntityRow).where(ArticleEntityRow.article_id == article.article_id))
        replacement = article_row(article, stored_at=stored_at)
        for name in ArticleRow.model_fields:
            setattr(existing, name, getattr(replacement, name))
        outcome = SaveOutcome.REPLACED
    else:
        session.add(article_row(article, stored_at=stored_at))
        outcome = SaveOutcome.INSERTED
    session.flush()  # the article row first: quotes and entities reference it
    session.add_all([*quote_rows(article), *entity_rows(article)])
    session.flush()
    return outcome


def save_articles(session: Session, *, articles: list[EnrichedArticle]) -> list[SaveOutcome]:
    """Write a batch in one transaction (committed here): all of it or, on error, none."""
    stored_at = datetime.now(timezone.utc)
    try:
        outcomes = [save_article(session, article=article, stored_at=stored_at) for article in articles]
        session.commit()
    except Exception:
        session.rollback()
        raise
    return outcomes


def get_article(session: Session, *, article_id: str) -> ArticleDetail | None:
    row = session.get(ArticleRow, article_id)
    if row is None:
        return None
    quotes = session.exec(select(QuoteRow).where(QuoteRow.article_id == article_id)).all()
    entities = session.exec(select(ArticleEntityRow).where(ArticleEntityRow.article_id == article_id)).all()
    return article_detail(row, list(quotes), list(entities))


def list_articles(session: Session, *, offset: int = 0, limit: int = 20) -> list[ArticleRow]:
    """Most recently stored first."""
    query = select(ArticleRow).order_by(ArticleRow.stored_at.desc(), ArticleRow.id).offset(offset).limit(limit)
    return list(session.exec(query).all())


def count_articles(session: Session) -> int:
    return session.exec(select(func.count()).select_from(ArticleRow)).one()


def _quote_filters(*, article_id: str | None, speaker: str | None, actor_id: str | None) -> list:
    filters = []
    if article_id is not None:
        filters.append(QuoteRow.article_id == article_id)
    if speaker is not None:
        # Speakers are mentions as written ("Mayor Ortiz"); a reader should not need the exact case.
        filters.append(func.lower(QuoteRow.speaker) == speaker.lower())
    if actor_id is not None:
        filters.append(QuoteRow.actor_id == actor_id)
    return filters


def list_quotes(
    session: Session,
    *,
    offset: int = 0,
    limit: int = 20,
    article_id: str | None = None,
    speaker: str | None = None,
    actor_id: str | None = None,
) -> list[QuoteRow]:
    """In article order, each article's quotes in the order they appear."""
    query = (
        select(QuoteRow)
        .where(*_quote_filters(article_id=article_id, speaker=speaker, actor_id=actor_id))
        .order_by(QuoteRow.article_id, QuoteRow.position)
        .offset(offset)
        .limit(limit)
    )
    return list(session.exec(query).all())


def count_quotes(
    session: Session, *, article_id: str | None = None, speaker: str | None = None, actor_id: str | None = None
) -> int:
    query = select(func.count()).select_from(QuoteRow)
    return session.exec(query.where(*_quote_filters(article_id=article_id, speaker=speaker, actor_id=actor_id))).one()


def _entity_filters(*, type: str | None) -> list:
    return [] if type is None else [ArticleEntityRow.type == type]


def list_entities(
    session: Session, *, offset: int = 0, limit: int = 20, type: str | None = None
) -> list[ArticleEntityRow]:
    """Each entity as named in each article, alphabetically by canonical name."""
    query = (
        select(ArticleEntityRow)
        .where(*_entity_filters(type=type))
        .order_by(ArticleEntityRow.name, ArticleEntityRow.entity_id, ArticleEntityRow.article_id)
        .offset(offset)
        .limit(limit)
    )
    return list(session.exec(query).all())


def count_entities(session: Session, *, type: str | None = None) -> int:
    return session.exec(select(func.count()).select_from(ArticleEntityRow).where(*_entity_filters(type=type))).one()
