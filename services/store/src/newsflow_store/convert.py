"""Between the enriched-article event and the store's rows, losing nothing either way."""

from __future__ import annotations

from datetime import datetime, timezone

from newsflow_shared.events import ArticleMetadata, EnrichedArticle, Entity, PipelineVersions, Quote
from newsflow_store.models import (
    ArticleDetail,
    ArticleEntityRow,
    ArticleRow,
    ArticleSummary,
    EntityPublic,
    QuotePublic,
    QuoteRow,
)


def article_row(article: EnrichedArticle, *, stored_at: datetime) -> ArticleRow:
    meta = article.metadata
    return ArticleRow(
        id=article.article_id,
        title=meta.title,
        authors=list(meta.authors),
        published_at=meta.published_at,
        dateline=meta.dateline,
        source=meta.source,
        agency=meta.agency,
        site_name=meta.site_name,
        url=meta.url,
        language=meta.language,
        captions=list(meta.captions),
        external_id=meta.external_id,
        body=article.body,
        parse_version=article.pipeline.parse,
        enrich_version=article.pipeline.enrich,
        stored_at=stored_at,
    )


def quote_rows(article: EnrichedArticle) -> list[QuoteRow]:
    return [
        QuoteRow(article_id=article.article_id, position=position, **quote.model_dump())
        for position, quote in enumerate(article.quotes)
    ]


def entity_rows(article: EnrichedArticle) -> list[ArticleEntityRow]:
    return [
        ArticleEntityRow(
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


def _aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def pipeline_of(row: ArticleRow) -> PipelineVersions:
    return PipelineVersions(parse=row.parse_version, enrich=row.enrich_version)


def article_summary(row: ArticleRow) -> ArticleSummary:
    return ArticleSummary(
        article_id=row.id,
        title=row.title,
        published_at=row.published_at,
        authors=row.authors,
        source=row.source,
        agency=row.agency,
        site_name=row.site_name,
        url=row.url,
        language=row.language,
        pipeline=pipeline_of(row),
        stored_at=_aware(row.stored_at),
    )


def article_detail(row: ArticleRow, quotes: list[QuoteRow], entities: list[ArticleEntityRow]) -> ArticleDetail:
    return ArticleDetail(
        article_id=row.id,
        metadata=ArticleMetadata(
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
        ),
        body=row.body,
        quotes=[Quote.model_validate(q, from_attributes=True) for q in sorted(quotes, key=lambda q: q.position)],
        entities=[
            Entity(id=e.entity_id, name=e.name, type=e.type, aliases=e.aliases, titles=e.titles, mentions=e.mentions)
            for e in sorted(entities, key=lambda e: e.position)
        ],
        pipeline=pipeline_of(row),
        stored_at=_aware(row.stored_at),
    )


def quote_public(row: QuoteRow) -> QuotePublic:
    return QuotePublic.model_validate(row, from_attributes=True)


def entity_public(row: ArticleEntityRow) -> EntityPublic:
    return EntityPublic.model_validate(row, from_attributes=True)
