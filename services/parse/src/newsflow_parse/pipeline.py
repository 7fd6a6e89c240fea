"""From a raw article to a parsed one: the parse stage's domain logic, no transport."""

from __future__ import annotations

from newsflow_shared.events import ArticleMetadata, ParsedArticle, PipelineVersions, RawArticle, SuppliedMetadata
from newsflow_shared.settings import Settings
from newsflow_shared.stage import Stage

from newsflow_parse.html_extract import extract_html
from newsflow_parse.quotes import extract_direct_quotes
from newsflow_parse.text_layout import split_plain_text
from newsflow_parse.version import PARSE_VERSION


def parse_article(raw: RawArticle) -> ParsedArticle:
    metadata, body = _extract(raw)
    return ParsedArticle(
        article_id=raw.article_id,
        metadata=_with_supplied(metadata, raw.supplied),
        body=body,
        quotes=extract_direct_quotes(body, raw.article_id),
        pipeline=PipelineVersions(parse=PARSE_VERSION),
    )


def parse_articles(raws: list[RawArticle]) -> list[ParsedArticle]:
    return [parse_article(raw) for raw in raws]


def build_stage(settings: Settings) -> Stage[RawArticle, ParsedArticle]:
    return Stage(
        name="parse",
        input_topic=settings.topic_raw,
        input_model=RawArticle,
        output_topic=settings.topic_parsed,
        handle=parse_articles,
    )


def _extract(raw: RawArticle) -> tuple[ArticleMetadata, str]:
    if raw.content_type == "text/html":
        page = extract_html(raw.content, raw.supplied.url)
        metadata = ArticleMetadata(
            title=page.title,
            authors=page.authors,
            published_at=page.published_at,
            site_name=page.site_name,
            url=page.url,
            language=page.language,
        )
        return metadata, page.text
    title, body = split_plain_text(raw.content)
    return ArticleMetadata(title=title), body


def _with_supplied(metadata: ArticleMetadata, supplied: SuppliedMetadata) -> ArticleMetadata:
    """The client knows its article better than any extractor: what it supplied wins."""
    return metadata.model_copy(
        update={
            "title": supplied.title or metadata.title,
            "url": supplied.url or metadata.url,
            "published_at": supplied.published_at or metadata.published_at,
            "source": supplied.source,
            "external_id": supplied.external_id,
        }
    )
