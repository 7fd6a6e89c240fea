"""Reads the web pages need beside the API's: quote counts, outlets, co-mentions and quote dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from newsflow_store.models import UNDATED, ArticleEntityRow, ArticleRow, EntityRow, QuoteRow

TOP = 10
# A timeline shows the newest quote days; older days than these rows reach are left out, not guessed.
MAX_DATED_QUOTES = 5000


def quote_counts(session: Session, *, article_ids: list[str]) -> dict[str, int]:
    """How many quotes each article carries (articles without any are absent)."""
    if not article_ids:
        return {}
    rows = session.exec(
        select(QuoteRow.article_id, func.count()).where(col(QuoteRow.article_id).in_(article_ids))
        .group_by(col(QuoteRow.article_id))
    ).all()
    return {article_id: count for article_id, count in rows}


def outlets(session: Session, *, limit: int = 50) -> list[str]:
    """The outlets with the most stored articles, most first."""
    rows = session.exec(
        select(ArticleRow.outlet, func.count().label("n")).where(col(ArticleRow.outlet).is_not(None))
        .group_by(col(ArticleRow.outlet)).order_by(func.count().desc(), col(ArticleRow.outlet)).limit(limit)
    ).all()
    return [outlet for outlet, _ in rows if outlet]


@dataclass(frozen=True)
class CoMention:
    entity: EntityRow
    shared_articles: int


def co_mentioned(session: Session, *, entity_id: str, types: tuple[str, ...], limit: int = TOP) -> list[CoMention]:
    """The entities of `types` named most often in the same stored articles as `entity_id`."""
    mine, other = aliased(ArticleEntityRow), aliased(ArticleEntityRow)
    shared = func.count().label("shared")
    rows = session.exec(
        select(EntityRow, shared)
        .select_from(mine)
        .join(other, and_(col(other.article_id) == col(mine.article_id), col(other.entity_id) != col(mine.entity_id)))
        .join(EntityRow, col(EntityRow.id) == other.entity_id)
        .where(col(mine.entity_id) == entity_id, col(EntityRow.type).in_(types))
        .group_by(col(EntityRow.id))
        .order_by(shared.desc(), col(EntityRow.id))
        .limit(limit)
    ).all()
    return [CoMention(entity, count) for entity, count in rows]


def quote_dates(session: Session, *, actor_ids: tuple[str, ...]) -> list[datetime]:
    """When each quote attributed to the actor (under any of its ids) was published, newest first (undated
    articles left out)."""
    return list(session.exec(
        select(ArticleRow.published_sort).join(QuoteRow, col(QuoteRow.article_id) == ArticleRow.id)
        .where(col(QuoteRow.actor_id).in_(actor_ids), col(ArticleRow.published_sort) > UNDATED)
        .order_by(col(ArticleRow.published_sort).desc()).limit(MAX_DATED_QUOTES)
    ).all())
