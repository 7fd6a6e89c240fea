"""Where the article is: its metadata apart from its clean body, from HTML or scraped text."""

from __future__ import annotations

from newsflow_shared.events import ArticleMetadata, RawArticle, SuppliedMetadata

from newsflow_parse.html_extract import extract_html
from newsflow_parse.text_layout import split_plain_text


def extract_layout(raw: RawArticle) -> tuple[ArticleMetadata, str]:
    """(metadata, clean body); what the client supplied wins over what is extracted."""
    metadata, body = _extract(raw)
    return _with_supplied(metadata, raw.supplied), body


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
