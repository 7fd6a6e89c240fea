"""Between the enriched-article event and the store's rows, losing nothing either way."""

from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace
from typing import cast

from newsflow_shared.events import ArticleMetadata, EnrichedArticle, Entity, EntityType, Mention, PipelineVersions
from newsflow_store.models import UNDATED, ArticleEntityRow, ArticleRow

# A row to write: its column values as attributes named after the model's columns (ArticleRow,
# ArticleEntityRow, QuoteRow). Never added to a session, only read (counts, grouping) and inserted
# (saving takes their vars()). As SQLModel instances they cost fifteen times as much to build, in
# SQLAlchemy's attribute instrumentation: 1.2 ms of the store's CPU per BBC article.
RowValues = SimpleNamespace


def outlet_of(metadata: ArticleMetadata) -> str | None:
    """Who published it, for "reported by": the agency, else the site, else the source the client named."""
    for name in (metadata.agency, metadata.site_name, metadata.source):
        if name and name.strip():
            return name.strip()
    return None


def published_moment(published_at: str | None) -> datetime | None:
    """An ISO 8601 date or date-time as a UTC moment (a date is its midnight, no zone means UTC)."""
    if not published_at:
        return None
    try:
        moment = datetime.fromisoformat(published_at.strip())
    except ValueError:
        return None
    return aware(moment).astimezone(timezone.utc)


def aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def article_row(article: EnrichedArticle, *, stored_at: datetime) -> RowValues:
    """An ArticleRow's values."""
    meta = article.metadata
    return RowValues(
        id=article.article_id,
        title=meta.title,
        authors=list(meta.authors),
        published_at=meta.published_at,
        published_sort=published_moment(meta.published_at) or UNDATED,
        dateline=meta.dateline,
        source=meta.source,
        agency=meta.agency,
        site_name=meta.site_name,
        outlet=outlet_of(meta),
        url=meta.url,
        language=meta.language,
        captions=list(meta.captions),
        title_quotes=[quote.model_dump() for quote in article.title_quotes],
        external_id=meta.external_id,
        body=article.body,
        parse_version=article.pipeline.parse,
        enrich_version=article.pipeline.enrich,
        stored_at=stored_at,
    )


def quote_rows(article: EnrichedArticle) -> list[RowValues]:
    """QuoteRows' values: the article's quotes, not yet linked to their statements (statements.py does that)."""
    return [
        RowValues(article_id=article.article_id, position=position, statement_id="", text_key="", **quote.model_dump())
        for position, quote in enumerate(article.quotes)
    ]


def entity_rows(article: EnrichedArticle) -> list[RowValues]:
    """ArticleEntityRows' values."""
    return [
        RowValues(
            article_id=article.article_id,
            entity_id=entity.id,
            position=position,
            name=entity.name,
            type=entity.type,
            aliases=list(entity.aliases),
            titles=list(entity.titles),
            mentions=[mention.model_dump() for mention in entity.mentions],
            mention_count=len(entity.mentions),
        )
        for position, entity in enumerate(article.entities)
    ]


def pipeline_of(row: ArticleRow) -> PipelineVersions:
    return PipelineVersions(parse=row.parse_version, enrich=row.enrich_version)


def metadata_of(row: ArticleRow) -> ArticleMetadata:
    return ArticleMetadata(
        title=row.title,
        authors=row.authors,
        published_at=row.published_at,
        dateline=row.dateline,
        agency=row.agency,
        site_name=row.site_name,
        url=row.url,
        language=row.language,
        captions=row.captions,
        source=row.source,
        external_id=row.external_id,
    )


def entity_of(row: ArticleEntityRow) -> Entity:
    # The columns hold what the contract allowed when the article was written: a str column, an EntityType value.
    return Entity(id=row.entity_id, name=row.name, type=cast(EntityType, row.type), aliases=row.aliases,
                  titles=row.titles, mentions=[Mention.model_validate(m) for m in row.mentions])
