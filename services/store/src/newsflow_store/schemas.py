"""The shapes the query API answers with (the tables are in models.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from newsflow_shared.events import ArticleMetadata, Entity, EntityType, PipelineVersions, Quote, QuoteKind, TitleQuote

T = TypeVar("T")

_STORED_AT = "2024-03-05T09:31:12.204518Z"


def _examples(*examples: dict) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": list(examples)})


class Page(BaseModel, Generic[T]):
    """One page of a list; pass next_cursor back as `cursor` for the next one."""

    items: list[T]
    limit: int
    next_cursor: str | None = Field(description="The cursor of the next page; null on the last page")
    total: int | None = Field(default=None, description="How many match in all (only with with_total=true)")


class ActorRef(BaseModel):
    id: str
    name: str | None = Field(description="Canonical name (null if no stored article names the entity)")


class ArticleSummary(BaseModel):
    model_config = _examples({
        "article_id": "5f2c9a1be04d7c3a", "title": "Riverside bridge to reopen in May",
        "published_at": "2024-03-05T09:30:00+00:00", "outlet": "Valley Press", "authors": ["Nadia Kowal"],
        "source": "riverside-daily", "agency": "Valley Press", "site_name": "Riverside Daily",
        "url": "https://riverside.example/news/bridge", "language": "en",
        "pipeline": {"parse": "0.2.0", "enrich": "0.2.0"}, "stored_at": _STORED_AT,
    })

    article_id: str
    title: str | None
    published_at: str | None
    outlet: str | None = Field(description="Who published it: the agency, else the site name, else the source")
    authors: list[str]
    source: str | None
    agency: str | None
    site_name: str | None
    url: str | None
    language: str | None
    pipeline: PipelineVersions
    stored_at: datetime


class ArticleQuote(Quote):
    """A quote as the article reports it, with its speaker resolved and its statement named."""

    actor_name: str | None = Field(description="Canonical name of actor_id")
    statement_id: str = Field(description="The statement this quote reports: GET /quotes/{statement_id}")


class ArticleDetail(BaseModel):
    """An article as stored: the enriched-article contract, plus its outlet, resolved speakers and statements."""

    model_config = _examples({
        "article_id": "5f2c9a1be04d7c3a",
        "metadata": {"title": "Riverside bridge to reopen in May", "authors": ["Nadia Kowal"],
                     "published_at": "2024-03-05T09:30:00+00:00", "dateline": "RIVERSIDE", "agency": "Valley Press",
                     "site_name": "Riverside Daily", "url": "https://riverside.example/news/bridge", "language": "en",
                     "captions": [], "source": "riverside-daily", "external_id": None},
        "outlet": "Valley Press",
        "body": "\"We owe the commuters a safe crossing,\" Mayor Lena Ortiz told reporters.",
        "quotes": [{"id": "q1", "text": "\"We owe the commuters a safe crossing,\"", "kind": "direct", "start": 0,
                    "end": 39, "cue": "told", "speaker": "Mayor Lena Ortiz", "speaker_start": 40,
                    "speaker_end": 56, "actor_id": "person-lena-ortiz", "actor_name": "Lena Ortiz",
                    "statement_id": "st-555512992ce7f36a"}],
        "entities": [{"id": "person-lena-ortiz", "name": "Lena Ortiz", "type": "person",
                      "aliases": ["Mayor Lena Ortiz"], "titles": ["Mayor"],
                      "mentions": [{"start": 40, "end": 56, "text": "Mayor Lena Ortiz"}]}],
        "pipeline": {"parse": "0.2.0", "enrich": "0.2.0"},
        "stored_at": _STORED_AT,
    })

    article_id: str
    metadata: ArticleMetadata
    outlet: str | None
    body: str
    quotes: list[ArticleQuote]
    title_quotes: list[TitleQuote] = Field(
        default_factory=list, description="Attributions in the headline; their offsets index metadata.title. "
                                          "Empty for articles stored before schema 1.3.0")
    entities: list[Entity]
    pipeline: PipelineVersions
    stored_at: datetime


class FailureReport(BaseModel):
    stage: str | None = Field(description="The stage that dead-lettered it (parse, enrich, store)")
    error_type: str | None
    error: str | None
    at: datetime


class ArticleStatus(BaseModel):
    model_config = _examples(
        {"article_id": "5f2c9a1be04d7c3a", "status": "stored", "updated_at": _STORED_AT,
         "received_at": "2024-03-05T09:31:10.010203Z", "parsed_at": "2024-03-05T09:31:11.120304Z",
         "enriched_at": "2024-03-05T09:31:12.001234Z", "stored_at": _STORED_AT, "failed_at": None,
         "failure": None, "pipeline": {"parse": "0.2.0", "enrich": "0.2.0"}},
        {"article_id": "0c77e1d2aa93b410", "status": "failed", "updated_at": "2024-03-05T09:32:00.5Z",
         "received_at": "2024-03-05T09:31:58.1Z", "parsed_at": None, "enriched_at": None, "stored_at": None,
         "failed_at": "2024-03-05T09:32:00.5Z",
         "failure": {"stage": "parse", "error_type": "ValueError", "error": "ValueError: no text in the HTML",
                     "at": "2024-03-05T09:32:00.5Z"},
         "pipeline": None},
    )

    article_id: str
    status: Literal["received", "parsed", "enriched", "stored", "failed"] = Field(
        description="The furthest step reached; it never moves back"
    )
    updated_at: datetime
    received_at: datetime | None
    parsed_at: datetime | None
    enriched_at: datetime | None
    stored_at: datetime | None = Field(description="When the current version was stored")
    failed_at: datetime | None = Field(description="When it last failed (also for a stored article reprocessed)")
    failure: FailureReport | None = Field(description="Where and why it last failed, from the dead-letter topic")
    pipeline: PipelineVersions | None = Field(description="The versions that made the stored article")


class EntitySummary(BaseModel):
    model_config = _examples({
        "id": "person-lena-ortiz", "name": "Lena Ortiz", "type": "person", "aliases": ["Ortiz", "Mayor Ortiz"],
        "article_count": 12, "quote_count": 31, "mention_count": 58,
    })

    id: str
    name: str
    type: EntityType
    aliases: list[str] = Field(description="Other names articles use for it, the most used first")
    article_count: int = Field(description="Stored articles naming it")
    quote_count: int = Field(description="Quotes attributed to it, each article's report counted")
    mention_count: int


class LinkedEntity(BaseModel):
    id: str
    name: str
    shared_articles: int = Field(description="Stored articles naming both")


class Affiliation(LinkedEntity):
    named_in_titles: bool = Field(description="The organization appears in one of the actor's titles")


class SameActorLink(BaseModel):
    """Another entity that is the same actor: a surname or acronym and the full name it stands for."""

    id: str
    name: str
    article_count: int = Field(description="Stored articles naming it under this name")
    because: list[str] = Field(description="The evidence: the shared surname or initials, and what else they share")


class _SameActor(BaseModel):
    same_as: SameActorLink | None = Field(
        default=None, description="A surname or acronym only: the one actor other articles name in full that it "
                                  "stands for, and why. Null when none or several fit (then it stays apart)")
    short_names: list[SameActorLink] = Field(
        default_factory=list, description="Surnames or acronyms that other articles use alone for it, and why")


class ActorDetail(EntitySummary, _SameActor):
    model_config = _examples({
        "id": "person-lena-ortiz", "name": "Lena Ortiz", "type": "person", "aliases": ["Ortiz", "Mayor Ortiz"],
        "titles": ["Mayor", "mayor of Riverside"], "article_count": 12, "quote_count": 31, "mention_count": 58,
        "affiliations": [{"id": "org-riverside-city-council", "name": "Riverside City Council",
                          "shared_articles": 7, "named_in_titles": False}],
    })

    titles: list[str] = Field(description="Titles and roles articles give it, the most used first")
    affiliations: list[Affiliation] = Field(
        description="Organizations named in the same articles, those in its titles first, then by shared articles"
    )


class OrganizationDetail(EntitySummary, _SameActor):
    model_config = _examples({
        "id": "org-riverside-transit-authority", "name": "Riverside Transit Authority", "type": "organization",
        "aliases": ["RTA"], "article_count": 4, "quote_count": 2, "mention_count": 9,
        "people": [{"id": "person-tomas-reyes", "name": "Tomas Reyes", "shared_articles": 3}],
    })

    people: list[LinkedEntity] = Field(description="People named in the same articles, by shared articles")


class QuoteReport(BaseModel):
    """One article's report of a statement."""

    article_id: str
    quote_id: str = Field(description="The quote's id within its article")
    text: str = Field(description="The words as this article gives them")
    kind: QuoteKind
    speaker: str | None
    actor_id: str | None
    outlet: str | None = Field(description="Who published it: the agency, else the site name, else the source; "
                               "null when the article names none")
    title: str | None
    url: str | None
    published_at: str | None
    stored_at: datetime


# A statement's example, which StatementDetail's extends.
_STATEMENT_EXAMPLE = {
    "id": "st-555512992ce7f36a",
    "text": "We owe the commuters a safe crossing, and we will deliver it by May",
    "kind": "direct", "speaker": "Ortiz", "actor": {"id": "person-lena-ortiz", "name": "Lena Ortiz"},
    "first_reported_at": "2024-03-05T09:30:00Z", "report_count": 4,
    "reported_by": ["AP", "PinkNews", "SBS"], "articles_without_outlet": 1,
}


class StatementSummary(BaseModel):
    """A thing said, once, however many articles reported it."""

    model_config = _examples(_STATEMENT_EXAMPLE)

    id: str
    text: str = Field(description="The fullest version reported")
    kind: QuoteKind
    speaker: str | None = Field(description="The speaker as most reports write it")
    actor: ActorRef | None = Field(description="The speaker as resolved, if any report resolved it")
    first_reported_at: datetime = Field(description="Earliest publication date among its reports")
    report_count: int = Field(description="Articles' quotes reporting it")
    reported_by: list[str] = Field(
        description="Named outlets that reported it, each once, the earliest first. An article's outlet is its "
        "agency, else its site name, else the source the client named; articles naming none are not listed "
        "here but counted in articles_without_outlet"
    )
    articles_without_outlet: int = Field(
        default=0,
        description="Reporting articles whose outlet is unknown (GET /quotes/{id} lists them, with outlet null). "
        "They may be one outlet or several: they are counted, never guessed",
    )


class StatementDetail(StatementSummary):
    model_config = _examples({
        **_STATEMENT_EXAMPLE,
        "reports": [{"article_id": "5f2c9a1be04d7c3a", "quote_id": "q1",
                     "text": "\u201cWe owe the commuters a safe crossing, and we will deliver it by May,\u201d",
                     "kind": "direct", "speaker": "Ortiz", "actor_id": "person-lena-ortiz", "outlet": "AP",
                     "title": "Riverside bridge to reopen in May", "url": "https://ap.example/riverside",
                     "published_at": "2024-03-05T09:30:00+00:00", "stored_at": _STORED_AT}],
    })

    reports: list[QuoteReport] = Field(description="Every article that reported it, the earliest first")
