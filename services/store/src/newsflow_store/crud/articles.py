"""Reading articles: filtered, searched and paged lists, and one article whole."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, or_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from newsflow_store.keyset import Ordering
from newsflow_store.models import UNDATED, ArticleEntityRow, ArticleRow, EntityRow, QuoteRow
from newsflow_store.search import matches_search

ARTICLE_ORDERINGS = {
    (sort, descending): Ordering(f"articles:{sort}:{'desc' if descending else 'asc'}",
                                 (column, ArticleRow.id), descending)
    for sort, column in (("published_at", ArticleRow.published_sort), ("stored_at", ArticleRow.stored_at))
    for descending in (True, False)
}


@dataclass(frozen=True)
class ArticleFilters:
    actor_id: str | None = None
    organization_id: str | None = None
    any_entity_ids: tuple[str, ...] = ()  # naming any of them: one actor under several names (same_actor)
    source: str | None = None
    published_from: datetime | None = None  # inclusive
    published_before: datetime | None = None  # exclusive
    search: str | None = None

    def conditions(self, dialect: str) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        for entity_id in (self.actor_id, self.organization_id):
            if entity_id is not None:
                conditions.append(exists().where(col(ArticleEntityRow.article_id) == ArticleRow.id,
                                                 col(ArticleEntityRow.entity_id) == entity_id))
        if self.any_entity_ids:
            conditions.append(exists().where(col(ArticleEntityRow.article_id) == ArticleRow.id,
                                             col(ArticleEntityRow.entity_id).in_(self.any_entity_ids)))
        if self.source is not None:
            # Any name the article goes by: "AP" finds the AP story a site republished.
            name = self.source.strip().lower()
            conditions.append(or_(*(func.lower(column) == name for column in
                                    (ArticleRow.outlet, ArticleRow.agency, ArticleRow.site_name, ArticleRow.source))))
        if self.published_from is not None:
            conditions.append(col(ArticleRow.published_sort) >= self.published_from)
        if self.published_before is not None:
            conditions.append(col(ArticleRow.published_sort) < self.published_before)
            conditions.append(col(ArticleRow.published_sort) > UNDATED)
        if self.search:
            conditions.append(matches_search(dialect, self.search))
        return conditions


def list_articles(
    session: Session,
    *,
    filters: ArticleFilters = ArticleFilters(),
    ordering: Ordering = ARTICLE_ORDERINGS[("stored_at", True)],
    after: list | None = None,
    limit: int = 20,
) -> list[ArticleRow]:
    query = select(ArticleRow).where(*filters.conditions(_dialect(session)))
    if after is not None:
        query = query.where(ordering.after(after))
    return list(session.exec(query.order_by(*ordering.order_by()).limit(limit)).all())


def count_articles(session: Session, *, filters: ArticleFilters = ArticleFilters()) -> int:
    query = select(func.count()).select_from(ArticleRow).where(*filters.conditions(_dialect(session)))
    return session.exec(query).one()


@dataclass(frozen=True)
class StoredArticle:
    row: ArticleRow
    quotes: list[QuoteRow]
    entities: list[ArticleEntityRow]
    actor_names: dict[str, str]  # the canonical name of each quote's actor


def get_article(session: Session, *, article_id: str) -> StoredArticle | None:
    row = session.get(ArticleRow, article_id)
    if row is None:
        return None
    quotes = session.exec(
        select(QuoteRow).where(QuoteRow.article_id == article_id).order_by(col(QuoteRow.position))
    ).all()
    entities = session.exec(
        select(ArticleEntityRow).where(ArticleEntityRow.article_id == article_id)
        .order_by(col(ArticleEntityRow.position))
    ).all()
    actor_ids = sorted({q.actor_id for q in quotes if q.actor_id})
    names = dict(session.exec(select(EntityRow.id, EntityRow.name).where(col(EntityRow.id).in_(actor_ids))).all())
    return StoredArticle(row, list(quotes), list(entities), names)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name
