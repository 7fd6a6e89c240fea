"""From rows to the API's answers (schemas.py)."""

from __future__ import annotations

from typing import cast

from newsflow_shared.events import EntityType, PipelineVersions, QuoteKind, QuotePart, TitleQuote
from newsflow_store.convert import aware, entity_of, metadata_of, pipeline_of
from newsflow_store.crud import StoredArticle
from newsflow_store.crud.entities import Link
from newsflow_store.crud.quotes import Report
from newsflow_store.crud.same_actor import SameActorLinks
from newsflow_store.models import ArticleRow, EntityRow, StatementRow
from newsflow_store.schemas import (
    ActorRef,
    Affiliation,
    ArticleDetail,
    ArticleQuote,
    ArticleStatus,
    ArticleSummary,
    EntitySummary,
    FailureReport,
    LinkedEntity,
    QuoteReport,
    SameActorLink,
    StatementDetail,
    StatementSummary,
)
from newsflow_store.status import Status, StatusRecord


def article_summary(row: ArticleRow) -> ArticleSummary:
    return ArticleSummary(
        article_id=row.id, title=row.title, published_at=row.published_at, outlet=row.outlet, authors=row.authors,
        source=row.source, agency=row.agency, site_name=row.site_name, url=row.url, language=row.language,
        pipeline=pipeline_of(row), stored_at=aware(row.stored_at),
    )


def article_detail(article: StoredArticle) -> ArticleDetail:
    row = article.row
    return ArticleDetail(
        article_id=row.id,
        metadata=metadata_of(row),
        outlet=row.outlet,
        body=row.body,
        quotes=[
            ArticleQuote(
                id=q.id, text=q.text, kind=cast(QuoteKind, q.kind), start=q.start, end=q.end,
                # A quote stored before parts were (schema 1.0.0) is the one span start..end.
                parts=[QuotePart(**part) for part in q.parts] or [QuotePart(start=q.start, end=q.end)],
                cue=q.cue, speaker=q.speaker,
                speaker_start=q.speaker_start, speaker_end=q.speaker_end, actor_id=q.actor_id,
                found_by=q.found_by, speaker_by=q.speaker_by,
                actor_name=article.actor_names.get(q.actor_id) if q.actor_id else None, statement_id=q.statement_id,
            )
            for q in article.quotes
        ],
        title_quotes=[TitleQuote.model_validate(quote) for quote in row.title_quotes],
        entities=[entity_of(e) for e in article.entities],
        pipeline=pipeline_of(row),
        stored_at=aware(row.stored_at),
    )


def article_status(record: StatusRecord, updated_at) -> ArticleStatus:
    failure = record.failure
    stored = record.reached.get(Status.STORED)
    return ArticleStatus(
        article_id=record.article_id,
        status=record.status.value,
        updated_at=updated_at,
        received_at=record.reached.get(Status.RECEIVED),
        parsed_at=record.reached.get(Status.PARSED),
        enriched_at=record.reached.get(Status.ENRICHED),
        stored_at=stored,
        failed_at=record.reached.get(Status.FAILED),
        failure=FailureReport(stage=failure.stage, error_type=failure.error_type, error=failure.error, at=failure.at)
        if failure else None,
        pipeline=PipelineVersions(parse=record.parse_version, enrich=record.enrich_version)
        if stored and record.parse_version else None,
    )


def entity_summary(row: EntityRow, names: dict[str, list[str]]) -> EntitySummary:
    return EntitySummary(id=row.id, name=row.name, type=cast(EntityType, row.type), aliases=names["alias"],
                         article_count=row.article_count, quote_count=row.quote_count,
                         mention_count=row.mention_count)


def affiliations(links: list[Link], titles: list[str], org_names: dict[str, dict[str, list[str]]]) -> list[Affiliation]:
    """Organizations named in the same articles; those that one of the actor's titles names come first."""
    lowered_titles = [title.lower() for title in titles]

    def in_titles(link: Link) -> bool:
        names = [link.entity.name, *org_names[link.entity.id]["alias"]]
        return any(name.lower() in title for name in names if len(name) > 1 for title in lowered_titles)

    found = [Affiliation(id=link.entity.id, name=link.entity.name, shared_articles=link.shared_articles,
                         named_in_titles=in_titles(link)) for link in links]
    return sorted(found, key=lambda a: (not a.named_in_titles, -a.shared_articles, a.id))


def same_actor_fields(links: SameActorLinks) -> dict:
    """ActorDetail's and OrganizationDetail's same_as and short_names."""

    def link(entity_id: str, because: tuple[str, ...]) -> SameActorLink:
        row = links.names[entity_id]
        return SameActorLink(id=row.id, name=row.name, article_count=row.article_count, because=list(because))

    return {"same_as": link(links.same_as.full_id, links.same_as.because) if links.same_as else None,
            "short_names": [link(one.short_id, one.because) for one in links.linked]}


def linked(links: list[Link]) -> list[LinkedEntity]:
    return [LinkedEntity(id=link.entity.id, name=link.entity.name, shared_articles=link.shared_articles)
            for link in links]


def _statement_fields(statement: StatementRow, reports: list[Report], names: dict[str, str]) -> dict:
    # An article id is not an outlet: articles that name none are counted apart, never listed as one.
    outlets = list(dict.fromkeys(r.article.outlet for r in reports if r.article.outlet))
    unnamed = {r.article.id for r in reports if not r.article.outlet}
    return dict(
        id=statement.id, text=statement.text, kind=statement.kind, speaker=statement.speaker,
        actor=ActorRef(id=statement.actor_id, name=names.get(statement.actor_id)) if statement.actor_id else None,
        first_reported_at=aware(statement.first_reported_at), report_count=statement.report_count,
        reported_by=outlets, articles_without_outlet=len(unnamed),
    )


def statement_summary(statement: StatementRow, reports: list[Report], names: dict[str, str]) -> StatementSummary:
    return StatementSummary(**_statement_fields(statement, reports, names))


def statement_detail(statement: StatementRow, reports: list[Report], names: dict[str, str]) -> StatementDetail:
    return StatementDetail(
        **_statement_fields(statement, reports, names),
        reports=[
            QuoteReport(
                article_id=r.article.id, quote_id=r.quote.id, text=r.quote.text, kind=cast(QuoteKind, r.quote.kind),
                speaker=r.quote.speaker, actor_id=r.quote.actor_id, outlet=r.article.outlet, title=r.article.title,
                url=r.article.url, published_at=r.article.published_at, stored_at=aware(r.article.stored_at),
            )
            for r in reports
        ],
    )
