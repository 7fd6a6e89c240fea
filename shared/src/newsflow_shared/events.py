"""The payloads of newsflow's topics: the contract between services.

`articles.enriched` is public: other systems consume it. Change it only
compatibly (add optional fields); a breaking change is a new event type version
published beside the old one. Consumers ignore fields they do not know.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

QuoteKind = Literal["direct", "indirect", "mixed"]
EntityType = Literal["person", "organization", "place", "group", "other"]


class Event(BaseModel):
    """Base of every topic payload.

    EVENT_TYPE is the CloudEvents `type`; its trailing vN changes only on a
    breaking change (published beside the old type). SCHEMA_VERSION (semver)
    changes with every change of the payload's JSON Schema; docs/schemas keeps
    each version, and a test fails when the model changes without it.
    """

    model_config = ConfigDict(extra="ignore")
    EVENT_TYPE: ClassVar[str]
    SCHEMA_VERSION: ClassVar[str]

    article_id: str = Field(description="Stable id derived from the article's normalized content")


class SuppliedMetadata(BaseModel):
    """What the client told ingest about the article; it wins over anything extracted."""

    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: str | None = None
    external_id: str | None = None


class RawArticle(Event):
    """articles.raw: an article as accepted by ingest."""

    EVENT_TYPE: ClassVar[str] = "newsflow.article.raw.v1"
    SCHEMA_VERSION: ClassVar[str] = "1.0.0"

    received_at: datetime
    content_type: Literal["text/plain", "text/html"]
    content: str = Field(description="The text or HTML exactly as posted")
    supplied: SuppliedMetadata = Field(default_factory=SuppliedMetadata)


class ArticleMetadata(BaseModel):
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published_at: str | None = Field(default=None, description="ISO 8601 date or date-time")
    dateline: str | None = None
    agency: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    captions: list[str] = Field(default_factory=list)
    source: str | None = Field(default=None, description="Source named by the client at ingest")
    external_id: str | None = None


class QuotePart(BaseModel):
    start: int = Field(description="Offset of the part's first character in body")
    end: int = Field(description="Offset one past the part's last character in body")


class Quote(BaseModel):
    id: str
    text: str = Field(description="What was said: the quoted parts' texts joined by one space")
    kind: QuoteKind
    start: int = Field(description="Offset of the quote's first character in body")
    end: int = Field(description="Offset one past the quote's last character in body")
    parts: list[QuotePart] = Field(
        default_factory=list,
        description="The spans of body the quote is made of, in order: one, or several when narration "
        "interrupts it (`“We are,” he said, “delighted.”`), the narration left out. From schema 1.1.0 on; "
        "empty in events of 1.0.0, where the quote is the one span start..end",
    )
    cue: str | None = Field(default=None, description="The reporting verb or phrase, e.g. 'said'")
    speaker: str | None = Field(default=None, description="Speaker mention as written, e.g. 'he', 'Lavrov'")
    speaker_start: int | None = None
    speaker_end: int | None = None
    actor_id: str | None = Field(default=None, description="Entity id of the speaker, set by enrich")
    found_by: str | None = Field(default=None, description="Id of the parse rule that found the quote "
                                 "(newsflow_parse.rules.FOUND_BY). From schema 1.2.0 on")
    speaker_by: str | None = Field(default=None, description="Id of the parse rule that chose the speaker "
                                   "mention (rules.SPEAKER_BY, or the FOUND_BY rule of a reported clause); "
                                   "null without a speaker. From schema 1.2.0 on")

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The (start, end) spans of body the quote is made of: its parts, or in an event of schema 1.0.0,
        which has none, the one span start..end."""
        return [(part.start, part.end) for part in self.parts] or [(self.start, self.end)]


class TitleQuote(Quote):
    """An attribution in the headline ("Pence: Flowers won't be at debate"). Its offsets (start, end,
    parts, speaker_start, speaker_end) index metadata.title, not the body."""

    start: int = Field(description="Offset of the quote's first character in metadata.title")
    end: int = Field(description="Offset one past the quote's last character in metadata.title")
    parts: list[QuotePart] = Field(default_factory=list,
                                   description="The spans of metadata.title the quote is made of, in order")
    speaker_start: int | None = Field(default=None, description="Offset of the speaker mention in metadata.title")
    speaker_end: int | None = None


class PipelineVersions(BaseModel):
    parse: str
    enrich: str | None = None


class ParsedArticle(Event):
    """articles.parsed: metadata split from a clean body, and the quotes in it."""

    EVENT_TYPE: ClassVar[str] = "newsflow.article.parsed.v1"
    # 1.1.0: Quote.parts; 1.2.0: Quote.found_by, speaker_by; 1.3.0: title_quotes
    SCHEMA_VERSION: ClassVar[str] = "1.3.0"

    metadata: ArticleMetadata
    body: str = Field(description="Clean article text; every offset points into it, except title_quotes'")
    quotes: list[Quote] = Field(default_factory=list)
    title_quotes: list[TitleQuote] = Field(
        default_factory=list,
        description="Attributions in the headline, whose offsets index metadata.title. From schema 1.3.0 on",
    )
    pipeline: PipelineVersions


class Mention(BaseModel):
    start: int
    end: int
    text: str


class Entity(BaseModel):
    id: str = Field(description="Stable across articles for the same canonical actor")
    name: str = Field(description="Canonical name")
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


class EnrichedArticle(ParsedArticle):
    """articles.enriched (public): a parsed article with its entities and resolved speakers."""

    EVENT_TYPE: ClassVar[str] = "newsflow.article.enriched.v1"
    # 1.1.0: Quote.parts; 1.2.0: Quote.found_by, speaker_by; 1.3.0: title_quotes
    SCHEMA_VERSION: ClassVar[str] = "1.3.0"

    entities: list[Entity] = Field(default_factory=list)
