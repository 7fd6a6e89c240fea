"""The store's tables. The API's shapes are in schemas.py; the schema itself is made by migrations/.

- articles, quotes, article_entities: each stored article, every field of the
  enriched event kept (convert.py reads it back unchanged);
- entities (+ entity_names, entity_links): each canonical actor or organization
  ACROSS articles, by the stable id enrich gives it, with counts kept up to
  date as articles come and are replaced (aggregates.py; pending_entity_*
  hold changes committed but not yet added, on PostgreSQL);
- statements (+ statement_terms, statement_anchors): one row per thing said,
  however many outlets reported it (statements.py, text_match.py);
- article_status: how far each article got through the pipeline (status.py).

Lists read only with their row (authors, mentions…) are JSON columns.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, Index, Text
from sqlmodel import Field, SQLModel

# Stands in for a missing publication date in `published_sort`, so that undated
# articles sort as the oldest and the sort key is never NULL (keyset paging, indexes).
UNDATED = datetime(1, 1, 1, tzinfo=timezone.utc)


class ArticleRow(SQLModel, table=True):
    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_published_sort_id", "published_sort", "id"),
        Index("ix_articles_stored_at_id", "stored_at", "id"),
    )

    id: str = Field(primary_key=True, description="The article_id")
    title: str | None = None
    authors: list[str] = Field(default_factory=list, sa_type=JSON)
    published_at: str | None = Field(default=None, description="As the article gives it (ISO 8601)")
    published_sort: datetime = Field(sa_type=DateTime(timezone=True), description="published_at in UTC, or UNDATED")
    dateline: str | None = None
    source: str | None = None
    agency: str | None = None
    site_name: str | None = None
    outlet: str | None = Field(default=None, index=True, description="agency, else site_name, else source")
    url: str | None = None
    language: str | None = None
    captions: list[str] = Field(default_factory=list, sa_type=JSON)
    title_quotes: list[dict] = Field(default_factory=list, sa_type=JSON,
                                     description="The enriched event's title_quotes (schema 1.3.0), as they are")
    external_id: str | None = None
    body: str = Field(sa_type=Text)
    parse_version: str
    enrich_version: str | None = None
    stored_at: datetime = Field(sa_type=DateTime(timezone=True))


class QuoteRow(SQLModel, table=True):
    """A quote as one article reports it.

    Keyed by (article_id, id): the contract promises quote ids unique within an
    article only. statement_id links the reports of one statement across articles.
    """

    __tablename__ = "quotes"

    article_id: str = Field(foreign_key="articles.id", primary_key=True)
    id: str = Field(primary_key=True)
    position: int = Field(description="Order of the quote in the article's quotes[]")
    text: str = Field(sa_type=Text)
    kind: str
    start: int
    end: int
    parts: list[dict] = Field(default_factory=list, sa_type=JSON,
                              description="[{start, end}] of each quoted part; [] if stored before parts were")
    cue: str | None = None
    speaker: str | None = Field(default=None, index=True)
    speaker_start: int | None = None
    speaker_end: int | None = None
    actor_id: str | None = Field(default=None, index=True)
    found_by: str | None = Field(default=None, description="The parse rule that found it")
    speaker_by: str | None = Field(default=None, description="The parse rule that chose its speaker")
    statement_id: str = Field(foreign_key="statements.id", index=True)
    text_key: str = Field(index=True, description="Hash of the normalized text: exact matches across articles")


class EntityRow(SQLModel, table=True):
    """One canonical actor or organization across every stored article."""

    __tablename__ = "entities"
    __table_args__ = (
        Index("ix_entities_type_quote_count_id", "type", "quote_count", "id"),
        Index("ix_entities_type_article_count_id", "type", "article_count", "id"),
    )

    id: str = Field(primary_key=True)
    name: str = Field(description="Canonical name, as the latest stored article gives it")
    type: str
    article_count: int = 0
    quote_count: int = Field(default=0, description="Quotes attributed to it, each article's report counted")
    mention_count: int = 0
    # Set once, from the name (same_actor.link_key): what a surname or acronym shares with a full name.
    link_key: str | None = Field(default=None, index=True, description="person:<surname> or organization:<initials>")
    short_name: bool = Field(default=False, description="A bare surname or an acronym, which may stand for a full name")


class EntityNameRow(SQLModel, table=True):
    """An alias or title of an entity, with the number of articles using it (dropped at zero)."""

    __tablename__ = "entity_names"

    entity_id: str = Field(foreign_key="entities.id", primary_key=True)
    kind: str = Field(primary_key=True, description="alias or title")
    value: str = Field(primary_key=True)
    article_count: int = 0


class EntityLinkRow(SQLModel, table=True):
    """A person and an organization named in the same articles: how many (dropped at zero)."""

    __tablename__ = "entity_links"

    person_id: str = Field(foreign_key="entities.id", primary_key=True)
    organization_id: str = Field(foreign_key="entities.id", primary_key=True, index=True)
    article_count: int = 0


class PendingEntityCount(SQLModel, table=True):
    """A batch's change to one entity's counts, committed with the batch and then added to `entities`.

    On PostgreSQL the counts are not changed in the batch's transaction: a
    popular entity's row would stay locked through the batch's turn at the
    statements, and every other replica's batch naming it would wait for it
    (aggregates.py). Rows here are only inserted, never contended.
    """

    __tablename__ = "pending_entity_counts"

    id: int | None = Field(default=None, primary_key=True)
    entity_id: str
    d_articles: int
    d_quotes: int
    d_mentions: int
    name: str | None = None
    type: str | None = None


class PendingEntityName(SQLModel, table=True):
    """A batch's change to how many articles use an alias or title (see PendingEntityCount)."""

    __tablename__ = "pending_entity_names"

    id: int | None = Field(default=None, primary_key=True)
    entity_id: str
    kind: str
    value: str
    delta: int


class PendingEntityLink(SQLModel, table=True):
    """A batch's change to how many articles name a person and an organization (see PendingEntityCount)."""

    __tablename__ = "pending_entity_links"

    id: int | None = Field(default=None, primary_key=True)
    person_id: str
    organization_id: str
    delta: int


class ArticleEntityRow(SQLModel, table=True):
    """One canonical entity as one article names it."""

    __tablename__ = "article_entities"

    article_id: str = Field(foreign_key="articles.id", primary_key=True)
    entity_id: str = Field(foreign_key="entities.id", primary_key=True, index=True)
    position: int = Field(description="Order of the entity in the article's entities[]")
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list, sa_type=JSON)
    titles: list[str] = Field(default_factory=list, sa_type=JSON)
    mentions: list[dict] = Field(default_factory=list, sa_type=JSON)
    mention_count: int = 0


class StatementRow(SQLModel, table=True):
    """One thing said, reported by one or more articles (its quotes)."""

    __tablename__ = "statements"
    __table_args__ = (
        Index("ix_statements_first_reported_at_id", "first_reported_at", "id"),
        Index("ix_statements_actor_id_first_reported_at_id", "actor_id", "first_reported_at", "id"),
    )

    id: str = Field(primary_key=True)
    text: str = Field(sa_type=Text, description="The fullest reported version")
    kind: str = Field(description="The kind most reports give it")
    actor_id: str | None = Field(default=None, description="The speaker most reports resolve it to")
    speaker: str | None = Field(default=None, description="The speaker mention most reports write")
    first_reported_at: datetime = Field(sa_type=DateTime(timezone=True))
    report_count: int = 0
    outlet_count: int = 0


class StatementTermRow(SQLModel, table=True):
    """Candidate index: every distinctive word of every report of a statement."""

    __tablename__ = "statement_terms"

    term: str = Field(primary_key=True)
    statement_id: str = Field(foreign_key="statements.id", primary_key=True, index=True)


class StatementAnchorRow(SQLModel, table=True):
    """Candidate index: one word per report, so a fuller quote finds the fragments of it."""

    __tablename__ = "statement_anchors"

    term: str = Field(primary_key=True)
    statement_id: str = Field(foreign_key="statements.id", primary_key=True, index=True)


class ArticleStatusRow(SQLModel, table=True):
    """How far an article got. No foreign key: an article has a status long before it is stored."""

    __tablename__ = "article_status"

    article_id: str = Field(primary_key=True)
    status: str
    rank: int = Field(description="Order of status; it only ever grows")
    received_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    parsed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    enriched_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    stored_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    failed_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    failed_stage: str | None = None
    error_type: str | None = None
    error: str | None = Field(default=None, sa_type=Text)
    parse_version: str | None = Field(default=None, description="Of the stored version")
    enrich_version: str | None = None
    updated_at: datetime = Field(sa_type=DateTime(timezone=True))


# The ignore: sqlmodel's SQLModel does not declare __table__, which SQLAlchemy sets on every table model.
STORE_TABLES = [
    model.__table__  # type: ignore[union-attr]
    for model in (
        ArticleRow, StatementRow, QuoteRow, EntityRow, EntityNameRow, EntityLinkRow, ArticleEntityRow,
        StatementTermRow, StatementAnchorRow, ArticleStatusRow,
    )
]
