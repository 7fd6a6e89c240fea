"""The store's tables, and the shapes its API answers with.

Rows keep every field of the enriched article, so an article read back is
the article that was stored (see convert.py). Lists (authors, aliases…) are
JSON columns: they are read with their row, never queried on their own.
"""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import JSON, DateTime, Text
from sqlmodel import Field, SQLModel

from newsflow_shared.events import ArticleMetadata, Entity, EntityType, PipelineVersions, Quote, QuoteKind


# --- tables


class ArticleRow(SQLModel, table=True):
    __tablename__ = "articles"

    id: str = Field(primary_key=True, description="The article_id")
    title: str | None = None
    authors: list[str] = Field(default_factory=list, sa_type=JSON)
    published_at: str | None = Field(default=None, index=True)
    dateline: str | None = None
    source: str | None = None
    agency: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    captions: list[str] = Field(default_factory=list, sa_type=JSON)
    external_id: str | None = None
    body: str = Field(sa_type=Text)
    parse_version: str
    enrich_version: str | None = None
    stored_at: datetime = Field(sa_type=DateTime(timezone=True), index=True)


class QuoteRow(SQLModel, table=True):
    """A quote of one article.

    Keyed by (article_id, id): the contract does not promise quote ids unique
    across articles, only within one.
    """

    __tablename__ = "quotes"

    article_id: str = Field(foreign_key="articles.id", primary_key=True)
    id: str = Field(primary_key=True)
    position: int = Field(description="Order of the quote in the article's quotes[]")
    text: str = Field(sa_type=Text)
    kind: str
    start: int
    end: int
    cue: str | None = None
    speaker: str | None = Field(default=None, index=True)
    speaker_start: int | None = None
    speaker_end: int | None = None
    actor_id: str | None = Field(default=None, index=True)


class ArticleEntityRow(SQLModel, table=True):
    """One canonical entity as one article names it (entity ids are stable across articles)."""

    __tablename__ = "article_entities"

    article_id: str = Field(foreign_key="articles.id", primary_key=True)
    entity_id: str = Field(primary_key=True, index=True)
    position: int = Field(description="Order of the entity in the article's entities[]")
    name: str = Field(index=True)
    type: str = Field(index=True)
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)
    titles: list[str] = Field(default_factory=list, sa_type=JSON)
    mentions: list[dict] = Field(default_factory=list, sa_type=JSON)
    mention_count: int = 0


STORE_TABLES = [ArticleRow.__table__, QuoteRow.__table__, ArticleEntityRow.__table__]


# --- API responses

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class ArticleSummary(BaseModel):
    article_id: str
    title: str | None
    published_at: str | None
    authors: list[str]
    source: str | None
    agency: str | None
    site_name: str | None
    url: str | None
    language: str | None
    pipeline: PipelineVersions
    stored_at: datetime


class ArticleDetail(BaseModel):
    """An article as stored: the enriched-article contract, plus when it was stored."""

    article_id: str
    metadata: ArticleMetadata
    body: str
    quotes: list[Quote]
    entities: list[Entity]
    pipeline: PipelineVersions
    stored_at: datetime


class QuotePublic(BaseModel):
    article_id: str
    id: str
    text: str
    kind: QuoteKind
    start: int
    end: int
    cue: str | None
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    actor_id: str | None


class EntityPublic(BaseModel):
    """One entity in one article; the same entity_id in other articles is the same actor."""

    article_id: str
    entity_id: str
    name: str
    type: EntityType
    aliases: list[str]
    titles: list[str]
    mention_count: int
