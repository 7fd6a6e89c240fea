"""Where the article is: its metadata apart from its clean body, from HTML or scraped text.

HTML goes through trafilatura first (main text, and metadata from the page's
markup); its main text is then read like scraped text, because captions,
datelines, credits and notices survive extraction as lines of text. Metadata
from the markup wins over what the text suggests; what the client supplied
wins over both. A site named only by the text's own notices and prompts is
the weakest clue of who published it: a source the client named wins over it.
"""

from __future__ import annotations

from newsflow_shared.events import ArticleMetadata, RawArticle, SuppliedMetadata

from newsflow_parse.html_extract import extract_html
from newsflow_parse.text_article import read_text_article


class NoTextExtracted(ValueError):
    """HTML from which no article text could be extracted: refused (dead-lettered) rather than stored empty."""


def extract_layout(raw: RawArticle) -> tuple[ArticleMetadata, str]:
    """(metadata, clean body); what the client supplied wins over what is extracted.

    Raises NoTextExtracted for HTML from which no text is extracted (markup nested past what
    the HTML parser reads, say, or a page of nothing but navigation): refused, not stored empty.
    """
    metadata, body = _extract(raw)
    return _with_supplied(metadata, raw.supplied), body


def _extract(raw: RawArticle) -> tuple[ArticleMetadata, str]:
    identifiers = (raw.supplied.external_id, raw.supplied.url)
    if raw.content_type == "text/html":
        page = extract_html(raw.content, raw.supplied.url)
        if not page.text.strip():
            raise NoTextExtracted(f"no article text could be extracted from the HTML of article {raw.article_id} "
                                  f"({len(raw.content):,} characters): post its text as text/plain instead")
        text = read_text_article(
            page.text, identifiers=(*identifiers, page.url), headline=page.title, headline_in_text=False
        )
        metadata = ArticleMetadata(
            title=page.title,
            authors=page.authors or text.authors,
            published_at=page.published_at or text.published_at,
            dateline=text.dateline,
            agency=text.agency,
            site_name=page.site_name or _unless_supplied(text.site_name, raw.supplied),
            url=page.url,
            language=page.language,
            captions=text.captions,
        )
        return metadata, text.body
    text = read_text_article(raw.content, identifiers=identifiers)
    metadata = ArticleMetadata(
        title=text.title,
        authors=text.authors,
        published_at=text.published_at,
        dateline=text.dateline,
        agency=text.agency,
        site_name=_unless_supplied(text.site_name, raw.supplied),
        captions=text.captions,
    )
    return metadata, text.body


def _unless_supplied(site_name: str | None, supplied: SuppliedMetadata) -> str | None:
    # The store names the outlet by site_name before source: a guess from the text must not hide the client's word.
    return None if supplied.source else site_name


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
